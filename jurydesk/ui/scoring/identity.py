"""Who is scoring: in juror mode the Scoring tab shows one juror only, the one who signed in
with their PIN (Modus › Jurylid…). The secretariat sees every juror; a juror's own database
(opened from a pack) holds that juror only, and asks their PIN at start when the secretariat set
one (the pack's code protects the file at rest, the PIN the open app)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from jurydesk.i18n import _
from jurydesk.jury.pins import LOCKED, OK, WRONG, Attempt, has_pin, try_pin
from jurydesk.jury.service import list_jurors
from jurydesk.packs.pack import own_juror
from jurydesk.ui.widgets import message_label

if TYPE_CHECKING:
    from jurydesk.ui.main_window import MainWindow


class SignInDialog(QDialog):
    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.setWindowTitle(_("Sign in as a juror"))
        slug = window.current_slug()
        with window.store.reader() as session:
            jurors = list_jurors(session, slug) if slug else []
        self.juror = QComboBox(self)
        for j in jurors:
            self.juror.addItem(f"{j.name} ({j.organisation})", j.id)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = message_label(self, _("Message"))
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                _("Your scores stay yours: sign in with the PIN the secretariat gave you."), self
            )
        )
        form.addRow(_("&Juror"), self.juror)
        form.addRow(_("&PIN"), self.pin)
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.refusal = ""

    def sign_in(self) -> bool:
        """A wrong PIN costs a pause (the brake against guessing, audited by the core): the
        dialog waits it out disabled, on a timer, so that the window stays alive."""
        identity = self.window.identity
        juror = self.juror.currentData()
        if identity.waiting() > 0:
            return False  # (the fields are disabled; a programmatic try waits too)
        if juror is not None and identity.identify(int(juror), self.pin.text()):
            self.accept()
            return True
        self.pin.clear()
        outcome = identity.last
        if outcome.result == LOCKED:
            self.refusal = "✕ " + _(
                "Too many wrong PINs: this juror is locked out until the secretariat sets a "
                "new PIN."
            )
        else:
            self.refusal = "✕ " + _("That PIN is not correct.")
        if identity.waiting() > 0:
            self.message.setText(self.refusal + " " + _("Please wait…"))
            self._enable(False)
            self._resume_later()
        else:
            self.message.setText(self.refusal)
        return False

    def _enable(self, on: bool) -> None:
        for widget in (self.juror, self.pin, self.ok_button):
            widget.setEnabled(on)

    def _resume_later(self) -> None:
        wait = self.window.identity.waiting()
        QTimer.singleShot(max(1, int(wait * 1000) + 1), self, self._resume)

    def _resume(self) -> None:
        if self.window.identity.waiting() > 0:  # a timer that fired early: wait the rest
            self._resume_later()
            return
        self._enable(True)
        self.message.setText(self.refusal)
        self.pin.setFocus()


class Identity:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.juror: int | None = None  # signed in, in juror mode
        self.pin_required = True  # a juror's own database without a PIN opens as its juror
        self.last = Attempt(OK)
        self.resume_at = 0.0  # after a wrong PIN: no new try before this (time.monotonic)
        if window.juror_db:
            with window.store.reader() as session:
                own = own_juror(session)
                self.pin_required = own is not None and has_pin(session, own)

    def identify(self, juror: int, pin: str) -> bool:
        """One PIN sign-in, counted and audited by the core. A wrong PIN's pause is kept
        here (no new try before it ends) without blocking the event loop: see `waiting`."""
        if self.waiting() > 0:
            self.last = Attempt(WRONG)
            return False
        self.last = try_pin(self.window.store, juror, pin)
        self.resume_at = time.monotonic() + self.last.pause
        ok = self.last.result == OK
        if ok:
            self.juror = juror
            self.apply()
        return ok

    def waiting(self) -> float:
        """Seconds left of a wrong PIN's pause."""
        return max(0.0, self.resume_at - time.monotonic())

    def sign_out(self) -> None:
        self.juror = None

    def apply(self) -> None:
        """Restrict the Scoring tab to the signed-in juror (nobody until one signs in)."""
        from jurydesk.ui.meeting.declaration_dialog import lock_candidatures

        window = self.window
        scoring = window.lazy.built("scoring")  # not built yet: it asks when it is
        if scoring is not None:
            scoring.only_juror = self.scoring_juror()  # type: ignore[attr-defined]
        lock_candidatures(window)
        slug = window.current_slug()
        if slug is not None and scoring is not None:
            scoring.select_region(slug)  # type: ignore[attr-defined]
        if self.scoring_juror() == 0:
            window.statusBar().showMessage(
                _("Juror? Sign in with your PIN: Modus › Jurylid…"), 15000
            )

    def scoring_juror(self) -> int | None:
        """Whom the Scoring tab shows: None for every juror (the secretariat, a juror's own
        database without a PIN), else the signed-in juror (0: nobody signed in yet)."""
        from jurydesk.ui.main_window import JUROR  # loaded: the window imports this module

        if self.window.mode != JUROR or not self.pin_required:
            return None
        return self.juror or 0

    def ask(self) -> SignInDialog:
        dialog = SignInDialog(self.window, self.window)
        dialog.open()
        self.dialog = dialog
        return dialog
