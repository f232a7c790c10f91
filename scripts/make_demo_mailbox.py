"""Write the Leuven demo mailbox: resources/demo/mail/leuven/*.eml.

    python scripts/make_demo_mailbox.py

Candidatures as they reach the submission address (asd@ocmw-leuven.be, subject "Kandidatuur
Capacity Building Leuven"): most on time with a PDF proposal, two late by less than a minute,
one just in time, one forwarded by a colleague, one Word proposal, one second version, an
HTML-only message, an encoded subject, one without a Received header, an Outlook winmail.dat,
and two unrelated messages. Deterministic: the same files every run.
"""

from __future__ import annotations

import email.utils
import sys
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jurydesk.demo.generate import make_docx, make_pdf  # noqa: E402

OUT = ROOT / "resources" / "demo" / "mail" / "leuven"
SUBJECT = "Kandidatuur Capacity Building Leuven"
TZ = ZoneInfo("Europe/Brussels")
ORGS = [
    (
        "Huiswerkklas De Kolk vzw",
        "Lotte Maes",
        "lotte.maes@dekolk.example",
        "Huiswerkbegeleiding met ouders aan tafel",
        [1, 3],
    ),
    (
        "Buurtpunt Wilsele vzw",
        "Karim El Amrani",
        "karim@buurtpunt-wilsele.example",
        "Een vast aanspreekpunt in de wijk",
        [2],
    ),
    (
        "Werkwinkel Heverlee cv",
        "Nguyễn Thị Lan",
        "lan.nguyen@werkwinkel.example",
        "Werkervaring in de buurtwinkel",
        [4, 5],
    ),
    (
        "Fietsatelier Kessel-Lo vzw",
        "Jonas Peeters",
        "jonas@fietsatelier.example",
        "Leren herstellen, leren werken",
        [5],
    ),
    (
        "Ouderhuis Leuven vzw",
        "Dounia Benali",
        "dounia@ouderhuis.example",
        "Ouders als brugfiguur naar opleiding",
        [1],
    ),
    (
        "Digidak Leuven vzw",
        "Pieter Claes",
        "pieter.claes@digidak.example",
        "Digitale basisvaardigheden aan huis",
        [3, 6],
    ),
    (
        "Samen Sterk Linden vzw",
        "Ann Wouters",
        "ann@samensterk.example",
        "Praattafels met kinderopvang",
        [2, 6],
    ),
    (
        "Groene Vingers vzw",
        "Łukasz Nowak",
        "lukasz@groenevingers.example",
        "Moestuinwerk als opstap",
        [4],
    ),
    (
        "Kookatelier Het Vat",
        "Fatma Yıldız",
        "fatma@hetvat.example",
        "Koken, proeven en solliciteren",
        [5],
    ),
    (
        "Jongerenwerk Casa Blanca",
        "Sam Vermeulen",
        "sam@casablanca.example",
        "Jongeren tussen school en werk",
        [3],
    ),
    (
        "Atelier Zonder Grenzen vzw",
        "Дарина Коваленко",
        "daryna@zondergrenzen.example",
        "Creatieve ateliers voor nieuwkomers",
        [1, 2],
    ),
    (
        "Wijkhuis Ter Bank",
        "Marc Janssens",
        "marc@terbank.example",
        "Een open huis voor de hele buurt",
        [6],
    ),
    (
        "Taalcafé Leuven vzw",
        "Ilse Goossens",
        "ilse@taalcafe.example",
        "Nederlands oefenen op de markt",
        [2],
    ),
    (
        "Mobiliteitspunt Oost vzw",
        "Youssef Haddad",
        "youssef@mobipunt.example",
        "Zelfstandig naar werk en opleiding",
        [4, 6],
    ),
    (
        "Zorgzame Buren Heverlee",
        "Greet Lemmens",
        "greet@zorgzameburen.example",
        "Buren die mee op pad gaan",
        [1],
    ),
    (
        "Sportpleintje vzw",
        "Tom Hendrickx",
        "tom@sportpleintje.example",
        "Sport als brug naar werk",
        [3, 5],
    ),
    (
        "Repair Café Leuven",
        "Hanne De Smet",
        "hanne@repaircafe.example",
        "Herstellen en werkervaring opdoen",
        [5],
    ),
    (
        "Naaiatelier Draad vzw",
        "Amina Diallo",
        "amina@draad.example",
        "Naaien, netwerken, doorstromen",
        [2, 4],
    ),
]


def _proposal(org: str, contact: str, title: str, challenges: list[int]) -> list[list[str]]:
    return [
        [
            "# 1. De organisatie",
            f"{org} dient deze kandidatuur in voor het lokaal partnerschap Leuven. "
            f"Contactpersoon is {contact}.",
            "# 2. Ons voorstel",
            f"'{title}': we werken aanklampend en outreachend, op de plaatsen waar mensen al "
            "komen, en slaan de brug naar opleiding, werk en de bestaande dienstverlening.",
        ],
        [
            "# 3. Antwoord op de regio-uitdagingen",
            *(
                f"Regio-uitdaging {n}: een trajectgezel begeleidt de deelnemers met een plan "
                "op maat, met taalsteun en kinderopvang waar nodig."
                for n in challenges
            ),
            "# 4. Actieplan",
            "Kwartaal 1: toeleiding en kennismaking. Kwartaal 2 tot 4: trajecten, "
            "werkplekleren en opvolging met de partners.",
        ],
    ]


