"""What a return is compared with: the juror's assignment and the secretariat's rows.

Read once per return, with statements built once (a batch merges a return per juror), on the
session's connection as plain rows: a return is compared with thousands of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from jurydesk.packs.pack import assigned
from jurydesk.store import Store
from jurydesk.store.models import Candidature, Decision, Evaluation, Region, Score, Setting

_JUROR = bindparam("juror")
_REGIONS = bindparam("regions", expanding=True)
_SLUGS = select(Region.id, Region.slug).where(Region.id.in_(_REGIONS))
_PITCH = select(Decision.candidature_id).where(
    Decision.round == 1, Decision.outcome == "shortlisted"
)
_SCORES = select(
    Score.id,
    Score.candidature_id,
    Score.round,
    Score.criterion,
    Score.value,
    Score.motivation,
    Score.version,
).where(Score.juror_id == _JUROR)
_EVALUATIONS = select(
    Evaluation.id,
    Evaluation.candidature_id,
    Evaluation.round,
    Evaluation.comment,
    Evaluation.version,
    Evaluation.finalized_at,
).where(Evaluation.juror_id == _JUROR)
_DECIDED = (
    select(Decision.candidature_id, Decision.round)
    .join(Candidature, Candidature.id == Decision.candidature_id)
    .where(Candidature.region_id.in_(_REGIONS))
)


@dataclass(frozen=True)
class MergeState:
    regions: dict[int, str]  # candidature id -> region slug, for what the juror scores
    pitch: set[int]  # candidatures that go to the pitch (round 2)
    scores: dict[tuple[int, int, str], Any]  # (candidature, round, criterion) -> row
    evaluations: dict[tuple[int, int], Any]  # (candidature, round) -> row
    decided: set[tuple[int, int]]  # (candidature, round) with a decision
    finalised: set[tuple[int, int]]  # (candidature, round) the juror finalised here


def merge_state(session: Session, juror: int) -> MergeState:
    panels = list(assigned(session, juror).items())
    connection = session.connection()
    region_ids = {"regions": [region for region, _ids in panels]}
    slugs = dict(connection.execute(_SLUGS, region_ids).all())
    regions = {c: slugs[region] for region, ids in panels for c in ids}
    evaluations = {
        (e.candidature_id, e.round): e
        for e in connection.execute(_EVALUATIONS, {"juror": juror}).all()
    }
    return MergeState(
        regions=regions,
        pitch=set(connection.execute(_PITCH).scalars()),
        scores={
            (s.candidature_id, s.round, s.criterion): s
            for s in connection.execute(_SCORES, {"juror": juror}).all()
        },
        evaluations=evaluations,
        decided={
            (cand, round_)
            for cand, round_ in connection.execute(_DECIDED, region_ids)
            if cand in regions
        },
        finalised={pair for pair, e in evaluations.items() if e.finalized_at is not None},
    )


def import_record(juror: int, sequence: int, at: str) -> str:
    """What a return's ``pack_import:<sha256>`` setting keeps: when, whose, which sequence
    (a file seen again is reported without opening it)."""
    return json.dumps({"at": at, "juror": juror, "sequence": sequence}, sort_keys=True)


def import_records(store: Store, digests: list[str]) -> list[dict[str, Any] | None]:
    """Per file hash (one query per 500 files): None when that very file was never imported;
    else what was recorded (``juror`` and ``sequence`` when the import was made by this
    version; earlier ones kept only the time)."""
    keys = [f"pack_import:{d}" for d in digests]
    found: dict[str, str] = {}
    with store.reader() as session:
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found.update(
                (k, v)
                for k, v in session.execute(
                    select(Setting.key, Setting.value).where(Setting.key.in_(chunk))
                )
            )
    out: list[dict[str, Any] | None] = []
    for key in keys:
        if key not in found:
            out.append(None)
            continue
        try:
            record = json.loads(found[key])
        except ValueError:
            record = None
        out.append(record if isinstance(record, dict) else {"at": found[key]})
    return out
