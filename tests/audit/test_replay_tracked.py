"""`audit verify` compares the settings a mail, a pitch slot, a score or a decision depends on
beyond the letters' (issue 29, second pass): the SMTP defaults, the pitch timer, the rubric's
criteria, weights and scales, the aggregation method, budget, maximum partners, submission
subject, and the jury's minimum of finalised jurors, quorum and declaration text. Each is
planted behind the app's back on a real SQLite database and named; each saved through its
service leaves verify intact (MACs included)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from jurydesk.__main__ import main
from jurydesk.audit.replay import compare
from jurydesk.jury.declarations import set_jury_settings
from jurydesk.mail.settings import MailDefaults, load_defaults, save_defaults
from jurydesk.passphrase import unlock
from jurydesk.paths import resources_dir
from jurydesk.pitch import schedule as pitch
from jurydesk.portfolio.coverage import save_limits
from jurydesk.regions.loader import bundled_region_files
from jurydesk.regions.service import add_region_file
from jurydesk.scoring.rubrics import add_rubric_file
from jurydesk.settings.region import load_settings, save_settings
from jurydesk.store import Store


def _differences(store: Store) -> list[tuple[str, str, str]]:
    with store.reader() as session:
        report = compare(session)
    return [(d.entity, d.key, d.problem) for d in report.differences]


def _plant(store: Store, sql: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(text(sql))


def _signed_in(store: Store) -> None:
    """The secretariat's key unlocked, as after signing in: the services' events get MACs."""
    with store.session() as session:
        assert unlock(session, "demo") is not None


def _verify(store: Store, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["audit", "verify", "--db", str(store.file)])
    return code, capsys.readouterr().out


SENDER = "Secretariaat CBLP <secretariaat@cblp.example>"


def _save_smtp(store: Store, **fields: object) -> bool:
    defaults = MailDefaults(host="smtp.cblp.example", port=465, security="ssl", sender=SENDER)
    return save_defaults(store, replace(defaults, **fields))


def test_smtp_defaults_saved_by_the_app_verify_and_a_changed_sender_is_named(demo_store, capsys):  # type: ignore[no-untyped-def]
    _signed_in(demo_store)
    assert _save_smtp(demo_store)
    assert not _save_smtp(demo_store)  # unchanged: no second event
    assert _verify(demo_store, capsys)[0] == 0
    assert load_defaults(demo_store).sender == SENDER
    _plant(
        demo_store,
        "UPDATE settings SET value = json_set(value, '$.sender', 'Fraude <info@fraude.example>')"
        " WHERE key = 'smtp'",
    )
    assert _differences(demo_store) == [("setting", "smtp/sender", "differs")]
    code, out = _verify(demo_store, capsys)
    assert code == 1
    fraud = "Fraude <info@fraude.example>"
    named = f"instelling smtp/sender: verschilt (tabel: {fraud}; auditlog: {SENDER})"
    assert named in out


def test_smtp_defaults_inserted_or_deleted_behind_the_log_are_named(demo_store):  # type: ignore[no-untyped-def]
    # the demo database has no SMTP defaults: its first event (the key's) wrote that down
    _plant(
        demo_store,
        "INSERT INTO settings (key, value) VALUES ('smtp',"
        ' \'{"host": "mx.fraude.example", "port": 25, "sender": "x@fraude.example"}\')',
    )
    assert set(_differences(demo_store)) == {
        ("setting", "smtp/host", "differs"),
        ("setting", "smtp/port", "differs"),
        ("setting", "smtp/sender", "differs"),
    }
    _plant(demo_store, "DELETE FROM settings WHERE key = 'smtp'")
    assert _differences(demo_store) == []
    _save_smtp(demo_store, security="starttls", port=587)
    assert _differences(demo_store) == []
    _plant(demo_store, "DELETE FROM settings WHERE key = 'smtp'")
    assert ("setting", "smtp/sender", "differs") in _differences(demo_store)


def test_a_pitch_timer_saved_by_the_app_verifies_and_edits_are_named(demo_store, capsys):  # type: ignore[no-untyped-def]
    _signed_in(demo_store)
    with demo_store.session() as session:  # as the pitch view's "Apply"
        current = pitch.load_settings(session, "leuven")
        pitch.save_settings(
            session, "leuven", replace(current, start="10:00", presentation_minutes=15)
        )
    with demo_store.session() as session:  # the region settings write the place: no timer event
        save_settings(
            session, "t", "leuven", replace(load_settings(session, "leuven"), pitch_place="Zaal 2")
        )
    assert _verify(demo_store, capsys)[0] == 0
    _plant(
        demo_store,
        "UPDATE settings SET value = json_set(value, '$.start', '08:00',"
        " '$.questions_minutes', 5) WHERE key = 'pitch:leuven:settings'",
    )
    assert _differences(demo_store) == [
        ("region setting", "leuven/pitch_questions_minutes", "differs"),
        ("region setting", "leuven/pitch_start", "differs"),
    ]
    code, out = _verify(demo_store, capsys)
    assert code == 1
    assert "instelling leuven/pitch_start: verschilt (tabel: 08:00; auditlog: 10:00)" in out
    _plant(demo_store, "DELETE FROM settings WHERE key = 'pitch:leuven:settings'")
    assert ("region setting", "leuven/pitch_start", "differs") in _differences(demo_store)


def test_a_running_order_saved_by_the_app_verifies_and_a_swap_behind_the_log_is_named(
    demo_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    _signed_in(demo_store)
    with demo_store.session() as session:  # as a drag in the pitch view's list
        order = pitch.load_order(session, "leuven")
        assert len(order) >= 2
        pitch.save_order(session, "leuven", order[::-1])
    assert _verify(demo_store, capsys)[0] == 0
    # the first candidate swapped to the last slot: a different time on the invitation
    _plant(
        demo_store,
        f"UPDATE settings SET value = '{order}' WHERE key = 'pitch:leuven:order'",
    )
    assert _differences(demo_store) == [("region setting", "leuven/pitch_order", "differs")]


def test_a_running_order_inserted_behind_the_log_is_named(demo_store):  # type: ignore[no-untyped-def]
    with demo_store.reader() as session:
        order = pitch.load_order(session, "leuven")
    _plant(
        demo_store,
        f"INSERT INTO settings (key, value) VALUES ('pitch:leuven:order', '{order[::-1]}')",
    )
    assert _differences(demo_store) == [("region setting", "leuven/pitch_order", "differs")]


def test_a_pitch_timer_inserted_for_a_region_is_named(demo_store):  # type: ignore[no-untyped-def]
    _plant(
        demo_store,
        "INSERT INTO settings (key, value) VALUES ('pitch:dijleland-plus:settings',"
        ' \'{"start": "07:00", "presentation_minutes": 3}\')',
    )
    found = _differences(demo_store)
    assert ("region setting", "dijleland-plus/pitch_start", "differs") in found
    assert ("region setting", "dijleland-plus/pitch_presentation_minutes", "differs") in found


def test_limits_subject_and_method_saved_by_the_app_verify(demo_store, capsys):  # type: ignore[no-untyped-def]
    _signed_in(demo_store)
    with demo_store.session() as session:
        old = load_settings(session, "leuven")
        method = "median" if old.method != "median" else "mean"
        save_settings(
            session,
            "t",
            "leuven",
            replace(
                old,
                budget="€ 250.000",
                max_partners=3,
                submission_subject="  Kandidatuur CBLP Leuven ",
                method=method,
            ),
        )
    with demo_store.reader() as session:
        assert load_settings(session, "leuven").budget == "250000.00"
    with demo_store.session() as session:  # `jurydesk portfolio-limits`
        save_limits(session, "t", "dijleland-plus", Decimal("120000"), 2)
    assert _verify(demo_store, capsys)[0] == 0


@pytest.mark.parametrize(
    ("sql", "field"),
    [
        ("UPDATE regions SET budget = 999999 WHERE slug = 'leuven'", "budget"),
        ("UPDATE regions SET max_partners = 12 WHERE slug = 'leuven'", "max_partners"),
        (
            "UPDATE regions SET submission_subject = 'Iets anders' WHERE slug = 'leuven'",
            "submission_subject",
        ),
        ("UPDATE regions SET method = 'trimmed' WHERE slug = 'leuven'", "method"),
        ("UPDATE regions SET budget = NULL WHERE slug = 'leuven'", "budget"),
    ],
)
def test_a_region_limit_or_subject_changed_behind_the_log_is_named(demo_store, sql, field):  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        old = load_settings(session, "leuven")
        save_settings(session, "t", "leuven", replace(old, budget="250000", max_partners=3))
    assert _differences(demo_store) == []
    _plant(demo_store, sql)
    assert _differences(demo_store) == [("region setting", f"leuven/{field}", "differs")]


def test_a_region_without_limits_that_gets_them_behind_the_log_is_named(demo_store):  # type: ignore[no-untyped-def]
    # no settings event for dijleland-plus: its installation's event is the reference
    _plant(demo_store, "UPDATE regions SET max_partners = 7 WHERE slug = 'dijleland-plus'")
    assert _differences(demo_store) == [
        ("region setting", "dijleland-plus/max_partners", "differs")
    ]


def test_rubric_weights_and_scales_changed_behind_the_log_are_named(demo_store, capsys):  # type: ignore[no-untyped-def]
    _plant(
        demo_store,
        "UPDATE criteria SET weight = weight * 3 WHERE id = (SELECT min(id) FROM criteria)",
    )
    assert _differences(demo_store) == [("rubric", "default", "differs")]
    code, out = _verify(demo_store, capsys)
    assert code == 1 and "(criteria, gewichten, schalen) default: verschilt (tabel: " in out
    _plant(
        demo_store,
        "UPDATE criteria SET weight = weight / 3 WHERE id = (SELECT min(id) FROM criteria)",
    )
    assert _differences(demo_store) == []
    _plant(demo_store, "UPDATE rubrics SET toml = replace(toml, 'max = 4', 'max = 10')")
    assert _differences(demo_store) == [("rubric", "default", "differs")]


def test_a_criterion_deleted_or_a_region_pointed_at_another_rubric_is_named(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    _plant(demo_store, "DELETE FROM criteria WHERE id = (SELECT max(id) FROM criteria)")
    assert _differences(demo_store) == [("rubric", "default", "differs")]


def test_a_rubric_added_by_the_app_verifies_and_a_region_pointed_at_it_behind_the_log_is_named(
    demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _signed_in(demo_store)
    source = (resources_dir() / "rubrics" / "default.toml").read_text("utf-8")
    path = tmp_path / "strenger.toml"
    path.write_text(source.replace('key = "default"', 'key = "strenger"'), "utf-8")
    with demo_store.session() as session:  # `jurydesk rubric add`
        add_rubric_file(session, path)
    assert _verify(demo_store, capsys)[0] == 0
    _plant(
        demo_store,
        "UPDATE regions SET rubric_id = (SELECT id FROM rubrics WHERE key = 'strenger')"
        " WHERE slug = 'leuven'",
    )
    assert _differences(demo_store) == [("region setting", "leuven/rubric", "differs")]
    _plant(demo_store, "UPDATE regions SET rubric_id = NULL WHERE slug = 'leuven'")
    _plant(demo_store, "DELETE FROM rubrics WHERE key = 'strenger'")
    assert _differences(demo_store) == [("rubric", "strenger", "missing")]


def test_jury_settings_saved_by_the_app_verify_and_edits_are_named(demo_store, capsys):  # type: ignore[no-untyped-def]
    _signed_in(demo_store)
    with demo_store.session() as session:
        set_jury_settings(
            session, "t", "leuven", min_finalised=3, quorum=4, text="Ik verklaar op eer ..."
        )
    assert _verify(demo_store, capsys)[0] == 0
    _plant(
        demo_store,
        "UPDATE region_jury_settings SET quorum = 1, declaration_text = 'Niets'"
        " WHERE region_id = (SELECT id FROM regions WHERE slug = 'leuven')",
    )
    assert _differences(demo_store) == [
        ("region setting", "leuven/declaration_text", "differs"),
        ("region setting", "leuven/quorum", "differs"),
    ]
    code, out = _verify(demo_store, capsys)
    assert code == 1 and "instelling leuven/quorum: verschilt (tabel: 1; auditlog: 4)" in out
    _plant(demo_store, "DELETE FROM region_jury_settings")
    assert ("region setting", "leuven/min_finalised", "differs") in _differences(demo_store)


def test_jury_settings_inserted_without_an_event_are_named(demo_store):  # type: ignore[no-untyped-def]
    _plant(
        demo_store,
        "INSERT INTO region_jury_settings (region_id, min_finalised)"
        " SELECT id, 0 FROM regions WHERE slug = 'dijleland-plus'",
    )
    assert _differences(demo_store) == [
        ("region setting", "dijleland-plus/min_finalised", "differs")
    ]


@pytest.mark.parametrize(
    ("sql", "part"),
    [
        (
            "UPDATE timeline_events SET start = '2023-05-01 08:00:00.000000'"
            " WHERE id = (SELECT min(id) FROM timeline_events)",
            "timeline",
        ),
        ("DELETE FROM contacts WHERE id = (SELECT min(id) FROM contacts)", "contacts"),
        ("UPDATE regions SET submission_address = 'x@fraude.example'", "region"),
        (
            "INSERT INTO municipalities (region_id, position, name)"
            " SELECT id, 99, 'Ergens' FROM regions",
            "municipalities",
        ),
    ],
)
def test_what_a_region_file_installed_changed_behind_the_log_is_named(demo_store, sql, part):  # type: ignore[no-untyped-def]
    """The addendum's dates (the pitch days, the rounds), contacts and submission address, as
    the region's file installed them, are compared by a digest per part."""
    _plant(demo_store, sql)
    found = _differences(demo_store)
    assert found and {(e, k.split("/")[1], p) for e, k, p in found} == {
        ("region setting", f"addendum:{part}", "differs")
    }


