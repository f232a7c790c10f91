"""Guessing a candidature's organisation and title from a submission e-mail, for the
secretariat to confirm or correct: the signature, the attachment's name and title page, the
subject, and last of all the sender's domain."""

from __future__ import annotations

import re

from jurydesk.documents.extract import fold
from jurydesk.documents.service import Prepared
from jurydesk.i18n import _
from jurydesk.mail.read import PREFIX, QUOTES, Mail

# Belgian legal forms and the words organisations put in their names
_FORM = re.compile(
    r"\b(vzw|v\.z\.w\.?|ivzw|cv|cvba|cvso|bv|bvba|nv|vof|comm\.?v|ocmw|ovam|vereniging|"
    r"stichting|centrum|huis|atelier|asbl)\b",
    re.IGNORECASE,
)
_FREE_MAIL = {"gmail", "hotmail", "outlook", "telenet", "skynet", "yahoo", "live", "proximus"}
_QUOTED = re.compile(r"['\"„“‘«]([^'\"„”“’»\n]{8,200})['\"”’»]")
_FORWARD = re.compile(r"^-{2,}.*(doorgestuurd|forwarded|original).*-{2,}$", re.IGNORECASE)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def _domain_label(mail: Mail) -> str:
    domain = mail.sender.rpartition("@")[2]
    label = domain.split(".")[0] if domain else ""
    return "" if label in _FREE_MAIL else label


def _signature_lines(body: str) -> list[str]:
    lines = []
    for line in body.splitlines():
        if _FORWARD.match(line.strip()):
            break
        lines.append(line.strip())
    return [line for line in lines if line][-6:]


def _is_name(line: str, label: str) -> bool:
    if not 3 <= len(line) <= 120 or "@" in line or line.endswith((".", ":", ",", "?")):
        return False
    return bool(_FORM.search(line)) or bool(label and _letters(label) in _letters(line))


def guess_organisation(mail: Mail, prepared: list[Prepared]) -> str:
    """'Kookatelier Het Vat' from the signature; else from 'Kandidatuur <name>.pdf' or the
    title page; else the domain ('brugwerk-leuven.be' -> 'Brugwerk Leuven'); else the
    sender's name."""
    label = _domain_label(mail)
    for line in reversed(_signature_lines(mail.body)):
        if line != mail.sender_name and _is_name(line, label):
            return line
    for item in prepared:
        stem = item.name.rsplit(".", 1)[0]
        stem = re.sub(r"^(kandidatuur|voorstel|aanvraag)\s+", "", stem, flags=re.IGNORECASE)
        stem = re.sub(r"\s+v\d+$", "", stem)
        if _is_name(stem, label):
            return stem
        first_page = item.extracted.texts[0] if item.extracted.texts else ""
        for line in first_page.splitlines()[:12]:
            for part in re.split(r"\s[—–-]\s", line.strip()):
                if _is_name(part.strip(), label) and _FORM.search(part):
                    return part.strip()
    if label:
        return " ".join(part.capitalize() for part in re.split(r"[-_]+", label) if part)
    return mail.sender_name or mail.sender


def _subject_rest(subject: str, rule: str) -> str:
    """The subject without reply/forward prefixes and the submission subject, case kept."""
    text = PREFIX.sub("", subject or "").translate(QUOTES)
    words = [re.escape(w) for w in rule.translate(QUOTES).replace('"', " ").split()]
    if words:
        text = re.sub(r'"?\s*' + r"\s+".join(words) + r'\s*"?', " ", text, flags=re.IGNORECASE)
    text = " ".join(text.split()).strip(' -–—:|"')
    if text.startswith(("(", "[")) and text.endswith((")", "]")):
        text = text[1:-1].strip()
    return text


def guess_title(mail: Mail, rule: str, prepared: list[Prepared], organisation: str = "") -> str:
    """The subject's words beside the submission subject (unless they are the organisation);
    else a quoted phrase in the body; else the first line of the proposal."""
    rest = _subject_rest(mail.subject, rule)
    if len(rest) >= 8 and _letters(rest) != _letters(organisation):
        return rest[:1].upper() + rest[1:]
    found = _QUOTED.search(mail.body)
    if found:
        return found.group(1).strip()
    for item in prepared:
        for line in (item.extracted.texts[0] if item.extracted.texts else "").splitlines():
            if len(line.strip()) >= 8:
                return re.split(r"\s[—–]\s", line.strip())[0][:300]
    return _("Candidature by e-mail")
