"""Plain readings of the quality figures, in the user's language (one catalogue)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from jurydesk.i18n import _

if TYPE_CHECKING:
    from jurydesk.results.quality import JurorQuality


def reading_label(key: str) -> str:
    """The reading of an alpha ("good", "fair", "weak", "none")."""
    return {
        "good": _("good agreement"),
        "fair": _("moderate agreement: compare how the jurors read the level descriptions"),
        "weak": _("weak agreement: sharpen the descriptions of the levels"),
        "none": _("not computable (too few scores, or all the same)"),
    }[key]


def flag_label(key: str) -> str:
    """The reading of a juror flag; a reading for the chair, never a verdict."""
    return {
        "milder": _("scores clearly higher than the other jurors"),
        "stricter": _("scores clearly lower than the other jurors"),
        "narrow": _("separates the candidatures little"),
        "wide": _("spreads the totals far more than the jury"),
        "halo": _("criterion scores move together (halo)"),
    }[key]


def juror_table(
    jurors: list[JurorQuality], num: Callable[[float | None, int], str]
) -> tuple[list[str], list[tuple[object, ...]]]:
    """The jurors' quality table (for the chair): headers and one row a juror, the figures
    written by num(value, digits) (the CLI and the screen format numbers each their own way)."""
    headers = [_("Juror"), _("Leniency"), _("Spread"), _("Halo"), "n", _("Reading")]
    rows: list[tuple[object, ...]] = [
        (
            j.name,
            num(j.leniency, 1),
            num(j.spread, 2),
            num(j.halo, 2),
            j.n,
            "; ".join(flag_label(f) for f in j.flags),
        )
        for j in jurors
    ]
    return headers, rows
