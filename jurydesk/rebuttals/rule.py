"""The rebuttal window of one decision.

The general rule is the Call for interest's 14-day period: ``days`` days (calendar or working
days) from the day after the decision is received; the decision is received ``receipt_delay``
days after it is communicated (0 for e-mail). It expires at 24:00 on the last day.

Moving a last day that falls on a Saturday, Sunday or Belgian public holiday to the next
working day is not in either addendum: it is JuryDesk's setting per region
(``RebuttalRule.weekend_shift``; its source is art. 53 of the Judicial Code, applied by
analogy), never presented to a candidate as the region's rule.

A region's own deadline (Dijleland+ "voor 12 januari ... Deze verlenging ...") is an
extension: the window ends at the later of the general end and that deadline, so it is never
shorter than the general period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from jurydesk.regions.spec import CALENDAR, WORKING, RebuttalRule
from jurydesk.timeutil import local, to_brussels

# the region's extension decides the end / the general rule decides it (the region's deadline
# lies before it, or the region has none)
RULE_REGION, RULE_DEFAULT = "region_deadline", "default"
# kept for readers of older exports: the general rule, the region's deadline being earlier
RULE_DEFAULT_PASSED = "default_passed"


@dataclass(frozen=True)
class Window:
    opens: datetime
    closes: datetime  # exclusive: 24:00 on the last day is 00:00 the day after
    rule: str
    last_day: date
    shifted: bool = False  # the general end fell on a weekend or holiday and was moved


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


def general_last_day(communicated: date, rule: RebuttalRule) -> tuple[date, date, date]:
    """(first day, last day before any shift, last day) of the general period."""
    received = communicated + timedelta(days=rule.receipt_delay)
    first = received + timedelta(days=1)
    if rule.counting == WORKING:
        last, counted = received, 0
        while counted < rule.days:
            last += timedelta(days=1)
            counted += is_working_day(last)
    else:
        last = received + timedelta(days=rule.days)
    return first, last, (next_working_day(last) if rule.weekend_shift else last)


def default_window(communicated: date, rule: RebuttalRule) -> tuple[date, date]:
    """(first day, last day) of the period under the general rule."""
    first, _plain, last = general_last_day(communicated, rule)
    return first, last


def window(communicated: date, rule: RebuttalRule, explicit_closes: datetime | None) -> Window:
    """The window for a decision communicated on ``communicated``.

    ``explicit_closes`` is the region's own deadline as an exclusive moment: an extension,
    so the window closes at the later of it and the general end.
    """
    first, plain, last = general_last_day(communicated, rule)
    opens = local(first)
    general = local(last + timedelta(days=1))
    if explicit_closes is not None:
        closes = to_brussels(explicit_closes)
        if closes > general:
            last_day = (closes - timedelta(microseconds=1)).date()
            return Window(opens, closes, RULE_REGION, last_day)
    return Window(opens, general, RULE_DEFAULT, last, shifted=last != plain)


__all__ = ["CALENDAR", "WORKING", "RebuttalRule", "Window", "window"]
