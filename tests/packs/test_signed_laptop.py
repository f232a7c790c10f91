"""A juror's laptop signs its own scoring with the juror's key (opened with the PIN), and the
secretariat's merge refuses a return whose scores were changed on the laptop without the PIN,
even with the laptop's audit chain recomputed (issue 29, items 2 and 8)."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from jurydesk.audit.chain import GENESIS, event_hash, verify
from jurydesk.jury.pins import OK, attempt, set_pin
from jurydesk.jury.service import add_conflict
from jurydesk.packs.archive import PackError
from jurydesk.packs.pack import export_pack, open_pack
from jurydesk.packs.returns import NEW, UPDATED, import_return, write_return
from jurydesk.packs.seal import unseal_with_code
from jurydesk.passphrase import unlock
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.scoring.scores import finalize, set_comment, set_score
from jurydesk.store import Store, audit_keys, open_store
from jurydesk.store.models import AuditEvent, Score
from tests.packs.test_packs import undecide
from tests.signed import add_signed_juror

PIN = "482913"


@pytest.fixture
def laptop(demo_store: Store, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The secretariat (signed in) sets a juror's PIN and packs; the laptop opens the pack and
    the juror signs in with the PIN."""
    with demo_store.session() as session:
        assert unlock(session, "demo") is not None
        undecide(session)
        juror = add_signed_juror(session, "test", "Getekend Lid", "expert", panels=[("leuven", 1)])
        add_conflict(session, "test", juror, 17, "Buur")
        set_pin(session, "test", juror, PIN)
        criteria = [c.key for c in rubric_for(session, "leuven").round(1).criteria]
    pack = tmp_path / "pack.jurypack"
    manifest = export_pack(demo_store, juror, pack)
    mine = open_store(f"sqlite:///{(tmp_path / 'laptop.sqlite').as_posix()}")
    open_pack(mine, pack, manifest["code"])
    assert attempt(mine, juror, PIN) == OK
    yield juror, criteria, pack, manifest, mine
    audit_keys.forget(mine.engine)
    mine.close()


def _score(store: Store, juror: int, criteria: list[str], value: int = 3) -> None:
    with store.session() as session:
        for key in criteria:
            set_score(session, "jurylid", juror, 14, 1, key, value, f"omdat {key}")
        set_comment(session, "jurylid", juror, 14, 1, "Sterk dossier")
        finalize(session, "jurylid", juror, 14, 1)


def test_the_pack_carries_only_the_wrapped_juror_key(demo_store, laptop):  # type: ignore[no-untyped-def]
    juror, _criteria, pack, manifest, _mine = laptop
    plain, _key = unseal_with_code(pack.read_bytes(), manifest["code"])
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        payload = json.loads(z.read("payload.json"))
    assert manifest["signed_scoring"] is True
    wrapped = payload["juror_key"]
    with demo_store.reader() as session:
        secretariat = audit_keys.ring(session.connection()).secretariat
        assert secretariat is not None
        juror_key = audit_keys.juror_key(secretariat, juror)
    text = json.dumps(payload)
    assert secretariat.hex() not in text and juror_key.hex() not in text  # neither in clear
    assert audit_keys.unwrap(wrapped, "000000") is None  # no key without the PIN
    assert audit_keys.unwrap(wrapped, PIN) == juror_key


def test_the_laptop_signs_and_the_merge_accepts(demo_store, laptop, tmp_path):  # type: ignore[no-untyped-def]
    juror, criteria, _pack, _manifest, mine = laptop
    _score(mine, juror, criteria)
    with mine.reader() as session:
        macs = session.execute(
            select(AuditEvent.action, AuditEvent.mac).where(
                AuditEvent.action.in_(("score", "comment", "finalize"))
            )
        ).all()
    assert len(macs) == len(criteria) + 2
    assert all(mac and mac.startswith(f"j{juror}:") for _action, mac in macs)
    out = tmp_path / "r1.juryreturn"
    write_return(mine, out)
    report = import_return(demo_store, out)
    assert report.written and report.count(NEW) == len(criteria) + 1
    with demo_store.reader() as session:
        assert verify(session, key=unlock(session, "demo", writable=False)).ok


