"""Thresholds and tie-break rules per region (settings), and the recorded lottery.

- **Thresholds** (per round): ``{"total": T, "criteria": {KEY: M}}``. A candidature whose final
  score under the region's method is below ``T`` (0-100), or whose mean score on criterion
  ``KEY`` over its jurors is below ``M`` (on that criterion's scale), is proposed out, whatever
  its rank. It keeps its place in the ranking, marked.
- **Tie-break rules**, applied in order to candidatures with the same score under the method:
  ``criterion:KEY`` puts the higher mean on that criterion first; ``lottery`` puts the lower
  recorded lot first and may only be the last rule. Without rules the built-in chain applies
  (median, mean, smaller spread); after every chain the earlier receipt, then the lower number.
- **The lottery** is drawn once per region (``draw_lots``): a random order of its candidatures
  from the operating system's generator, written to the region and to the audit chain. It is
  never drawn again; a candidature added later has no lot and comes after those that have one.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.regions.service import get_region
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store.models import WITHDRAWN, Candidature
from jurydesk.store.quality_models import RegionQuality

LOTTERY = "lottery"
CRITERION = "criterion:"


@dataclass(frozen=True)
class Thresholds:
    total: float | None = None
    criteria: dict[str, float] = field(default_factory=dict)

    def failures(
        self, score: float | None, means: Mapping[str, float], labels: Mapping[str, str]
    ) -> list[str]:
        """The labels of what this candidature falls below (empty when it passes)."""
        out = []
        if self.total is not None and score is not None and score < self.total:
            out.append(_("total below {minimum}").format(minimum=f"{self.total:g}"))
        for key, minimum in self.criteria.items():
            value = means.get(key)
            if value is not None and value < minimum:
                out.append(
                    _("{criterion} below {minimum}").format(
                        criterion=labels.get(key, key), minimum=f"{minimum:g}"
                    )
                )
        return out


def thresholds_of(settings: Mapping[str, Any] | None, round_: int) -> Thresholds:
    raw = (settings or {}).get(str(round_)) or {}
    total = raw.get("total")
    return Thresholds(
        None if total is None else float(total),
        {str(k): float(v) for k, v in (raw.get("criteria") or {}).items()},
    )


def rule_keys(rules: Sequence[str]) -> list[str]:
    """The criterion keys the rules compare."""
    return [r[len(CRITERION) :] for r in rules if r.startswith(CRITERION)]


def check_rules(rules: Sequence[str], criteria: set[str]) -> list[str]:
    """The rules as given, or a ScoringError naming the first bad one."""
    out = []
    for position, rule in enumerate(rules):
        if rule == LOTTERY:
            if position != len(rules) - 1:
                raise ScoringError(_("the lottery can only be the last tie-break rule"))
        elif not rule.startswith(CRITERION) or rule[len(CRITERION) :] not in criteria:
            raise ScoringError(
                _(
                    "unknown tie-break rule {rule}: use criterion:KEY (one of {keys}) or lottery"
                ).format(rule=rule, keys=", ".join(sorted(criteria)))
            )
        out.append(rule)
    if len(set(out)) != len(out):
        raise ScoringError(_("a tie-break rule is given twice"))
    return out


def tie_key(rules: Sequence[str], means: Mapping[str, float], lot: int | None) -> tuple[float, ...]:
    """The part of the sort key the region's rules decide (smaller sorts first)."""
    key: list[float] = []
    for rule in rules:
        if rule == LOTTERY:
            key.extend((lot is None, lot or 0))
        else:
            value = means.get(rule[len(CRITERION) :])
            key.extend((value is None, -(value or 0.0)))
    return tuple(key)


@dataclass(frozen=True)
class QualitySettings:
    thresholds: dict[str, Any]
    tie_breaks: list[str]
    lots: dict[str, int]


def _row(session: Session, slug: str, create: bool = False) -> RegionQuality | None:
    region = get_region(session, slug)
    row = session.get(RegionQuality, region.id)
    if row is None and create:
        row = RegionQuality(region_id=region.id, thresholds={}, tie_breaks=[], lots={})
        session.add(row)
    return row


def quality_settings(session: Session, slug: str) -> QualitySettings:
    row = _row(session, slug)
    if row is None:
        return QualitySettings({}, [], {})
    return QualitySettings(
        dict(row.thresholds or {}), list(row.tie_breaks or []), dict(row.lots or {})
    )


def _rubric_criteria(session: Session, slug: str) -> dict[int, dict[str, tuple[int, int]]]:
    rubric = rubric_for(session, slug)
    return {n: {c.key: (c.min, c.max) for c in rubric.round(n).criteria} for n in (1, 2)}


def set_thresholds(
    session: Session,
    actor: str,
    slug: str,
    round_: int,
    total: float | None,
    criteria: Mapping[str, float],
) -> Thresholds:
    """Set one round's thresholds (``total`` None and no criteria clears them); audited."""
    if round_ not in (1, 2):
        raise ScoringError(_("round must be 1 or 2"))
    scales = _rubric_criteria(session, slug)[round_]
    if total is not None and not 0 <= total <= 100:
        raise ScoringError(_("the minimum total must lie between 0 and 100"))
    for key, minimum in criteria.items():
        if key not in scales:
            raise ScoringError(
                _("unknown criterion {key} in round {round}").format(key=key, round=round_)
            )
        low, high = scales[key]
        if not low <= minimum <= high:
            raise ScoringError(
                _("the minimum for {key} must lie between {low} and {high}").format(
                    key=key, low=low, high=high
                )
            )
    region = _row(session, slug, create=True)
    assert region is not None
    old = dict(region.thresholds or {})
    new = dict(old)
    entry: dict[str, Any] = {}
    if total is not None:
        entry["total"] = float(total)
    if criteria:
        entry["criteria"] = {k: float(v) for k, v in criteria.items()}
    if entry:
        new[str(round_)] = entry
    else:
        new.pop(str(round_), None)
    region.thresholds = new
    audit.record(session, actor, "thresholds", "region", slug, old, new)
    return thresholds_of(new, round_)


def set_tie_breaks(session: Session, actor: str, slug: str, rules: Sequence[str]) -> list[str]:
    """Set the region's ordered tie-break rules (empty: the built-in chain); audited."""
    scales = _rubric_criteria(session, slug)
    checked = check_rules(list(rules), set(scales[1]) | set(scales[2]))
    region = _row(session, slug, create=True)
    assert region is not None
    old = list(region.tie_breaks or [])
    region.tie_breaks = checked
    audit.record(session, actor, "tie_breaks", "region", slug, old, checked)
    return checked


def draw_lots(session: Session, actor: str, slug: str) -> dict[int, int]:
    """Draw the region's lottery once: lot 1..n over its candidatures, recorded and audited."""
    settings = _row(session, slug)
    if settings is None or LOTTERY not in (settings.tie_breaks or []):
        raise ScoringError(_("add the lottery as the last tie-break rule before drawing lots"))
    if settings.lots:
        raise ScoringError(_("the lots of this region were drawn already; they are not redrawn"))
    candidatures = list(
        session.scalars(
            select(Candidature.id)
            .where(Candidature.region_id == settings.region_id, Candidature.status != WITHDRAWN)
            .order_by(Candidature.id)
        )
    )
    if not candidatures:
        raise ScoringError(_("the region has no candidatures to draw lots for"))
    order = list(candidatures)
    secrets.SystemRandom().shuffle(order)
    lots = {str(c): n for n, c in enumerate(order, start=1)}
    settings.lots = lots
    audit.record(session, actor, "draw_lots", "region", slug, None, lots)
    return {int(c): n for c, n in lots.items()}
