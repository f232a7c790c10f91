"""What a decision letter says, gathered from the store as plain data (no PDF here)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.decisions.consensus import approved_texts
from jurydesk.errors import ScoringError
from jurydesk.i18n import _, format_long_date, format_number
from jurydesk.letters.template import LetterTemplate, Signatory, load_template
from jurydesk.pitch.schedule import RunningOrder, running_order
from jurydesk.rebuttals.service import (
    describe_window,
    letter_outcomes,
    rebuttable_outcomes,
    rule_text,
    window_for,
)
from jurydesk.regions.service import get_region, region_detail
from jurydesk.regions.spec import RegionSpec
from jurydesk.results.ranking import compute_results
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store.models import WITHDRAWN, Candidature, Conflict, Decision, Rebuttal, Score
from jurydesk.timeutil import BRUSSELS, to_brussels

FINAL = "final"


@dataclass(frozen=True)
class CriterionText:
    label: str
    score_line: str
    motivations: list[str]


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

    @property
    def file_stem(self) -> str:
        suffix = "-weerwoord" if self.kind.startswith(FINAL) else ""
        return f"{self.reference}{suffix}"


def _people(spec: RegionSpec) -> str:
    parts = [f"{c.name} ({c.email})" if c.email else c.name for c in spec.contacts]
    if len(parts) <= 1:
        return "".join(parts)
    return _("{first} or {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def _base_fields(
    spec: RegionSpec, cand: Candidature, round_: int, letter_date: date, template: LetterTemplate
) -> dict[str, object]:
    fields: dict[str, object] = {
        "region": spec.name,
        "region_code": spec.slug.upper(),
        "werkingsgebied": spec.werkingsgebied,
        "contact_emails": " · ".join(c.email for c in spec.contacts if c.email),
        "contact": cand.contact or cand.organisation,
        "organisation": cand.organisation,
        "title": cand.title,
        "received": format_long_date(to_brussels(cand.received_at).date()),
        "candidature": cand.id,
        "round": round_,
        "year": letter_date.year,
        "decision_date": format_long_date(letter_date),
        "rebuttal_to": _people(spec),
    }
    fields["reference"] = template.text("reference", **fields)
    return fields


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
        self._criteria: dict[int, dict[tuple[int, str], list[tuple[float | None, str]]]] = {}
        self._totals: dict[int, dict[int, float | None]] = {}
        self._order: RunningOrder | None = None
        from jurydesk.settings.region import weerwoord_address

        self.weerwoord = weerwoord_address(session, slug)

    def _round_scores(self, round_: int) -> dict[tuple[int, str], list[tuple[float | None, str]]]:
        if round_ not in self._criteria:
            conflicted = select(Conflict.id).where(
                Conflict.juror_id == Score.juror_id, Conflict.candidature_id == Score.candidature_id
            )
            rows = self.session.execute(
                select(Score.candidature_id, Score.criterion, Score.value, Score.motivation)
                .join(Candidature, Candidature.id == Score.candidature_id)
                .where(
                    Candidature.region_id == self.region.id,
                    Score.round == round_,
                    ~conflicted.exists(),
                )
                .order_by(Score.candidature_id, Score.juror_id)
            )
            grouped: dict[tuple[int, str], list[tuple[float | None, str]]] = defaultdict(list)
            for cand, key, value, motivation in rows:
                grouped[(cand, key)].append((value, motivation or ""))
            self._criteria[round_] = grouped
            results = compute_results(self.session, self.slug, round_)
            self._totals[round_] = {
                r.candidature: (
                    r.final.get(results.method) if round_ == 2 else r.score(results.method)
                )
                for r in results.results
            }
        return self._criteria[round_]

    def _criteria_texts(self, cand: int, round_: int) -> tuple[list[CriterionText], str]:
        grouped = self._round_scores(round_)
        # The jury's approved consensus text replaces the jurors' own notes, criterion by
        # criterion: the candidate reads what the jury agreed, never one juror's note.
        agreed = approved_texts(self.session, cand, round_)
        out = []
        for criterion in self.rubric.round(round_).criteria:
            entries = grouped.get((cand, criterion.key), [])
            values = [v for v, _m in entries if v is not None]
            motivations: list[str] = []
            for _v, text in [] if agreed else entries:
                text = text.strip()
                if text and text not in motivations:
                    motivations.append(text)
            if agreed.get(criterion.key, "").strip():
                motivations = [agreed[criterion.key].strip()]
            line = ""
            if self.with_scores and values:
                mean = sum(values) / len(values)
                nearest = round(mean * 2) / 2 if criterion.half_points else round(mean)
                line = self.template.text(
                    "score_line",
                    score=format_number(mean),
                    max=criterion.max,
                    label=criterion.label_for(nearest),
                )
            out.append(
                CriterionText(
                    criterion.label, line, motivations or [self.template.texts["no_motivation"]]
                )
            )
        total = self._totals[round_].get(cand)
        total_line = (
            self.template.text("total_line", total=format_number(total))
            if self.with_scores and total is not None
            else ""
        )
        return out, total_line

    def _pitch_fields(self, candidature: int) -> dict[str, object]:
        """The candidature's slot in the running order: day, time, length, place."""
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
        return {
            "pitch_day": format_long_date(slot.day),
            "pitch_time": f"{slot.start:%H:%M}",
            "pitch_end": f"{slot.end:%H:%M}",
            "pitch_minutes": settings.presentation_minutes + settings.questions_minutes,
            "pitch_place": settings.place or _("the place the secretariat will confirm"),
        }

    def _signatories(self) -> list[Signatory]:
        if self.template.signatories:
            return [
                Signatory(
                    s.name.format(region=self.spec.name), s.function.format(region=self.spec.name)
                )
                for s in self.template.signatories
            ]
        function = self.template.text("signatory_function", region=self.spec.name)
        return [Signatory(c.name, function) for c in self.spec.contacts]

    def letter(
        self, cand: Candidature, decision: Decision, rebuttal: Rebuttal | None = None
    ) -> Letter:
        t = self.template
        round_ = decision.round
        letter_date = decision.communicated_on or self.today
        fields = _base_fields(self.spec, cand, round_, letter_date, t)
        fields["decision_motivation"] = decision.motivation.strip()
        kind = f"round{round_}_{decision.outcome}"
        rebuttal_texts: list[str] = []
        criteria: list[CriterionText] = []
        total_line = ""
        if rebuttal is not None:
            if rebuttal.outcome is None:
                raise ScoringError(
                    _("the rebuttal of candidature {candidature} is not re-assessed yet").format(
                        candidature=cand.id
                    )
                )
            kind = f"{FINAL}_{rebuttal.outcome}"
            fields["rebuttal_received"] = format_long_date(to_brussels(rebuttal.received_at).date())
            fields["reassessment_motivation"] = rebuttal.outcome_motivation
            decided = rebuttal.decided_at or datetime.now(BRUSSELS)
            letter_date = to_brussels(decided).date()
        elif kind == "round1_shortlisted":
            fields.update(self._pitch_fields(cand.id))
        else:
            criteria, total_line = self._criteria_texts(cand.id, round_)
            if decision.outcome in rebuttable_outcomes(round_):
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
                fields["rule"] = rule_text(self.spec, w)
                rebuttal_texts = [p.format(**fields) for p in t.lists["rebuttal"]]
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
        return Letter(
            candidature=cand.id,
            organisation=cand.organisation,
            round=round_,
            kind=kind,
            reference=str(fields["reference"]),
            sender=t.text("sender", **fields),
            sender_lines=[line.format(**fields) for line in t.lists["sender_lines"]],
            addressee=addressee,
            references=references,
            subject_label=t.texts["label_subject"],
            subject=t.subject[kind].format(**fields),
            salutation=t.text("salutation", **fields),
            paragraphs=[p for p in (x.format(**fields) for x in t.body[kind]) if p.strip()],
            motivation_heading=t.texts["motivation_heading"] if criteria else "",
            criteria=criteria,
            total_line=total_line,
            rebuttal_heading=t.texts["rebuttal_heading"] if rebuttal_texts else "",
            rebuttal=rebuttal_texts,
            closing=t.texts["closing"],
            signatories=self._signatories(),
            annexes_heading=t.texts["annexes_heading"],
            annexes=[a.format(**fields) for a in t.lists["annexes"]],
            page_text=t.texts["page"].replace("{reference}", str(fields["reference"])),
        )


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
            fields = _base_fields(spec, cand, round_, letter_date, template)
            out[(cand_id, round_)] = str(fields["reference"])
    return out
