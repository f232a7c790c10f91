"""Read the rows of a candidature file (.xlsx or .csv) as plain values, with sheet row numbers."""

from __future__ import annotations

import csv
import io
import logging
import re
from pathlib import Path

from jurydesk.i18n import _

log = logging.getLogger(__name__)

MAX_ROWS = 20_000
MAX_COLUMNS = 100  # the template has 14; room for notes, not for a stray cell in XFD


class TableError(ValueError):
    """The file cannot be read as a table; the message says why."""


Row = tuple[int, list[object]]


def read_table(path: Path) -> tuple[list[object], list[Row]]:
    """The header row and the data rows (with their 1-based row numbers in the sheet)."""
    header, rows, _encoding = read_table_encoded(path)
    return header, rows


def read_table_encoded(
    path: Path, encoding: str | None = None
) -> tuple[list[object], list[Row], str]:
    """The header, the data rows and the text's encoding ("" for a workbook); ``encoding``
    is the one the user confirmed for a CSV that is not UTF-8 (see EncodingToConfirm)."""
    suffix = path.suffix.lower()
    used = ""
    if not path.is_file():
        raise TableError(_("{file}: no such file").format(file=path))
    if suffix == ".xlsx":
        rows = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        rows, used = _read_csv(path, encoding)
    else:
        raise TableError(
            _("{file}: use an .xlsx or .csv file, not '{suffix}'").format(
                file=path.name, suffix=suffix or _("no extension")
            )
        )
    if not rows:
        raise TableError(_("{file}: the file is empty").format(file=path.name))
    header_number, header = rows[0]
    if header_number != 1:
        raise TableError(
            _("{file}: the first row must hold the column headers").format(file=path.name)
        )
    body = [(n, values) for n, values in rows[1:] if any(_filled(v) for v in values)]
    if len(body) > MAX_ROWS:
        raise TableError(
            _("{file}: {n} rows is more than the {max} allowed").format(
                file=path.name, n=len(body), max=MAX_ROWS
            )
        )
    return header, body, used


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
        log.info("zip of %s: %s", path.name, exc)  # its words go to the log (-v)
        raise TableError(
            _("{file}: not a readable .xlsx workbook").format(file=path.name)
        ) from None
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except broken as exc:
        log.info("openpyxl on %s: %s", path.name, exc)  # its words go to the log (-v)
        raise TableError(
            _("{file}: not a readable .xlsx workbook").format(file=path.name)
        ) from None
    try:
        sheet = workbook.worksheets[0]
        # Refused before any cell is read: one stray cell far out would make every row huge.
        if (sheet.max_column or 0) > MAX_COLUMNS or (sheet.max_row or 0) > 1_048_576:
            raise TableError(
                _(
                    "{file}: the sheet reaches column {column} and row {row}; a candidature "
                    "workbook has at most {max} columns (delete the far-away cells and save "
                    "it again)"
                ).format(
                    file=path.name, column=sheet.max_column, row=sheet.max_row, max=MAX_COLUMNS
                )
            )
        rows: list[Row] = []
        for number, values in enumerate(
            sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1
        ):
            rows.append((number, list(values)))
            if number > MAX_ROWS + 2:
                raise TableError(
                    _("{file}: more than the {max} rows allowed").format(
                        file=path.name, max=MAX_ROWS
                    )
                )
        return rows
    except TableError:  # a ValueError too: already says what is wrong
        raise
    except broken as exc:
        log.info("openpyxl on %s: %s", path.name, exc)
        raise TableError(_("{file}: the workbook is damaged").format(file=path.name)) from None
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
                        _(
                            "{file}: the workbook declares {n} shared strings, more than the "
                            "{max} a candidature workbook can hold; refused before reading them"
                        ).format(file=path.name, n=max(counts), max=MAX_SHARED_STRINGS)
                    )
            sheet = name.startswith("xl/worksheets/")
            if info.file_size > (MAX_SHEET_BYTES if sheet else MAX_PART_BYTES):
                raise TableError(
                    _(
                        "{file}: the part {name} unpacks to {mb} MB, more than a candidature "
                        "workbook holds; refused before reading it"
                    ).format(file=path.name, name=name, mb=info.file_size // 2**20)
                )


class EncodingToConfirm(TableError):
    """The CSV is not UTF-8 nor Windows-1252 that reads as Dutch; ``encoding`` is what
    charset-normalizer detected and ``sample`` the first lines read so, for the user to
    confirm (import again with ``encoding``) or to save the file as CSV UTF-8."""

    def __init__(self, message: str, encoding: str, sample: list[str]) -> None:
        super().__init__(message)
        self.encoding = encoding
        self.sample = sample


def _decode(path: Path, raw: bytes, confirmed: str | None = None) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's
    "Unicode text"), Windows-1252 that reads as Dutch, or the encoding the user confirmed;
    anything else is refused by name, with the detected encoding to confirm."""
    from jurydesk.textcodec import decode_as, decode_undeclared

    if confirmed:
        try:
            return decode_as(raw, confirmed), confirmed
        except LookupError:
            raise TableError(_("unknown encoding: {name}").format(name=confirmed)) from None
        except UnicodeDecodeError as exc:
            raise TableError(
                _("{file}: the text cannot be read as {encoding} (byte {at})").format(
                    file=path.name, encoding=confirmed, at=exc.start + 1
                )
            ) from None
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TableError(
            _(
                "{file}: holds NUL bytes, so it is not a text file; save it as "
                "'CSV UTF-8 (comma delimited)'"
            ).format(file=path.name)
        )
    decoded = decode_undeclared(raw)
    if decoded is None:
        raise TableError(
            _(
                "{file}: the text is neither UTF-8 nor Windows-1252 and its encoding cannot be "
                "recognised; save it as 'CSV UTF-8 (comma delimited)'"
            ).format(file=path.name)
        )
    if decoded.guessed:
        raise EncodingToConfirm(
            _(
                "{file}: the text is neither UTF-8 nor Windows-1252; it looks like {encoding}. "
                "Check how it reads and import it as {encoding}, or save it as "
                "'CSV UTF-8 (comma delimited)'"
            ).format(file=path.name, encoding=decoded.encoding),
            decoded.encoding,
            decoded.text.splitlines()[:4],
        )
    return decoded.text, decoded.encoding


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


def _read_csv(path: Path, encoding: str | None = None) -> tuple[list[Row], str]:
    text, used = _decode(path, path.read_bytes(), encoding)
    dialect = type("Dialect", (_Excel,), {"delimiter": _delimiter(text.split("\n", 1)[0])})
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return [(n, list(values)) for n, values in enumerate(reader, start=1)], used
    except csv.Error as exc:
        log.info("csv on %s, line %d: %s", path.name, reader.line_num, exc)
        raise TableError(
            _("{file}: not a readable CSV file (line {line})").format(
                file=path.name, line=reader.line_num
            )
        ) from None
