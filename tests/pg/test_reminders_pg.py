"""Reminders on PostgreSQL: migration 0017 down and up again on the demo data (the outbox's
CHECK that exactly one addressee is set), then reminders sent once through a real SMTP server."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from jurydesk.mail.reminders import send_reminders, start_run
from jurydesk.mail.smtp import SmtpSettings, SmtpTransport
from jurydesk.setup import initialise
from jurydesk.store import open_store
from jurydesk.store.schema import SCHEMA_HEAD, _alembic_config
from tests.mail.smtp_server import PASSWORD, USER
from tests.mail.test_reminders import _open_work

SENDER = "Secretariaat Leuven <asd@ocmw-leuven.be>"


def test_reminders_on_postgresql(pg_url, smtp_server):
    store = open_store(pg_url)
    initialise(store, demo=True)
    with store.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0016")
    store.close()
    store = open_store(pg_url)  # up to the head again at start
    try:
        with store.engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == SCHEMA_HEAD
        with pytest.raises(IntegrityError), store.session() as session:
            session.execute(
                text(
                    "INSERT INTO outbox (key, kind, region_id, round, recipient, sender, "
                    "subject, message_id, status, error, attempts, queued_at) VALUES ('x', "
                    "'reminder', 1, 1, 'a@b.be', 'c@d.be', '', '<m@d>', 'queued', '', 0, now())"
                )
            )
        _open_work(store)
        run = start_run(store, "leuven", 1, "secretariaat")
        settings = SmtpSettings.parse(
            f"127.0.0.1:{smtp_server.port}", "starttls", USER, PASSWORD, str(smtp_server.cert)
        )
        with SmtpTransport(settings) as transport:
            report = send_reminders(store, transport, "leuven", 1, SENDER, "nl", run)
        assert len(report.sent) == 2 == len(smtp_server.handler.messages)
        with SmtpTransport(settings) as transport:
            again = send_reminders(store, transport, "leuven", 1, SENDER, "nl", run)
        assert not again.sent and len(smtp_server.handler.messages) == 2
    finally:
        store.close()
