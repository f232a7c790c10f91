"""First start of an installed JuryDesk: open a juror pack, or make the secretariat's database.

Shown by the frozen build when there is no database yet (and no --db, JURYDESK_DB or pack was
given), instead of filling a demo database that a juror would then score in by mistake.
``make run`` and ``pip install``'d starts keep opening the demo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jurydesk.i18n import _
from jurydesk.packs.archive import PackError
from jurydesk.packs.seal import CodeNeeded, WrongCode
from jurydesk.packs.unpack import remove_database_files
from jurydesk.passphrase import MIN_LENGTH, PassphraseError
from jurydesk.paths import data_dir, sqlite_url
from jurydesk.store import Store, StoreError, open_store
from jurydesk.ui.packs.actions import ask_code, choose_pack, open_pack_store
from jurydesk.ui.progress import sentence
from jurydesk.ui.widgets import message_label

DEMO_NAME = "jurydesk-demo.sqlite"


class WelcomeDialog(QDialog):
    """Three ways in; ``store`` is the database to continue with once accepted."""

    def __init__(self, target: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.store: Store | None = None
        self.setWindowTitle(_("Welcome to JuryDesk"))
        self.setMinimumWidth(560)
        title = QLabel(f"<h2>{_('Welcome to JuryDesk')}</h2>", self)
        juror = self._paragraph(
            _(
                "<b>Are you a juror?</b> Open the juror pack you received from the "
                "secretariat. You need the code they gave you separately (on a card or by "
                "phone)."
            )
        )
        secretariat = self._paragraph(
            _(
                "<b>Do you work for the secretariat?</b> Make a new database with the "
                "regions of the call; you choose the passphrase that protects it."
            )
        )
        self.message = message_label(self, _("Message"))
        self.pack_button = QPushButton(_("Open a juror pack…"), self)
        self.pack_button.setDefault(True)
        self.new_button = QPushButton(_("New database (secretariat)…"), self)
        self.demo_button = QPushButton(_("Look around in the demo"), self)
        close = QPushButton(_("Close"), self)
        self.pack_button.clicked.connect(lambda: self.open_pack())
        self.new_button.clicked.connect(lambda: self.new_database())
        self.demo_button.clicked.connect(lambda: self.open_demo())
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        for paragraph, button in ((juror, self.pack_button), (secretariat, self.new_button)):
            layout.addWidget(paragraph)
            row = QHBoxLayout()
            row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
            layout.addSpacing(8)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.demo_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)

    def _paragraph(self, html: str) -> QLabel:
        label = QLabel(html, self)
        label.setWordWrap(True)
        return label

    def _done(self, store: Store) -> Store:
        self.store = store
        self.accept()
        return store

    def _fail(self, exc: object) -> None:
        self.message.setText("✕ " + sentence(" ".join(str(exc).split())))

    def open_pack(self, pack: Path | None = None, code: str | None = None) -> Store | None:
        """The juror's way in: the pack becomes the database JuryDesk opens from now on."""
        pack = pack or choose_pack(self)
        if pack is None:
            return None
        problem = ""
        while True:  # a wrong code asks again, keeping the pack and the place
            typed = code if code is not None else ask_code(self, problem)
            if typed is None:
                return None
            try:
                return self._done(open_pack_store(pack, self.target, typed))
            except (CodeNeeded, WrongCode) as exc:
                self._fail(exc)
                if code is not None:  # a code given by the caller is not asked again
                    return None
                problem = str(exc)
            except (PackError, StoreError) as exc:
                self._fail(exc)
                return None

    def new_database(self, passphrase: str | None = None) -> Store | None:
        """The secretariat's way in: the bundled regions, no demo, their own passphrase."""
        if passphrase is None:
            passphrase = self._ask_passphrase()
            if passphrase is None:
                return None
        if len(passphrase) < MIN_LENGTH:
            self._fail(_("the passphrase needs at least {n} characters").format(n=MIN_LENGTH))
            return None
        from jurydesk.setup import initialise

        store = None
        try:
            store = open_store(sqlite_url(self.target), write=True)
            initialise(store, demo=False, passphrase=passphrase)
        except (StoreError, PassphraseError, OSError) as exc:
            if store is not None:
                store.close()
            remove_database_files(self.target)
            self._fail(exc)
            return None
        return self._done(store)

    def _ask_passphrase(self) -> str | None:
        first, ok = QInputDialog.getText(
            self,
            _("New database"),
            _("Choose the secretariat's passphrase (at least {n} characters):").format(
                n=MIN_LENGTH
            ),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
        again, ok = QInputDialog.getText(
            self, _("New database"), _("The passphrase once more:"), QLineEdit.EchoMode.Password
        )
        if not ok:
            return None
        if first != again:
            self._fail(_("the two passphrases differ"))
            return None
        return first

    def open_demo(self) -> Store | None:
        """A separate demo database, so that trying things out never mixes with real work."""
        from jurydesk.setup import initialise

        try:
            store = open_store(sqlite_url(data_dir() / DEMO_NAME), write=True)
            if store.is_empty():
                initialise(store, demo=True)
        except StoreError as exc:
            self._fail(exc)
            return None
        return self._done(store)


def first_start(target: Path, pack: Path | None = None) -> Store | None:
    """Show the welcome; the store chosen, or None when the user closed it. A pack that was
    double-clicked is opened straight away (the code is asked); the welcome stays for a retry."""
    from jurydesk.packs.unpack import is_pack_name

    dialog = WelcomeDialog(target)
    if pack is not None and is_pack_name(pack.name) and dialog.open_pack(pack) is not None:
        return dialog.store
    dialog.exec()
    return dialog.store
