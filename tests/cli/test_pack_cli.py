"""`jurydesk pack export/open/return/import` end to end, with the same ids on both sides."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from jurydesk.__main__ import main
from jurydesk.store import open_store
from jurydesk.store.models import Decision
from tests.cli.helpers import run_json


def test_offline_juror_round_trip(tmp_path, capsys, _demo_template):  # type: ignore[no-untyped-def]
    home = str(tmp_path / "secretariaat.sqlite")
    shutil.copyfile(_demo_template, home)
    juror = run_json(
        capsys,
        "juror",
        "add",
        "--name",
        "Laptop Jurylid",
        "--role",
        "expert",
        "--region",
        "leuven",
        "--db",
        home,
    )["id"]
    pack = tmp_path / "pakket.zip"
    manifest = run_json(capsys, "pack", "export", "--juror", str(juror), str(pack), "--db", home)
    assert manifest["juror"] == juror and pack.exists()
    mine = str(tmp_path / "jurylid.sqlite")
    assert len(manifest["code"]) == 14  # XXXX-XXXX-XXXX, handed over separately
    code = main(["pack", "open", str(pack), "--db", mine, "--code", "AAAA-BBBB-CCCC"])
    assert code == 1 and "code past niet" in capsys.readouterr().err
    assert not Path(mine).exists()  # a wrong code leaves no database behind
    run_json(capsys, "pack", "open", str(pack), "--db", mine, "--code", manifest["code"])
    theirs = {c["id"] for c in run_json(capsys, "candidatures", "--region", "leuven", "--db", home)}
    ours = {c["id"] for c in run_json(capsys, "candidatures", "--region", "leuven", "--db", mine)}
    assert ours == theirs
    rubric = run_json(capsys, "rubric", "show", "--region", "leuven", "--db", mine)
    keys = [c["key"] for c in rubric["rounds"][0]["criteria"]]
    # No score before the declaration; the juror signs it in the pack, declaring a conflict.
    code = main(
        [
            "score",
            "--juror",
            str(juror),
            "--candidature",
            "14",
            "--round",
            "1",
            "--criterion",
            keys[0],
            "--value",
            "2",
            "--db",
            mine,
        ]
    )
    assert code == 1 and "verklaring" in capsys.readouterr().err
    signed = run_json(
        capsys,
        "declaration",
        "sign",
        "--region",
        "leuven",
        "--juror",
        str(juror),
        "--name",
        "Laptop Jurylid",
        "--conflict",
        "16:Oud-collega",
        "--db",
        mine,
    )
    assert signed["how"] == "pack" and signed["conflicts"] == {"16": "Oud-collega"}
    for key in keys:
        assert (
            main(
                [
                    "score",
                    "--juror",
                    str(juror),
                    "--candidature",
                    "14",
                    "--round",
                    "1",
                    "--criterion",
                    key,
                    "--value",
                    "2",
                    "--motivation",
                    f"m {key}",
                    "--db",
                    mine,
                ]
            )
            == 0
        )
    assert (
        main(
            ["finalize", "--juror", str(juror), "--candidature", "14", "--round", "1", "--db", mine]
        )
        == 0
    )
    capsys.readouterr()
    back = tmp_path / "terug.zip"
    assert run_json(capsys, "pack", "return", str(back), "--db", mine)["sequence"] == 1
    dry = run_json(capsys, "pack", "import", str(back), "--dry-run", "--db", home)[0]
    # The demo has decided round 1 already: the scores are held, not applied.
    assert dry["counts"]["held"] == len(keys) + 1 and not dry["written"]
    done = run_json(capsys, "pack", "import", str(back), "--db", home)[0]
    assert done["written"]
    back_home = run_json(capsys, "declarations", "--region", "leuven", "--db", home)
    mine_row = next(d for d in back_home if d["juror"] == juror)
    assert mine_row["how"] == "pack" and mine_row["conflicts"] == {"16": "Oud-collega"}
    held = run_json(capsys, "pack", "pending", "--db", home)
    assert len(held) == len(keys) + 1 and {h["status"] for h in held} == {"held"}
    assert all(h["theirs"] for h in held)
    for item in held:
        run_json(
            capsys,
            "pack",
            "pending",
            "--resolve",
            str(item["id"]),
            "--action",
            "accept",
            "--db",
            home,
        )
    scores = run_json(capsys, "scores", "--region", "leuven", "--round", "1", "--db", home)
    mine_scores = [s for s in scores if s["juror"] == juror and s["candidature"] == 14]
    assert len(mine_scores) == len(keys) and all(s["finalized"] for s in mine_scores)
    store = open_store(f"sqlite:///{home}", write=False)
    with store.reader() as session:
        decision = session.scalar(
            select(Decision).where(Decision.candidature_id == 14, Decision.round == 1)
        )
        assert decision.needs_review  # accepted after the decision: to review
    store.close()
    again = run_json(capsys, "pack", "import", str(back), "--db", home)[0]
    assert again["already_imported"]
    code = main(["pack", "import", str(pack), "--db", home])  # a pack is not a return
    assert code == 1
    assert "terugzending" in capsys.readouterr().err


def test_a_pack_as_the_only_argument_opens_it_in_the_app(tmp_path):  # type: ignore[no-untyped-def]
    from jurydesk.__main__ import _pack_argument

    pack = tmp_path / "pakket.jurypack"
    pack.write_bytes(b"PK")
    assert _pack_argument([str(pack)]) == pack  # what a double-click runs
    old = tmp_path / "pakket.zip"  # named by an older version
    old.write_bytes(b"PK")
    assert _pack_argument([str(old)]) == old
    back = tmp_path / "terug.juryreturn"
    back.write_bytes(b"PK")
    assert _pack_argument([str(back)]) == back
    other = tmp_path / "notities.txt"
    other.write_bytes(b"x")
    assert _pack_argument([str(other)]) is None
    assert _pack_argument([str(pack), "--db", "x"]) is None
    assert _pack_argument([str(tmp_path / "missing.zip")]) is None
    assert _pack_argument(["regions"]) is None


def test_the_juror_laptop_asks_the_pin_the_pack_carries(tmp_path, capsys, _demo_template):  # type: ignore[no-untyped-def]
    home = str(tmp_path / "secretariaat.sqlite")
    shutil.copyfile(_demo_template, home)
    juror = run_json(
        capsys, "juror", "add", "--name", "Pin Jurylid", "--role", "expert",
        "--region", "leuven", "--db", home,
    )["id"]  # fmt: skip
    assert main(["juror", "pin", str(juror), "432109", "--db", home]) == 0
    paper = ["--on-paper", "--date", "2023-06-01", "--region", "leuven", "--db", home]
    assert main(["declaration", "sign", "--juror", str(juror), *paper]) == 0  # goes in the pack
    capsys.readouterr()
    pack = tmp_path / "pakket.jurypack"
    manifest = run_json(capsys, "pack", "export", "--juror", str(juror), str(pack), "--db", home)
    mine = str(tmp_path / "jurylid.sqlite")
    run_json(capsys, "pack", "open", str(pack), "--db", mine, "--code", manifest["code"])
    capsys.readouterr()
    score = ["score", "--juror", str(juror), "--candidature", "14", "--round", "1",
             "--criterion", "bereik", "--value", "2", "--db", mine]  # fmt: skip
    assert main(score) != 0
    assert "PIN" in capsys.readouterr().err
    assert main([*score, "--pin", "000000"]) != 0
    capsys.readouterr()
    assert main([*score, "--pin", "432109"]) == 0
    # The laptop signed the score with the juror's key (opened by the PIN): the return merges.
    first = tmp_path / "terug1.juryreturn"
    run_json(capsys, "pack", "return", str(first), "--db", mine)
    report = run_json(capsys, "pack", "import", str(first), "--db", home)
    assert report[0]["written"] and report[0]["counts"]["held"] == 2  # decided: kept aside
    # Someone with the laptop's file but not the PIN changes the score: refused, row named.
    import sqlite3

    connection = sqlite3.connect(mine)
    with connection:
        connection.execute("UPDATE scores SET value = 4, version = version + 1")
    connection.close()
    second = tmp_path / "terug2.juryreturn"
    run_json(capsys, "pack", "return", str(second), "--db", mine)
    assert main(["pack", "import", str(second), "--db", home]) == 1
    err = capsys.readouterr().err
    assert "bereik" in err and "PIN" in err and "14" in err
    assert main(["audit", "verify", "--db", home]) == 0
