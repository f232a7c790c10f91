"""Scores: one per juror, candidature, round and criterion; every edit committed at once.

Each edit bumps the row's version and appends an audit event (who, when, old, new). A juror
finalises a candidature in a round, which locks their scores; the secretariat can reopen
them with a reason. What a juror may see of other jurors' scores follows the blind rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.scoring.context import scoring_context
from jurydesk.scoring.rubric import Criterion
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store.models import Candidature, Evaluation, Region, Score

BLIND_AFTER_FINALIZE = "after_finalize"
BLIND_NEVER = "never"


@dataclass(frozen=True)
class ScoreRow:
    juror: int
    candidature: int
    round: int
    criterion: str
    value: float | None
    motivation: str
    version: int
    finalized: bool


@dataclass(frozen=True)
class SavedScore:
    version: int
    value: float | None
    motivation: str
    changed: bool


def _evaluation(
    session: Session, juror_id: int, candidature_id: int, round_: int, create: bool
) -> Evaluation | None:
    evaluation = session.scalar(
        select(Evaluation).where(
            Evaluation.juror_id == juror_id,
            Evaluation.candidature_id == candidature_id,
            Evaluation.round == round_,
        )
    )
    if evaluation is None and create:
        evaluation = Evaluation(
            juror_id=juror_id,
            candidature_id=candidature_id,
            round=round_,
            comment="",
            version=1,
            updated_at=datetime.now(UTC),
        )
        session.add(evaluation)
    return evaluation


def parse_value(criterion: Criterion, value: object) -> float | None:
    """A score value on the criterion's scale, or None to clear it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number_type = isinstance(value, int | float) and not isinstance(value, bool)
    if number_type and float(value) in criterion.allowed:  # type: ignore[arg-type]
        return float(value)  # type: ignore[arg-type]  # the common case: on the scale
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ScoringError(_("'{value}' is not a number").format(value=value)) from None
    if not number.is_finite() or not criterion.is_valid(number):
        allowed = ", ".join(str(v).replace(".0", "") for v in criterion.values())
        raise ScoringError(
            _("{value} is not on the scale of '{label}' ({allowed})").format(
                value=value, label=criterion.label, allowed=allowed
            )
        )
    return float(number)


def _refuse_if_final(evaluation: Evaluation | None) -> None:
    if evaluation is not None and evaluation.finalized_at is not None:
        raise ScoringError(
            _("these scores are finalised and locked; the secretariat can reopen them")
        )


_JUROR = bindparam("juror")
_CANDIDATURE = bindparam("candidature")
_ROUND = bindparam("round")
_CRITERION = bindparam("criterion_key")
# The edit's statements, built once: a score is saved on every keystroke that changes it, and
# they run on the session's connection (the rows are plain tuples, never ORM objects that a
# later query of the same session could hold stale).
_NEW_EVALUATION = insert(Evaluation).values(
    juror_id=_JUROR,
    candidature_id=_CANDIDATURE,
    round=_ROUND,
    comment="",
    version=1,
    updated_at=bindparam("now"),
)
_SCORE = (
    select(Score.id, Score.value, Score.motivation, Score.version)
    .where(
        Score.juror_id == _JUROR,
        Score.candidature_id == _CANDIDATURE,
        Score.round == _ROUND,
        Score.criterion == _CRITERION,
    )
    .with_for_update()
)
_NEW_SCORE = insert(Score).values(
    juror_id=_JUROR,
    candidature_id=_CANDIDATURE,
    round=_ROUND,
    criterion=_CRITERION,
    value=bindparam("new_value"),
    motivation=bindparam("new_motivation"),
    version=1,
    updated_at=bindparam("now"),
)
_CHANGE_SCORE = (
    update(Score)
    .where(Score.id == bindparam("score_id"))
    .values(
        value=bindparam("new_value"),
        motivation=bindparam("new_motivation"),
        version=bindparam("new_version"),
        updated_at=bindparam("now"),
    )
)


