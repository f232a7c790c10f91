"""Documents in juror packs, the CLI, and a renderer that crashes or hangs."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from jurydesk.demo.generate import make_pdf
from jurydesk.documents.render import PageRenderer, RenderError
from jurydesk.documents.search import search_documents
from jurydesk.documents.service import list_documents
from jurydesk.jury.service import add_conflict
from jurydesk.packs.archive import PackError
from jurydesk.packs.pack import export_pack, open_pack
from jurydesk.packs.seal import header, salt_of, seal, unseal_with_code
from jurydesk.store import open_store
from jurydesk.store.models import Candidature, Document, Region
from tests.cli.helpers import run, run_json
from tests.signed import add_signed_juror


def test_a_pack_carries_exactly_the_assigned_candidatures_documents(demo_store, tmp_path):
    with demo_store.session() as session:
        juror = add_signed_juror(session, "t", "Offline", "expert", "", panels=[("leuven", 1)])
        add_conflict(session, "t", juror, 17, "vrijwilliger")
        leuven = session.scalar(select(Region.id).where(Region.slug == "leuven"))
        expected = set(
            session.scalars(
                select(Document.sha256)
                .join(Candidature, Candidature.id == Document.candidature_id)
                .where(Candidature.region_id == leuven, Candidature.id != 17)
            )
        )
        conflicted = set(
            session.scalars(select(Document.sha256).where(Document.candidature_id == 17))
        )
    pack = tmp_path / "pack.zip"
    code = export_pack(demo_store, juror, pack)["code"]
    plain, _key = unseal_with_code(pack.read_bytes(), code)
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        entries = {n.removeprefix("documents/") for n in z.namelist() if n.startswith("documents/")}
        payload = json.loads(z.read("payload.json"))
    assert entries == expected and not (entries & conflicted)
    assert all(c["attachments"] == [] for c in payload["candidatures"])
    mine = open_store(f"sqlite:///{(tmp_path / 'juror.sqlite').as_posix()}")
    try:
        open_pack(mine, pack, code)
        with mine.reader() as session:
            assert search_documents(session, "kinderopvang", "leuven")
            assert list_documents(session, 17) == []
            first = min(c["id"] for c in payload["candidatures"])
            assert list_documents(session, first)
    finally:
        mine.close()


def test_a_pack_with_an_altered_document_is_refused(demo_store, tmp_path):
    with demo_store.session() as session:
        juror = add_signed_juror(session, "t", "Offline", "expert", "", panels=[("leuven", 1)])
    pack = tmp_path / "pack.zip"
    code = export_pack(demo_store, juror, pack)["code"]
    plain, key = unseal_with_code(pack.read_bytes(), code)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("documents/"):
                data = data.replace(b"Leuven", b"Lueven")
            dst.writestr(info, data)
    pack_id = header(pack.read_bytes())[0]["pack_id"]
    resealed = seal(out.getvalue(), key, pack_id, salt_of(pack.read_bytes()))
    (tmp_path / "bad.zip").write_bytes(resealed)
    mine = open_store(f"sqlite:///{(tmp_path / 'juror.sqlite').as_posix()}")
    try:
        with pytest.raises(PackError, match="gewijzigd"):
            open_pack(mine, tmp_path / "bad.zip", code)
        with mine.reader() as session:
            assert session.scalar(select(Region.id)) is None  # nothing half-written
    finally:
        mine.close()


@pytest.fixture
def demo_db(demo_store) -> str:
    url = demo_store.url
    demo_store.close()
    return url


def test_cli_documents_add_list_get_remove_and_search(demo_db, capsys, tmp_path: Path):
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(make_pdf("Plan", [["zeppelinhaven en kinderopvang"]]))
    added = run_json(capsys, "--db", demo_db, "documents", "add", "--candidature", "3", str(plan))
    assert added[0]["new"] and added[0]["media_type"] == "application/pdf"
    listed = run_json(capsys, "--db", demo_db, "documents", "--candidature", "3")
    assert {"id", "name", "media_type", "size", "sha256", "pages", "text_chars"} <= set(listed[0])
    doc = next(d for d in listed if d["name"] == "plan.pdf")
    hits = run_json(capsys, "--db", demo_db, "search", "zeppelin")
    assert [(h["candidature"], h["document"], h["page"]) for h in hits] == [(3, doc["id"], 1)]
    out = tmp_path / "terug.pdf"
    code, _out, err = run(capsys, "--db", demo_db, "documents", "get", str(doc["id"]), str(out))
    assert code == 0 and out.read_bytes() == plan.read_bytes(), err
    code, _out, err = run(
        capsys, "--db", demo_db, "documents", "remove", str(doc["id"]), "--reason", "dubbel"
    )
    assert code == 0, err
    assert run_json(capsys, "--db", demo_db, "search", "zeppelin") == []


def test_cli_refuses_a_bad_batch_whole(demo_db, capsys, tmp_path: Path):
    good, empty = tmp_path / "goed.pdf", tmp_path / "leeg.pdf"
    good.write_bytes(make_pdf("G", [["goed"]]))
    empty.write_bytes(b"")
    before = run_json(capsys, "--db", demo_db, "documents", "--candidature", "3")
    code, _out, err = run(
        capsys, "--db", demo_db, "documents", "add", "--candidature", "3", str(good), str(empty)
    )
    assert code == 1 and "leeg.pdf" in err and "niets toegevoegd" in err
    assert run_json(capsys, "--db", demo_db, "documents", "--candidature", "3") == before


def test_a_crashing_or_hanging_renderer_takes_only_itself_down():
    renderer = PageRenderer(timeout=2)
    try:
        sizes = renderer.open(make_pdf("T", [["een"], ["twee"]]))
        assert len(sizes) == 2
        page = renderer.render(0, 1.0)
        assert page.width > 500 and len(page.pixels) == page.stride * page.height
        assert renderer.find("twee")[0][0] == 1
        with pytest.raises(RenderError):
            renderer.request(("crash",))
        assert renderer.render(1, 1.0).width == page.width  # started again, same document
        with pytest.raises(RenderError):
            renderer.request(("hang",))
        assert renderer.render(0, 1.0).height == page.height
        with pytest.raises(RenderError):
            renderer.open(b"%PDF-1.4 kapot")
    finally:
        renderer.close()
