"""Exports: the Excel results workbook (its sheets in exports/sheets/), PDF decision letters,
iCalendar rebuttal windows; imports letters and the domain rooms below."""
