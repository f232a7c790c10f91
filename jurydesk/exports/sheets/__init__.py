"""The results workbook's sheets: the literal-only write-only worksheet (worksheet), the
scoring sheets (scoring) and the record sheets (records); assembled by exports.workbook."""
