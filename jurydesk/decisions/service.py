"""Decisions per candidature and round, with a required motivation; deliberation notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.regions.service import get_region
from jurydesk.store.models import Candidature, Decision, Note


def outcome_label(outcome: str) -> str:
    return {
        "shortlisted": _("to the pitch"),
        "selected": _("selected"),
        "not_selected": _("not selected"),
        "reserve": _("reserve"),
    }.get(outcome, outcome)


@dataclass(frozen=True)
class DecisionRow:
    candidature: int
    round: int
    outcome: str
    motivation: str
    communicated_on: date | None
    recorded_by: str
    recorded_at: datetime
    needs_review: bool = False  # a return changed scores of this round after it
    # criterion key -> the text the secretariat chose for the letter
    criterion_texts: dict[str, str] = field(default_factory=dict)


def decide(
    session: Session,
    actor: str,
    candidature_id: int,
    round_: int,
    outcome: str,
    motivation: str,
    communicated_on: date | None = None,
    criterion_texts: dict[str, str] | None = None,
    *,
    override_reason: str = "",
    deviation_reason: str = "",
    meeting_id: int | None = None,
) -> DecisionRow:
    """Record (or record again) a decision. ``criterion_texts`` are the per-criterion texts
    the letter prints (the jury's agreed text, chosen by the secretariat); None keeps the
    ones recorded before, an empty text drops that criterion's. The guards (guards.py) want
    enough finalised jurors or an ``override_reason``, and a ``deviation_reason`` for an
    outcome other than the proposed one."""
    # the guards, rankings and rubrics load when a decision is recorded, not with the list
    # of outcomes the main window reads at start
    from jurydesk.decisions import guards
    from jurydesk.results.ranking import OUTCOMES

    if round_ not in OUTCOMES:
        raise ScoringError(_("round {round} does not exist (1 or 2)").format(round=round_))
    if outcome not in OUTCOMES[round_]:
        raise ScoringError(
            _("'{outcome}' is not a decision of round {round} (use {allowed})").format(
                outcome=outcome, round=round_, allowed=", ".join(OUTCOMES[round_])
            )
        )
    motivation = motivation.strip()
    if not motivation:
        raise ScoringError(_("a decision needs a motivation"))
    candidature = session.get(Candidature, candidature_id)
    if candidature is None:
        raise ScoringError(_("no candidature with id {id}").format(id=candidature_id))
    if candidature.calibration:
        raise ScoringError(
            _("candidature {id} is a calibration anchor: it gets no decision").format(
                id=candidature_id
            )
        )
    if round_ == 2:
        first = session.scalar(
            select(Decision.outcome).where(
                Decision.candidature_id == candidature_id, Decision.round == 1
            )
        )
        if first != "shortlisted":
            raise ScoringError(
                _("candidature {candidature} did not go to the pitch; decide round 1 first").format(
                    candidature=candidature_id
                )
            )
    texts = _checked_texts(session, candidature_id, round_, criterion_texts)
    guard = guards.check(
        session, candidature_id, round_, outcome, override_reason, deviation_reason
    )
    if meeting_id is not None:
        from jurydesk.decisions.meetings import check_on_agenda

        check_on_agenda(session, meeting_id, candidature_id, round_)
    guards.keep(session, actor, candidature_id, round_, outcome, guard, meeting_id)
    row = session.scalar(
        select(Decision).where(Decision.candidature_id == candidature_id, Decision.round == round_)
    )
    now = datetime.now(UTC)
    old = None
    if row is None:
        row = Decision(candidature_id=candidature_id, round=round_, version=1)
        session.add(row)
    else:
        old = {
            "outcome": row.outcome,
            "motivation": row.motivation,
            "communicated_on": row.communicated_on,
            "version": row.version,
        }
        if row.criterion_texts:
            old["criterion_texts"] = dict(row.criterion_texts)
        row.version += 1
    if communicated_on is None and row.communicated_on is not None:
        communicated_on = row.communicated_on  # not given: the date it was sent stays
    if texts is None:
        texts = dict(row.criterion_texts or {})
    row.outcome, row.motivation, row.communicated_on = outcome, motivation, communicated_on
    row.criterion_texts = texts
    row.recorded_by, row.recorded_at = actor, now
    row.needs_review = False  # recorded again: reviewed
    audit.record(
        session,
        actor,
        "decide",
        "decision",
        f"{candidature_id}/{round_}",
        old,
        {
            "outcome": outcome,
            "motivation": motivation,
            "communicated_on": communicated_on,
            "version": row.version,
            **({"criterion_texts": texts} if texts else {}),
            **({"override_reason": guard.override_reason} if guard.override_reason else {}),
            **({"deviation_reason": guard.deviation_reason} if guard.deviation_reason else {}),
            **({"meeting": meeting_id} if meeting_id is not None else {}),
        },
    )
    return _row(row)


def _checked_texts(
    session: Session, candidature_id: int, round_: int, texts: dict[str, str] | None
) -> dict[str, str] | None:
    """The per-criterion letter texts, each key a criterion of the round's rubric."""
    from jurydesk.scoring.rubrics import rubric_for

    if texts is None:
        return None
    candidature = session.get(Candidature, candidature_id)
    assert candidature is not None
    keys = [c.key for c in rubric_for(session, candidature.region.slug).round(round_).criteria]
    out = {}
    for key, text in texts.items():
        if key not in keys:
            raise ScoringError(
                _("'{key}' is not a criterion of round {round} (use {allowed})").format(
                    key=key, round=round_, allowed=", ".join(keys)
                )
            )
        if text.strip():
            out[key] = text.strip()
    return {k: out[k] for k in keys if k in out}


def letter_criterion_texts(session: Session, candidature_id: int, round_: int) -> dict[str, str]:
    """criterion key -> the text a letter prints under that criterion: the jury's approved
    consensus text (consensus.py); until a consensus is approved, the text the secretariat
    chose for the decision. Never the individual jurors' motivations, which stay the jury's
    working notes. The one place letters ask for it."""
    from jurydesk.decisions.consensus import approved_texts

    agreed = {k: v for k, v in approved_texts(session, candidature_id, round_).items() if v}
    if agreed:
        return agreed
    texts = session.scalar(
        select(Decision.criterion_texts).where(
            Decision.candidature_id == candidature_id, Decision.round == round_
        )
    )
    return dict(texts or {})


def _row(d: Decision) -> DecisionRow:
    return DecisionRow(
        d.candidature_id,
        d.round,
        d.outcome,
        d.motivation,
        d.communicated_on,
        d.recorded_by,
        d.recorded_at,
        bool(d.needs_review),
        dict(d.criterion_texts or {}),
    )


def list_decisions(session: Session, region_id: int) -> list[DecisionRow]:
    return [
        _row(d)
        for d in session.scalars(
            select(Decision)
            .join(Candidature, Candidature.id == Decision.candidature_id)
            .where(Candidature.region_id == region_id)
            .order_by(Decision.round, Decision.candidature_id)
        )
    ]


def set_note(session: Session, actor: str, candidature_id: int, text: str) -> None:
    if session.get(Candidature, candidature_id) is None:
        raise ScoringError(_("no candidature with id {id}").format(id=candidature_id))
    note = session.get(Note, candidature_id)
    old = note.text if note is not None else None
    if note is None:
        note = Note(
            candidature_id=candidature_id, text=text, updated_by=actor, updated_at=datetime.now(UTC)
        )
        session.add(note)
    else:
        note.text, note.updated_by, note.updated_at = text, actor, datetime.now(UTC)
    audit.record(session, actor, "note", "note", str(candidature_id), {"text": old}, {"text": text})


def get_note(session: Session, candidature_id: int) -> str:
    note = session.get(Note, candidature_id)
    return note.text if note is not None else ""


def latest_outcomes(session: Session, slug: str) -> dict[int, str]:
    """Per candidature of a region where it stands: the outcome of its latest decision."""
    region = get_region(session, slug)
    rows = session.execute(
        select(Decision.candidature_id, Decision.round, Decision.outcome)
        .join(Candidature, Candidature.id == Decision.candidature_id)
        .where(Candidature.region_id == region.id)
        .order_by(Decision.round)
    )
    return {cand: outcome for cand, _round, outcome in rows}


def note_unscored(
    session: Session, actor: str, candidature_id: int, round_: int, reason: str
) -> None:
    """Why a decision was taken while no juror had scored the candidature (audited, in the
    decision's own transaction); the reason is required."""
    reason = reason.strip()
    if not reason:
        raise ScoringError(_("say why this candidature is decided without scores"))
    audit.record(
        session,
        actor,
        "decide_unscored",
        "candidature",
        str(candidature_id),
        None,
        {"round": round_, "reason": reason},
    )
