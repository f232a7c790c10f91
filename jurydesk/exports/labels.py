"""Words the workbook writes for methods and yes/no."""

from __future__ import annotations

from jurydesk.i18n import _


def method_label(method: str) -> str:
    return {
        "mean": _("Mean"),
        "median": _("Median"),
        "trimmed": _("Trimmed mean"),
        "zscore": _("Z-score"),
    }[method]


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")
