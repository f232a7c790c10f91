"""The audit log's MAC keys: what someone holding the database file cannot compute.

The hash chain alone proves order and integrity only against someone who does not recompute
it; anyone with the file can. So every event written since the key exists also carries a MAC:

* the secretariat's key K: 32 random bytes, stored only wrapped (XOR with a pad that scrypt
  derives from the passphrase and a fresh salt, plus a check tag), so that a passphrase change
  re-wraps the same key and old MACs stay verifiable;
* a juror's key J = HMAC(K, "juror:<id>"): the secretariat recomputes it from K; the juror's
  copy is wrapped with the juror's PIN (a juror scoring on the secretariat's database).

Keys are unwrapped once per session (one scrypt at sign-in) and kept in memory, per database,
so the autosave path pays one HMAC per event, never a KDF.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from jurydesk.store.models import Setting

KEY_SETTING = "audit_mac_key"
JUROR_SETTING = "juror_mac:{id}"
PIN_SETTING = "juror_pin:"  # (jury/pins.py's key: a juror's PIN hash)
_N = 2**14
_CHECK = b"jurydesk audit key check"


@dataclass(frozen=True)
class Ring:
    """The keys unlocked in this process for one database."""

    secretariat: bytes | None = None
    juror: tuple[int, bytes] | None = None


_RINGS: dict[str, Ring] = {}


def _name(bind: Engine | Connection) -> str:
    engine = bind.engine if isinstance(bind, Connection) else bind
    return engine.url.render_as_string(hide_password=True)


def ring(bind: Engine | Connection) -> Ring:
    return _RINGS.get(_name(bind), Ring())


def forget(bind: Engine | Connection | None = None) -> None:
    """Drop the keys of one database (sign-out), or of all of them."""
    if bind is None:
        _RINGS.clear()
    else:
        _RINGS.pop(_name(bind), None)


def juror_key(key: bytes, juror_id: int) -> bytes:
    return hmac.new(key, f"juror:{juror_id}".encode(), hashlib.sha256).digest()


def mac(key: bytes, event_hash: str) -> str:
    return hmac.new(key, event_hash.encode("ascii"), hashlib.sha256).hexdigest()


def sign(bind: Connection, event_hash: str, action: str = "", entity_key: str = "") -> str | None:
    """The MAC to store with an event: the secretariat's if unlocked, else the juror's for
    that juror's own scoring (the only events a juror's key may sign; others stay unsigned)."""
    keys = _RINGS.get(_name(bind))
    if keys is None:
        return None
    if keys.secretariat is not None:
        return "s:" + mac(keys.secretariat, event_hash)
    if keys.juror is not None:
        juror_id, key = keys.juror
        if in_scope(juror_id, action, entity_key):
            return f"j{juror_id}:" + mac(key, event_hash)
    return None


def in_scope(juror_id: int, action: str, entity_key: str) -> bool:
    """Whether a juror's key may sign this event: their own score, comment, finalisation,
    declaration or declared conflict of interest."""
    return action in JUROR_ACTIONS and entity_key.startswith(f"{juror_id}/")


def _pad(secret: str, salt: bytes, n: int = _N) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=8, p=1, dklen=32)


def wrap(key: bytes, secret: str, n: int = _N) -> str:
    salt = secrets.token_bytes(16)
    body = bytes(a ^ b for a, b in zip(key, _pad(secret, salt, n), strict=True))
    check = hmac.new(key, _CHECK, hashlib.sha256).hexdigest()[:16]
    b64 = base64.b64encode
    return f"{n}${b64(salt).decode()}${b64(body).decode()}${check}"


def unwrap(stored: str, secret: str) -> bytes | None:
    """The key wrapped in ``stored``, or None when ``secret`` is not the one it was wrapped with."""
    try:
        n, salt, body, check = stored.split("$")
        raw = base64.b64decode(body)
        key = bytes(
            a ^ b for a, b in zip(raw, _pad(secret, base64.b64decode(salt), int(n)), strict=True)
        )
    except (ValueError, TypeError):
        return None
    good = hmac.new(key, _CHECK, hashlib.sha256).hexdigest()[:16]
    return key if hmac.compare_digest(good, check) else None


def unlock_secretariat(session: Session, passphrase: str) -> bytes | None:
    """K from the stored wrap (the passphrase checked by the caller), kept for this database."""
    row = session.get(Setting, KEY_SETTING)
    key = unwrap(row.value, passphrase) if row is not None else None
    if key is not None:
        _RINGS[_name(session.connection())] = Ring(secretariat=key)
    return key


def has_key(session: Session) -> bool:
    return session.get(Setting, KEY_SETTING) is not None


def new_key(session: Session, passphrase: str) -> bytes:
    """Create K (the first time the passphrase is known to this version), unlocked at once."""
    key = secrets.token_bytes(32)
    session.merge(Setting(key=KEY_SETTING, value=wrap(key, passphrase)))
    _RINGS[_name(session.connection())] = Ring(secretariat=key)
    return key


def rewrap(session: Session, key: bytes, passphrase: str) -> None:
    """The same K under a new passphrase."""
    session.merge(Setting(key=KEY_SETTING, value=wrap(key, passphrase)))


def store_juror_key(session: Session, juror_id: int, pin: str, n: int) -> bool:
    """Wrap the juror's key with their new PIN; needs the secretariat's key in this process."""
    keys = _RINGS.get(_name(session.connection()))
    if keys is None or keys.secretariat is None:
        # a wrap under the old PIN would open for whoever knew that one: the juror has no
        # key until a PIN is set with the secretariat's key at hand
        stale = session.get(Setting, JUROR_SETTING.format(id=juror_id))
        if stale is not None:
            session.delete(stale)
        return False
    value = wrap(juror_key(keys.secretariat, juror_id), pin, n)
    session.merge(Setting(key=JUROR_SETTING.format(id=juror_id), value=value))
    return True


def wrapped_juror_key(session: Session, juror_id: int) -> str | None:
    """The juror's key as stored: wrapped with their PIN (what a pack may carry)."""
    row = session.get(Setting, JUROR_SETTING.format(id=juror_id))
    return row.value if row is not None else None


