"""File › Send messages…: the region's decision e-mails (or letters after re-assessment, or
receipts) with their outbox state, a preview of the chosen one, and two ways out: through
the secretariat's SMTP server (progress, a report, resumable) or as .eml drafts in a folder.
The SMTP password is asked here and kept in memory until the app closes, never stored."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.errors import ScoringError
from jurydesk.i18n import _, current_language
from jurydesk.mail.compose import Planned, compose
from jurydesk.mail.drafts import write_drafts
from jurydesk.mail.outbox import SendReport, deliver, pending, resolve
from jurydesk.mail.settings import MailDefaults, load_defaults, save_defaults
from jurydesk.mail.smtp import DEFAULT_PORTS, PLAIN, SSL, STARTTLS, SmtpSettings, SmtpTransport
from jurydesk.mail.states import FAILED, UNCERTAIN, status_label
from jurydesk.mail.templates import DECISION, FINAL, RECEIPT, MailTemplateError
from jurydesk.store import Store, StoreError
from jurydesk.ui.progress import show_error, show_info

# (host, user) -> password, for this run of the app only
_PASSWORDS: dict[tuple[str, str], str] = {}


def kinds() -> list[tuple[str, int | None, str]]:
    return [
        (DECISION, 1, _("Decisions, round 1 (written assessment)")),
        (DECISION, 2, _("Decisions, round 2 (after the pitch)")),
        (FINAL, None, _("Letters after re-assessment of a weerwoord")),
        (RECEIPT, None, _("Acknowledgements of receipt")),
    ]


class SendDialog(QDialog):
    def __init__(self, store: Store, slug: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.slug = store, slug
        self.rows: list[tuple[Planned, object]] = []
        self.report: SendReport | None = None
        self.message = ""
        self.setWindowTitle(_("Send messages"))
        self.resize(1150, 640)
        defaults = load_defaults(store)
        self.kind = QComboBox(self)
        for _kind, _round, label in kinds():
            self.kind.addItem(label)
        self.kind.setAccessibleName(_("Which messages"))
        self.kind.currentIndexChanged.connect(self.refresh)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([_("Candidature"), _("To"), _("Outbox"), _("Note")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(_("Messages"))
        self.table.itemSelectionChanged.connect(self.show_preview)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(_("Preview of the chosen message"))
        split = QSplitter(self)
        split.addWidget(self.table)
        split.addWidget(self.preview)
        split.setSizes([650, 500])

        self.by_smtp = QRadioButton(_("Through the SMTP server"), self)
        self.by_drafts = QRadioButton(_("As drafts (.eml) in a folder"), self)
        (self.by_drafts if defaults.drafts and not defaults.host else self.by_smtp).setChecked(True)
        self.host = QLineEdit(defaults.host, self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(defaults.port)
        self.security = QComboBox(self)
        for value, label in ((STARTTLS, "STARTTLS"), (SSL, "TLS"), (PLAIN, _("no encryption"))):
            self.security.addItem(label, value)
        self.security.setCurrentIndex(max(0, self.security.findData(defaults.security)))
        self._security = self.security.currentData()
        self.security.currentIndexChanged.connect(self._security_changed)
        self.user = QLineEdit(defaults.user, self)
        self.password = QLineEdit(_PASSWORDS.get((defaults.host, defaults.user), ""), self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("asked once per start; never stored"))
        self.cafile = defaults.cafile
        self.folder = QLineEdit(defaults.drafts, self)
        choose = QPushButton(_("Choose…"), self)
        choose.clicked.connect(self.choose_folder)
        self.sender = QLineEdit(defaults.sender, self)
        self.sender.setPlaceholderText("Secretariaat <secretariaat@example.be>")
        grid = QGridLayout()
        grid.addWidget(self.by_smtp, 0, 0)
        self._labelled(grid, 0, 1, _("&Server"), self.host)
        self._labelled(grid, 0, 3, _("&Port"), self.port)
        self._labelled(grid, 0, 5, _("Securit&y"), self.security)
        self._labelled(grid, 1, 1, _("&Login"), self.user)
        self._labelled(grid, 1, 3, _("Pass&word"), self.password, span=3)
        grid.addWidget(self.by_drafts, 2, 0)
        self._labelled(grid, 2, 1, _("F&older"), self.folder, span=4)
        grid.addWidget(choose, 2, 6)
        self._labelled(grid, 3, 1, _("&From"), self.sender, span=6)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(4, 1)
        grid.setColumnStretch(6, 1)
        way = QGroupBox(_("Way out"), self)
        way.setLayout(grid)

        self.resend = QPushButton(_("Send &again"), self)
        self.resend.setToolTip(_("Queue the chosen uncertain or failed messages again"))
        self.resend.clicked.connect(lambda: self.settle("resend"))
        self.mark = QPushButton(_("&Mark as sent"), self)
        self.mark.setToolTip(_("The server's sent items show that it did take them"))
        self.mark.clicked.connect(lambda: self.settle("sent"))
        self.go = QPushButton(_("&Send"), self)
        self.go.setDefault(True)
        self.go.clicked.connect(self.run)
        self.by_drafts.toggled.connect(self._way_changed)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.resend, self.mark):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.go)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kind)
        layout.addWidget(split, 1)
        layout.addWidget(way)
        layout.addLayout(buttons)
        self._way_changed()
        self.refresh()

    def _security_changed(self, _index: int) -> None:
        """The new security's usual port, unless the user typed a port of their own."""
        before, self._security = self._security, self.security.currentData()
        if self.port.value() == DEFAULT_PORTS.get(before):
            self.port.setValue(DEFAULT_PORTS[self._security])

    def _labelled(
        self, grid: QGridLayout, row: int, column: int, text: str, widget: QWidget, span: int = 1
    ) -> None:
        label = QLabel(text, self)
        label.setBuddy(widget)
        grid.addWidget(label, row, column)
        grid.addWidget(widget, row, column + 1, 1, span)

    # the list -------------------------------------------------------------------------
    def choice(self) -> tuple[str, int | None]:
        kind, round_, _label = kinds()[self.kind.currentIndex()]
        return kind, round_

    def refresh(self) -> None:
        kind, round_ = self.choice()
        try:
            self.rows, refused = pending(self.store, self.slug, kind, round_, current_language())
        except (ScoringError, MailTemplateError, StoreError) as exc:
            self.rows, refused = [], []
            show_error(self, _("Send messages"), exc)
        self.table.setRowCount(len(self.rows) + len(refused))
        for index, (item, row) in enumerate(self.rows):
            status = getattr(row, "status", None)
            warnings = item.letter.warnings if item.letter is not None else []
            note = "; ".join(
                [getattr(row, "error", "") or ""] + [f"⚠ {w}" for w in warnings]
            ).strip("; ")
            cells = (
                f"{item.candidature}. {item.organisation}",
                item.recipient,
                status_label(status),
                note,
            )
            self._fill(index, cells)
        for offset, (cand, organisation, reason) in enumerate(refused):
            self._fill(len(self.rows) + offset, (f"{cand}. {organisation}", "", "—", reason))
        self.table.resizeColumnsToContents()
        if self.rows:
            self.table.selectRow(0)
        self._way_changed()

    def _fill(self, index: int, cells: tuple[str, ...]) -> None:
        for column, text in enumerate(cells):
            self.table.setItem(index, column, QTableWidgetItem(text))

    def chosen(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [r for r in rows if r < len(self.rows)]

    def show_preview(self) -> None:
        chosen = self.chosen()
        if not chosen:
            self.preview.clear()
            return
        item, _row = self.rows[chosen[0]]
        sender = self.sender.text().strip() or _("(the sender)")
        try:
            message = compose(item, sender, "<voorbeeld@jurydesk>", current_language(), pdf=b"")
        except MailTemplateError as exc:
            self.preview.setPlainText(str(exc))
            return
        body = message.get_body(("plain",))
        text = body.get_content() if body is not None else ""
        files = [part.get_filename() or "" for part in message.iter_attachments()]
        head = "".join(
            f"<b>{html.escape(label)}:</b> {html.escape(str(value))}<br>"
            for label, value in (
                (_("From"), message["From"]),
                (_("To"), message["To"]),
                *(((_("Reply to"), message["Reply-To"]),) if message["Reply-To"] else ()),
                (_("Subject"), message["Subject"]),
                *((_("Attachment"), name) for name in files),
            )
        )
        warnings = "".join(
            f"<p style='color:#8a4b00'>⚠ {html.escape(w)}</p>"
            for w in (item.letter.warnings if item.letter is not None else [])
        )
        self.preview.setHtml(
            f"{warnings}{head}<hr><pre style='white-space: pre-wrap'>{html.escape(text)}</pre>"
        )
        statuses = {getattr(self.rows[i][1], "status", None) for i in chosen}
        unsettled = bool(statuses) and statuses <= {UNCERTAIN, FAILED}
        self.resend.setEnabled(unsettled)
        self.mark.setEnabled(statuses == {UNCERTAIN})

    # the way out ------------------------------------------------------------------------
    def _way_changed(self) -> None:
        drafts = self.by_drafts.isChecked()
        for widget in (self.host, self.port, self.security, self.user, self.password):
            widget.setEnabled(not drafts)
        self.folder.setEnabled(drafts)
        self.go.setText(_("Write &drafts") if drafts else _("&Send"))
        self.go.setEnabled(bool(self.rows))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Folder for the drafts"), self.folder.text() or str(Path.home())
        )
        if folder:
            self.folder.setText(folder)

    def _remember(self) -> None:
        save_defaults(
            self.store,
            MailDefaults(
                host=self.host.text().strip(),
                port=self.port.value(),
                security=str(self.security.currentData()),
                user=self.user.text().strip(),
                sender=self.sender.text().strip(),
                cafile=self.cafile,
                drafts=self.folder.text().strip(),
            ),
        )

    def smtp_settings(self) -> SmtpSettings:
        """The server as the fields give it (ValueError naming what is missing)."""
        host = self.host.text().strip().strip("[]")
        if not host:
            raise ValueError(_("the SMTP server needs a host name"))
        return SmtpSettings(
            host,
            self.port.value(),
            str(self.security.currentData()),
            self.user.text().strip(),
            self.password.text(),
            self.cafile or None,
        )

    def run(self) -> None:
        kind, round_ = self.choice()
        sender = self.sender.text().strip()
        try:
            if self.by_drafts.isChecked():
                if not self.folder.text().strip():
                    raise MailTemplateError(_("choose a folder for the drafts"))
                drafts, _refused = write_drafts(
                    self.store,
                    Path(self.folder.text().strip()),
                    self.slug,
                    round_,
                    sender,
                    kind=kind,
                )
                self._remember()
                self.message = _("{n} draft(s) written to {folder}.").format(
                    n=len(drafts), folder=self.folder.text().strip()
                )
                show_info(self, _("Send messages"), self.message)
                return
            settings = self.smtp_settings()
        except (ValueError, ScoringError, StoreError, OSError) as exc:
            show_error(self, _("Send messages"), exc)
            return
        self._remember()
        _PASSWORDS[(settings.host, settings.user)] = settings.password
        self.report = self._deliver(settings, kind, round_, sender)
        self.refresh()
        if self.report is not None:
            self.message = summary(self.report)
            show_info(self, _("Send messages"), self.message)

    def _deliver(
        self, settings: SmtpSettings, kind: str, round_: int | None, sender: str
    ) -> SendReport | None:
        progress, step = sending_progress(self)

        try:
            with SmtpTransport(settings) as transport:
                return deliver(
                    self.store,
                    transport,
                    self.slug,
                    kind,
                    round_,
                    sender,
                    current_language(),
                    actor=secretariat_actor(),
                    progress=step,
                    stop=progress.wasCanceled,
                )
        except (ValueError, ScoringError, StoreError, OSError) as exc:
            show_error(self, _("Send messages"), exc)
            return None
        finally:
            progress.close()

    def settle(self, action: str) -> None:
        ids = [self.rows[i][1].id for i in self.chosen() if self.rows[i][1] is not None]
        try:
            resolve(self.store, ids, action, secretariat_actor())
        except StoreError as exc:
            show_error(self, _("Send messages"), exc)
        self.refresh()


