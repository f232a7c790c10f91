"""A region's "Jurykwaliteit" sheet in the results workbook: agreement per criterion and on the
weighted total, leniency, spread and halo per juror, for both rounds (definitions:
docs/quality.md). For the secretariat and the chair; never in letters or packs."""

from __future__ import annotations

from jurydesk.exports.sheets.worksheet import SheetWriter
from jurydesk.i18n import _
from jurydesk.results.labels import flag_label, reading_label
from jurydesk.results.quality import Quality


def quality_sheet(workbook, name: str, qualities: list[Quality]) -> None:  # type: ignore[no-untyped-def]
    sheet = SheetWriter(
        workbook,
        f"{name} – {_('Jury quality')}",
        [
            (_("Round"), 8, "int"),
            (_("Subject"), 16, "text"),
            (_("Name"), 36, "text"),
            (_("Krippendorff's alpha"), 12, "score"),
            (_("Leniency (points)"), 12, "score"),
            (_("Spread (ratio)"), 12, "score"),
            (_("Halo"), 10, "score"),
            (_("Candidatures"), 12, "int"),
            (_("Reading"), 60, "text"),
        ],
    )
    for q in qualities:
        for a in q.criteria:
            sheet.append(
                [
                    q.round,
                    _("Criterion"),
                    a.label,
                    a.agreement,
                    None,
                    None,
                    None,
                    a.n,
                    reading_label(a.reading),
                ],
                a.reading == "weak",
            )
        t = q.total
        sheet.append(
            [
                q.round,
                _("Weighted total"),
                "",
                t.agreement,
                None,
                None,
                None,
                t.n,
                reading_label(t.reading),
            ],
            t.reading == "weak",
        )
        for j in q.jurors:
            sheet.append(
                [
                    q.round,
                    _("Juror"),
                    j.name,
                    None,
                    j.leniency,
                    j.spread,
                    j.halo,
                    j.n,
                    "; ".join(flag_label(f) for f in j.flags),
                ],
                bool(j.flags),
            )
    sheet.finish()
