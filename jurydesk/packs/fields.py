"""The fields of a return, checked one by one: numbers in range, text of a sane length,
moments with a time zone in the years of a call. Every refusal names the field.

A return holds thousands of rows, so a field's name is only put into words when it is refused:
``what`` is the row ("score 12", see `Row`) and ``field`` the field within it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jurydesk.i18n import _
from jurydesk.packs.archive import PackError


def iso_moment(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


MAX_NUMBER = 10**9  # ids and versions; a huge version would make every later return stale


class Row:
    """A row of a return as messages name it ("score 12"), formatted only when needed."""

    __slots__ = ("n", "template")

    def __init__(self, template: str, n: int) -> None:
        self.template, self.n = template, n

    def __str__(self) -> str:
        return self.template.format(n=self.n)


def _label(what: object, field: str) -> str:
    return f"{what}: {field}" if field else str(what)


def check_int(value: Any, what: object, field: str = "") -> int:
    if type(value) is not int or not 0 <= value <= MAX_NUMBER:  # bool is not int here
        raise PackError(
            _("{what} is not a valid number: {value!r}").format(
                what=_label(what, field), value=value
            )
        )
    return value


def check_text(value: Any, what: object, field: str = "", limit: int = 20000) -> str:
    if type(value) is not str or len(value) > limit:
        raise PackError(_("{what} is not valid text").format(what=_label(what, field)))
    return value


def check_moment(value: Any, what: object, field: str = "") -> datetime | None:
    if value is None:
        return None
    if type(value) is not str or len(value) > 64:
        check_text(value, what, field, 64)  # raises, naming the field
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise PackError(
            _("{what} is not a date and time: {value!r}").format(
                what=_label(what, field), value=value
            )
        ) from None
    if moment.tzinfo is None:
        raise PackError(_("{what} has no time zone").format(what=_label(what, field)))
    # In these years a moment always converts to UTC (no overflow at year 1 or 9999).
    if not 2000 <= moment.year <= 2100:
        raise PackError(
            _("{what} is not a date of this call: {value!r}").format(
                what=_label(what, field), value=value
            )
        )
    return moment
