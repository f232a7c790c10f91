"""Mail benchmarks (`python -m bench.mail`, also run by `make bench`), each beside a floor
measured in the same run. Writes the "Mail" section of BENCHMARKS.md.

* Intake: 200 submission e-mails with a ~2 MB PDF proposal each, through
  `import_mailbox` (parse, sniff, text of every page, store, one transaction), against the
  floor of parsing the same messages with the stdlib and hashing their attachments.
* Sending: 300 decision e-mails through a real SMTP server on 127.0.0.1 (aiosmtpd, STARTTLS,
  login), each letter rendered at send time and every message committed to the outbox, against
  the floor of handing the same 300 finished messages to the same server with smtplib.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import json
import random
import smtplib
import ssl
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from bench import sections

HEADING = "## Mail"
INTAKE, SENDS = 200, 300


def _proposal(seed: int) -> bytes:
    """A ten-page proposal with a photo: about 2 MB, different for every seed."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    rng = random.Random(seed)
    photo = Image.frombytes("RGB", (750, 750), rng.randbytes(750 * 750 * 3))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for page in range(10):
        canvas.setFont("Helvetica", 11)
        for line in range(40):
            canvas.drawString(
                60, 780 - line * 17, f"Voorstel {seed}, pagina {page + 1}: trajectgezel {line}"
            )
        if page == 0:
            canvas.drawImage(ImageReader(photo), 60, 60, 300, 300)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _mailbox(folder: Path) -> None:
    start = datetime(2023, 5, 20, 9, 0, tzinfo=UTC)
    for i in range(INTAKE):
        m = EmailMessage()
        when = start + timedelta(minutes=97 * i)
        m["Received"] = f"from mx.example by mx.ocmw-leuven.be; {email.utils.format_datetime(when)}"
        m["From"] = f"Contact {i} <info@organisatie-{i:03d}.example>"
        m["To"] = "asd@ocmw-leuven.be"
        m["Subject"] = f"Kandidatuur Capacity Building Leuven - voorstel {i}"
        m["Message-ID"] = f"<bench-{i}@organisatie.example>"
        m.set_content(f"Beste,\n\nIn bijlage ons voorstel.\n\nOrganisatie {i} vzw")
        m.add_attachment(
            _proposal(i), maintype="application", subtype="pdf", filename=f"voorstel-{i}.pdf"
        )
        (folder / f"{i:03d}.eml").write_bytes(bytes(m))


def _floor_intake(folder: Path) -> dict[str, float | None]:
    """Child: the floor, each message parsed with the stdlib and its attachments hashed."""
    from bench.children import peak_mb

    baseline = peak_mb()
    started = time.perf_counter()
    attachments, attached = 0, 0
    for path in sorted(folder.iterdir()):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for part in message.iter_attachments():
            data = part.get_content()
            hashlib.sha256(data).hexdigest()
            attachments, attached = attachments + 1, attached + len(data)
    return {
        "seconds": time.perf_counter() - started,
        "peak_mb": peak_mb(),
        "baseline_mb": baseline,
        "attachments": attachments,
        "attached": attached,
    }


def _intake(folder: Path, db: Path) -> dict[str, float | None]:
    """Child: JuryDesk's intake of the same folder into a new database, one transaction."""
    from bench.children import peak_mb
    from jurydesk.mail.intake import import_mailbox
    from jurydesk.setup import initialise
    from jurydesk.store import open_store

    store = open_store(f"sqlite:///{db.as_posix()}")
    initialise(store, demo=False)
    baseline = peak_mb()
    started = time.perf_counter()
    report = import_mailbox(store, [folder], "leuven", dry_run=False)
    took = time.perf_counter() - started
    store.close()
    return {
        "seconds": took,
        "peak_mb": peak_mb(),
        "baseline_mb": baseline,
        "created": len(report.by("created")),
    }


def intake_rows(tmp: Path) -> list[tuple[str, str, str]]:
    from bench.children import json_child
    from bench.core_rows import mb

    folder = tmp / "mailbox"
    folder.mkdir()
    _mailbox(folder)
    size = sum(p.stat().st_size for p in folder.iterdir())
    floor = json_child("bench.mail", "floor", str(folder))
    mine = json_child("bench.mail", "intake", str(folder), str(tmp / "intake.sqlite"))
    assert mine["created"] == INTAKE and floor["attachments"] == INTAKE
    took, floor_s = mine["seconds"], floor["seconds"]
    return [
        (
            f"intake of {INTAKE} e-mails ({size / 2**20:.0f} MB of mail, a "
            f"{floor['attached'] / INTAKE / 2**20:.1f} MB PDF each): parse, sniff, text of every "
            "page, store, one transaction",
            f"{took:.1f} s (floor: stdlib parse + SHA-256 {floor_s:.1f} s; {took / floor_s:.1f}x)",
            "< 20 s",
        ),
        (
            "peak memory of that intake, attachments spooled to a temporary file until the "
            "one transaction (in brackets: the process before the intake starts); floor: the "
            "stdlib parse + SHA-256 process",
            f"{mb(mine['peak_mb'])} ({mb(mine['baseline_mb'])}); floor {mb(floor['peak_mb'])} "
            f"({mb(floor['baseline_mb'])})",
            "<= 150 MB",
        ),
    ]


