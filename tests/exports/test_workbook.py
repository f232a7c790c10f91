"""The results workbook, read back with openpyxl and checked in its XML."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from jurydesk.exports.workbook import export_workbook
from jurydesk.results.ranking import compute_results
from jurydesk.store import Store
from jurydesk.store.models import Candidature, Region, Score

# What goes in, and what the cell holds: '=' and '@' keep a visible apostrophe so that they stay
# inert after "Save as CSV"; every formula-like start is marked with Excel's quote prefix.
HOSTILE = {
    '=HYPERLINK("http://evil.example","klik")': '\'=HYPERLINK("http://evil.example","klik")',
    "+32 470 12 34 56": "+32 470 12 34 56",
    "-2+3+cmd|' /C calc'!A0": "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\t=1+1": "\t=1+1",
    "\r=1+1": "\n=1+1",
    "Nor\x01mal\x1f vzw": "Normal vzw",
}


def _sheet_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {
            n: archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.startswith("xl/worksheets/")
        }


def test_workbook_sheets_headers_types(demo_store: Store, tmp_path: Path) -> None:
    out = export_workbook(demo_store, tmp_path / "resultaten.xlsx")
    book = load_workbook(out)
    names = book.sheetnames
    assert names[0] == "Vlaanderen"
    for region in ("Leuven", "Dijleland+"):
        for part in (
            "Overzicht",
            "Criteria",
            "Scores",
            "Belangenconflicten",
            "Beslissingen",
            "Weerwoorden",
        ):
            assert f"{region} – {part}" in names
    assert all(len(n) <= 31 for n in names)
    overview = book["Leuven – Overzicht"]
    assert overview.freeze_panes == "A2"
    assert overview.auto_filter.ref.startswith("A1:")
    headers = [c.value for c in overview[1]]
    assert headers[:4] == ["Ronde", "Rang", "Nr.", "Organisatie"]
    # Real numbers with a number format, equal to the engine's results.
    with demo_store.reader() as session:
        first = compute_results(session, "leuven", 1)
    rows = [r for r in overview.iter_rows(min_row=2, values_only=True) if r[0] == 1]
    by_id = {row[2]: row for row in rows}
    for result in first.results:
        row = by_id[result.candidature]
        assert row[1] == result.rank
        assert isinstance(row[4], float)
        assert row[4] == pytest.approx(result.mean)
    assert overview.cell(row=2, column=5).number_format == "0.0"
    # Dates are dates.
    decisions = book["Leuven – Beslissingen"]
    communicated = [r[5] for r in decisions.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(v, datetime) for v in communicated)
    assert date(2023, 6, 19) in {v.date() for v in communicated}
    # The raw scores sheet holds every score of the region.
    with demo_store.reader() as session:
        count = session.scalar(
            select(func.count(Score.id))
            .join(Candidature)
            .join(Region)
            .where(Region.slug == "leuven")
        )
    assert book["Leuven – Scores"].max_row - 1 == count > 100
    # Disagreement highlighted.
    flagged = [row for row in overview.iter_rows(min_row=2) if row[11].value == "ja"]
    assert flagged and all(row[11].fill.fgColor.rgb.endswith("FCE4D6") for row in flagged)


def test_text_from_candidatures_is_never_a_formula(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        ids = list(session.scalars(select(Candidature.id).order_by(Candidature.id)))
        for cand, hostile in zip(ids, HOSTILE, strict=False):
            session.execute(
                update(Candidature).where(Candidature.id == cand).values(organisation=hostile)
            )
            session.execute(
                update(Score).where(Score.candidature_id == cand).values(motivation=hostile)
            )
    out = export_workbook(demo_store, tmp_path / "r.xlsx")
    book = load_workbook(out)
    seen: dict[str, int] = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in HOSTILE.values():
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    if cell.value.lstrip("'")[:1] in "=+-@":
                        assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                    seen[cell.value] = seen.get(cell.value, 0) + 1
    assert set(seen) == set(HOSTILE.values())
    for name, xml in _sheet_xml(out).items():
        assert "<f>" not in xml and "<f " not in xml, name
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", xml), name


def test_formula_like_text_survives_save_as_csv_and_the_import(tmp_path: Path) -> None:
    """The workbook's cells, saved as CSV the way a spreadsheet writes values, and read back by
    JuryDesk's import: every text comes back as it was, none is a formula on the way."""
    import csv

    from openpyxl import Workbook

    from jurydesk.candidatures.validate import clean_text
    from jurydesk.exports.sheets.worksheet import SheetWriter

    book = Workbook(write_only=True)
    writer = SheetWriter(book, "t", [("Organisatie", 40, "text")])
    originals = [k for k in HOSTILE if not k.startswith(("\t", "\r", "Nor"))]
    for text in originals:
        writer.append([text])
    writer.finish()
    book.save(tmp_path / "t.xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx").worksheets[0]
    values = [r[0] for r in sheet.iter_rows(values_only=True)]
    with (tmp_path / "t.csv").open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([v] for v in values)
    with (tmp_path / "t.csv").open(newline="", encoding="utf-8") as back:
        read = [row[0] for row in csv.reader(back)][1:]
    assert all(not v.startswith(("=", "@")) for v in read)  # inert when the CSV is opened
    assert [clean_text(v) for v in read] == originals


def test_one_region_only(demo_store: Store, tmp_path: Path) -> None:
    out = export_workbook(demo_store, tmp_path / "leuven.xlsx", ["leuven"])
    names = load_workbook(out, read_only=True).sheetnames
    assert "Vlaanderen" not in names
    assert all(n.startswith("Leuven") for n in names)


def test_failed_export_leaves_no_file(demo_store: Store, tmp_path: Path) -> None:
    from jurydesk.regions.service import RegionError

    target = tmp_path / "x.xlsx"
    with pytest.raises(RegionError):
        export_workbook(demo_store, target, ["atlantis"])
    assert not target.exists()
    assert list(tmp_path.glob(".x.xlsx*")) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it_without_repair(demo_store: Store, tmp_path: Path) -> None:
    out = export_workbook(demo_store, tmp_path / "resultaten.xlsx")
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path / "csv"),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "csv" / "resultaten.csv").read_text("utf-8", errors="replace")
    assert "Leuven" in text and "Dijleland+" in text
