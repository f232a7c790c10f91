"""Read the rows of a candidature file (.xlsx or .csv) as plain values, with sheet row numbers."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

MAX_ROWS = 20_000
MAX_COLUMNS = 100  # the template has 14; room for notes, not for a stray cell in XFD


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
    import zlib
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    # what a damaged zip or sheet XML raises (ParseError and lxml's errors are SyntaxErrors)
    broken = (
        BadZipFile,
        KeyError,
        OSError,
        ValueError,
        TypeError,
        IndexError,
        EOFError,
        NotImplementedError,
        SyntaxError,
        AttributeError,
        zlib.error,
    )
    try:
        _check_archive(path)
    except (BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise TableError(f"{path.name}: not a readable .xlsx workbook ({exc})") from None
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except broken as exc:
        raise TableError(f"{path.name}: not a readable .xlsx workbook ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        # Refused before any cell is read: one stray cell far out would make every row huge.
        if (sheet.max_column or 0) > MAX_COLUMNS or (sheet.max_row or 0) > 1_048_576:
            raise TableError(
                f"{path.name}: the sheet reaches column {sheet.max_column} and row "
                f"{sheet.max_row}; a candidature workbook has at most {MAX_COLUMNS} columns "
                "(delete the far-away cells and save it again)"
            )
        rows: list[Row] = []
        for number, values in enumerate(
            sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1
        ):
            rows.append((number, list(values)))
            if number > MAX_ROWS + 2:
                raise TableError(f"{path.name}: more than the {MAX_ROWS} rows allowed")
        return rows
    except broken as exc:
        raise TableError(f"{path.name}: the workbook is damaged ({exc})") from None
    finally:
        workbook.close()


# What openpyxl reads whole before the first row (the shared strings, styles, the workbook
# part): refused from the archive's own declarations before any of it is parsed. The sheets
# themselves are streamed.
MAX_PART_BYTES = 20 * 2**20
MAX_SHEET_BYTES = 512 * 2**20
MAX_SHARED_STRINGS = 500_000
_COUNT = re.compile(rb'(?:uniqueCount|count)="(\d+)"')


def _check_archive(path: Path) -> None:
    """Refuse a workbook whose declared sizes or shared-string count would take hundreds of
    megabytes to parse (a 1.5 MB file can unpack to gigabytes of tiny strings)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = info.filename
            if name == "xl/sharedStrings.xml":
                with archive.open(info) as part:
                    head = part.read(2048)
                counts = [int(n) for n in _COUNT.findall(head)]
                if counts and max(counts) > MAX_SHARED_STRINGS:
                    raise TableError(
                        f"{path.name}: the workbook declares {max(counts):,} shared strings, "
                        f"more than the {MAX_SHARED_STRINGS:,} a candidature workbook can "
                        "hold; refused before reading them"
                    )
            sheet = name.startswith("xl/worksheets/")
            if info.file_size > (MAX_SHEET_BYTES if sheet else MAX_PART_BYTES):
                raise TableError(
                    f"{path.name}: the part {name} unpacks to {info.file_size // 2**20} MB, "
                    "more than a candidature workbook holds; refused before reading it"
                )


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Unicode text"), else
    Windows-1252; anything else is refused by name."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise TableError(f"{path.name}: damaged UTF-16 text") from None
    if b"\x00" in raw:
        raise TableError(
            f"{path.name}: holds NUL bytes, so it is not a text file; save it as "
            "'CSV UTF-8 (comma delimited)'"
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(
        f"{path.name}: the text is neither UTF-8 nor Windows-1252; save it as "
        "'CSV UTF-8 (comma delimited)'"
    )


def _delimiter(first_line: str) -> str:
    """The separator of the header line (outside quotes): ';' (Excel in Belgium), ',' or tab."""
    counts = {d: 0 for d in ";,\t"}
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


class _Excel(csv.excel):
    """Excel's CSV rules: fields quoted with '"', a quote inside written twice."""


def _read_csv(path: Path) -> list[Row]:
    text = _decode(path, path.read_bytes())
    dialect = type("Dialect", (_Excel,), {"delimiter": _delimiter(text.split("\n", 1)[0])})
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return [(number, list(values)) for number, values in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise TableError(
            f"{path.name}: not a readable CSV file (line {reader.line_num}: {exc})"
        ) from None
