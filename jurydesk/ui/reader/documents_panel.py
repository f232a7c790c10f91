"""A candidature's documents in the candidature list: read them (the same reader as beside
the rubric), add files (button or drag and drop; secretariat), remove one with a reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.documents.errors import DocumentError
from jurydesk.documents.service import add_files, list_documents, remove_document
from jurydesk.i18n import _
from jurydesk.store import Store
from jurydesk.ui.emit import emit
from jurydesk.ui.reader.document_reader import DocumentReader


class ReaderWindow(QDialog):
    """The reader on its own, opened from the candidature list."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Proposal"))
        self.resize(820, 900)
        self.reader = DocumentReader(store, self, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reader)
        self.finished.connect(lambda _r: self.reader.shutdown())


def dropped_files(event: QDropEvent) -> list[Path]:
    return [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]


class DocumentsPanel(QWidget):
    changed = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.candidature: int | None = None
        self.secretariat = False
        self.window_: ReaderWindow | None = None
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Documents"))
        self.list.itemActivated.connect(lambda item: self.read(item.data(Qt.ItemDataRole.UserRole)))
        self.read_button = QPushButton(_("&Read"), self)
        self.read_button.clicked.connect(lambda: self.read(self.selected()))
        self.add_button = QPushButton(_("&Add files…"), self)
        self.add_button.clicked.connect(self.ask_add)
        self.remove_button = QPushButton(_("Re&move…"), self)
        self.remove_button.clicked.connect(self.ask_remove)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.read_button, self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(f"<b>{_('Documents')}</b>", self))
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        self.setAcceptDrops(True)
        self.set_secretariat(False)

    def shutdown(self) -> None:
        if self.window_ is not None:
            self.window_.reader.shutdown()

    def set_secretariat(self, on: bool) -> None:
        self.secretariat = on
        self.add_button.setVisible(on)
        self.remove_button.setVisible(on)
        self.hint.setText(_("Drop files on a candidature to add them.") if on else "")

    def show_candidature(self, candidature: int | None) -> None:
        self.candidature = candidature
        self.list.clear()
        if candidature is None:
            return
        with self.store.reader() as session:
            docs = list_documents(session, candidature)
        for d in docs:
            flag = f" — {_('no text')}" if d.no_text else ""
            pages = f", {d.pages} p." if d.paged else ""
            item = QListWidgetItem(f"{d.name} ({round(d.size / 1024)} kB{pages}){flag}")
            item.setData(Qt.ItemDataRole.UserRole, d.id)
            self.list.addItem(item)
        if docs:
            self.list.setCurrentRow(0)

    def selected(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def read(self, document: int | None, page: int | None = None, term: str = "") -> None:
        if document is None or self.candidature is None:
            return
        if self.window_ is None or not self.window_.isVisible():
            self.window_ = ReaderWindow(self.store, self)
        self.window_.reader.show_candidature(self.candidature, document)
        self.window_.reader.open_document(document, page, term)
        self.window_.show()
        self.window_.raise_()

    # Adding and removing (secretariat) ---------------------------------------------
    def ask_add(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Add files"), "", _("Documents (*.pdf *.docx *.txt *.png *.jpg *.jpeg)")
        )
        if names and self.candidature is not None:
            self.add_files(self.candidature, [Path(n) for n in names])

    def add_files(self, candidature: int, files: list[Path]) -> bool:
        """All files checked first; either all are stored or none, with the reasons shown."""
        if not self.secretariat:
            self._warn(_("Only the secretariat adds documents."))
            return False
        try:
            add_files(self.store, secretariat_actor(), candidature, files)
        except DocumentError as exc:
            self._warn(str(exc))
            return False
        if candidature == self.candidature:
            self.show_candidature(candidature)
        emit(self.changed, candidature)
        return True

    def ask_remove(self) -> None:
        document = self.selected()
        if document is None:
            return
        reason, ok = QInputDialog.getText(
            self, _("Remove document"), _("Why is this document removed?")
        )
        if ok:
            self.remove(document, reason)

    def remove(self, document: int, reason: str) -> bool:
        try:
            with self.store.session() as session:
                remove_document(session, secretariat_actor(), document, reason)
        except DocumentError as exc:
            self._warn(str(exc))
            return False
        self.show_candidature(self.candidature)
        if self.candidature is not None:
            emit(self.changed, self.candidature)
        return True

    def _warn(self, text: str) -> None:
        self.message = QMessageBox(QMessageBox.Icon.Warning, _("Documents"), text, parent=self)
        self.message.open()

    # Drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.secretariat and event.mimeData().hasUrls() and self.candidature is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.candidature is not None:
            self.add_files(self.candidature, dropped_files(event))
            event.acceptProposedAction()


class RowDropFilter(QObject):
    """Files dropped on a row of the candidature table go to that candidature."""

    def __init__(self, view, panel: DocumentsPanel, id_at) -> None:  # type: ignore[no-untyped-def]
        super().__init__(view)
        self.view, self.panel, self.id_at = view, panel, id_at
        view.viewport().setAcceptDrops(True)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            ok = self.panel.secretariat and event.mimeData().hasUrls()  # type: ignore[attr-defined]
            if ok:
                event.acceptProposedAction()  # type: ignore[attr-defined]
            return True
        if kind == QEvent.Type.Drop:
            index = self.view.indexAt(event.position().toPoint())  # type: ignore[attr-defined]
            candidature = self.id_at(index) if index.isValid() else None
            if candidature is not None:
                self.panel.add_files(candidature, dropped_files(event))  # type: ignore[arg-type]
                event.acceptProposedAction()  # type: ignore[attr-defined]
            return True
        return False