def _message(
    n: int,
    sender: tuple[str, str],
    subject: str,
    received: datetime | None,
    body: str,
    files: list[tuple[str, str, bytes]] = (),  # type: ignore[assignment]
    html: bool = False,
    date: datetime | None = None,
) -> bytes:
    m = EmailMessage()
    if received is not None:
        m["Received"] = (
            "from mail.example (mail.example [192.0.2.25]) by mx.ocmw-leuven.be with ESMTPS; "
            + email.utils.format_datetime(received)
        )
    m["From"] = email.utils.formataddr(sender)
    m["To"] = "ASD Leuven <asd@ocmw-leuven.be>"
    m["Subject"] = subject
    m["Date"] = email.utils.format_datetime(date or (received - timedelta(seconds=4)))
    m["Message-ID"] = f"<demo-leuven-{n:02d}@mail.example>"
    if html:
        m.set_content(
            f"<html><body><p>{body.replace(chr(10), '<br>')}</p></body></html>", subtype="html"
        )
    else:
        m.set_content(body)
    for name, mime, data in files:
        maintype, subtype = mime.split("/")
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(m)


def build() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    start = datetime(2023, 5, 22, 9, 12, tzinfo=TZ)
    pdf = "application/pdf"
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    for i, (org, contact, address, title, challenges) in enumerate(ORGS, start=1):
        received = start + timedelta(days=i, hours=(i * 5) % 9, minutes=(i * 17) % 60)
        subject, body = (
            SUBJECT,
            (
                f"Beste,\n\nIn bijlage vindt u de kandidatuur van {org}: '{title}'.\n\n"
                f"Met vriendelijke groet,\n{contact}\n{org}"
            ),
        )
        files = [
            (
                f"Kandidatuur {org}.pdf",
                pdf,
                make_pdf(f"{title} — {org}", _proposal(org, contact, title, challenges)),
            )
        ]
        html = False
        if i == 3:  # a Word proposal
            files = [
                (
                    f"Voorstel {org}.docx",
                    docx,
                    make_docx(
                        [
                            ("Heading1", title),
                            ("", f"{org} — contact: {contact}"),
                            *(
                                ("", p.removeprefix("# "))
                                for page in _proposal(org, contact, title, challenges)
                                for p in page
                            ),
                        ]
                    ),
                )
            ]
        if i == 4:  # forwarded by a colleague
            subject = f"Fwd: {SUBJECT} - {org}"
            body = (
                f"Hallo,\n\nik stuur dit door namens {contact}.\n\n"
                f"---------- Doorgestuurd bericht ----------\nVan: {contact}\n"
                f"Onderwerp: {SUBJECT}\n\n{body}"
            )
        if i == 5:
            html = True
        if i == 6:  # encoded subject with an accent and a quote style
            subject = f"„Kandidatuur Capacity Building Leuven” – {title} (é)"
        if i == 16:  # just in time: 23:59:41
            received = datetime(2023, 6, 9, 23, 59, 41, tzinfo=TZ)
        if i == 17:  # late by 20 seconds
            received = datetime(2023, 6, 10, 0, 0, 20, tzinfo=TZ)
        if i == 18:  # late by 59 seconds
            received = datetime(2023, 6, 10, 0, 0, 59, tzinfo=TZ)
        if i == 12:  # no Received header: the Date header is used
            out[f"{i:02d}.eml"] = _message(
                i, (contact, address), subject, None, body, files, date=received
            )
            continue
        out[f"{i:02d}.eml"] = _message(i, (contact, address), subject, received, body, files, html)
    org, contact, address, title, challenges = ORGS[1]
    out["19.eml"] = _message(  # a second version from the same sender, before the deadline
        19,
        (contact, address),
        f"RE: {SUBJECT} (aangepaste versie)",
        datetime(2023, 6, 8, 16, 40, 12, tzinfo=TZ),
        "Beste,\n\nHierbij een aangepaste versie met het actieplan per kwartaal.\n\n"
        f"Groet,\n{contact}",
        [
            (
                f"Kandidatuur {org} v2.pdf",
                "application/pdf",
                make_pdf(f"{title} (v2) — {org}", _proposal(org, contact, title, challenges)),
            )
        ],
    )
    out["20.eml"] = _message(  # Outlook's winmail.dat: reported, the message still counts
        20,
        ("Bart Cools", "bart@winmail-vzw.example"),
        SUBJECT,
        datetime(2023, 6, 7, 11, 3, 0, tzinfo=TZ),
        "Beste,\n\nOnze kandidatuur zit in bijlage.\n\nBart Cools\nBuurtwerk Cools vzw",
        [("winmail.dat", "application/ms-tnef", b"\x78\x9f\x3e\x22" + b"\x00" * 64)],
    )
    out["21.eml"] = _message(
        21,
        ("Els Verbeke", "els@vraagstuk.example"),
        "Vraag over de infosessie van 25 mei",
        datetime(2023, 5, 20, 10, 0, 0, tzinfo=TZ),
        "Beste,\n\nKan ik de infosessie ook online volgen?\n\nEls",
    )
    out["22.eml"] = _message(
        22,
        ("Nieuwsbrief", "nieuws@nieuwsbrief.example"),
        "Nieuwsbrief juni",
        datetime(2023, 6, 1, 7, 0, 0, tzinfo=TZ),
        "Het nieuws van deze maand.",
    )
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.eml"):
        old.unlink()
    for name, data in build().items():
        (OUT / name).write_bytes(data)
    print(f"{len(list(OUT.glob('*.eml')))} messages in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