def set_score(
    session: Session,
    actor: str,
    juror_id: int,
    candidature_id: int,
    round_: int,
    criterion_key: str,
    value: object = None,
    motivation: str | None = None,
    expected_version: int | None = None,
) -> SavedScore:
    """Save one score (value and/or motivation). ``motivation=None`` keeps the motivation."""
    session.flush()  # an evaluation or comment this session has not written yet
    context = scoring_context(session, juror_id, candidature_id, round_)
    parsed = parse_value(context.criterion(round_, criterion_key), value)
    if context.finalized:
        raise ScoringError(
            _("these scores are finalised and locked; the secretariat can reopen them")
        )
    connection = session.connection()
    now = datetime.now(UTC)
    key = {"juror": juror_id, "candidature": candidature_id, "round": round_}
    if not context.has_evaluation:
        connection.execute(_NEW_EVALUATION, {**key, "now": now})
    score = connection.execute(_SCORE, {**key, "criterion_key": criterion_key}).first()
    current = 0 if score is None else score.version
    if expected_version is not None and expected_version != current:
        raise ScoringError(
            _(
                "this score was changed elsewhere (version {current}, you had "
                "{expected}); reload it"
            ).format(current=current, expected=expected_version)
        )
    new_motivation = (
        motivation if motivation is not None else (score.motivation if score is not None else "")
    )
    if score is not None and score.value == parsed and score.motivation == new_motivation:
        return SavedScore(score.version, score.value, score.motivation, changed=False)
    written = {"new_value": parsed, "new_motivation": new_motivation, "now": now}
    if score is None:
        connection.execute(_NEW_SCORE, {**key, "criterion_key": criterion_key, **written})
        old = None
    else:
        connection.execute(
            _CHANGE_SCORE, {"score_id": score.id, "new_version": current + 1, **written}
        )
        old = {"value": score.value, "motivation": score.motivation, "version": current}
    audit.record(
        session,
        actor,
        "score",
        "score",
        f"{juror_id}/{candidature_id}/{round_}/{criterion_key}",
        old,
        {"value": parsed, "motivation": new_motivation, "version": current + 1},
    )
    return SavedScore(current + 1, parsed, new_motivation, changed=True)


def set_comment(
    session: Session, actor: str, juror_id: int, candidature_id: int, round_: int, comment: str
) -> None:
    scoring_context(session, juror_id, candidature_id, round_)
    evaluation = _evaluation(session, juror_id, candidature_id, round_, create=True)
    assert evaluation is not None
    _refuse_if_final(evaluation)
    if evaluation.comment == comment:
        return
    old = evaluation.comment
    evaluation.comment = comment
    evaluation.version += 1
    evaluation.updated_at = datetime.now(UTC)
    audit.record(
        session,
        actor,
        "comment",
        "evaluation",
        f"{juror_id}/{candidature_id}/{round_}",
        {"comment": old},
        {"comment": comment},
    )


def missing_criteria(
    session: Session, juror_id: int, candidature_id: int, round_: int
) -> list[str]:
    """The labels of the criteria this juror has not scored yet."""
    candidature = session.get(Candidature, candidature_id)
    region = session.get(Region, candidature.region_id) if candidature else None
    if region is None:
        return []
    scored = set(
        session.scalars(
            select(Score.criterion).where(
                Score.juror_id == juror_id,
                Score.candidature_id == candidature_id,
                Score.round == round_,
                Score.value.is_not(None),
            )
        )
    )
    return [
        c.label
        for c in rubric_for(session, region.slug).round(round_).criteria
        if c.key not in scored
    ]


