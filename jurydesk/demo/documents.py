"""A realistic written proposal for every demo candidature: a few pages that answer the
region challenges it claims and the service types it offers, with an action plan. Most are
PDF; every fifth is a Word file, as candidates send both."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.demo.generate import make_docx, make_pdf
from jurydesk.documents.service import add_documents, prepare
from jurydesk.store.models import Candidature, Challenge, Need

ACTOR = "demo"


def _sections(c: Candidature, challenges: dict[int, Challenge], needs: dict[str, Need]):  # type: ignore[no-untyped-def]
    intro = [
        "# 1. De organisatie",
        f"{c.organisation} dient deze kandidatuur in voor het lokaal partnerschap. "
        f"Contactpersoon is {c.contact}. {c.summary}",
        "# 2. Samenvatting van het voorstel",
        f"Ons voorstel '{c.title}' zet in op aanklampend en outreachend werken: we gaan naar "
        "de mensen toe op de plaatsen waar ze al komen, bouwen een vertrouwensband op en "
        "slaan de brug naar de bestaande dienstverlening.",
    ]
    answers = ["# 3. Antwoord op de regio-uitdagingen"]
    for number in c.challenges:
        ch = challenges.get(number)
        if ch is None:
            continue
        answers.append(f"# Regio-uitdaging {number}: {ch.persona_text}")
        answers.append(
            "De regio beschrijft: " + ch.description[:420].rsplit(" ", 1)[0] + " … "
            "Onze trajectgezellen werken met deze mensen aan hun eigen doelen."
        )
        for question in ch.questions[:1]:
            answers.append(f"Op de vraag '{question[:200]}' antwoorden we met een concreet aanbod.")
    services = ["# 4. Dienstverlening"]
    for key in c.services:
        need = needs.get(key)
        if need is not None:
            services.append(f"{need.need}: {need.service}")
    if any(k == "kinderopvang" for k in c.services) or 1 in c.challenges:
        services.append(
            "Kinderopvang: we zoeken samen met de ouders kinderopvang op maat, zodat zij "
            "vormingen kunnen volgen en stappen zetten naar werk."
        )
    plan = [
        "# 5. Actieplan",
        "Maand 1-3: vindplaatsgericht contact leggen, intake en vertrouwensband.",
        "Maand 4-9: individuele trajecten, groepssessies en werkgeverscontacten.",
        "Maand 10-12: doorverwijzing, nazorg en evaluatie met de partners.",
        "# 6. Begroting",
        f"Gevraagd budget: {c.requested_budget or 'zie bijlage'} euro, vooral personeelskosten "
        "voor trajectgezellen en werkingskosten voor de groepssessies.",
    ]
    return [intro, answers, services + plan]


def add_demo_documents(session: Session) -> int:
    challenges = {(c.region_id, c.number): c for c in session.scalars(select(Challenge))}
    needs = {(n.region_id, n.key): n for n in session.scalars(select(Need))}
    added = 0
    candidatures = session.scalars(select(Candidature).order_by(Candidature.id)).all()
    for index, c in enumerate(candidatures):
        region_challenges = {n: ch for (r, n), ch in challenges.items() if r == c.region_id}
        region_needs = {k: n for (r, k), n in needs.items() if r == c.region_id}
        pages = _sections(c, region_challenges, region_needs)
        title = f"Kandidatuur {c.organisation}: {c.title}"
        stem = "".join(ch if ch.isalnum() else "-" for ch in c.organisation).strip("-")
        if index % 5 == 4:
            paragraphs = [("Heading1", title)] + [
                ("Heading2", p[2:]) if p.startswith("# ") else ("", p)
                for page in pages
                for p in page
            ]
            item = prepare(f"Projectvoorstel-{stem}.docx", make_docx(paragraphs))
        else:
            item = prepare(f"Projectvoorstel-{stem}.pdf", make_pdf(title, pages))
        add_documents(session, ACTOR, c.id, [item])
        added += 1
    return added
