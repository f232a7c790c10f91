"""The scripting CLI, run in-process through `main(argv)` and once as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from jurydesk.paths import resources_dir
from tests.cli.helpers import run, run_json

THIRD_REGION = (
    (resources_dir() / "regions" / "leuven.toml")
    .read_text("utf-8")
    .replace('slug = "leuven"', 'slug = "testregio"')
    .replace('name = "Leuven"', 'name = "Testregio"')
)


def test_init_demo_creates_everything(tmp_path, capsys):
    path = str(tmp_path / "new.sqlite")
    code, out, _err = run(capsys, "init", "--demo", "--db", path)
    assert code == 0 and "Demokandidaturen toegevoegd: 26" in out
    assert len(run_json(capsys, "jurors", "--region", "leuven", "--db", path)) == 5
    code, out, _err = run(capsys, "init", "--db", path)  # a second init adds nothing
    assert code == 0 and "toegevoegd" not in out


def test_init_and_regions(db, capsys):
    regions = run_json(capsys, "regions", "--db", db)
    assert {r["slug"]: r["name"] for r in regions} == {
        "leuven": "Leuven",
        "dijleland-plus": "Dijleland+",
    }
    assert all(r["candidatures"] == 13 for r in regions)


def test_db_flag_before_the_command_and_environment(db, capsys, monkeypatch):
    assert len(run_json(capsys, "--db", db, "regions")) == 2
    monkeypatch.setenv("JURYDESK_DB", db)
    assert len(run_json(capsys, "regions")) == 2


def test_region_show_json_shape(db, capsys):
    data = run_json(capsys, "region", "show", "dijleland-plus", "--db", db)
    assert data["slug"] == "dijleland-plus" and data["name"] == "Dijleland+"
    assert len(data["municipalities"]) == 8
    assert [c["personas"] for c in data["challenges"]] == [
        ["Saled"],
        ["Nora", "Jeroen"],
        ["Cindy", "Nora", "Roy"],
    ]
    assert {"number", "personas", "description", "questions"} <= set(data["challenges"][0])
    assert {"need", "service"} <= set(data["needs"][0])
    assert data["exclusions"] and data["focus_expertise"]
    assert {"name", "email", "phone"} == set(data["contacts"][0])
    assert data["submission"]["channel"] == "web"
    timeline = {e["key"]: e for e in data["timeline"]}
    assert list(timeline) == [
        "launch",
        "candidature_deadline",
        "written_assessment",
        "pitches",
        "decision_communication",
        "rebuttal_deadline",
    ]
    assert timeline["candidature_deadline"]["start"] == "2023-11-24T23:59:00+01:00"
    assert timeline["candidature_deadline"]["end"] is None
    assert timeline["written_assessment"]["end"] == "2023-12-08T00:00:00+01:00"
    assert timeline["pitches"]["text"] == "11, (12 en 13) december 2023"
    assert timeline["pitches"]["possible_days"] == ["2023-12-12", "2023-12-13"]


def test_unknown_region_exits_non_zero_with_one_line(db, capsys):
    code, out, err = run(capsys, "region", "show", "gent", "--db", db)
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "gent" in err


def test_region_add_third_region_without_code_change(db, capsys, tmp_path):
    file = tmp_path / "testregio.toml"
    file.write_text(THIRD_REGION, "utf-8")
    assert run(capsys, "region", "add", str(file), "--db", db)[0] == 0
    assert "testregio" in {r["slug"] for r in run_json(capsys, "regions", "--db", db)}
    code, _out, err = run(capsys, "region", "add", str(file), "--db", db)
    assert code != 0 and "--replace" in err
    assert run(capsys, "region", "add", str(file), "--replace", "--db", db)[0] == 0


def test_region_add_invalid_file_names_key_and_writes_nothing(db, capsys, tmp_path):
    file = tmp_path / "kapot.toml"
    file.write_text(THIRD_REGION.replace('name = "Testregio"\n', ""), "utf-8")
    code, _out, err = run(capsys, "region", "add", str(file), "--db", db)
    assert code != 0
    assert "kapot.toml" in err and "name: is missing" in err
    assert len(run_json(capsys, "regions", "--db", db)) == 2


def test_candidatures_json(db, capsys):
    rows = run_json(capsys, "candidatures", "--region", "leuven", "--db", db)
    assert len(rows) == 13
    first = rows[0]
    assert {
        "id",
        "organisation",
        "title",
        "contact",
        "email",
        "received_at",
        "late",
        "flags",
        "challenges",
        "services",
    } <= set(first)
    late = {r["organisation"] for r in rows if r["late"]}
    assert late == {"Samen Sterk Wilsele vzw", "Werkwinkel Plus vzw"}
    edge = next(r for r in rows if r["organisation"] == "Digitaal Dorp vzw")
    assert edge["received_at"] == "2023-06-09T23:59:00+02:00" and edge["late"] is False


def test_template_then_import_round_trip(db, capsys, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "sjabloon.xlsx"
    assert run(capsys, "template", "candidatures", str(out))[0] == 0
    workbook = load_workbook(out)
    sheet = workbook.active
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["Organisatie", "Contactpersoon", "E-mail"]
    assert "Ontvangen op" in headers and "Bijlagen" in headers
    sheet.append(
        [
            "Nieuwe Organisatie vzw",
            "Jan Peeters",
            "jan@nieuw.example",
            None,
            "Een titel",
            None,
            "01/06/2023 10:00",
            None,
            "1; 2",
            "taalondersteuning",
            None,
            "12.500",
            None,
        ]
    )
    workbook.save(out)
    report = run_json(
        capsys, "import", "candidatures", str(out), "--region", "leuven", "--dry-run", "--db", db
    )
    assert report["ok"] and report["valid"] == 1 and report["written"] == 0
    assert len(run_json(capsys, "candidatures", "--region", "leuven", "--db", db)) == 13
    report = run_json(capsys, "import", "candidatures", str(out), "--region", "leuven", "--db", db)
    assert report["written"] == 1
    rows = run_json(capsys, "candidatures", "--region", "leuven", "--db", db)
    new = next(r for r in rows if r["organisation"] == "Nieuwe Organisatie vzw")
    assert new["challenges"] == [1, 2] and new["requested_budget"] == 12500.0


def test_bad_import_prints_report_and_exits_non_zero(db, capsys, tmp_path):
    file = tmp_path / "slecht.csv"
    file.write_text(
        "Organisatie;Contactpersoon;E-mail;Titel;Ontvangen op\n"
        "A vzw;An;an@a.example;T;01/06/2023 10:00\n"
        "B vzw;Bo;geen-mail;T;01/06/2023 10:00\n",
        "utf-8",
    )
    code, out, err = run(
        capsys, "import", "candidatures", str(file), "--region", "leuven", "--db", db
    )
    assert code != 0
    assert "geen-mail" in out and "E-mail" in out and "3" in out
    assert "niets weggeschreven" in err
    assert len(run_json(capsys, "candidatures", "--region", "leuven", "--db", db)) == 13


def test_english_is_available(db, capsys):
    code, _out, err = run(capsys, "--lang", "en", "candidatures", "--region", "gent", "--db", db)
    assert code != 0 and "no region 'gent'" in err


def test_the_installed_entry_point_runs_as_a_process(db):
    result = subprocess.run(
        [sys.executable, "-m", "jurydesk", "regions", "--json", "--db", db],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(db).parent,
    )
    assert result.returncode == 0, result.stderr
    assert {r["slug"] for r in json.loads(result.stdout)} == {"leuven", "dijleland-plus"}
