"""The File menu's mail actions: candidatures and weerwoorden taken in from a mailbox export
(the report first), and the send dialog for decisions and receipts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from jurydesk.i18n import _

if TYPE_CHECKING:
    from jurydesk.ui.mail.intake_dialog import MailIntakeDialog
    from jurydesk.ui.mail.send_dialog import SendDialog
    from jurydesk.ui.main_window import MainWindow


class MailActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _ask(self, title: str) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(
            self.window, title, str(Path.home()), _("Mail (*.eml *.mbox);;All (*)")
        )
        return [Path(n) for n in names]

    def import_mail(self) -> None:
        paths = self._ask(_("Candidatures from mail"))
        if paths:
            self.open_intake(paths)

    def import_weerwoorden(self) -> None:
        paths = self._ask(_("Weerwoorden from mail"))
        if paths:
            self.open_intake(paths, weerwoorden=True)

    def open_intake(
        self, paths: list[Path], *, weerwoorden: bool = False
    ) -> MailIntakeDialog | None:
        slug = self.window.current_slug()
        if slug is None:
            return None
        # Loaded on first use: the mail modules bring reportlab, not needed for the first paint.
        from jurydesk.ui.mail.intake_dialog import MailIntakeDialog

        dialog = MailIntakeDialog(
            self.window.store, paths, slug, self.window, weerwoorden=weerwoorden
        )
        dialog.finished.connect(lambda _result: self._after_intake(dialog))
        dialog.open()
        return dialog

    def _after_intake(self, dialog: MailIntakeDialog) -> None:
        if dialog.written is None:
            return
        self.window.reload_regions()
        done = len(dialog.written.by("created")) + len(dialog.written.by("updated"))
        self.window.statusBar().showMessage(_("{n} message(s) taken in.").format(n=done), 8000)

    def open_send(self) -> SendDialog | None:
        slug = self.window.current_slug()
        if slug is None:
            return None
        from jurydesk.ui.mail.send_dialog import SendDialog

        dialog = SendDialog(self.window.store, slug, self.window)
        dialog.finished.connect(lambda _result: self.window.reload_regions())
        dialog.open()
        return dialog
