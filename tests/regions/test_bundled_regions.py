"""The two bundled regions hold their addendum's content, stored and read back in full."""

from __future__ import annotations

import os
import re
from datetime import date, datetime

import pytest

from jurydesk.paths import resources_dir
from jurydesk.regions.loader import load_region_file
from jurydesk.regions.service import region_detail
from jurydesk.timeutil import BRUSSELS

ADDENDA = resources_dir().parent.parent / "shared" / "addenda"


@pytest.fixture
def leuven(store):
    with store.reader() as session:
        return region_detail(session, "leuven")


@pytest.fixture
def dijleland(store):
    with store.reader() as session:
        return region_detail(session, "dijleland-plus")


def test_leuven_challenges_and_personas(leuven):
    assert [c.number for c in leuven.challenges] == [1, 2, 3, 4]
    assert [c.personas for c in leuven.challenges] == [
        ["Sabine"],
        ["Nassim"],
        ["Marlies", "Jordy"],
        ["Jeroen"],
    ]
    assert leuven.challenges[2].persona_text == "Marlies & Jordy"
    assert len(leuven.challenges[2].questions) == 3
    assert "brugfiguren" in leuven.challenges[1].remark
    assert all(q.startswith("Hoe kunnen we") for c in leuven.challenges for q in c.questions)


def test_dijleland_challenges_municipalities_and_focus(dijleland):
    assert [c.personas for c in dijleland.challenges] == [
        ["Saled"],
        ["Nora", "Jeroen"],
        ["Cindy", "Nora", "Roy"],
    ]
    assert dijleland.municipalities == [
        "Kortenberg",
        "Herent",
        "Haacht",
        "Boortmeerbeek",
        "Keerbergen",
        "Tremelo",
        "Rotselaar",
        "Holsbeek",
    ]
    assert dijleland.focus_expertise == [
        "ondersteuning van dak- en thuislozen",
        "ondersteuning van alleenstaande ouders",
        "ondersteuning bij vervoersarmoede",
    ]
    assert len(dijleland.enrichment) == 7


def test_needs_tables_and_exclusions(leuven, dijleland):
    assert len(leuven.needs) == 10
    assert len(dijleland.needs) == 9
    assert "digitale-vaardigheden" in {n.key for n in leuven.needs}
    assert "digitale-vaardigheden" not in {n.key for n in dijleland.needs}
    assert {e.key for e in leuven.exclusions} == {"medische-dienstverlening"}
    assert {e.key for e in dijleland.exclusions} == {
        "digitale-vaardigheden",
        "medische-dienstverlening",
    }
    huisvesting = next(n for n in dijleland.needs if n.key == "huisvesting")
    assert huisvesting.need == "Huisvesting (op maat)"
    assert "noodwoning" in huisvesting.service


def test_timeline_is_timezone_aware_in_brussels(leuven, dijleland):
    deadline = next(e for e in leuven.timeline if e.key == "candidature_deadline")
    assert deadline.start == datetime(2023, 6, 9, 23, 59, tzinfo=BRUSSELS)
    assert deadline.start.utcoffset().total_seconds() == 7200  # summer time
    assert deadline.text == "9 juni 2023 om 23u59"
    dl = next(e for e in dijleland.timeline if e.key == "candidature_deadline")
    assert dl.start == datetime(2023, 11, 24, 23, 59, tzinfo=BRUSSELS)
    assert dl.start.utcoffset().total_seconds() == 3600  # winter time
    keys = [
        "launch",
        "candidature_deadline",
        "written_assessment",
        "pitches",
        "decision_communication",
        "rebuttal_deadline",
    ]
    # Leuven's "Vóór 20 juli 2023" ends the phase of receiving and assessing weerwoorden; only
    # Dijleland+ sets its own weerwoord deadline (a stated deviation from the 14 days)
    assert [e.key for e in leuven.timeline] == [*keys[:-1], "rebuttal_phase_end"]
    assert [e.key for e in dijleland.timeline] == keys


def test_pitch_days_keep_the_bracketed_possible_days(dijleland):
    pitches = next(e for e in dijleland.timeline if e.key == "pitches")
    assert pitches.days == [date(2023, 12, 11)]
    assert pitches.possible_days == [date(2023, 12, 12), date(2023, 12, 13)]
    assert pitches.text == "11, (12 en 13) december 2023"


def test_before_deadlines_and_the_rebuttal_deviation(leuven, dijleland):
    rebuttal = next(e for e in dijleland.timeline if e.key == "rebuttal_deadline")
    assert rebuttal.kind == "before"
    assert rebuttal.start.date() == date(2024, 1, 12)
    assert "14-daagse periode" in rebuttal.note
    decision = next(e for e in leuven.timeline if e.key == "decision_communication")
    assert (decision.kind, decision.start.date(), decision.text) == (
        "before",
        date(2023, 7, 7),
        "Vóór 7 juli 2023",
    )


def test_contacts_and_submission(leuven, dijleland):
    assert [(c.name, c.email, c.phone) for c in leuven.contacts] == [
        ("Anne Moyaerts", "anne.moyaerts@vdab.be", "+32 499 94 88 22"),
        ("Silke Van Esch", "silke.vanesch@vdab.be", "+32 494 62 42 42"),
    ]
    assert (leuven.submission.channel, leuven.submission.address, leuven.submission.subject) == (
        "email",
        "asd@ocmw-leuven.be",
        "Kandidatuur Capacity Building Leuven",
    )
    assert dijleland.submission.channel == "web"
    assert dijleland.submission.address == (
        "https://igo.be/capacity-building-lokale-partnerschappen"
    )


@pytest.mark.skipif(
    not ADDENDA.is_dir() and not os.environ.get("CI"),
    reason="the source addenda live beside the repository (always there in CI)",
)
@pytest.mark.parametrize(
    "slug,source", [("leuven", "leuven.txt"), ("dijleland-plus", "dijleland-plus.txt")]
)
def test_every_text_of_the_region_file_is_in_its_addendum(slug, source):
    """Nothing invented: each text (joined over line breaks) occurs in the source addendum."""
    spec = load_region_file(resources_dir() / "regions" / f"{slug}.toml")
    addendum = _normal((ADDENDA / source).read_text("utf-8"))
    texts = [
        spec.challenges_intro,
        spec.arena_intro,
        spec.enrichment_intro,
        spec.exclusions_text,
        spec.focus_intro,
        *spec.local_input,
        *spec.enrichment,
        *spec.focus_expertise,
        *(c.description for c in spec.challenges),
        *(q for c in spec.challenges for q in c.questions),
        *(n.need for n in spec.needs),
        *(n.service for n in spec.needs),
        *(e.text for e in spec.timeline),
        *(e.label for e in spec.timeline),
        *(e.note for e in spec.timeline),
        *spec.municipalities,
        *spec.timeline_notes,
        spec.submission.text,
        spec.contacts_intro,
        *(p.name for p in spec.contacts),
        *(p.email for p in spec.contacts),
    ]
    missing = [t for t in texts if t and _normal(t) not in addendum]
    assert missing == []
    # exclusion labels name what the addendum excludes ("bijkomende … dienstverlening")
    assert all(_normal(e.label).lower() in addendum.lower() for e in spec.exclusions)


def _normal(text: str) -> str:
    """Only whitespace and bullets normalised: every other character must be the addendum's."""
    return " ".join(re.sub(r"(?m)^\s*[●•\-]\s+", " ", text).split())