def _edit_laptop_score(laptop_db: Path, recompute: bool) -> None:
    """What someone with the laptop's file but not the PIN can do: change a score (and its
    event), and recompute the whole chain so that it holds together again."""
    connection = sqlite3.connect(laptop_db)
    with connection:
        connection.execute(
            "UPDATE scores SET value = 1, version = version + 1 WHERE id = (SELECT min(id)"
            " FROM scores)"
        )
        if recompute:
            score = connection.execute(
                "SELECT juror_id, candidature_id, round, criterion, value, motivation, version"
                " FROM scores WHERE id = (SELECT min(id) FROM scores)"
            ).fetchone()
            new = {"value": score[4], "motivation": score[5], "version": score[6]}
            key = f"{score[0]}/{score[1]}/{score[2]}/{score[3]}"
            rows = connection.execute(
                "SELECT id, at, actor, action, entity, entity_key, old, new FROM audit_events"
                " ORDER BY id"
            ).fetchall()
            prev = GENESIS
            for ident, at, actor, action, entity, entity_key, old, new_json in rows:
                if entity_key == key and action == "score":
                    new_json = json.dumps(new)
                digest = event_hash(
                    prev,
                    datetime.fromisoformat(at),
                    actor,
                    action,
                    entity,
                    entity_key,
                    json.loads(old),
                    json.loads(new_json),
                )
                connection.execute(
                    "UPDATE audit_events SET new = ?, prev_hash = ?, hash = ? WHERE id = ?",
                    (new_json, prev, digest, ident),
                )
                prev = digest
            connection.execute("UPDATE settings SET value = ? WHERE key = 'audit_head'", (prev,))
    connection.close()


def _scores_of(store: Store, juror: int) -> int:
    with store.reader() as session:
        return int(session.scalar(select(func.count(Score.id)).where(Score.juror_id == juror)) or 0)


@pytest.mark.parametrize("recompute", [False, True])
def test_a_score_forged_on_the_laptop_is_refused_with_its_row(  # type: ignore[no-untyped-def]
    demo_store, laptop, tmp_path, recompute
):
    juror, criteria, _pack, _manifest, mine = laptop
    _score(mine, juror, criteria)
    laptop_db = tmp_path / "laptop.sqlite"
    audit_keys.forget(mine.engine)
    mine.close()
    _edit_laptop_score(laptop_db, recompute)
    forged = open_store(f"sqlite:///{laptop_db.as_posix()}")
    try:
        with forged.reader() as session:  # the laptop's own chain holds together again
            assert verify(session).ok  # (the chain alone: no key on the laptop)
        out = tmp_path / "forged.juryreturn"
        write_return(forged, out)
    finally:
        forged.close()
    with pytest.raises(PackError, match=criteria[0]) as refused:
        import_return(demo_store, out)
    assert "PIN" in str(refused.value)
    assert _scores_of(demo_store, juror) == 0  # nothing written


def test_scores_written_without_the_pin_are_refused(demo_store, laptop, tmp_path):  # type: ignore[no-untyped-def]
    """A score written through the app's own code but without the PIN (the key not opened)
    carries no MAC: the return is refused, naming the event."""
    juror, criteria, _pack, _manifest, mine = laptop
    audit_keys.forget(mine.engine)
    with mine.session() as session:
        set_score(session, "jurylid", juror, 14, 1, criteria[0], 4, "zonder pincode")
    out = tmp_path / "r.juryreturn"
    write_return(mine, out)
    with pytest.raises(PackError, match=rf"{juror}/14/1/{criteria[0]}.*PIN"):
        import_return(demo_store, out)
    assert _scores_of(demo_store, juror) == 0


