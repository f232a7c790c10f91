"""Bad input in a mailbox: truncated and malformed messages, bodies in the wrong charset,
an attachment over the size limit, random bytes. Each gets its line; nothing crashes."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from jurydesk.demo.generate import make_pdf
from jurydesk.documents.service import set_max_document_mb
from jurydesk.mail.intake import import_mailbox
from jurydesk.mail.read import parse
from tests.mail.test_intake import SUBJECT, _mail

RECEIVED = "Mon, 5 Jun 2023 10:00:00 +0200"


def test_bad_messages_each_get_a_line(store, tmp_path):
    with store.session() as session:
        set_max_document_mb(session, "test", 1)
    folder = tmp_path / "box"
    folder.mkdir()
    whole = _mail(
        "Tom <tom@afgebroken.example>",
        SUBJECT,
        RECEIVED,
        files=[("voorstel.pdf", make_pdf("Voorstel", [["tekst"] * 50]))],
    )
    (folder / "truncated.eml").write_bytes(whole[: len(whole) * 2 // 3])
    (folder / "garbage.eml").write_bytes(os.urandom(3000))
    latin = (
        "From: =?iso-8859-1?q?Jos=E9?= <jose@latin.example>\r\n"
        f"Subject: {SUBJECT}\r\nReceived: from a by b; {RECEIVED}\r\n"
        "Message-ID: <latin@test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    ).encode() + "Beste, ons voorstel voor de caf\xe9 in Leuven.".encode("cp1252")
    (folder / "latin.eml").write_bytes(latin)
    (folder / "huge.eml").write_bytes(
        _mail(
            "Groot <groot@huge.example>",
            SUBJECT,
            RECEIVED,
            files=[("scan.pdf", b"%PDF-1.4\n" + os.urandom(2 * 2**20))],
        )
    )
    report = import_mailbox(store, [folder], "leuven", dry_run=False)
    assert len(report.items) == 4
    by_sender = {i.sender: i for i in report.items}
    assert by_sender["jose@latin.example"].status == "created"
    assert "café" in by_sender["jose@latin.example"].mail.body
    huge = by_sender["groot@huge.example"]
    assert huge.status == "created" and "meer dan de limiet" in " ".join(huge.problems)
    assert not huge.documents
    truncated = by_sender["tom@afgebroken.example"]
    assert truncated.status == "created"  # the message counts; its broken file is named
    assert truncated.problems and not truncated.documents
    garbage = [i for i in report.items if not i.sender]
    assert len(garbage) == 1 and garbage[0].status == "skipped" and garbage[0].reason


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_the_parser(data):
    mail = parse(data, "fuzz.eml")
    assert mail.message_id
