"""Roles in the CLI, as in the app: the secretariat's commands need the passphrase, a juror
scores only as themselves with their PIN, and the audit actor follows from the role."""

from __future__ import annotations

from sqlalchemy import select

from jurydesk.store import open_store
from jurydesk.store.models import AuditEvent
from tests.cli.helpers import run, run_json


def test_the_secretariat_needs_its_passphrase(db, capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("JURYDESK_PASSPHRASE")
    code, _out, err = run(capsys, "--db", db, "scores", "--region", "leuven", "--round", "1")
    assert code == 1 and "wachtwoordzin" in err
    monkeypatch.setenv("JURYDESK_PASSPHRASE", "fout")
    code, _out, err = run(
        capsys,
        "--db",
        db,
        "decide",
        "--candidature",
        "14",
        "--round",
        "1",
        "--outcome",
        "not_selected",
        "--motivation",
        "x",
    )
    assert code == 1 and "wachtwoordzin" in err
    secret = tmp_path / "pw"
    secret.write_text("demo\n", "utf-8")
    data = run_json(
        capsys,
        "--db",
        db,
        "scores",
        "--region",
        "leuven",
        "--round",
        "1",
        "--passphrase-file",
        str(secret),
    )
    assert data
    # what everyone may see stays open
    monkeypatch.delenv("JURYDESK_PASSPHRASE")
    assert run_json(capsys, "--db", db, "candidatures", "--region", "leuven")


def test_a_juror_scores_as_themselves_with_their_pin(db, capsys, monkeypatch):
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
    run_json(capsys, "--db", db, "juror", "pin", str(juror), "432100")
    monkeypatch.delenv("JURYDESK_PASSPHRASE")
    sign = ["--db", db, "declaration", "sign", "--region", "leuven", "--juror", str(juror)]
    signed = run_json(capsys, *sign, "--name", "Nieuw Lid", "--pin", "432100")
    assert signed["how"] == "app"  # the juror signs with their PIN, before scoring
    score = [
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
    code, _out, err = run(capsys, *score, "--pin", "999999")
    assert code == 1 and "PIN" in err
    code, _out, err = run(capsys, *score)  # no PIN, no terminal to ask it on
    assert code == 1 and "PIN" in err
    code, _out, err = run(capsys, *score, "--pin", "432100", "--actor", "laptop 3")
    assert code == 0, err
    store = open_store(f"sqlite:///{db}", write=False)
    with store.reader() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    store.close()
    assert event.actor == "juror:Nieuw Lid (laptop 3)"  # the role decides, --actor adds