def _decided(store, count: int) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from jurydesk.candidatures.rules import normalise
    from jurydesk.store.models import Candidature, Decision, Region

    now = datetime.now(UTC)
    with store.session() as session:
        region = session.scalar(select(Region).where(Region.slug == "leuven"))
        have = len(
            session.scalars(
                select(Decision.id)
                .join(Candidature)
                .where(
                    Candidature.region_id == region.id,
                    Decision.round == 1,
                    Decision.outcome == "not_selected",
                )
            ).all()
        )
        for i in range(count - have):
            name = f"Benchorganisatie {i:03d} vzw"
            cand = Candidature(
                region_id=region.id,
                organisation=name,
                organisation_key=normalise(name),
                contact=f"Contact {i}",
                email=f"kandidaat{i}@bench.example",
                title=f"Voorstel {i}",
                received_at=datetime(2023, 6, 1, tzinfo=UTC),
                challenges=[1],
                services=[],
            )
            session.add(cand)
            session.flush()
            session.add(
                Decision(
                    candidature_id=cand.id,
                    round=1,
                    outcome="not_selected",
                    motivation="Het voorstel beantwoordt de regio-uitdagingen onvoldoende.",
                    recorded_by="bench",
                    recorded_at=now,
                )
            )
        for decision in session.scalars(select(Decision)):
            decision.communicated_on = None


def sending_rows(tmp: Path) -> list[tuple[str, str, str]]:
    from jurydesk.mail.outbox import deliver
    from jurydesk.mail.smtp import SmtpSettings, SmtpTransport
    from jurydesk.mail.templates import DECISION
    from jurydesk.setup import initialise
    from jurydesk.store import open_store
    from tests.mail.smtp_server import PASSWORD, USER, SmtpServer

    server = SmtpServer(tmp)
    store = open_store(f"sqlite:///{(tmp / 'send.sqlite').as_posix()}")
    initialise(store, demo=True)
    _decided(store, SENDS)
    settings = SmtpSettings.parse(
        f"127.0.0.1:{server.port}", "starttls", USER, PASSWORD, str(server.cert)
    )
    sender = "Secretariaat Leuven <asd@ocmw-leuven.be>"
    try:
        started = time.perf_counter()
        with SmtpTransport(settings) as transport:
            report = deliver(store, transport, "leuven", DECISION, 1, sender, "nl")
        took = time.perf_counter() - started
        sent = len(report.sent)
        messages = list(server.handler.messages)
        context = ssl.create_default_context(cafile=str(server.cert))
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", server.port) as smtp:
            smtp.starttls(context=context)
            smtp.login(USER, PASSWORD)
            for raw in messages:
                smtp.sendmail("asd@ocmw-leuven.be", ["kandidaat@bench.example"], raw)
        floor = time.perf_counter() - started
    finally:
        server.stop()
        store.close()
    assert sent == len(messages) >= SENDS and not report.failed
    return [
        (
            f"send {sent} decision e-mails through a local SMTP server (STARTTLS, login): "
            "letter rendered at send time, outbox committed per message",
            f"{took:.1f} s, {sent / took:.0f}/s (floor: smtplib sending the same finished "
            f"messages {floor:.1f} s; {took / floor:.1f}x)",
            "< 30 s",
        )
    ]


def rows() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        intake = intake_rows(Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        sending = sending_rows(Path(tmp))
    return [*intake, *sending]


def write_section(results: list[tuple[str, str, str]], write: bool = True) -> str:
    return sections.write_section(HEADING, "python -m bench.mail", results, write)


def main() -> int:
    print(write_section(rows()))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["floor"]:
        print(json.dumps(_floor_intake(Path(sys.argv[2]))))
    elif sys.argv[1:2] == ["intake"]:
        print(json.dumps(_intake(Path(sys.argv[2]), Path(sys.argv[3]))))
    else:
        sys.exit(main())
