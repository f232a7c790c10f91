"""Moving the attachment paths of earlier versions into the document store (migration 0006).

Files that exist are copied in (checked and extracted like any other document); a path that
is missing or refused stays in the candidature's ``attachments`` list, so nothing is lost,
and is named in the report kept in the settings (``documents_migration``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from jurydesk.documents.errors import DocumentError
from jurydesk.documents.service import add_documents, prepare, read_file
from jurydesk.store.models import Candidature, Setting

REPORT_KEY = "documents_migration"
ACTOR = "migratie:0006"


def migrate_attachment_paths(connection: Connection) -> dict[str, Any]:
    report: dict[str, Any] = {"copied": [], "missing": []}
    session = Session(bind=connection)
    rows = session.execute(select(Candidature.id, Candidature.attachments)).all()
    for cand_id, paths in rows:
        if not paths:
            continue
        kept: list[str] = []
        for raw in paths:
            try:
                path = Path(raw)
                item = prepare(path.name, read_file(path))
                add_documents(session, ACTOR, cand_id, [item])
                report["copied"].append({"candidature": cand_id, "path": raw})
            except (DocumentError, OSError, ValueError) as exc:
                kept.append(raw)
                report["missing"].append({"candidature": cand_id, "path": raw, "reason": str(exc)})
        session.execute(
            update(Candidature).where(Candidature.id == cand_id).values(attachments=kept)
        )
    if report["copied"] or report["missing"]:
        session.merge(Setting(key=REPORT_KEY, value=json.dumps(report, ensure_ascii=False)))
    session.flush()
    return report


def migration_report(session: Session) -> dict[str, Any] | None:
    row = session.get(Setting, REPORT_KEY)
    return json.loads(row.value) if row else None
