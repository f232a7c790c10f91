"""Jury › Voortgang › Send reminders…: the send dialog's way out (SMTP or .eml drafts, the
outbox states, send again / mark as sent) for the reminders of one region and round. The
dialog starts one reminder run when it first writes or sends; sending again from the same
dialog goes on with that run, so nobody is mailed twice."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import QWidget

from jurydesk.audit.chain import secretariat_actor
from jurydesk.errors import ScoringError
from jurydesk.i18n import _, current_language
from jurydesk.mail.outbox import SendReport
from jurydesk.mail.reminders import (
    ReminderPlan,
    compose_reminder,
    reminder_states,
    send_reminders,
    start_run,
    write_reminder_drafts,
)
from jurydesk.mail.smtp import SmtpSettings, SmtpTransport
from jurydesk.mail.states import status_label
from jurydesk.mail.templates import MailTemplateError
from jurydesk.store import Store, StoreError
from jurydesk.ui.mail.send_dialog import _PASSWORDS, SendDialog, sending_progress, summary
from jurydesk.ui.progress import show_error, show_info


class ReminderDialog(SendDialog):
    def __init__(self, store: Store, slug: str, round_: int, parent: QWidget | None = None):
        self.round_, self.run_id = round_, None
        self.plan: ReminderPlan | None = None
        super().__init__(store, slug, parent)
        self.setWindowTitle(_("Send reminders"))
        self.kind.hide()
        self.table.setHorizontalHeaderLabels([_("Juror"), _("To"), _("Outbox"), _("Open work")])
        self.table.setAccessibleName(_("Reminders"))

    def refresh(self) -> None:
        try:
            self.plan, rows = reminder_states(self.store, self.slug, self.round_, self.run_id)
        except (ScoringError, MailTemplateError, StoreError) as exc:
            show_error(self, _("Send reminders"), exc)
            return
        self.rows = [(r, rows.get(r.key)) for r in self.plan.reminders]  # type: ignore[misc]
        self.table.setRowCount(len(self.rows) + len(self.plan.no_address))
        for index, (item, row) in enumerate(self.rows):
            status = getattr(row, "status", None)
            open_work = item.open_work.replace("\n", "; ")  # type: ignore[attr-defined]
            self._fill(index, (item.name, item.to, status_label(status), open_work))  # type: ignore[attr-defined]
        for offset, (_juror, name) in enumerate(self.plan.no_address):
            self._fill(len(self.rows) + offset, (name, "", "—", _("no e-mail address")))
        self.table.resizeColumnsToContents()
        if self.rows:
            self.table.selectRow(0)
        self.show_preview()  # also when row 0 was selected already (no selection signal)
        self._way_changed()

    def show_preview(self) -> None:
        chosen = self.chosen() or ([0] if self.rows else [])  # nothing selected: the first
        if not chosen or self.plan is None:
            self.preview.clear()
            return
        item, _row = self.rows[chosen[0]]
        sender = self.sender.text().strip() or _("(the sender)")
        try:
            message = compose_reminder(
                self.plan,
                item,
                sender,
                "<voorbeeld@jurydesk>",
                current_language(),
                self.slug,  # type: ignore[arg-type]
            )
        except MailTemplateError as exc:
            self.preview.setPlainText(str(exc))
            return
        head = "".join(
            f"<b>{html.escape(label)}:</b> {html.escape(str(value))}<br>"
            for label, value in (
                (_("From"), message["From"]),
                (_("To"), message["To"]),
                (_("Subject"), message["Subject"]),
            )
        )
        text = message.get_content()
        self.preview.setHtml(
            f"{head}<hr><pre style='white-space: pre-wrap'>{html.escape(text)}</pre>"
        )
        statuses = {getattr(self.rows[i][1], "status", None) for i in chosen}
        self.resend.setEnabled(bool(statuses) and statuses <= {"uncertain", "failed"})
        self.mark.setEnabled(statuses == {"uncertain"})

    def _run_id(self) -> int:
        if self.run_id is None:
            self.run_id = start_run(self.store, self.slug, self.round_, secretariat_actor())
        return self.run_id

    def run(self) -> None:
        sender = self.sender.text().strip()
        language = current_language()
        try:
            if self.by_drafts.isChecked():
                folder = self.folder.text().strip()
                if not folder:
                    raise MailTemplateError(_("choose a folder for the drafts"))
                written = write_reminder_drafts(
                    self.store,
                    Path(folder),
                    self.slug,
                    self.round_,
                    sender,
                    language,
                    self._run_id(),
                )
                self._remember()
                self.message = _("{n} draft(s) written to {folder}.").format(
                    n=len(written), folder=folder
                )
                show_info(self, _("Send reminders"), self.message)
                self.refresh()
                return
            settings = self.smtp_settings()
        except (ValueError, ScoringError, StoreError, OSError) as exc:
            show_error(self, _("Send reminders"), exc)
            return
        self._remember()
        _PASSWORDS[(settings.host, settings.user)] = settings.password
        self.report = self._send(settings, sender, language)
        self.refresh()
        if self.report is not None:
            self.message = summary(self.report)
            show_info(self, _("Send reminders"), self.message)

    def _send(self, settings: SmtpSettings, sender: str, language: str) -> SendReport | None:
        progress, step = sending_progress(self)

        try:
            with SmtpTransport(settings) as transport:
                return send_reminders(
                    self.store,
                    transport,
                    self.slug,
                    self.round_,
                    sender,
                    language,
                    self._run_id(),
                    actor=secretariat_actor(),
                    progress_=step,
                    stop=progress.wasCanceled,
                )
        except (ValueError, ScoringError, StoreError, OSError) as exc:
            show_error(self, _("Send reminders"), exc)
            return None
        finally:
            progress.close()
