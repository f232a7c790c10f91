"""Juror packs: everything one juror needs to score offline, and nothing of anyone else.

The pack holds the regions the juror sits on, their rubric, the candidatures the juror scores
(never those with a conflict of interest), the round-1 pitch decisions (outcome only), the
juror's own earlier scores, the stored documents of those candidatures, and a per-juror
secret for signing returns.
Ids stay the same, so every command means the same thing in both databases.
"""

from __future__ import annotations

import base64
import os
import secrets
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.orm import Session

from jurydesk import __version__
from jurydesk.atomic import atomic_path
from jurydesk.audit import chain as audit
from jurydesk.audit.replay import decision_rows, evaluation_rows, score_rows
from jurydesk.i18n import _
from jurydesk.jury.pins import keep_pin_hash, pin_hash
from jurydesk.packs.archive import (
    FORMAT,
    PackError,
    payload_bytes,
    read_zip,
    row_from_json,
    row_to_json,
    sha256,
    write_zip,
)
from jurydesk.packs.seal import (
    derive_key,
    header,
    is_sealed,
    new_code,
    salt_of,
    seal,
    unseal,
    unseal_with_code,
)
from jurydesk.passphrase import fingerprint
from jurydesk.scoring.rubrics import DEFAULT_RUBRIC
from jurydesk.store import Store, audit_keys
from jurydesk.store.models import (
    WITHDRAWN,
    Base,
    Candidature,
    Conflict,
    DocumentBlob,
    Juror,
    PanelMember,
    Region,
    RubricRow,
    Setting,
)
from jurydesk.store.schema import SCHEMA_HEAD

DATABASE_ID, CALL = "database_id", "Capacity Building Lokale Partnerschappen"
JUROR_DB, PACK_ID, PACK_SECRET, HOME_ID, RETURN_SEQ = (
    "juror_db",
    "pack_id",
    "pack_secret",
    "home_database_id",
    "return_seq",
)
# the sealing key: per pack id at the secretariat, the juror's own in a juror database
PACK_KEY, PACK_SALT = "pack_key", "pack_salt"
REGION_PARTS = (
    "municipalities",
    "challenges",
    "needs",
    "enrichment_points",
    "exclusions",
    "focus_expertise",
    "timeline_events",
    "contacts",
)


def table(name: str) -> Table:
    return Base.metadata.tables[name]


_SETTING = select(Setting.value).where(Setting.key == bindparam("setting_key"))


def setting(session: Session, key: str) -> str | None:
    return session.execute(_SETTING, {"setting_key": key}).scalar()


def own_juror(session: Session) -> int | None:
    """In a juror's own database (made from a pack): that juror's id; else None."""
    value = setting(session, JUROR_DB)
    return int(value) if value else None


def database_id(session: Session) -> str:
    """This database's identity (created on first use), so a return finds its way home."""
    value = setting(session, DATABASE_ID)
    if value is None:
        value = uuid.uuid4().hex
        session.add(Setting(key=DATABASE_ID, value=value))
        session.flush()
    return value


def juror_secret_key(juror: int) -> str:
    return f"pack_secret:{juror}"


def _rows(session: Session, name: str, *where: Any) -> list[dict[str, Any]]:
    t = table(name)
    return [row_to_json(t, row) for row in session.execute(select(t).where(*where))]


_ASSIGNED = (
    # calibration anchors first (every juror scores them first); selected for DISTINCT's sake
    select(PanelMember.region_id, Candidature.id, Candidature.calibration)
    .join(Candidature, Candidature.region_id == PanelMember.region_id)
    .where(
        PanelMember.juror_id == bindparam("juror"),
        Candidature.status != WITHDRAWN,
        ~select(Conflict.id)
        .where(Conflict.juror_id == PanelMember.juror_id, Conflict.candidature_id == Candidature.id)
        .exists(),
    )
    .distinct()
    .order_by(PanelMember.region_id, Candidature.calibration.desc(), Candidature.id)
)


_PANEL_REGIONS = select(PanelMember.region_id).where(PanelMember.juror_id == bindparam("juror"))


def assigned(session: Session, juror_id: int) -> dict[int, list[int]]:
    """Region id -> the candidature ids this juror scores (panels minus conflicts)."""
    juror = {"juror": juror_id}
    regions: dict[int, list[int]] = {
        region: [] for region in sorted(set(session.scalars(_PANEL_REGIONS, juror)))
    }
    for region, candidature, _anchor in session.execute(_ASSIGNED, juror):
        regions[region].append(candidature)
    return regions