def keep_wrapped_juror_key(session: Session, juror_id: int, value: object) -> bool:
    """A pack's wrapped juror key, kept in the juror's own database for the PIN to open."""
    if not isinstance(value, str) or value.count("$") != 3:
        return False
    session.merge(Setting(key=JUROR_SETTING.format(id=juror_id), value=value))
    return True


def jurors_without_key(session: Session) -> list[int]:
    """Jurors with a PIN but no key of their own: their own scoring events can be told from
    forged ones only once their PIN is set again (the key is never derivable without it)."""
    keys = set(session.scalars(select(Setting.key).where(Setting.key.like("juror_%:%"))))
    out = []
    for name in keys:
        juror = name.removeprefix(PIN_SETTING)
        pin_only = JUROR_SETTING.format(id=juror) not in keys
        if name.startswith(PIN_SETTING) and juror.isdigit() and pin_only:
            out.append(int(juror))
    return sorted(out)


def unlock_juror(session: Session, juror_id: int, pin: str) -> bool:
    """After a correct PIN: the juror's key, for the events they write in this process."""
    row = session.get(Setting, JUROR_SETTING.format(id=juror_id))
    key = unwrap(row.value, pin) if row is not None else None
    name = _name(session.connection())
    if _RINGS.get(name, Ring()).secretariat is not None:
        return key is not None  # the secretariat's key signs for everyone
    if key is None:  # (a PIN set before MACs): no other juror's key may sign for them
        _RINGS.pop(name, None)
        return False
    _RINGS[name] = Ring(juror=(juror_id, key))
    return True


# What a juror's key may sign: their own scores, comments and finalisations, their declaration
# on honour and the conflicts of interest they declare with it; nothing else.
JUROR_ACTIONS = frozenset({"score", "comment", "finalize", "declaration", "conflict_add"})
START = "mac_key"  # the event that starts the MACs: every later event must carry one
ONCE = "baseline"  # a snapshot of the tables: only once, before the MACs start


