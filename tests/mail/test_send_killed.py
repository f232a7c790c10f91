"""A sending process killed (SIGKILL) mid-batch: the rerun sends nothing twice and skips
nothing. A message the server had while the process died is 'uncertain' and is settled by
the secretariat (here: by looking at what the server received, as one would in its sent
items), never resent on its own."""

from __future__ import annotations

import email
import email.policy
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from jurydesk.store import open_store
from jurydesk.store.models import Decision
from tests.mail.smtp_server import PASSWORD, USER

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
SENDER = "Secretariaat Leuven <asd@ocmw-leuven.be>"


def _cli(db: str, server, password_file: Path, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "jurydesk", "--db", db, *extra]
    if extra[:2] == ("mail", "outbox"):
        return command
    return [
        *command,
        *("--smtp", f"127.0.0.1:{server.port}", "--user", USER),
        *("--password-file", str(password_file), "--cafile", str(server.cert)),
        *("--from", SENDER),
    ]


def _outbox(db: str, server, password_file) -> list[dict]:
    result = subprocess.run(
        _cli(db, server, password_file, "mail", "outbox", "--json"),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_a_killed_batch_resumes_without_duplicates_or_gaps(db, smtp_server, tmp_path):
    store = open_store(f"sqlite:///{db}")
    with store.session() as session:
        for decision in session.scalars(select(Decision)):
            decision.communicated_on = None
    store.close()
    password_file = tmp_path / "wachtwoord.txt"
    password_file.write_text(PASSWORD + "\n", "utf-8")
    smtp_server.handler.delay = 0.3
    letters = ["mail", "letters", "--region", "leuven", "--round", "1", "--json"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    process = subprocess.Popen(
        _cli(db, smtp_server, password_file, *letters),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 60
    while len(smtp_server.handler.messages) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    received_before_kill = len(smtp_server.handler.messages)
    assert received_before_kill >= 3
    smtp_server.handler.delay = 0
    time.sleep(0.5)  # the server finishes what it had

    rerun = subprocess.run(
        _cli(db, smtp_server, password_file, *letters), capture_output=True, text=True, env=env
    )
    report = json.loads(rerun.stdout)
    assert report["left_queued"] == 0 and not report["failed"]
    server_ids = [
        email.message_from_bytes(raw, policy=email.policy.default)["Message-ID"]
        for raw in smtp_server.handler.messages
    ]
    for item in report["uncertain"]:
        # Settle it the way the secretariat would: did the server take it?
        action = "--mark-sent" if item["message_id"] in server_ids else "--resend"
        subprocess.run(
            _cli(db, smtp_server, password_file, "mail", "outbox", action, str(item["id"])),
            check=True,
            capture_output=True,
            env=env,
        )
    if report["uncertain"]:
        subprocess.run(
            _cli(db, smtp_server, password_file, *letters),
            check=True,
            capture_output=True,
            env=env,
        )
    rows = _outbox(db, smtp_server, password_file)
    server_ids = [
        email.message_from_bytes(raw, policy=email.policy.default)["Message-ID"]
        for raw in smtp_server.handler.messages
    ]
    assert len(server_ids) == len(set(server_ids)), "a message went out twice"
    assert sorted(server_ids) == sorted(r["message_id"] for r in rows), "a gap or a stranger"
    assert {r["status"] for r in rows} == {"sent"}
    assert received_before_kill < len(rows) and report["sent"], "the kill was not mid-batch"
    # A further run sends nothing at all.
    final = subprocess.run(
        _cli(db, smtp_server, password_file, *letters), capture_output=True, text=True, env=env
    )
    assert not json.loads(final.stdout)["sent"]
    assert len(smtp_server.handler.messages) == len(server_ids)
