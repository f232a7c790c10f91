"""The main window: a region switcher, the region's addendum and its candidatures."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from jurydesk import __version__
from jurydesk.candidatures.service import list_candidatures
from jurydesk.decisions.service import latest_outcomes
from jurydesk.i18n import _, current_language
from jurydesk.passphrase import PassphraseError, has_passphrase, set_passphrase, unlock, verify
from jurydesk.recent import remember
from jurydesk.regions.service import list_regions
from jurydesk.store import Store
from jurydesk.ui.admin.actions import AdminActions
from jurydesk.ui.candidatures.view import CandidaturesView
from jurydesk.ui.databases import DatabaseActions, whose_text
from jurydesk.ui.exports.dialogs import Exporter
from jurydesk.ui.exports.printing import PrintActions
from jurydesk.ui.file_actions import FileActions
from jurydesk.ui.help_dialog import help_action
from jurydesk.ui.language import offer_restart
from jurydesk.ui.mail.actions import MailActions
from jurydesk.ui.meeting.declaration_dialog import lock_candidatures
from jurydesk.ui.packs.actions import PackActions, is_juror_database
from jurydesk.ui.scoring.identity import Identity
from jurydesk.ui.tabs import JUROR, SECRETARIAT, LazyTabs, WindowTabs

if TYPE_CHECKING:
    from jurydesk.ui.candidatures.import_dialog import ImportDialog


class MainWindow(WindowTabs, QMainWindow):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("JuryDesk")
        self.resize(1280, 760)
        self.region_box = QComboBox(self)
        self.region_box.setAccessibleName(_("Region"))
        self.region_box.setMinimumContentsLength(18)
        self.region_box.currentIndexChanged.connect(self._on_region_changed)
        self.candidatures = CandidaturesView(store, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.candidatures, _("Candidatures"))
        # The other tabs: their labels now, their modules and views when first shown.
        self.lazy = LazyTabs(self.tabs)
        self.lazy.add("region_view", _("Addendum"), self._build_region_view)
        self.lazy.add("scoring", _("Scoring"), self._build_scoring)
        self.lazy.add("pitch", _("Pitch day"), self._build_pitch)
        self.lazy.add("results", _("Results"), self._build_results)
        self.lazy.add("rebuttals", _("Rebuttals"), self._build_rebuttals)
        self.exporter = Exporter(store, self)
        self.packs = PackActions(self)
        self.mail = MailActions(self)
        self.files = FileActions(self)
        self.admin = AdminActions(self)
        self.databases = DatabaseActions(self)
        self.juror_db = is_juror_database(store)
        self.setCentralWidget(self.tabs)
        self._build_toolbar()
        self._build_menus()
        self.mode_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.mode_label)
        text, where = whose_text(store)
        self.db_label = QLabel(text, self)
        self.db_label.setToolTip(where)
        self.statusBar().addPermanentWidget(self.db_label)
        self.identity = Identity(self)
        self.mode = JUROR
        self.apply_mode()
        self.reload_regions()
        if self.juror_db and self.identity.pin_required:
            self.identity.ask()  # the juror's own database asks its juror's PIN at start

    def identity_asks_pin(self) -> bool:
        return hasattr(self, "identity") and self.juror_db and self.identity.pin_required

    def _build_toolbar(self) -> None:
        bar = QToolBar(_("Region"), self)
        bar.setObjectName("region-toolbar")
        bar.setMovable(False)
        label = QLabel(_("Region:"), self)
        label.setBuddy(self.region_box)
        bar.addWidget(label)
        bar.addWidget(self.region_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.databases.build_menu(file_menu)
        file_menu.addSeparator()
        self.import_action = self._action(
            _("&Import candidatures…"), lambda: self.files.import_candidatures(), "Ctrl+I"
        )
        file_menu.addAction(self.import_action)
        self.mail_action = self._action(
            _("Candidatures from &mail…"), lambda: self.mail.import_mail()
        )
        self.weerwoord_action = self._action(
            _("&Weerwoorden from mail…"), lambda: self.mail.import_weerwoorden()
        )
        self.outbox_action = self._action(
            _("Send &decisions and receipts…"), lambda: self.mail.open_send(), "Ctrl+Shift+M"
        )
        for action in (self.mail_action, self.weerwoord_action, self.outbox_action):
            file_menu.addAction(action)
        self.template_action = self._action(
            _("Save import &template…"), lambda: self.files.save_template()
        )
        self.region_action = self._action(
            _("Add &region from file…"), lambda: self.files.add_region()
        )
        file_menu.addAction(self.template_action)
        file_menu.addAction(self.region_action)
        file_menu.addSeparator()
        self.pack_export_action = self._action(
            _("Export a juror &pack…"), lambda: self.packs.export_pack()
        )
        self.returns_action = self._action(
            _("Import &returns…"), lambda: self.packs.import_returns()
        )
        self.pack_open_action = self._action(
            _("&Open a juror pack…"), lambda: self.packs.open_pack()
        )
        self.send_action = self._action(_("&Send scores back…"), lambda: self.packs.send_return())
        for action in (
            self.pack_export_action,
            self.returns_action,
            self.pack_open_action,
            self.send_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.printing = PrintActions(self)
        self.printing.build_menu(file_menu)
        export_menu = file_menu.addMenu(_("&Export"))
        self.export_menu = export_menu
        self.export_actions = [
            self._action(_("Results &workbook (Excel)…"), self.export_workbook, "Ctrl+E"),
            self._action(_("Results workbook, &all regions…"), self.export_workbook_all),
            self._action(_("Decision &letters (PDF)…"), self.export_letters, "Ctrl+L"),
            self._action(_("&Rebuttal windows (iCalendar)…"), self.export_calendar),
        ]
        for action in self.export_actions:
            export_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit))
        view_menu = self.menuBar().addMenu(_("&View"))
        view_menu.addAction(
            self._action(_("Find candidature"), self._focus_search, QKeySequence.StandardKey.Find)
        )
        self.admin.build_menu(self.menuBar())
        mode_menu = self.menuBar().addMenu(_("&Mode"))
        self.secretariat_action = self._action(
            _("&Secretariat…"), self.ask_secretariat, "Ctrl+Shift+S"
        )
        self.juror_action = self._action(_("&Juror"), self.enter_juror_mode)
        self.passphrase_action = self._action(_("Change the &passphrase…"), self.change_passphrase)
        for action in (self.juror_action, self.secretariat_action, self.passphrase_action):
            mode_menu.addAction(action)
        language_menu = view_menu.addMenu(_("&Language"))
        self.language_actions = {}
        for code, name in (("nl", "Nederlands"), ("en", "English")):
            action = self._action(name, lambda _checked=False, c=code: self.choose_language(c))
            action.setCheckable(True)
            action.setChecked(current_language() == code)
            language_menu.addAction(action)
            self.language_actions[code] = action
        help_menu = self.menuBar().addMenu(_("&Help"))
        help_menu.addAction(help_action(self, self.menuBar()))
        help_menu.addAction(self._action(_("&Keys…"), self._keys))
        help_menu.addAction(self._action(_("&About JuryDesk"), self._about))

    # Regions ---------------------------------------------------------------------------
    def reload_regions(self, select_slug: str | None = None) -> None:
        with self.store.reader() as session:
            regions = list_regions(session)
        current = select_slug or self.current_slug() or QSettings().value("last_region")
        self.region_box.blockSignals(True)
        self.region_box.clear()
        for region in regions:
            self.region_box.addItem(region.name, region.slug)
        index = max(0, self.region_box.findData(current)) if current else 0
        self.region_box.setCurrentIndex(index)
        self.region_box.blockSignals(False)
        self._on_region_changed()

    def current_slug(self) -> str | None:
        data = self.region_box.currentData()
        return str(data) if data else None

    def _on_region_changed(self, *_args: object) -> None:
        slug = self.current_slug()
        self.import_action.setEnabled(slug is not None)
        for action in getattr(self, "export_actions", []):
            action.setEnabled(slug is not None)
        if slug is None:
            return
        with self.store.reader() as session:
            rows = list_candidatures(session, slug)
        self.candidatures.show_candidatures(slug, rows)
        if (region_view := self.lazy.built("region_view")) is not None:
            region_view.show_region(self.candidatures.region)  # type: ignore[attr-defined]
        for view in self._built_region_tabs():
            view.select_region(slug)
        lock_candidatures(self)
        self.refresh_progress()
        self.setWindowTitle(f"JuryDesk — {self.region_box.currentText()}")
        QSettings().setValue("last_region", slug)

    # Modes -----------------------------------------------------------------------------
    def apply_mode(self) -> None:
        """Jurors see the candidatures, the addendum and their own scoring; the rest is the
        secretariat's (results, decisions, rebuttals, imports, exports, regions)."""
        secretariat = self.mode == SECRETARIAT
        for name in ("results", "rebuttals"):
            self.tabs.setTabVisible(self.tabs.indexOf(self.lazy.page(name)), secretariat)
        for action in (
            self.import_action,
            self.mail_action,
            self.weerwoord_action,
            self.outbox_action,
            *self.admin.secretariat_actions,
            *self.printing.secretariat_actions,
            self.template_action,
            self.region_action,
            *self.export_actions,
            self.passphrase_action,
            self.pack_export_action,
            self.returns_action,
        ):
            action.setVisible(secretariat)
        self.send_action.setVisible(self.juror_db)
        self.export_menu.menuAction().setVisible(secretariat)
        self.juror_action.setEnabled(secretariat or self.identity_asks_pin())
        # A juror's own database (made from a pack) has no secretariat.
        self.secretariat_action.setEnabled(not secretariat and not self.juror_db)
        for name in ("scoring", "pitch"):
            if (view := self.lazy.built(name)) is not None:
                view.set_secretariat(secretariat)  # type: ignore[attr-defined]
        if hasattr(self, "identity"):
            self.identity.apply()
        self.candidatures.documents.set_secretariat(secretariat)
        self.mode_label.setText(_("Mode: secretariat") if secretariat else _("Mode: juror"))

    def refresh_progress(self, *_args: object, states: bool = True) -> None:
        """The candidature list's state column, and the chosen juror's own progress."""
        slug = self.current_slug()
        if slug is None:
            return
        scoring = self.lazy.built("scoring")
        juror = scoring.juror if scoring is not None and scoring.slug == slug else None  # type: ignore[attr-defined]
        with self.store.reader() as session:
            where = latest_outcomes(session, slug) if states else None
            mine = {}
            if juror is not None:  # a juror chosen in the Scoring tab (none at start)
                from jurydesk.scoring.worklist import progress

                mine = progress(session, juror, slug)
        self.candidatures.model.set_progress(where, mine)

    def switch_store(self, store: Store) -> MainWindow:
        """Continue in another database (opened, or a juror's own just made from a pack);
        the next start opens it."""
        remember(store.url)
        old = self.store
        self.next_window = MainWindow(store)
        self.next_window.restoreGeometry(self.saveGeometry())
        self.next_window.show()
        self.close()
        old.close()
        return self.next_window

    def choose_language(self, code: str) -> None:
        """Remembered for the next start; a restart is offered to apply it everywhere."""
        QSettings().setValue("language", code)
        for other, action in self.language_actions.items():
            action.setChecked(other == code)
        self.statusBar().showMessage(_("The language changes when JuryDesk starts again."), 10000)
        if code != current_language():
            self.restart_box = offer_restart(self, self.close)

    def now_presenting(self, candidature: int) -> None:
        """The pitch of ``candidature`` starts: open it in the scoring view, round 2."""
        self.tabs.setCurrentWidget(self.scoring)
        self.scoring.open_pitch(candidature)

    def enter_juror_mode(self) -> None:
        """Juror mode: the Scoring tab shows the juror who signs in with their PIN only."""
        from jurydesk.store import audit_keys

        audit_keys.forget(self.store.engine)  # the secretariat's key leaves with it
        self.identity.sign_out()
        self.mode = JUROR
        self.apply_mode()
        if self.identity.pin_required:
            self.identity.ask()

    def enter_secretariat(self, passphrase: str) -> bool:
        with self.store.reader() as session:
            ok = verify(session, passphrase)
        if ok:
            # the audit key, unwrapped once for the session: every event now carries a MAC
            if self.store.writable:
                with self.store.session() as session:
                    unlock(session, passphrase)
            self.mode = SECRETARIAT
            self.statusBar().clearMessage()  # no "Juror? Sign in…" left for the secretariat
            self.apply_mode()
        return ok

    def ask_secretariat(self) -> None:
        with self.store.reader() as session:
            exists = has_passphrase(session)
        if not exists:
            self.change_passphrase(first=True)
            return
        text, ok = QInputDialog.getText(
            self, _("Secretariat"), _("Passphrase of the secretariat:"), QLineEdit.EchoMode.Password
        )
        if ok and not self.enter_secretariat(text):
            QMessageBox.warning(self, _("Secretariat"), _("That passphrase is not correct."))

    def set_passphrase(self, new: str, old: str | None) -> str | None:
        """Set (or change) the passphrase; returns the problem, or None when it is set."""
        try:
            with self.store.session() as session:
                set_passphrase(session, new, old)
        except PassphraseError as exc:
            return str(exc)
        return None

    def change_passphrase(self, first: bool = False) -> None:
        old = None
        if not first:
            old, ok = QInputDialog.getText(
                self,
                _("Change the passphrase"),
                _("Current passphrase:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
        new, ok = QInputDialog.getText(
            self,
            _("Secretariat"),
            _("Choose the passphrase of the secretariat:") if first else _("New passphrase:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        again, ok = QInputDialog.getText(
            self, _("Secretariat"), _("Once more:"), QLineEdit.EchoMode.Password
        )
        if not ok:
            return
        problem = _("the two passphrases differ") if new != again else self.set_passphrase(new, old)
        if problem:
            QMessageBox.warning(self, _("Secretariat"), problem)
        elif first:
            self.enter_secretariat(new)

    # Exports ---------------------------------------------------------------------------
    def export_workbook(self) -> None:
        if (slug := self.current_slug()) is not None:
            self.exporter.workbook(slug, self.region_box.currentText())

    def export_workbook_all(self) -> None:
        if (slug := self.current_slug()) is not None:
            self.exporter.workbook(slug, self.region_box.currentText(), everything=True)

    def export_letters(self) -> None:
        if (slug := self.current_slug()) is not None:
            self.exporter.letters(slug, self.region_box.currentText())

    def export_calendar(self) -> None:
        if (slug := self.current_slug()) is not None:
            self.exporter.calendar(slug, self.region_box.currentText())

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.candidatures)
        self.candidatures.search.setFocus()
        self.candidatures.search.selectAll()

    def import_file(self, path: Path) -> ImportDialog | None:
        return self.files.import_file(path)

    def _keys(self) -> None:
        from jurydesk.ui.reader.document_reader import keys_help

        self.keys_box = QMessageBox(QMessageBox.Icon.NoIcon, _("Keys"), keys_help(), parent=self)
        self.keys_box.setTextFormat(Qt.TextFormat.RichText)
        self.keys_box.open()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("About JuryDesk"),
            _(
                "JuryDesk {version}\nJury scoring for Capacity Building Lokale Partnerschappen."
            ).format(version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if (scoring := self.lazy.built("scoring")) is not None:
            scoring.flush()  # type: ignore[attr-defined]
            scoring.pane.shutdown()  # type: ignore[attr-defined]
        self.candidatures.documents.shutdown()
        QSettings().setValue("geometry", self.saveGeometry())
        super().closeEvent(event)
