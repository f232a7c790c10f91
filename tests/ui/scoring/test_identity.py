"""Juror mode shows one juror only: the one who signed in with their PIN."""

from __future__ import annotations

from jurydesk.jury.pins import DEMO_PIN


def test_juror_mode_needs_a_pin(window, qtbot):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.scoring)
    everyone = window.scoring.juror_box.count()
    assert everyone > 1  # the secretariat sees every juror
    window.enter_juror_mode()
    dialog = window.identity.dialog
    assert dialog.isVisible() and window.scoring.juror_box.count() == 0
    dialog.juror.setCurrentIndex(1)
    chosen = dialog.juror.currentData()
    dialog.pin.setText("0000")
    assert not dialog.sign_in() and "niet" in dialog.message.text()
    qtbot.waitUntil(dialog.pin.isEnabled, timeout=3000)  # the wrong PIN's pause
    dialog.pin.setText(DEMO_PIN)
    assert dialog.sign_in()
    box = window.scoring.juror_box
    assert box.count() == 1 and box.currentData() == chosen
    assert window.enter_secretariat("demo")
    assert window.scoring.juror_box.count() == everyone


def test_the_apps_events_carry_the_signed_in_persons_mac(window):
    """Juror mode: the juror's own key (unwrapped with their PIN) signs their score; the
    secretariat's sign-in brings back its key; `audit verify` accepts both."""
    from sqlalchemy import select

    from jurydesk.audit.chain import verify
    from jurydesk.jury.pins import set_pin
    from jurydesk.passphrase import unlock
    from jurydesk.scoring.scores import set_score
    from jurydesk.store.models import AuditEvent
    from tests.signed import add_signed_juror

    with window.store.session() as session:  # the secretariat: its key wraps the juror's
        juror = add_signed_juror(session, "s", "Nieuw Lid", "expert", panels=[("leuven", 1)])
        set_pin(session, "s", juror, "654321")
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.scoring)
    window.enter_juror_mode()
    dialog = window.identity.dialog
    dialog.juror.setCurrentIndex(dialog.juror.findData(juror))
    assert dialog.juror.currentData() == juror
    dialog.pin.setText("654321")
    assert dialog.sign_in()

    def edit(value: int) -> str:
        with window.store.session() as session:
            set_score(session, "juror:Nieuw Lid", juror, 14, 1, "bereik", value, "")
        with window.store.reader() as session:
            return session.scalars(select(AuditEvent.mac).order_by(AuditEvent.id.desc())).first()

    assert edit(1).startswith(f"j{juror}:")
    assert window.enter_secretariat("demo")
    assert edit(2).startswith("s:")
    with window.store.reader() as session:
        assert verify(session, key=unlock(session, "demo", writable=False)).ok


def test_a_wrong_pin_pauses_without_freezing_the_window(window, qtbot, tmp_path):
    """The pause after a wrong PIN (the brake against guessing) keeps the event loop running:
    a timer fires during it, the dialog waits disabled, a try during it is not even counted;
    the count and the lock-out still hold."""
    from PySide6.QtCore import QTimer

    from jurydesk.jury.pins import FAIL_DELAY, LOCK_AFTER, failures

    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.scoring)
    window.enter_juror_mode()
    dialog = window.identity.dialog
    dialog.juror.setCurrentIndex(1)
    juror = dialog.juror.currentData()
    ticks: list[bool] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(dialog.pin.isEnabled()))
    timer.start(50)
    for attempt in range(1, LOCK_AFTER + 1):
        dialog.pin.setText("000000")
        ticks.clear()
        assert not dialog.sign_in()  # returns at once: the pause is kept by a timer
        assert not dialog.pin.isEnabled() and "geduld" in dialog.message.text()
        if attempt == 1:
            dialog.grab().save(str(tmp_path / "pause.png"))  # looked at
        dialog.pin.setText(DEMO_PIN)
        assert not dialog.sign_in()  # during the pause even the right PIN is not tried
        qtbot.waitUntil(dialog.pin.isEnabled, timeout=int(FAIL_DELAY * 3000))
        assert ticks.count(False) >= int(FAIL_DELAY / 0.05) // 2  # the loop ran meanwhile
        assert "geduld" not in dialog.message.text()
        with window.store.reader() as session:
            assert failures(session, juror) == attempt  # each wrong PIN counted once
    assert "vergrendeld" in dialog.message.text()
    dialog.pin.setText(DEMO_PIN)
    assert not dialog.sign_in() and "vergrendeld" in dialog.message.text()  # locked out
    timer.stop()