def test_a_pack_without_a_key_still_returns_unsigned(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    """A juror without a PIN (or a pack made before this version): the return is accepted as
    before, authenticated by the pack's secret only."""
    with demo_store.session() as session:
        assert unlock(session, "demo") is not None
        undecide(session)
        juror = add_signed_juror(session, "test", "Zonder Pin", "expert", panels=[("leuven", 1)])
        criteria = [c.key for c in rubric_for(session, "leuven").round(1).criteria]
    pack = tmp_path / "p.jurypack"
    manifest = export_pack(demo_store, juror, pack)
    assert manifest["signed_scoring"] is False
    mine = open_store(f"sqlite:///{(tmp_path / 'l.sqlite').as_posix()}")
    try:
        open_pack(mine, pack, manifest["code"])
        _score(mine, juror, criteria)
        write_return(mine, tmp_path / "r.juryreturn")
    finally:
        mine.close()
    report = import_return(demo_store, tmp_path / "r.juryreturn")
    assert report.written and report.count(NEW) == len(criteria) + 1
    assert report.count(UPDATED) == 0


def test_an_older_unsigned_pack_cannot_downgrade(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    """A juror's first pack went out before they had a key; once a signing pack went out,
    a return from the old laptop (or one naming an unknown pack) is refused."""
    with demo_store.session() as session:
        assert unlock(session, "demo") is not None
        undecide(session)
        juror = add_signed_juror(session, "test", "Twee Pakken", "expert", panels=[("leuven", 1)])
        criteria = [c.key for c in rubric_for(session, "leuven").round(1).criteria]
    old_pack = tmp_path / "oud.jurypack"
    old = export_pack(demo_store, juror, old_pack)
    with demo_store.session() as session:
        set_pin(session, "test", juror, PIN)
    assert export_pack(demo_store, juror, tmp_path / "nieuw.jurypack")["signed_scoring"]
    mine = open_store(f"sqlite:///{(tmp_path / 'oud.sqlite').as_posix()}")
    try:
        open_pack(mine, old_pack, old["code"])
        _score(mine, juror, criteria)
        write_return(mine, tmp_path / "oud.juryreturn")
    finally:
        mine.close()
    with pytest.raises(PackError, match=r"nieuwste pakket|newest pack"):
        import_return(demo_store, tmp_path / "oud.juryreturn")
    assert _scores_of(demo_store, juror) == 0


def test_a_return_naming_an_unknown_pack_is_refused(demo_store, laptop, tmp_path):  # type: ignore[no-untyped-def]
    """The pack id is the laptop's to write: an unsealed return naming a pack never issued to
    the juror (to dodge the signing rule) is refused."""
    juror, criteria, _pack, _manifest, mine = laptop
    _score(mine, juror, criteria)
    laptop_db = tmp_path / "laptop.sqlite"
    audit_keys.forget(mine.engine)
    mine.close()
    connection = sqlite3.connect(laptop_db)
    with connection:
        connection.execute("UPDATE settings SET value = 'f' || value WHERE key = 'pack_id'")
        connection.execute("DELETE FROM settings WHERE key IN ('pack_key', 'pack_salt')")
        connection.execute("DELETE FROM settings WHERE key = ?", (f"juror_mac:{juror}",))
    connection.close()
    forged = open_store(f"sqlite:///{laptop_db.as_posix()}")
    try:
        write_return(forged, tmp_path / "f.juryreturn")
    finally:
        forged.close()
    with pytest.raises(PackError, match=f"jurylid {juror}"):
        import_return(demo_store, tmp_path / "f.juryreturn")
    assert _scores_of(demo_store, juror) == 0


def test_the_declaration_signed_on_the_laptop_is_checked_too(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    """The declaration on honour and the conflicts declared with it, signed on the laptop with
    the PIN, merge; a conflict of interest added in the laptop's file without it is refused."""
    from jurydesk.jury.declarations import sign
    from jurydesk.jury.service import add_juror
    from jurydesk.store.meeting_models import Declaration
    from jurydesk.store.models import Conflict

    with demo_store.session() as session:
        assert unlock(session, "demo") is not None
        undecide(session)
        juror = add_juror(session, "test", "Laptop Tekent", "expert", "", "", [("leuven", 1)])
        set_pin(session, "test", juror, PIN)
    pack = tmp_path / "p.jurypack"
    manifest = export_pack(demo_store, juror, pack)
    mine = open_store(f"sqlite:///{(tmp_path / 'l.sqlite').as_posix()}")
    try:
        open_pack(mine, pack, manifest["code"])
        assert attempt(mine, juror, PIN) == OK
        with mine.session() as session:
            sign(session, "jurylid", juror, "leuven", "Laptop Tekent", PIN, {16: "Oud-collega"},
                 in_pack=True)  # fmt: skip
        with mine.session() as session:
            set_score(session, "jurylid", juror, 14, 1, "bereik", 3, "")
        write_return(mine, tmp_path / "goed.juryreturn")
        with mine.session() as session:  # behind the app's back: no PIN, no MAC
            session.add(
                Conflict(
                    juror_id=juror,
                    candidature_id=15,
                    reason="verzonnen",
                    declared_by="x",
                    declared_at=datetime(2026, 10, 1, 12, 0).astimezone(),
                )
            )
        write_return(mine, tmp_path / "vals.juryreturn")
    finally:
        audit_keys.forget(mine.engine)
        mine.close()
    with pytest.raises(PackError, match=r"15.*PIN"):
        import_return(demo_store, tmp_path / "vals.juryreturn")
    assert import_return(demo_store, tmp_path / "goed.juryreturn").written
    with demo_store.reader() as session:
        assert session.scalar(select(Declaration.id).where(Declaration.juror_id == juror))
        reasons = dict(
            session.execute(
                select(Conflict.candidature_id, Conflict.reason).where(Conflict.juror_id == juror)
            ).all()
        )
    assert reasons == {16: "Oud-collega"}
