"""The outbox on PostgreSQL: decisions sent once through a real SMTP server; a second batch
started while one is running is refused (advisory lock), not doubled."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jurydesk.mail.outbox import _one_sender, deliver, outbox
from jurydesk.mail.smtp import SmtpSettings, SmtpTransport
from jurydesk.mail.templates import DECISION
from jurydesk.setup import initialise
from jurydesk.store import StoreError, open_store
from jurydesk.store.models import Decision
from tests.mail.smtp_server import PASSWORD, USER

SENDER = "Secretariaat Leuven <asd@ocmw-leuven.be>"


def test_outbox_on_postgresql(pg_url, smtp_server):
    store = open_store(pg_url)
    initialise(store, demo=True)
    with store.session() as session:
        for decision in session.scalars(select(Decision)):
            decision.communicated_on = None
    settings = SmtpSettings.parse(
        f"127.0.0.1:{smtp_server.port}", "starttls", USER, PASSWORD, str(smtp_server.cert)
    )
    other = open_store(pg_url)
    try:
        with (
            _one_sender(store),
            pytest.raises(StoreError, match="verstuurt al"),
            SmtpTransport(settings) as transport,
        ):
            deliver(other, transport, "leuven", DECISION, 1, SENDER, "nl")
        with SmtpTransport(settings) as transport:
            report = deliver(store, transport, "leuven", DECISION, 1, SENDER, "nl")
        assert report.sent and len(smtp_server.handler.messages) == len(report.sent)
        assert {i.status for i in outbox(store, "leuven")} == {"sent"}
        with store.reader() as session:
            communicated = session.scalars(
                select(Decision.communicated_on).where(Decision.round == 1)
            ).all()
        assert sum(1 for d in communicated if d is not None) >= len(report.sent)
    finally:
        other.close()
        store.close()
