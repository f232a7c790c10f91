"""The outside-in attack of test_outside_in on the jurors and the jury's notes (issue 29): the
proces-verbaal, the declarations and the reminders print or use a juror's name, role,
organisation and e-mail address, the minutes and the records sheet the jury's notes. An edit
in the file behind the log's back is reported naming the row; the services' own writes are
recorded as they happen, so verify stays intact after them."""

from __future__ import annotations

import pytest

from tests.audit.test_outside_in import _named, _one, _sql, _verify
from tests.cli.helpers import run

FIRST_NOTE = "(SELECT min(candidature_id) FROM notes)"


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("UPDATE jurors SET name = 'Iemand Anders' WHERE id = 1", "juror name 1: differs"),
        ("UPDATE jurors SET role = 'expert' WHERE id = 1 AND role != 'expert'", "juror role 1"),
        ("UPDATE jurors SET organisation = 'Elders vzw' WHERE id = 2", "juror organisation 2"),
        ("UPDATE jurors SET email = 'iemand@elders.example' WHERE id = 3", "juror e-mail 3"),
        (
            "INSERT INTO jurors (id, name, organisation, role, email)"
            " VALUES (99, 'Iemand', '', 'expert', '')",
            "juror 99: no event",
        ),
        ("DELETE FROM jurors WHERE id = 1", "juror 1: missing"),
        (f"UPDATE notes SET text = 'verzonnen' WHERE candidature_id = {FIRST_NOTE}", "differs"),
        (f"DELETE FROM notes WHERE candidature_id = {FIRST_NOTE}", "missing"),
        (
            "INSERT INTO notes (candidature_id, text, updated_by, updated_at) SELECT max(id),"
            " 'verzonnen', 'x', '2026-12-01 10:00:00' FROM candidatures"
            " WHERE id NOT IN (SELECT candidature_id FROM notes)",
            "no event",
        ),
    ],
    ids=[
        "juror-renamed",
        "juror-role",
        "juror-organisation",
        "juror-email",
        "juror-inserted",
        "juror-deleted",
        "note-edited",
        "note-deleted",
        "note-inserted",
    ],
)
def test_the_jurors_and_the_jurys_notes(db, capsys, statement, named):  # type: ignore[no-untyped-def]
    """The proces-verbaal and the declarations print the jurors' names, the minutes and the
    records sheet the jury's notes: an edit behind the log's back is reported by row."""
    assert _verify(capsys, db)[0] == 0
    note = _one(db, "SELECT min(candidature_id) FROM notes")[0]
    assert note is not None  # the demo writes notes
    inserted = _one(
        db, "SELECT max(id) FROM candidatures WHERE id NOT IN (SELECT candidature_id FROM notes)"
    )[0]
    _sql(db, statement)
    code, report, _err = _verify(capsys, db)
    assert code == 1 and not report["ok"]
    code, text, err = run(capsys, "--db", db, "audit", "verify")  # and said in words
    assert code == 1 and "Traceback" not in err and "jur" in text.lower()
    if named.startswith("juror"):
        assert named in _named(report)
    else:
        key = inserted if named == "no event" else note
        assert f"note {key}: {named}" in _named(report)


def test_the_jury_services_leave_verify_intact(db, capsys):  # type: ignore[no-untyped-def]
    """Adding a juror (with an e-mail address), renaming and editing one, writing and
    rewriting a note: each recorded as it is written, so verify stays intact and counts them."""
    counted = (  # the rows the new juror and note add to the replay: their panels too
        "SELECT (SELECT count(*) FROM jurors) + (SELECT count(*) FROM notes)"
        " + (SELECT count(*) FROM panel_members)"
    )
    before, rows_before = _verify(capsys, db)[1]["rows_compared"], _one(db, counted)[0]
    common = ["--db", db, "--json"]
    for argv in (
        [
            *("juror", "add", "--name", "An Peeters", "--role", "expert", "--region", "leuven"),
            *("--organisation", "KU Leuven", "--email", "an@kuleuven.example"),
        ],
        ["juror", "edit", "1", "--name", "Katrien Wouters-Peeters", "--email", "k@vdab.example"],
        ["juror", "edit", "2", "--role", "other", "--organisation", "Stad Gent"],
        ["note", "--candidature", "14", "Besproken: sterke aanpak"],
        ["note", "--candidature", "14", "Besproken: sterke aanpak, zwak budget"],
    ):
        code, _out, err = run(capsys, *common, *argv)
        assert code == 0, err
    code, report, _err = _verify(capsys, db)
    assert code == 0 and report["ok"], _named(report)
    assert _one(db, "SELECT name, email FROM jurors WHERE id = 1") == (
        "Katrien Wouters-Peeters",
        "k@vdab.example",
    )
    assert _one(db, "SELECT text FROM notes WHERE candidature_id = 14")[0].endswith("zwak budget")
    added = _one(db, counted)[0] - rows_before
    assert added in (3, 4)  # the juror and their 2 panels, the note unless 14 had one
    assert report["rows_compared"] == before + added
    # and the new juror's e-mail address is now in the log: changing it is reported
    _sql(db, "UPDATE jurors SET email = 'iemand@elders.example' WHERE name = 'An Peeters'")
    code, report, _err = _verify(capsys, db)
    assert code == 1 and "juror e-mail" in _named(report)
