"""`jurydesk init` and `jurydesk passphrase`: the secretariat's passphrase from the CLI."""

from __future__ import annotations

from jurydesk.__main__ import main
from jurydesk.passphrase import verify
from jurydesk.store import open_store


def test_init_and_change_the_passphrase(tmp_path, capsys):
    db = str(tmp_path / "p.sqlite")
    (tmp_path / "a").write_text("eerste-zin\n", "utf-8")
    (tmp_path / "b").write_text("tweede-zin\n", "utf-8")
    assert main(["init", "--db", db, "--passphrase-file", str(tmp_path / "a")]) == 0
    assert (
        main(
            [
                "passphrase",
                "--db",
                db,
                "--old-file",
                str(tmp_path / "b"),
                "--new-file",
                str(tmp_path / "b"),
            ]
        )
        == 1
    )
    assert "niet correct" in capsys.readouterr().err
    assert (
        main(
            [
                "passphrase",
                "--db",
                db,
                "--old-file",
                str(tmp_path / "a"),
                "--new-file",
                str(tmp_path / "b"),
            ]
        )
        == 0
    )
    store = open_store(f"sqlite:///{db}", write=False)
    with store.reader() as session:
        assert verify(session, "tweede-zin") and not verify(session, "eerste-zin")
    store.close()


def test_demo_database_uses_the_documented_passphrase(tmp_path):
    db = str(tmp_path / "d.sqlite")
    assert main(["init", "--demo", "--db", db]) == 0
    store = open_store(f"sqlite:///{db}", write=False)
    with store.reader() as session:
        assert verify(session, "demo")
    store.close()
