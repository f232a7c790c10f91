"""Demo jury data: fictional jurors, a conflict, both rounds scored and motivated, decisions.

Deterministic (a seeded generator), so that letters and workbooks built on it are stable.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.candidatures.rules import region_rules
from jurydesk.decisions.service import decide, set_note
from jurydesk.jury.declarations import record_on_paper
from jurydesk.jury.service import add_conflict, add_juror
from jurydesk.regions.service import get_region
from jurydesk.results.ranking import SHORTLISTED, compute_results
from jurydesk.scoring.bulk import BulkScore, insert_scores
from jurydesk.scoring.rubric import Criterion
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store.models import Candidature, TimelineEvent
from jurydesk.timeutil import to_brussels

ACTOR = "demo"
JURORS = {
    "leuven": [
        ("Katrien Wouters", "vdab", "VDAB Leuven"),
        ("Bart Desmet", "lokaal_bestuur", "Stad Leuven"),
        ("Fatima Azzouzi", "lokaal_bestuur", "OCMW Leuven"),
        ("Jan Verbeke", "expert", "onafhankelijke expert"),
        ("Miriam Cohen", "other", "Welzijnsoverleg regio Leuven"),
    ],
    "dijleland-plus": [
        ("Griet Janssens", "vdab", "VDAB Dijleland"),
        ("Stijn Maes", "lokaal_bestuur", "Gemeente Herent"),
        ("Leen Smets", "lokaal_bestuur", "OCMW Haacht"),
        ("Oumar Diallo", "expert", "onafhankelijke expert"),
        ("Veerle Aerts", "other", "Eerstelijnszone Dijleland"),
    ],
}
CONFLICT = {"leuven": ("Bart Desmet", "Buurtwerk Heverlee vzw", "Bestuurslid van de organisatie")}
DISAGREE = {
    "leuven": ["De Woonbrug cv", "Jobkracht Leuven cvba"],
    "dijleland-plus": ["Mobiel Haacht vzw", "Samen aan Tafel vzw"],
}
PHRASES = [
    "komt in het voorstel niet aan bod",
    "is zwak uitgewerkt",
    "is voldoende aanwezig, maar weinig concreet",
    "is goed uitgewerkt met concrete acties",
    "is uitstekend en overtuigend uitgewerkt",
]


def _motivation(criterion: Criterion, value: float) -> str:
    level = min(4, max(0, round((value - criterion.min) / (criterion.max - criterion.min) * 4)))
    return f"{criterion.label}: {PHRASES[level]}."


def _value(criterion: Criterion, quality: float, rng: random.Random) -> float:
    raw = criterion.min + quality * (criterion.max - criterion.min) + rng.gauss(0, 0.45)
    step = 0.5 if criterion.half_points else 1.0
    return min(criterion.max, max(criterion.min, round(raw / step) * step))


def add_demo_jury(session: Session) -> None:
    for slug, people in JURORS.items():
        _region(session, slug, people, random.Random(f"jurydesk-{slug}"))


def _region(
    session: Session, slug: str, people: list[tuple[str, str, str]], rng: random.Random
) -> None:
    region = get_region(session, slug)
    ids = {
        name: add_juror(session, ACTOR, name, role, organisation, panels=[(slug, 1), (slug, 2)])
        for name, role, organisation in people
    }
    candidatures = list(
        session.scalars(
            select(Candidature).where(Candidature.region_id == region.id).order_by(Candidature.id)
        )
    )
    by_name = {c.organisation: c for c in candidatures}
    if slug in CONFLICT:
        juror, organisation, reason = CONFLICT[slug]
        add_conflict(session, ACTOR, ids[juror], by_name[organisation].id, reason)
    signed_on = _written_assessment_end(session, region.id) - timedelta(days=7)
    for juror_id in ids.values():  # the demo jurors signed their declaration before reading
        record_on_paper(session, ACTOR, juror_id, slug, signed_on)
    quality = {c.id: rng.uniform(0.35, 0.92) for c in candidatures}
    rules = region_rules(session, slug)
    for c in candidatures:
        if rules.flags(c.received_at, list(c.challenges), list(c.services)):
            quality[c.id] = rng.uniform(0.1, 0.3)
    bias = {j: rng.uniform(-0.08, 0.08) for j in ids.values()}
    outlier = {
        by_name[o].id: list(ids.values())[i % len(ids)]
        for i, o in enumerate(DISAGREE.get(slug, []))
    }
    rubric = rubric_for(session, slug)
    _score_round(session, 1, candidatures, ids, quality, bias, outlier, rubric, rng)
    first = compute_results(session, slug, 1)
    when1 = _written_assessment_end(session, region.id) + timedelta(days=3)
    for r in first.results:
        motivation = _decision_text(r.proposed, r.mean, 1)
        decide(session, ACTOR, r.candidature, 1, r.proposed, motivation, when1)
    shortlisted = [
        c
        for c in candidatures
        if next(r for r in first.results if r.candidature == c.id).proposed == SHORTLISTED
    ]
    _score_round(session, 2, shortlisted, ids, quality, bias, outlier, rubric, rng)
    second = compute_results(session, slug, 2)
    when2 = _decision_bound(session, region.id) - timedelta(days=1)
    for r in second.results:
        decide(
            session,
            ACTOR,
            r.candidature,
            2,
            r.proposed,
            _decision_text(r.proposed, r.final[second.method], 2),
            when2,
        )
    _demo_rebuttal(session, slug, first, when1)
    if second.results:
        set_note(
            session,
            ACTOR,
            second.results[0].candidature,
            "De jury waardeert de sterke brugfunctie; vraag bij de start een concreet "
            "plan voor de samenwerking met de andere partners.",
        )


def _score_round(
    session: Session,
    round_: int,
    candidatures: list[Candidature],
    ids: dict[str, int],
    quality: dict[int, float],
    bias: dict[int, float],
    outlier: dict[int, int],
    rubric,
    rng: random.Random,
) -> None:  # type: ignore[no-untyped-def]
    criteria = rubric.round(round_).criteria
    conflicts = _conflicts(session)
    rows: list[BulkScore] = []
    comments: dict[tuple[int, int, int], str] = {}
    for c in candidatures:
        for juror in ids.values():
            if (juror, c.id) in conflicts:
                continue
            q = quality[c.id] + bias[juror] + (0.05 if round_ == 2 else 0.0)
            if outlier.get(c.id) == juror:
                q = 0.15 if quality[c.id] > 0.5 else 0.95
            for criterion in criteria:
                value = _value(criterion, min(1.0, max(0.0, q)), rng)
                rows.append(
                    BulkScore(
                        juror, c.id, round_, criterion.key, value, _motivation(criterion, value)
                    )
                )
            comments[(juror, c.id, round_)] = (
                "Sterk voorstel."
                if q > 0.7
                else "Degelijk, maar op enkele punten te vaag."
                if q > 0.45
                else "Onvoldoende uitgewerkt voor deze regio."
            )
    # The demo jury's finalised scores go in through the audited bulk path: the same values
    # as one by one, in a fraction of the time of a first start.
    insert_scores(session, ACTOR, rows, finalized=True, comments=comments)


def _conflicts(session: Session) -> set[tuple[int, int]]:
    from jurydesk.store.models import Conflict

    return set(session.execute(select(Conflict.juror_id, Conflict.candidature_id)).all())


def _event(session: Session, region_id: int, key: str) -> TimelineEvent:
    event = session.scalar(
        select(TimelineEvent).where(TimelineEvent.region_id == region_id, TimelineEvent.key == key)
    )
    assert event is not None, key
    return event


def _written_assessment_end(session: Session, region_id: int):  # type: ignore[no-untyped-def]
    event = _event(session, region_id, "written_assessment")
    return to_brussels(event.end or event.start).date()


def _decision_bound(session: Session, region_id: int):  # type: ignore[no-untyped-def]
    return to_brussels(_event(session, region_id, "decision_communication").start).date()


def _decision_text(outcome: str, score: float | None, round_: int) -> str:
    shown = f"{score:.1f}".replace(".", ",") if score is not None else "—"
    if round_ == 1:
        if outcome == SHORTLISTED:
            return (
                f"De schriftelijke kandidatuur scoort {shown}/100 en sluit goed aan bij de "
                "regio-uitdagingen; de organisatie wordt uitgenodigd voor de pitch."
            )
        return (
            f"De schriftelijke kandidatuur scoort {shown}/100; ze sluit onvoldoende aan bij "
            "de regio-uitdagingen of het actieplan is niet haalbaar genoeg."
        )
    return {
        "selected": f"Na de pitch scoort de kandidatuur {shown}/100; de jury selecteert de "
        "organisatie als partner in het lokaal partnerschap.",
        "reserve": f"Na de pitch scoort de kandidatuur {shown}/100; de organisatie staat op de "
        "reservelijst.",
    }.get(
        outcome,
        f"Na de pitch scoort de kandidatuur {shown}/100; dat volstaat niet voor een selectie.",
    )


REBUTTAL_TEXT = (
    "Wij menen dat de jury onvoldoende rekening hield met onze jarenlange aanwezigheid in de "
    "wijk en met de samenwerking met het OCMW die in bijlage 3 van onze kandidatuur staat."
)


def _demo_rebuttal(session: Session, slug: str, first, when1) -> None:  # type: ignore[no-untyped-def]
    """Leuven: a rebuttal received in time and rejected; Dijleland+: one that came late."""
    from jurydesk.rebuttals.service import reassess, record_rebuttal, window_of
    from jurydesk.timeutil import local

    rejected = [r for r in first.results if r.proposed == "not_selected"]
    if not rejected:
        return
    cand = rejected[0].candidature
    if slug == "leuven":
        record_rebuttal(
            session, ACTOR, cand, 1, local(when1 + timedelta(days=6), 14, 30), REBUTTAL_TEXT
        )
        reassess(
            session,
            ACTOR,
            cand,
            1,
            "rejected",
            "De jury heeft de kandidatuur en bijlage 3 opnieuw gelezen. De samenwerking "
            "met het OCMW werd al meegewogen bij het criterium 'Vertrouwensband en "
            "brugfunctie'; ze weegt niet op tegen de zwakke uitwerking van het actieplan.",
            local(when1 + timedelta(days=13), 11, 0),
        )
    else:
        late = window_of(session, cand, 1).last_day + timedelta(days=2)
        record_rebuttal(session, ACTOR, cand, 1, local(late, 9, 15), REBUTTAL_TEXT)
