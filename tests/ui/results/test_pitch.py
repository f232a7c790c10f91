"""The pitch-day tab: running order, settings, and 'now presenting'."""

from __future__ import annotations

from tests.signed import add_signed_juror


def _open(window):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.pitch)
    return window.pitch


def test_running_order_can_be_changed_and_is_kept(window, demo_store):
    view = _open(window)
    order = view.current_order()
    assert len(order) >= 3
    new = [order[2], *order[:2], *order[3:]]
    assert view.save_order(new)
    view.reload()
    assert view.current_order() == new
    assert view.list.item(0).text().startswith("09:00")
    assert f"{new[0]}." in view.list.item(0).text()
    assert not view.save_order(new[:-1])


def test_settings_change_the_timetable(window):
    view = _open(window)
    view.presentation.setValue(15)
    view.changeover.setValue(0)
    view.questions.setValue(15)
    assert view.apply_settings()
    assert view.list.item(1).text().startswith("09:30")
    assert view.timer.timer.presentation == 15 * 60
    view.day_end.setTime(view.start.time().addSecs(-3600))
    assert not view.apply_settings()


def test_now_presenting_opens_the_scoring_view_in_round_two(window, qtbot, demo_store):
    with demo_store.session() as session:
        juror = add_signed_juror(
            session, "test", "Pitch Jurylid", "expert", "", panels=[("leuven", 1), ("leuven", 2)]
        )
    view = _open(window)
    view.list.setCurrentRow(1)
    cand = view.current_order()[1]
    window.scoring.show_region("leuven")
    window.scoring.juror_box.setCurrentIndex(window.scoring.juror_box.findData(juror))
    view.present_button.click()
    assert window.tabs.currentWidget() is window.scoring
    assert window.scoring.round == 2 and window.scoring.sheet.candidature == cand
    assert f"{cand}." in view.timer.now.text()
    assert not view.timer.timer.running


def test_timer_settings_keep_the_place_the_invitations_print(window, demo_store):
    from dataclasses import replace

    from jurydesk.audit.replay import compare
    from jurydesk.settings.region import load_settings, save_settings

    with demo_store.session() as session:
        current = load_settings(session, "leuven")
        save_settings(
            session, "t", "leuven", replace(current, pitch_place="Zaal A", pitch_arrival=15)
        )
    view = _open(window)
    view.presentation.setValue(12)
    assert view.apply_settings()
    with demo_store.reader() as session:
        kept = load_settings(session, "leuven")
        assert (kept.pitch_place, kept.pitch_arrival) == ("Zaal A", 15)
        assert compare(session).ok  # the timer's own settings are not the letters'
    # the timer is audited too: an edit behind the app's back is named
    with demo_store.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE settings SET value = json_set(value, '$.presentation_minutes', 2)"
            " WHERE key = 'pitch:leuven:settings'"
        )
    with demo_store.reader() as session:
        found = [(d.key, d.problem, d.table, d.log) for d in compare(session).differences]
    assert found == [("leuven/pitch_presentation_minutes", "differs", 2, 12)]
