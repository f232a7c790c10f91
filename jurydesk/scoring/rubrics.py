"""Rubric services: install a rubric, and find the rubric and method a region uses."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy import bindparam, exists, func, select
from sqlalchemy.orm import Session, aliased

from jurydesk.audit.chain import record, secretariat_actor
from jurydesk.audit.replay_tracked import rubric_digests
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.regions.service import get_region
from jurydesk.scoring.rubric import Rubric, load_rubric_file, parse_rubric
from jurydesk.store.models import Candidature, CriterionRow, Region, RubricRow, Score

DEFAULT_RUBRIC = "default"


def install_rubric(
    session: Session,
    rubric: Rubric,
    toml: str,
    *,
    replace: bool = False,
    actor: str | None = None,
) -> str:
    """Install (or, with ``replace``, update) a rubric; an added or updated one is a ``rubric``
    event carrying the digest of its criteria, weights and scales that `audit verify`
    compares (``actor`` None: not recorded, as `init` on a database whose key is locked)."""
    row = session.scalar(select(RubricRow).where(RubricRow.key == rubric.key))
    if row is not None and row.sha256 == rubric.sha256:
        return "unchanged"
    if row is not None and not replace:
        raise ScoringError(
            _("rubric '{key}' exists already; use --replace to update it").format(key=rubric.key)
        )
    if row is not None and _has_scores(session, row):
        raise ScoringError(
            _("rubric '{key}' is in use by scores and cannot change any more").format(
                key=rubric.key
            )
        )
    if row is None:
        row = RubricRow(key=rubric.key)
        session.add(row)
        outcome = "added"
    else:
        row.criteria.clear()
        session.flush()
        outcome = "updated"
    row.name, row.source, row.sha256, row.toml = rubric.name, rubric.source, rubric.sha256, toml
    row.criteria = [
        CriterionRow(
            round=r.number,
            key=c.key,
            position=i,
            weight=c.weight,
            min=c.min,
            max=c.max,
            knockout=c.knockout,
        )
        for r in rubric.rounds
        for i, c in enumerate(r.criteria)
    ]
    session.flush()
    if actor is not None:
        digest = rubric_digests(session, rubric.key)[f"rubric:{rubric.key}"]
        new = {"digest": digest, "sha256": rubric.sha256, "outcome": outcome}
        record(session, actor, "rubric", "rubric", rubric.key, None, new)
    return outcome


def _has_scores(session: Session, row: RubricRow) -> bool:
    regions = select(Region.id).where(Region.rubric_id == row.id)
    if row.key == DEFAULT_RUBRIC:
        regions = select(Region.id).where(
            (Region.rubric_id == row.id) | (Region.rubric_id.is_(None))
        )
    return bool(
        session.scalar(
            select(
                exists().where(
                    Score.candidature_id == Candidature.id, Candidature.region_id.in_(regions)
                )
            )
        )
    )


def add_rubric_file(
    session: Session, path: Path, *, replace: bool = False, actor: str | None = None
) -> tuple[Rubric, str]:
    rubric = load_rubric_file(path)
    toml = path.read_text("utf-8")
    return rubric, install_rubric(
        session, rubric, toml, replace=replace, actor=actor or secretariat_actor()
    )


@lru_cache(maxsize=32)
def parsed_rubric(toml: str, source: str) -> Rubric:
    """A stored rubric, parsed once per process."""
    return parse_rubric(toml.encode("utf-8"), source)


def no_rubric(slug: str) -> ScoringError:
    return ScoringError(
        _("no rubric installed for region '{slug}'; run 'jurydesk init'").format(slug=slug)
    )


def rubric_row_for(session: Session, region: Region) -> RubricRow:
    if region.rubric_id is not None:
        row = session.get(RubricRow, region.rubric_id)
    else:
        row = session.scalar(select(RubricRow).where(RubricRow.key == DEFAULT_RUBRIC))
    if row is None:
        raise no_rubric(region.slug)
    return row


_DEFAULT = aliased(RubricRow)
# The id of a region's rubric in SQL: its own, else the default rubric's. Queries that need a
# region's rubric join RubricRow on it (one query, no second look-up for the default).
REGION_RUBRIC_ID = func.coalesce(
    Region.rubric_id,
    select(_DEFAULT.id).where(_DEFAULT.key == DEFAULT_RUBRIC).scalar_subquery(),
)
_RUBRIC_OF = (
    select(RubricRow.toml, RubricRow.source)
    .select_from(Region)
    .outerjoin(RubricRow, RubricRow.id == REGION_RUBRIC_ID)
    .where(Region.slug == bindparam("slug"))
)


def rubric_for(session: Session, slug: str | None = None) -> Rubric:
    """The rubric of a region (or the default rubric)."""
    if slug is None:
        row = session.scalar(select(RubricRow).where(RubricRow.key == DEFAULT_RUBRIC))
        if row is None:
            raise ScoringError(_("no default rubric installed; run 'jurydesk init'"))
        return parsed_rubric(row.toml, row.source)
    # One query for the region's rubric text, or the default's (parsed once per process).
    found = session.execute(_RUBRIC_OF, {"slug": slug}).one_or_none()
    if found is None:
        get_region(session, slug)  # raises the usual "no region" message
    if found is None or found[0] is None:
        raise no_rubric(slug)
    return parsed_rubric(found[0], found[1])


def method_for(session: Session, slug: str) -> str:
    region = get_region(session, slug)
    return region.method or rubric_for(session, slug).aggregation.method


def set_region_rubric(
    session: Session, slug: str, rubric_key: str | None, method: str | None
) -> None:
    """Point a region at a rubric and/or choose its aggregation method."""
    from jurydesk.scoring.rubric import METHODS

    region = get_region(session, slug)
    if rubric_key is not None:
        row = session.scalar(select(RubricRow).where(RubricRow.key == rubric_key))
        if row is None:
            raise ScoringError(_("no rubric '{key}'").format(key=rubric_key))
        if row.id != region.rubric_id and session.scalar(
            select(
                exists().where(
                    Score.candidature_id == Candidature.id, Candidature.region_id == region.id
                )
            )
        ):
            raise ScoringError(
                _("region '{slug}' has scores already; its rubric cannot change").format(slug=slug)
            )
        region.rubric_id = row.id
    if method is not None:
        if method not in METHODS:
            raise ScoringError(
                _("'{method}' is not one of {methods}").format(
                    method=method, methods=", ".join(METHODS)
                )
            )
        region.method = method
