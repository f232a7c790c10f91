"""A juror's return, written on their laptop: every own score, motivation, comment and
finalisation, signed with the pack's secret for the secretariat to check."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from jurydesk import __version__
from jurydesk.atomic import atomic_path
from jurydesk.i18n import _
from jurydesk.packs import declarations as pack_declarations
from jurydesk.packs.archive import FORMAT, PackError, mac, payload_bytes, sha256, write_zip
from jurydesk.packs.pack import (
    CALL,
    HOME_ID,
    JUROR_DB,
    PACK_ID,
    PACK_KEY,
    PACK_SALT,
    PACK_SECRET,
    RETURN_SEQ,
    setting,
)
from jurydesk.packs.seal import seal
from jurydesk.packs.signed_events import laptop_events
from jurydesk.store import Store
from jurydesk.store.models import Evaluation, Score, Setting
from jurydesk.store.schema import SCHEMA_HEAD


def _when(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def write_return(store: Store, out: Path) -> dict[str, Any]:
    """From a juror database: every own score, motivation, comment and finalisation."""
    with store.session() as session:
        juror_text = setting(session, JUROR_DB)
        if juror_text is None:
            raise PackError(_("this is not a juror database (open a pack first)"))
        juror = int(juror_text)
        sequence = int(setting(session, RETURN_SEQ) or 0) + 1
        session.merge(Setting(key=RETURN_SEQ, value=str(sequence)))
        scores = [
            {
                "candidature": s.candidature_id,
                "round": s.round,
                "criterion": s.criterion,
                "value": s.value,
                "motivation": s.motivation,
                "version": s.version,
                "updated_at": _when(s.updated_at),
            }
            for s in session.scalars(
                select(Score).where(Score.juror_id == juror).order_by(Score.id)
            )
        ]
        evaluations = [
            {
                "candidature": e.candidature_id,
                "round": e.round,
                "comment": e.comment,
                "version": e.version,
                "finalized_at": _when(e.finalized_at),
                "updated_at": _when(e.updated_at),
            }
            for e in session.scalars(
                select(Evaluation).where(Evaluation.juror_id == juror).order_by(Evaluation.id)
            )
        ]
        secret = setting(session, PACK_SECRET) or ""
        manifest = {
            "format": FORMAT,
            "kind": "return",
            "pack_id": setting(session, PACK_ID),
            "juror": juror,
            "sequence": sequence,
            "database_id": setting(session, HOME_ID),
            "call": CALL,
            "schema": SCHEMA_HEAD,
            "app_version": __version__,
            "created_at": datetime.now(UTC).isoformat(),
        }
        payload = {
            "scores": scores,
            "evaluations": evaluations,
            **pack_declarations.outgoing(session, juror),
        }
        events = laptop_events(session, juror)
        if events is not None:  # the juror's signed scoring, for the secretariat to check
            payload["events"] = events
        manifest["payload_sha256"] = sha256(payload_bytes(payload))
        manifest["hmac"] = mac(secret, manifest)
        data = write_zip(manifest, payload)
        key, salt = setting(session, PACK_KEY), setting(session, PACK_SALT)
        if key and salt:  # sealed like the pack it answers
            data = seal(
                data, bytes.fromhex(key), str(setting(session, PACK_ID)), base64.b64decode(salt)
            )
        with atomic_path(Path(out)) as tmp:
            tmp.write_bytes(data)
    return manifest
