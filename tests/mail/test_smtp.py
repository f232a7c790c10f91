"""Sending through a real SMTP server (aiosmtpd on 127.0.0.1 with STARTTLS and a login);
every message it took is read back with the standard parser and its PDF with pypdf."""

from __future__ import annotations

import email
import email.policy
import io
from datetime import datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from jurydesk.mail.outbox import QUEUED, SENT, UNCERTAIN, deliver, outbox, pending
from jurydesk.mail.smtp import SSL, SmtpSettings, SmtpTransport
from jurydesk.mail.templates import DECISION
from jurydesk.rebuttals.service import rebuttal_windows
from jurydesk.store.models import Candidature, Decision
from jurydesk.timeutil import BRUSSELS
from tests.mail.smtp_server import PASSWORD, USER, SmtpServer

SENDER = "Secretariaat Leuven <asd@ocmw-leuven.be>"


def _settings(server: SmtpServer, password: str = PASSWORD, security: str = "starttls"):
    return SmtpSettings.parse(
        f"127.0.0.1:{server.port}", security, USER, password, str(server.cert)
    )


def _send(store, server, **kwargs):
    _not_communicated(store)
    with SmtpTransport(_settings(server, **kwargs)) as transport:
        return deliver(store, transport, "leuven", DECISION, 1, SENDER, "nl")


def _not_communicated(store):
    """The demo's decisions carry a communication date; a real call's are not sent yet."""
    from jurydesk.store.models import OutboxMessage

    with store.session() as session:
        sent = set(session.scalars(select(OutboxMessage.candidature_id)))
        for decision in session.scalars(select(Decision)):
            if decision.candidature_id not in sent:
                decision.communicated_on = None


