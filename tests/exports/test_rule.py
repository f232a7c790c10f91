"""The rebuttal window: the default rule, Belgian holidays, weekends, explicit deadlines."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from jurydesk.rebuttals.rule import (
    RULE_DEFAULT,
    RULE_REGION,
    RebuttalRule,
    is_working_day,
    window,
)
from jurydesk.timeutil import BRUSSELS, local

DEFAULT = RebuttalRule()


def test_period_ending_on_the_national_holiday_moves_to_the_next_working_day() -> None:
    # Communicated Friday 7 July 2023: day 14 is Friday 21 July, the Belgian national holiday;
    # the weekend follows, so the last day is Monday 24 July.
    w = window(date(2023, 7, 7), DEFAULT, None)
    assert w.rule == RULE_DEFAULT
    assert w.opens == datetime(2023, 7, 8, tzinfo=BRUSSELS)
    assert w.last_day == date(2023, 7, 24)
    assert w.closes == datetime(2023, 7, 25, tzinfo=BRUSSELS)
    assert w.closes.isoformat() == "2023-07-25T00:00:00+02:00"


def test_period_ending_on_a_saturday_moves_to_monday() -> None:
    w = window(date(2023, 6, 3), DEFAULT, None)  # + 14 = Saturday 17 June
    assert w.last_day == date(2023, 6, 19)


def test_period_on_a_working_day_is_not_moved() -> None:
    w = window(date(2023, 6, 5), DEFAULT, None)  # + 14 = Monday 19 June
    assert w.last_day == date(2023, 6, 19)


def test_christmas_and_new_year() -> None:
    # Communicated 11 December 2023: day 14 is Monday 25 December (Christmas) -> 26 December.
    assert window(date(2023, 12, 11), DEFAULT, None).last_day == date(2023, 12, 26)
    assert not is_working_day(date(2024, 1, 1))
    assert not is_working_day(date(2023, 11, 11))  # Wapenstilstand
    assert is_working_day(date(2023, 11, 13))


def test_receipt_delay_and_working_days() -> None:
    by_post = RebuttalRule(days=14, receipt_delay=3)
    # Communicated Monday 5 June; received Thursday 8 June; + 14 = Thursday 22 June.
    w = window(date(2023, 6, 5), by_post, None)
    assert w.opens.date() == date(2023, 6, 9)
    assert w.last_day == date(2023, 6, 22)
    working = RebuttalRule(days=10, counting="working")
    # From Friday 7 July 2023: working days 10, 11, 12, 13, 14, 17, 18, 19, 20, (21 July is a
    # holiday) 24 -> the tenth working day is Monday 24 July.
    assert window(date(2023, 7, 7), working, None).last_day == date(2023, 7, 24)


def test_explicit_deadline_wins_while_it_is_ahead() -> None:
    deadline = local(date(2023, 7, 20))  # "Vóór 20 juli 2023"
    w = window(date(2023, 6, 19), DEFAULT, deadline)
    assert w.rule == RULE_REGION
    assert w.closes == deadline
    assert w.last_day == date(2023, 7, 19)


def test_an_explicit_deadline_extends_and_never_shortens() -> None:
    w = window(date(2023, 8, 1), DEFAULT, local(date(2023, 7, 20)))
    assert w.rule == RULE_DEFAULT
    assert w.last_day == date(2023, 8, 16)  # 15 August is a holiday: 15 -> 16
    # Dijleland+ "voor 12 januari": the later of the 14 days and 11 January 2024 at 24:00
    voor_12_januari = local(date(2024, 1, 12))
    for communicated, last, rule in (
        (date(2023, 12, 11), date(2024, 1, 11), RULE_REGION),
        (date(2023, 12, 29), date(2024, 1, 12), RULE_DEFAULT),
        (date(2024, 1, 5), date(2024, 1, 19), RULE_DEFAULT),
        (date(2024, 1, 10), date(2024, 1, 24), RULE_DEFAULT),
    ):
        w = window(communicated, DEFAULT, voor_12_januari)
        assert (w.last_day, w.rule) == (last, rule), communicated
        assert w.last_day >= communicated + timedelta(days=14)


def test_the_weekend_shift_is_a_setting() -> None:
    plain = RebuttalRule(weekend_shift=False)
    w = window(date(2023, 7, 7), plain, None)  # day 14: Friday 21 July, the national holiday
    assert w.last_day == date(2023, 7, 21) and not w.shifted
    assert window(date(2023, 7, 7), DEFAULT, None).shifted


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=0, max_value=5),
    st.sampled_from(["calendar", "working"]),
)
def test_window_properties(communicated: date, days: int, delay: int, counting: str) -> None:
    rule = RebuttalRule(days=days, receipt_delay=delay, counting=counting)
    w = window(communicated, rule, None)
    assert is_working_day(w.last_day)
    assert w.opens.date() == communicated + timedelta(days=delay + 1)
    assert w.last_day >= communicated + timedelta(days=delay + days)
    # The window ends at midnight, Belgian time, whatever the season.
    assert w.closes.time().hour == 0 and w.closes.utcoffset() in (
        timedelta(hours=1),
        timedelta(hours=2),
    )
    assert w.closes.date() == w.last_day + timedelta(days=1)
    # Nothing between the nominal last day and the real one is a working day.
    nominal = w.last_day
    while nominal > w.opens.date() and not is_working_day(nominal - timedelta(days=1)):
        nominal -= timedelta(days=1)
    assert all(not is_working_day(d) for d in _days(nominal, w.last_day))


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days)]
