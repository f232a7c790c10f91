"""Juror and secretariat modes; the passphrase is stored only as a salted hash."""

from __future__ import annotations

from sqlalchemy import select

from jurydesk.passphrase import KEY, verify
from jurydesk.store.models import Evaluation, Setting


def test_juror_mode_hides_the_secretariat(window, demo_store):
    window.enter_juror_mode()
    hidden = [window.tabs.indexOf(w) for w in (window.results, window.rebuttals)]
    assert all(not window.tabs.isTabVisible(i) for i in hidden)
    assert window.tabs.isTabVisible(window.tabs.indexOf(window.scoring))
    assert not window.import_action.isVisible() and not window.region_action.isVisible()
    assert not any(a.isVisible() for a in window.export_actions)
    assert "jurylid" in window.mode_label.text().lower()


def test_secretariat_needs_the_passphrase(window, demo_store):
    window.enter_juror_mode()
    assert not window.enter_secretariat("fout")
    assert not window.tabs.isTabVisible(window.tabs.indexOf(window.results))
    assert window.enter_secretariat("demo")
    assert window.tabs.isTabVisible(window.tabs.indexOf(window.results))
    assert window.import_action.isVisible()


def test_passphrase_is_a_salted_hash_and_can_change(window, demo_store):
    with demo_store.reader() as session:
        stored = session.get(Setting, KEY).value
    assert "demo" not in stored and stored.startswith("scrypt$")
    assert window.set_passphrase("nieuw-geheim", "fout") is not None
    assert window.set_passphrase("abc", "demo") is not None  # too short
    assert window.set_passphrase("nieuw-geheim", "demo") is None
    with demo_store.reader() as session:
        assert verify(session, "nieuw-geheim") and not verify(session, "demo")
        assert session.get(Setting, KEY).value != stored
    window.enter_juror_mode()
    assert window.enter_secretariat("nieuw-geheim")


def test_secretariat_reopens_finalised_scores_with_a_reason(window, qtbot, demo_store):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.scoring)
    view = window.scoring
    qtbot.waitUntil(lambda: view.sheet is not None)
    assert view.sheet.finalized and view.reopen_button.isVisible()
    assert not view.reopen_current("")  # a reason is required
    assert view.reopen_current("Score verkeerd ingevoerd")
    assert not view.sheet.finalized and not view.panels[0].score.isReadOnly()
    with demo_store.reader() as session:
        evaluation = session.scalar(
            select(Evaluation).where(
                Evaluation.juror_id == view.sheet.juror,
                Evaluation.candidature_id == view.sheet.candidature,
                Evaluation.round == 1,
            )
        )
    assert evaluation.finalized_at is None
    window.enter_juror_mode()
    assert not view.reopen_button.isVisible()


def test_language_is_remembered_for_the_next_start(window, monkeypatch):
    from PySide6.QtCore import QSettings

    from jurydesk.i18n import current_language, set_language
    from jurydesk.ui.app import _apply_saved_language

    window.choose_language("en")
    assert QSettings().value("language") == "en"
    assert window.language_actions["en"].isChecked()
    assert not window.language_actions["nl"].isChecked()
    monkeypatch.delenv("JURYDESK_LANG", raising=False)
    set_language("nl")
    _apply_saved_language()
    assert current_language() == "en"
    set_language("nl", explicit=True)  # --lang nl wins over the saved choice
    _apply_saved_language()
    assert current_language() == "nl"
    QSettings().remove("language")
