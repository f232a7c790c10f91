"""The Jurykwaliteit panel and the interval bars of the ranking: the engine's figures, painted;
the one-page report read back from its PDF."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt

from jurydesk.prints.quality_report import quality_pdf
from jurydesk.results.quality import compute_quality
from jurydesk.ui.results.model import INTERVAL_ROLE


def _quality(window):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.results)
    view = window.results
    view.pages.setCurrentWidget(view.quality)
    return view


def test_panel_shows_the_engines_figures(window, demo_store, qtbot):
    view = _quality(window)
    with demo_store.reader() as session:
        expected = compute_quality(session, "leuven", 1)
    panel = view.quality
    assert [a for _l, a in panel.alpha.items] == [
        *(a.agreement for a in expected.criteria),
        expected.total.agreement,
    ]
    assert [d.leniency for d in panel.leniency.dots] == [j.leniency for j in expected.jurors]
    assert [d.flagged for d in panel.leniency.dots] == [bool(j.flags) for j in expected.jurors]
    ranked = [r for r in expected.results.results if r.rank is not None]
    assert [(i.low, i.high, i.at_line) for i in panel.forest.rows_] == [
        (r.rank_low, r.rank_high, r.at_funding_line) for r in ranked
    ]
    assert panel.forest.places == expected.places_in
    assert panel.jurors.model().rowCount() == len(expected.jurors)
    for chart in (panel.alpha, panel.leniency, panel.forest):
        image = chart.grab().toImage()
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 5)
        }
        assert len(colours) > 3  # something was painted, not an empty box


def test_ranking_rows_carry_their_interval(window, demo_store):
    view = _quality(window)
    view.pages.setCurrentIndex(0)
    model = view.model
    with demo_store.reader() as session:
        expected = compute_quality(session, "leuven", 1).results.results
    for row, r in enumerate(expected):
        rank, low, high, _n, _places, at_line = model.data(model.index(row, 0), INTERVAL_ROLE)
        assert (rank, low, high, at_line) == (r.rank, r.rank_low, r.rank_high, r.at_funding_line)
        shaded = model.data(model.index(row, 2), Qt.ItemDataRole.BackgroundRole)
        assert (shaded is not None) == r.at_funding_line
    assert any(r.at_funding_line for r in expected)


def test_the_report_reads_back(demo_store, tmp_path, window):
    text = "".join(
        p.extract_text()
        for p in PdfReader(quality_pdf(demo_store, "leuven", 1, tmp_path / "q.pdf")).pages
    )
    assert len(PdfReader(tmp_path / "q.pdf").pages) == 1
    assert "Jurykwaliteit Leuven, ronde 1" in text
    assert "Krippendorffs alfa" in text and "Katrien Wouters" in text
    assert "Op de financieringslijn" in text
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    dialog = window.printing.quality()
    assert dialog is not None and dialog.pages == 1
