"""The candidature list with search-as-you-type, and the details of the selected one."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jurydesk.candidatures.service import CandidatureRow
from jurydesk.documents.search import SearchHit, search_documents
from jurydesk.i18n import _, ngettext
from jurydesk.regions.spec import RegionSpec
from jurydesk.store import Store
from jurydesk.ui.candidatures.html import candidature_html
from jurydesk.ui.candidatures.model import CandidatureFilterProxy, CandidatureTableModel
from jurydesk.ui.emit import emit
from jurydesk.ui.reader.documents_panel import DocumentsPanel, RowDropFilter


class CandidaturesView(QWidget):
    selected = Signal(int)

    locked = ""  # why the details and proposals stay closed (a juror without declaration)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.slug: str | None = None
        self._region: RegionSpec | None = None  # read when first needed (details, search)
        self.hits: list[SearchHit] = []
        self._quiet = False  # True while a filter or a reload moves the selection
        self.chosen: int | None = None  # the candidature the user chose (its details shown)
        self.model = CandidatureTableModel(self)
        self.proxy = CandidatureFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            _("Search organisation, title, contact person or the proposals' text…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search candidatures"))
        self.search.textChanged.connect(self.set_search)
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
        self.found = QListWidget(top)
        self.found.setAccessibleName(_("Found in the proposals"))
        self.found.setWordWrap(True)
        self.found.itemActivated.connect(self._open_hit)
        self.found.hide()
        top_layout.addWidget(self.found)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(top)
        self.documents = DocumentsPanel(store, self)
        self.documents.changed.connect(lambda _cand: self._refresh_details())
        self.drop_filter = RowDropFilter(self.table, self.documents, self._id_at)
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(self.details)
        side.addWidget(self.documents)
        side.setSizes([520, 200])
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([880, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    @property
    def region(self) -> RegionSpec | None:
        """The region in full (its challenges, for a candidature's details): read the first
        time a candidature or a search needs it, not for the list's first paint."""
        if self._region is None and self.slug is not None:
            from jurydesk.regions.service import region_detail

            with self.store.reader() as session:
                self._region = region_detail(session, self.slug)
        return self._region

    def show_candidatures(self, slug: str, rows: list[CandidatureRow]) -> None:
        """The region's rows; the selected candidature stays selected (after an edit)."""
        keep = self.current_id()
        self._quiet = True
        self.chosen = None
        self.slug, self._region = slug, None
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.details.clear()
        self.documents.show_candidature(None)
        self.set_search(self.search.text())
        self._quiet = False
        self._update_count()
        if keep is not None:
            self.table.clearSelection()
            self.select_id(keep)  # its details are shown again

    def select_id(self, candidature: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self._id_at(index) == candidature:
                self.table.selectRow(row)
                return True
        return False

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = ngettext("{n} candidature", "{n} candidatures", total).format(n=total)
        if shown != total:
            text = _("{shown} of {total}").format(shown=shown, total=text)
        self.count.setText(text)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes or self._quiet or self.region is None:
            return  # a filter or a reload moving the selection never changes the details
        source = self.proxy.mapToSource(indexes[0])
        row = self.model.row_at(source.row())
        self.chosen = row.id
        if self.locked:  # a juror who has not signed the declaration sees no candidature
            self.details.setPlainText(self.locked)
            self.documents.show_candidature(None)
            return
        self.details.setHtml(candidature_html(row, self.region))
        self.documents.show_candidature(row.id)
        emit(self.selected, row.id)

    def current_id(self) -> int | None:
        """The selected candidature, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self._id_at(rows[0]) if rows else None

    def _id_at(self, index: QModelIndex) -> int:
        return self.model.row_at(self.proxy.mapToSource(index).row()).id

    def _refresh_details(self) -> None:
        indexes = self.table.selectionModel().selectedRows()
        if indexes and self.slug is not None and not self.locked and self.region is not None:
            row = self.model.row_at(self.proxy.mapToSource(indexes[0]).row())
            self.details.setHtml(candidature_html(row, self.region))

    # Search: the fields, and the text of every proposal ------------------------------
    def set_search(self, text: str) -> None:
        """Filter as the user types; the details keep the candidature the user chose (it is
        selected again when it is still listed)."""
        keep, quiet = self.current_id() or self.chosen, self._quiet
        self._quiet = True
        self.hits = []
        if self.slug is not None and len(text.strip()) >= 3:
            with self.store.reader() as session:
                self.hits = search_documents(session, text, self.slug, limit=100)
        self.proxy.set_search(text, frozenset(h.candidature for h in self.hits))
        self.found.clear()
        for hit in self.hits:
            where = _("p. {n}").format(n=hit.page) if hit.page else ""
            snippet = hit.plain_snippet
            item = QListWidgetItem(
                f"{hit.candidature}. {hit.organisation} — {hit.document_name} {where}\n{snippet}"
            )
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.found.addItem(item)
        self.found.setVisible(bool(self.hits))
        self.table.clearSelection()
        if keep is not None:
            self.select_id(keep)
        self._quiet = quiet

    def _open_hit(self, item: QListWidgetItem) -> None:
        hit: SearchHit = item.data(Qt.ItemDataRole.UserRole)
        if self.locked:
            return
        self.documents.candidature = hit.candidature
        self.documents.read(hit.document, hit.page, self.search.text().strip().split()[0])

    def _open_link(self, url: QUrl) -> None:
        QDesktopServices.openUrl(url)
