"""The secretariat's passphrase: stored only as a salted scrypt hash in the settings table."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlalchemy.orm import Session

from jurydesk.i18n import _
from jurydesk.store import audit_keys
from jurydesk.store.models import Setting

KEY = "secretariat_passphrase"
DEMO_PASSPHRASE = "demo"
MIN_LENGTH = 4
N, R, P = 2**14, 8, 1


class PassphraseError(ValueError):
    pass


def _hash(passphrase: str, salt: bytes, n: int = N, r: int = R, p: int = P) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)


def encode(secret: str, n: int = N) -> str:
    """'scrypt$n$r$p$salt$digest': a salted hash of a passphrase (or a juror's PIN)."""
    salt = secrets.token_bytes(16)
    digest = _hash(secret, salt, n)
    b64 = base64.b64encode
    return f"scrypt${n}${R}${P}${b64(salt).decode()}${b64(digest).decode()}"


def matches(stored: str, secret: str) -> bool:
    """Whether ``secret`` is the one ``encode`` turned into ``stored``."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        got = _hash(secret, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return scheme == "scrypt" and hmac.compare_digest(expected, got)


def has_passphrase(session: Session) -> bool:
    return session.get(Setting, KEY) is not None


def set_passphrase(session: Session, passphrase: str, old: str | None = None) -> None:
    """Set the passphrase; changing an existing one needs the old one."""
    if len(passphrase) < MIN_LENGTH:
        raise PassphraseError(
            _("the passphrase needs at least {n} characters").format(n=MIN_LENGTH)
        )
    if has_passphrase(session) and not verify(session, old or ""):
        raise PassphraseError(_("the current passphrase is not correct"))
    from jurydesk.audit import chain as audit

    row = session.get(Setting, KEY)
    before = fingerprint(row.value) if row is not None else None
    value = encode(passphrase)
    session.merge(Setting(key=KEY, value=value))
    key = audit_keys.unlock_secretariat(session, old) if old and row is not None else None
    if key is not None:
        audit_keys.rewrap(session, key, passphrase)
    else:
        _start_macs(session, passphrase)
    # A fingerprint of the stored hash, never the hash: enough for `audit verify` to see a
    # passphrase that was removed or replaced behind the log's back.
    audit.record(
        session,
        audit.secretariat_actor(),
        "passphrase",
        "setting",
        KEY,
        {"fingerprint": before},
        {"fingerprint": fingerprint(value)},
    )


def _start_macs(session: Session, passphrase: str) -> bytes:
    """Create the audit key and record the event from which every event carries a MAC; it
    also writes down the settings `audit verify` compares from this version on (SMTP, pitch
    timer and order, rubrics, limits, jury settings, what each region's file installed): their
    reference until their next event."""
    from jurydesk.audit import chain as audit
    from jurydesk.audit.replay_tracked import tracked

    key = audit_keys.new_key(session, passphrase)
    session.flush()
    audit.record(
        session,
        audit.secretariat_actor(),
        audit_keys.START,
        "setting",
        audit_keys.KEY_SETTING,
        None,
        {"macs": "from here on", "state": tracked(session)},
    )
    return key


def unlock(session: Session, passphrase: str, writable: bool = True) -> bytes | None:
    """After a correct passphrase: the audit key, kept in memory for this database's events;
    created the first time (a database from before MACs), when the session may write.
    None when the stored key does not open with the passphrase (it was replaced)."""
    key = audit_keys.unlock_secretariat(session, passphrase)
    if key is None and writable and not audit_keys.has_key(session):
        key = _start_macs(session, passphrase)
    return key


def fingerprint(stored: str) -> str:
    """A short digest of the stored (salted, hashed) passphrase, for the audit log."""
    return hashlib.sha256(stored.encode("utf-8")).hexdigest()[:16]


def verify(session: Session, passphrase: str) -> bool:
    row = session.get(Setting, KEY)
    return row is not None and matches(row.value, passphrase)
