"""The audit chain anchored outside the database: removing the newest events and resetting
the stored head passes the chain's own check (the replay then finds the rows those events
wrote), and fails a check against a head written down earlier."""

from __future__ import annotations

import json
import sqlite3

from openpyxl import load_workbook

from jurydesk.exports.workbook import export_workbook
from tests.cli.helpers import run, run_json


def test_an_anchor_catches_removed_events(db, capsys, tmp_path):
    anchor = run_json(capsys, "--db", db, "audit", "head")
    assert anchor["events"] > 3 and len(anchor["head"]) == 64
    connection = sqlite3.connect(db)
    with connection:
        last = connection.execute("SELECT max(id) FROM audit_events").fetchone()[0]
        connection.execute("DELETE FROM audit_events WHERE id > ?", (last - 3,))
        new_head = connection.execute(
            "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1"
        ).fetchone()[0]
        connection.execute("UPDATE settings SET value = ? WHERE key = 'audit_head'", (new_head,))
    connection.close()
    code, out, _err = run(capsys, "--db", db, "--json", "audit", "verify")
    report = json.loads(out)
    assert code == 1 and report["problem"] == ""  # the chain itself looks whole ...
    assert report["differences"] > 0  # ... but rows written by the removed events have none
    code, _out, err = run(capsys, "--db", db, "audit", "verify", "--anchor", anchor["head"])
    assert (code == 1 and "anker" in err.lower()) or "anchored" in err


def test_the_head_is_kept_outside_the_database(demo_store, tmp_path):
    out = export_workbook(demo_store, tmp_path / "r.xlsx")
    description = load_workbook(out).properties.description or ""
    assert "auditketen" in description.lower()
    backup = demo_store.backup("test")
    assert backup is not None and "-audit-" in backup.name
