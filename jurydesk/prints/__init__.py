"""Printable documents as PDF (jury_papers: the ranking, the pitch running order and a juror's
paper score sheet; the decision letters are PDFs already), printed by the app and written by
the CLI (`jurydesk print …`); imports letters' fonts and the domain rooms."""
