"""The declaration (verklaring op eer) a juror signs before any score form opens: the region's
text, the candidature list with a conflict of interest to tick (and its reason), the juror's
name typed as the signature and their PIN. The secretariat can record a paper one instead."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jurydesk.candidatures.service import list_candidatures
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.jury.declarations import declaration_text, has_signed, record_on_paper, sign
from jurydesk.jury.pins import has_pin
from jurydesk.jury.service import get_juror
from jurydesk.packs.pack import JUROR_DB, setting
from jurydesk.regions.service import get_region
from jurydesk.store import Store
from jurydesk.ui.widgets import message_label

if TYPE_CHECKING:
    from jurydesk.ui.main_window import MainWindow
    from jurydesk.ui.scoring.view import ScoringView


class DeclarationDialog(QDialog):
    def __init__(
        self,
        store: Store,
        slug: str,
        juror: int,
        secretariat: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.slug, self.juror = store, slug, juror
        with store.reader() as session:
            region = get_region(session, slug)
            name = get_juror(session, juror).name
            text = declaration_text(session, slug)
            rows = list_candidatures(session, slug)
            self.in_pack = setting(session, JUROR_DB) is not None
            needs_pin = not self.in_pack or has_pin(session, juror)
        self.setWindowTitle(_("Declaration on honour — {region}").format(region=region.name))
        self.resize(720, 640)
        intro = QLabel(
            _(
                "{name}, before you read or score any candidature of {region}, sign this "
                "declaration. Tick the candidatures you have a conflict of interest with: you "
                "will not score them."
            ).format(name=name, region=region.name),
            self,
        )
        intro.setWordWrap(True)
        body = QTextBrowser(self)
        body.setPlainText(text)
        body.setAccessibleName(_("Declaration text"))
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([_("Candidature"), _("Reason of the conflict")])
        self.table.setAccessibleName(_("Conflicts of interest"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()  # its own columns name the row
        for index, row in enumerate(rows):
            item = QTableWidgetItem(f"{row.id}. {row.organisation}")
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.table.setItem(index, 0, item)
            self.table.setItem(index, 1, QTableWidgetItem(""))
        self.table.resizeColumnToContents(0)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(name)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.paper = QCheckBox(_("Signed on paper (the secretariat records it)"), self)
        self.paper_date = QDateEdit(QDate.currentDate(), self)
        self.paper_date.setCalendarPopup(True)
        self.paper_date.setDisplayFormat("dd/MM/yyyy")
        self.paper.toggled.connect(self._paper_toggled)
        self.message = message_label(self, _("Message"))
        form = QFormLayout()
        form.addRow(_("Your &name (signature)"), self.name)
        if needs_pin:
            form.addRow(_("&PIN"), self.pin)
        else:
            self.pin.hide()
        if secretariat and not self.in_pack:
            form.addRow(self.paper)
            form.addRow(_("Signed on"), self.paper_date)
        else:
            self.paper.hide()
            self.paper_date.hide()
        self._paper_toggled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.sign_button = buttons.addButton(_("&Sign"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(body, 2)
        layout.addWidget(QLabel(_("Conflicts of interest"), self))
        layout.addWidget(self.table, 2)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _paper_toggled(self, on: bool) -> None:
        self.paper_date.setEnabled(on)
        self.name.setEnabled(not on)
        self.pin.setEnabled(not on)

    def conflicts(self) -> dict[int, str]:
        out = {}
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 0)
            if item.checkState() == Qt.CheckState.Checked:
                out[int(item.data(Qt.ItemDataRole.UserRole))] = self.table.item(index, 1).text()
        return out

    def tick(self, candidature: int, reason: str) -> None:
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 0)
            if item.data(Qt.ItemDataRole.UserRole) == candidature:
                item.setCheckState(Qt.CheckState.Checked)
                self.table.item(index, 1).setText(reason)

    def sign(self) -> bool:
        try:
            with self.store.session() as session:
                if self.paper.isChecked():
                    qdate = self.paper_date.date()
                    record_on_paper(
                        session,
                        "secretariaat",
                        self.juror,
                        self.slug,
                        date(qdate.year(), qdate.month(), qdate.day()),
                        self.conflicts(),
                    )
                else:
                    name = get_juror(session, self.juror).name
                    sign(
                        session,
                        f"juror:{name}",
                        self.juror,
                        self.slug,
                        self.name.text(),
                        self.pin.text() or None,
                        self.conflicts(),
                        in_pack=self.in_pack,
                    )
        except ScoringError as exc:
            self.message.setText("✕ " + str(exc))
            self.pin.clear()
            return False
        self.accept()
        return True


def declared(view: ScoringView) -> bool:
    """Whether the juror in the Scoring tab may open score forms; if not, the list stays
    empty, the heading says why, and the declaration opens."""
    slug, juror = view.slug, view.juror
    if slug is None or juror is None:
        return True
    with view.store.reader() as session:
        if has_signed(session, juror, get_region(session, slug).id):
            return True
    view.items = []
    view.list.clear()
    view.sheet = None
    view.heading.setText(
        _("Sign the declaration on honour (verklaring op eer) before scoring in this region.")
    )
    dialog = DeclarationDialog(view.store, slug, juror, view.secretariat, view)
    dialog.accepted.connect(view._reload_worklist)
    window = view.window()
    if hasattr(window, "candidatures"):
        dialog.accepted.connect(lambda: lock_candidatures(window))  # type: ignore[arg-type]
    dialog.open()
    view.declaration_dialog = dialog  # type: ignore[attr-defined]
    return False


def lock_candidatures(window: MainWindow) -> None:
    """A juror (signed in, or the owner of a pack's database) who has not signed the
    region's declaration sees the candidature list, but no candidature's details or proposal."""
    from jurydesk.ui.main_window import JUROR

    slug, view = window.current_slug(), window.candidatures
    juror = window.identity.juror if window.mode == JUROR else None
    if window.juror_db:
        with window.store.reader() as session:
            own = setting(session, JUROR_DB)
        juror = int(own) if own else None
    view.locked = ""
    if slug is not None and juror is not None:
        with window.store.reader() as session:
            if not has_signed(session, juror, get_region(session, slug).id):
                view.locked = _(
                    "Sign the declaration on honour (verklaring op eer) first: Scoring opens it."
                )
    if view.locked:  # nothing of a candidature stays in view
        view.details.setPlainText(view.locked)
        view.documents.show_candidature(None)