class Checker:
    """The MAC rule for `audit verify`, event by event, in chain order.

    Without the key (a database without a passphrase) only the baseline rule applies."""

    def __init__(self, key: bytes | None, keyless: frozenset[int] = frozenset()) -> None:
        self.key = key
        self.keyless = keyless  # jurors whose PIN predates the MACs: named, not accused
        self.started = False
        self.baselines = 0
        self._jurors: dict[int, bytes] = {}
        self.signed_seen = False  # an event the secretariat's key signed, or that started them
        self._keyed: dict[str, bool] = {}  # juror id -> whether their newest PIN came with a key

    def problem(self, action: str, entity_key: str, digest: str, signed: str | None) -> str:
        if action == ONCE:
            self.baselines += 1
            if self.baselines > 1 or self.started:
                return "a second baseline snapshot: only the upgrade that introduced it writes one"
        secretariat = signed is not None and signed.startswith("s:")
        self.signed_seen = self.signed_seen or secretariat or action == START
        if action == "pin_set":  # signed by the secretariat: the juror's key was stored with it
            self._keyed[entity_key] = secretariat
        if self.key is None:
            return ""
        if signed is None:
            if self.started:
                juror = entity_key.partition("/")[0]
                own = juror.isascii() and juror.isdigit()
                if action in JUROR_ACTIONS and own and int(juror) in self.keyless:
                    return (
                        f"this event has no MAC: juror {juror} has no signing key (their PIN "
                        "was set before the MACs), so it cannot be told from a forged one; "
                        "set a new PIN for them"
                    )
                return "this event has no MAC: it was written without the passphrase or a PIN"
            return ""
        kind, _sep, value = signed.partition(":")
        if kind == "s":
            good = mac(self.key, digest)
        elif kind.startswith("j") and kind[1:].isascii() and kind[1:].isdigit():
            juror = int(kind[1:])
            if juror not in self._jurors:
                self._jurors[juror] = juror_key(self.key, juror)
            good = mac(self._jurors[juror], digest)
        else:
            return "this event's MAC is not one JuryDesk writes"
        if not hmac.compare_digest(good.encode(), value.encode("utf-8", "replace")):
            return "this event's MAC is wrong: it was forged or altered"
        if kind != "s" and not in_scope(juror, action, entity_key):
            return "a juror's key signed an event that is not that juror's own scoring"
        if action == START and kind == "s":
            self.started = True
        return ""

    def final(self, session: Session) -> str:
        if self.key is not None and has_key(session) and not self.started:
            return "the event that started the MACs is missing: events were removed"
        if self.key is None and self.signed_seen and not has_key(session):
            return (
                "the events carry MACs but the database holds no audit key: the key was "
                "removed from the database file"
            )
        return self._juror_keys(session, self.key) if self.key is not None else ""

    def _juror_keys(self, session: Session, key: bytes) -> str:
        """Each juror's wrapped key must be the one the audit key derives for that juror: its
        check tag proves it without the PIN (a key swapped in would sign forged scoring)."""
        rows = dict(session.execute(select(Setting.key, Setting.value).where(_JUROR_ROWS)).all())
        for juror, keyed in self._keyed.items():
            name = JUROR_SETTING.format(id=juror)
            if keyed and PIN_SETTING + juror in rows and name not in rows:
                return (
                    f"juror {juror}'s signing key ({name}) was removed from the database file: "
                    "their PIN was set with it"
                )
        for name, stored in rows.items():
            if not name.startswith("juror_mac:"):
                continue
            juror = name.removeprefix("juror_mac:")
            check = stored.rpartition("$")[2]
            good = _tag(key, int(juror)) if juror.isascii() and juror.isdigit() else ""
            if not good or not hmac.compare_digest(good.encode(), check.encode("utf-8", "replace")):
                return (
                    f"juror {juror}'s signing key ({name}) is not the one the audit key "
                    "derives for them: it was replaced in the database file"
                )
        return ""


_JUROR_ROWS = Setting.key.like("juror_mac:%") | Setting.key.like(PIN_SETTING + "%")


def _tag(key: bytes, juror: int) -> str:
    """The check tag `wrap` writes for juror's key, whatever PIN wrapped it."""
    return hmac.new(juror_key(key, juror), _CHECK, hashlib.sha256).hexdigest()[:16]
