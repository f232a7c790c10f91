"""Kill a writer in the middle of a stream of score edits, many times: nothing acknowledged
is ever lost, and the database stays intact.

The child commits one score edit per transaction and prints 'ack N' only after the commit
returned. The parent kills it (SIGKILL on POSIX, TerminateProcess on Windows) at a random
moment, starts the next one, and at the end checks every acknowledged edit.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import textwrap

from sqlalchemy import select

from jurydesk.audit.chain import verify
from jurydesk.candidatures.service import list_candidatures
from jurydesk.store import open_store
from jurydesk.store.models import AuditEvent, Score
from tests.signed import add_signed_juror

CHILD = textwrap.dedent("""
    import sys
    from jurydesk.scoring.scores import set_score
    from jurydesk.store import open_store

    url, juror, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    candidatures = [int(c) for c in sys.argv[4].split(",")]
    keys = ["uitdagingen", "bereik", "vertrouwen", "aanpak", "werkgevers", "haalbaarheid"]
    store = open_store(url)
    print("ready", flush=True)
    i = start
    while True:
        with store.session() as session:
            set_score(session, "crash-test", juror, candidatures[i % len(candidatures)], 1,
                      keys[i % len(keys)], i % 5, f"edit {i}")
        print(f"ack {i}", flush=True)
        i += 1
""")


def test_every_acknowledged_edit_survives_sigkill(demo_store, db_url):
    with demo_store.session() as session:
        juror = add_signed_juror(session, "t", "Crash Test", "expert", panels=[("leuven", 1)])
    with demo_store.reader() as session:
        candidatures = [c.id for c in list_candidatures(session, "leuven")][:5]
    demo_store.close()  # the children write; this process only checks afterwards

    rng = random.Random(20231124)
    acked: list[int] = []
    next_edit = 0
    for _kill in range(15):
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                db_url,
                str(juror),
                str(next_edit),
                ",".join(map(str, candidatures)),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        stop_after = rng.randint(1, 40)
        line = ""
        for _ in range(stop_after):
            line = child.stdout.readline()
            assert line.startswith("ack "), child.stderr.read()
            acked.append(int(line.split()[1]))
        child.kill()  # SIGKILL: no clean-up, possibly in the middle of the next commit
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
        next_edit = acked[-1] + 1 + 1000  # leave a gap: an unacknowledged edit may exist

    assert len(acked) >= 15
    store = open_store(db_url)
    try:
        with store.reader() as session:
            motivations = {
                e.new["motivation"]
                for e in session.scalars(select(AuditEvent).where(AuditEvent.actor == "crash-test"))
            }
            lost = [i for i in acked if f"edit {i}" not in motivations]
            assert lost == []
            # The scores table agrees with the newest audit event of every score.
            latest: dict[str, str] = {}
            for event in session.scalars(
                select(AuditEvent).where(AuditEvent.actor == "crash-test").order_by(AuditEvent.id)
            ):
                latest[event.entity_key] = event.new["motivation"]
            for score in session.scalars(select(Score).where(Score.juror_id == juror)):
                key = f"{juror}/{score.candidature_id}/1/{score.criterion}"
                assert score.motivation == latest[key]
            assert verify(session).ok
    finally:
        store.close()
    path = db_url.removeprefix("sqlite:///")
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()
