"""A region's settings as the secretariat adjusts them after installing its file: rubric and
aggregation method, budget and maximum partners, the weerwoord rule, the submission subject
of the mailbox, and the contact people letters name for weerwoorden and sign with. Checked
field by field (the message names the field), written together, audited as one change."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit.chain import record
from jurydesk.candidatures.validate import EMAIL_RE, parse_budget
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.pitch import schedule as pitch
from jurydesk.portfolio.coverage import set_limits
from jurydesk.regions.service import get_region
from jurydesk.scoring.rubrics import method_for, rubric_row_for, set_region_rubric
from jurydesk.store.models import Contact, RubricRow, Setting

COUNTING = ("calendar", "working")


class SettingsError(ValueError):
    """A setting that cannot be saved; the message names the field."""


@dataclass
class RegionSettings:
    rubric: str
    method: str
    budget: str  # euro, "" = none
    max_partners: int  # 0 = none
    rebuttal_days: int
    rebuttal_receipt_delay: int
    rebuttal_counting: str
    submission_subject: str
    contacts: list[tuple[str, str, str]] = field(default_factory=list)  # name, e-mail, phone
    pitch_place: str = ""  # where the pitches are held (the invitations print it)
    pitch_days: str = ""  # "28/06/2023; 29/06/2023"; empty: the addendum's days
    # where candidates send a weerwoord (the letters print it); the addendum's contacts are
    # for questions about the addendum only, so there is no default
    weerwoord_address: str = ""


def rubric_keys(session: Session) -> list[str]:
    return list(session.scalars(select(RubricRow.key).order_by(RubricRow.key)))


def load_settings(session: Session, slug: str) -> RegionSettings:
    region = get_region(session, slug)
    rubric = rubric_row_for(session, region)
    return RegionSettings(
        rubric=rubric.key,
        method=method_for(session, slug),
        budget="" if region.budget is None else f"{region.budget:.2f}",
        max_partners=region.max_partners or 0,
        rebuttal_days=region.rebuttal_days,
        rebuttal_receipt_delay=region.rebuttal_receipt_delay,
        rebuttal_counting=region.rebuttal_counting,
        submission_subject=region.submission_subject or "",
        contacts=[(c.name, c.email, c.phone) for c in region.contacts],
        pitch_place=pitch.load_settings(session, slug).place,
        pitch_days="; ".join(f"{d:%d/%m/%Y}" for d in pitch.chosen_days(session, slug)),
        weerwoord_address=weerwoord_address(session, slug),
    )


def parse_days(text: str) -> list[date]:
    """'28/06/2023; 29/06/2023' (or ISO dates); SettingsError naming the bad one."""
    days = []
    for part in re.split(r"[;,\s]+", text.strip()):
        if not part:
            continue
        try:
            days.append(
                datetime.strptime(part, "%d/%m/%Y").date()
                if "/" in part
                else date.fromisoformat(part)
            )
        except ValueError:
            raise SettingsError(
                _("Pitch days: '{value}' is not a date (dd/mm/jjjj)").format(value=part)
            ) from None
    return sorted(set(days))


def weerwoord_address(session: Session, slug: str) -> str:
    row = session.get(Setting, f"weerwoord_address:{slug}")
    return row.value if row else ""


def _budget(text: str) -> Decimal | None:
    """The budget in euro ('250.000', '€ 250 000,00'), read like an import's Gevraagd budget;
    None for an empty field."""
    if not text.strip():
        return None
    try:
        amount = parse_budget(text)
    except ValueError as exc:
        raise SettingsError(_("Budget: {error}").format(error=exc)) from None
    if amount <= 0:
        raise SettingsError(_("Budget: the budget must be more than 0"))
    return amount


def _check(new: RegionSettings) -> None:
    parse_days(new.pitch_days)
    address = new.weerwoord_address.strip()
    if address and not EMAIL_RE.match(address):
        raise SettingsError(
            _("Weerwoord address: '{email}' is not a valid e-mail address").format(email=address)
        )
    if not 1 <= new.rebuttal_days <= 90:
        raise SettingsError(_("Weerwoord days: between 1 and 90"))
    if not 0 <= new.rebuttal_receipt_delay <= 14:
        raise SettingsError(_("Days before counting starts: between 0 and 14"))
    if new.rebuttal_counting not in COUNTING:
        raise SettingsError(_("Counting: calendar or working days"))
    _budget(new.budget)
    if new.max_partners < 0:
        raise SettingsError(_("Maximum partners: 0 (none) or more"))
    if not new.contacts:
        raise SettingsError(_("Contacts: a region needs at least one contact person"))
    for number, (name, email, _phone) in enumerate(new.contacts, 1):
        if not name.strip():
            raise SettingsError(_("Contact {n}: a name is needed").format(n=number))
        if email.strip() and not EMAIL_RE.match(email.strip()):
            raise SettingsError(
                _("Contact {n}: '{email}' is not a valid e-mail address").format(
                    n=number, email=email
                )
            )


def save_settings(session: Session, actor: str, slug: str, new: RegionSettings) -> list[str]:
    """Write what changed; returns the names of the changed settings (audited together)."""
    _check(new)
    old = load_settings(session, slug)
    region = get_region(session, slug)
    changed = [k for k, v in asdict(new).items() if asdict(old)[k] != v]
    if not changed:
        return []
    try:
        set_region_rubric(
            session,
            slug,
            new.rubric if new.rubric != old.rubric else None,
            new.method if new.method != old.method else None,
        )
        set_limits(
            session,
            slug,
            _budget(new.budget),
            new.max_partners or None,
        )
    except ScoringError as exc:
        raise SettingsError(_("Rubric: {error}").format(error=exc)) from None
    except ValueError as exc:
        raise SettingsError(str(exc)) from None
    region.rebuttal_days = new.rebuttal_days
    region.rebuttal_receipt_delay = new.rebuttal_receipt_delay
    region.rebuttal_counting = new.rebuttal_counting
    region.submission_subject = new.submission_subject.strip() or (
        None if region.submission_channel != "email" else region.submission_subject
    )
    if "contacts" in changed:
        for contact in list(region.contacts):
            session.delete(contact)
        session.flush()
        for position, (name, email, phone) in enumerate(new.contacts):
            session.add(
                Contact(
                    region_id=region.id,
                    position=position,
                    name=name.strip(),
                    email=email.strip(),
                    phone=phone.strip(),
                )
            )
    if "weerwoord_address" in changed:
        key = f"weerwoord_address:{slug}"
        if new.weerwoord_address.strip():
            session.merge(Setting(key=key, value=new.weerwoord_address.strip()))
        elif session.get(Setting, key) is not None:
            session.delete(session.get(Setting, key))
    if "pitch_days" in changed:
        pitch.set_days(session, slug, parse_days(new.pitch_days))
    if "pitch_place" in changed:
        current = pitch.load_settings(session, slug)
        current.place = " ".join(new.pitch_place.split())
        pitch.save_settings(session, slug, current)
    before: dict[str, Any] = {k: asdict(old)[k] for k in changed}
    after: dict[str, Any] = {k: asdict(new)[k] for k in changed}
    record(session, actor, "region_settings", "region", slug, before, after)
    session.flush()
    session.expire(region)
    return changed
