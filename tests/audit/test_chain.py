"""The audit chain detects an edit, a deletion and a reordering."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from jurydesk.__main__ import main
from jurydesk.audit.chain import verify


def check(store):
    with store.reader() as session:
        return verify(session)


def test_the_demo_chain_is_intact(demo_store):
    report = check(demo_store)
    assert report.ok and report.events > 50  # jurors, conflicts, bulk scores, decisions, ...


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_events SET new = json_set(new, '$.count', 1) "
        "WHERE id = (SELECT min(id) FROM audit_events WHERE action = 'bulk_scores')",
        "UPDATE audit_events SET actor = 'iemand anders' WHERE id = 20",
        "DELETE FROM audit_events WHERE id = 30",
        "UPDATE audit_events SET id = -id WHERE id IN (40, 41)",
        "UPDATE audit_events SET id = CASE id WHEN 40 THEN 41 WHEN 41 THEN 40 END "
        "WHERE id IN (40, 41)",
        "DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)",
    ],
)
def test_tampering_is_detected(demo_store, tamper):
    with demo_store.engine.begin() as connection:
        if "THEN 41" in tamper:
            connection.execute(text("UPDATE audit_events SET id = -1 WHERE id = 40"))
            connection.execute(text("UPDATE audit_events SET id = 40 WHERE id = 41"))
            connection.execute(text("UPDATE audit_events SET id = 41 WHERE id = -1"))
        else:
            connection.execute(text(tamper))
    report = check(demo_store)
    assert not report.ok
    assert report.problem


def test_cli_audit_verify_exits_non_zero_on_tampering(demo_store, capsys):
    assert main(["audit", "verify", "--db", str(demo_store.file)]) == 0  # read-only: no lock
    assert "Auditlog intact" in capsys.readouterr().out
    with demo_store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'x' WHERE id = 7"))
    assert main(["audit", "verify", "--db", str(demo_store.file)]) == 1
    assert "NIET intact bij gebeurtenis 7" in capsys.readouterr().err
