"""Display words for codes the core uses (flags, statuses, methods): the app and the CLI
show these, never the codes."""

from __future__ import annotations

from jurydesk.i18n import _


def flag_label(flag: str) -> str:
    return {
        "late": _("late"),
        "before_launch": _("received before the call's launch: check its date"),
        "only_excluded_services": _("only services the region does not fund"),
        "no_challenges": _("no region challenge"),
    }.get(flag, flag)


def status_label(status: str) -> str:
    return {"received": _("received"), "withdrawn": _("withdrawn")}.get(status, status)


def flag_short(flag: str) -> str:
    return {
        "late": _("late"),
        "before_launch": _("before launch"),
        "only_excluded_services": _("not funded"),
        "no_challenges": _("no challenge"),
    }.get(flag, flag)


def method_label(method: str) -> str:
    return {
        "mean": _("Mean"),
        "median": _("Median"),
        "trimmed": _("Trimmed mean"),
        "zscore": _("Z-score"),
    }.get(method, method)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")
