"""`jurydesk portfolio` and `portfolio-limits` on a copy of the demo database."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from jurydesk.__main__ import main


def test_portfolio_json_and_suggestion(db, capsys):
    assert (
        main(
            [
                "portfolio-limits",
                "--region",
                "dijleland-plus",
                "--budget",
                "€ 250.000",
                "--max-partners",
                "4",
                "--db",
                db,
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "portfolio",
                "--region",
                "dijleland-plus",
                "--scope",
                "all",
                "--suggest",
                "--json",
                "--db",
                db,
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    cov, sug = data["coverage"], data["suggestion"]
    assert [c["number"] for c in cov["challenges"]] == [1, 2, 3]
    assert len(cov["expertise"]) == 3 and len(cov["candidatures"]) == 13
    assert cov["budget"] == "250000.00" and cov["max_partners"] == 4
    assert len(sug["candidatures"]) <= 4
    assert float(sug["budget_used"]) <= 250000
    assert set(sug["coverage"]) == {"1", "2", "3"} and sug["uncoverable"] == []
    assert {r["candidature"] for r in sug["reasons"] if r["chosen"]} == set(sug["candidatures"])
    # A tighter budget passed on the command line wins over the region's.
    assert (
        main(
            [
                "portfolio",
                "--region",
                "dijleland-plus",
                "--scope",
                "all",
                "--suggest",
                "--budget",
                "60000",
                "--json",
                "--db",
                db,
            ]
        )
        == 0
    )
    tight = json.loads(capsys.readouterr().out)["suggestion"]
    assert float(tight["budget_used"]) <= 60000 and tight["uncoverable"]


def test_portfolio_text_and_bad_input(db, capsys):
    assert main(["portfolio", "--region", "leuven", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Brugwerk" in out or "Jobkracht" in out
    assert main(["portfolio-limits", "--region", "leuven", "--budget", "veel", "--db", db]) == 1
    assert "--budget" in capsys.readouterr().err
    assert main(["portfolio-limits", "--region", "leuven", "--max-partners", "-2", "--db", db]) == 1


def test_portfolio_sheet_in_the_workbook(db, capsys, tmp_path):
    out = tmp_path / "r.xlsx"
    assert main(["export", "excel", str(out), "--region", "dijleland-plus", "--db", db]) == 0
    book = load_workbook(out)
    sheet = book[next(n for n in book.sheetnames if n.endswith("Portefeuille"))]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 13 + 1
    last = rows[-1]
    assert last[1] == "Gedekt door de selectie"
    assert set(last[6:]) <= {"ja", "nee"} and "nee" in last[6:]
