"""Jury › Region settings…: the region's rubric and aggregation method, budget and maximum
partners, the weerwoord rule (with JuryDesk's weekend/holiday shift), the mailbox's submission
subject, the weerwoord address, the letters' signatory, letterhead and sender, the pitch
logistics the invitations print, and the addendum's contact people (for questions about the
addendum). Validated field by field; one save, audited."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.i18n import _
from jurydesk.labels import method_label
from jurydesk.scoring.rubric import METHODS
from jurydesk.settings.region import (
    COUNTING,
    RegionSettings,
    SettingsError,
    load_settings,
    rubric_names,
    save_settings,
)
from jurydesk.store import Store, StoreError
from jurydesk.ui.progress import sentence
from jurydesk.ui.widgets import message_label


def _spin(parent: QWidget, low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class RegionSettingsDialog(QDialog):
    def __init__(self, store: Store, slug: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.slug = store, slug
        self.changed: list[str] = []
        with store.reader() as session:
            current = load_settings(session, slug)
            rubrics = rubric_names(session)
        self.setWindowTitle(_("Region settings"))
        self.resize(820, 860)
        self.rubric = QComboBox(self)
        for key, name in rubrics:  # the rubric's name, never its key ('default')
            self.rubric.addItem(name, key)
        self.rubric.setCurrentIndex(max(0, self.rubric.findData(current.rubric)))
        self.method = QComboBox(self)
        for method in METHODS:
            self.method.addItem(method_label(method), method)
        self.method.setCurrentIndex(max(0, self.method.findData(current.method)))
        self.budget = QLineEdit(current.budget, self)
        self.budget.setPlaceholderText(_("euro; empty: no budget"))
        self.partners = _spin(self, 0, 100, current.max_partners)
        self.partners.setSpecialValueText(_("no maximum"))
        self.days = _spin(self, 1, 90, current.rebuttal_days, " " + _("days"))
        self.delay = _spin(self, 0, 14, current.rebuttal_receipt_delay, " " + _("days"))
        self.counting = QComboBox(self)
        for value, label in zip(COUNTING, (_("calendar days"), _("working days")), strict=True):
            self.counting.addItem(label, value)
        self.counting.setCurrentIndex(max(0, self.counting.findData(current.rebuttal_counting)))
        self.subject = QLineEdit(current.submission_subject, self)
        self.subject.setPlaceholderText(_("empty: this region takes no candidatures by e-mail"))
        self.weerwoord = QLineEdit(current.weerwoord_address, self)
        self.weerwoord.setPlaceholderText(
            _("where candidates send a weerwoord; the letters print it")
        )
        self.days_text = QLineEdit(current.pitch_days, self)
        self.days_text.setPlaceholderText(_("dd/mm/jjjj; …  empty: the days of the addendum"))
        self.place = QLineEdit(current.pitch_place, self)
        self.place.setPlaceholderText(_("address and room; empty: the invitations say nothing"))
        self.arrival = _spin(self, 0, 240, current.pitch_arrival, " " + _("minutes"))
        self.arrival.setSpecialValueText(_("not said"))
        self.arrival.setToolTip(_("How long before the slot a candidate is expected"))
        self.party = _spin(self, 0, 20, current.pitch_party_size)
        self.party.setSpecialValueText(_("not said"))
        self.shift = QCheckBox(
            _("Move a last day on a Saturday, Sunday or public holiday to the next working day"),
            self,
        )
        self.shift.setChecked(current.weekend_shift)
        self.shift.setToolTip(
            _(
                "JuryDesk's setting, not the addendum's: art. 53 of the Judicial Code applied "
                "by analogy. The letters state the last day and hour, never this rule."
            )
        )
        self.signatory = QLineEdit(current.signatory, self)
        self.signatory.setPlaceholderText(_("required: letters are refused without it"))
        self.function = QLineEdit(current.signatory_function, self)
        self.letterhead = self._lines_edit(current.letterhead, _("one line each; the first bold"))
        self.sender = self._lines_edit(current.sender, _("address lines below the letterhead"))
        form = QFormLayout()
        for label, widget in (
            (_("&Rubric"), self.rubric),
            (_("&Aggregation method"), self.method),
            (_("&Budget"), self.budget),
            (_("Maximum &partners"), self.partners),
            (_("&Weerwoord within"), self.days),
            (_("Counting starts &after"), self.delay),
            (_("C&ounting"), self.counting),
            ("", self.shift),
            (_("Submission &subject (mail)"), self.subject),
            (_("Weerwoord &address"), self.weerwoord),
            (_("Si&gnatory"), self.signatory),
            (_("Signatory's &function"), self.function),
            (_("Letter&head"), self.letterhead),
            (_("Se&nder"), self.sender),
            (_("Pitch da&ys"), self.days_text),
            (_("Pitch p&lace"), self.place),
            (_("Arrival before the pi&tch"), self.arrival),
            (_("People at the pitch (at &most)"), self.party),
        ):
            form.addRow(label, widget)
        self.contacts = QTableWidget(len(current.contacts), 3, self)
        self.contacts.setHorizontalHeaderLabels([_("Name"), _("E-mail"), _("Phone")])
        self.contacts.setAccessibleName(_("Contact people"))
        for row, values in enumerate(current.contacts):
            for column, text in enumerate(values):
                self.contacts.setItem(row, column, QTableWidgetItem(text))
        self.contacts.resizeColumnsToContents()
        add = QPushButton(_("Add a &contact"), self)
        add.clicked.connect(lambda: self.contacts.insertRow(self.contacts.rowCount()))
        drop = QPushButton(_("Remove the c&hosen contact"), self)
        drop.clicked.connect(self._drop_contact)
        contact_buttons = QHBoxLayout()
        contact_buttons.addWidget(add)
        contact_buttons.addWidget(drop)
        contact_buttons.addStretch(1)
        self.message = message_label(self, _("Message"))
        save = QPushButton(_("&Save"), self)
        save.setDefault(True)
        save.clicked.connect(self.save)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(save)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(
                _(
                    "Contact people of the addendum, for questions about the addendum "
                    "(letters neither sign with them nor send weerwoorden to them)"
                ),
                self,
            )
        )
        layout.addWidget(self.contacts, 1)
        layout.addLayout(contact_buttons)
        layout.addLayout(buttons)

    def _lines_edit(self, text: str, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(text, self)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        return edit

    def _drop_contact(self) -> None:
        rows = self.contacts.selectionModel().selectedRows() or (
            [self.contacts.currentIndex()] if self.contacts.currentIndex().isValid() else []
        )
        for index in sorted({i.row() for i in rows}, reverse=True):
            self.contacts.removeRow(index)

    def settings(self) -> RegionSettings:
        def cell(row: int, column: int) -> str:
            item = self.contacts.item(row, column)
            return item.text().strip() if item else ""

        contacts = [
            (cell(r, 0), cell(r, 1), cell(r, 2))
            for r in range(self.contacts.rowCount())
            if any(cell(r, c) for c in range(3))
        ]
        return RegionSettings(
            rubric=str(self.rubric.currentData()),
            method=str(self.method.currentData()),
            budget=self.budget.text(),
            max_partners=self.partners.value(),
            rebuttal_days=self.days.value(),
            rebuttal_receipt_delay=self.delay.value(),
            rebuttal_counting=str(self.counting.currentData()),
            submission_subject=self.subject.text(),
            contacts=contacts,
            pitch_place=self.place.text(),
            pitch_days=self.days_text.text(),
            weerwoord_address=self.weerwoord.text(),
            weekend_shift=self.shift.isChecked(),
            signatory=self.signatory.text(),
            signatory_function=self.function.text(),
            letterhead=self.letterhead.toPlainText(),
            sender=self.sender.toPlainText(),
            pitch_arrival=self.arrival.value(),
            pitch_party_size=self.party.value(),
        )

    def save(self) -> bool:
        try:
            with self.store.session() as session:
                self.changed = save_settings(
                    session, secretariat_actor(), self.slug, self.settings()
                )
        except (SettingsError, StoreError) as exc:
            self.message.setText("✕ " + sentence(str(exc)))
            return False
        self.accept()
        return True
