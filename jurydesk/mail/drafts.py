"""Messages as drafts: one .eml per candidature (with its PDF letter attached, for decisions),
to open in Outlook or Thunderbird and send from there (``X-Unsent: 1`` makes Outlook open it
as a draft). Drafts do not pass through the outbox: JuryDesk cannot know when they are sent,
so the communication date is recorded in the results view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jurydesk.atomic import atomic_path
from jurydesk.exports.letters import safe_file_name
from jurydesk.i18n import _, current_language
from jurydesk.mail.compose import check_sender, compose, new_message_id, plan
from jurydesk.mail.templates import DECISION, MailTemplateError, mail_template
from jurydesk.store import Store


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


def write_drafts(
    store: Store,
    out_dir: Path,
    slug: str,
    round_: int | None,
    sender: str,
    *,
    kind: str = DECISION,
    dry_run: bool = False,
) -> tuple[list[Draft], list[tuple[int, str, str]]]:
    """One .eml per message of the region (and round); all or nothing. Also returns the
    candidatures that cannot be written to (no address) with the reason."""
    check_sender(sender)
    language = current_language()
    with store.reader() as session:
        planned, refused = plan(session, slug, kind, round_, language)
    if not planned:
        raise MailTemplateError(_("there is nothing to write: no candidature matches"))
    texts = mail_template(language, slug)
    messages = []
    for item in planned:
        message = compose(item, sender, new_message_id(sender), language, draft=True, texts=texts)
        stem = item.letter.file_stem if item.letter else f"ontvangst-{item.key.split('/')[-1]}"
        name = safe_file_name(f"{stem} {item.organisation}") + ".eml"
        messages.append((item, message, Path(out_dir) / name))
    if not dry_run:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        for _item, message, path in messages:
            with atomic_path(path) as target:
                target.write_bytes(bytes(message))
    drafts = [
        Draft(
            item.candidature,
            item.organisation,
            item.recipient,
            str(message["Subject"]),
            None if dry_run else path,
            str(message["Message-ID"]),
        )
        for item, message, path in messages
    ]
    return drafts, refused
