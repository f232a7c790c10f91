"""Read the rows of a candidature file (.xlsx or .csv) as plain values, with sheet row numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

MAX_ROWS = 20_000


class TableError(ValueError):
    """The file cannot be read as a table; the message says why."""


Row = tuple[int, list[object]]


def read_table(path: Path) -> tuple[list[object], list[Row]]:
    """The header row and the data rows (with their 1-based row numbers in the sheet)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise TableError(f"{path}: no such file")
    if suffix == ".xlsx":
        rows = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        rows = _read_csv(path)
    else:
        raise TableError(
            f"{path.name}: use an .xlsx or .csv file, not '{suffix or 'no extension'}'"
        )
    if not rows:
        raise TableError(f"{path.name}: the file is empty")
    header_number, header = rows[0]
    if header_number != 1:
        raise TableError(f"{path.name}: the first row must hold the column headers")
    body = [(n, values) for n, values in rows[1:] if any(_filled(v) for v in values)]
    if len(body) > MAX_ROWS:
        raise TableError(f"{path.name}: {len(body)} rows is more than the {MAX_ROWS} allowed")
    return header, body


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _read_xlsx(path: Path) -> list[Row]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(f"{path.name}: not a readable .xlsx workbook ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[Row] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, list(values)))
            if number > MAX_ROWS + 2:
                raise TableError(f"{path.name}: more than the {MAX_ROWS} rows allowed")
        return rows
    finally:
        workbook.close()


def _read_csv(path: Path) -> list[Row]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first_line = text.split("\n", 1)[0]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(first_line, ";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return [(number, list(values)) for number, values in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise TableError(
            f"{path.name}: not a readable CSV file (line {reader.line_num}: {exc})"
        ) from None
