"""Region files are validated on load, with messages naming the file, the key and the problem."""

from __future__ import annotations

import pytest

from jurydesk.paths import resources_dir
from jurydesk.regions.loader import RegionFileError, bundled_region_files, parse_region

LEUVEN = (resources_dir() / "regions" / "leuven.toml").read_text("utf-8")


def problems_of(text: str) -> list[str]:
    with pytest.raises(RegionFileError) as info:
        parse_region(text.encode("utf-8"), "broken.toml")
    assert info.value.file == "broken.toml"
    assert "broken.toml" in str(info.value)
    return info.value.problems


def test_bundled_files_load():
    slugs = {path.stem for path in bundled_region_files()}
    assert slugs == {"leuven", "dijleland-plus"}


def test_missing_key_is_named():
    assert "name: is missing" in problems_of(LEUVEN.replace('name = "Leuven"\n', ""))


def test_bad_slug_and_email_are_named():
    problems = problems_of(
        LEUVEN.replace('slug = "leuven"', 'slug = "Leuven Stad"').replace(
            "anne.moyaerts@vdab.be", "anne.moyaerts.vdab.be"
        )
    )
    assert any(p.startswith("slug:") for p in problems)
    assert any(p.startswith("contacts.people[0].email:") for p in problems)


def test_challenge_numbers_must_run_from_one():
    problems = problems_of(LEUVEN.replace("number = 2", "number = 7"))
    assert any("challenges: numbers must run 1..4" in p for p in problems)


def test_unknown_timeline_key_and_kind_are_named():
    problems = problems_of(
        LEUVEN.replace('key = "launch"', 'key = "lancering"').replace(
            'kind = "moment"', 'kind = "ooit"'
        )
    )
    assert any(p.startswith("timeline.events[0].key:") for p in problems)
    assert any(p.startswith("timeline.events[0].kind:") for p in problems)


def test_wrong_type_is_named():
    problems = problems_of(LEUVEN.replace("start = 2023-04-28", 'start = "28 april"'))
    assert any(p.startswith("timeline.events[0].start:") for p in problems)


def test_period_end_before_start():
    problems = problems_of(LEUVEN.replace("end = 2023-06-16", "end = 2023-06-01"))
    assert "timeline.events[2].end: lies before the start" in problems


def test_service_funded_and_excluded_at_once():
    problems = problems_of(LEUVEN.replace('key = "medische-dienstverlening"', 'key = "mobiliteit"'))
    assert any("both funded" in p for p in problems)


def test_not_toml_and_not_utf8():
    assert problems_of("slug = [")[0].startswith("not valid TOML")
    with pytest.raises(RegionFileError, match="not UTF-8"):
        parse_region(b"\xff\xfe", "x.toml")


def test_all_problems_are_reported_at_once():
    broken = (
        LEUVEN.replace('name = "Leuven"\n', "")
        .replace('slug = "leuven"', 'slug = "Bad Slug"')
        .replace('channel = "email"', 'channel = "fax"')
    )
    assert len(problems_of(broken)) >= 3
