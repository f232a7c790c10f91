"""Candidatures from the Leuven submission mailbox: subjects, server times, versions, refusals."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select

from jurydesk.demo.generate import make_docx, make_pdf
from jurydesk.documents.service import list_documents
from jurydesk.mail.intake import import_mailbox
from jurydesk.store.models import Candidature
from tests.cli.helpers import run_json

SUBJECT = "Kandidatuur Capacity Building Leuven"


def _mail(
    sender: str,
    subject: str,
    received: str | None,
    date: str | None = None,
    files: list[tuple[str, bytes]] = (),  # type: ignore[assignment]
    body: str = "Beste, in bijlage onze kandidatuur.",
    message_id: str | None = None,
    html: bool = False,
) -> bytes:
    m = EmailMessage()
    if received:
        m["Received"] = f"from mx.example by mail.ocmw-leuven.be; {received}"
    m["From"] = sender
    m["To"] = "asd@ocmw-leuven.be"
    m["Subject"] = subject
    if date:
        m["Date"] = date
    m["Message-ID"] = message_id or f"<{abs(hash((sender, subject, received)))}@test>"
    if html:
        m.set_content(
            f"<html><body><p>{body}</p><script>x()</script></body></html>", subtype="html"
        )
    else:
        m.set_content(body)
    for name, data in files:
        maintype, subtype = (
            ("application", "pdf") if name.endswith(".pdf") else ("application", "octet-stream")
        )
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(m)


def _box(tmp: Path) -> Path:
    folder = tmp / "mailbox"
    folder.mkdir()
    pdf = make_pdf("Kandidatuur Zonnewijzer", [["Kinderopvang en taalsteun"]])
    docx = make_docx([("Heading1", "Voorstel"), ("", "Trajectgezel voor jongvolwassenen")])
    messages = {
        "01.eml": _mail(
            '"An Peeters" <an@zonnewijzer-leuven.be>',
            SUBJECT,
            "Fri, 9 Jun 2023 23:59:30 +0200",
            files=[("voorstel.pdf", pdf)],
        ),
        "02.eml": _mail(
            "Bo <bo@de-brug.be>",
            f"Fwd: TR: {SUBJECT} - Vzw De Brug",
            "Sat, 10 Jun 2023 00:00:10 +0200",
            files=[("../../voorstel.docx", docx)],
        ),
        "03.eml": _mail(
            "Cis <cis@vraag.be>", "Vraag over het addendum", "Thu, 1 Jun 2023 10:00:00 +0200"
        ),
        "04.eml": _mail(
            '"An Peeters" <an@zonnewijzer-leuven.be>',
            f"RE: {SUBJECT} (correctie)",
            "Thu, 8 Jun 2023 09:00:00 +0200",
            files=[("voorstel-v2.pdf", pdf + b"\n")],
        ),
        "05.eml": _mail(
            "=?utf-8?q?Dari=C3=ABn?= <darien@gmail.com>",
            "=?utf-8?q?=E2=80=9Ckandidatuur_capacity_building_leuven=E2=80=9D?=",
            None,
            date="Mon, 5 Jun 2023 14:00:00 +0200",
            html=True,
            files=[("winmail.dat", b"\x78\x9f\x3e\x22junk")],
        ),
        "06.eml": _mail("Eva <eva@x.be>", SUBJECT, None, date=None),
    }
    for name, data in messages.items():
        (folder / name).write_bytes(data)
    return folder


def test_the_leuven_mailbox_becomes_candidatures_with_the_right_flags(store, tmp_path):
    folder = _box(tmp_path)
    report = import_mailbox(store, [folder], "leuven", dry_run=False)
    data = report.to_json()
    created = {c["sender"]: c for c in data["created"]}
    assert set(created) == {"an@zonnewijzer-leuven.be", "bo@de-brug.be", "darien@gmail.com"}
    assert [u["sender"] for u in data["updated"]] == ["an@zonnewijzer-leuven.be"]
    skipped = {s["sender"]: s["reason"] for s in data["skipped"]}
    assert "cis@vraag.be" in skipped and "eva@x.be" in skipped
    an, bo, darien = (
        created[k] for k in ("an@zonnewijzer-leuven.be", "bo@de-brug.be", "darien@gmail.com")
    )
    # The receiving server's time decides, to the minute (23:59 is in time, 00:00 is late).
    assert an["received_from_header"] == "received" and not an["late"]
    assert bo["late"] and bo["received_at"].startswith("2023-06-10T00:00")
    assert darien["received_from_header"] == "date"
    assert any("winmail.dat" in p for p in darien["problems"])
    assert bo["organisation"] == "De Brug" and an["organisation"] == "Zonnewijzer Leuven"
    assert bo["documents"] == ["voorstel.docx"]  # the path parts are gone
    with store.reader() as session:
        cand = session.scalar(
            select(Candidature).where(Candidature.email == "an@zonnewijzer-leuven.be")
        )
        docs = [d.name for d in list_documents(session, cand.id)]
        assert sorted(docs) == ["voorstel-v2.pdf", "voorstel.pdf"]  # every version kept
        dar = session.scalar(select(Candidature).where(Candidature.email == "darien@gmail.com"))
        assert "<script>" not in dar.summary and "kandidatuur" in dar.summary
    again = import_mailbox(store, [folder], "leuven", dry_run=False).to_json()
    assert again["created"] == [] and again["updated"] == []
    assert all(s["reason"] for s in again["skipped"])


def test_dry_run_writes_nothing_and_mbox_is_read(store, tmp_path, capsys):
    folder = _box(tmp_path)
    box = mailbox.mbox(str(tmp_path / "export.mbox"))
    for eml in sorted(folder.iterdir()):
        box.add(eml.read_bytes())
    box.flush()
    box.close()
    url = store.url
    store.close()
    data = run_json(
        capsys,
        "--db",
        url,
        "import",
        "mailbox",
        str(tmp_path / "export.mbox"),
        "--region",
        "leuven",
        "--dry-run",
    )
    assert len(data["created"]) == 3 and data["dry_run"]
    listed = run_json(capsys, "--db", url, "candidatures", "--region", "leuven")
    assert listed == []


def test_a_web_form_region_takes_no_mail(store, tmp_path):
    report = import_mailbox(store, [_box(tmp_path)], "dijleland-plus", dry_run=False).to_json()
    assert report["created"] == [] and len(report["skipped"]) == 6
    assert all("webformulier" in s["reason"] for s in report["skipped"])


def test_a_long_message_id_and_a_missing_one_are_taken_in_once(store, tmp_path):
    """A 600-character Message-ID (longer than the column) and a message without any, once
    as .eml and again out of an mbox: each is taken in once, the second import and its dry
    run say 'already imported'."""
    received = "Mon, 05 Jun 2023 10:00:00 +0200"
    long_id = "<" + "x" * 600 + "@test>"
    first = tmp_path / "eerste"
    first.mkdir()
    (first / "lang.eml").write_bytes(
        _mail('"An" <an@lang.be>', SUBJECT, received, message_id=long_id)
    )
    without = _mail('"Bo" <bo@zonder.be>', SUBJECT, received, date=received)
    without = b"\n".join(line for line in without.split(b"\n") if b"Message-ID" not in line)
    (first / "zonder.eml").write_bytes(without)
    report = import_mailbox(store, [first], "leuven", dry_run=False).to_json()
    assert len(report["created"]) == 2
    box = mailbox.mbox(str(tmp_path / "export.mbox"))
    for eml in sorted(first.iterdir()):
        box.add(eml.read_bytes())
    box.flush()
    box.close()
    for dry_run in (True, False):
        again = import_mailbox(store, [tmp_path / "export.mbox"], "leuven", dry_run=dry_run)
        data = again.to_json()
        assert data["created"] == [] and data["updated"] == []
        assert [s["reason"] for s in data["skipped"]] == ["al ingelezen"] * 2
    with store.reader() as session:
        assert len(session.scalars(select(Candidature)).all()) == 2


def test_mail_dated_before_the_launch_is_flagged_not_on_time(store, tmp_path, capsys):
    folder = tmp_path / "oud"
    folder.mkdir()
    (folder / "oud.eml").write_bytes(
        _mail('"Oud" <oud@voorbeeld.be>', SUBJECT, "Fri, 01 Jan 1999 10:00:00 +0100")
    )
    report = import_mailbox(store, [folder], "leuven", dry_run=False).to_json()
    [created] = report["created"]
    assert not created["late"] and any("28/04/2023" in p for p in created["problems"])
    url = store.url
    store.close()
    [listed] = run_json(capsys, "--db", url, "candidatures", "--region", "leuven")
    assert "before_launch" in listed["flags"]
