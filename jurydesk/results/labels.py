"""Plain readings of the quality figures, in the user's language (one catalogue)."""

from __future__ import annotations

from jurydesk.i18n import _


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
