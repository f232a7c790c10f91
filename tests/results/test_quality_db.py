"""Quality end to end on SQLite: a planted lenient juror, the funding line, calibration anchors,
the CLI's JSON and the workbook's sheet."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from jurydesk.__main__ import main
from jurydesk.decisions.service import decide
from jurydesk.errors import ScoringError
from jurydesk.exports.workbook import export_workbook
from jurydesk.packs.pack import assigned
from jurydesk.portfolio.coverage import members
from jurydesk.results.calibration import calibration_spread, set_calibration
from jurydesk.results.quality import compute_quality
from jurydesk.results.ranking import compute_results
from jurydesk.scoring.worklist import worklist
from tests.results.conftest import put

# Six clearly good (3 of 4 everywhere), a tied pair in the middle (the same jurors' scores,
# 2 or 3), two weak (1); pitch_top = 7, so the line runs through the tied pair.
LEVELS = [3, 3, 3, 3, 3, 3, None, None, 1, 1]


def _jury(leuven, lenient: bool = True) -> None:
    store, cands, jurors, keys = leuven
    rows = {}
    for i, c in enumerate(cands):
        for n, j in enumerate(jurors):
            level = LEVELS[i] if LEVELS[i] is not None else 2 + (n % 3 != 2)
            if n == 0 and lenient:
                level += 1  # a planted juror, 25 points milder on every candidature
            rows[(j, c)] = dict.fromkeys(keys, level)
    put(store, rows)


def test_planted_lenient_juror_and_the_line(leuven):
    store, cands, jurors, _keys = leuven
    _jury(leuven)
    with store.reader() as session:
        q = compute_quality(session, "leuven", 1)
    by_juror = {j.juror: j for j in q.jurors}
    # (6 x (100 - 75) + 2 x (100 - 65) + 2 x (50 - 25)) / 10
    assert by_juror[jurors[0]].leniency == pytest.approx(27.0)
    assert "milder" in by_juror[jurors[0]].flags
    assert all(by_juror[j].leniency < 0 for j in jurors[1:])
    assert len(q.criteria) == 6 and all(a.n == 10 for a in q.criteria)
    assert q.total.agreement is not None and q.total.n == 10
    results = {r.candidature: r for r in q.results.results}
    assert q.places_in == 7
    assert results[cands[6]].at_funding_line and results[cands[7]].at_funding_line
    assert not results[cands[0]].at_funding_line and not results[cands[9]].at_funding_line
    assert all(r.rank_low <= r.rank <= r.rank_high for r in results.values())
    with store.reader() as session:  # the same seed: the same figures
        again = compute_quality(session, "leuven", 1)
    assert [(r.rank_low, r.rank_high) for r in again.results.results] == [
        (r.rank_low, r.rank_high) for r in q.results.results
    ]


def test_calibration_anchors_stay_out(leuven):
    store, cands, jurors, _keys = leuven
    _jury(leuven, lenient=False)
    anchor = cands[3]
    with store.session() as session:
        set_calibration(session, "t", "leuven", [anchor])
    with store.reader() as session:
        results = compute_results(session, "leuven", 1)
        assert anchor not in {r.candidature for r in results.results}
        assert anchor not in {m.candidature for m in members(session, "leuven")}
        spread = calibration_spread(session, "leuven", 1)
        assert {s.candidature for s in spread} == {anchor} and len(spread) == 6
        assert all(len(s.scores) == len(jurors) for s in spread)
        # scored first: in the juror's work list and pack
        assert worklist(session, jurors[0], "leuven", 1)[0].candidature == anchor
        assert next(iter(assigned(session, jurors[0]).values()))[0] == anchor
    with store.session() as session, pytest.raises(ScoringError, match=str(anchor)):
        decide(session, "t", anchor, 1, "shortlisted", "anker")
    with store.session() as session, pytest.raises(ScoringError):
        set_calibration(session, "t", "leuven", cands[:3])  # one or two


def test_cli_and_workbook(leuven, db_url, tmp_path, capsys):
    store, cands, _jurors, _keys = leuven
    _jury(leuven)
    db = db_url.removeprefix("sqlite:///")
    code = main(["jury-quality", "--region", "leuven", "--round", "1", "--db", db, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [c["criterion"] for c in out["criteria"]][:2] == ["uitdagingen", "bereik"]
    assert {"juror", "name", "leniency", "spread", "halo", "n"} <= set(out["jurors"][0])
    assert set(out["total"]) == {"agreement", "n"}
    code = main(["results", "--region", "leuven", "--round", "1", "--db", db, "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert all({"rank_low", "rank_high", "at_funding_line"} <= set(r) for r in rows)
    assert {r["candidature"] for r in rows if r["at_funding_line"]} >= {cands[6], cands[7]}
    out_file = export_workbook(store, tmp_path / "r.xlsx", ["leuven"])
    book = load_workbook(out_file, read_only=True)
    assert "Leuven – Jurykwaliteit" in book.sheetnames
    quality = list(book["Leuven – Jurykwaliteit"].iter_rows(values_only=True))
    assert quality[0][:4] == ("Ronde", "Onderwerp", "Naam", "Krippendorffs alfa")
    assert sum(1 for row in quality if row[0] == 1 and row[1] == "Jurylid") == 6
    overview = list(book["Leuven – Overzicht"].iter_rows(values_only=True))
    header = overview[0]
    low = header.index("Rang, 5e percentiel")
    line = header.index("Op de financieringslijn")
    flagged = {row[2] for row in overview[1:] if row[0] == 1 and row[line] == "ja"}
    assert {cands[6], cands[7]} <= flagged
    assert all(row[low] is not None for row in overview[1:] if row[0] == 1)
