"""Issue 29 on PostgreSQL: the MACs, a forged event, the replay's blind spots and the demo's
refusal behave as on SQLite."""

from __future__ import annotations

import json

from sqlalchemy import text

from jurydesk.__main__ import main
from jurydesk.audit.chain import GENESIS, event_hash, verify
from jurydesk.audit.replay import compare
from jurydesk.passphrase import unlock
from jurydesk.setup import initialise
from jurydesk.store import open_store


def test_forgery_and_blind_spots_on_postgresql(pg_url, capsys):  # type: ignore[no-untyped-def]
    store = open_store(pg_url)
    try:
        initialise(store, demo=True)
        with store.reader() as session:
            key = unlock(session, "demo", writable=False)
            assert key is not None and verify(session, key=key).ok and compare(session).ok
        # a blind spot of the first pass: the communication date moved in the table
        with store.engine.begin() as connection:
            connection.execute(
                text(
                    "UPDATE decisions SET communicated_on = '2020-01-01' WHERE id = "
                    "(SELECT min(id) FROM decisions)"
                )
            )
        with store.reader() as session:
            assert [d.entity for d in compare(session).differences] == ["communication date"]
        # a well-formed event appended with the chain recomputed: no MAC, reported
        with store.engine.begin() as connection:
            head = connection.execute(
                text("SELECT value FROM settings WHERE key = 'audit_head'")
            ).scalar()
            row = connection.execute(text("SELECT max(at) FROM audit_events")).scalar()
            digest = event_hash(head or GENESIS, row, "x", "decide", "decision", "1/1", None, {})
            connection.execute(
                text(
                    "INSERT INTO audit_events (at, actor, action, entity, entity_key, old, new,"
                    " prev_hash, hash) VALUES (:at, 'x', 'decide', 'decision', '1/1', 'null',"
                    " '{}', :prev, :hash)"
                ),
                {"at": row, "prev": head, "hash": digest},
            )
            connection.execute(
                text("UPDATE settings SET value = :h WHERE key = 'audit_head'"), {"h": digest}
            )
        with store.reader() as session:
            report = verify(session, key=key)
        assert not report.ok and "MAC" in report.problem
    finally:
        store.close()
    # demo data into this (non-empty) database: refused, nothing written
    assert main(["init", "--demo", "--db", pg_url]) == 1
    assert "lege databank" in capsys.readouterr().err
    assert main(["audit", "verify", "--json", "--db", pg_url]) == 1
    assert "MAC" in json.loads(capsys.readouterr().out)["problem"]


def test_settings_saved_by_the_app_verify_and_edits_behind_it_are_named_on_postgresql(pg_url):  # type: ignore[no-untyped-def]
    """The settings pass (SMTP defaults, pitch timer, limits, jury settings, what a region's
    file installed) on PostgreSQL: the app's saves verify, a planted edit is named."""
    from dataclasses import replace

    from jurydesk.jury.declarations import set_jury_settings
    from jurydesk.mail.settings import MailDefaults, save_defaults
    from jurydesk.pitch import schedule as pitch
    from jurydesk.settings.region import load_settings, save_settings

    store = open_store(pg_url)
    try:
        initialise(store, demo=True)
        with store.session() as session:
            key = unlock(session, "demo")
        save_defaults(store, MailDefaults(host="smtp.cblp.example", sender="Secr <s@cblp.example>"))
        with store.session() as session:
            current = pitch.load_settings(session, "leuven")
            pitch.save_settings(session, "leuven", replace(current, start="10:00"))
            old = load_settings(session, "leuven")
            save_settings(session, "t", "leuven", replace(old, budget="250.000", max_partners=3))
            set_jury_settings(session, "t", "leuven", quorum=4)
        with store.reader() as session:
            assert verify(session, key=key).ok and compare(session).ok
        with store.engine.begin() as connection:
            for sql in (
                "UPDATE settings SET value = replace(value, 's@cblp.example', 'x@fraude.example')"
                " WHERE key = 'smtp'",
                "UPDATE settings SET value = replace(value, '10:00', '08:00')"
                " WHERE key = 'pitch:leuven:settings'",
                "UPDATE regions SET max_partners = 9 WHERE slug = 'leuven'",
                "UPDATE region_jury_settings SET quorum = 1",
                "UPDATE timeline_events SET label = 'verzet' WHERE id ="
                " (SELECT min(id) FROM timeline_events)",
            ):
                connection.execute(text(sql))
        with store.reader() as session:
            found = {(d.key, d.problem) for d in compare(session).differences}
    finally:
        store.close()
    assert {k for k, _p in found} >= {
        "smtp/sender",
        "leuven/pitch_start",
        "leuven/max_partners",
        "leuven/quorum",
    }
    assert any(k.endswith("/addendum:timeline") for k, _p in found)
    assert {p for _k, p in found} == {"differs"}
