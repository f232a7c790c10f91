"""The document store: sniffing, extraction, dedup, removal, and every bad input."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select

from jurydesk.audit.chain import verify
from jurydesk.demo.generate import make_docx, make_pdf
from jurydesk.documents.errors import DocumentError
from jurydesk.documents.service import (
    add_documents,
    document_bytes,
    list_documents,
    page_texts,
    prepare,
    remove_document,
)
from jurydesk.documents.sniff import DOCX, PDF, TEXT
from jurydesk.store.models import AuditEvent, DocumentBlob


def _pdf(*pages: str) -> bytes:
    return make_pdf("Voorstel", [[p] for p in pages])


def test_a_pdf_is_stored_with_its_text_per_page(demo_store, cand):
    data = _pdf("Kinderopvang op maat", "Actieplan met trajectgezel")
    with demo_store.session() as session:
        [added] = add_documents(session, "test", cand, [prepare("plan.txt", data)])
    assert added.new and added.document.media_type == PDF  # sniffed, not from ".txt"
    with demo_store.reader() as session:
        info, stored = document_bytes(session, added.document.id)
        texts = page_texts(session, info.id)
    assert stored == data and info.pages == 2 and len(texts) == 2
    assert "Kinderopvang" in texts[0] and "trajectgezel" in texts[1]
    assert info.sha256 == __import__("hashlib").sha256(data).hexdigest()


def test_word_and_text_are_read(demo_store, cand):
    docx = make_docx([("Heading1", "Plan"), ("", "Wij bieden taalondersteuning.")])
    text = "Één regel tekst\n".encode("cp1252")
    with demo_store.session() as session:
        added = add_documents(
            session, "test", cand, [prepare("a.docx", docx), prepare("b.txt", text)]
        )
    kinds = [a.document.media_type for a in added]
    assert kinds == [DOCX, TEXT]
    with demo_store.reader() as session:
        assert "taalondersteuning" in page_texts(session, added[0].document.id)[0]
        assert "Één" in page_texts(session, added[1].document.id)[0]


def test_a_text_proposal_in_another_encoding_is_not_mojibake(demo_store, cand):
    """A plain-text proposal written on a Chinese or Russian Windows (GBK, Windows-1251):
    its text is read in its own encoding, not as Windows-1252."""
    texts = {
        "gbk.txt": ("我们的组织为鲁汶的家庭提供语言支持和儿童看护服务。\n" * 4, "gbk"),
        "cyr.txt": (
            "Наша организация помогает семьям в Лёвене с языком и работой.\n" * 4,
            "cp1251",
        ),
    }
    with demo_store.session() as session:
        added = add_documents(
            session,
            "test",
            cand,
            [prepare(name, text.encode(codec)) for name, (text, codec) in texts.items()],
        )
    assert [a.document.media_type for a in added] == [TEXT, TEXT]
    with demo_store.reader() as session:
        for a, (text, _codec) in zip(added, texts.values(), strict=True):
            assert page_texts(session, a.document.id)[0].strip() == text.strip()


def test_the_same_file_is_stored_once_and_linked_twice(demo_store, cand):
    data = _pdf("Gedeeld voorstel")
    with demo_store.session() as session:
        add_documents(session, "test", cand, [prepare("x.pdf", data)])
        again = add_documents(session, "test", cand, [prepare("x-kopie.pdf", data)])
        add_documents(session, "test", cand + 1, [prepare("y.pdf", data)])
    assert not again[0].new
    with demo_store.reader() as session:
        sha = again[0].document.sha256
        blobs = session.scalar(
            select(func.count()).select_from(DocumentBlob).where(DocumentBlob.sha256 == sha)
        )
        assert blobs == 1
        assert sum(d.sha256 == sha for d in list_documents(session, cand)) == 1
        assert sum(d.sha256 == sha for d in list_documents(session, cand + 1)) == 1


def test_removing_needs_a_reason_is_audited_and_drops_unused_bytes(demo_store, cand):
    data = _pdf("Weg ermee")
    with demo_store.session() as session:
        [added] = add_documents(session, "test", cand, [prepare("x.pdf", data)])
    doc = added.document
    with demo_store.session() as session, pytest.raises(DocumentError, match="reden"):
        remove_document(session, "secretariaat:t", doc.id, "  ")
    with demo_store.session() as session:
        remove_document(session, "secretariaat:t", doc.id, "verkeerde bijlage")
    with demo_store.reader() as session:
        assert session.get(DocumentBlob, doc.sha256) is None
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "document").order_by(AuditEvent.id.desc())
        ).first()
        assert event.action == "remove" and event.new == {"reason": "verkeerde bijlage"}
        assert event.old["sha256"] == doc.sha256
        assert verify(session).ok


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf("geheim"))))
    writer.encrypt("wachtwoord")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image(kind: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise((64, 64), 40).convert("RGB").save(out, format=kind)
    return out.getvalue()


def test_a_whole_image_is_accepted():
    for kind, name in (("PNG", "foto.png"), ("JPEG", "foto.jpg")):
        assert prepare(name, _image(kind)).media_type == f"image/{kind.lower()}"


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("leeg.pdf", b"", "leeg"),
        ("kapot.pdf", b"%PDF-1.4\n garbage", "beschadigde PDF"),
        ("geheim.pdf", "ENCRYPTED", "wachtwoord"),
        ("kapot.docx", b"PK\x03\x04 not really a zip", "beschadigd Word"),
        ("bom.docx", "BOMB", "zip-bom"),
        ("tekst.odt", "ODT", "OpenDocument"),
        ("oud.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".doc"),
        ("prog.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)), "geen PDF"),
        ("archief.zip", "ZIP", "geen Word"),
        ("diep.docx", "DEEP", "niveaus diep"),
        ("kapot.png", "PNG", "beschadigde afbeelding"),
        ("kapot.jpg", "JPEG", "beschadigde afbeelding"),
    ],
)
def test_bad_files_are_refused_with_the_file_named(name, data, reason):
    if data == "ENCRYPTED":
        data = _encrypted_pdf()
    elif data == "BOMB":
        data = _zip({"word/document.xml": b"0" * (20 * 2**20)})
    elif data == "ODT":
        data = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""})
    elif data == "ZIP":
        data = _zip({"foto.jpg": b"x"})
    elif data == "DEEP":  # a few KB that nest 100,000 levels: no bomb, but no Word text either
        data = _zip({"word/document.xml": b"<w>" * 100_000 + b"</w>" * 100_000})
        assert len(data) < 10_000
    elif data in ("PNG", "JPEG"):  # the right first bytes, then the image breaks off
        data = _image(data)[:200]
    with pytest.raises(DocumentError) as caught:
        prepare(name, data)
    assert name in str(caught.value) and reason.lower() in str(caught.value).lower()


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(DocumentError, match="limiet"):
        prepare("groot.pdf", _pdf("x"), max_bytes=100)


def test_a_scan_without_text_is_accepted_and_flagged(demo_store, cand):
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.rect(100, 100, 300, 400, fill=1)  # a drawing, no text: what a scan looks like
    canvas.showPage()
    canvas.save()
    with demo_store.session() as session:
        [added] = add_documents(session, "test", cand, [prepare("scan.pdf", out.getvalue())])
    assert added.document.no_text and added.document.pages == 1


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/plan.pdf", "plan.pdf"),
        ("C:\\Users\\x\\plan.pdf", "plan.pdf"),
        ("pl\x00an\x1b.pdf", "plan.pdf"),
    ],
)
def test_file_names_lose_path_parts_and_control_characters(raw, clean):
    assert prepare(raw, _pdf("x")).name == clean


def test_a_batch_with_one_bad_file_writes_nothing(demo_store, cand, tmp_path):
    from jurydesk.documents.service import prepare_paths

    (tmp_path / "goed.pdf").write_bytes(_pdf("goed"))
    (tmp_path / "leeg.pdf").write_bytes(b"")
    ready, problems = prepare_paths([tmp_path / "goed.pdf", tmp_path / "leeg.pdf"], 2**20)
    assert len(ready) == 1 and len(problems) == 1 and "leeg.pdf" in problems[0]
