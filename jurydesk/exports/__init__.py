"""Exports: the Excel results workbook, PDF decision letters, iCalendar rebuttal windows."""
