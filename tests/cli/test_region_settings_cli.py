"""`jurydesk region-settings` sets everything the region dialog sets and shows it all;
`decide --criterion-text` stores the texts a letter prints; `rebuttals --json` warns."""

from __future__ import annotations

from tests.cli.helpers import run, run_json


def test_region_settings_sets_and_shows_everything(db, capsys):
    shown = run_json(capsys, "region-settings", "leuven", "--db", db)["settings"]
    assert {
        "weerwoord_address",
        "weekend_shift",
        "signatory",
        "signatory_function",
        "letterhead",
        "sender",
        "pitch_place",
        "pitch_arrival",
        "pitch_party_size",
        "rebuttal_days",
        "contacts",
    } <= set(shown)
    got = run_json(
        capsys,
        "region-settings",
        "leuven",
        "--weerwoord-address",
        "weerwoord@leuven.example",
        "--signatory",
        "Lies Proef",
        "--signatory-function",
        "Voorzitter van de jury",
        "--letterhead",
        "Lokaal partnerschap Leuven",
        "--letterhead",
        "Secretariaat",
        "--sender",
        "Grote Markt 9, 3000 Leuven",
        "--pitch-place",
        "Stadhuis, zaal 2",
        "--pitch-arrival",
        "15",
        "--pitch-party-size",
        "3",
        "--no-weekend-shift",
        "--db",
        db,
    )
    settings = got["settings"]
    assert settings["signatory"] == "Lies Proef"
    assert settings["letterhead"] == "Lokaal partnerschap Leuven\nSecretariaat"
    assert settings["sender"] == "Grote Markt 9, 3000 Leuven"
    assert (settings["pitch_arrival"], settings["pitch_party_size"]) == (15, 3)
    assert settings["weekend_shift"] is False and settings["pitch_place"] == "Stadhuis, zaal 2"
    assert {"signatory", "weekend_shift", "pitch_arrival"} <= set(got["changed"])
    again = run_json(capsys, "region-settings", "leuven", "--db", db)["settings"]
    assert again == settings
    # Friday 7 July 2023 + 14 = Friday 21 July (national holiday): not moved any more
    windows = run_json(capsys, "rebuttals", "--region", "leuven", "--db", db)
    assert all(w["rule"] == "default" for w in windows)
    code, _out, err = run(
        capsys, "region-settings", "leuven", "--pitch-party-size", "99", "--db", db
    )
    assert code != 0 and "20" in err


def test_decide_with_criterion_texts_and_a_late_warning(db, capsys):
    windows = run_json(capsys, "rebuttals", "--region", "dijleland-plus", "--db", db)
    cand = str(windows[0]["candidature"])
    got = run_json(
        capsys,
        "decide",
        "--candidature",
        cand,
        "--round",
        "1",
        "--outcome",
        "not_selected",
        "--motivation",
        "Onvoldoende aansluiting.",
        "--communicated",
        "2024-01-05",
        "--criterion-text",
        "uitdagingen=De aansluiting is te beperkt.",
        "--db",
        db,
    )
    assert got["criterion_texts"] == {"uitdagingen": "De aansluiting is te beperkt."}
    assert "voor 22 december" in got["warning"]
    windows = run_json(capsys, "rebuttals", "--region", "dijleland-plus", "--db", db)
    mine = next(w for w in windows if str(w["candidature"]) == cand)
    assert mine["last_day"] == "2024-01-19" and "voor 22 december" in mine["warning"]
    code, _out, err = run(
        capsys,
        "decide",
        "--candidature",
        cand,
        "--round",
        "1",
        "--outcome",
        "not_selected",
        "--motivation",
        "x",
        "--criterion-text",
        "onbekend=x",
        "--db",
        db,
    )
    assert code != 0 and "onbekend" in err
