"""The intake keeps attachments in a temporary spool file between reading and writing: the
stored documents are byte for byte the attachments, the report holds no file bytes, and a
failure in the middle of the one writing transaction leaves nothing written."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from jurydesk.demo.generate import make_pdf
from jurydesk.mail.intake import import_mailbox
from jurydesk.mail.spool import Spool
from jurydesk.store.models import Candidature, DocumentBlob, MailMessage
from tests.mail.test_intake import SUBJECT, _mail


def _mailbox(tmp_path, count: int = 5):  # type: ignore[no-untyped-def]
    folder = tmp_path / "box"
    folder.mkdir()
    pdfs = {}
    for i in range(count):
        pdf = make_pdf(f"Voorstel {i}", [[f"Organisatie {i}: taalsteun en kinderopvang"]])
        pdfs[f"voorstel-{i}.pdf"] = pdf
        (folder / f"{i:02d}.eml").write_bytes(
            _mail(
                f"Org {i} <info@org{i}.example>",
                SUBJECT,
                f"Mon, 5 Jun 2023 1{i}:00:00 +0200",
                files=[(f"voorstel-{i}.pdf", pdf)],
                message_id=f"<spool-{i}@test>",
            )
        )
    return folder, pdfs


def test_spooled_attachments_are_stored_byte_for_byte(store, tmp_path):  # type: ignore[no-untyped-def]
    folder, pdfs = _mailbox(tmp_path)
    report = import_mailbox(store, [folder], "leuven", dry_run=False)
    assert len(report.by("created")) == len(pdfs)
    # Between reading and writing the files were in the spool: the report holds no bytes.
    assert all(p.data == b"" for item in report.items for p in item.prepared)
    with store.reader() as session:
        stored = {b.sha256: b.data for b in session.scalars(select(DocumentBlob))}
    assert stored == {hashlib.sha256(d).hexdigest(): d for d in pdfs.values()}


def test_a_failure_mid_way_writes_nothing(store, tmp_path):  # type: ignore[no-untyped-def]
    folder, _pdfs = _mailbox(tmp_path)
    # The database refuses the fourth message's document, after three were written in the
    # same transaction (a real SQLite trigger, as a full disk or a constraint would).
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TRIGGER refuse_fourth BEFORE INSERT ON documents"
            " WHEN NEW.name = 'voorstel-3.pdf'"
            " BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
        )
    with pytest.raises(IntegrityError, match="refused for the test"):
        import_mailbox(store, [folder], "leuven", dry_run=False)
    with store.reader() as session:
        assert session.scalar(select(func.count(Candidature.id))) == 0
        assert session.scalar(select(func.count(MailMessage.id))) == 0
        assert session.scalar(select(func.count(DocumentBlob.sha256))) == 0
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER refuse_fourth")
    again = import_mailbox(store, [folder], "leuven", dry_run=False)  # nothing half-remembered
    assert len(again.by("created")) == 5


def test_the_spool_gives_back_what_it_was_given() -> None:
    with Spool() as spool:
        parts = [bytes([i]) * (i * 1000 + 1) for i in range(20)]
        places = [spool.put(p) for p in parts]
        assert [spool.get(w) for w in reversed(places)] == list(reversed(parts))
