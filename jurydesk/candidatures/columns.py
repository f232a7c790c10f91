"""The candidature workbook's columns: Dutch headers, matched case-insensitively."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    required: bool
    hint: str


COLUMNS: tuple[Column, ...] = (
    Column("organisation", "Organisatie", True, "Naam van de organisatie (verplicht)"),
    Column("contact", "Contactpersoon", True, "Voor- en achternaam (verplicht)"),
    Column("email", "E-mail", True, "naam@organisatie.be (verplicht)"),
    Column("phone", "Telefoon", False, "+32 ..."),
    Column("title", "Titel", True, "Titel van het voorstel (verplicht)"),
    Column("summary", "Samenvatting", False, "Korte samenvatting"),
    Column(
        "received_at",
        "Ontvangen op",
        True,
        "dd/mm/jjjj uu:mm of ISO 8601; zonder tijdzone is het Belgische tijd (verplicht)",
    ),
    Column("channel", "Kanaal", False, "e-mail, webformulier, ..."),
    Column("challenges", "Regio-uitdagingen", False, "Nummers, gescheiden door ; (bv. 1; 3)"),
    Column(
        "services",
        "Dienstverlening",
        False,
        "Types dienstverlening uit de tabel van de regio, gescheiden door ;",
    ),
    Column(
        "expertise",
        "Gezochte expertise",
        False,
        "Nummers uit de lijst 'gezochte expertise' van de regio, gescheiden door ; (bv. 1; 3)",
    ),
    Column("requested_budget", "Gevraagd budget", False, "Bedrag in euro (bv. 45000)"),
    Column("attachments", "Bijlagen", False, "Bestandspaden, gescheiden door ;"),
)

HINT_MARK = "ⓘ"
LIST_SEPARATOR = ";"


def header_key(text: object) -> str:
    return " ".join(str(text or "").replace("\u00a0", " ").split()).casefold()


BY_HEADER = {header_key(c.header): c for c in COLUMNS}
