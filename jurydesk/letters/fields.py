"""The fields every letter offers its template, and how a template's paragraphs are filled:
a paragraph whose field is empty is left out, never filled in with a guess."""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date

from jurydesk.errors import ScoringError
from jurydesk.i18n import _, format_long_date
from jurydesk.letters.template import LetterTemplate
from jurydesk.regions.spec import RegionSpec
from jurydesk.store.models import Candidature
from jurydesk.timeutil import to_brussels


def _contact_emails(spec: RegionSpec) -> str:
    emails = [c.email for c in spec.contacts if c.email]
    if len(emails) <= 1:
        return "".join(emails)
    return _("{first} or {last}").format(first=", ".join(emails[:-1]), last=emails[-1])


def base_fields(
    spec: RegionSpec, cand: Candidature, round_: int, letter_date: date, template: LetterTemplate
) -> dict[str, object]:
    fields: dict[str, object] = {
        "region": spec.name,
        "region_code": spec.slug.upper(),
        "werkingsgebied": spec.werkingsgebied,
        "contact_emails": _contact_emails(spec),
        "contact": cand.contact or cand.organisation,
        "organisation": cand.organisation,
        "title": cand.title,
        "received": format_long_date(to_brussels(cand.received_at).date()),
        "candidature": cand.id,
        "round": round_,
        "year": letter_date.year,
        "decision_date": format_long_date(letter_date),
    }
    fields["reference"] = template.text("reference", **fields)
    return fields


def fill(paragraphs: list[str], fields: Mapping[str, object]) -> list[str]:
    """The paragraphs filled in; one whose field is empty is left out (a setting not set,
    a fact that does not apply), so that no sentence is ever half-said."""
    out = []
    for text in paragraphs:
        names = [n for _lit, n, _spec, _conv in string.Formatter().parse(text) if n]
        if any(str(fields.get(n, "")).strip() == "" for n in names):
            continue
        filled = text.format(**fields).strip()
        if filled:
            out.append(filled)
    return out


def no_signatory(region: str, slug: str) -> ScoringError:
    return ScoringError(
        _(
            "{region} has no signatory (ondertekenaar) yet: set it in Jury › Region settings "
            "or with `jurydesk region-settings {slug} --signatory NAME --signatory-function "
            "FUNCTION` (the addendum's contacts are for questions about the addendum, not "
            "the letters' signatories)"
        ).format(region=region, slug=slug)
    )
