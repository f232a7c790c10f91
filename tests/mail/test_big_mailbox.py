"""A mailbox of 10,000 messages (an mbox export): every message gets its line in the report
and the candidatures among them are taken in."""

from __future__ import annotations

import mailbox

from sqlalchemy import func, select

from jurydesk.mail.intake import import_mailbox
from jurydesk.store.models import Candidature, MailMessage
from tests.mail.test_intake import SUBJECT, _mail


def test_ten_thousand_messages(store, tmp_path):
    path = tmp_path / "Inbox.mbox"
    template = _mail("X <x@x.example>", "SUBJECT", "DATE", message_id="<ID@test>")
    box = mailbox.mbox(str(path))
    box.lock()
    for i in range(10_000):
        box.add(
            template.replace(b"x@x.example", f"a{i}@org{i}.example".encode())
            .replace(b"SUBJECT", (SUBJECT if i % 100 == 0 else f"Nieuwsbrief {i}").encode())
            .replace(b"DATE", f"Mon, 5 Jun 2023 {i % 24:02d}:{i % 60:02d}:00 +0200".encode())
            .replace(b"<ID@test>", f"<m{i}@test>".encode())
        )
    box.flush()
    box.unlock()
    report = import_mailbox(store, [path], "leuven", dry_run=False)
    assert len(report.items) == 10_000
    assert len(report.by("created")) == 100 and len(report.by("skipped")) == 9_900
    assert all(i.reason for i in report.by("skipped"))
    with store.reader() as session:
        assert session.scalar(select(func.count(Candidature.id))) == 100
        assert session.scalar(select(func.count(MailMessage.id))) == 100
