"""A shared-strings bomb: a small .xlsx whose sharedStrings.xml unpacks to millions of tiny
strings is refused from the archive's declarations, before openpyxl parses it."""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from jurydesk.candidatures.tabular import TableError, read_table


def _bomb(tmp_path: Path, strings: int, declare: bool) -> Path:
    plain = tmp_path / "plain.xlsx"
    book = Workbook()
    book.active.append(["Organisatie", "Titel"])
    book.active.append(["Zonnewijzer", "Voorstel"])
    book.save(plain)
    out = tmp_path / "bom.xlsx"
    count = f' count="{strings}" uniqueCount="{strings}"' if declare else ""
    body = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"{count}>'
        + "<si><t>a</t></si>" * strings
        + "</sst>"
    )
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/sharedStrings.xml":
                dst.writestr(info, src.read(info))
        dst.writestr("xl/sharedStrings.xml", body)
    return out


@pytest.mark.parametrize(
    ("strings", "declare", "why"),
    [(3_000_000, True, "gedeelde tekenreeksen"), (2_000_000, False, "MB")],
)
def test_a_shared_strings_bomb_is_refused_before_parsing(tmp_path, strings, declare, why):
    path = _bomb(tmp_path, strings, declare)
    assert path.stat().st_size < 2 * 2**20  # a small file ...
    tracemalloc.start()
    try:
        with pytest.raises(TableError, match=why):
            read_table(path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20  # ... refused without unpacking it


def test_an_ordinary_workbook_still_reads(tmp_path):
    path = _bomb(tmp_path, 4, True)
    header, _rows = read_table(path)
    assert header
