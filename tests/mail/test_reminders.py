"""Reminders to jurors with open work: drafts read back with the standard parser, sent
through a real SMTP server (aiosmtpd on 127.0.0.1), never twice for the same run; a juror
without an address is named; the migration that lets the outbox address a juror."""

from __future__ import annotations

import email
import email.policy
import json

import pytest
from alembic import command
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import IntegrityError

from jurydesk.__main__ import main
from jurydesk.mail.reminders import plan_reminders, send_reminders, start_run
from jurydesk.mail.smtp import SmtpSettings, SmtpTransport
from jurydesk.store import open_store
from jurydesk.store.models import AuditEvent, Declaration, Evaluation, Juror, OutboxMessage, Score
from jurydesk.store.schema import SCHEMA_HEAD, _alembic_config
from tests.mail.smtp_server import PASSWORD, USER

SENDER = "Secretariaat Leuven <asd@ocmw-leuven.be>"


def _open_work(store) -> None:  # type: ignore[no-untyped-def]
    """Juror 2: three candidatures not finalised, one of them not fully scored; juror 3: no
    declaration; juror 5: open work but no e-mail address; the others are done."""
    with store.session() as session:
        ids = session.scalars(
            select(Evaluation.id).where(Evaluation.juror_id == 2, Evaluation.round == 1).limit(3)
        ).all()
        session.execute(update(Evaluation).where(Evaluation.id.in_(ids)).values(finalized_at=None))
        first = session.get(Evaluation, ids[0])
        assert first is not None
        session.execute(
            delete(Score).where(
                Score.juror_id == 2,
                Score.round == 1,
                Score.candidature_id == first.candidature_id,
            )
        )
        session.execute(delete(Declaration).where(Declaration.juror_id == 3))
        session.execute(
            update(Evaluation)
            .where(Evaluation.juror_id == 5, Evaluation.round == 1)
            .values(finalized_at=None)
        )
        for juror in session.scalars(select(Juror)):
            juror.email = "" if juror.id == 5 else f"juror{juror.id}@example.be"


