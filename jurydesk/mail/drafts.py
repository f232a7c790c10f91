"""Decision e-mails as drafts: one .eml per candidature with its PDF letter attached, to open
in Outlook or Thunderbird and send from there (``X-Unsent: 1`` makes Outlook open it as a
draft). The texts come from ``resources/mail/<language>.toml``, overridable in the data
directory (``mail/<language>.toml``)."""

from __future__ import annotations

import email.utils
import tempfile
import tomllib
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from jurydesk.atomic import atomic_path
from jurydesk.exports.letters import collect_letters, safe_file_name
from jurydesk.i18n import _, current_language
from jurydesk.letters.content import Letter
from jurydesk.letters.render import render_letters
from jurydesk.paths import data_dir, resources_dir
from jurydesk.store import Store
from jurydesk.store.models import Candidature, Region


class MailTemplateError(ValueError):
    """A mail template that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Draft:
    candidature: int
    organisation: str
    to: str
    subject: str
    file: Path | None
    message_id: str

    def to_json(self) -> dict[str, Any]:
        return {
            "candidature": self.candidature,
            "organisation": self.organisation,
            "to": self.to,
            "subject": self.subject,
            "file": str(self.file) if self.file else None,
            "message_id": self.message_id,
        }


def mail_template(language: str) -> dict[str, str]:
    texts: dict[str, str] = {}
    for folder in (resources_dir() / "mail", data_dir() / "mail"):
        path = folder / f"{language}.toml"
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise MailTemplateError(f"{path}: {exc}") from None
        for key in ("subject", "body"):
            value = data.get("decision", {}).get(key)
            if value is not None:
                if not isinstance(value, str):
                    raise MailTemplateError(f"{path}: decision.{key} must be text")
                texts[key] = value
    if set(texts) != {"subject", "body"}:
        raise MailTemplateError(_("no mail template for language {lang}").format(lang=language))
    return texts


def _fill(text: str, fields: dict[str, str], where: str) -> str:
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError) as exc:
        raise MailTemplateError(
            _("the mail template's {where} uses an unknown field ({error})").format(
                where=where, error=exc
            )
        ) from None


def build_message(
    letter: Letter, pdf: bytes, to: str, contact: str, title: str, region: str, sender: str
) -> EmailMessage:
    texts = mail_template(current_language())
    fields = {
        "contact": contact,
        "organisation": letter.organisation,
        "title": title,
        "region": region,
        "subject": letter.subject,
        "sender": email.utils.parseaddr(sender)[0] or sender,
    }
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.utils.formataddr((contact, to))
    message["Subject"] = _fill(texts["subject"], fields, "subject")
    message["Date"] = email.utils.formatdate(localtime=True)
    message["Message-ID"] = email.utils.make_msgid(domain=sender.rpartition("@")[2] or None)
    message["X-Unsent"] = "1"
    message.set_content(_fill(texts["body"], fields, "body"))
    name = safe_file_name(f"{letter.file_stem} {letter.organisation}") + ".pdf"
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=name)
    return message


def write_drafts(
    store: Store,
    out_dir: Path,
    slug: str,
    round_: int | None,
    sender: str,
    *,
    dry_run: bool = False,
) -> list[Draft]:
    """One .eml per decided candidature of the region (and round); all or nothing."""
    if "@" not in email.utils.parseaddr(sender)[1]:
        raise MailTemplateError(_("--from needs an e-mail address"))
    letters = collect_letters(store, [slug], round_)
    if not letters:
        raise MailTemplateError(_("there are no letters to write: no decided candidatures match"))
    with store.reader() as session:
        info = {}
        for letter in letters:
            cand = session.get(Candidature, letter.candidature)
            assert cand is not None
            region = session.get(Region, cand.region_id)
            info[letter.candidature] = (cand.email, cand.contact, cand.title, region.name)
    messages = []
    with tempfile.TemporaryDirectory() as tmp:
        for letter in letters:
            to, contact, title, region = info[letter.candidature]
            pdf_path = Path(tmp, "brief.pdf")
            render_letters([letter], pdf_path, title=letter.subject)
            message = build_message(
                letter, pdf_path.read_bytes(), to, contact, title, region, sender
            )
            name = safe_file_name(f"{letter.file_stem} {letter.organisation}") + ".eml"
            messages.append((letter, to, message, Path(out_dir) / name))
    drafts = []
    if not dry_run:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    for letter, to, message, path in messages:
        if not dry_run:
            with atomic_path(path) as target:
                target.write_bytes(bytes(message))
        drafts.append(
            Draft(
                letter.candidature,
                letter.organisation,
                to,
                str(message["Subject"]),
                None if dry_run else path,
                str(message["Message-ID"]),
            )
        )
    return drafts
