"""What a decision letter says, gathered from the store as plain data (no PDF here).

Every sentence is a fact of the addendum (quoted), a setting the secretariat entered, or the
jury's own decision: a template paragraph whose field is empty (no pitch place set, no late
arrival, no chosen criterion text) is left out, never filled in with a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jurydesk.candidatures.rules import region_rules
from jurydesk.decisions.service import letter_criterion_texts
from jurydesk.errors import ScoringError
from jurydesk.i18n import _, format_long_date, format_long_datetime, format_number
from jurydesk.letters.fields import base_fields, fill, no_signatory
from jurydesk.letters.template import Signatory, load_template
from jurydesk.pitch.schedule import RunningOrder, running_order
from jurydesk.rebuttals.service import (
    communication_warning,
    describe_window,
    letter_outcomes,
    letter_rule,
    phase_warning,
    rebuttable_outcomes,
    window_for,
)
from jurydesk.regions.service import get_region, region_detail
from jurydesk.results.ranking import compute_results
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.settings.letters import LetterSettings, load_letter_settings
from jurydesk.store.models import WITHDRAWN, Candidature, Conflict, Decision, Rebuttal, Score
from jurydesk.timeutil import BRUSSELS, to_brussels

FINAL = "final"


@dataclass(frozen=True)
class CriterionText:
    label: str
    score_line: str
    motivations: list[str]  # the one text the secretariat chose for the letter, or none


@dataclass(frozen=True)
class Letter:
    """One letter, ready to lay out: every text filled in."""

    candidature: int
    organisation: str
    round: int
    kind: str
    reference: str
    sender: str
    sender_lines: list[str]
    addressee: list[str]
    references: list[tuple[str, str]]
    subject_label: str
    subject: str
    salutation: str
    paragraphs: list[str]
    motivation_heading: str
    criteria: list[CriterionText]
    total_line: str
    rebuttal_heading: str
    rebuttal: list[str]
    closing: str
    signatories: list[Signatory]
    annexes_heading: str
    annexes: list[str]
    page_text: str = field(default="")
    # what the secretariat should know before sending: late communication, an invitation
    # dated on or after the pitch day
    warnings: list[str] = field(default_factory=list)
    rebuttal_to: str = ""  # the weerwoord address the letter names (its mail's Reply-To)

    @property
    def file_stem(self) -> str:
        suffix = "-weerwoord" if self.kind.startswith(FINAL) else ""
        return f"{self.reference}{suffix}"


class LetterBuilder:
    """Builds the letters of one region, reading its scores once."""

    def __init__(
        self,
        session: Session,
        slug: str,
        language: str,
        with_scores: bool,
        today: date | None = None,
    ) -> None:
        self.session, self.slug, self.with_scores = session, slug, with_scores
        self.spec = region_detail(session, slug)
        self.region = get_region(session, slug)
        self.template = load_template(language, slug)
        self.rubric = rubric_for(session, slug)
        self.today = today or datetime.now(BRUSSELS).date()
        self.settings: LetterSettings = load_letter_settings(session, slug)
        self.rules = region_rules(session, slug)
        deadline = next((e for e in self.spec.timeline if e.key == "candidature_deadline"), None)
        self.deadline_text = deadline.text if deadline else ""
        self._means: dict[int, dict[tuple[int, str], float]] = {}
        self._scored: dict[int, set[int]] = {}
        self._totals: dict[int, dict[int, float | None]] = {}
        self._order: RunningOrder | None = None
        from jurydesk.settings.region import weerwoord_address

        self.weerwoord = weerwoord_address(session, slug)

    def _round_scores(self, round_: int) -> dict[tuple[int, str], float]:
        """(candidature, criterion) -> the jury's mean score; the candidatures scored at all."""
        if round_ not in self._means:
            conflicted = select(Conflict.id).where(
                Conflict.juror_id == Score.juror_id, Conflict.candidature_id == Score.candidature_id
            )
            rows = self.session.execute(
                select(Score.candidature_id, Score.criterion, func.avg(Score.value))
                .join(Candidature, Candidature.id == Score.candidature_id)
                .where(
                    Candidature.region_id == self.region.id,
                    Score.round == round_,
                    Score.value.is_not(None),
                    ~conflicted.exists(),
                )
                .group_by(Score.candidature_id, Score.criterion)
            )
            self._means[round_] = {(c, k): float(v) for c, k, v in rows}
            self._scored[round_] = {c for c, _k in self._means[round_]}
            if self.with_scores:
                results = compute_results(self.session, self.slug, round_)
                self._totals[round_] = {
                    r.candidature: (
                        r.final.get(results.method) if round_ == 2 else r.score(results.method)
                    )
                    for r in results.results
                }
        return self._means[round_]

    def _criteria_texts(self, cand: int, round_: int) -> tuple[list[CriterionText], str]:
        """Per criterion: the jury's mean score (with scores) and ONLY the text the
        secretariat chose for the letter; individual jurors' motivations never appear."""
        means = self._round_scores(round_)
        chosen = letter_criterion_texts(self.session, cand, round_)
        out = []
        for criterion in self.rubric.round(round_).criteria:
            mean = means.get((cand, criterion.key))
            line = ""
            if self.with_scores and mean is not None:
                nearest = round(mean * 2) / 2 if criterion.half_points else round(mean)
                line = self.template.text(
                    "score_line",
                    score=format_number(mean),
                    max=criterion.max,
                    label=criterion.label_for(nearest),
                )
            text = chosen.get(criterion.key, "")
            if line or text:
                out.append(CriterionText(criterion.label, line, [text] if text else []))
        total = self._totals.get(round_, {}).get(cand)
        total_line = (
            self.template.text("total_line", total=format_number(total))
            if self.with_scores and total is not None
            else ""
        )
        return out, total_line

    def _pitch_fields(self, candidature: int, letter_date: date) -> tuple[dict[str, object], str]:
        """The candidature's slot (day, time, length) and the logistics the secretariat set;
        a warning when the invitation is dated on or after the pitch day."""
        if self._order is None:
            self._order = running_order(self.session, self.slug)
        slot = next((s for s in self._order.slots if s.candidature == candidature), None)
        if slot is None:
            raise ScoringError(
                _(
                    "candidature {id} has no pitch slot yet: plan the pitch day first "
                    "(tab Pitch day)"
                ).format(id=candidature)
            )
        settings = self._order.settings
        arrival = slot.start - timedelta(minutes=settings.arrival_minutes)
        warning = ""
        if letter_date >= slot.day:
            warning = _(
                "the invitation is dated {date}, the day of the pitch ({pitch}) or later"
            ).format(date=format_long_date(letter_date), pitch=format_long_date(slot.day))
        return {
            "pitch_day": format_long_date(slot.day),
            "pitch_time": f"{slot.start:%H:%M}",
            "pitch_end": f"{slot.end:%H:%M}",
            "pitch_minutes": settings.presentation_minutes + settings.questions_minutes,
            "pitch_place": settings.place,
            "pitch_arrival": f"{arrival:%H:%M}" if settings.arrival_minutes else "",
            "pitch_party_size": settings.party_size or "",
        }, warning

    def _head(self) -> tuple[str, list[str]]:
        """The letterhead (first line in bold) and the lines below it: the rest of the
        letterhead, then the sender's address, both as the secretariat set them."""
        head = LetterSettings.lines(self.settings.letterhead)
        below = head[1:] + LetterSettings.lines(self.settings.sender)
        first = head[0] if head else self.template.text("sender", region=self.spec.name)
        return first, below

    def _late_candidature(self, cand: Candidature, fields: dict[str, object]) -> None:
        late = self.rules.is_late(cand.received_at)
        fields["received_at"] = format_long_datetime(to_brussels(cand.received_at))
        fields["candidature_deadline"] = self.deadline_text
        fields["late_candidature"] = (
            self.template.text("late_candidature", **fields) if late and self.deadline_text else ""
        )

    def _final_fields(
        self, cand: Candidature, decision: Decision, rebuttal: Rebuttal, fields: dict[str, object]
    ) -> tuple[str, date]:
        if rebuttal.outcome is None:
            raise ScoringError(
                _("the rebuttal of candidature {candidature} is not re-assessed yet").format(
                    candidature=cand.id
                )
            )
        t = self.template
        received = to_brussels(rebuttal.received_at)
        if rebuttal.outcome == "upheld" and to_brussels(decision.recorded_at) <= received:
            raise ScoringError(
                _(
                    "the rebuttal of candidature {candidature} is upheld: record the jury's new "
                    "decision for round {round} first, the letter states it"
                ).format(candidature=cand.id, round=decision.round)
            )
        fields["rebuttal_received"] = format_long_date(received.date())
        fields["reassessment_motivation"] = rebuttal.outcome_motivation
        fields["outcome"] = t.outcomes[f"round{decision.round}_{decision.outcome}"]
        if rebuttal.outcome != "upheld":
            fields["decision_motivation"] = ""  # the decision stands; its letter said why
        late_rebuttal = ""
        if decision.communicated_on is not None:
            w = window_for(self.spec, decision.communicated_on)
            if rebuttal.received_at >= w.closes:
                late_rebuttal = t.text("late_rebuttal", window=describe_window(w))
        fields["late_rebuttal"] = late_rebuttal
        decided = rebuttal.decided_at or datetime.now(BRUSSELS)
        return f"final_{rebuttal.outcome}", to_brussels(decided).date()

    def _rebuttal_texts(
        self, letter_date: date, fields: dict[str, object], warnings: list[str]
    ) -> list[str]:
        if not self.weerwoord:
            raise ScoringError(
                _(
                    "{region} has no weerwoord address yet: set it in Jury › Region "
                    "settings (the addendum's contacts are for questions about the "
                    "addendum, not for weerwoorden)"
                ).format(region=self.spec.name)
            )
        fields["rebuttal_to"] = self.weerwoord
        w = window_for(self.spec, letter_date)
        fields["window"] = describe_window(w)
        fields["rule"] = letter_rule(self.spec, w)
        phase = phase_warning(self.spec, w.closes)
        if phase:
            warnings.append(phase)
        return fill(self.template.lists["rebuttal"], fields)

    def letter(
        self, cand: Candidature, decision: Decision, rebuttal: Rebuttal | None = None
    ) -> Letter:
        if not self.settings.signatory.strip():
            raise no_signatory(self.spec.name, self.slug)
        t = self.template
        round_ = decision.round
        letter_date = decision.communicated_on or self.today
        fields = base_fields(self.spec, cand, round_, letter_date, t)
        fields["decision_motivation"] = decision.motivation.strip()
        kind = f"round{round_}_{decision.outcome}"
        rebuttal_texts: list[str] = []
        criteria: list[CriterionText] = []
        total_line = ""
        warnings: list[str] = []
        if rebuttal is not None:
            kind, letter_date = self._final_fields(cand, decision, rebuttal, fields)
        else:
            late = communication_warning(self.spec, letter_date)
            if late:
                warnings.append(late)
            self._late_candidature(cand, fields)
            scored = self._scored_in(cand.id, round_)
            fields["assessment"] = t.texts["assessment"] if round_ == 1 and scored else ""
            if kind == "round1_shortlisted":
                pitch, warning = self._pitch_fields(cand.id, letter_date)
                fields.update(pitch)
                if warning:
                    warnings.append(warning)
            elif scored:
                criteria, total_line = self._criteria_texts(cand.id, round_)
            if decision.outcome in rebuttable_outcomes(round_):
                rebuttal_texts = self._rebuttal_texts(letter_date, fields, warnings)
        if kind not in t.subject:
            raise ScoringError(
                _("no letter for the outcome '{outcome}'").format(outcome=decision.outcome)
            )
        references = [
            (t.texts["label_your_reference"], t.text("your_reference", **fields)),
            (t.texts["label_our_reference"], str(fields["reference"])),
            (t.texts["label_date"], format_long_date(letter_date)),
        ]
        addressee = [cand.organisation]
        if cand.contact:
            addressee.append(t.text("addressee_attention", **fields))
        if cand.address:
            addressee.extend(cand.address.splitlines())
        elif cand.email:
            addressee.append(cand.email)
        sender, sender_lines = self._head()
        return Letter(
            candidature=cand.id,
            organisation=cand.organisation,
            round=round_,
            kind=kind,
            reference=str(fields["reference"]),
            sender=sender,
            sender_lines=sender_lines + fill(t.lists["sender_lines"], fields),
            addressee=addressee,
            references=references,
            subject_label=t.texts["label_subject"],
            subject=t.subject[kind].format(**fields),
            salutation=t.text("salutation", **fields),
            paragraphs=fill(t.body[kind], fields),
            motivation_heading=t.texts["motivation_heading"] if criteria else "",
            criteria=criteria,
            total_line=total_line,
            rebuttal_heading=t.texts["rebuttal_heading"] if rebuttal_texts else "",
            rebuttal=rebuttal_texts,
            closing=t.texts["closing"],
            signatories=[Signatory(self.settings.signatory, self.settings.signatory_function)],
            annexes_heading=t.texts["annexes_heading"],
            annexes=fill(t.lists["annexes"], fields),
            page_text=t.texts["page"].replace("{reference}", str(fields["reference"])),
            warnings=warnings,
            rebuttal_to=self.weerwoord if rebuttal_texts else "",
        )

    def _scored_in(self, candidature: int, round_: int) -> bool:
        self._round_scores(round_)
        return candidature in self._scored[round_]