def test_contacts_edited_in_the_region_settings_and_a_region_file_installed_again_verify(
    demo_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    _signed_in(demo_store)
    with demo_store.session() as session:
        old = load_settings(session, "leuven")
        contacts = [("Nieuwe Contactpersoon", "nieuw@leuven.example", ""), *old.contacts]
        save_settings(session, "t", "leuven", replace(old, contacts=contacts))
    assert _verify(demo_store, capsys)[0] == 0
    _signed_in(demo_store)  # (the command signed out when it ended)
    [path] = [p for p in bundled_region_files() if "leuven" in p.name.lower()]
    add_region_file(demo_store, path, replace=True)
    assert _verify(demo_store, capsys)[0] == 0
    _plant(demo_store, "UPDATE contacts SET email = 'x@fraude.example'")
    assert {k for _e, k, _p in _differences(demo_store)} >= {"leuven/addendum:contacts"}


@pytest.mark.parametrize("typed", ["€ 250.000", "250.000,00", "250000", "250 000,00"])
def test_a_budget_as_an_earlier_version_logged_it_still_verifies(demo_store, typed):  # type: ignore[no-untyped-def]
    """Before this version the region settings logged the budget as typed ('€ 250.000')."""
    from jurydesk.audit.chain import record

    with demo_store.session() as session:
        record(session, "t", "region_settings", "region", "leuven", None, {"budget": typed})
    _plant(demo_store, "UPDATE regions SET budget = 250000 WHERE slug = 'leuven'")
    assert _differences(demo_store) == []
    _plant(demo_store, "UPDATE regions SET budget = 250001 WHERE slug = 'leuven'")
    assert _differences(demo_store) == [("region setting", "leuven/budget", "differs")]
