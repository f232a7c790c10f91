"""The empty candidature workbook: the headers and one hint row."""

from __future__ import annotations

from pathlib import Path

from jurydesk.atomic import atomic_path
from jurydesk.candidatures.columns import COLUMNS, HINT_MARK


def write_template(out: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Kandidaturen"
    sheet.append([c.header for c in COLUMNS])
    sheet.append([f"{HINT_MARK} {c.hint}" for c in COLUMNS])
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFE8D7")
    for index, column in enumerate(COLUMNS, start=1):
        head = sheet.cell(row=1, column=index)
        head.font = bold
        if column.required:
            head.fill = required_fill
        hint = sheet.cell(row=2, column=index)
        hint.font = Font(italic=True, color="666666")
        hint.alignment = Alignment(wrap_text=True, vertical="top")
        letter = head.column_letter
        sheet.column_dimensions[letter].width = max(16, min(40, len(column.hint) // 2 + 8))
    sheet.freeze_panes = "A3"
    received = next(i for i, c in enumerate(COLUMNS, start=1) if c.field == "received_at")
    for row in range(3, 503):
        sheet.cell(row=row, column=received).number_format = "dd/mm/yyyy hh:mm"
    with atomic_path(out) as tmp:
        workbook.save(tmp)
    return out
