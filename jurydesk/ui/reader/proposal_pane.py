"""The left pane of the scoring view: the proposal, the candidature's fields and the region's
needs, as three tabs. The proposal tab comes first: the jury judges the written proposal."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QTextBrowser, QWidget

from jurydesk.candidatures.service import candidature_row
from jurydesk.i18n import _
from jurydesk.regions.spec import RegionSpec
from jurydesk.store import Store
from jurydesk.ui.candidatures.html import candidature_html
from jurydesk.ui.reader.document_reader import DocumentReader


class ProposalPane(QTabWidget):
    def __init__(self, store: Store, shortcut_host: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.reader = DocumentReader(store, shortcut_host, self)
        self.details = QTextBrowser(self)
        self.details.setAccessibleName(_("Candidature details"))
        self.needs = QTextBrowser(self)
        self.needs.setAccessibleName(_("The region's needs"))
        self.addTab(self.reader, _("Proposal"))
        self.addTab(self.details, _("Candidature"))
        self.addTab(self.needs, _("Region's needs"))
        self.setAccessibleName(_("Proposal and needs"))

    def show_candidature(self, spec: RegionSpec, candidature: int, needs_html: str) -> None:
        self.needs.setHtml(needs_html)
        with self.store.reader() as session:
            row = candidature_row(session, candidature)
        self.details.setHtml(candidature_html(row, spec) if row else "")
        self.reader.show_candidature(candidature)

    def shutdown(self) -> None:
        self.reader.shutdown()
