"""No silent mojibake: a CSV that is not UTF-8, nor Windows-1252 that reads as Dutch, is named
by its detected encoding (charset-normalizer) for the user to confirm, or refused; mail bodies
and subjects without charset likewise."""

from __future__ import annotations

from sqlalchemy import select

from jurydesk.candidatures.service import import_candidatures
from jurydesk.candidatures.tabular import EncodingToConfirm, TableError, read_table
from jurydesk.mail.read import parse
from jurydesk.store.models import Candidature
from jurydesk.textcodec import decode_undeclared
from tests.cli.helpers import run, run_json

HEADER = "Organisatie;Contactpersoon;E-mail;Titel;Ontvangen op"
CHINESE = "示例组织;张伟;zhang@voorbeeld.example;社区项目支持;05/06/2023 10:00"
DUTCH = "Café De Zoë vzw;Renée Peeters;renee@zoe.example;Buurtwerking en €-fonds;05/06/2023 10:00"


def _csv(tmp_path, name: str, text: str, encoding: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(f"{HEADER}\r\n{text}\r\n".encode(encoding))
    return path


def _organisations(store) -> list[str]:  # type: ignore[no-untyped-def]
    with store.reader() as session:
        return list(session.scalars(select(Candidature.organisation)))


def test_windows_1252_that_reads_as_dutch_is_taken_as_it_is(store, tmp_path):
    path = _csv(tmp_path, "excel.csv", DUTCH, "cp1252")
    report = import_candidatures(store, path, "leuven", dry_run=False)
    assert report.ok and report.encoding == "windows-1252"
    assert _organisations(store) == ["Café De Zoë vzw"]


def test_a_gbk_csv_is_named_and_nothing_is_written_until_confirmed(store, tmp_path):
    path = _csv(tmp_path, "gbk.csv", CHINESE, "gbk")
    try:
        import_candidatures(store, path, "leuven", dry_run=False)
    except EncodingToConfirm as exc:
        assert exc.encoding == "GB18030"
        assert "gbk.csv" in str(exc) and "GB18030" in str(exc)
        assert exc.sample[1].startswith("示例组织;张伟")
    else:
        raise AssertionError("a GBK file was read without asking")
    assert _organisations(store) == []
    report = import_candidatures(store, path, "leuven", dry_run=False, encoding="GB18030")
    assert report.ok and report.encoding == "GB18030"
    assert _organisations(store) == ["示例组织"]  # never "Ê¾Àý×éÖ¯"


def test_cyrillic_and_a_wrong_confirmation_are_refused_by_name(store, tmp_path):
    path = _csv(
        tmp_path,
        "kyrillisch.csv",
        "Пример организации;Иван;i@x.example;Проект;05/06/2023 10:00",
        "cp1251",
    )
    try:
        read_table(path)
    except EncodingToConfirm as exc:
        assert exc.encoding == "windows-1251"
    else:
        raise AssertionError("a Cyrillic file was read as Windows-1252")
    gbk = _csv(tmp_path, "gbk.csv", CHINESE + "\u20ac", "gb18030")
    try:
        import_candidatures(store, gbk, "leuven", dry_run=True, encoding="ascii")
    except TableError as exc:
        assert str(exc).startswith("gbk.csv: de tekst kan niet gelezen worden als ascii (byte ")
    else:
        raise AssertionError("bytes that do not fit the confirmed encoding were read")
    assert _organisations(store) == []


def test_the_cli_names_the_encoding_and_imports_with_encoding(capsys, db, tmp_path):
    path = _csv(tmp_path, "gbk.csv", CHINESE, "gbk")
    code, out, err = run(
        capsys, "import", "candidatures", str(path), "--region", "leuven", "--db", db
    )
    assert code != 0 and out == ""
    assert err.strip().splitlines() == [
        "jurydesk: gbk.csv: de tekst is geen UTF-8 of Windows-1252; het lijkt GB18030. "
        "Controleer hoe het leest en importeer het als GB18030, of bewaar het bestand als "
        "'CSV UTF-8 (door komma's gescheiden)' (om het zo te importeren: --encoding GB18030)"
    ]
    report = run_json(
        capsys,
        "import",
        "candidatures",
        str(path),
        "--region",
        "leuven",
        "--encoding",
        "GB18030",
        "--db",
        db,
    )
    assert report["written"] == 1 and report["encoding"] == "GB18030"
    rows = run_json(capsys, "candidatures", "--region", "leuven", "--db", db)
    assert "示例组织" in {r["organisation"] for r in rows}


def test_a_mail_without_charset_is_read_in_its_detected_encoding_and_says_so():
    raw = (
        "From: Zhang <zhang@voorbeeld.example>\nSubject: 示例组织 aanvraag\n"
        "Date: Mon, 05 Jun 2023 10:00:00 +0200\nContent-Type: text/plain\n\n"
        "示例组织 vraagt steun voor een buurtproject in Leuven.\n"
    ).encode("gbk")
    mail = parse(raw, "gbk.eml")
    assert mail.subject == "示例组织 aanvraag"
    assert mail.body == "示例组织 vraagt steun voor een buurtproject in Leuven."
    assert mail.problems == [
        "het onderwerp vermeldt geen tekenset; gelezen als GB18030 (herkend): controleer het",
        "de tekst vermeldt geen tekenset; gelezen als GB18030 (herkend): controleer hem",
    ]


def test_a_dutch_mail_without_charset_reads_without_a_warning():
    raw = (
        "From: An <an@zoe.example>\nSubject: Zoë's aanvraag\n"
        "Date: Mon, 05 Jun 2023 10:00:00 +0200\nContent-Type: text/plain\n\nRenée vraagt € 500.\n"
    ).encode("cp1252")
    mail = parse(raw, "nl.eml")
    assert (mail.subject, mail.body, mail.problems) == ("Zoë's aanvraag", "Renée vraagt € 500.", [])


def test_undeclared_text_is_never_windows_1252_mojibake():
    for text, encoding in (("Łódź Związek Żaneta", "cp1250"), ("Пример организации", "cp1251")):
        decoded = decode_undeclared(text.encode(encoding))
        assert decoded is not None and decoded.guessed
        assert decoded.encoding != "windows-1252"
    assert decode_undeclared("Zoë".encode("cp1252")).encoding == "windows-1252"
    assert decode_undeclared("Zoë".encode()).encoding == "utf-8"
