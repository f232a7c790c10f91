"""Belgian time: every date and time JuryDesk shows or parses is Europe/Brussels."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")

_DUTCH_DMY = re.compile(
    r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:u.](\d{2})(?::(\d{2}))?)?\s*$"
)


class DateParseError(ValueError):
    """A date or time text could not be read."""


def local(d: date, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    """A wall-clock moment in Brussels, aware of summer and winter time."""
    return datetime.combine(d, time(hour, minute, second), tzinfo=BRUSSELS)


def to_brussels(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=BRUSSELS)
    return moment.astimezone(BRUSSELS)


def brussels_wall_time(moment: datetime) -> datetime:
    """A naive wall-clock time read as Belgian time; refused if the clock skipped it."""
    aware = moment.replace(tzinfo=BRUSSELS)
    if aware.astimezone(UTC).astimezone(BRUSSELS).replace(tzinfo=None) != moment:
        raise DateParseError(
            f"{moment:%d/%m/%Y %H:%M} does not exist in Belgian time (the clocks moved forward)"
        )
    return aware


def to_utc(moment: datetime) -> datetime:
    return to_brussels(moment).astimezone(UTC)


def parse_moment(value: object) -> datetime:
    """Read a received-at value: ISO 8601 with or without offset, or ``dd/mm/jjjj uu:mm``.

    A value without an offset is Belgian time. A datetime from a spreadsheet cell is naive
    and therefore Belgian time too.
    """
    if isinstance(value, datetime):
        return to_brussels(value) if value.tzinfo else brussels_wall_time(value)
    if isinstance(value, date):
        return local(value)
    text = str(value).strip()
    if not text:
        raise DateParseError("empty date")
    match = _DUTCH_DMY.match(text)
    if match:
        day, month, year, hour, minute, second = match.groups()
        try:
            return brussels_wall_time(
                datetime(
                    int(year),
                    int(month),
                    int(day),
                    int(hour or 0),
                    int(minute or 0),
                    int(second or 0),
                )
            )
        except DateParseError:
            raise
        except ValueError as exc:
            raise DateParseError(f"'{text}' is not a valid date ({exc})") from None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        raise DateParseError(f"'{text}' is not a date (use ISO 8601 or dd/mm/jjjj uu:mm)") from None
    return to_brussels(parsed) if parsed.tzinfo else brussels_wall_time(parsed)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in Belgian time with its offset, e.g. ``2023-06-09T23:59:00+02:00``."""
    if moment is None:
        return None
    return to_brussels(moment).isoformat()
