"""The audit log against someone who holds the database file but not the passphrase (issue 29):
the rows a decision depends on are replayed, and events cannot be forged without the keys."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, text

from jurydesk.audit.chain import GENESIS, event_hash, verify
from jurydesk.audit.replay import compare
from jurydesk.passphrase import unlock
from jurydesk.store import Store, audit_keys
from jurydesk.store.models import AuditEvent
from tests.cli.helpers import run, run_json

FIRST_DECISION = "(SELECT min(id) FROM decisions)"


def _differences(store: Store) -> list[Any]:
    with store.reader() as session:
        report = compare(session)
    return report.differences


@pytest.mark.parametrize(
    ("tamper", "entity", "problem"),
    [
        (
            "UPDATE document_blobs SET data = X'00' WHERE sha256 = "
            "(SELECT min(sha256) FROM document_blobs)",
            "stored file",
            "differs",
        ),
        ("UPDATE documents SET name = 'anders.pdf' WHERE id = 1", "document name", "differs"),
        (
            f"UPDATE decisions SET communicated_on = '2020-01-01' WHERE id = {FIRST_DECISION}",
            "communication date",
            "differs",
        ),
        (
            f"UPDATE decisions SET needs_review = 1 WHERE id = {FIRST_DECISION}",
            "review flag",
            "differs",
        ),
        (
            "UPDATE settings SET value = (SELECT value FROM settings WHERE key = 'juror_pin:2')"
            " WHERE key = 'juror_pin:1'",
            "PIN",
            "differs",
        ),
        ("DELETE FROM settings WHERE key = 'juror_pin:3'", "PIN", "missing"),
        (
            "DELETE FROM panel_members WHERE id = (SELECT min(id) FROM panel_members)",
            "panel",
            "missing",
        ),
        ("UPDATE scores SET version = version + 1 WHERE id = 7", "score version", "differs"),
        (
            "UPDATE document_pages SET text = 'iets anders' WHERE id = "
            "(SELECT min(id) FROM document_pages)",
            "page text",
            "differs",
        ),
        (
            "UPDATE candidatures SET received_at = '2020-01-01 10:00:00.000000' WHERE id = 14",
            "received",
            "differs",
        ),
        ("UPDATE scores SET value = 'abc' WHERE id = 7", "score", "differs"),
    ],
)
def test_each_blind_spot_is_named(demo_store, tamper, entity, problem):  # type: ignore[no-untyped-def]
    assert _differences(demo_store) == []
    with demo_store.engine.begin() as connection:
        connection.execute(text(tamper))
    differences = _differences(demo_store)
    assert [(d.entity, d.problem) for d in differences] == [(entity, problem)]
    assert differences[0].key


def test_decide_keeps_the_communication_date(db, capsys):  # type: ignore[no-untyped-def]
    connection = sqlite3.connect(db)
    c, r, outcome = connection.execute(
        "SELECT candidature_id, round, outcome FROM decisions WHERE round = 1 LIMIT 1"
    ).fetchone()
    connection.close()
    args = ["--candidature", str(c), "--round", str(r), "--outcome", outcome]
    run_json(
        capsys, "--db", db, "decide", *args, "--motivation", "a", "--communicated", "2026-10-02"
    )
    run_json(capsys, "--db", db, "decide", *args, "--motivation", "b")
    connection = sqlite3.connect(db)
    on = connection.execute(
        "SELECT communicated_on FROM decisions WHERE candidature_id = ? AND round = ?", (c, r)
    ).fetchone()[0]
    connection.close()
    assert on == "2026-10-02"
    assert run(capsys, "--db", db, "audit", "verify")[0] == 0


def _forge(db: str, action: str, entity: str, key: str, new: Any, mac: str | None) -> None:
    """What someone with the file and the source can do: append a well-formed event with
    the chain recomputed and the head moved."""
    connection = sqlite3.connect(db)
    with connection:
        prev = connection.execute("SELECT value FROM settings WHERE key = 'audit_head'").fetchone()
        at = datetime.now(UTC).replace(microsecond=0)
        digest = event_hash(
            prev[0] or GENESIS, at, "secretariaat:x", action, entity, key, None, new
        )
        connection.execute(
            "INSERT INTO audit_events (at, actor, action, entity, entity_key, old, new,"
            " prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, 'null', ?, ?, ?, ?)",
            (
                at.isoformat(),
                "secretariaat:x",
                action,
                entity,
                key,
                json.dumps(new),
                prev[0],
                digest,
                mac,
            ),
        )
        connection.execute("UPDATE settings SET value = ? WHERE key = 'audit_head'", (digest,))
    connection.close()


def _flip_a_decision(db: str) -> tuple[str, dict[str, Any]]:
    connection = sqlite3.connect(db)
    with connection:
        c, r, motivation = connection.execute(
            "SELECT candidature_id, round, motivation FROM decisions"
            " WHERE outcome = 'not_selected' LIMIT 1"
        ).fetchone()
        connection.execute(
            "UPDATE decisions SET outcome = 'shortlisted' WHERE candidature_id = ? AND round = ?",
            (c, r),
        )
    connection.close()
    return f"{c}/{r}", {"outcome": "shortlisted", "motivation": motivation, "version": 2}


@pytest.mark.parametrize("mac", [None, "s:" + "0" * 64, "j1:" + "0" * 64])
def test_a_forged_event_is_reported(db, capsys, mac):  # type: ignore[no-untyped-def]
    anchor = run_json(capsys, "--db", db, "audit", "head")["head"]
    assert run(capsys, "--db", db, "audit", "verify", "--anchor", anchor)[0] == 0
    key, new = _flip_a_decision(db)
    _forge(db, "decide", "decision", key, new, mac)
    code, out, _err = run(capsys, "--db", db, "--json", "audit", "verify", "--anchor", anchor)
    report = json.loads(out)
    assert code == 1 and "MAC" in report["problem"]
    assert report["event"] is not None


def test_a_juror_key_signs_only_that_jurors_scoring(db, capsys):  # type: ignore[no-untyped-def]
    from jurydesk.store import open_store

    store = open_store(f"sqlite:///{db}", write=False)
    with store.reader() as session:
        secretariat = unlock(session, "demo", writable=False)
    store.close()
    assert secretariat is not None
    key, new = _flip_a_decision(db)
    # juror 1's key (as a pack holds it) on a decision: a valid MAC, not a juror's event
    juror = audit_keys.juror_key(secretariat, 1)
    connection = sqlite3.connect(db)
    head = connection.execute("SELECT value FROM settings WHERE key = 'audit_head'").fetchone()[0]
    connection.close()
    at = datetime.now(UTC).replace(microsecond=0)
    digest = event_hash(head, at, "secretariaat:x", "decide", "decision", key, None, new)
    _forge(db, "decide", "decision", key, new, "j1:" + audit_keys.mac(juror, digest))
    code, out, _err = run(capsys, "--db", db, "--json", "audit", "verify")
    assert code == 1 and "juror" in json.loads(out)["problem"]


def test_a_second_baseline_is_refused(db, capsys):  # type: ignore[no-untyped-def]
    _forge(db, "baseline", "database", "0011", {"scores": []}, None)
    code, out, _err = run(capsys, "--db", db, "--json", "audit", "verify")
    assert code == 1 and "baseline" in json.loads(out)["problem"]


def test_stripping_the_macs_is_reported(db, capsys):  # type: ignore[no-untyped-def]
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("UPDATE audit_events SET mac = NULL WHERE action = 'mac_key'")
    connection.close()
    code, out, _err = run(capsys, "--db", db, "--json", "audit", "verify")
    assert code == 1 and "MAC" in json.loads(out)["problem"]


def test_a_replaced_audit_key_is_reported(db, capsys):  # type: ignore[no-untyped-def]
    connection = sqlite3.connect(db)
    with connection:
        connection.execute(
            "UPDATE settings SET value = ? WHERE key = ?",
            (audit_keys.wrap(b"k" * 32, "iets anders"), audit_keys.KEY_SETTING),
        )
    connection.close()
    code, _out, err = run(capsys, "--db", db, "audit", "verify")
    assert code == 1 and "sleutel" in err


def test_verify_needs_the_passphrase(db, capsys, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("JURYDESK_PASSPHRASE")
    code, _out, err = run(capsys, "--db", db, "audit", "verify")
    assert code == 1 and "wachtwoordzin" in err


def test_every_event_since_the_key_carries_a_valid_mac(demo_store):  # type: ignore[no-untyped-def]
    with demo_store.reader() as session:
        key = unlock(session, "demo", writable=False)
        assert key is not None and verify(session, key=key).ok
        macs = session.scalars(select(AuditEvent.mac).order_by(AuditEvent.id)).all()
    assert macs and all(m and m.startswith("s:") for m in macs)


def test_a_replaced_pack_signing_secret_is_named(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    from jurydesk.packs.pack import export_pack

    export_pack(demo_store, 1, tmp_path / "jurylid-1.jurypack")
    assert _differences(demo_store) == []
    with demo_store.engine.begin() as connection:
        connection.execute(text("UPDATE settings SET value = 'ab' WHERE key = 'pack_secret:1'"))
    differences = _differences(demo_store)
    assert [(d.entity, d.key, d.problem) for d in differences] == [("pack secret", "1", "differs")]
