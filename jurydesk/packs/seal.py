"""Sealed packs and returns: AES-256-GCM with a key derived by scrypt from a short juror code
that the secretariat hands over separately (on a card, by phone). A lost USB stick reveals
nothing and cannot be used to forge a return.

File layout: MAGIC, a 2-byte header length, a JSON header (pack id, salt, nonce: nothing
personal), then the ciphertext; the header is authenticated with it. The secretariat keeps the
derived key per pack id and the juror's database keeps it after opening, so reading a return
never runs scrypt again (merging 200 returns stays fast)."""

from __future__ import annotations

import base64
import json
import os
import secrets
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from jurydesk.i18n import _
from jurydesk.packs.archive import PackError

MAGIC = b"JURYDESK-SEALED/1\n"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud by phone
CODE_LENGTH = 12  # 60 bits; with scrypt, guessing it is out of reach for a lost stick


class CodeNeeded(PackError):
    """The file is sealed and no code was given."""


class WrongCode(PackError):
    """The code (or key) does not open this file: ask it again, nothing else changes."""


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def derive_key(code: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(normalise_code(code).encode())


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def seal(data: bytes, key: bytes, pack_id: str, salt: bytes) -> bytes:
    nonce = os.urandom(12)
    header = json.dumps(
        {
            "pack_id": pack_id,
            "salt": base64.b64encode(salt).decode(),
            "nonce": base64.b64encode(nonce).decode(),
        },
        separators=(",", ":"),
    ).encode()
    head = MAGIC + struct.pack(">H", len(header)) + header
    return head + AESGCM(key).encrypt(nonce, data, head)


def header(data: bytes) -> tuple[dict[str, str], bytes, bytes]:
    """The header (pack id, salt), the authenticated head bytes and the ciphertext."""
    if not is_sealed(data):
        raise PackError(_("not a sealed JuryDesk file"))
    try:
        (size,) = struct.unpack(">H", data[len(MAGIC) : len(MAGIC) + 2])
        start = len(MAGIC) + 2
        info = json.loads(data[start : start + size].decode("utf-8"))
        base64.b64decode(info["salt"], validate=True)
        base64.b64decode(info["nonce"], validate=True)
        str(info["pack_id"])
    except (struct.error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise PackError(_("the sealed file's header is damaged")) from None
    return info, data[: start + size], data[start + size :]


def salt_of(data: bytes) -> bytes:
    return base64.b64decode(header(data)[0]["salt"])


def unseal(data: bytes, key: bytes) -> bytes:
    info, head, body = header(data)
    try:
        return AESGCM(key).decrypt(base64.b64decode(info["nonce"]), body, head)
    except (InvalidTag, ValueError):
        raise WrongCode(
            _(
                "the code does not fit this file (or the file was altered); check the code "
                "the secretariat gave you"
            )
        ) from None


def unseal_with_code(data: bytes, code: str | None) -> tuple[bytes, bytes]:
    """The opened bytes and the key, from the juror's code."""
    if not code or not normalise_code(code):
        raise CodeNeeded(_("this pack is sealed: give the juror's code"))
    key = derive_key(code, salt_of(data))
    return unseal(data, key), key
