"""A database written before the house move (issue 24) still verifies after it: the chain's
events and the rows they describe do not depend on where the code that wrote them lives.

The fixture is `jurydesk init --demo` run with commit 9e3adbd (the last one before the move),
gzipped; its head was noted then with `jurydesk audit head`.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from sqlalchemy import select

from jurydesk.audit.chain import head, verify
from jurydesk.audit.replay import compare
from jurydesk.store import audit_keys, open_store
from jurydesk.store.models import Setting

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "premove-demo.sqlite.gz"
HEAD_BEFORE_THE_MOVE = "dde415fa3abfebe3c1896db6271a416679973d9a2848c6823375e83affa1cffd"


def test_a_database_from_before_the_move_verifies(tmp_path):
    path = tmp_path / "premove.sqlite"
    path.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    store = open_store(f"sqlite:///{path.as_posix()}")
    try:
        with store.reader() as session:
            value, events = head(session)
            report = verify(session, HEAD_BEFORE_THE_MOVE)
            replay = compare(session)
    finally:
        store.close()
    assert (value, events) == (HEAD_BEFORE_THE_MOVE, 117)
    assert report.ok, report.problem
    # 1,267 rows of the first replay, and the columns issue 29 added (versions, documents'
    # bytes and names, PINs, panels, times of receipt...) where the old events can tell, and
    # the two regions' settings: 13 letter, pitch and weerwoord-rule fields and 3 quality
    # settings each; and those issue 29's second pass added, taken as given (no event for them
    # yet): the 7 SMTP defaults, the rubric's digest, and per region 9 pitch timer fields and
    # the running order, 5 rubric/method/limits/subject fields, 3 jury settings and 9 parts of
    # what the region's file installed; the 10 jurors (their e-mail addresses taken as given:
    # the old juror_add events did not carry them) and the jury's 2 notes; and the 2
    # weerwoorden (the re-assessment's moment, which the old event did not carry, is not
    # compared)
    assert replay.ok and replay.total == 0
    assert replay.compared == 2435 + 2 * (13 + 3) + 7 + 1 + 2 * (9 + 1 + 5 + 3 + 9) + 10 + 2 + 2


def test_the_first_sign_in_after_the_upgrade_starts_the_macs(tmp_path):
    """Migration 0014 adds the column; the secretariat's first sign-in creates the key and
    the event from which every event carries a MAC; the old events stay verifiable."""
    from jurydesk.passphrase import unlock

    path = tmp_path / "premove.sqlite"
    path.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    store = open_store(f"sqlite:///{path.as_posix()}")
    try:
        with store.session() as session:
            key = unlock(session, "demo")
        assert key is not None
        with store.reader() as session:
            report = verify(session, HEAD_BEFORE_THE_MOVE, key)
            value, events = head(session)
            keyless = audit_keys.jurors_without_key(session)
            pins = session.scalars(
                select(Setting.key).where(Setting.key.like(audit_keys.PIN_SETTING + "%"))
            ).all()
    finally:
        store.close()
    assert report.ok, report.problem
    assert events == 118 and value != HEAD_BEFORE_THE_MOVE
    # the PINs set before the MACs: no key until set again; said as advice, not as tampering
    assert pins and keyless == sorted(int(k.removeprefix(audit_keys.PIN_SETTING)) for k in pins)


def test_a_tampered_copy_does_not(tmp_path):
    """The check can fail: one score changed behind the chain's back is found."""
    import sqlite3

    path = tmp_path / "premove.sqlite"
    path.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE scores SET value = 0 WHERE id = (SELECT min(id) FROM scores)")
    connection.close()
    store = open_store(f"sqlite:///{path.as_posix()}")
    try:
        with store.reader() as session:
            assert verify(session, HEAD_BEFORE_THE_MOVE).ok  # the chain itself is untouched
            assert not compare(session).ok  # but the scores no longer match it
    finally:
        store.close()


def test_the_first_sign_in_writes_down_the_settings_it_compares_from_then_on(tmp_path):
    """The old database has no event for its SMTP defaults, pitch timer or limits: the first
    sign-in's ``mac_key`` event holds them, so a row added or changed after it is named."""
    import sqlite3

    from jurydesk.passphrase import unlock

    path = tmp_path / "premove.sqlite"
    path.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    store = open_store(f"sqlite:///{path.as_posix()}")
    try:
        with store.session() as session:
            key = unlock(session, "demo")
        with store.reader() as session:
            assert compare(session).ok  # the reference is what the tables held
    finally:
        store.close()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO settings (key, value) VALUES ('smtp', '{\"sender\": \"x@evil.example\"}')"
        )
        connection.execute("UPDATE regions SET max_partners = 9 WHERE slug = 'leuven'")
    connection.close()
    store = open_store(f"sqlite:///{path.as_posix()}")
    try:
        with store.reader() as session:
            assert verify(session, HEAD_BEFORE_THE_MOVE, key).ok
            found = {(d.entity, d.key, d.problem) for d in compare(session).differences}
    finally:
        store.close()
    assert ("setting", "smtp/sender", "differs") in found
    assert ("region setting", "leuven/max_partners", "differs") in found
