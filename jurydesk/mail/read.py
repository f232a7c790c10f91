"""Reading a mailbox export: one .eml file, a folder of them, or an mbox file; each message
with the moment it reached the receiving server, its sender, body text and attachments."""

from __future__ import annotations

import email
import email.policy
import email.utils
import hashlib
import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from jurydesk.i18n import _
from jurydesk.mail.spool import Spool, Spooled

RECEIVED, DATE = "received", "date"
MAX_MESSAGE = 200 * 2**20


@dataclass
class Mail:
    source: str  # file (and position in an mbox)
    message_id: str
    subject: str
    sender_name: str
    sender: str
    received_at: datetime | None
    received_from: str  # RECEIVED or DATE, or "" when neither could be read
    body: str
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    replies_to: tuple[str, ...] = ()  # Message-IDs from In-Reply-To and References
    spooled: list[tuple[str, Spooled]] = field(default_factory=list)  # attachments in a Spool
    # the key of versions before issue 29 for a message without Message-ID (its bytes' digest):
    # a mailbox imported then is still recognised
    legacy_id: str = ""

    @property
    def keys(self) -> set[str]:
        """What identifies this message among those taken in already."""
        return {self.message_id, self.legacy_id} - {""}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("br", "p", "div", "li", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    lines = ("".join(parser.parts)).splitlines()
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def received(message: EmailMessage) -> tuple[datetime | None, str]:
    """The topmost Received header's date (the receiving server), else the Date header."""
    headers = message.get_all("Received") or []
    if headers:
        moment = _moment(str(headers[0]).rsplit(";", 1)[-1])
        if moment is not None:
            return moment, RECEIVED
    moment = _moment(str(message.get("Date", "") or ""))
    return (moment, DATE) if moment is not None else (None, "")


def _undeclared(raw: bytes, problems: list[str], body: bool, context: bytes = b"") -> str:
    """Bytes without a (fitting) charset: decoded without silent mojibake. A detected
    encoding is named in the message's problems for the user to check; text whose encoding
    cannot be recognised is left out (and said so) rather than stored garbled."""
    from jurydesk.textcodec import decode_undeclared

    decoded = decode_undeclared(raw, context)
    if decoded is None:
        problems.append(
            _("the text declares no charset and its encoding cannot be recognised; left out")
            if body
            else _("the subject declares no charset and its encoding cannot be recognised")
        )
        return ""
    if decoded.guessed:
        problems.append(
            (
                _("the text declares no charset; read as {encoding} (detected): check it")
                if body
                else _("the subject declares no charset; read as {encoding} (detected): check it")
            ).format(encoding=decoded.encoding)
        )
    return decoded.text


def _body(message: EmailMessage, problems: list[str], context: bytes = b"") -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    payload = part.get_payload(decode=True) or b""
    raw = payload if isinstance(payload, bytes) else b""
    if part.get_content_charset() is None and not raw.isascii():
        text = _undeclared(raw, problems, body=True, context=context)
    else:
        try:
            content = part.get_content()
        except (LookupError, UnicodeDecodeError, AssertionError):
            content = "\ufffd"  # an unknown or broken charset: as if it did not fit
        text = content if isinstance(content, str) else ""
        if "\ufffd" in text and "\ufffd".encode() not in raw:  # the charset does not fit
            text = _undeclared(raw, problems, body=True, context=context)
    return html_to_text(text) if part.get_content_type() == "text/html" else text.strip()


def _raw_subject(message: EmailMessage) -> bytes | None:
    """The subject's own bytes when they are 8-bit without an RFC 2047 charset, else None."""
    raw = next((str(v) for k, v in message.raw_items() if k.lower() == "subject"), "")
    if any("\udc80" <= ch <= "\udcff" for ch in raw):
        return raw.encode("utf-8", "surrogateescape")
    return None


def _subject(message: EmailMessage, problems: list[str]) -> str:
    """The subject; 8-bit bytes without charset are decoded as the body is (the body's bytes
    help the detection)."""
    raw = _raw_subject(message)
    if raw is None:
        text = str(message.get("Subject", "") or "")
    else:
        part = message.get_body(preferencelist=("plain", "html"))
        payload = part.get_payload(decode=True) if part is not None else b""
        context = payload if isinstance(payload, bytes) else b""
        text = _undeclared(raw, problems, body=False, context=context)
    return " ".join(text.split())


ID_LENGTH = 500  # the column's width: a longer Message-ID is kept as its digest


def message_key(
    message_id: str,
    sender: str,
    message: EmailMessage,
    subject: str,
    attachments: list[tuple[str, bytes]],
) -> str:
    """What identifies a message: its Message-ID (a digest of all of it when it is too long
    to store whole), else a digest of the sender, the Date header, the subject and the
    attachments' SHA-256 — the same whether it comes as .eml or out of an mbox."""
    if message_id:
        if len(message_id) <= ID_LENGTH:
            return message_id
        return "id-sha256:" + hashlib.sha256(message_id.encode("utf-8", "replace")).hexdigest()
    parts = [
        sender.strip().lower(),
        " ".join(str(message.get("Date", "") or "").split()),
        subject,
        *sorted(hashlib.sha256(payload).hexdigest() for _name, payload in attachments),
    ]
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()
    return "mail-sha256:" + digest


def parse(data: bytes, source: str) -> Mail:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    problems: list[str] = []
    try:
        name, address = email.utils.parseaddr(str(message.get("From", "") or ""))
    except (ValueError, IndexError):
        name, address = "", ""
    subject = _subject(message, problems)
    message_id = str(message.get("Message-ID", "") or "").strip()
    legacy = ""
    moment, where = received(message)
    if moment is None:
        problems.append(_("no readable Received or Date header"))
    attachments: list[tuple[str, bytes]] = []
    for part in message.iter_attachments():
        filename = part.get_filename() or ""
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        if filename.lower() == "winmail.dat" or part.get_content_type() == "application/ms-tnef":
            problems.append(
                _("winmail.dat (Outlook TNEF): ask the sender to send the files as attachments")
            )
            continue
        attachments.append((filename or "bijlage", payload))
    if not message_id:  # the same message as .eml and in an mbox: different bytes, same key
        legacy = "sha256:" + hashlib.sha256(data).hexdigest()
    return Mail(
        source=source,
        legacy_id=legacy,
        message_id=message_key(message_id, address, message, subject, attachments),
        subject=subject,
        sender_name=name.strip(),
        sender=address.strip().lower(),
        received_at=moment,
        received_from=where,
        body=_body(message, problems, _raw_subject(message) or b""),
        attachments=attachments,
        problems=problems,
        replies_to=tuple(
            re.findall(
                r"<[^<>\s]+>",
                f"{message.get('In-Reply-To', '') or ''} {message.get('References', '') or ''}",
            )
        ),
    )


def _is_mbox(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def read_mail(paths: list[Path]) -> Iterator[Mail]:
    """Every message under ``paths`` (.eml files, folders of them, mbox files)."""
    for path in paths:
        if path.is_dir():
            yield from read_mail(sorted(p for p in path.iterdir() if p.suffix.lower() == ".eml"))
        elif path.is_file() and _is_mbox(path):
            box = mailbox.mbox(str(path), create=False)
            for index, key in enumerate(box.iterkeys(), start=1):
                yield parse(box.get_bytes(key), f"{path.name}#{index}")
        elif path.is_file():
            if path.stat().st_size > MAX_MESSAGE:
                yield Mail(path.name, "", "", "", "", None, "", "", [], [_("message too large")])
                continue
            yield parse(path.read_bytes(), path.name)
        else:
            yield Mail(str(path), "", "", "", "", None, "", "", [], [_("no such file or folder")])


def read_spooled(paths: list[Path], spool: Spool) -> list[Mail]:
    """Every message, its attachments moved into ``spool`` as soon as it is read (only one
    message's attachments are in memory at a time)."""
    mails = []
    for mail in read_mail(paths):
        mail.spooled = [(name, spool.put(data)) for name, data in mail.attachments]
        mail.attachments = []
        mails.append(mail)
    return mails


PREFIX = re.compile(r"^\s*((re|fw|fwd|tr|antw|doorst)\s*:\s*)+", re.IGNORECASE)
QUOTES = str.maketrans({c: '"' for c in "“”„‟«»'‘’`"})


def subject_key(text: str) -> str:
    text = PREFIX.sub("", text or "").translate(QUOTES).replace('"', " ")
    return " ".join(text.casefold().split())


def matches(subject: str, rule: str | None) -> bool:
    """Whether a subject carries the region's submission subject (prefixes, case and quote
    styles aside, with any text around it)."""
    return bool(rule) and subject_key(rule or "") in subject_key(subject)
