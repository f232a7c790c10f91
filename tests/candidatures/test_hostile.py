"""Hostile candidature files are refused with a clear message naming the file or field, never
crashed on, and nothing is written: odd encodings, damaged and absurdly wide workbooks, Excel's
quoting, control characters; and a fuzz of random bytes as .csv and .xlsx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select

from jurydesk.candidatures.service import import_candidatures
from jurydesk.candidatures.tabular import TableError, read_table
from jurydesk.store.models import Candidature

HEADER = "Organisatie;Contactpersoon;E-mail;Titel;Ontvangen op"
ROW = 'Vzw "De Brug";An;an@debrug.example;Brug naar werk;05/06/2023 10:00'


def _count(store) -> int:
    with store.reader() as session:
        return session.scalar(select(func.count(Candidature.id)))


def import_or_refusal(store, path: Path):  # type: ignore[no-untyped-def]
    """Import a hostile file: refused with a message naming the file (None), or read as a
    report that is either fine or lists its errors."""
    try:
        report = import_candidatures(store, path, "leuven", dry_run=False)
    except TableError as exc:
        assert path.name in str(exc)
        return None
    assert report.ok or report.validation.errors
    return report


def test_encodings(store, tmp_path):
    utf16 = tmp_path / "unicode.csv"
    utf16.write_bytes(
        f"{HEADER}\r\nDe Wijk vzw;Zoë;z@wijk.example;Titel;05/06/2023 10:00\r\n".encode("utf-16")
    )
    report = import_candidatures(store, utf16, "leuven", dry_run=False)
    assert report.ok and _count(store) == 1
    neither = tmp_path / "vreemd.csv"
    neither.write_bytes(
        HEADER.encode() + b"\nDe \x81\x8d\xff Wijk;a;b@c.example;t;05/06/2023 10:00\n"
    )
    with pytest.raises(TableError, match="geen UTF-8 of Windows-1252"):  # named, to confirm
        read_table(neither)
    nul = tmp_path / "nul.csv"
    nul.write_bytes(HEADER.encode() + b"\nDe\x00Wijk;a;b@c.example;t;05/06/2023 10:00\n")
    with pytest.raises(TableError, match="NUL"):
        read_table(nul)


def test_excel_quoting_round_trips(store, tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text(
        f'{HEADER}\n"Vzw ""De Brug""";An;an@debrug.example;"Brug; naar werk";05/06/2023 10:00\n',
        "utf-8",
    )
    report = import_candidatures(store, path, "leuven", dry_run=False)
    assert report.ok
    with store.reader() as session:
        cand = session.scalars(select(Candidature)).one()
    assert (cand.organisation, cand.title) == ('Vzw "De Brug"', "Brug; naar werk")


def test_control_characters_are_named(store, tmp_path):
    path = tmp_path / "bel.csv"
    path.write_text(f"{HEADER}\nDe\x07Wijk vzw;An;an@w.example;Titel;05/06/2023 10:00\n", "utf-8")
    report = import_candidatures(store, path, "leuven", dry_run=False)
    assert not report.ok and _count(store) == 0
    assert any(
        p.column == "Organisatie" and "stuurtekens" in p.message for p in report.validation.errors
    )


def test_damaged_and_absurd_workbooks(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.split(";"))
    for i in range(300):
        ws.append([f"Org {i} vzw", "An", f"a{i}@o.example", "Titel " * 20, "05/06/2023 10:00"])
    good = tmp_path / "goed.xlsx"
    wb.save(good)
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 40, start + 200):  # scramble the deflated sheet
        data[i] ^= 0x5A
    damaged = tmp_path / "kapot.xlsx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(TableError, match=r"kapot\.xlsx"):
        read_table(damaged)
    far = Workbook()
    far.active.append(HEADER.split(";"))
    far.active["XFD1"] = "ver weg"
    wide = tmp_path / "breed.xlsx"
    far.save(wide)
    with pytest.raises(TableError, match="kolom 16384"):
        read_table(wide)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_random_bytes_are_a_message_or_a_report(store, tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    report = import_or_refusal(store, path)
    assert _count(store) == 0 or (report is not None and report.ok)


def _good_xlsx() -> bytes:
    wb = Workbook()
    wb.active.append(HEADER.split(";"))
    wb.active.append(ROW.split(";"))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD = _good_xlsx()


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(flips=st.lists(st.tuples(st.integers(0, len(GOOD) - 1), st.integers(1, 255)), max_size=8))
def test_damaged_workbooks_never_crash(store, tmp_path, flips):
    data = bytearray(GOOD)
    for position, mask in flips:
        data[position] ^= mask
    path = tmp_path / "beschadigd.xlsx"
    path.write_bytes(bytes(data))
    try:
        import_candidatures(store, path, "leuven", dry_run=True)
    except TableError as exc:
        assert "beschadigd.xlsx" in str(exc)
