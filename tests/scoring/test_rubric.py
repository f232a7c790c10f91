from __future__ import annotations

from decimal import Decimal

import pytest

from jurydesk.scoring.rubric import (
    RubricError,
    bundled_rubric_files,
    load_rubric_file,
    parse_rubric,
)

DEFAULT = bundled_rubric_files()[0].read_text("utf-8")


def problems(text: str) -> list[str]:
    with pytest.raises(RubricError) as info:
        parse_rubric(text.encode(), "kapot.toml")
    assert "kapot.toml" in str(info.value)
    return info.value.problems


def test_default_rubric_covers_the_addenda_themes():
    rubric = load_rubric_file(bundled_rubric_files()[0])
    assert [r.number for r in rubric.rounds] == [1, 2]
    keys = [c.key for c in rubric.round(1).criteria]
    assert keys == ["uitdagingen", "bereik", "vertrouwen", "aanpak", "werkgevers", "haalbaarheid"]
    text = " ".join(c.guidance for c in rubric.round(1).criteria)
    for theme in (
        "vindplaatsgericht",
        "aanklampend",
        "outreachend",
        "trajectgezel",
        "brugfiguur",
        "multidisciplinaire",
        "cultuursensitieve",
        "werkgevers",
        "actieplan",
    ):
        assert theme in text
    assert all(c.half_points for c in rubric.round(2).criteria)


def test_scale_values_and_labels():
    rubric = load_rubric_file(bundled_rubric_files()[0])
    whole, half = rubric.round(1).criteria[0], rubric.round(2).criteria[0]
    assert [int(v) for v in whole.values()] == [0, 1, 2, 3, 4]
    assert len(half.values()) == 9
    assert whole.label_for(0) == "0 - niet aanwezig"
    assert whole.label_for(4) == "4 - uitstekend"
    assert half.label_for(2.5) == "2,5 - voldoende / goed"
    assert not whole.is_valid(Decimal("2.5")) and half.is_valid(Decimal("2.5"))


def test_unlabelled_value_is_named():
    found = problems(DEFAULT.replace('4 = "uitstekend"\n', ""))
    assert any(p.startswith("rounds[0].criteria[0].labels: no label for 4") for p in found)


def test_knockout_outside_the_scale():
    found = problems(
        DEFAULT.replace(
            'knockout = 1\nshows = ["challenges", "needs"]',
            'knockout = 9\nshows = ["challenges", "needs"]',
            1,
        )
    )
    assert any("rounds[0].criteria[0].knockout: 9 lies outside the scale 0..4" in p for p in found)


def test_weight_must_be_positive():
    found = problems(DEFAULT.replace("weight = 3", "weight = 0", 1))
    assert "rounds[0].criteria[0].weight: must be positive, not 0" in found


def test_unknown_method_and_missing_round():
    text = DEFAULT.replace('method = "mean"', 'method = "gevoel"')
    text = text[: text.index("[[rounds]]\nnumber = 2")]
    found = problems(text)
    assert any(p.startswith("aggregation.method") for p in found)
    assert any(p.startswith("rounds: there must be exactly two rounds") for p in found)
