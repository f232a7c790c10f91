"""The rebuttal window of one decision.

Default rule, after Flemish administrative practice: the period counts ``days`` days (calendar
or working days) from the day after the decision is received; the decision is received
``receipt_delay`` days after it is communicated (0 for e-mail). A period ending on a Saturday,
Sunday or Belgian public holiday moves to the next working day. It expires at 24:00 on the
last day. A region's own deadline (Dijleland+ states one, as a deviation) replaces the
default rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from jurydesk.regions.spec import CALENDAR, WORKING, RebuttalRule
from jurydesk.timeutil import local, to_brussels

RULE_REGION, RULE_DEFAULT, RULE_DEFAULT_PASSED = "region_deadline", "default", "default_passed"


@dataclass(frozen=True)
class Window:
    opens: datetime
    closes: datetime  # exclusive: 24:00 on the last day is 00:00 the day after
    rule: str
    last_day: date


@lru_cache(maxsize=16)
def _holidays(year: int) -> frozenset[date]:
    import holidays

    return frozenset(holidays.country_holidays("BE", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def default_window(communicated: date, rule: RebuttalRule) -> tuple[date, date]:
    """(first day, last day) of the period under the default rule."""
    received = communicated + timedelta(days=rule.receipt_delay)
    first = received + timedelta(days=1)
    if rule.counting == WORKING:
        last, counted = received, 0
        while counted < rule.days:
            last += timedelta(days=1)
            counted += is_working_day(last)
    else:
        last = received + timedelta(days=rule.days)
    return first, next_working_day(last)


def window(communicated: date, rule: RebuttalRule, explicit_closes: datetime | None) -> Window:
    """The window for a decision communicated on ``communicated``.

    ``explicit_closes`` is the region's own deadline as an exclusive moment; when it lies
    before the window would even open, the default rule applies and the rule says so.
    """
    first, last = default_window(communicated, rule)
    opens = local(first)
    if explicit_closes is not None:
        closes = to_brussels(explicit_closes)
        if closes > opens:
            last_day = (closes - timedelta(microseconds=1)).date()
            return Window(opens, closes, RULE_REGION, last_day)
        return Window(opens, local(last + timedelta(days=1)), RULE_DEFAULT_PASSED, last)
    return Window(opens, local(last + timedelta(days=1)), RULE_DEFAULT, last)


__all__ = ["CALENDAR", "WORKING", "RebuttalRule", "Window", "window"]
