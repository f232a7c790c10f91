"""Importing candidatures: all or nothing, with a report that names row and column."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from jurydesk.candidatures.service import import_candidatures, list_candidatures
from jurydesk.candidatures.tabular import TableError
from jurydesk.timeutil import BRUSSELS

HEADERS = [
    "Organisatie",
    "Contactpersoon",
    "E-mail",
    "Telefoon",
    "Titel",
    "Samenvatting",
    "Ontvangen op",
    "Kanaal",
    "Regio-uitdagingen",
    "Dienstverlening",
    "Gevraagd budget",
    "Bijlagen",
]


def row(org: str = "Vzw Één", **values: object) -> list[object]:
    base: dict[str, object] = {
        "Organisatie": org,
        "Contactpersoon": "Ann Peeters",
        "E-mail": "ann@een.example",
        "Titel": "Voorstel",
        "Ontvangen op": "01/06/2023 10:00",
        "Regio-uitdagingen": "1",
        "Dienstverlening": "taalondersteuning",
    }
    for key, value in values.items():
        name = key.replace("_", " ")
        base[name if name in HEADERS else key.replace("_", "-")] = value
    return [base.get(h) for h in HEADERS]


def xlsx(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for r in rows:
        sheet.append(r)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], delimiter: str = ";") -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def count(store, slug: str = "leuven") -> int:
    with store.reader() as session:
        return len(list_candidatures(session, slug))


def errors_of(report) -> list[tuple[int, str]]:
    return [(p.row, p.column) for p in report.validation.errors]


def test_xlsx_import_writes_every_row(store, tmp_path):
    file = xlsx(tmp_path / "k.xlsx", [row("A vzw"), row("B vzw", E_mail="b@b.example")])
    report = import_candidatures(store, file, "leuven", dry_run=False)
    assert report.ok and report.written == 2
    assert count(store) == 2


def test_csv_with_comma_or_semicolon(store, tmp_path):
    semi = write_csv(tmp_path / "a.csv", [row("A vzw")])
    comma = write_csv(tmp_path / "b.csv", [row("B vzw")], delimiter=",")
    assert import_candidatures(store, semi, "leuven", dry_run=False).written == 1
    assert import_candidatures(store, comma, "leuven", dry_run=False).written == 1
    assert count(store) == 2


def test_headers_match_case_insensitively_in_any_order(store, tmp_path):
    headers = ["ontvangen op", "TITEL", "e-mail", "  Contactpersoon ", "organisatie"]
    file = xlsx(
        tmp_path / "k.xlsx", [["2023-06-01T10:00:00", "T", "a@a.example", "An", "A vzw"]], headers
    )
    report = import_candidatures(store, file, "leuven", dry_run=False)
    assert report.ok, report.validation.problems
    assert report.written == 1


def test_missing_required_column_is_named(store, tmp_path):
    file = xlsx(tmp_path / "k.xlsx", [["A vzw", "An"]], ["Organisatie", "Contactpersoon"])
    report = import_candidatures(store, file, "leuven", dry_run=False)
    assert {(1, "E-mail"), (1, "Titel"), (1, "Ontvangen op")} <= set(errors_of(report))
    assert count(store) == 0


@pytest.mark.parametrize(
    "values,column",
    [
        ({"Contactpersoon": None}, "Contactpersoon"),
        ({"E_mail": "ann-at-een.example"}, "E-mail"),
        ({"Regio_uitdagingen": "5"}, "Regio-uitdagingen"),
        ({"Regio_uitdagingen": "twee"}, "Regio-uitdagingen"),
        ({"Dienstverlening": "tuinieren"}, "Dienstverlening"),
        ({"Ontvangen_op": "31/02/2023 10:00"}, "Ontvangen op"),
        ({"Ontvangen_op": "gisteren"}, "Ontvangen op"),
        ({"Ontvangen_op": "26/03/2023 02:30"}, "Ontvangen op"),  # skipped by the summer-time change
        ({"Gevraagd_budget": "veel"}, "Gevraagd budget"),
        ({"Gevraagd_budget": "-5"}, "Gevraagd budget"),
    ],
)
def test_one_bad_row_blocks_the_whole_file(store, tmp_path, values, column):
    file = xlsx(
        tmp_path / "k.xlsx",
        [row("Goed vzw"), row("Slecht vzw", **values), row("Ook goed vzw", E_mail="o@o.example")],
    )
    report = import_candidatures(store, file, "leuven", dry_run=False)
    assert not report.ok
    assert errors_of(report) == [(3, column)]
    assert report.written == 0 and count(store) == 0


def test_second_candidature_of_an_organisation_is_refused(store, tmp_path):
    file = xlsx(tmp_path / "k.xlsx", [row("De Brug vzw"), row("de  brug VZW")])
    report = import_candidatures(store, file, "leuven", dry_run=False)
    assert errors_of(report) == [(3, "Organisatie")]
    assert "rij 2" in report.validation.errors[0].message
    first = xlsx(tmp_path / "a.xlsx", [row("De Brug vzw")])
    assert import_candidatures(store, first, "leuven", dry_run=False).written == 1
    again = xlsx(tmp_path / "b.xlsx", [row("DE BRUG vzw")])
    assert errors_of(import_candidatures(store, again, "leuven", dry_run=False)) == [
        (2, "Organisatie")
    ]
    # The same organisation may apply in another region.
    other = xlsx(tmp_path / "c.xlsx", [row("De Brug vzw")])
    assert import_candidatures(store, other, "dijleland-plus", dry_run=False).written == 1


def test_dry_run_writes_nothing(store, tmp_path):
    file = xlsx(tmp_path / "k.xlsx", [row("A vzw")])
    report = import_candidatures(store, file, "leuven", dry_run=True)
    assert report.ok and report.written == 0 and len(report.validation.candidatures) == 1
    assert count(store) == 0


def test_import_takes_a_backup_first(store, tmp_path):
    from jurydesk.store.backup import backups_dir

    file = xlsx(tmp_path / "k.xlsx", [row("A vzw")])
    import_candidatures(store, file, "leuven", dry_run=False)
    assert list(backups_dir(store.file).glob("*before-import*.sqlite"))


def test_formula_like_text_stays_text(store, tmp_path):
    file = xlsx(
        tmp_path / "k.xlsx",
        [row('=HYPERLINK("x")', Titel="+32 gevaar", Samenvatting="-1 @SUM(A1)")],
    )
    assert import_candidatures(store, file, "leuven", dry_run=False).written == 1
    # control characters are not silently dropped: the field is named, nothing is written
    text = write_csv(tmp_path / "k.csv", [row("@Controle\x07 vzw", Titel="\x1bTitel")])
    report = import_candidatures(store, text, "leuven", dry_run=False)
    assert report.written == 0
    assert {p.column for p in report.validation.errors} == {"Organisatie", "Titel"}
    with store.reader() as session:
        [first] = list_candidatures(session, "leuven")
    assert first.organisation == '=HYPERLINK("x")'
    assert first.title == "+32 gevaar"
    assert first.summary == "-1 @SUM(A1)"


@pytest.mark.parametrize(
    "received,late",
    [
        ("09/06/2023 23:59", False),
        ("2023-06-09T23:59:59+02:00", False),
        ("2023-06-10T00:00:00+02:00", True),
        ("2023-06-09T21:59:59Z", False),
        ("2023-06-09T22:00:00Z", True),
        ("2023-06-09T23:30:00+01:00", True),  # = 00:30 Belgian summer time
    ],
)
def test_late_to_the_second_in_summer_time(store, tmp_path, received, late):
    file = xlsx(tmp_path / "k.xlsx", [row("A vzw", Ontvangen_op=received)])
    assert import_candidatures(store, file, "leuven", dry_run=False).ok
    with store.reader() as session:
        assert list_candidatures(session, "leuven")[0].late is late


@pytest.mark.parametrize(
    "received,late",
    [
        ("24/11/2023 23:59", False),
        ("2023-11-24T22:59:59Z", False),  # 23:59:59 winter time
        ("2023-11-24T23:00:00Z", True),
        (datetime(2023, 11, 25, 0, 0, 0), True),  # a spreadsheet date cell, Belgian time
    ],
)
def test_late_to_the_second_in_winter_time(store, tmp_path, received, late):
    file = xlsx(
        tmp_path / "k.xlsx", [row("A vzw", Ontvangen_op=received, Dienstverlening="huisvesting")]
    )
    assert import_candidatures(store, file, "dijleland-plus", dry_run=False).ok
    with store.reader() as session:
        got = list_candidatures(session, "dijleland-plus")[0]
    assert got.late is late
    assert got.received_at.tzinfo is not None


AFTER = "20/11/2023 10:00"  # after Dijleland+'s launch (13/10/2023), before its deadline


def test_flags_from_the_region_data(store, tmp_path):
    file = xlsx(
        tmp_path / "k.xlsx",
        [
            row("Medisch vzw", Dienstverlening="medische-dienstverlening", Ontvangen_op=AFTER),
            row(
                "Digitaal vzw",
                Dienstverlening="Dienstverlening rond digitale vaardigheden",
                Ontvangen_op=AFTER,
            ),
            row("Nergens vzw", Regio_uitdagingen=None, Ontvangen_op=AFTER),
        ],
    )
    assert import_candidatures(store, file, "dijleland-plus", dry_run=False).ok
    with store.reader() as session:
        flags = {c.organisation: c.flags for c in list_candidatures(session, "dijleland-plus")}
    assert flags == {
        "Medisch vzw": ["only_excluded_services"],
        "Digitaal vzw": ["only_excluded_services"],
        "Nergens vzw": ["no_challenges"],
    }


def test_a_candidature_received_before_the_launch_is_flagged(store, tmp_path):
    file = xlsx(tmp_path / "k.xlsx", [row("Vroeg vzw", Ontvangen_op="01/01/1999 10:00")])
    assert import_candidatures(store, file, "dijleland-plus", dry_run=False).ok
    with store.reader() as session:
        [got] = list_candidatures(session, "dijleland-plus")
    assert got.flags[0] == "before_launch" and not got.late


def test_service_types_by_name_and_budget_in_belgian_notation(store, tmp_path):
    file = xlsx(
        tmp_path / "k.xlsx",
        [
            row(
                "A vzw",
                Dienstverlening="Mobiliteit op maat; TAALONDERSTEUNING",
                Gevraagd_budget="€ 45.000,50",
            )
        ],
    )
    assert import_candidatures(store, file, "leuven", dry_run=False).ok
    with store.reader() as session:
        c = list_candidatures(session, "leuven")[0]
    assert c.services == ["mobiliteit", "taalondersteuning"]
    assert str(c.requested_budget) == "45000.50"


def test_template_hint_row_is_skipped(store, tmp_path):
    from openpyxl import load_workbook

    from jurydesk.candidatures.template import write_template

    out = write_template(tmp_path / "t.xlsx")
    workbook = load_workbook(out)
    workbook.active.append(row("A vzw"))
    workbook.save(out)
    report = import_candidatures(store, out, "leuven", dry_run=False)
    assert report.ok and report.written == 1


@pytest.mark.parametrize(
    "name,content",
    [
        ("kapot.xlsx", b"not a zip"),
        ("leeg.csv", b""),
        ("tekst.docx", b"x"),
    ],
)
def test_unreadable_files_are_refused_with_the_file_name(store, tmp_path, name, content):
    file = tmp_path / name
    file.write_bytes(content)
    with pytest.raises(TableError, match=name.split(".")[0]):
        import_candidatures(store, file, "leuven", dry_run=False)
    assert count(store) == 0


def test_stored_moment_keeps_the_instant(store, tmp_path):
    file = xlsx(tmp_path / "k.xlsx", [row("A vzw", Ontvangen_op="2023-03-26T03:30:00+02:00")])
    import_candidatures(store, file, "leuven", dry_run=False)
    with store.reader() as session:
        c = list_candidatures(session, "leuven")[0]
    assert c.received_at == datetime(2023, 3, 26, 3, 30, tzinfo=BRUSSELS)