def export_pack(
    store: Store, juror_id: int, out: Path, *, include_contacts: bool = False
) -> dict[str, Any]:
    """Write ``out``, sealed with a new juror code; returns its manifest with the ``code`` to
    hand over separately. Issues (or keeps) the juror's secret. The candidates' e-mail
    addresses, phone numbers and postal addresses stay out unless ``include_contacts``."""
    pack_id, salt, code = uuid.uuid4().hex, os.urandom(16), new_code()
    seal_key = derive_key(code, salt)
    with store.session() as session:
        juror = session.get(Juror, juror_id)
        if juror is None:
            raise PackError(_("no juror with id {id}").format(id=juror_id))
        if setting(session, JUROR_DB):
            raise PackError(_("this is a juror database; packs come from the secretariat"))
        work = assigned(session, juror_id)
        if not work:
            raise PackError(_("juror {id} sits on no panel").format(id=juror_id))
        key = juror_secret_key(juror_id)
        secret = setting(session, key)
        if secret is None:
            secret = secrets.token_hex(32)
            session.add(Setting(key=key, value=secret))
            # by fingerprint: `audit verify` sees a signing secret replaced in the file
            audit.record(
                session,
                audit.secretariat_actor(),
                "pack_secret",
                "juror",
                str(juror_id),
                None,
                {"fingerprint": fingerprint(secret)},
            )
        home = database_id(session)
        regions = list(work)
        cands = [c for ids in work.values() for c in ids]
        wanted = set(session.scalars(select(Region.rubric_id).where(Region.id.in_(regions))))
        if None in wanted:  # a region on the default rubric
            wanted.add(session.scalar(select(RubricRow.id).where(RubricRow.key == DEFAULT_RUBRIC)))
        rubric_ids = sorted(r for r in wanted if r is not None)
        payload = {
            "rubrics": _rows(session, "rubrics", table("rubrics").c.id.in_(rubric_ids)),
            "criteria": _rows(session, "criteria", table("criteria").c.rubric_id.in_(rubric_ids)),
            "regions": _rows(session, "regions", table("regions").c.id.in_(regions)),
            **{
                part: _rows(session, part, table(part).c.region_id.in_(regions))
                for part in REGION_PARTS
            },
            "candidatures": _rows(session, "candidatures", table("candidatures").c.id.in_(cands)),
            "jurors": _rows(session, "jurors", table("jurors").c.id == juror_id),
            "panel_members": _rows(
                session, "panel_members", table("panel_members").c.juror_id == juror_id
            ),
            "declarations": _rows(
                session, "declarations", table("declarations").c.juror_id == juror_id
            ),
            "decisions": [
                {**d, "motivation": "", "recorded_by": "secretariaat"}
                for d in _rows(
                    session,
                    "decisions",
                    table("decisions").c.candidature_id.in_(cands),
                    table("decisions").c.round == 1,
                    table("decisions").c.outcome == "shortlisted",
                )
            ],
            "scores": _rows(
                session,
                "scores",
                table("scores").c.juror_id == juror_id,
                table("scores").c.candidature_id.in_(cands),
            ),
            "evaluations": _rows(
                session,
                "evaluations",
                table("evaluations").c.juror_id == juror_id,
                table("evaluations").c.candidature_id.in_(cands),
            ),
            "secret": secret,
            # the PIN the secretariat set: asked when the juror's database opens
            "pin": pin_hash(session, juror_id),
        }
        # The juror's MAC key, wrapped with their PIN (never the secretariat's key, never
        # unwrapped): the laptop opens it at the PIN sign-in and signs every score with it.
        wrapped = audit_keys.wrapped_juror_key(session, juror_id) if payload["pin"] else None
        if wrapped is not None:
            payload["juror_key"] = wrapped
        # Exactly the stored documents of the assigned candidatures: never a path on disk.
        for cand in payload["candidatures"]:
            cand["attachments"] = []
            if not include_contacts:  # scoring needs none of these
                cand["email"], cand["phone"], cand["address"] = "", "", ""
        session.add(Setting(key=f"{PACK_KEY}:{pack_id}", value=seal_key.hex()))
        # when it left, for Jury › Voortgang
        audit.record(
            session,
            "secretariaat",
            "pack_export",
            "juror",
            str(juror_id),
            None,
            # whether the laptop signs: its returns must then carry the signed events
            {"pack_id": pack_id, "juror_key": wrapped is not None},
        )
        payload["documents"] = _rows(
            session, "documents", table("documents").c.candidature_id.in_(cands)
        )
        doc_ids = [d["id"] for d in payload["documents"]]
        payload["document_pages"] = _rows(
            session, "document_pages", table("document_pages").c.document_id.in_(doc_ids)
        )
        files: dict[str, bytes] = {
            f"documents/{sha}": data
            for sha, data in session.execute(
                select(DocumentBlob.sha256, DocumentBlob.data).where(
                    DocumentBlob.sha256.in_({d["sha256"] for d in payload["documents"]})
                )
            )
        }
    raw = payload_bytes(payload)
    manifest = {
        "format": FORMAT,
        "kind": "pack",
        "pack_id": pack_id,
        "juror": juror_id,
        "database_id": home,
        "call": CALL,
        "schema": SCHEMA_HEAD,
        "app_version": __version__,
        "created_at": datetime.now(UTC).isoformat(),
        "payload_sha256": sha256(raw),
        "candidatures": len(payload["candidatures"]),
        "signed_scoring": wrapped is not None,
    }
    data = seal(write_zip(manifest, payload, files), seal_key, pack_id, salt)
    with atomic_path(Path(out)) as tmp:
        tmp.write_bytes(data)
    return {**manifest, "code": code}


