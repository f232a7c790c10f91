"""The shared PostgreSQL mode: the same migrations, services and results as SQLite, several
writers at once without lost updates, and returns merged into a PostgreSQL database."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from sqlalchemy import delete, func, select

from jurydesk.__main__ import main
from jurydesk.audit import chain as audit
from jurydesk.audit.replay import compare
from jurydesk.errors import ScoringError
from jurydesk.results.ranking import compute_all_results
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.scoring.scores import set_score, visible_scores
from jurydesk.setup import initialise
from jurydesk.store import Store, open_store
from jurydesk.store.models import Candidature, Decision, Region, Score
from tests.signed import add_signed_juror


def _summary(store: Store):  # type: ignore[no-untyped-def]
    with store.reader() as session:
        return [
            (
                r.region,
                r.round,
                [
                    (x.candidature, x.rank, round(x.mean or -1, 9), x.proposed, x.decision)
                    for x in r.results
                ],
            )
            for r in sorted(compute_all_results(session), key=lambda r: (r.region, r.round))
        ]


def test_same_results_as_sqlite(pg_url, demo_store):  # type: ignore[no-untyped-def]
    pg = open_store(pg_url)
    try:
        initialise(pg, demo=True)
        assert _summary(pg) == _summary(demo_store)
        with pg.reader() as session:
            region = session.scalar(select(Region.id).where(Region.slug == "leuven"))
            assert audit.verify(session).ok
            # Blind rules hold on the server too.
            juror = 1
            rows = visible_scores(session, juror, region, 1, blind="never")
            assert rows and all(r.juror == juror for r in rows)
    finally:
        pg.close()


def test_cli_on_postgresql(pg_url, capsys):  # type: ignore[no-untyped-def]
    assert main(["init", "--demo", "--db", pg_url]) == 0
    assert main(["results", "--region", "leuven", "--round", "1", "--db", pg_url]) == 0
    assert "Jobkracht Leuven" in capsys.readouterr().out


def _writer(url: str, juror: int, candidatures: list[int], keys: list[str]) -> int:
    store = open_store(url)
    written = 0
    try:
        for cand in candidatures:
            for key in keys:
                with store.session() as session:
                    set_score(session, f"jurylid:{juror}", juror, cand, 1, key, 2, f"j{juror}")
                written += 1
    finally:
        store.close()
    return written


def _appender(url: str, juror: int, cand: int, key: str, times: int) -> int:
    """Read-modify-write with the version check; retries when another writer came first."""
    store = open_store(url)
    retries = 0
    try:
        done = 0
        while done < times:
            with store.reader() as session:
                row = session.scalar(
                    select(Score).where(
                        Score.juror_id == juror,
                        Score.candidature_id == cand,
                        Score.round == 1,
                        Score.criterion == key,
                    )
                )
                version, text = row.version, row.motivation
            try:
                with store.session() as session:
                    set_score(
                        session,
                        "appender",
                        juror,
                        cand,
                        1,
                        key,
                        3,
                        text + "x",
                        expected_version=version,
                    )
                done += 1
            except ScoringError:
                retries += 1
    finally:
        store.close()
    return retries


def test_several_writers_at_once_lose_nothing(pg_url):  # type: ignore[no-untyped-def]
    store = open_store(pg_url)
    initialise(store, demo=False)
    from jurydesk.candidatures.service import import_candidatures
    from jurydesk.paths import resources_dir

    import_candidatures(
        store, resources_dir() / "demo" / "candidatures-leuven.csv", "leuven", dry_run=False
    )
    with store.session() as session:
        jurors = [
            add_signed_juror(session, "test", f"Jurylid {i}", "expert", "", panels=[("leuven", 1)])
            for i in range(6)
        ]
        keys = [c.key for c in rubric_for(session, "leuven").round(1).criteria]
        cands = list(session.scalars(select(Candidature.id).order_by(Candidature.id)))[:5]
    context = multiprocessing.get_context("spawn")
    with context.Pool(len(jurors)) as pool:
        written = pool.starmap(_writer, [(pg_url, j, cands, keys) for j in jurors])
    assert written == [len(cands) * len(keys)] * len(jurors)
    with store.reader() as session:
        assert session.scalar(select(func.count(Score.id))) == sum(written)
        assert audit.verify(session).ok  # one chain, never forked by concurrent writers
    # Four writers append to the same motivation: every append survives.
    shared = (jurors[0], cands[0], keys[0])
    with context.Pool(4) as pool:
        pool.starmap(_appender, [(pg_url, *shared, 10)] * 4)
    with store.reader() as session:
        row = session.scalar(
            select(Score).where(
                Score.juror_id == shared[0],
                Score.candidature_id == shared[1],
                Score.criterion == shared[2],
            )
        )
        assert row.motivation == f"j{shared[0]}" + "x" * 40
        assert row.version == 1 + 40
        assert audit.verify(session).ok
        replay = compare(session)  # every concurrent write accounted for by its event
        assert replay.ok and replay.compared >= sum(written), replay.differences[:3]
    store.close()


def test_returns_merge_into_postgresql(pg_url, tmp_path):  # type: ignore[no-untyped-def]
    from jurydesk.packs.pack import export_pack, open_pack
    from jurydesk.packs.returns import import_return, write_return

    home = open_store(pg_url)
    initialise(home, demo=True)
    with home.session() as session:
        session.execute(delete(Decision))  # round 1 not decided yet: the return applies
        juror = add_signed_juror(session, "test", "Laptop", "expert", "", panels=[("leuven", 1)])
        keys = [c.key for c in rubric_for(session, "leuven").round(1).criteria]
    code = export_pack(home, juror, tmp_path / "p.zip")["code"]
    laptop = open_store(f"sqlite:///{(tmp_path / 'l.sqlite').as_posix()}")
    open_pack(laptop, tmp_path / "p.zip", code)
    with laptop.session() as session:
        for key in keys:
            set_score(session, "jurylid", juror, 14, 1, key, 4, "sterk")
    write_return(laptop, tmp_path / "r.zip")
    report = import_return(home, Path(tmp_path / "r.zip"))
    assert report.count("new") == len(keys) + 1
    with home.reader() as session:
        assert session.scalar(select(func.count(Score.id)).where(Score.juror_id == juror)) == len(
            keys
        )
    laptop.close()
    home.close()


def test_documents_and_search_on_postgresql(pg_url):  # type: ignore[no-untyped-def]
    from jurydesk.demo.generate import make_pdf
    from jurydesk.documents.search import search_documents
    from jurydesk.documents.service import (
        add_documents,
        document_bytes,
        prepare,
        remove_document,
    )

    s = open_store(pg_url)
    try:
        initialise(s, demo=True)
        data = make_pdf("Voorstel", [["Eén coördinator voor kinderopvang"], ["zeppelinhaven"]])
        with s.session() as session:
            [added] = add_documents(session, "t", 1, [prepare("p.pdf", data)])
        with s.reader() as session:
            assert document_bytes(session, added.document.id)[1] == data
            hits = search_documents(session, "coordinator kinderop")
            assert [(h.document, h.page) for h in hits] == [(added.document.id, 1)]
            assert "\x02" in hits[0].snippet and "coördinator" in hits[0].plain_snippet
            assert search_documents(session, "kinderopvang", "leuven")
            assert [h.page for h in search_documents(session, "zeppelin")] == [2]
        with s.session() as session:
            remove_document(session, "t", added.document.id, "test")
        with s.reader() as session:
            assert search_documents(session, "zeppelin") == []
    finally:
        s.close()


def test_insert_many_on_postgresql(pg_url):  # type: ignore[no-untyped-def]
    from tests.store.test_bulk import assert_same_as_sqlalchemy

    pg = open_store(pg_url)
    try:
        initialise(pg, demo=False)
        assert_same_as_sqlalchemy(pg)  # psycopg's named parameters, PostgreSQL's own types
    finally:
        pg.close()