def decision_letters(
    session: Session, slug: str, round_: int | None, language: str, with_scores: bool = False
) -> list[Letter]:
    """Every decision letter of a region (one round, or both), in candidature order."""
    builder = LetterBuilder(session, slug, language, with_scores)
    rows = session.execute(
        select(Candidature, Decision)
        .join(Decision, Decision.candidature_id == Candidature.id)
        .where(Candidature.region_id == builder.region.id, Candidature.status != WITHDRAWN)
        .order_by(Decision.round, Candidature.id)
    )
    return [
        builder.letter(cand, decision)
        for cand, decision in rows
        if (round_ is None or decision.round == round_)
        and decision.outcome in letter_outcomes(decision.round)
    ]


def final_letters(session: Session, slug: str, language: str) -> list[Letter]:
    """The letters after re-assessment: one per re-assessed rebuttal."""
    builder = LetterBuilder(session, slug, language, with_scores=False)
    rows = session.execute(
        select(Candidature, Decision, Rebuttal)
        .join(Decision, Decision.candidature_id == Candidature.id)
        .join(
            Rebuttal,
            (Rebuttal.candidature_id == Candidature.id) & (Rebuttal.round == Decision.round),
        )
        .where(
            Candidature.region_id == builder.region.id,
            Candidature.status != WITHDRAWN,
            Rebuttal.outcome.is_not(None),
        )
        .order_by(Decision.round, Candidature.id)
    )
    return [builder.letter(cand, decision, rebuttal) for cand, decision, rebuttal in rows]


def letter_references(
    session: Session, slug: str, language: str, keys: list[tuple[int, int, date]]
) -> dict[tuple[int, int], str]:
    """The 'ons kenmerk' of letters already sent: (candidature, round, letter date) -> text."""
    spec = region_detail(session, slug)
    template = load_template(language, slug)
    out = {}
    for cand_id, round_, letter_date in keys:
        cand = session.get(Candidature, cand_id)
        if cand is not None:
            fields = base_fields(spec, cand, round_, letter_date, template)
            out[(cand_id, round_)] = str(fields["reference"])
    return out
