"""The export and rebuttal commands, end to end on a copy of the demo database."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.cli.helpers import run, run_json


def test_rebuttals_json(db, capsys):
    windows = run_json(capsys, "rebuttals", "--region", "leuven", "--db", db)
    assert windows
    for w in windows:
        assert {"candidature", "communicated", "opens", "closes", "rule"} <= set(w)
        opens, closes = datetime.fromisoformat(w["opens"]), datetime.fromisoformat(w["closes"])
        assert opens.utcoffset() is not None and closes.utcoffset() is not None
        # the call's 14 days: Leuven's "Vóór 20 juli 2023" only ends the assessment phase,
        # and a window that runs past it carries a warning
        assert w["rule"] == "default"
        past = closes > datetime.fromisoformat("2023-07-19T00:00:00+02:00")
        assert (w["warning"] is not None) == past
        if w["round"] == 1:
            assert w["closes"] == "2023-07-04T00:00:00+02:00"
        assert date.fromisoformat(w["communicated"]) < opens.date()
    received = [w for w in windows if w["received_at"]]
    assert len(received) == 1 and received[0]["late"] is False
    assert received[0]["reassessment"] == "rejected"


def test_rebuttal_intake_late_and_reassessment(db, capsys, tmp_path):
    windows = run_json(capsys, "rebuttals", "--region", "leuven", "--db", db)
    open_one = next(w for w in windows if not w["received_at"])
    cand = str(open_one["candidature"])
    # Received the morning after the last day: late, flagged but recorded.
    got = run_json(
        capsys,
        "rebuttal",
        "add",
        "--candidature",
        cand,
        "--round",
        "1",
        "--received",
        "20/07/2023 08:30",
        "--text",
        "Wij zijn het niet eens.",
        "--db",
        db,
    )
    assert got["late"] is True and got["received_at"].startswith("2023-07-20T08:30")
    code, _out, err = run(
        capsys,
        "rebuttal",
        "add",
        "--candidature",
        cand,
        "--round",
        "1",
        "--received",
        "19/07/2023 10:00",
        "--text",
        "nog eens",
        "--db",
        db,
    )
    assert code == 1 and "al een weerwoord" in err
    code, _out, err = run(
        capsys,
        "rebuttal",
        "add",
        "--candidature",
        cand,
        "--round",
        "1",
        "--received",
        "31/02/2023 10:00",
        "--text",
        "x",
        "--db",
        db,
    )
    assert code == 1 and "--received" in err
    code, _out, err = run(
        capsys,
        "rebuttal",
        "decide",
        "--candidature",
        cand,
        "--round",
        "1",
        "--outcome",
        "upheld",
        "--motivation",
        " ",
        "--db",
        db,
    )
    assert code == 1 and "motivering" in err
    run_json(
        capsys,
        "rebuttal",
        "decide",
        "--candidature",
        cand,
        "--round",
        "1",
        "--outcome",
        "upheld",
        "--motivation",
        "Het actieplan bleek wel haalbaar.",
        "--date",
        "2023-07-25T10:00",
        "--db",
        db,
    )
    result = run_json(
        capsys,
        "export",
        "letters",
        str(tmp_path / "final"),
        "--final",
        "--region",
        "leuven",
        "--db",
        db,
    )
    assert result["letters"] == 2
    texts = [" ".join(PdfReader(f).pages[0].extract_text().split()) for f in result["files"]]
    upheld = next(t for t in texts if "gegrond bevonden" in t and "ongegrond" not in t)
    assert "Het actieplan bleek wel haalbaar." in upheld and "25 juli 2023" in upheld


def test_export_commands(db, capsys, tmp_path):
    out = tmp_path / "uit" / "resultaten.xlsx"
    code, text, err = run(capsys, "export", "excel", str(out), "--db", db)
    assert code == 0, err and str(out) in text
    assert load_workbook(out, read_only=True).sheetnames[0] == "Vlaanderen"
    letters = run_json(
        capsys,
        "export",
        "letters",
        str(tmp_path / "brieven"),
        "--region",
        "dijleland-plus",
        "--round",
        "1",
        "--merged",
        str(tmp_path / "alle.pdf"),
        "--scores",
        "--db",
        db,
    )
    assert letters["letters"] == len(letters["files"]) > 0
    assert all(Path(f).name.startswith("CB-DIJLELAND-PLUS-2023-") for f in letters["files"])
    assert len(PdfReader(tmp_path / "alle.pdf").pages) >= letters["letters"]
    ics = run_json(capsys, "export", "rebuttals", str(tmp_path / "w.ics"), "--db", db)
    calendar = Calendar.from_ical((tmp_path / "w.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    windows = run_json(capsys, "rebuttals", "--region", "leuven", "--db", db) + run_json(
        capsys, "rebuttals", "--region", "dijleland-plus", "--db", db
    )
    assert ics["events"] == len(events) == len(windows)
    by_uid = {str(e["UID"]): e for e in events}
    for w in windows:
        slug = "leuven" if w["closes"].startswith("2023-07") else "dijleland-plus"
        event = by_uid[f"rebuttal-{slug}-{w['candidature']}-r{w['round']}@jurydesk"]
        assert event.decoded("DTSTART") == datetime.fromisoformat(w["opens"]).date()
        assert event.decoded("DTEND") == datetime.fromisoformat(w["closes"]).date()
        assert w["organisation"] in str(event["SUMMARY"])


def test_export_errors_name_the_problem(db, capsys, tmp_path):
    code, _out, err = run(
        capsys, "export", "excel", str(tmp_path / "x.xlsx"), "--region", "atlantis", "--db", db
    )
    assert code == 1 and "atlantis" in err and not (tmp_path / "x.xlsx").exists()
    code, _out, err = run(
        capsys,
        "export",
        "letters",
        str(tmp_path / "l"),
        "--final",
        "--region",
        "dijleland-plus",
        "--db",
        db,
    )
    assert code == 1 and "geen brieven" in err
