"""Weerwoorden by mail: replies to the decision e-mails (sent through a real SMTP server)
become received weerwoorden, matched by In-Reply-To, by the letter's reference or by the
contact address; late ones are flagged; unrelated mail and repeats are skipped."""

from __future__ import annotations

import email.utils
from datetime import datetime, timedelta
from email.message import EmailMessage

from jurydesk.demo.generate import make_pdf
from jurydesk.documents.service import list_documents
from jurydesk.mail.outbox import outbox
from jurydesk.mail.rebuttals import import_rebuttals
from jurydesk.rebuttals.service import rebuttal_windows
from jurydesk.timeutil import BRUSSELS
from tests.cli.helpers import run_json
from tests.mail.test_smtp import _send


def _reply(sender, subject, when, *, in_reply_to=None, body="Wij vragen een herziening.", files=()):
    m = EmailMessage()
    m["Received"] = f"from mx.example by mail.ocmw-leuven.be; {email.utils.format_datetime(when)}"
    m["From"] = sender
    m["To"] = "asd@ocmw-leuven.be"
    m["Subject"] = subject
    m["Message-ID"] = email.utils.make_msgid(domain="kandidaat.example")
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    m.set_content(body)
    for name, data in files:
        m.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return bytes(m)


def _open(store):
    with store.reader() as session:
        return [w for w in rebuttal_windows(session, "leuven", 1) if w.received_at is None]


def test_replies_become_weerwoorden(demo_store, smtp_server, tmp_path):
    sent = _send(demo_store, smtp_server).sent
    windows = _open(demo_store)
    assert len(windows) >= 3
    a, b, c = windows[:3]
    by_cand = {i.candidature: i for i in sent}
    now = datetime.now(BRUSSELS)
    folder = tmp_path / "weerwoorden"
    folder.mkdir()
    reference = by_cand[b.candidature].subject.rsplit("[", 1)[1].rstrip("]")
    messages = {
        "1.eml": _reply(
            f"x <{by_cand[a.candidature].recipient}>",
            "RE: " + by_cand[a.candidature].subject,
            now + timedelta(days=1),
            in_reply_to=by_cand[a.candidature].message_id,
            files=[("argumenten.pdf", make_pdf("Weerwoord", [["Onze argumenten"]]))],
        ),
        "2.eml": _reply(
            "iemand@elders.example", f"Weerwoord {reference}", now + timedelta(days=60)
        ),
        "3.eml": _reply(by_cand[c.candidature].recipient, "Ons weerwoord", now + timedelta(days=2)),
        "4.eml": _reply("vreemde@nergens.example", "Vraag", now),
        "5.eml": _reply(
            by_cand[c.candidature].recipient, "Nog een weerwoord", now + timedelta(days=3)
        ),
    }
    for name, data in messages.items():
        (folder / name).write_bytes(data)
    report = import_rebuttals(demo_store, [folder], "leuven", dry_run=False)
    created = {i.candidature: i for i in report.by("created")}
    assert set(created) == {a.candidature, b.candidature, c.candidature}
    assert not created[a.candidature].late and created[b.candidature].late
    skipped = {i.subject: i.reason for i in report.by("skipped")}
    assert "geen beslissing" in skipped["Vraag"]
    assert "al een weerwoord" in skipped["Nog een weerwoord"]
    after = {w.candidature: w for w in rebuttal_windows_all(demo_store)}
    assert after[a.candidature].received_at is not None and not after[a.candidature].late
    assert after[b.candidature].late
    with demo_store.reader() as session:
        names = [d.name for d in list_documents(session, a.candidature)]
    assert "argumenten.pdf" in names
    # the same mailbox again adds nothing
    again = import_rebuttals(demo_store, [folder], "leuven", dry_run=False)
    assert not again.by("created")
    assert {i.status for i in outbox(demo_store, "leuven")} == {"sent"}


def rebuttal_windows_all(store):
    with store.reader() as session:
        return rebuttal_windows(session, "leuven", 1)


def test_cli_weerwoorden_dry_run(db, tmp_path, capsys):
    folder = tmp_path / "box"
    folder.mkdir()
    (folder / "x.eml").write_bytes(
        _reply("vreemde@nergens.example", "Vraag", datetime.now(BRUSSELS))
    )
    data = run_json(
        capsys,
        "--db",
        db,
        "import",
        "mailbox",
        str(folder),
        "--region",
        "leuven",
        "--weerwoorden",
        "--dry-run",
    )
    assert data["dry_run"] and not data["created"] and data["skipped"][0]["subject"] == "Vraag"
