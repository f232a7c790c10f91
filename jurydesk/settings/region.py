"""A region's settings as the secretariat adjusts them after installing its file: rubric and
aggregation method, budget and maximum partners, the weerwoord rule (with JuryDesk's own
weekend/holiday shift), the submission subject of the mailbox, the addendum's contact people
(for questions about the addendum), the weerwoord address, the letters' signatory, letterhead
and sender, and the pitch logistics the invitations print. Checked field by field (the message
names the field), written together, audited as one change."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit.chain import record
from jurydesk.audit.replay_tracked import addendum
from jurydesk.candidatures.validate import EMAIL_RE, parse_budget
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.pitch import schedule as pitch
from jurydesk.portfolio.coverage import set_limits
from jurydesk.regions.service import get_region, weekend_shift, weekend_shift_key
from jurydesk.scoring.rubrics import method_for, rubric_row_for, set_region_rubric
from jurydesk.settings.letters import (
    LetterSettings,
    load_letter_settings,
    save_letter_settings,
)
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
    # JuryDesk's setting (art. 53 Ger.W. by analogy), not the addendum's rule
    weekend_shift: bool = True
    signatory: str = ""
    signatory_function: str = ""
    letterhead: str = ""  # lines
    sender: str = ""  # lines
    pitch_arrival: int = 0  # minutes before the slot; 0: the invitation says nothing
    pitch_party_size: int = 0  # people; 0: the invitation says nothing


def rubric_keys(session: Session) -> list[str]:
    return list(session.scalars(select(RubricRow.key).order_by(RubricRow.key)))


def rubric_names(session: Session) -> list[tuple[str, str]]:
    """(key, name) of every installed rubric: the name is shown, the key is stored."""
    return [
        (key, name or key)
        for key, name in session.execute(
            select(RubricRow.key, RubricRow.name).order_by(RubricRow.name)
        )
    ]


def load_settings(session: Session, slug: str) -> RegionSettings:
    region = get_region(session, slug)
    rubric = rubric_row_for(session, region)
    letters = load_letter_settings(session, slug)
    pitch_settings = pitch.load_settings(session, slug)
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
        pitch_place=pitch_settings.place,
        pitch_days="; ".join(f"{d:%d/%m/%Y}" for d in pitch.chosen_days(session, slug)),
        weerwoord_address=weerwoord_address(session, slug),
        weekend_shift=weekend_shift(session, slug),
        signatory=letters.signatory,
        signatory_function=letters.signatory_function,
        letterhead=letters.letterhead,
        sender=letters.sender,
        pitch_arrival=pitch_settings.arrival_minutes,
        pitch_party_size=pitch_settings.party_size,
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
    if not 0 <= new.pitch_arrival <= 240:
        raise SettingsError(_("Arrival before the pitch: between 0 and 240 minutes"))
    if not 0 <= new.pitch_party_size <= 20:
        raise SettingsError(_("People at the pitch: between 0 (not said) and 20"))
    if new.signatory_function.strip() and not new.signatory.strip():
        raise SettingsError(_("Signatory: a function needs the signatory's name"))
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
    region = get_region(session, slug)
    amount = _budget(new.budget)
    # what is stored, as load_settings gives it back: the event says what the table holds
    # (an empty subject keeps an e-mail region's subject: the intake matches it)
    subject = new.submission_subject.strip() or (
        "" if region.submission_channel != "email" else region.submission_subject or ""
    )
    new = replace(
        new,
        budget="" if amount is None else f"{amount:.2f}",
        submission_subject=subject,
        signatory=" ".join(new.signatory.split()),
        signatory_function=" ".join(new.signatory_function.split()),
        letterhead="\n".join(LetterSettings.lines(new.letterhead)),
        sender="\n".join(LetterSettings.lines(new.sender)),
    )
    old = load_settings(session, slug)
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
    if "weekend_shift" in changed:
        session.merge(Setting(key=weekend_shift_key(slug), value="1" if new.weekend_shift else "0"))
    region.submission_subject = new.submission_subject or None
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
    if {"pitch_place", "pitch_arrival", "pitch_party_size"} & set(changed):
        current = pitch.load_settings(session, slug)
        current.place = " ".join(new.pitch_place.split())
        current.arrival_minutes, current.party_size = new.pitch_arrival, new.pitch_party_size
        pitch.save_settings(session, slug, current, actor)
    if {"signatory", "signatory_function", "letterhead", "sender"} & set(changed):
        save_letter_settings(
            session,
            slug,
            LetterSettings(new.signatory, new.signatory_function, new.letterhead, new.sender),
        )
    before: dict[str, Any] = {k: asdict(old)[k] for k in changed}
    after: dict[str, Any] = {k: asdict(new)[k] for k in changed}
    if "contacts" in changed:  # what `audit verify` compares: the digest of the stored rows
        session.flush()
        digest = addendum(session, slug)[f"{slug}/addendum:contacts"]
        after["addendum"] = {"contacts": digest}
    record(session, actor, "region_settings", "region", slug, before, after)
    session.flush()
    session.expire(region)
    return changed
