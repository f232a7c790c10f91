"""Search across proposals (FTS5), the move of old attachment paths, the workbook's Bijlagen."""

from __future__ import annotations

import json
from datetime import UTC, date

from alembic import command
from alembic.config import Config
from openpyxl import Workbook
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from jurydesk.candidatures.service import import_candidatures
from jurydesk.demo.generate import make_pdf
from jurydesk.documents.legacy import migration_report
from jurydesk.documents.search import search_documents
from jurydesk.documents.service import add_documents, list_documents, prepare, remove_document
from jurydesk.paths import migrations_dir
from jurydesk.regions.loader import bundled_region_files, load_region_file
from jurydesk.regions.service import install_region
from jurydesk.store import open_store
from jurydesk.store.models import Candidature, Region
from jurydesk.timeutil import local


def test_search_finds_kinderopvang_in_the_demo_proposals_of_a_region(demo_store):
    with demo_store.reader() as session:
        hits = search_documents(session, "kinderopvang", "leuven")
        everywhere = search_documents(session, "kinderopvang")
        leuven = set(session.scalars(select(Region.id).where(Region.slug == "leuven")))
        regions = {session.get(Candidature, h.candidature).region_id for h in hits}
    assert hits and regions == leuven and len(everywhere) > len(hits)
    for hit in hits:
        assert "kinderopvang" in hit.plain_snippet.lower()
        assert "\x02" in hit.snippet  # the hit is marked
        assert set(hit.to_json()) == {
            "candidature",
            "organisation",
            "document",
            "document_name",
            "page",
            "snippet",
        }


def test_search_folds_accents_matches_prefixes_and_needs_every_word(demo_store, cand):
    with demo_store.session() as session:
        add_documents(
            session, "t", cand, [prepare("x.pdf", make_pdf("X", [["Een coördinator café"]]))]
        )
    with demo_store.reader() as session:
        assert search_documents(session, "coordinator cafe")
        assert search_documents(session, "COÖRD")
        assert not search_documents(session, "coördinator zeppelin")
        assert search_documents(session, '"; DROP TABLE documents; --') == []


def test_a_removed_document_is_no_longer_found(demo_store, cand):
    with demo_store.session() as session:
        [a] = add_documents(session, "t", cand, [prepare("z.pdf", make_pdf("Z", [["zeppelin"]]))])
    with demo_store.session() as session:
        assert search_documents(session, "zeppelin")
        remove_document(session, "t", a.document.id, "fout")
    with demo_store.reader() as session:
        assert search_documents(session, "zeppelin") == []


def test_migration_moves_existing_paths_in_and_reports_missing_ones(tmp_path):
    url = f"sqlite:///{(tmp_path / 'old.sqlite').as_posix()}"
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    engine = create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
    (tmp_path / "plan.pdf").write_bytes(make_pdf("Oud", [["kinderopvang uit 2023"]]))
    with Session(engine) as session, session.begin():
        spec = load_region_file(bundled_region_files()[0])
        install_region(session, spec)
        session.flush()
        region = session.scalar(select(Region).where(Region.slug == spec.slug))
        # the 0005 schema's columns only (the models have moved on since)
        session.execute(
            text(
                "INSERT INTO candidatures (region_id, organisation, organisation_key, contact, "
                "email, phone, title, summary, received_at, channel, challenges, services, "
                "expertise, attachments, status) VALUES (:r, 'Oud vzw', 'oud vzw', 'A', "
                "'a@b.example', '', 'T', '', :at, '', '[]', '[]', '[]', :files, 'received')"
            ),
            {
                "r": region.id,
                "at": local(date(2023, 6, 1), 10, 0)
                .astimezone(UTC)
                .strftime("%Y-%m-%d %H:%M:%S.%f"),
                "files": json.dumps([str(tmp_path / "plan.pdf"), str(tmp_path / "weg.pdf")]),
            },
        )
    engine.dispose()
    store = open_store(url)  # migrates to the head
    try:
        with store.reader() as session:
            cand = session.scalar(select(Candidature))
            docs = list_documents(session, cand.id)
            report = migration_report(session)
            hits = search_documents(session, "kinderopvang")
        assert [d.name for d in docs] == ["plan.pdf"] and hits
        assert cand.attachments == [str(tmp_path / "weg.pdf")]  # kept: nothing is lost
        assert [m["path"] for m in report["missing"]] == [str(tmp_path / "weg.pdf")]
    finally:
        store.close()


def _workbook(path, bijlagen: str):
    wb = Workbook()
    ws = wb.active
    ws.append(["Organisatie", "Contactpersoon", "E-mail", "Titel", "Ontvangen op", "Bijlagen"])
    ws.append(["Nieuw vzw", "An", "an@nieuw.example", "Plan", "2023-06-01 10:00", bijlagen])
    wb.save(path)
    return path


def test_bijlagen_are_read_from_the_workbook_folder_only(store, tmp_path):
    folder = tmp_path / "inzending"
    folder.mkdir()
    (folder / "plan.pdf").write_bytes(make_pdf("P", [["actieplan"]]))
    (tmp_path / "geheim.pdf").write_bytes(make_pdf("G", [["geheim"]]))
    good = import_candidatures(
        store, _workbook(folder / "k.xlsx", "plan.pdf"), "leuven", dry_run=False
    )
    assert good.ok and good.written == 1
    with store.reader() as session:
        cand = session.scalar(select(Candidature).where(Candidature.organisation == "Nieuw vzw"))
        assert [d.name for d in list_documents(session, cand.id)] == ["plan.pdf"]
    for bad, words in (
        ("../geheim.pdf", "buiten de map"),
        (str(tmp_path / "geheim.pdf"), "ten opzichte van"),
        ("ontbreekt.pdf", "niet gevonden"),
    ):
        report = import_candidatures(
            store, _workbook(folder / "b.xlsx", bad), "leuven", dry_run=False
        )
        assert not report.ok and report.written == 0
        [problem] = report.validation.errors
        assert problem.row == 2 and problem.column == "Bijlagen" and words in problem.message


def test_bijlagen_honour_the_configured_size_limit(store, tmp_path):
    from jurydesk.documents.service import set_max_document_mb

    (tmp_path / "groot.pdf").write_bytes(make_pdf("G", [["x"]]) + b"%" + b"0" * 2 * 2**20)
    with store.session() as session:
        set_max_document_mb(session, "t", 1)
    report = import_candidatures(
        store, _workbook(tmp_path / "k.xlsx", "groot.pdf"), "leuven", dry_run=False
    )
    assert not report.ok and report.written == 0
    [problem] = report.validation.errors
    assert problem.column == "Bijlagen" and "limiet van 1.0 MB" in problem.message
