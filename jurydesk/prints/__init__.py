"""Printable documents as PDF: the ranking, the pitch running order and a juror's paper score
sheet (the decision letters are PDFs already). The app prints them through the system's
print dialog and saves them as PDF; the CLI writes them (`jurydesk print …`)."""