def _read(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def test_the_plan_counts_open_work_from_the_database(demo_store):
    _open_work(demo_store)
    with demo_store.reader() as session:
        plan = plan_reminders(session, "leuven", 1, None)
    by_juror = {r.juror: r for r in plan.reminders}
    assert set(by_juror) == {2, 3}
    assert "1 van 12" in by_juror[2].open_work and "2 van 12" in by_juror[2].open_work
    assert "verklaring" in by_juror[3].open_work and " van " not in by_juror[3].open_work
    assert [j for j, _n in plan.no_address] == [5]


def test_drafts_read_back(demo_store, db_url, tmp_path, monkeypatch, capsys):
    _open_work(demo_store)
    demo_store.close()
    monkeypatch.setenv("JURYDESK_PASSPHRASE", "demo")
    out = tmp_path / "drafts"
    args = ["--db", db_url, "mail", "reminders", "--region", "leuven", "--round", "1"]
    assert main([*args, "--drafts", str(out), "--from", SENDER, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [d["juror"] for d in report["no_address"]] == [5]
    files = sorted(out.glob("*.eml"))
    assert len(files) == 2
    messages = {str(m["To"]): m for m in (_read(f.read_bytes()) for f in files)}
    assert set(messages) == {
        "Bart Desmet <juror2@example.be>",
        "Fatima Azzouzi <juror3@example.be>",
    }
    body = messages["Bart Desmet <juror2@example.be>"].get_body().get_content()
    assert "Geachte Bart Desmet" in body and "1 van 12" in body and "2 van 12" in body
    assert "Fatima" not in body and "verklaring" not in body
    # the planning the addendum gives for the written round, as it writes it
    assert "week van 12 en 16 juni 2023" in body
    with open_store(db_url).reader() as session:
        runs = session.scalars(select(AuditEvent).where(AuditEvent.action == "reminder-run"))
        assert len(runs.all()) == 1
    # the dry run lists who would get what and the juror without an address
    assert main([*args, "--drafts", str(out), "--from", SENDER, "--dry-run"]) == 0
    listed = capsys.readouterr().out
    assert "juror2@example.be" in listed and "Miriam Cohen" in listed


def _settings(server):  # type: ignore[no-untyped-def]
    return SmtpSettings.parse(
        f"127.0.0.1:{server.port}", "starttls", USER, PASSWORD, str(server.cert)
    )


def test_sent_by_smtp_once_per_run(demo_store, smtp_server):
    _open_work(demo_store)
    run = start_run(demo_store, "leuven", 1, "secretariaat")
    with SmtpTransport(_settings(smtp_server)) as transport:
        report = send_reminders(demo_store, transport, "leuven", 1, SENDER, "nl", run)
    assert sorted(i.recipient for i in report.sent) == ["juror2@example.be", "juror3@example.be"]
    assert [name for _j, name, _r in report.refused] == ["Miriam Cohen"]
    received = [_read(raw) for raw in smtp_server.handler.messages]
    assert sorted(str(m["To"]) for m in received) == [
        "Bart Desmet <juror2@example.be>",
        "Fatima Azzouzi <juror3@example.be>",
    ]
    fatima = next(m for m in received if "juror3" in str(m["To"]))
    text_ = fatima.get_body().get_content()
    assert "verklaring" in text_ and "kandidaturen" not in text_
    # the same run again: nothing goes out
    with SmtpTransport(_settings(smtp_server)) as transport:
        again = send_reminders(demo_store, transport, "leuven", 1, SENDER, "nl", run)
    assert again.sent == [] and len(again.already_sent) == 2
    assert len(smtp_server.handler.messages) == 2
    with demo_store.reader() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "reminder"))
        assert {(r.juror_id, r.status) for r in rows} == {(2, "sent"), (3, "sent")}
    # a new run is a new reminder
    second = start_run(demo_store, "leuven", 1, "secretariaat")
    with SmtpTransport(_settings(smtp_server)) as transport:
        assert (
            len(send_reminders(demo_store, transport, "leuven", 1, SENDER, "nl", second).sent) == 2
        )


def test_an_outbox_row_has_exactly_one_addressee(demo_store):
    with pytest.raises(IntegrityError), demo_store.session() as session:
        session.execute(
            text(
                "INSERT INTO outbox (key, kind, region_id, candidature_id, juror_id, round, "
                "recipient, sender, subject, message_id, status, error, attempts, queued_at) "
                "VALUES ('x', 'reminder', 1, 1, 1, 1, 'a@b.be', 'c@d.be', '', '<m@d>', "
                "'queued', '', 0, '2026-12-07 10:00:00')"
            )
        )


def test_the_migration_runs_up_on_a_demo_database(demo_store, db_url):
    """Down to 0016 with a sent letter in the outbox, up again: the letter is kept, and a
    reminder can be queued."""
    with demo_store.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0016")
        columns = {c[1] for c in connection.execute(text("PRAGMA table_info(outbox)"))}
        assert "juror_id" not in columns
        connection.execute(
            text(
                "INSERT INTO outbox (id, key, kind, region_id, candidature_id, round, "
                "recipient, sender, subject, message_id, status, error, attempts, queued_at) "
                "VALUES (77, 'receipt/1', 'receipt', 1, 1, 0, 'a@b.be', 'c@d.be', '', "
                "'<m@d>', 'sent', '', 1, '2026-12-07 10:00:00')"
            )
        )
    before = 77
    demo_store.close()
    store = open_store(db_url)
    with store.engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == SCHEMA_HEAD == "0017"
    with store.reader() as session:
        assert session.scalar(select(OutboxMessage.id).where(OutboxMessage.id == before))
    _open_work(store)
    assert start_run(store, "leuven", 1, "secretariaat") >= 1
    store.close()


def test_reminder_texts_in_both_languages():
    from jurydesk.mail.templates import REMINDER, mail_template

    for language in ("nl", "en"):
        texts = mail_template(language)[REMINDER]
        assert "{open_work}" in texts["body"] and "{juror}" in texts["body"]
    assert " u" in mail_template("nl")[REMINDER]["body"]


def test_stop_between_messages_leaves_the_rest_queued(demo_store, smtp_server):
    _open_work(demo_store)
    run = start_run(demo_store, "leuven", 1, "secretariaat")
    asked: list[int] = []

    def stop() -> bool:  # the user presses Stop once the first message is out
        asked.append(len(smtp_server.handler.messages))
        return len(smtp_server.handler.messages) >= 1

    with SmtpTransport(_settings(smtp_server)) as transport:
        report = send_reminders(demo_store, transport, "leuven", 1, SENDER, "nl", run, stop=stop)
    assert len(report.sent) == 1 and report.left == 1 and report.stopped
    assert asked == [0, 1]
    with demo_store.reader() as session:
        states = sorted(
            r.status
            for r in session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "reminder"))
        )
    assert states == ["queued", "sent"]
    with SmtpTransport(_settings(smtp_server)) as transport:  # the next send takes the rest
        assert len(send_reminders(demo_store, transport, "leuven", 1, SENDER, "nl", run).sent) == 1
    assert len(smtp_server.handler.messages) == 2


def test_open_work_lines_speak_the_mail_language(demo_store, smtp_server):
    from jurydesk.i18n import current_language

    assert current_language() == "nl"  # the interface speaks Dutch, the mail English
    _open_work(demo_store)
    run = start_run(demo_store, "leuven", 1, "secretariaat")
    with SmtpTransport(_settings(smtp_server)) as transport:
        send_reminders(demo_store, transport, "leuven", 1, SENDER, "en", run)
    bart = next(
        _read(raw)
        for raw in smtp_server.handler.messages
        if b"juror2@" in raw.split(b"\r\n\r\n")[0]
    )
    body = bart.get_body().get_content()
    assert "1 of 12 candidatures" in body and "van 12 kandidaturen" not in body
