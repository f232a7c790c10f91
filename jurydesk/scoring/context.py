"""May this juror write in this candidature's round? The checks before every score edit.

One query answers all of them (the juror exists, the candidature and its region, the panel,
the juror's signed declaration for the region, a declared conflict, the round 1 decision that
opens round 2, the region's rubric, whether the juror's evaluation exists and is finalised): a
score is saved on every keystroke that changes it, so this runs often.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.jury.service import get_juror
from jurydesk.scoring.rubric import Criterion, Rubric
from jurydesk.scoring.rubrics import REGION_RUBRIC_ID, no_rubric, parsed_rubric
from jurydesk.store.meeting_models import Declaration
from jurydesk.store.models import (
    Candidature,
    Conflict,
    Decision,
    Evaluation,
    Juror,
    PanelMember,
    Region,
    RubricRow,
)


@dataclass(frozen=True)
class ScoringContext:
    region_id: int
    slug: str
    name: str
    rubric: Rubric
    has_evaluation: bool = False  # the juror's evaluation row of this candidature and round
    finalized: bool = False  # ... and it is finalised (the scores are locked)

    def criterion(self, round_: int, key: str) -> Criterion:
        criterion = self.rubric.round(round_).criterion(key)
        if criterion is None:
            keys = ", ".join(c.key for c in self.rubric.round(round_).criteria)
            raise ScoringError(
                _("round {round} has no criterion '{key}' (it has {keys})").format(
                    round=round_, key=key, keys=keys
                )
            )
        return criterion


_JUROR = bindparam("juror")
_CANDIDATURE = bindparam("candidature")
_ROUND = bindparam("round")
# Built once: the statement is the same on every keystroke, only its parameters change.
_CONTEXT = (
    select(
        Region.id,
        Region.slug,
        Region.name,
        select(Juror.id).where(Juror.id == _JUROR).exists(),
        select(PanelMember.id)
        .where(
            PanelMember.juror_id == _JUROR,
            PanelMember.region_id == Candidature.region_id,
            PanelMember.round == _ROUND,
        )
        .exists(),
        select(Conflict.id)
        .where(Conflict.juror_id == _JUROR, Conflict.candidature_id == _CANDIDATURE)
        .exists(),
        select(Declaration.id)
        .where(Declaration.juror_id == _JUROR, Declaration.region_id == Candidature.region_id)
        .exists(),
        select(Decision.outcome)
        .where(Decision.candidature_id == _CANDIDATURE, Decision.round == 1)
        .scalar_subquery(),
        RubricRow.toml,
        RubricRow.source,
        Evaluation.id,
        Evaluation.finalized_at,
    )
    .select_from(Candidature)
    .join(Region, Region.id == Candidature.region_id)
    .outerjoin(RubricRow, RubricRow.id == REGION_RUBRIC_ID)
    .outerjoin(
        Evaluation,
        (Evaluation.juror_id == _JUROR)
        & (Evaluation.candidature_id == Candidature.id)
        & (Evaluation.round == _ROUND),
    )
    .where(Candidature.id == _CANDIDATURE)
)


def scoring_context(
    session: Session, juror_id: int, candidature_id: int, round_: int
) -> ScoringContext:
    """The region and rubric of the candidature; ScoringError (the same messages as ever)
    when the juror may not write there."""
    row = (
        session.connection()
        .execute(_CONTEXT, {"juror": juror_id, "candidature": candidature_id, "round": round_})
        .one_or_none()
    )
    if row is None or not row[3]:
        get_juror(session, juror_id)  # the juror's own message first, as before
    if row is None:
        raise ScoringError(_("no candidature with id {id}").format(id=candidature_id))
    (
        rid,
        slug,
        name,
        _juror,
        on_panel,
        conflicted,
        signed,
        first,
        toml,
        source,
        evaluation,
        final,
    ) = row
    if round_ not in (1, 2):
        raise ScoringError(_("round {round} does not exist (1 or 2)").format(round=round_))
    if not on_panel:
        raise ScoringError(
            _("juror {juror} is not on the round {round} panel of {region}").format(
                juror=juror_id, round=round_, region=name
            )
        )
    if not signed:
        raise ScoringError(
            _(
                "juror {juror} has not signed the declaration (verklaring op eer) for {region}; "
                "sign it before scoring"
            ).format(juror=juror_id, region=name)
        )
    if conflicted:
        raise ScoringError(
            _(
                "juror {juror} declared a conflict of interest with candidature "
                "{candidature} and cannot score it"
            ).format(juror=juror_id, candidature=candidature_id)
        )
    if round_ == 2 and first != "shortlisted":
        raise ScoringError(
            _(
                "candidature {candidature} does not go to the pitch (round 2) by a round 1 decision"
            ).format(candidature=candidature_id)
        )
    if toml is None:  # neither the region's own rubric nor the default one is installed
        raise no_rubric(slug)
    rubric = parsed_rubric(toml, source)
    return ScoringContext(rid, slug, name, rubric, evaluation is not None, final is not None)
