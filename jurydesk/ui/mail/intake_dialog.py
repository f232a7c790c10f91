"""File › Candidatures from mail…: the report first (what becomes a candidature, a new version,
or is skipped and why), the guessed organisation and title corrected in the table, then one
write of everything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jurydesk.audit.chain import secretariat_actor
from jurydesk.i18n import _, ngettext
from jurydesk.mail.intake import CREATED, SKIPPED, UPDATED, IntakeReport, import_mailbox
from jurydesk.mail.rebuttals import import_rebuttals
from jurydesk.store import Store

COLUMNS = ("status", "sender", "organisation", "title", "received", "late", "note")


class MailIntakeDialog(QDialog):
    def __init__(
        self,
        store: Store,
        paths: list[Path],
        slug: str,
        parent: QWidget | None = None,
        *,
        weerwoorden: bool = False,
    ) -> None:
        super().__init__(parent)
        self.store, self.paths, self.slug, self.weerwoorden = store, paths, slug, weerwoorden
        self.setWindowTitle(
            _("Weerwoorden from mail") if weerwoorden else _("Candidatures from mail")
        )
        self.resize(1100, 520)
        self.report: IntakeReport = self._run(dry_run=True)
        self.written: IntakeReport | None = None
        labels = {
            CREATED: _("weerwoord") if weerwoorden else _("new"),
            UPDATED: _("new version"),
            SKIPPED: _("skipped"),
        }
        self.table = QTableWidget(len(self.report.items), len(COLUMNS), self)
        self.table.setAccessibleName(_("Messages in the mailbox"))
        self.table.setHorizontalHeaderLabels(
            [
                _("Status"),
                _("Sender"),
                _("Organisation"),
                _("Title"),
                _("Received at"),
                _("Late"),
                _("Note"),
            ]
        )
        for row, item in enumerate(self.report.items):
            cells = (
                labels[item.status],
                item.sender,
                item.organisation,
                item.title,
                item.received_text(),
                _("yes") if item.late else "",
                item.note(),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                editable = item.status == CREATED and column in (2, 3) and not weerwoorden
                if not editable:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        created = len(self.report.by(CREATED))
        updated = len(self.report.by(UPDATED))
        skipped = len(self.report.by(SKIPPED))
        summary = QLabel(intake_summary(created, updated, skipped, weerwoorden), self)
        summary.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(bool(created or updated))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.write)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def corrections(self) -> dict[str, tuple[str, str]]:
        out = {}
        for row, item in enumerate(self.report.items):
            if item.status == CREATED:
                out[item.message_id] = (
                    self.table.item(row, 2).text(),
                    self.table.item(row, 3).text(),
                )
        return out

    def _run(self, *, dry_run: bool) -> IntakeReport:
        if self.weerwoorden:
            return import_rebuttals(
                self.store, self.paths, self.slug, dry_run=dry_run, actor=secretariat_actor()
            )
        return import_mailbox(
            self.store,
            self.paths,
            self.slug,
            dry_run=dry_run,
            actor=secretariat_actor(),
            corrections=None if dry_run else self.corrections(),
        )

    def write(self) -> None:
        self.written = self._run(dry_run=False)
        self.accept()


def intake_summary(created: int, updated: int, skipped: int, weerwoorden: bool = False) -> str:
    """'1 nieuwe kandidatuur, 2 nieuwe versies, 0 overgeslagen. …': plural forms by count."""
    skip = ngettext("{n} skipped", "{n} skipped", skipped).format(n=skipped)
    if weerwoorden:
        found = ngettext(
            "{n} weerwoord matched to a decision", "{n} weerwoorden matched to a decision", created
        ).format(n=created)
        return f"{found}, {skip}. " + _("Nothing is written before you choose Import.")
    new = ngettext("{n} new candidature", "{n} new candidatures", created).format(n=created)
    versions = ngettext("{n} new version", "{n} new versions", updated).format(n=updated)
    return f"{new}, {versions}, {skip}. " + _(
        "Correct the organisation and title of new ones in the table; nothing is written "
        "before you choose Import."
    )
