"""The Excel results workbook: per region an overview, criteria, raw scores, conflicts,
decisions, the consensus and rebuttal windows; with several regions a Flanders overview on top.

Written in openpyxl's write-only mode, streaming the raw scores, so memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from jurydesk.atomic import atomic_path
from jurydesk.audit.chain import head as audit_head
from jurydesk.candidatures.service import list_candidatures
from jurydesk.exports.consensus_sheet import consensus_sheet
from jurydesk.exports.quality_sheet import quality_sheet
from jurydesk.exports.sheets.records import (
    conflicts_sheet,
    decisions_sheet,
    portfolio_sheet,
    rebuttals_sheet,
)
from jurydesk.exports.sheets.scoring import criteria_sheet, overview_sheet, scores_sheet
from jurydesk.exports.sheets.worksheet import SheetWriter
from jurydesk.i18n import _
from jurydesk.labels import method_label
from jurydesk.regions.service import get_region, region_slugs
from jurydesk.results.quality import quality_of
from jurydesk.results.ranking import RoundResults, compute_results
from jurydesk.store import Store

Progress = Callable[[int, int, str], None]


def export_workbook(
    store: Store, out: Path, slugs: list[str] | None = None, progress: Progress | None = None
) -> Path:
    from openpyxl import Workbook

    with store.reader() as session:
        slugs = region_slugs(session, slugs)
        workbook = Workbook(write_only=True)
        # The Flanders sheet comes first but gets its rows region by region: each region's
        # results are computed once, used for its sheets and its Flanders row, then let go.
        flanders = _flanders_sheet(workbook) if len(slugs) > 1 else None
        for index, slug in enumerate(slugs):
            if progress:
                progress(index, len(slugs), slug)
            results = (compute_results(session, slug, 1), compute_results(session, slug, 2))
            qualities = [quality_of(session, r) for r in results]  # fills the rank intervals
            if flanders is not None:
                _flanders_row(flanders, session, slug, results)
            _region_sheets(workbook, session, slug, results)
            quality_sheet(workbook, get_region(session, slug).name, qualities)
            session.expunge_all()  # the region's ORM objects are not needed any more
        if flanders is not None:
            flanders.finish()
        if progress:
            progress(len(slugs), len(slugs), "")
        head, events = audit_head(session)
    # the audit chain's head, outside the database: `audit verify --anchor` proves nothing
    # before it was removed or rewritten
    workbook.properties.description = _("Audit chain head after {n} events: {head}").format(
        n=events, head=head
    )
    with atomic_path(out) as tmp:
        workbook.save(tmp)
    return out


def _flanders_sheet(workbook) -> SheetWriter:  # type: ignore[no-untyped-def]
    return SheetWriter(
        workbook,
        _("Flanders"),
        [
            (_("Region"), 24, "text"),
            (_("Candidatures"), 14, "int"),
            (_("Late"), 10, "int"),
            (_("To the pitch"), 14, "int"),
            (_("Selected"), 12, "int"),
            (_("Reserve"), 10, "int"),
            (_("Not selected"), 14, "int"),
            (_("Undecided"), 12, "int"),
            (_("Disagreements"), 14, "int"),
            (_("Method"), 18, "text"),
        ],
    )


def _flanders_row(
    sheet: SheetWriter, session: Session, slug: str, results: tuple[RoundResults, RoundResults]
) -> None:
    first, second = results
    region = get_region(session, slug)
    decided1 = {r.candidature: r.decision for r in first.results}
    decided2 = {r.candidature: r.decision for r in second.results}
    count = len(first.results)
    late = sum(c.late for c in list_candidatures(session, slug))
    final = [decided2.get(c) or (d if d == "not_selected" else None) for c, d in decided1.items()]
    sheet.append(
        [
            region.name,
            count,
            late,
            sum(d == "shortlisted" for d in decided1.values()),
            final.count("selected"),
            final.count("reserve"),
            final.count("not_selected"),
            final.count(None),
            sum(r.disagreement for r in first.results + second.results),
            method_label(first.method),
        ]
    )


def _region_sheets(
    workbook,
    session: Session,
    slug: str,  # type: ignore[no-untyped-def]
    results: tuple[RoundResults, RoundResults],
) -> None:
    region = get_region(session, slug)
    overview_sheet(workbook, session, region.name, results)
    criteria_sheet(workbook, session, slug, region.name, region.id)
    scores_sheet(workbook, session, region.name, region.id)
    conflicts_sheet(workbook, session, region.name, region.id)
    decisions_sheet(workbook, session, region.name, region.id)
    consensus_sheet(workbook, session, slug, region.name)
    rebuttals_sheet(workbook, session, slug, region.name)
    portfolio_sheet(workbook, session, slug, region.name, results)
