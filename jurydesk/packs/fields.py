"""The fields of a return, checked one by one: numbers in range, text of a sane length,
moments with a time zone in the years of a call. Every refusal names the field."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jurydesk.i18n import _
from jurydesk.packs.archive import PackError


def iso_moment(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


MAX_NUMBER = 10**9  # ids and versions; a huge version would make every later return stale


def check_int(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_NUMBER:
        raise PackError(_("{what} is not a valid number: {value!r}").format(what=what, value=value))
    return value


def check_text(value: Any, what: str, limit: int = 20000) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise PackError(_("{what} is not valid text").format(what=what))
    return value


def check_moment(value: Any, what: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(check_text(value, what, 64))
    except ValueError:
        raise PackError(
            _("{what} is not a date and time: {value!r}").format(what=what, value=value)
        ) from None
    if moment.tzinfo is None:
        raise PackError(_("{what} has no time zone").format(what=what))
    if not 2000 <= moment.year <= 2100:
        raise PackError(
            _("{what} is not a date of this call: {value!r}").format(what=what, value=value)
        )
    try:
        moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise PackError(
            _("{what} is not a date and time: {value!r}").format(what=what, value=value)
        ) from None
    return moment
