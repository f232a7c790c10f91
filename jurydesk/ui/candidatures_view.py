"""The candidature list with search-as-you-type, and the details of the selected one."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jurydesk.candidatures.service import CandidatureRow
from jurydesk.i18n import _, ngettext
from jurydesk.regions.spec import RegionSpec
from jurydesk.ui.candidature_html import candidature_html
from jurydesk.ui.candidature_model import CandidatureFilterProxy, CandidatureTableModel


class CandidaturesView(QWidget):
    selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.region: RegionSpec | None = None
        self.model = CandidatureTableModel(self)
        self.proxy = CandidatureFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search organisation, title or contact person…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search candidatures"))
        self.search.textChanged.connect(self.proxy.set_search)
        self.count = QLabel(self)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # received at
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(_("Candidatures"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((44, 230, 110, 120, 110, 120, 160, 280)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._open_link)
        self.details.setAccessibleName(_("Candidature details"))
        self.details.setPlaceholderText(_("Select a candidature to see its details."))

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.search)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(top)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([880, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_candidatures(self, region: RegionSpec, rows: list[CandidatureRow]) -> None:
        self.region = region
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.details.clear()
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = ngettext("{n} candidature", "{n} candidatures", total).format(n=total)
        if shown != total:
            text = _("{shown} of {total}").format(shown=shown, total=text)
        self.count.setText(text)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes or self.region is None:
            return
        source = self.proxy.mapToSource(indexes[0])
        row = self.model.row_at(source.row())
        self.details.setHtml(candidature_html(row, self.region))
        self.selected.emit(row.id)

    def _open_link(self, url: QUrl) -> None:
        QDesktopServices.openUrl(url)
