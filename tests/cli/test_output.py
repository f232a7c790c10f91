"""CLI tables wrap long text between words inside its column (nothing cut), and show words,
not the core's codes."""

from __future__ import annotations

from jurydesk.cli.output import print_table
from tests.cli.helpers import run


def test_long_text_wraps_and_nothing_is_lost(capsys, monkeypatch):
    monkeypatch.setattr("jurydesk.cli.output._width", lambda _columns: 100)  # a terminal
    long = "Een trajectgezel begeleidt alleenstaande ouders van de eerste ontmoeting " * 3
    print_table(["Nr.", "Samenvatting", "E-mail"], [(1, long, "iemand@een-lang-domein.example")])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert out.split().count("ontmoeting") == 3 and out.split().count("trajectgezel") == 3
    assert "iemand@een-lang-domein.example" in out  # a word is never broken


def test_no_internal_keys_in_tables(db, capsys):
    code, out, _err = run(capsys, "--db", db, "candidatures", "--region", "leuven")
    assert code == 0 and "no_challenges" not in out and "geen uitdaging" in out
    code, out, _err = run(capsys, "--db", db, "results", "--region", "leuven", "--round", "1")
    assert code == 0 and "Methode: Gemiddelde" in out
    code, out, _err = run(capsys, "--db", db, "portfolio", "--region", "leuven")
    assert code == 0 and "D1 = " in out and "sociale-va" not in out
