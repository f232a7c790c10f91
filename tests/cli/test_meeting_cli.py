"""The meeting from the command line: declarations, settings, consensus, a meeting with a
juror leaving the room, guarded decisions, the close and the printed minutes."""

from __future__ import annotations

import shutil

from jurydesk.__main__ import main
from tests.cli.helpers import run, run_json
from tests.decisions.test_jury_meeting import pdf_text


def test_the_meeting_by_command_line(tmp_path, capsys, _demo_template, monkeypatch):  # type: ignore[no-untyped-def]
    db = str(tmp_path / "secretariaat.sqlite")
    shutil.copyfile(_demo_template, db)
    signed = run_json(capsys, "declarations", "--region", "leuven", "--db", db)
    assert [d["how"] for d in signed] == ["paper"] * 5 and signed[1]["conflicts"] == {
        "17": signed[1]["conflicts"]["17"]
    }
    text = run_json(capsys, "declaration", "text", "--region", "leuven", "--db", db)
    assert "belangenconflict" in text["text"] and "JuryDesk" in text["source"]
    juror = run_json(
        capsys,
        "juror",
        "add",
        "--name",
        "Nina Nieuw",
        "--role",
        "expert",
        "--region",
        "leuven",
        "--db",
        db,
    )["id"]
    assert run(capsys, "juror", "pin", str(juror), "432198", "--db", db)[0] == 0
    code, _out, err = run(
        capsys,
        "declaration",
        "sign",
        "--region",
        "leuven",
        "--juror",
        str(juror),
        "--name",
        "Nina Nieuw",
        "--pin",
        "000000",
        "--db",
        db,
    )
    assert code == 1 and "pincode" in err
    monkeypatch.delenv("JURYDESK_PASSPHRASE")  # the juror, with their PIN only
    code, _out, err = run(
        capsys,
        "declaration",
        "sign",
        "--region",
        "leuven",
        "--juror",
        str(juror),
        "--on-paper",
        "--date",
        "2023-06-01",
        "--pin",
        "432198",
        "--db",
        db,
    )
    assert code == 1 and "secretariaat" in err  # a juror cannot record a paper one
    monkeypatch.setenv("JURYDESK_PASSPHRASE", "demo")
    done = run_json(
        capsys,
        "declaration",
        "sign",
        "--region",
        "leuven",
        "--juror",
        str(juror),
        "--name",
        "Nina Nieuw",
        "--pin",
        "432198",
        "--conflict",
        "15:Zus werkt er",
        "--db",
        db,
    )
    assert done["how"] == "app" and done["conflicts"] == {"15": "Zus werkt er"}
    settings = run_json(
        capsys,
        "jury-settings",
        "--region",
        "leuven",
        "--min-finalised",
        "3",
        "--quorum",
        "3",
        "--db",
        db,
    )
    assert settings["min_finalised"] == 3 and settings["quorum"] == 3
    code, _out, err = run(
        capsys,
        "meeting",
        "open",
        "--region",
        "leuven",
        "--round",
        "2",
        "--place",
        "Zaal",
        "--present",
        "1,2,77",
        "--db",
        db,
    )
    assert code == 1 and "77" in err
    meeting = run_json(
        capsys,
        "meeting",
        "open",
        "--region",
        "leuven",
        "--round",
        "2",
        "--date",
        "2023-06-30",
        "--place",
        "Stadhuis Leuven",
        "--present",
        "1,2,3",
        "--chair",
        "1",
        "--secretary",
        "Els Peeters",
        "--order",
        "disagreement_first",
        "--db",
        db,
    )
    mid, agenda = meeting["meeting"], meeting["agenda"]
    assert meeting["quorum_met"] and meeting["absent"] == [4, 5, juror]
    first = agenda[0]["candidature"]
    left = run_json(
        capsys,
        "meeting",
        "leave",
        "--meeting",
        str(mid),
        "--juror",
        "3",
        "--candidature",
        str(first),
        "--reason",
        "Oud-collega",
        "--db",
        db,
    )
    assert left["agenda"][0]["left_the_room"] == [{"juror": 3, "reason": "Oud-collega"}]
    rubric = run_json(capsys, "rubric", "show", "--region", "leuven", "--db", db)
    keys = [c["key"] for c in rubric["rounds"][1]["criteria"]]
    for key in keys[:-1]:
        run_json(
            capsys,
            "consensus",
            "set",
            "--candidature",
            str(first),
            "--round",
            "2",
            "--criterion",
            key,
            "--text",
            f"Akkoord over {key}.",
            "--meeting",
            str(mid),
            "--db",
            db,
        )
    code, _out, err = run(
        capsys, "consensus", "approve", "--candidature", str(first), "--round", "2", "--db", db
    )
    assert code == 1 and "nog geen tekst" in err
    run_json(
        capsys,
        "consensus",
        "set",
        "--candidature",
        str(first),
        "--round",
        "2",
        "--criterion",
        keys[-1],
        "--text",
        "Haalbaar.",
        "--score",
        "0",
        "--reason",
        "Geen planning",
        "--db",
        db,
    )
    shown = run_json(
        capsys, "consensus", "approve", "--candidature", str(first), "--round", "2", "--db", db
    )
    assert shown["approved"] and shown["criteria"][-1]["score"] == 0
    assert (
        run_json(
            capsys, "consensus", "show", "--candidature", str(first), "--round", "2", "--db", db
        )["criteria"][0]["text"]
        == f"Akkoord over {keys[0]}."
    )
    code, _out, err = run(
        capsys,
        "decide",
        "--candidature",
        str(first),
        "--round",
        "2",
        "--outcome",
        "reserve",
        "--motivation",
        "Reserve",
        "--meeting",
        str(mid),
        "--db",
        db,
    )
    assert code == 1 and "reden" in err
    assert (
        main(
            [
                "decide",
                "--candidature",
                str(first),
                "--round",
                "2",
                "--outcome",
                "reserve",
                "--motivation",
                "Reserve",
                "--deviation-reason",
                "De portefeuille is vol.",
                "--meeting",
                str(mid),
                "--db",
                db,
            ]
        )
        == 0
    )
    code, _out, err = run(
        capsys, "print", "minutes", "--meeting", str(mid), str(tmp_path / "pv.pdf"), "--db", db
    )
    assert code == 1 and "nog open" in err and not (tmp_path / "pv.pdf").exists()
    closed = run_json(capsys, "meeting", "close", "--meeting", str(mid), "--db", db)
    head = run_json(capsys, "audit", "head", "--db", db)
    assert closed["audit_head"] and closed["audit_head"] == head["head"]
    assert (
        run(
            capsys, "print", "minutes", "--meeting", str(mid), str(tmp_path / "pv.pdf"), "--db", db
        )[0]
        == 0
    )
    text = pdf_text(tmp_path / "pv.pdf")
    for expected in (
        "Stadhuis Leuven",
        "Oud-collega",
        "De portefeuille is vol.",
        "Geen planning",
        closed["audit_head"],
        "pagina 1 van",
    ):
        assert expected in text, expected
    listed = run_json(capsys, "meetings", "--region", "leuven", "--db", db)
    assert [m["meeting"] for m in listed] == [mid] and listed[0]["closed_at"]
    progress = run_json(capsys, "progress", "--region", "leuven", "--round", "1", "--db", db)
    mine = next(p for p in progress if p["juror"] == juror)
    assert mine["declaration_how"] == "app" and mine["finalised"] == 0 and mine["assigned"] > 0