def unsigned_pack_note() -> str:
    return _(
        "This juror has no signing key (no PIN, or one set before the audit log's MACs): their "
        "laptop will not sign their scoring, and their return is trusted on the pack's secret "
        "alone. Set a new PIN for them, then export the pack again."
    )


def open_return_bytes(session: Session, data: bytes) -> bytes:
    """A sealed return, opened with the key this database keeps for its pack."""
    if not is_sealed(data):
        return data  # an unsealed return: its HMAC still decides whether it is accepted
    pack_id = str(header(data)[0]["pack_id"])
    key = setting(session, f"{PACK_KEY}:{pack_id}")
    if key is None:
        raise PackError(_("this return belongs to a pack that this database did not issue"))
    return unseal(data, bytes.fromhex(key))


def open_pack(store: Store, file: Path, code: str | None = None) -> dict[str, Any]:
    """Make ``store`` (an empty database) the juror's own database from a pack, opened with
    the juror's code."""
    sealed = Path(file).read_bytes()
    if not is_sealed(sealed):
        raise PackError(
            _(
                "this pack is not sealed (made by an older JuryDesk); ask the secretariat for a "
                "new one"
            )
        )
    data, seal_key = unseal_with_code(sealed, code)
    manifest, payload, files = read_zip(data, "pack")
    if manifest.get("schema") != SCHEMA_HEAD:
        raise PackError(
            _(
                "the pack was made by another JuryDesk version (schema {theirs}, this one {ours})"
            ).format(theirs=manifest.get("schema"), ours=SCHEMA_HEAD)
        )
    blobs = []
    for name, data in files.items():
        sha = name.removeprefix("documents/")
        if not name.startswith("documents/") or sha256(data) != sha:
            raise PackError(_("the pack's document {name} was altered").format(name=name))
        blobs.append({"sha256": sha, "size": len(data), "data": data})
    with store.session() as session:
        if session.scalar(select(Region.id).limit(1)) is not None:
            raise PackError(_("open a pack into a new, empty database (use --db NEW_FILE)"))
        if blobs:
            session.execute(insert(DocumentBlob), blobs)
        try:
            for name in (
                "rubrics",
                "criteria",
                "regions",
                *REGION_PARTS,
                "candidatures",
                "jurors",
                "panel_members",
                "declarations",
                "decisions",
                "evaluations",
                "scores",
                "documents",
                "document_pages",
            ):
                rows = payload.get(name, [])
                if rows:
                    t = table(name)
                    session.execute(insert(t), [row_from_json(t, r) for r in rows])
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise PackError(
                _("the pack's content is not valid ({error})").format(error=exc)
            ) from None
        for key, value in (
            (JUROR_DB, str(manifest["juror"])),
            (PACK_ID, manifest["pack_id"]),
            (PACK_SECRET, str(payload.get("secret", ""))),
            (HOME_ID, manifest["database_id"]),
            (RETURN_SEQ, "0"),
            (PACK_KEY, seal_key.hex()),
            (PACK_SALT, base64.b64encode(salt_of(sealed)).decode()),
        ):
            session.merge(Setting(key=key, value=value))
        keep_pin_hash(session, int(manifest["juror"]), payload.get("pin"))
        audit_keys.keep_wrapped_juror_key(session, int(manifest["juror"]), payload.get("juror_key"))
        # What the juror's database starts from, for `audit verify`'s replay on the laptop.
        audit.record(
            session,
            f"jurylid:{manifest['juror']}",
            "pack_open",
            "pack",
            str(manifest["pack_id"]),
            None,
            {
                "scores": score_rows(payload.get("scores", [])),
                "evaluations": evaluation_rows(payload.get("evaluations", [])),
                "decisions": decision_rows(payload.get("decisions", [])),
                "documents": [
                    [d["id"], d["candidature_id"], d["sha256"]]
                    for d in payload.get("documents", [])
                ],
            },
        )
    return manifest
