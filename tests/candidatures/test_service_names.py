"""A workbook's service text names a service type by its key, its need text or its excluded
label (with or without the addendum's "bijkomende"), whatever its case and spacing; the names
are normalised once per import, and the first type keeps a name two types share."""

from __future__ import annotations

from jurydesk.candidatures.rules import RegionRules


def _rules() -> RegionRules:
    return RegionRules(
        slug="x",
        region_id=1,
        name="X",
        deadline=None,
        channel="e-mail",
        challenge_numbers=frozenset({1}),
        funded={"taal": "Taalondersteuning", "wonen": "Huisvesting", "dubbel": "Gedeeld"},
        excluded={"vervoer": "Bijkomende vervoersdienstverlening", "ook": "Gedeeld"},
    )


def test_a_service_is_found_by_key_need_or_label() -> None:
    rules = _rules()
    assert rules.service_key("taal") == "taal"
    assert rules.service_key("  TAALONDERSTEUNING ") == "taal"
    assert rules.service_key("huis\u00advesting") is None  # a soft hyphen is not a space
    assert rules.service_key("Huisvesting") == "wonen"
    assert rules.service_key("bijkomende  Vervoersdienstverlening") == "vervoer"
    assert rules.service_key("vervoersdienstverlening") == "vervoer"
    assert rules.service_key("gedeeld") == "dubbel"  # the first type keeps the name
    assert rules.service_key("ook") == "ook"
    assert rules.service_key("kinderopvang") is None
    assert rules.service_key("") is None
