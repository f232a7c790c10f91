"""What goes out and how it reads: the messages of a region (decision letters, letters after
re-assessment, receipts), each with its key, recipient and, for letters, the letter itself;
and the e-mail built from one of them with the mail template and the PDF letter attached."""

from __future__ import annotations

import email.utils
import io
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.candidatures.rules import region_rules
from jurydesk.exports.letters import safe_file_name
from jurydesk.i18n import _, format_long_datetime
from jurydesk.letters.content import Letter, decision_letters, final_letters
from jurydesk.letters.render import render_letters
from jurydesk.mail.templates import (
    DECISION,
    FINAL,
    INVITATION,
    RECEIPT,
    SELECTED,
    MailTemplateError,
    mail_template,
)
from jurydesk.regions.service import get_region, region_detail
from jurydesk.store.models import Candidature, MailMessage
from jurydesk.timeutil import to_brussels


@dataclass(frozen=True)
class Planned:
    """One message to write or send, not yet built."""

    key: str
    kind: str
    candidature: int
    round: int
    organisation: str
    recipient: str
    contact: str
    title: str
    region: str
    slug: str
    letter: Letter | None = None
    received_at: datetime | None = None
    late: bool = False
    deadline: str = ""  # the addendum's candidature deadline as it writes it (receipts)


def check_sender(sender: str) -> str:
    if "@" not in email.utils.parseaddr(sender)[1]:
        raise MailTemplateError(_("--from needs an e-mail address"))
    return sender


def plan(
    session: Session, slug: str, kind: str, round_: int | None, language: str
) -> tuple[list[Planned], list[tuple[int, str, str]]]:
    """The region's messages of one kind, and (candidature, organisation, reason) for those
    that cannot be written (no e-mail address)."""
    region = get_region(session, slug)
    cands = {
        c.id: c
        for c in session.scalars(select(Candidature).where(Candidature.region_id == region.id))
    }
    out: list[Planned] = []
    deadline = ""
    if kind == RECEIPT:
        rules = region_rules(session, slug)
        timeline = region_detail(session, slug).timeline
        deadline = next((e.text for e in timeline if e.key == "candidature_deadline"), "")
        rows = session.scalars(
            select(MailMessage)
            .where(MailMessage.region_id == region.id, MailMessage.kind == "candidature")
            .order_by(MailMessage.received_at)
        )
        items = [
            (
                f"receipt/{m.id}",
                cands[m.candidature_id],
                0,
                None,
                m.received_at,
                rules.is_late(m.received_at),
            )
            for m in rows
            if m.candidature_id in cands
        ]
    else:
        if kind == FINAL:
            letters = final_letters(session, slug, language)
        else:
            letters = decision_letters(session, slug, round_, language)
        items = [
            (f"{kind}/{x.candidature}/{x.round}", cands[x.candidature], x.round, x, None, False)
            for x in letters
        ]
    refused = []
    for key, cand, rnd, letter, received_at, late in items:
        if "@" not in cand.email:
            refused.append((cand.id, cand.organisation, _("no e-mail address")))
            continue
        out.append(
            Planned(
                key,
                kind,
                cand.id,
                rnd,
                cand.organisation,
                cand.email,
                cand.contact or cand.organisation,
                cand.title,
                region.name,
                region.slug,
                letter,
                received_at,
                late,
                deadline,
            )
        )
    return out, refused


def section_of(item: Planned) -> str:
    """The template section: each letter kind its own text (an invitation, a selection with
    nothing to rebut, a decision with a weerwoord section, the letter after a weerwoord)."""
    if item.letter is not None and item.kind == DECISION:
        if item.letter.kind == "round1_shortlisted":
            return INVITATION
        if not item.letter.rebuttal_to:
            return SELECTED
    return item.kind


def letter_pdf(letter: Letter) -> bytes:
    buffer = io.BytesIO()
    render_letters([letter], buffer, title=letter.subject)
    return buffer.getvalue()


def _fill(text: str, fields: dict[str, str]) -> str:
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError) as exc:
        raise MailTemplateError(str(exc)) from None


def attachment_name(letter: Letter) -> str:
    return safe_file_name(f"{letter.file_stem} {letter.organisation}") + ".pdf"


def compose(
    item: Planned,
    sender: str,
    message_id: str,
    language: str,
    pdf: bytes | None = None,
    *,
    draft: bool = False,
    texts: dict[str, dict[str, str]] | None = None,
) -> EmailMessage:
    """The e-mail for one planned message; a letter's PDF is rendered unless given."""
    section = (texts or mail_template(language, item.slug))[section_of(item)]
    late_note = ""
    if item.late and item.deadline:
        late_note = " " + _(
            "The local addendum's deadline for candidatures is “{deadline}”; your candidature "
            "reached us after it."
        ).format(deadline=item.deadline)
    fields = {
        "contact": item.contact,
        "organisation": item.organisation,
        "title": item.title,
        "region": item.region,
        "subject": item.letter.subject if item.letter else "",
        "reference": item.letter.reference if item.letter else "",
        "sender": email.utils.parseaddr(sender)[0] or sender,
        "received": format_long_datetime(to_brussels(item.received_at)) if item.received_at else "",
        "late_note": late_note,
        "weerwoord_address": item.letter.rebuttal_to if item.letter else "",
    }
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.utils.formataddr((item.contact, item.recipient))
    message["Subject"] = _fill(section["subject"], fields)
    message["Date"] = email.utils.formatdate(localtime=True)
    message["Message-ID"] = message_id
    if item.letter is not None and item.letter.rebuttal_to:
        # one weerwoord channel: a reply to this mail reaches the address the letter names
        message["Reply-To"] = item.letter.rebuttal_to
    if draft:
        message["X-Unsent"] = "1"
    message.set_content(_fill(section["body"], fields))
    if item.letter is not None:
        data = pdf if pdf is not None else letter_pdf(item.letter)
        message.add_attachment(
            data, maintype="application", subtype="pdf", filename=attachment_name(item.letter)
        )
    return message


def new_message_id(sender: str) -> str:
    return email.utils.make_msgid(domain=sender.rpartition("@")[2].strip(">") or None)


__all__ = ["DECISION", "FINAL", "RECEIPT", "SELECTED", "Planned", "compose", "plan"]
