"""A synthetic Flanders-scale database: 50 regions, 2,000 candidatures (through the bulk path)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

from jurydesk.candidatures.rules import normalise, region_rules
from jurydesk.regions.loader import bundled_region_files, load_region_file
from jurydesk.regions.service import install_region
from jurydesk.store import Store
from jurydesk.store.models import Candidature

REGIONS = 50
CANDIDATURES = 2_000
FIRST_NAMES = [
    "Ann",
    "Bram",
    "Chloé",
    "Dries",
    "Elif",
    "Femke",
    "Gökhan",
    "Hanne",
    "Ilse",
    "Jonas",
    "Łucja",
    "Mehdi",
    "Nora",
    "Olga",
    "Pieter",
    "Şeyma",
    "Tuur",
    "Zoë",
]
WORDS = [
    "Brug",
    "Kracht",
    "Huis",
    "Punt",
    "Werk",
    "Samen",
    "Buurt",
    "Taal",
    "Fiets",
    "Zorg",
    "Net",
    "Thuis",
    "Anker",
    "Kompas",
    "Sleutel",
    "Vonk",
]


def _specs(regions: int = REGIONS) -> list:
    bases = [load_region_file(p) for p in bundled_region_files()]
    return [
        replace(bases[i % len(bases)], slug=f"regio-{i + 1:02d}", name=f"Regio {i + 1:02d}")
        for i in range(regions)
    ]


def generate(
    store: Store, seed: int = 7, regions: int = REGIONS, candidatures: int = CANDIDATURES
) -> None:
    """``regions`` regions of ``candidatures / regions`` candidatures each."""
    rng = random.Random(seed)
    specs = _specs(regions)
    with store.session() as session:
        for spec in specs:
            install_region(session, spec)
    per_region = candidatures // regions
    rows = []
    with store.reader() as session:
        rules = [region_rules(session, spec.slug) for spec in specs]
    for spec, rule in zip(specs, rules, strict=True):
        deadline = next(e.start for e in spec.timeline if e.key == "candidature_deadline")
        for i in range(per_region):
            organisation = f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {i:03d} vzw"
            contact = f"{rng.choice(FIRST_NAMES)} {rng.choice(WORDS)}s"
            rows.append(
                dict(
                    region_id=rule.region_id,
                    organisation=organisation,
                    organisation_key=normalise(organisation),
                    contact=contact,
                    email=f"info{i}@{spec.slug}.example",
                    phone="+32 470 00 00 00",
                    title=f"Voorstel {i} voor {spec.name}",
                    summary="Synthetisch voorstel.",
                    received_at=deadline - timedelta(minutes=rng.randint(-600, 40_000)),
                    channel="e-mail",
                    challenges=sorted(rng.sample(sorted(rule.challenge_numbers), k=2)),
                    services=rng.sample(sorted(rule.funded), k=2),
                    requested_budget=Decimal(rng.randrange(20_000, 150_000, 500)),
                    attachments=[],
                    status="received",
                )
            )
    with store.session() as session:
        session.execute(insert(Candidature), rows)


def candidature_workbook(out: Path, rows: int = CANDIDATURES, seed: int = 11) -> Path:
    """A workbook of ``rows`` valid candidatures for the region Leuven."""
    from openpyxl import Workbook

    from jurydesk.candidatures.columns import COLUMNS

    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Kandidaturen")
    sheet.append([c.header for c in COLUMNS])
    for i in range(rows):
        sheet.append(
            [
                f"Organisatie {i:05d} vzw",
                f"{rng.choice(FIRST_NAMES)} Peeters",
                f"contact{i}@org{i}.example",
                "+32 16 00 00 00",
                f"Voorstel {i}",
                "Een samenvatting van het voorstel.",
                f"0{rng.randint(1, 9)}/06/2023 10:{i % 60:02d}",
                "e-mail",
                "1; 3",
                "taalondersteuning; huisvesting",
                None,  # Gezochte expertise: Leuven seeks none
                str(rng.randrange(20_000, 90_000)),
                None,
            ]
        )
    workbook.save(out)
    return out
