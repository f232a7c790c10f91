"""Juror PINs: who is scoring. Set by the secretariat (handed over with the pack code) or
chosen by the juror at first use; stored as a salted scrypt hash, never in clear."""

from __future__ import annotations

from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.jury.service import get_juror
from jurydesk.passphrase import encode, matches
from jurydesk.store.models import Setting

DEMO_PIN = "1234"
# a PIN of 4 to 8 digits is guessable by whoever holds the database anyway: the hash keeps it
# out of sight and off backups, cheaply (it is checked on every juror command)
N = 2**12


def _key(juror_id: int) -> str:
    return f"juror_pin:{juror_id}"


def has_pin(session: Session, juror_id: int) -> bool:
    return session.get(Setting, _key(juror_id)) is not None


def set_pin(session: Session, actor: str, juror_id: int, pin: str) -> None:
    get_juror(session, juror_id)
    pin = pin.strip()
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise ScoringError(_("a PIN is 4 to 8 digits"))
    old = session.get(Setting, _key(juror_id))
    session.merge(Setting(key=_key(juror_id), value=encode(pin, N)))
    audit.record(
        session,
        actor,
        "pin_set",
        "juror",
        str(juror_id),
        {"pin": "set"} if old else None,
        {"pin": "set"},
    )


def verify_pin(session: Session, juror_id: int, pin: str) -> bool:
    row = session.get(Setting, _key(juror_id))
    return row is not None and matches(row.value, pin.strip())
