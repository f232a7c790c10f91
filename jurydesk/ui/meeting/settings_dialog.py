"""Jury › Verklaring en vergaderregels: the region's declaration text (JuryDesk's template
until the secretariat adapts it), the finalised jurors a decision needs, and the quorum."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.jury.declarations import (
    declaration_text,
    jury_settings,
    set_jury_settings,
    template,
)
from jurydesk.regions.service import get_region
from jurydesk.store import Store
from jurydesk.ui.widgets import message_label


class JurySettingsDialog(QDialog):
    def __init__(self, store: Store, slug: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.slug = store, slug
        with store.reader() as session:
            region = get_region(session, slug)
            row = jury_settings(session, region.id)
            text = declaration_text(session, slug)
        self.setWindowTitle(
            _("Declaration and meeting rules — {region}").format(region=region.name)
        )
        self.resize(720, 560)
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(text)
        self.text.setAccessibleName(_("Declaration text"))
        self.source = QLabel(self)
        self.source.setWordWrap(True)
        self._show_source(text)
        default = QPushButton(_("Back to JuryDesk's &template"), self)
        default.clicked.connect(lambda: self.text.setPlainText(template()[0]))
        self.minimum = QSpinBox(self)
        self.minimum.setRange(0, 20)
        self.minimum.setValue(row.min_finalised)
        self.quorum = QSpinBox(self)
        self.quorum.setRange(0, 50)
        self.quorum.setSpecialValueText(_("more than half of the panel"))
        self.quorum.setValue(row.quorum or 0)
        self.message = message_label(self, _("Message"))
        form = QFormLayout()
        form.addRow(_("Finalised jurors a decision &needs"), self.minimum)
        form.addRow(_("&Quorum of the meeting"), self.quorum)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Declaration on honour (verklaring op eer)"), self))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.source)
        layout.addWidget(default)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _show_source(self, text: str) -> None:
        own = text.strip() != template()[0]
        self.source.setText(_("the region's own text") if own else template()[1])

    def save(self) -> bool:
        text = self.text.toPlainText().strip()
        try:
            with self.store.session() as session:
                set_jury_settings(
                    session,
                    secretariat_actor(),
                    self.slug,
                    min_finalised=self.minimum.value(),
                    quorum=self.quorum.value() or None,
                    text=None if text == template()[0] else text,
                )
        except ScoringError as exc:
            self.message.setText("✕ " + str(exc))
            return False
        self.accept()
        return True
