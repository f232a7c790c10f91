"""Pitch day: the running order over the pitch days, and the pitch timer."""

from __future__ import annotations

from datetime import date

import pytest

from jurydesk.pitch.schedule import (
    PitchError,
    PitchSettings,
    load_order,
    pitch_days,
    plan,
    running_order,
    save_order,
    save_settings,
    shortlisted,
)
from jurydesk.pitch.timer import DONE, PRESENTATION, QUESTIONS, PitchTimer

DAY1, DAY2 = date(2023, 12, 11), date(2023, 12, 12)


def _order(n: int) -> list[tuple[int, str]]:
    return [(i, f"Organisatie {i}") for i in range(1, n + 1)]


def test_slots_skip_the_break_and_move_to_the_next_day():
    settings = PitchSettings(
        start="09:00",
        presentation_minutes=20,
        questions_minutes=10,
        changeover_minutes=10,
        break_start="11:00",
        break_minutes=60,
        day_end="13:00",
    )
    result = plan(_order(6), [DAY1, DAY2], settings)
    times = [(s.day, s.start.strftime("%H:%M"), s.end.strftime("%H:%M")) for s in result.slots]
    assert times[:4] == [
        (DAY1, "09:00", "09:30"),
        (DAY1, "09:40", "10:10"),
        (DAY1, "10:20", "10:50"),
        (DAY1, "12:00", "12:30"),
    ]
    assert times[4] == (DAY2, "09:00", "09:30")
    assert result.overflow == []
    assert all(s.start.hour != 11 for s in result.slots)


def test_what_does_not_fit_is_reported():
    settings = PitchSettings(start="09:00", day_end="10:00", break_minutes=0)
    result = plan(_order(5), [DAY1], settings)
    assert [s.candidature for s in result.slots] == [1, 2]
    assert result.overflow == [3, 4, 5]


def test_settings_are_validated():
    with pytest.raises(PitchError, match="09:30"):
        PitchSettings(start="negen uur").validate()
    with pytest.raises(PitchError):
        PitchSettings(start="17:00", day_end="09:00").validate()
    with pytest.raises(PitchError):
        PitchSettings(presentation_minutes=-5).validate()


def test_region_pitch_days_and_order(demo_store):
    with demo_store.session() as session:
        assert pitch_days(session, "dijleland-plus") == [DAY1, DAY2, date(2023, 12, 13)]
        leuven = pitch_days(session, "leuven")
        # "vanaf 28 juni 2023" names one day; more are the secretariat's choice, not invented
        assert leuven == [date(2023, 6, 28)]
        going = shortlisted(session, "leuven")
        order = load_order(session, "leuven")
        assert sorted(order) == sorted(going)
        with pytest.raises(PitchError):
            save_order(session, "leuven", order[:-1])
        save_order(session, "leuven", list(reversed(order)))
        save_settings(session, "leuven", PitchSettings(start="13:30", break_minutes=0))
    with demo_store.reader() as session:
        result = running_order(session, "leuven")
    assert [s.candidature for s in result.slots] == list(reversed(order))
    assert result.slots[0].start.strftime("%H:%M") == "13:30"


def test_timer_phases_and_warning():
    timer = PitchTimer(presentation=600, questions=300, warning=60)
    assert timer.state(0).phase == PRESENTATION and timer.state(0).remaining == 600
    timer.start(100.0)
    state = timer.state(100.0 + 545)
    assert state.phase == PRESENTATION and state.warning and state.remaining == 55
    timer.pause(100.0 + 545)
    assert timer.state(10_000).remaining == 55  # paused: the clock does not run
    timer.start(200.0)
    assert timer.state(200.0 + 55 + 10).phase == QUESTIONS
    assert not timer.state(200.0 + 55 + 10).warning
    done = timer.state(200.0 + 55 + 300 + 7)
    assert done.phase == DONE and done.overtime == pytest.approx(7)
    timer.reset()
    assert timer.state(99_999).remaining == 600 and not timer.running
    timer.skip_to_questions(0)
    assert timer.state(0).phase == QUESTIONS