def finalize(session: Session, actor: str, juror_id: int, candidature_id: int, round_: int) -> None:
    scoring_context(session, juror_id, candidature_id, round_)
    missing = missing_criteria(session, juror_id, candidature_id, round_)
    if missing:
        raise ScoringError(
            _("cannot finalise: no score yet for {criteria}").format(criteria="; ".join(missing))
        )
    evaluation = _evaluation(session, juror_id, candidature_id, round_, create=True)
    assert evaluation is not None
    if evaluation.finalized_at is not None:
        return
    evaluation.finalized_at = datetime.now(UTC)
    evaluation.version += 1
    audit.record(
        session,
        actor,
        "finalize",
        "evaluation",
        f"{juror_id}/{candidature_id}/{round_}",
        None,
        {"finalized_at": evaluation.finalized_at.isoformat()},
    )


def reopen(
    session: Session, actor: str, juror_id: int, candidature_id: int, round_: int, reason: str
) -> None:
    """The secretariat unlocks a juror's finalised scores; the reason is required."""
    if not reason.strip():
        raise ScoringError(_("reopening needs a reason"))
    evaluation = _evaluation(session, juror_id, candidature_id, round_, create=False)
    if evaluation is None or evaluation.finalized_at is None:
        raise ScoringError(_("these scores are not finalised"))
    old = evaluation.finalized_at.isoformat()
    evaluation.finalized_at = None
    evaluation.version += 1
    audit.record(
        session,
        actor,
        "reopen",
        "evaluation",
        f"{juror_id}/{candidature_id}/{round_}",
        {"finalized_at": old},
        {"reason": reason.strip()},
    )


def _rows(session: Session, query, finals_query) -> list[ScoreRow]:  # type: ignore[no-untyped-def]
    finals = {(j, c, r) for j, c, r in session.execute(finals_query)}
    return [
        ScoreRow(
            juror=s.juror_id,
            candidature=s.candidature_id,
            round=s.round,
            criterion=s.criterion,
            value=s.value,
            motivation=s.motivation,
            version=s.version,
            finalized=(s.juror_id, s.candidature_id, s.round) in finals,
        )
        for s in session.scalars(query)
    ]


def list_scores(
    session: Session, region_id: int, round_: int, candidature_id: int | None = None
) -> list[ScoreRow]:
    """Every score of a region and round (the secretariat's view), or of one candidature."""
    query = (
        select(Score)
        .join(Candidature, Candidature.id == Score.candidature_id)
        .where(Candidature.region_id == region_id, Score.round == round_)
        .order_by(Score.candidature_id, Score.juror_id, Score.id)
    )
    finals = (
        select(Evaluation.juror_id, Evaluation.candidature_id, Evaluation.round)
        .join(Candidature, Candidature.id == Evaluation.candidature_id)
        .where(
            Candidature.region_id == region_id,
            Evaluation.round == round_,
            Evaluation.finalized_at.is_not(None),
        )
    )
    if candidature_id is not None:
        query = query.where(Score.candidature_id == candidature_id)
        finals = finals.where(Evaluation.candidature_id == candidature_id)
    return _rows(session, query, finals)


def visible_scores(
    session: Session,
    juror_id: int,
    region_id: int,
    round_: int,
    blind: str | None = None,
    candidature_id: int | None = None,
) -> list[ScoreRow]:
    """What a juror may see: their own scores, and others' only where they have finalised.

    ``blind`` defaults to the rule of the region's rubric (``aggregation.blind``).
    """
    if blind is None:
        region = session.get(Region, region_id)
        assert region is not None
        blind = rubric_for(session, region.slug).aggregation.blind
    mine_final = set(
        session.scalars(
            select(Evaluation.candidature_id).where(
                Evaluation.juror_id == juror_id,
                Evaluation.round == round_,
                Evaluation.finalized_at.is_not(None),
            )
        )
    )
    rows = list_scores(session, region_id, round_, candidature_id)
    return [
        r
        for r in rows
        if r.juror == juror_id or (blind == BLIND_AFTER_FINALIZE and r.candidature in mine_final)
    ]
