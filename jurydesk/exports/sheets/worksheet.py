"""A write-only worksheet with a styled, frozen, filtered header and literal-only text.

Every text value is written as text, and characters that are not allowed in a worksheet are
removed. Numbers stay numbers, dates stay dates. Text that a spreadsheet could take for a
formula (it starts with '=', '+', '-' or '@') is a string cell marked with Excel's quote
prefix (the mark of text typed as '=…), so it stays text when the cell is edited; text that
starts with '=' or '@' (the formula and function starts) also gets a visible leading
apostrophe in the value itself, so that it stays inert after "Save as CSV" and opening that
CSV again. JuryDesk's import drops that apostrophe (candidatures.validate.clean_text).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from jurydesk.timeutil import to_brussels

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HIGHLIGHT = PatternFill("solid", fgColor="FCE4D6")

FORMATS = {
    "score": "0.0",
    "int": "0",
    "date": "dd/mm/yyyy",
    "datetime": "dd/mm/yyyy hh:mm",
    "money": '#,##0.00 "€"',
    "text": "@",
}
MAX_TITLE = 31


def sheet_title(*parts: str) -> str:
    """A valid, unique-enough sheet name of at most 31 characters."""
    text = " – ".join(parts)
    for bad in "[]:*?/\\":
        text = text.replace(bad, "")
    if len(text) > MAX_TITLE and len(parts) > 1:
        head, tail = parts[0], " – ".join(parts[1:])
        text = f"{head[: MAX_TITLE - len(tail) - 4]}… – {tail}"
    return text[:MAX_TITLE]


FORMULA_STARTS = ("=", "+", "-", "@")
QUOTED_STARTS = ("=", "@")


def literal_cell(sheet: Any, value: str) -> WriteOnlyCell:
    """A string cell that no spreadsheet evaluates (see the module's docstring)."""
    if value.startswith(QUOTED_STARTS):
        value = "'" + value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def clean(value: str) -> str:
    """Control characters removed; a carriage return becomes a line break (as XML reads it)."""
    if value.isprintable():  # the common case, checked in C
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


class SheetWriter:
    """Columns are (header, width, kind) with kind one of FORMATS' keys."""

    def __init__(
        self, workbook: Any, title: str, columns: Sequence[tuple[str, float, str]]
    ) -> None:
        self.sheet = workbook.create_sheet(sheet_title(*title.split(" – ")))
        self.kinds = [kind for _h, _w, kind in columns]
        self.rows = 0
        for index, (header, width, _kind) in enumerate(columns, start=1):
            # Wide enough for the (bold) header; long texts stay on one line, whole in the cell.
            self.sheet.column_dimensions[get_column_letter(index)].width = max(
                width, len(header) * 1.15 + 3
            )
        self.sheet.freeze_panes = "A2"
        # Printed: landscape A4, all columns on one page wide, the header on every page.
        self.sheet.page_setup.orientation = "landscape"
        self.sheet.page_setup.paperSize = 9  # A4
        self.sheet.page_setup.fitToWidth = 1
        self.sheet.page_setup.fitToHeight = 0
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True
        self.sheet.print_title_rows = "1:1"
        header = []
        for name, _width, _kind in columns:
            cell = WriteOnlyCell(self.sheet, value=name)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            header.append(cell)
        self.sheet.append(header)
        self.width = len(columns)

    def _cell(self, value: Any, kind: str, highlight: bool) -> Any:
        if value is None:
            return WriteOnlyCell(self.sheet, value=None) if highlight else None
        if isinstance(value, str):
            value = clean(value)
            if value.startswith(FORMULA_STARTS):
                cell = literal_cell(self.sheet, value)
                if highlight:
                    cell.fill = HIGHLIGHT
                return cell
            if not highlight and kind == "text":
                return value
        elif isinstance(value, datetime):
            value = to_brussels(value).replace(tzinfo=None)
        elif isinstance(value, int) and not highlight and kind in ("int", "text"):
            return value  # an integer needs no number format
        cell = WriteOnlyCell(self.sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        elif kind in FORMATS and kind != "text":
            cell.number_format = FORMATS[kind]
        if highlight:
            cell.fill = HIGHLIGHT
        return cell

    def append(self, values: Sequence[Any], highlight: Sequence[bool] | bool = False) -> None:
        marks = [highlight] * self.width if isinstance(highlight, bool) else list(highlight)
        self.sheet.append(
            [self._cell(v, k, h) for v, k, h in zip(values, self.kinds, marks, strict=True)]
        )
        self.rows += 1

    def append_fast(self, values: Sequence[Any]) -> None:
        """For large sheets: numbers and safe text go in as they are (still literal-only)."""
        row = []
        for value in values:
            if isinstance(value, str):
                value = clean(value)
                if value.startswith(FORMULA_STARTS):
                    value = literal_cell(self.sheet, value)
            row.append(value)
        self.sheet.append(row)
        self.rows += 1

    def finish(self) -> None:
        """The filter over the rows, and the sheet written out now: a write-only sheet keeps
        its XML writer and buffer open until the workbook is saved, and a Flanders workbook
        has hundreds of sheets."""
        last = get_column_letter(self.width)
        self.sheet.auto_filter.ref = f"A1:{last}{max(1, self.rows + 1)}"
        self.sheet.close()
