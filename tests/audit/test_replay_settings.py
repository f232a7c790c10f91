"""`audit verify` compares a region's settings that letters, weerwoord windows and decisions
depend on (signatory, weerwoord address, weekend/holiday shift, thresholds, tie-breaks, lots,
calibration anchors) with the events that set them, and names the row changed behind them."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import text

from jurydesk.__main__ import main
from jurydesk.audit.replay import compare
from jurydesk.candidatures.edit import add_candidature
from jurydesk.regions.loader import bundled_region_files
from jurydesk.regions.service import add_region_file
from jurydesk.results.calibration import set_calibration
from jurydesk.results.thresholds import set_thresholds, set_tie_breaks
from jurydesk.settings.region import load_settings, save_settings
from jurydesk.store import Store


def _differences(store: Store) -> list[tuple[str, str, str]]:
    with store.reader() as session:
        report = compare(session)
    return [(d.entity, d.key, d.problem) for d in report.differences]


def _plant(store: Store, sql: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(text(sql))


def _change(store: Store, **fields: object) -> None:
    with store.session() as session:
        save_settings(
            session, "test", "leuven", replace(load_settings(session, "leuven"), **fields)
        )


def test_the_demo_settings_replay_clean(demo_store):  # type: ignore[no-untyped-def]
    assert _differences(demo_store) == []


def test_a_signatory_changed_behind_the_log_is_named(demo_store, capsys):  # type: ignore[no-untyped-def]
    _plant(
        demo_store,
        "UPDATE settings SET value = json_set(value, '$.signatory', 'Iemand Anders')"
        " WHERE key = 'letters:leuven'",
    )
    assert _differences(demo_store) == [("region setting", "leuven/signatory", "differs")]
    assert main(["audit", "verify", "--db", str(demo_store.file)]) == 1
    out = capsys.readouterr().out
    named = (
        "instelling leuven/signatory: verschilt (tabel: Iemand Anders; auditlog: Jana Voorbeeld)"
    )
    assert named in out


def test_a_weerwoord_address_changed_behind_the_log_is_named(demo_store):  # type: ignore[no-untyped-def]
    _plant(
        demo_store,
        "UPDATE settings SET value = 'aanvaller@example.org'"
        " WHERE key = 'weerwoord_address:leuven'",
    )
    assert _differences(demo_store) == [("region setting", "leuven/weerwoord_address", "differs")]


def test_a_setting_saved_through_the_app_replays_and_a_later_edit_is_named(demo_store):  # type: ignore[no-untyped-def]
    _change(demo_store, weekend_shift=False, signatory="Piet Nieuw", rebuttal_days=20)
    assert _differences(demo_store) == []
    _plant(
        demo_store, "UPDATE settings SET value = '1' WHERE key = 'rebuttal_weekend_shift:leuven'"
    )
    _plant(demo_store, "UPDATE regions SET rebuttal_days = 30 WHERE slug = 'leuven'")
    assert _differences(demo_store) == [
        ("region setting", "leuven/rebuttal_days", "differs"),
        ("region setting", "leuven/weekend_shift", "differs"),
    ]


def test_a_weekend_shift_turned_off_without_an_event_is_named(demo_store):  # type: ignore[no-untyped-def]
    _plant(
        demo_store,
        "INSERT INTO settings (key, value) VALUES ('rebuttal_weekend_shift:dijleland-plus', '0')",
    )
    assert _differences(demo_store) == [
        ("region setting", "dijleland-plus/weekend_shift", "no event")
    ]


def test_a_region_file_installed_again_resets_the_rule_with_an_event(demo_store):  # type: ignore[no-untyped-def]
    _change(demo_store, rebuttal_days=20)
    [path] = [p for p in bundled_region_files() if "leuven" in p.name.lower()]
    add_region_file(demo_store, path, replace=True)
    assert _differences(demo_store) == []
    with demo_store.reader() as session:
        assert load_settings(session, "leuven").rebuttal_days != 20


def test_a_threshold_changed_behind_the_log_is_named(demo_store):  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        set_thresholds(session, "test", "leuven", 1, 50, {})
        set_tie_breaks(session, "test", "leuven", ["lottery"])
    assert _differences(demo_store) == []
    _plant(
        demo_store,
        "UPDATE region_quality SET thresholds = json_set(thresholds, '$.\"1\".total', 10.0)",
    )
    assert _differences(demo_store) == [("quality setting", "leuven/thresholds", "differs")]


def test_quality_settings_without_an_event_are_named(demo_store):  # type: ignore[no-untyped-def]
    _plant(
        demo_store,
        "INSERT INTO region_quality (region_id, thresholds, tie_breaks, lots)"
        " SELECT id, '{}', '[\"lottery\"]', '{}' FROM regions WHERE slug = 'dijleland-plus'",
    )
    assert _differences(demo_store) == [
        ("quality setting", "dijleland-plus/tie-breaks", "no event")
    ]


def test_a_calibration_flag_set_behind_the_log_is_named(demo_store):  # type: ignore[no-untyped-def]
    leuven = "(SELECT id FROM regions WHERE slug = 'leuven')"
    first = f"(SELECT min(id) FROM candidatures WHERE region_id = {leuven})"
    _plant(demo_store, f"UPDATE candidatures SET calibration = 1 WHERE id = {first}")
    assert _differences(demo_store) == [("calibration", "leuven", "no event")]
    _plant(demo_store, f"UPDATE candidatures SET calibration = 0 WHERE id = {first}")
    with demo_store.session() as session:
        undecided = add_candidature(
            session,
            "t",
            "leuven",
            {
                "organisation": "Ankerdossier vzw",
                "contact": "An",
                "email": "an@anker.example",
                "title": "Het anker",
                "received_at": "01/06/2023 10:00",
                "challenges": "1",
            },
        )
    with demo_store.session() as session:
        set_calibration(session, "test", "leuven", [undecided])
    assert _differences(demo_store) == []
    _plant(demo_store, f"UPDATE candidatures SET calibration = 0 WHERE id = {undecided}")
    assert _differences(demo_store) == [("calibration", "leuven", "differs")]
