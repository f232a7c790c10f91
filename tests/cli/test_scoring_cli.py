"""The scoring commands: one id space across jurors, scores and results; refusals exit 1."""

from __future__ import annotations

from tests.cli.helpers import run, run_json


def test_rubric_show(db, capsys):
    rubric = run_json(capsys, "rubric", "show", "--region", "leuven", "--db", db)
    assert [r["number"] for r in rubric["rounds"]] == [1, 2]
    criterion = rubric["rounds"][0]["criteria"][0]
    assert {"key", "label", "weight", "min", "max", "labels", "knockout"} <= set(criterion)
    assert criterion["labels"]["4"] == "uitstekend"


def test_ids_are_the_same_everywhere(db, capsys):
    jurors = run_json(capsys, "jurors", "--region", "leuven", "--db", db)
    assert {j["role"] for j in jurors} >= {"vdab", "lokaal_bestuur", "expert"}
    conflicted = next(j for j in jurors if j["conflicts"])
    scores = run_json(capsys, "scores", "--region", "leuven", "--round", "1", "--db", db)
    candidatures = run_json(capsys, "candidatures", "--region", "leuven", "--db", db)
    assert {s["juror"] for s in scores} <= {j["id"] for j in jurors}
    assert {s["candidature"] for s in scores} == {c["id"] for c in candidatures}
    assert all(
        {"juror", "candidature", "criterion", "value", "motivation", "finalized"} <= set(s)
        for s in scores
    )
    results = run_json(capsys, "results", "--region", "leuven", "--round", "1", "--db", db)
    for r in results:
        assert {
            "candidature",
            "rank",
            "jurors",
            "juror_totals",
            "mean",
            "median",
            "trimmed_mean",
            "zscore",
            "stdev",
            "range",
            "disagreement",
            "knockout",
            "missing",
            "proposed",
        } <= set(r)
        assert set(r["juror_totals"]) == {str(j) for j in r["jurors"]}
    conflict_candidature = conflicted["conflicts"][0]
    row = next(r for r in results if r["candidature"] == conflict_candidature)
    assert conflicted["id"] not in row["jurors"]
    assert conflicted["id"] in row["conflicts"]


def test_methods_change_the_ranking_basis(db, capsys):
    by_method = {
        m: run_json(
            capsys, "results", "--region", "leuven", "--round", "1", "--method", m, "--db", db
        )
        for m in ("mean", "median")
    }
    mean_order = [r["candidature"] for r in by_method["mean"]]
    median_scores = {r["candidature"]: r["median"] for r in by_method["median"]}
    assert {r["method"] for r in by_method["median"]} == {"median"}
    ranked = [r for r in by_method["median"] if r["rank"] and not r["knockout"]]
    assert [median_scores[r["candidature"]] for r in ranked] == sorted(
        (median_scores[r["candidature"]] for r in ranked), reverse=True
    )
    assert len(mean_order) == 13


def test_score_finalize_and_refusals(db, capsys):
    new = run_json(
        capsys,
        "juror",
        "add",
        "--name",
        "Nieuw Jurylid",
        "--role",
        "expert",
        "--region",
        "leuven",
        "--round",
        "1",
        "--db",
        db,
    )["id"]
    candidature = run_json(capsys, "candidatures", "--region", "leuven", "--db", db)[0]["id"]
    paper = ["--on-paper", "--date", "2023-06-01", "--db", db]
    run_json(capsys, "declaration", "sign", "--region", "leuven", "--juror", str(new), *paper)
    saved = run_json(
        capsys,
        "score",
        "--juror",
        str(new),
        "--candidature",
        str(candidature),
        "--round",
        "1",
        "--criterion",
        "bereik",
        "--value",
        "3",
        "--motivation",
        "Goed bereik",
        "--db",
        db,
    )
    assert saved["version"] == 1
    code, _out, err = run(
        capsys,
        "score",
        "--juror",
        str(new),
        "--candidature",
        str(candidature),
        "--round",
        "1",
        "--criterion",
        "bereik",
        "--value",
        "7",
        "--db",
        db,
    )
    assert code == 1 and "schaal" in err
    code, _out, err = run(
        capsys,
        "finalize",
        "--juror",
        str(new),
        "--candidature",
        str(candidature),
        "--round",
        "1",
        "--db",
        db,
    )
    assert code == 1 and "nog geen score" in err
    assert (
        run(
            capsys,
            "conflict",
            "add",
            "--juror",
            str(new),
            "--candidature",
            str(candidature),
            "--reason",
            "Oud-werknemer",
            "--db",
            db,
        )[0]
        == 0
    )
    code, _out, err = run(
        capsys,
        "score",
        "--juror",
        str(new),
        "--candidature",
        str(candidature),
        "--round",
        "1",
        "--criterion",
        "aanpak",
        "--value",
        "2",
        "--db",
        db,
    )
    assert code == 1 and "belangenconflict" in err


def test_locked_score_is_refused_then_reopened(db, capsys):
    scores = run_json(capsys, "scores", "--region", "leuven", "--round", "1", "--db", db)
    s = next(s for s in scores if s["finalized"])
    args = ["--juror", str(s["juror"]), "--candidature", str(s["candidature"]), "--round", "1"]
    code, _out, err = run(
        capsys, "score", *args, "--criterion", s["criterion"], "--value", "0", "--db", db
    )
    assert code == 1 and "vergrendeld" in err
    assert run(capsys, "reopen", *args, "--reason", "Rekenfout", "--db", db)[0] == 0
    assert (
        run(capsys, "score", *args, "--criterion", s["criterion"], "--value", "0", "--db", db)[0]
        == 0
    )
    assert run(capsys, "finalize", *args, "--db", db)[0] == 0


def test_decide_needs_a_valid_outcome_and_date(db, capsys):
    candidature = run_json(capsys, "candidatures", "--region", "leuven", "--db", db)[0]["id"]
    base = ["decide", "--candidature", str(candidature), "--round", "1", "--db", db]
    code, _out, err = run(capsys, *base, "--outcome", "selected", "--motivation", "x")
    assert code == 1 and "geen beslissing van ronde 1" in err
    code, _out, err = run(
        capsys,
        *base,
        "--outcome",
        "not_selected",
        "--motivation",
        "x",
        "--communicated",
        "31/02/2023",
    )
    assert code == 1 and "--communicated" in err
    decided = run_json(
        capsys,
        *base,
        "--outcome",
        "not_selected",
        "--motivation",
        "Onvoldoende aansluiting",
        "--communicated",
        "19/06/2023",
        "--deviation-reason",
        "De aansluiting bij de regio-uitdagingen is onvoldoende",
    )
    assert decided["communicated_on"] == "2023-06-19"
    assert run(capsys, "audit", "verify", "--db", db)[0] == 0