def _read(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_decisions_go_out_once_each_with_its_letter(demo_store, smtp_server):
    report = _send(demo_store, smtp_server)
    assert report.sent and not report.failed and not report.stopped
    assert len(smtp_server.handler.messages) == len(report.sent)
    today = datetime.now(BRUSSELS).date()
    by_id = {i.message_id: i for i in report.sent}
    with demo_store.reader() as session:
        for raw in smtp_server.handler.messages:
            message = _read(raw)
            item = by_id[message["Message-ID"]]
            cand = session.get(Candidature, item.candidature)
            assert message["To"].addresses[0].addr_spec == cand.email
            assert "uw kandidatuur Capacity Building" in message["Subject"]
            assert f"-{cand.id:03d}-R1]" in message["Subject"]
            [attachment] = list(message.iter_attachments())
            pdf = PdfReader(io.BytesIO(attachment.get_content()))
            text = "".join(page.extract_text() for page in pdf.pages)
            assert cand.organisation.split()[0] in text
            decision = session.scalar(
                select(Decision).where(Decision.candidature_id == cand.id, Decision.round == 1)
            )
            assert decision.communicated_on == today
    windows = {w.candidature: w for w in _windows(demo_store)}
    assert set(windows) <= {i.candidature for i in report.sent}
    assert all(w.communicated == today for w in windows.values())
    # Again: nothing is sent twice.
    again = _send(demo_store, smtp_server)
    assert not again.sent and len(again.already_sent) == len(report.sent)
    assert len(smtp_server.handler.messages) == len(report.sent)
    assert {i.status for i in outbox(demo_store, "leuven")} == {SENT}


def _windows(store):
    with store.reader() as session:
        return rebuttal_windows(session, "leuven", 1)


def test_a_refused_login_sends_nothing_and_keeps_everything_queued(demo_store, smtp_server):
    report = _send(demo_store, smtp_server, password="fout")
    assert not report.sent and not report.failed
    assert "535" in report.stopped and USER in report.stopped
    assert report.left > 0 and not smtp_server.handler.messages
    assert {i.status for i in outbox(demo_store, "leuven")} == {QUEUED}


def test_a_refused_recipient_fails_alone_with_the_servers_reason(demo_store, smtp_server):
    [(planned, _row), *_rest], _ = pending(demo_store, "leuven", DECISION, 1, "nl")
    with demo_store.reader() as session:
        first = session.get(Candidature, planned.candidature)
    smtp_server.handler.refuse = {first.email.lower()}
    report = _send(demo_store, smtp_server)
    assert [i.candidature for i in report.failed] == [first.id]
    assert "550" in report.failed[0].error and first.email in report.failed[0].error
    assert report.sent and not report.stopped
    # Run again (the address fixed on the server's side): only the failed one goes out.
    smtp_server.handler.refuse = set()
    before = len(smtp_server.handler.messages)
    again = _send(demo_store, smtp_server)
    assert [i.candidature for i in again.sent] == [first.id]
    assert len(smtp_server.handler.messages) == before + 1
    [row] = [i for i in outbox(demo_store, "leuven") if i.candidature == first.id]
    assert row.status == SENT and row.attempts == 2


def test_a_dropped_connection_stops_the_batch_and_a_rerun_resumes(demo_store, smtp_server):
    smtp_server.handler.drop_after = 2
    report = _send(demo_store, smtp_server)
    # the third message went over whole before the drop: the server may have it (uncertain)
    assert len(report.sent) == 2 and len(report.uncertain) == 1 and not report.failed
    assert report.stopped and report.left > 0
    smtp_server.handler.drop_after = None
    rest = _send(demo_store, smtp_server)
    assert not rest.failed and not rest.stopped
    ids = [_read(raw)["Message-ID"] for raw in smtp_server.handler.messages]
    assert len(ids) == len(set(ids)) == len(report.sent) + len(rest.sent)
    assert {i.status for i in outbox(demo_store, "leuven")} == {SENT, UNCERTAIN}


def test_a_message_stored_then_unanswered_is_uncertain_and_never_resent(demo_store, smtp_server):
    """The server stores the message, then drops the connection before its reply: the
    message may have been delivered, so it is 'uncertain' and a rerun does not send it."""
    smtp_server.handler.store_then_drop = True
    report = _send(demo_store, smtp_server)
    assert len(smtp_server.handler.messages) == 1
    assert [i.status for i in report.uncertain] == [UNCERTAIN] and not report.failed
    assert report.stopped and report.left > 0
    first = _read(smtp_server.handler.messages[0])["Message-ID"]
    smtp_server.handler.store_then_drop = False
    rest = _send(demo_store, smtp_server)
    ids = [_read(raw)["Message-ID"] for raw in smtp_server.handler.messages]
    assert ids.count(first) == 1 and len(ids) == len(set(ids))
    statuses = {i.status for i in outbox(demo_store, "leuven")}
    assert statuses == {SENT, UNCERTAIN} and rest.sent


def test_implicit_tls(demo_store, tmp_path):
    server = SmtpServer(tmp_path, implicit_tls=True)
    try:
        report = _send(demo_store, server, security=SSL)
    finally:
        server.stop()
    assert report.sent and len(server.handler.messages) == len(report.sent)


def test_a_server_with_an_unknown_certificate_is_refused(demo_store, smtp_server):
    settings = SmtpSettings.parse(f"127.0.0.1:{smtp_server.port}", "starttls", USER, PASSWORD)
    with SmtpTransport(settings) as transport:
        report = deliver(demo_store, transport, "leuven", DECISION, 1, SENDER, "nl")
    assert not report.sent and "certificate" in report.stopped.lower()
    assert not smtp_server.handler.messages


def test_server_addresses_parse():
    assert SmtpSettings.parse("smtp.vdab.be").port == 587
    assert SmtpSettings.parse("smtp.vdab.be", SSL).port == 465
    assert SmtpSettings.parse("[::1]:2525", "none").host == "::1"
    with pytest.raises(ValueError, match=r"poort|port"):
        SmtpSettings.parse("smtp.vdab.be:99999")
    assert "geheim" not in repr(SmtpSettings.parse("h", password="geheim"))
