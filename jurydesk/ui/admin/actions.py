"""The Jury menu: the secretariat's jury, candidature and region administration, and a
juror's own declaration of a conflict of interest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QInputDialog, QMenuBar

from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.jury.service import add_conflict, get_juror
from jurydesk.ui.progress import show_error, show_info

if TYPE_CHECKING:  # each dialog's module is imported when the dialog first opens
    from jurydesk.ui.admin.candidature_dialog import CandidatureDialog
    from jurydesk.ui.admin.jury_dialog import JuryDialog
    from jurydesk.ui.admin.pending_dialog import PendingDialog
    from jurydesk.ui.admin.quality_dialog import QualitySettingsDialog
    from jurydesk.ui.admin.region_dialog import RegionSettingsDialog
    from jurydesk.ui.main_window import MainWindow


class AdminActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.secretariat_actions: list[QAction] = []

    def build_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu(_("&Jury"))
        jury = QAction(_("&Jurors and conflicts of interest…"), self.window)
        jury.triggered.connect(self.open_jury)
        menu.addAction(jury)
        add = QAction(_("&Add a candidature…"), self.window)
        add.triggered.connect(lambda: self.open_candidature(None))
        edit = QAction(_("&Edit the chosen candidature…"), self.window)
        edit.setShortcut("Ctrl+Shift+E")
        edit.triggered.connect(self.edit_chosen)
        menu.addSeparator()
        menu.addAction(add)
        menu.addAction(edit)
        pending = QAction(_("&Held and conflicting scores…"), self.window)
        pending.triggered.connect(self.open_pending)
        menu.addAction(pending)
        settings = QAction(_("&Region settings…"), self.window)
        settings.triggered.connect(self.open_region_settings)
        menu.addAction(settings)
        quality = QAction(_("&Thresholds, tie-breaks and calibration…"), self.window)
        quality.triggered.connect(self.open_quality_settings)
        menu.addAction(quality)
        menu.addSeparator()
        meeting = QAction(_("&Meeting…"), self.window)
        meeting.triggered.connect(self.open_meeting)
        progress = QAction(_("Pro&gress…"), self.window)
        progress.triggered.connect(self.open_progress)
        rules = QAction(_("&Declaration and meeting rules…"), self.window)
        rules.triggered.connect(self.open_jury_settings)
        for action in (meeting, progress, rules):
            menu.addAction(action)
        menu.addSeparator()
        self.secretariat_actions = [
            jury,
            add,
            edit,
            pending,
            settings,
            quality,
            meeting,
            progress,
            rules,
        ]
        self.declare_action = QAction(_("&Declare a conflict of interest…"), self.window)
        self.declare_action.setToolTip(
            _("For the candidature open in Scoring: you will no longer score it")
        )
        self.declare_action.triggered.connect(self.ask_declare)
        menu.addAction(self.declare_action)

    def open_jury(self) -> JuryDialog | None:
        slug = self.window.current_slug()
        if slug is None:
            return None
        from jurydesk.ui.admin.jury_dialog import JuryDialog

        dialog = JuryDialog(self.window.store, slug, self.window)
        dialog.finished.connect(lambda _result: self.window.reload_regions())
        dialog.open()
        return dialog

    def open_meeting(self) -> QDialog | None:
        from jurydesk.ui.meeting.meeting_window import MeetingWindow

        slug = self.window.current_slug()
        if slug is None:
            return None
        dialog = MeetingWindow(self.window, slug)
        dialog.finished.connect(lambda _result: self.window.reload_regions())
        dialog.show()
        self.meeting_window = dialog
        return dialog

    def open_progress(self) -> QDialog | None:
        from jurydesk.ui.meeting.progress_dialog import ProgressDialog

        slug = self.window.current_slug()
        if slug is None:
            return None
        dialog = ProgressDialog(self.window.store, slug, self.window)
        dialog.open()
        return dialog

    def open_jury_settings(self) -> QDialog | None:
        from jurydesk.ui.meeting.settings_dialog import JurySettingsDialog

        slug = self.window.current_slug()
        if slug is None:
            return None
        dialog = JurySettingsDialog(self.window.store, slug, self.window)
        dialog.open()
        return dialog

    def open_pending(self) -> PendingDialog:
        from jurydesk.ui.admin.pending_dialog import PendingDialog

        dialog = PendingDialog(self.window.store, self.window)
        dialog.finished.connect(lambda _result: self.window.reload_regions())
        dialog.open()
        return dialog

    def open_region_settings(self) -> RegionSettingsDialog | None:
        slug = self.window.current_slug()
        if slug is None:
            return None
        from jurydesk.ui.admin.region_dialog import RegionSettingsDialog

        dialog = RegionSettingsDialog(self.window.store, slug, self.window)
        dialog.finished.connect(
            lambda _result: self.window.reload_regions() if dialog.changed else None
        )
        dialog.open()
        return dialog

    def open_quality_settings(self) -> QualitySettingsDialog | None:
        slug = self.window.current_slug()
        if slug is None:
            return None
        from jurydesk.ui.admin.quality_dialog import QualitySettingsDialog

        dialog = QualitySettingsDialog(self.window.store, slug, self.window)
        dialog.finished.connect(
            lambda _result: self.window.reload_regions() if dialog.changed else None
        )
        dialog.open()
        return dialog

    def edit_chosen(self) -> CandidatureDialog | None:
        chosen = self.window.candidatures.current_id()
        if chosen is None:
            show_error(
                self.window, _("Edit candidature"), _("Choose a candidature in the list first.")
            )
            return None
        return self.open_candidature(chosen)

    def open_candidature(self, candidature: int | None) -> CandidatureDialog | None:
        slug = self.window.current_slug()
        if slug is None:
            return None
        from jurydesk.ui.admin.candidature_dialog import CandidatureDialog

        dialog = CandidatureDialog(self.window.store, slug, candidature, self.window)
        dialog.finished.connect(lambda _result: self._after_candidature(dialog))
        dialog.open()
        return dialog

    def _after_candidature(self, dialog: CandidatureDialog) -> None:
        if dialog.saved is not None:
            self.window.reload_regions()

    def ask_declare(self) -> None:
        sheet = self.window.scoring.sheet
        if sheet is None:
            show_error(
                self.window,
                _("Declare a conflict of interest"),
                _("Open the candidature in Scoring first."),
            )
            return
        reason, ok = QInputDialog.getText(
            self.window,
            _("Declare a conflict of interest"),
            _("Why can you not judge {organisation} impartially?").format(
                organisation=sheet.organisation
            ),
        )
        if ok:
            self.declare(reason)

    def declare(self, reason: str) -> bool:
        """The juror in Scoring declares a conflict with the candidature open there; the
        secretariat sees it in the Jury dialog, declared by that juror."""
        sheet = self.window.scoring.sheet
        assert sheet is not None
        try:
            with self.window.store.session() as session:
                name = get_juror(session, sheet.juror).name
                add_conflict(session, f"juror:{name}", sheet.juror, sheet.candidature, reason)
        except ScoringError as exc:
            show_error(self.window, _("Declare a conflict of interest"), exc)
            return False
        show_info(
            self.window,
            _("Declare a conflict of interest"),
            _("Recorded. The secretariat sees it; this candidature leaves your list."),
        )
        scoring, slug = self.window.scoring, self.window.current_slug()
        if slug is not None:
            scoring.show_region(slug)
            scoring.juror_box.setCurrentIndex(scoring.juror_box.findData(sheet.juror))
        return True
