"""Jury › Add a candidature… / Edit the chosen candidature…: every field of one candidature
(a web-form submission typed in, or a correction), checked by the import's rules with the
field named, audited with the old value; withdraw with a reason (a decided one only after
confirming the consequence), or reinstate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.candidatures.columns import LIST_SEPARATOR
from jurydesk.candidatures.edit import (
    CandidatureError,
    NeedsConfirmation,
    add_candidature,
    cells_of,
    edit_candidature,
    reinstate_candidature,
    set_address,
    withdraw_candidature,
)
from jurydesk.i18n import _
from jurydesk.regions.service import region_detail
from jurydesk.store import Store, StoreError
from jurydesk.store.models import WITHDRAWN, Candidature
from jurydesk.timeutil import to_brussels
from jurydesk.ui.progress import sentence
from jurydesk.ui.widgets import message_label

TEXT_FIELDS = (
    "organisation",
    "contact",
    "email",
    "phone",
    "title",
    "received_at",
    "channel",
    "requested_budget",
)


def _label(key: str) -> str:
    return {
        "organisation": _("&Organisation"),
        "contact": _("&Contact person"),
        "email": _("&E-mail"),
        "phone": _("&Phone"),
        "title": _("&Title"),
        "received_at": _("&Received at"),
        "channel": _("C&hannel"),
        "requested_budget": _("Requested &budget"),
    }[key]


def _checks(parent: QWidget, items: list[tuple[str, str]], name: str) -> tuple[QWidget, dict]:
    box = QWidget(parent)
    box.setAccessibleName(name)
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    checks: dict[str, QCheckBox] = {}
    columns = 2 if all(len(text) <= 36 for _key, text in items) else 1
    for index, (key, text) in enumerate(items):
        short = text if len(text) <= 80 else text[:79].rstrip() + "…"
        check = QCheckBox(short.replace("&", "&&"), box)  # '&' is text here, not a shortcut
        check.setAccessibleName(f"{name}: {text}")
        check.setToolTip(text)
        checks[key] = check
        grid.addWidget(check, index // columns, index % columns)
    return box, checks


class CandidatureDialog(QDialog):
    def __init__(
        self, store: Store, slug: str, candidature: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.slug, self.candidature = store, slug, candidature
        self.saved: int | None = None
        self.setWindowTitle(_("Edit candidature") if candidature else _("Add a candidature"))
        self.resize(820, 720)
        with store.reader() as session:
            spec = region_detail(session, slug)
            row = session.get(Candidature, candidature) if candidature else None
            cells = cells_of(row) if row else {}
            self.status = row.status if row else ""
            address = row.address if row else ""
            reason = row.withdrawn_reason if row else ""
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for key in TEXT_FIELDS:
            edit = QLineEdit(self)
            value = cells.get(key)
            if key == "received_at" and value is not None:
                value = f"{to_brussels(value):%d/%m/%Y %H:%M}"  # type: ignore[arg-type]
            edit.setText("" if value is None else str(value))
            self.fields[key] = edit
            form.addRow(_label(key), edit)
        self.fields["received_at"].setPlaceholderText("dd/mm/jjjj uu:mm")
        self.summary = QPlainTextEdit(str(cells.get("summary", "")), self)
        self.summary.setAccessibleName(_("Summary"))
        self.summary.setTabChangesFocus(True)
        form.addRow(_("Summary"), self.summary)
        self.address = QPlainTextEdit(address, self)
        self.address.setAccessibleName(_("Postal address"))
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText(_("Street and number\nPostcode and municipality"))
        self.address.setFixedHeight(70)
        form.addRow(_("Postal address"), self.address)
        chosen = {
            "challenges": set(str(cells.get("challenges", "")).split(LIST_SEPARATOR.strip())),
            "services": set(str(cells.get("services", "")).split(LIST_SEPARATOR.strip())),
            "expertise": set(str(cells.get("expertise", "")).split(LIST_SEPARATOR.strip())),
        }
        groups = (
            (
                "challenges",
                _("Region challenges"),
                [(str(c.number), f"{c.number}. {c.persona_text}") for c in spec.challenges],
            ),
            (
                "services",
                _("Services"),
                [(n.key, n.need) for n in spec.needs] + [(e.key, e.label) for e in spec.exclusions],
            ),
            (
                "expertise",
                _("Sought expertise"),
                [(str(i), text) for i, text in enumerate(spec.focus_expertise, 1)],
            ),
        )
        self.checks: dict[str, dict[str, QCheckBox]] = {}
        for key, title, items in groups:
            if not items:
                self.checks[key] = {}
                continue
            box, checks = _checks(self, items, title)
            for value, check in checks.items():
                check.setChecked(value in {v.strip() for v in chosen[key]})
            self.checks[key] = checks
            form.addRow(title, box)
        inner = QWidget(self)
        inner.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        if self.status == WITHDRAWN:
            self.state.setText("⊘ " + _("Withdrawn: {reason}").format(reason=reason))
        self.message = message_label(self, _("Message"))
        save = QPushButton(_("&Save"), self)
        save.setDefault(True)
        save.clicked.connect(self.save)
        self.withdraw_button = QPushButton(_("&Withdraw…"), self)
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.reinstate_button = QPushButton(_("Rei&nstate"), self)
        self.reinstate_button.clicked.connect(self.reinstate)
        self.withdraw_button.setVisible(bool(candidature) and self.status != WITHDRAWN)
        self.reinstate_button.setVisible(self.status == WITHDRAWN)
        cancel = QPushButton(_("Close"), self)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.reinstate_button)
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def cells(self) -> dict[str, object]:
        cells: dict[str, object] = {k: e.text() for k, e in self.fields.items()}
        cells["summary"] = self.summary.toPlainText()
        for key, checks in self.checks.items():
            cells[key] = LIST_SEPARATOR.join(v for v, c in checks.items() if c.isChecked())
        return cells

    def _fail(self, exc: Exception) -> bool:
        self.message.setText("✕ " + sentence(str(exc)))
        return False

    def save(self) -> bool:
        actor = secretariat_actor()
        try:
            with self.store.session() as session:
                if self.candidature is None:
                    self.candidature = add_candidature(session, actor, self.slug, self.cells())
                else:
                    edit_candidature(session, actor, self.candidature, self.cells())
                set_address(session, actor, self.candidature, self.address.toPlainText())
        except (CandidatureError, StoreError) as exc:
            return self._fail(exc)
        self.saved = self.candidature
        self.accept()
        return True

    def ask_withdraw(self) -> None:
        reason, ok = QInputDialog.getText(
            self, _("Withdraw the candidature"), _("Why is it withdrawn?")
        )
        if not ok:
            return
        try:
            self.withdraw(reason)
        except NeedsConfirmation as exc:
            answer = QMessageBox.question(
                self, _("Withdraw the candidature"), f"{exc}\n\n" + _("Withdraw it anyway?")
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.withdraw(reason, confirm=True)

    def withdraw(self, reason: str, *, confirm: bool = False) -> bool:
        """Raises NeedsConfirmation for a decided candidature unless ``confirm``."""
        assert self.candidature is not None
        try:
            with self.store.session() as session:
                withdraw_candidature(
                    session, secretariat_actor(), self.candidature, reason, confirm=confirm
                )
        except NeedsConfirmation:
            raise
        except (CandidatureError, StoreError) as exc:
            return self._fail(exc)
        self.saved = self.candidature
        self.accept()
        return True

    def reinstate(self) -> bool:
        assert self.candidature is not None
        try:
            with self.store.session() as session:
                reinstate_candidature(session, secretariat_actor(), self.candidature)
        except (CandidatureError, StoreError) as exc:
            return self._fail(exc)
        self.saved = self.candidature
        self.accept()
        return True
