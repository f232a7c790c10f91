"""The file format of packs and returns: JSON inside a zip, with a manifest.

A return's manifest carries an HMAC-SHA256 over the manifest and the payload's hash, keyed
with a per-juror secret that the secretariat issued in that juror's pack. HMAC rather than a
public-key signature: only the secretariat, who issued the secret, ever verifies a return, so a
shared secret gives the same protection without key pairs or another dependency.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import struct
import zipfile
import zlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy import Date, DateTime, Numeric, Table
from sqlalchemy.types import TypeDecorator

from jurydesk.i18n import _

FORMAT = "jurydesk"
MAX_FILE = 200 * 2**20  # a return or pack larger than this is refused
MAX_JSON = 100 * 2**20  # per JSON entry, uncompressed
MAX_ATTACHMENTS = 500 * 2**20
MANIFEST, PAYLOAD = "manifest.json", "payload.json"


# What a damaged, truncated or hand-made zip can raise while it is read.
DAMAGED = (
    zipfile.BadZipFile,
    ValueError,
    OSError,
    EOFError,
    UnicodeDecodeError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
    KeyError,
    IndexError,
    struct.error,
)


class PackError(ValueError):
    """A pack or return that is refused; the message says why. Nothing was written."""


def canonical(data: Any) -> bytes:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")  # (a lone surrogate JSON allows: no traceback)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def mac(secret: str, manifest: dict[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != "hmac"}
    return hmac.new(bytes.fromhex(secret), canonical(body), hashlib.sha256).hexdigest()


def mac_matches(secret: str, manifest: dict[str, Any]) -> bool:
    """Whether the manifest's "hmac" is the one this secret gives (compared in constant time)."""
    given = manifest.get("hmac")
    return isinstance(given, str) and hmac.compare_digest(  # (any text, even no UTF-8)
        given.encode("utf-8", "replace"), mac(secret, manifest).encode()
    )


def write_zip(
    manifest: dict[str, Any], payload: dict[str, Any], files: dict[str, bytes] | None = None
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, canonical(manifest))
        archive.writestr(PAYLOAD, canonical(payload))
        for name, data in (files or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def payload_bytes(payload: dict[str, Any]) -> bytes:
    return canonical(payload)


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not (
        name.startswith(("/", "\\"))
        or "\\" in name
        or ".." in path.parts
        or (len(name) > 1 and name[1] == ":")
        or not name
        or name.endswith("/")
    )


def read_manifest(data: bytes) -> dict[str, Any]:
    """Only the manifest of a zip (a file recognised by its hash: its payload was checked when
    it was first imported)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(MANIFEST) as handle:
            manifest = json.loads(handle.read(MAX_JSON + 1).decode("utf-8"))
    except (*DAMAGED, KeyError) as exc:
        raise PackError(
            _("the file is damaged or truncated ({error})").format(error=type(exc).__name__)
        ) from None
    if not isinstance(manifest, dict):
        raise PackError(_("the file's manifest or payload is not a JSON object"))
    return manifest


def read_zip(data: bytes, kind: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, bytes]]:
    """Manifest, payload and other files of a zip; anything odd is refused whole."""
    label = {"pack": _("pack"), "return": _("return")}.get(kind, kind)
    if len(data) > MAX_FILE:
        raise PackError(_("the file is larger than {mb} MB").format(mb=MAX_FILE // 2**20))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except DAMAGED as exc:
        raise PackError(_("not a JuryDesk file (not a zip: {error})").format(error=exc)) from None
    total = 0
    for info in infos:
        if not _safe_name(info.filename):
            raise PackError(
                _("the file holds an unsafe entry name: {name}").format(name=info.filename)
            )
        total += info.file_size
    if total > MAX_JSON + MAX_ATTACHMENTS:
        raise PackError(_("the file unpacks to more than allowed"))
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise PackError(_("the file holds the same entry twice"))
    for required in (MANIFEST, PAYLOAD):
        if required not in names:
            raise PackError(
                _("the file has no {name}; it is not a JuryDesk {kind}").format(
                    name=required, kind=label
                )
            )
    try:
        raw = {}
        for info in infos:
            limit = MAX_JSON if info.filename in (MANIFEST, PAYLOAD) else MAX_ATTACHMENTS
            if info.file_size > limit:
                raise PackError(_("{name} is too large").format(name=info.filename))
            with archive.open(info) as handle:
                content = handle.read(limit + 1)
            if len(content) > limit:
                raise PackError(_("{name} is too large").format(name=info.filename))
            raw[info.filename] = content
        manifest = json.loads(raw.pop(MANIFEST).decode("utf-8"))
        payload_raw = raw.pop(PAYLOAD)
        payload = json.loads(payload_raw.decode("utf-8"))
    except PackError:
        raise
    except DAMAGED as exc:  # damaged or truncated entries
        raise PackError(
            _("the file is damaged or truncated ({error})").format(error=type(exc).__name__)
        ) from None
    if not isinstance(manifest, dict) or not isinstance(payload, dict):
        raise PackError(_("the file's manifest or payload is not a JSON object"))
    if manifest.get("format") != FORMAT or manifest.get("kind") != kind:
        raise PackError(_("this is not a JuryDesk {kind}").format(kind=label))
    if manifest.get("payload_sha256") != sha256(payload_raw):
        raise PackError(_("the payload does not match its hash: the file was altered"))
    return manifest, payload, raw


# Rows of any table as JSON, and back ------------------------------------------------------
def _kind(column: Any) -> str:
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl if not isinstance(kind.impl, type) else kind.impl()
    if isinstance(kind, DateTime):
        return "datetime"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, Numeric) and getattr(kind, "asdecimal", False):
        return "decimal"
    return "plain"


def row_to_json(table: Table, row: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in table.columns:
        value = row._mapping[column]
        if isinstance(value, datetime | date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        out[column.name] = value
    return out


def row_from_json(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in data:
            continue
        value, kind = data[column.name], _kind(column)
        if value is not None and kind == "datetime":
            value = datetime.fromisoformat(value)
        elif value is not None and kind == "date":
            value = date.fromisoformat(value)
        elif value is not None and kind == "decimal":
            value = Decimal(value)
        out[column.name] = value
    return out
