"""`audit verify` replays the events and compares them with the tables: every path that
writes scores, evaluations or decisions leaves events that account for its rows, and a row
changed, removed or added behind the log's back is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from jurydesk.__main__ import main
from jurydesk.audit.chain import verify
from jurydesk.audit.replay import compare
from jurydesk.candidatures.edit import add_candidature
from jurydesk.packs.pack import export_pack, open_pack
from jurydesk.packs.pending import list_pending, resolve_pending
from jurydesk.packs.returns import import_return, write_return
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.scoring.scores import finalize, reopen, set_comment, set_score
from jurydesk.setup import initialise
from jurydesk.store import Store, open_store
from jurydesk.store.models import Score
from jurydesk.store.schema import _alembic_config as alembic_config
from tests.signed import add_signed_juror


def _check(store: Store):  # type: ignore[no-untyped-def]
    with store.reader() as session:
        return compare(session)


def test_the_demo_replays_to_its_tables(demo_store):  # type: ignore[no-untyped-def]
    report = _check(demo_store)
    assert report.ok, report.differences[:3]
    assert report.compared > 1000  # bulk scores, their evaluations, the decisions


@pytest.mark.parametrize(
    ("tamper", "entity", "problem"),
    [
        ("UPDATE scores SET value = value + 1 WHERE id = 7", "score", "differs"),
        ("UPDATE scores SET motivation = 'anders' WHERE id = 8", "score", "differs"),
        ("DELETE FROM scores WHERE id = 9", "score", "missing"),
        (
            "INSERT INTO scores (juror_id, candidature_id, round, criterion, value, motivation,"
            " version, updated_at) SELECT juror_id, candidature_id, round, 'extra', 4, '', 1,"
            " updated_at FROM scores WHERE id = 10",
            "score",
            "no event",
        ),
        ("UPDATE evaluations SET finalized_at = NULL WHERE id = 3", "evaluation", "differs"),
        (
            "UPDATE decisions SET outcome = 'shortlisted' WHERE outcome = 'not_selected'"
            " AND id = (SELECT min(id) FROM decisions WHERE outcome = 'not_selected')",
            "decision",
            "differs",
        ),
        (
            "UPDATE conflicts SET reason = 'geen' WHERE id = (SELECT min(id) FROM conflicts)",
            "conflict",
            "differs",
        ),
        ("DELETE FROM conflicts WHERE id = (SELECT min(id) FROM conflicts)", "conflict", "missing"),
        (
            "UPDATE settings SET value = 'scrypt$16384$8$1$AAAA$BBBB'"
            " WHERE key = 'secretariat_passphrase'",
            "setting",
            "differs",
        ),
        ("DELETE FROM settings WHERE key = 'secretariat_passphrase'", "setting", "missing"),
    ],
)
def test_a_row_changed_behind_the_log_is_named(demo_store, tamper, entity, problem):  # type: ignore[no-untyped-def]
    with demo_store.engine.begin() as connection:
        connection.execute(text(tamper))
    report = _check(demo_store)
    assert not report.ok and report.total == 1
    [difference] = report.differences
    assert (difference.entity, difference.problem) == (entity, problem)
    parts = {"score": 4, "evaluation": 3, "decision": 2, "conflict": 2, "setting": 1}[entity]
    assert len(difference.key.split("/")) == parts


def test_the_cli_names_the_row_and_fails(demo_store, capsys):  # type: ignore[no-untyped-def]
    with demo_store.engine.begin() as connection:
        row = connection.execute(
            text("SELECT juror_id, candidature_id, round, criterion FROM scores WHERE id = 7")
        ).one()
        connection.execute(text("UPDATE scores SET value = value + 1 WHERE id = 7"))
    assert main(["audit", "verify", "--db", str(demo_store.file)]) == 1
    out, err = capsys.readouterr()
    assert f"score {row[0]}/{row[1]}/{row[2]}/{row[3]}: verschilt" in out
    assert "1 rij(en)" in err


def test_every_path_of_an_offline_juror_replays(demo_store, tmp_path):  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        new = add_candidature(
            session,
            "t",
            "leuven",
            {
                "organisation": "Laat Ingediend vzw",
                "contact": "An",
                "email": "an@laat.example",
                "title": "Na de beslissing",
                "received_at": "01/06/2023 10:00",
                "challenges": "1",
            },
        )
        juror = add_signed_juror(
            session, "t", "Offline Jurylid", "expert", "", panels=[("leuven", 1)]
        )
        criteria = [c.key for c in rubric_for(session, "leuven").round(1).criteria]
    pack = tmp_path / "pakket.jurypack"
    code = export_pack(demo_store, juror, pack)["code"]
    mine = open_store(f"sqlite:///{(tmp_path / 'jurylid.sqlite').as_posix()}")
    open_pack(mine, pack, code)
    assert _check(mine).ok  # the pack's rows are the laptop's starting point
    with mine.session() as session:
        for cand in (14, new):  # 14 was decided at the secretariat; the new one was not
            for key in criteria:
                set_score(session, "jurylid", juror, cand, 1, key, 3, f"m {key}")
            set_comment(session, "jurylid", juror, cand, 1, "goed")
            finalize(session, "jurylid", juror, cand, 1)
        reopen(session, "secretariaat", juror, new, 1, "typfout")
        set_score(session, "jurylid", juror, new, 1, criteria[0], 4, "beter")
        finalize(session, "jurylid", juror, new, 1)
    assert _check(mine).ok
    write_return(mine, tmp_path / "terug.juryreturn")
    mine.close()
    report = import_return(demo_store, tmp_path / "terug.juryreturn")
    assert report.counts["new"] > 0 and report.counts["held"] > 0
    assert _check(demo_store).ok  # merged rows are in the event; held ones were not applied
    with demo_store.session() as session:
        held = [p.id for p in list_pending(session)]
        for pending in held:
            resolve_pending(session, "t", pending, "accept")
    report = _check(demo_store)
    assert report.ok, report.differences[:3]
    with demo_store.reader() as session:
        assert (
            session.scalar(
                select(Score.value).where(
                    Score.juror_id == juror,
                    Score.candidature_id == new,
                    Score.criterion == criteria[0],
                )
            )
            == 4
        )


def test_an_older_database_gets_a_baseline_at_the_upgrade(tmp_path):  # type: ignore[no-untyped-def]
    """A database whose rows predate the events that carry them: the upgrade records them
    once (a baseline), and from then on every change is proved."""
    file = tmp_path / "oud.sqlite"
    url = f"sqlite:///{file.as_posix()}"
    store = open_store(url)
    initialise(store, demo=True)
    store.close()
    engine = create_engine(url)
    with engine.begin() as connection:
        config = alembic_config(connection)
        command.downgrade(config, "0010")
        # As returns were merged before 0011: rows written, the event carrying counts only.
        connection.execute(
            text(
                "INSERT INTO scores (juror_id, candidature_id, round, criterion, value,"
                " motivation, version, updated_at) SELECT juror_id, candidature_id, round,"
                " 'oud', 2, 'van voor 0011', 1, updated_at FROM scores WHERE id = 10"
            )
        )
    engine.dispose()
    store = open_store(url)  # upgrades to 0011: the baseline
    report = _check(store)
    assert report.ok, report.differences[:3]
    with store.reader() as session:
        assert verify(session).ok  # the baseline is an event of the chain like any other
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE scores SET value = value - 1 WHERE id = 5"))
    assert not _check(store).ok
    store.close()
    assert Path(file).exists()
