"""Receipts after intake, mail templates per region and in the data directory, and the CLI's
ways out (drafts, SMTP, dry run, the outbox listing)."""

from __future__ import annotations

import email
import email.policy

import pytest

from jurydesk.mail.drafts import write_drafts
from jurydesk.mail.intake import import_mailbox
from jurydesk.mail.templates import RECEIPT, MailTemplateError, mail_template
from jurydesk.paths import data_dir
from tests.cli.helpers import run, run_json
from tests.mail.smtp_server import PASSWORD, USER
from tests.mail.test_intake import _box

SENDER = "Secretariaat Leuven <asd@ocmw-leuven.be>"


def _read(path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def test_receipts_confirm_each_message_taken_in(store, tmp_path):
    report = import_mailbox(store, [_box(tmp_path)], "leuven", dry_run=False)
    taken = report.by("created") + report.by("updated")
    drafts, refused = write_drafts(store, tmp_path / "uit", "leuven", None, SENDER, kind=RECEIPT)
    assert len(drafts) == len(taken) and not refused
    late = {i.sender for i in taken if i.late}
    for draft in drafts:
        message = _read(draft.file)
        body = message.get_body(("plain",)).get_content()
        assert message["Subject"] == "Ontvangstbevestiging: kandidatuur Capacity Building Leuven"
        assert "Wij ontvingen uw kandidatuur" in body and " 2023" in body
        assert ("uw kandidatuur bereikte ons daarna" in body) == (draft.to in late)
        assert "ontvankelijk" not in body
        assert not list(message.iter_attachments())


def test_a_region_and_the_user_override_the_texts(tmp_path):
    folder = data_dir() / "mail"
    folder.mkdir(parents=True)
    (folder / "nl-leuven.toml").write_text(
        '[receipt]\nsubject = "Goed ontvangen, {organisation}"\n', "utf-8"
    )
    assert mail_template("nl", "leuven")[RECEIPT]["subject"] == "Goed ontvangen, {organisation}"
    assert mail_template("nl", "dijleland-plus")[RECEIPT]["subject"].startswith("Ontvangst")
    (folder / "nl.toml").write_text('[decision]\nbody = "Beste {naam}"\n', "utf-8")
    with pytest.raises(MailTemplateError, match=r"decision\.body.*\{naam\}"):
        mail_template("nl")
    (folder / "nl.toml").write_text('[besluit]\nbody = "x"\n', "utf-8")
    with pytest.raises(MailTemplateError, match=r"besluit"):
        mail_template("nl")


def test_cli_ways_out(db, tmp_path, capsys, smtp_server):
    common = ["--db", db, "mail", "letters", "--region", "leuven", "--round", "1"]
    data = run_json(capsys, *common, "--drafts", str(tmp_path / "d"), "--from", SENDER)
    assert data["drafts"] and all(d["file"].endswith(".eml") for d in data["drafts"])
    password = tmp_path / "pw"
    password.write_text(PASSWORD, "utf-8")
    smtp = [
        "--smtp",
        f"127.0.0.1:{smtp_server.port}",
        "--user",
        USER,
        "--cafile",
        str(smtp_server.cert),
        "--password-file",
        str(password),
        "--from",
        SENDER,
    ]
    dry = run_json(capsys, *common, *smtp, "--dry-run")
    assert {d["status"] for d in dry} == {"new"} and not smtp_server.handler.messages
    sent = run_json(capsys, *common, *smtp)
    assert len(sent["sent"]) == len(dry) == len(smtp_server.handler.messages)
    code, out, _err = run(capsys, "--db", db, "mail", "outbox", "--region", "leuven")
    assert code == 0 and out.count("verzonden") >= len(dry)
    code, _out, err = run(capsys, "--db", db, "mail", "outbox", "--resend", "1")
    assert code != 0 and "niet onzeker of mislukt" in err
    code, _out, err = run(
        capsys, *common, "--smtp", "127.0.0.1:1", "--user", USER, "--from", SENDER
    )
    assert code != 0 and "--password-file" in err