def sending_progress(parent: QWidget) -> tuple[QProgressDialog, Callable[[int, int, str], None]]:
    """A modal "Sending…" dialog and the step callback the outbox's senders report to."""
    progress = QProgressDialog(_("Sending…"), _("Stop"), 0, 0, parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)

    def step(done: int, total: int, what: str) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, max(total, 1)))
        if what:
            progress.setLabelText(
                _("Sending {n} of {total}: {what}").format(n=done + 1, total=total, what=what)
            )
        QApplication.processEvents()

    return progress, step


def summary(report: SendReport) -> str:
    lines = [
        _("Sent: {n}.").format(n=len(report.sent)),
        _("Failed: {n}.").format(n=len(report.failed)),
    ]
    lines += [f"  {i.organisation}: {i.error}" for i in report.failed]
    if report.already_sent:
        lines.append(
            _("{count} already sent earlier; not sent again.").format(
                count=len(report.already_sent)
            )
        )
    if report.uncertain:
        lines.append(
            _(
                "Uncertain: {n}. Check the server's sent items, then send them again "
                "or mark them as sent."
            ).format(n=len(report.uncertain))
        )
    if report.stopped:
        lines.append(
            _("Stopped: {reason}. {count} left queued; send again to go on.").format(
                reason=report.stopped, count=report.left
            )
        )
    return "\n".join(lines)
