"""Issue 29 in the CLI: PINs are rate-limited and locked, a juror's events carry their own MAC,
demo data goes only into an empty database, and the proposals are the secretariat's to read."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.cli.helpers import run, run_json


def _counts(db: str) -> tuple[int, ...]:
    connection = sqlite3.connect(db)
    try:
        return tuple(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("candidatures", "documents", "jurors", "scores", "audit_events")
        )
    finally:
        connection.close()


def _new_juror(capsys, db: str) -> int:  # type: ignore[no-untyped-def]
    juror = run_json(
        capsys,
        "--db",
        db,
        "juror",
        "add",
        "--name",
        "Nieuw Lid",
        "--role",
        "expert",
        "--region",
        "leuven",
    )["id"]
    # the juror's declaration on honour, signed on paper: a juror scores only after it
    paper = ["--on-paper", "--date", "2023-06-01", "--region", "leuven"]
    run_json(capsys, "--db", db, "declaration", "sign", "--juror", str(juror), *paper)
    return juror


def _score(juror: int, db: str) -> list[str]:
    return [
        "--db",
        db,
        "score",
        "--juror",
        str(juror),
        "--candidature",
        "14",
        "--round",
        "1",
        "--criterion",
        "bereik",
        "--value",
        "3",
    ]


def test_a_new_pin_has_six_digits(db, capsys):  # type: ignore[no-untyped-def]
    juror = _new_juror(capsys, db)
    code, _out, err = run(capsys, "--db", db, "juror", "pin", str(juror), "4321")
    assert code == 1 and "6" in err
    assert run(capsys, "--db", db, "juror", "pin", str(juror), "432187")[0] == 0


def test_wrong_pins_lock_the_juror_out(db, capsys, monkeypatch):  # type: ignore[no-untyped-def]
    juror = _new_juror(capsys, db)
    run_json(capsys, "--db", db, "juror", "pin", str(juror), "432187")
    monkeypatch.delenv("JURYDESK_PASSPHRASE")
    for _attempt in range(5):
        code, _out, err = run(capsys, *_score(juror, db), "--pin", "000000")
        assert code == 1
    assert "vergrendeld" in err
    # now even the right PIN is refused, until the secretariat sets a new one
    code, _out, err = run(capsys, *_score(juror, db), "--pin", "432187")
    assert code == 1 and "vergrendeld" in err
    connection = sqlite3.connect(db)
    actions = [
        a
        for (a,) in connection.execute(
            "SELECT action FROM audit_events WHERE entity = 'juror' AND entity_key = ?"
            " AND action LIKE 'pin_%' ORDER BY id",
            (str(juror),),
        )
    ]
    connection.close()
    assert actions == ["pin_set", *["pin_failed"] * 4, "pin_locked"]
    monkeypatch.setenv("JURYDESK_PASSPHRASE", "demo")
    run_json(capsys, "--db", db, "juror", "pin", str(juror), "765432")
    monkeypatch.delenv("JURYDESK_PASSPHRASE")
    assert run(capsys, *_score(juror, db), "--pin", "765432")[0] == 0


def test_a_jurors_event_carries_the_jurors_mac(db, capsys, monkeypatch):  # type: ignore[no-untyped-def]
    juror = _new_juror(capsys, db)
    run_json(capsys, "--db", db, "juror", "pin", str(juror), "432187")
    monkeypatch.delenv("JURYDESK_PASSPHRASE")
    assert run(capsys, *_score(juror, db), "--pin", "432187")[0] == 0
    connection = sqlite3.connect(db)
    mac = connection.execute("SELECT mac FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()[0]
    connection.close()
    assert mac.startswith(f"j{juror}:")
    monkeypatch.setenv("JURYDESK_PASSPHRASE", "demo")
    code, _out, err = run(capsys, "--db", db, "audit", "verify")
    assert code == 0, err


def test_demo_data_goes_only_into_an_empty_database(db, store, capsys):  # type: ignore[no-untyped-def]
    before = _counts(db)
    code, _out, err = run(capsys, "init", "--demo", "--db", db)
    assert code == 1 and "lege" in err
    assert _counts(db) == before
    real = str(store.file)
    store.close()
    before = _counts(real)
    code, _out, err = run(capsys, "init", "--demo", "--db", real)  # a passphrase: real work
    assert code == 1 and "wachtwoordzin" in err
    assert _counts(real) == before


@pytest.mark.parametrize(
    "command",
    [
        ["documents", "get", "1", "x.pdf"],
        ["documents", "page", "1", "x.png"],
        ["documents", "--candidature", "1"],
        ["search", "partnerschap"],
        ["jurors", "--region", "leuven"],
        ["conflict", "list", "--region", "leuven"],
        ["audit", "verify"],
    ],
)
def test_the_proposals_are_the_secretariats_to_read(db, capsys, monkeypatch, tmp_path, command):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("JURYDESK_PASSPHRASE")
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "--db", db, *command)
    assert code == 1 and "wachtwoordzin" in err
    assert not (tmp_path / "x.pdf").exists()


def test_jurors_without_a_signing_key_are_shown_once_with_what_to_do(
    db, capsys, monkeypatch, tmp_path
):  # type: ignore[no-untyped-def]
    """A PIN set before the MACs existed gives no key: `jurors` shows it, `audit verify` says
    it once (not per event) with the remedy; a new PIN gives the key, never the old PIN."""
    juror = _new_juror(capsys, db)
    run_json(capsys, "--db", db, "juror", "pin", str(juror), "432187")
    connection = sqlite3.connect(db)
    with connection:  # what a PIN from before this version looks like: no wrapped key
        connection.execute("DELETE FROM settings WHERE key = ?", (f"juror_mac:{juror}",))
    connection.close()
    listed = {j["id"]: j for j in run_json(capsys, "--db", db, "jurors", "--region", "leuven")}
    assert listed[juror]["pin"] and not listed[juror]["signing_key"]
    assert all(j["signing_key"] for i, j in listed.items() if i != juror)
    # (Deleting the key of a PIN the secretariat set with the key at hand is what verify
    # reports as tampering; a PIN from before the MACs, set before the `mac_key` event, is not.)
    code, out, err = run(capsys, "--db", db, "audit", "verify")
    assert code == 1 and f"juror_mac:{juror}" in err
    assert out.count("nieuwe pincode") == 1 and str(juror) in out
    code, out, _err = run(capsys, "--db", db, "--json", "audit", "verify")
    assert json.loads(out)["jurors_without_key"] == [juror]
    # The juror scores with the PIN alone, three times: unsigned, named once with the remedy.
    monkeypatch.delenv("JURYDESK_PASSPHRASE")
    for value in ("1", "2", "3"):
        assert run(capsys, *_score(juror, db)[:-1], value, "--pin", "432187")[0] == 0
    monkeypatch.setenv("JURYDESK_PASSPHRASE", "demo")
    code, out, err = run(capsys, "--db", db, "audit", "verify")
    assert code == 1 and f"juror {juror} has no signing key" in err
    assert out.count("nieuwe pincode") == 1 and err.count("signing key") == 1
    # Their pack would not sign their scoring: the export says so, with the remedy.
    export = ["--db", db, "pack", "export", "--juror", str(juror)]
    code, out, _err = run(capsys, *export, str(tmp_path / "a.jurypack"))
    assert code == 0 and "ondertekeningssleutel" in out and "nieuwe PIN" in out
    # A new PIN (with the passphrase at hand) gives the juror a key; the next pack signs.
    run_json(capsys, "--db", db, "juror", "pin", str(juror), "518273")
    listed = {j["id"]: j for j in run_json(capsys, "--db", db, "jurors", "--region", "leuven")}
    assert listed[juror]["signing_key"]
    code, out, _err = run(capsys, *export, str(tmp_path / "b.jurypack"))
    assert code == 0 and "ondertekeningssleutel" not in out
