"""Juror PINs: who is scoring. Set by the secretariat (handed over with the pack code);
stored as a salted scrypt hash, never in clear.

A PIN is guessable offline by whoever holds the database file (the pack code, not the PIN,
protects a laptop's file at rest); online, every wrong PIN costs a pause and is counted, and
after LOCK_AFTER wrong PINs in a row the juror is locked out until the secretariat sets a new
PIN. Both are audited."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.errors import ScoringError
from jurydesk.i18n import _
from jurydesk.jury.service import get_juror
from jurydesk.passphrase import encode, fingerprint, matches
from jurydesk.store import Store, audit_keys
from jurydesk.store.models import Setting

DEMO_PIN = "123456"
NEW_PIN_DIGITS = 6  # a new PIN; older 4-digit PINs keep working until they are changed
LOCK_AFTER = 5
FAIL_DELAY = 1.0  # seconds after each wrong PIN, outside the transaction
# checked on every juror command: cheap, and still a salted hash
N = 2**12
OK, WRONG, LOCKED = "ok", "wrong", "locked"


def _key(juror_id: int) -> str:
    return f"juror_pin:{juror_id}"


def _failures_key(juror_id: int) -> str:
    return f"juror_pin_failures:{juror_id}"


def has_pin(session: Session, juror_id: int) -> bool:
    return session.get(Setting, _key(juror_id)) is not None


def set_pin(session: Session, actor: str, juror_id: int, pin: str) -> None:
    """A new PIN (6 to 8 digits); lifts a lock-out. With the secretariat's audit key in this
    process, the juror's own MAC key is wrapped with the PIN for their events."""
    get_juror(session, juror_id)
    pin = pin.strip()
    if not (pin.isdigit() and NEW_PIN_DIGITS <= len(pin) <= 8):
        raise ScoringError(_("a new PIN is 6 to 8 digits"))
    old = session.get(Setting, _key(juror_id))
    value = encode(pin, N)
    session.merge(Setting(key=_key(juror_id), value=value))
    failures = session.get(Setting, _failures_key(juror_id))
    if failures is not None:
        session.delete(failures)
    audit_keys.store_juror_key(session, juror_id, pin, N)
    audit.record(
        session,
        actor,
        "pin_set",
        "juror",
        str(juror_id),
        {"pin": "set"} if old else None,
        # a fingerprint of the salted hash: `audit verify` sees a PIN replaced in the file
        {"pin": "set", "fingerprint": fingerprint(value)},
    )


def failures(session: Session, juror_id: int) -> int:
    row = session.get(Setting, _failures_key(juror_id))
    return int(row.value) if row is not None and row.value.isdigit() else 0


def verify_pin(session: Session, juror_id: int, pin: str) -> bool:
    """Whether ``pin`` is the juror's (and they are not locked out); a correct PIN also
    unlocks the juror's MAC key for this process. Counts nothing: see `attempt`."""
    row = session.get(Setting, _key(juror_id))
    if row is None or failures(session, juror_id) >= LOCK_AFTER:
        return False
    if not matches(row.value, pin.strip()):
        return False
    audit_keys.unlock_juror(session, juror_id, pin.strip())
    return True


@dataclass(frozen=True)
class Attempt:
    """A sign-in's outcome and the pause (seconds) the caller must keep before the next try."""

    result: str
    pause: float = 0.0


def try_pin(store: Store, juror_id: int, pin: str) -> Attempt:
    """A sign-in with a PIN, counted and audited, without waiting: a wrong PIN comes back
    with the pause to keep (the GUI keeps it with a timer, so that its window stays alive)."""
    with store.session() as session:
        if failures(session, juror_id) >= LOCK_AFTER:
            return Attempt(LOCKED)
        if verify_pin(session, juror_id, pin):
            row = session.get(Setting, _failures_key(juror_id))
            if row is not None:
                session.delete(row)
            return Attempt(OK)
        if not has_pin(session, juror_id):
            return Attempt(WRONG)
        count = failures(session, juror_id) + 1
        session.merge(Setting(key=_failures_key(juror_id), value=str(count)))
        audit.record(
            session,
            f"pin:{juror_id}",
            "pin_locked" if count >= LOCK_AFTER else "pin_failed",
            "juror",
            str(juror_id),
            None,
            {"failures": count},
        )
    return Attempt(LOCKED if count >= LOCK_AFTER else WRONG, FAIL_DELAY)


def attempt(store: Store, juror_id: int, pin: str) -> str:
    """A sign-in with a PIN: OK, WRONG (counted, audited, then a pause) or LOCKED."""
    outcome = try_pin(store, juror_id, pin)
    if outcome.pause:
        time.sleep(outcome.pause)
    return outcome.result


def has_signing_key(session: Session, juror_id: int) -> bool:
    """Whether the juror's own MAC key is stored (wrapped with their PIN)."""
    return audit_keys.wrapped_juror_key(session, juror_id) is not None


SIGNS, NO_KEY, NO_PIN = "signs", "no key", "no PIN"  # a juror's own scoring events


def signing(session: Session, juror_ids: list[int]) -> dict[int, str]:
    """Per juror: SIGNS (a key wrapped with their PIN), NO_KEY (a PIN from before the audit
    log's MACs: set a new one) or NO_PIN."""
    keyless = set(audit_keys.jurors_without_key(session))
    out = {}
    for juror in juror_ids:
        if juror in keyless:
            out[juror] = NO_KEY
        else:
            out[juror] = SIGNS if has_signing_key(session, juror) else NO_PIN
    return out


def signing_label(state: str) -> str:
    return {
        SIGNS: _("yes"),
        NO_KEY: _("no: new PIN needed"),
        NO_PIN: _("no PIN"),
    }.get(state, state)


def no_key_advice(jurors: list[str]) -> str:
    """Said once (the jury list, `audit verify`), never per event."""
    return _(
        "Without a signing key: {ids}. Their PIN was set before the audit log's MACs, so their "
        "own scoring cannot be told from forged scoring. Set a new PIN for each (Jury › Jurors "
        "and conflicts of interest…, or jurydesk juror pin ID PIN)."
    ).format(ids=", ".join(jurors))


def jurors_without_key(session: Session) -> list[int]:
    """Jurors with a PIN but no signing key (their PIN was set before the audit log's MACs,
    or without the secretariat's key): a new PIN gives them one."""
    return audit_keys.jurors_without_key(session)


def pin_hash(session: Session, juror_id: int) -> str | None:
    """The stored (salted, hashed) PIN, which a juror pack carries to the juror's laptop."""
    row = session.get(Setting, _key(juror_id))
    return row.value if row is not None else None


def keep_pin_hash(session: Session, juror_id: int, value: object) -> None:
    """A pack's PIN hash, kept in the juror's new database (nothing when the pack has none)."""
    if isinstance(value, str) and value:
        session.merge(Setting(key=_key(juror_id), value=value))
