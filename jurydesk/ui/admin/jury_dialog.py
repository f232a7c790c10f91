"""Jury › Jurors and conflicts…: the region's jury (every juror, with their rounds here), a
juror's details and panels, and their conflicts of interest (declare, lift with a reason).
The same rules as the CLI: a juror with scores is not removed, nor taken off a round in
which they scored; every change is audited."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.candidatures.service import list_candidatures
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.jury.admin import (
    JurorRow,
    conflicts_of,
    edit_juror,
    jury_of,
    lift_conflict,
    remove_juror,
    set_panels,
)
from jurydesk.jury.pins import NO_KEY, no_key_advice, set_pin, signing_label
from jurydesk.jury.service import ROLES, add_conflict, add_juror, role_label
from jurydesk.store import Store, StoreError
from jurydesk.ui.progress import sentence
from jurydesk.ui.widgets import message_label


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setAccessibleName(name)
    return table


class JuryDialog(QDialog):
    def __init__(self, store: Store, slug: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.slug = store, slug
        self.jurors: list[JurorRow] = []
        self.setWindowTitle(_("Jurors and conflicts of interest"))
        self.resize(1200, 640)
        self.table = _table(
            self,
            [
                _("Name"),
                _("Organisation"),
                _("Role"),
                _("Rounds here"),
                _("Scores here"),
                _("Own key"),
            ],
            _("Jurors"),
        )
        self.table.itemSelectionChanged.connect(self.show_juror)
        self.name = QLineEdit(self)
        self.organisation = QLineEdit(self)
        self.role = QComboBox(self)
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.email = QLineEdit(self)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(_("6 to 8 digits; empty: unchanged"))
        self.round1 = QCheckBox(_("Round &1 (written assessment)"), self)
        self.round2 = QCheckBox(_("Round &2 (pitch)"), self)
        form = QFormLayout()
        for label, widget in (
            (_("&Name"), self.name),
            (_("&Organisation"), self.organisation),
            (_("&Role"), self.role),
            (_("&E-mail"), self.email),
            (_("P&IN"), self.pin),
        ):
            form.addRow(label, widget)
        form.addRow(_("Panels in this region"), self.round1)
        form.addRow("", self.round2)
        new = QPushButton(_("&New juror"), self)
        new.clicked.connect(self.new_juror)
        self.save_button = QPushButton(_("&Save"), self)
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton(_("Re&move…"), self)
        self.remove_button.clicked.connect(self.ask_remove)
        buttons = QHBoxLayout()
        for button in (new, self.save_button, self.remove_button):
            buttons.addWidget(button)
        details = QGroupBox(_("Juror"), self)
        box = QVBoxLayout(details)
        box.addLayout(form)
        box.addLayout(buttons)
        self.conflicts = _table(
            self,
            [_("Candidature"), _("Reason"), _("Declared by"), _("On")],
            _("Conflicts of interest"),
        )
        declare = QPushButton(_("&Declare a conflict…"), self)
        declare.clicked.connect(self.ask_declare)
        self.lift_button = QPushButton(_("&Lift…"), self)
        self.lift_button.clicked.connect(self.ask_lift)
        conflict_buttons = QHBoxLayout()
        conflict_buttons.addWidget(declare)
        conflict_buttons.addWidget(self.lift_button)
        conflict_buttons.addStretch(1)
        self.message = message_label(self, _("Message"))
        right = QVBoxLayout()
        right.addWidget(details)
        right.addWidget(QLabel(_("Conflicts of interest of this juror in this region"), self))
        right.addWidget(self.conflicts, 1)
        right.addLayout(conflict_buttons)
        # jurors whose PIN predates the audit log's MACs: said once, with what to do
        self.keys_note = QLabel(self)
        self.keys_note.setWordWrap(True)
        self.keys_note.setAccessibleName(_("Signing keys"))
        left = QVBoxLayout()
        left.addWidget(self.keys_note)
        left.addWidget(self.table, 1)
        top = QHBoxLayout()
        top.addLayout(left, 7)
        top.addLayout(right, 4)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(bottom)
        self.reload()

    # reading ----------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        with self.store.reader() as session:
            self.jurors = jury_of(session, self.slug)
        self.table.setRowCount(len(self.jurors))
        for row, j in enumerate(self.jurors):
            rounds = ", ".join(str(r) for r in j.rounds) or "—"
            for column, text in enumerate(
                (
                    j.name,
                    j.organisation,
                    role_label(j.role),
                    rounds,
                    str(j.scores),
                    signing_label(j.signing),
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        keyless = [j for j in self.jurors if j.signing == NO_KEY]
        self.keys_note.setText(
            "⚠ " + no_key_advice([f"{j.name} ({j.id})" for j in keyless]) if keyless else ""
        )
        self.keys_note.setVisible(bool(keyless))
        ids = [j.id for j in self.jurors]
        if select in ids:
            self.table.selectRow(ids.index(select))
        elif self.jurors and self.current() is None:
            self.table.selectRow(0)
        self.show_juror()

    def current(self) -> JurorRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.jurors[rows[0].row()] if rows else None

    def show_juror(self) -> None:
        j = self.current()
        self.name.setText(j.name if j else "")
        self.organisation.setText(j.organisation if j else "")
        self.role.setCurrentIndex(max(0, self.role.findData(j.role if j else "expert")))
        self.email.setText(j.email if j else "")
        self.pin.clear()
        self.round1.setChecked(bool(j and 1 in j.rounds))
        self.round2.setChecked(bool(j and 2 in j.rounds))
        self.remove_button.setEnabled(bool(j) and not (j and j.scores))
        self.remove_button.setToolTip(
            _("A juror with scores cannot be removed") if j and j.scores else ""
        )
        conflicts = []
        if j is not None:
            with self.store.reader() as session:
                conflicts = conflicts_of(session, self.slug, j.id)
        self.conflict_rows = conflicts
        self.conflicts.setRowCount(len(conflicts))
        for row, c in enumerate(conflicts):
            cells = (
                f"{c.candidature}. {c.organisation}",
                c.reason,
                c.declared_by,
                f"{c.declared_at:%d/%m/%Y}",
            )
            for column, text in enumerate(cells):
                self.conflicts.setItem(row, column, QTableWidgetItem(text))
        self.conflicts.resizeColumnsToContents()
        self.lift_button.setEnabled(bool(conflicts))

    # writing ----------------------------------------------------------------------------
    def _do(self, work, done: str, select: int | None = None) -> bool:  # type: ignore[no-untyped-def]
        """One user action: one transaction through the core; a refusal is shown, not raised."""
        try:
            with self.store.session() as session:
                result = work(session)
        except (ScoringError, StoreError) as exc:
            self.message.setText("✕ " + sentence(str(exc)))
            return False
        self.message.setText("✓ " + done)
        self.reload(select if select is not None else result)
        return True

    def new_juror(self) -> None:
        self.table.clearSelection()
        self.show_juror()
        self.name.setFocus()

    def rounds(self) -> set[int]:
        return {r for r, box in ((1, self.round1), (2, self.round2)) if box.isChecked()}

    def save(self) -> bool:
        j, actor = self.current(), secretariat_actor()
        role = str(self.role.currentData())

        def work(session):  # type: ignore[no-untyped-def]
            if j is None:
                juror_id = add_juror(
                    session,
                    actor,
                    self.name.text(),
                    role,
                    self.organisation.text(),
                    self.email.text(),
                )
            else:
                juror_id = j.id
                edit_juror(
                    session,
                    actor,
                    j.id,
                    self.name.text(),
                    role,
                    self.organisation.text(),
                    self.email.text(),
                )
            set_panels(session, actor, juror_id, self.slug, self.rounds())
            if self.pin.text().strip():
                set_pin(session, actor, juror_id, self.pin.text())
            return juror_id

        return self._do(work, _("Saved: {name}.").format(name=" ".join(self.name.text().split())))

    def ask_remove(self) -> None:
        j = self.current()
        if j is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove juror"),
            _(
                "Remove {name}? Their panels and conflicts of interest go with them; the audit "
                "log keeps the record."
            ).format(name=j.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove()

    def remove(self) -> bool:
        j = self.current()
        if j is None:
            return False
        return self._do(
            lambda s: remove_juror(s, secretariat_actor(), j.id),
            _("Removed: {name}.").format(name=j.name),
        )

    def candidatures(self) -> list[tuple[int, str]]:
        with self.store.reader() as session:
            return [
                (c.id, f"{c.id}. {c.organisation}") for c in list_candidatures(session, self.slug)
            ]

    def ask_declare(self) -> None:
        j = self.current()
        if j is None:
            return
        choices = self.candidatures()
        label, ok = QInputDialog.getItem(
            self,
            _("Declare a conflict of interest"),
            _("Candidature for which {name} has a conflict of interest:").format(name=j.name),
            [text for _id, text in choices],
            0,
            False,
        )
        if not ok:
            return
        reason, ok = QInputDialog.getText(self, _("Declare a conflict of interest"), _("Reason:"))
        if ok:
            self.declare(dict((t, i) for i, t in choices)[label], reason)

    def declare(self, candidature: int, reason: str) -> bool:
        j = self.current()
        assert j is not None
        return self._do(
            lambda s: add_conflict(s, secretariat_actor(), j.id, candidature, reason),
            _("Conflict of interest recorded."),
            select=j.id,
        )

    def ask_lift(self) -> None:
        rows = self.conflicts.selectionModel().selectedRows()
        if not rows:
            self.message.setText("✕ " + _("Choose the conflict of interest to lift."))
            return
        reason, ok = QInputDialog.getText(
            self, _("Lift a conflict of interest"), _("Why is it lifted?")
        )
        if ok:
            self.lift(self.conflict_rows[rows[0].row()].candidature, reason)

    def lift(self, candidature: int, reason: str) -> bool:
        j = self.current()
        assert j is not None
        return self._do(
            lambda s: lift_conflict(s, secretariat_actor(), j.id, candidature, reason),
            _("Conflict of interest lifted."),
            select=j.id,
        )
