"""What the secretariat sets for a region's letters: the signatory (name and function), the
letterhead and the sender's address. None of it comes from the addendum: its contact people
are there "voor inhoudelijke vragen over het addendum", not to sign letters. Stored per
region in the settings table; a letter is refused while no signatory is set."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from jurydesk.store.models import Setting


@dataclass(frozen=True)
class LetterSettings:
    signatory: str = ""  # the name under the letters
    signatory_function: str = ""  # the signatory's function, below the name
    letterhead: str = ""  # lines at the top of each letter (the first in bold)
    sender: str = ""  # the sender's address lines, below the letterhead

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]


def _key(slug: str) -> str:
    return f"letters:{slug}"


def load_letter_settings(session: Session, slug: str) -> LetterSettings:
    row = session.get(Setting, _key(slug))
    if row is None:
        return LetterSettings()
    try:
        data = json.loads(row.value)
    except ValueError:
        return LetterSettings()
    known = LetterSettings.__dataclass_fields__
    return LetterSettings(**{k: str(v) for k, v in data.items() if k in known})


def save_letter_settings(session: Session, slug: str, settings: LetterSettings) -> None:
    cleaned = LetterSettings(
        signatory=" ".join(settings.signatory.split()),
        signatory_function=" ".join(settings.signatory_function.split()),
        letterhead="\n".join(LetterSettings.lines(settings.letterhead)),
        sender="\n".join(LetterSettings.lines(settings.sender)),
    )
    if cleaned == LetterSettings():
        row = session.get(Setting, _key(slug))
        if row is not None:
            session.delete(row)
        return
    session.merge(Setting(key=_key(slug), value=json.dumps(asdict(cleaned), ensure_ascii=False)))
