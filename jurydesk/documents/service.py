"""The document store: files of candidatures kept in the database, deduplicated by SHA-256.

``prepare`` checks and reads a file without touching the database (sniffing, limits, text
extraction), so a batch is fully checked before its one short transaction writes it: all or
nothing. Every addition and removal is an audit event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from jurydesk.audit.chain import record
from jurydesk.audit.replay_extra import text_digest
from jurydesk.documents.errors import DocumentError
from jurydesk.documents.extract import Extracted, extract, fold
from jurydesk.documents.sniff import DEFAULT_MAX_BYTES, PDF, clean_name, sniff, too_large
from jurydesk.i18n import _
from jurydesk.store import Store
from jurydesk.store.models import Candidature, Document, DocumentBlob, DocumentPage, Setting

MAX_MB_KEY = "document_max_mb"


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document as the GUI and the CLI see it (plain data)."""

    id: int
    candidature: int
    name: str
    media_type: str
    size: int
    sha256: str
    pages: int
    text_chars: int
    added_at: datetime
    added_by: str

    @property
    def no_text(self) -> bool:
        return self.text_chars == 0

    @property
    def paged(self) -> bool:
        return self.media_type == PDF

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "candidature": self.candidature,
            "name": self.name,
            "media_type": self.media_type,
            "size": self.size,
            "sha256": self.sha256,
            "pages": self.pages,
            "text_chars": self.text_chars,
            "no_text": self.no_text,
            "added_at": self.added_at.isoformat(),
            "added_by": self.added_by,
        }


@dataclass(frozen=True)
class Prepared:
    """A checked file, ready to store."""

    name: str
    data: bytes
    sha256: str
    media_type: str
    extracted: Extracted


@dataclass(frozen=True)
class Added:
    document: DocumentInfo
    new: bool  # False: the candidature already had this very file


def max_document_bytes(session: Session) -> int:
    row = session.get(Setting, MAX_MB_KEY)
    try:
        return int(float(row.value) * 2**20) if row else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def set_max_document_mb(session: Session, actor: str, megabytes: float) -> None:
    if not 1 <= megabytes <= 1024:
        raise DocumentError(_("the size limit must be between 1 and 1024 MB"))
    old = session.get(Setting, MAX_MB_KEY)
    record(
        session,
        actor,
        "set",
        "setting",
        MAX_MB_KEY,
        old.value if old else None,
        str(megabytes),
    )
    session.merge(Setting(key=MAX_MB_KEY, value=str(megabytes)))


def prepare(raw_name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Prepared:
    """Check one file and extract its text; DocumentError names the file and the reason."""
    name = clean_name(raw_name)
    media_type = sniff(name, data, max_bytes)
    return Prepared(
        name, data, hashlib.sha256(data).hexdigest(), media_type, extract(name, media_type, data)
    )


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, refusing one over the limit before reading it."""
    try:
        if not path.is_file():
            raise DocumentError(_("'{name}': no such file").format(name=path))
        if path.stat().st_size > max_bytes:
            raise too_large(path.name, path.stat().st_size, max_bytes)
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(
            _("'{name}': cannot be read ({error})").format(name=path, error=exc.strerror)
        ) from None


def prepare_paths(paths: Iterable[Path], max_bytes: int) -> tuple[list[Prepared], list[str]]:
    """Every file checked; the problems (one line per file), or none."""
    ready, problems = [], []
    for path in paths:
        try:
            ready.append(prepare(path.name, read_file(path, max_bytes), max_bytes))
        except DocumentError as exc:
            problems.append(str(exc))
    return ready, problems


def add_files(store: Store, actor: str, candidature_id: int, paths: list[Path]) -> list[Added]:
    """Check every file first (the database's size limit applies); store all or none."""
    with store.reader() as session:
        limit = max_document_bytes(session)
    ready, problems = prepare_paths(paths, limit)
    if problems:
        raise DocumentError(_("nothing was added: ") + "; ".join(problems))
    with store.session() as session:
        return add_documents(session, actor, candidature_id, ready)


def _info(d: Document) -> DocumentInfo:
    return DocumentInfo(
        id=d.id,
        candidature=d.candidature_id,
        name=d.name,
        media_type=d.media_type,
        size=d.size,
        sha256=d.sha256,
        pages=d.pages,
        text_chars=d.text_chars,
        added_at=d.added_at,
        added_by=d.added_by,
    )


def add_documents(
    session: Session, actor: str, candidature_id: int, files: Sequence[Prepared]
) -> list[Added]:
    """Link checked files to a candidature (bytes stored once per content), in the caller's
    transaction; a file the candidature already has is not added twice."""
    # only the id: this also runs inside migration 0006, before later columns exist
    if session.scalar(select(Candidature.id).where(Candidature.id == candidature_id)) is None:
        raise DocumentError(_("no candidature with id {id}").format(id=candidature_id))
    results: list[Added] = []
    now = datetime.now(UTC)
    for item in files:
        existing = session.scalar(
            select(Document).where(
                Document.candidature_id == candidature_id, Document.sha256 == item.sha256
            )
        )
        if existing is not None:
            results.append(Added(_info(existing), False))
            continue
        if session.get(DocumentBlob, item.sha256) is None:
            session.add(DocumentBlob(sha256=item.sha256, size=len(item.data), data=item.data))
            session.flush()
        document = Document(
            candidature_id=candidature_id,
            sha256=item.sha256,
            name=item.name,
            media_type=item.media_type,
            size=len(item.data),
            pages=item.extracted.pages,
            text_chars=item.extracted.chars,
            added_at=now,
            added_by=actor,
        )
        session.add(document)
        session.flush()
        session.execute(
            insert(DocumentPage),
            [
                {"document_id": document.id, "page": number, "text": text, "folded": fold(text)}
                for number, text in enumerate(item.extracted.texts, start=1)
            ],
        )
        info = _info(document)
        logged = {**_audit_view(info), "text_sha256": text_digest(item.extracted.texts)}
        record(session, actor, "add", "document", str(document.id), None, logged)
        results.append(Added(info, True))
    return results


def _audit_view(info: DocumentInfo) -> dict[str, Any]:
    return {
        "candidature": info.candidature,
        "name": info.name,
        "media_type": info.media_type,
        "size": info.size,
        "sha256": info.sha256,
        "pages": info.pages,
    }


def list_documents(session: Session, candidature_id: int) -> list[DocumentInfo]:
    rows = session.scalars(
        select(Document).where(Document.candidature_id == candidature_id).order_by(Document.id)
    )
    return [_info(d) for d in rows]


def get_document(session: Session, document_id: int) -> DocumentInfo:
    document = session.get(Document, document_id)
    if document is None:
        raise DocumentError(_("no document with id {id}").format(id=document_id))
    return _info(document)


def document_bytes(session: Session, document_id: int) -> tuple[DocumentInfo, bytes]:
    info = get_document(session, document_id)
    data = session.scalar(select(DocumentBlob.data).where(DocumentBlob.sha256 == info.sha256))
    assert data is not None  # the foreign key keeps the blob while a document links it
    return info, data


def page_texts(session: Session, document_id: int) -> list[str]:
    return list(
        session.scalars(
            select(DocumentPage.text)
            .where(DocumentPage.document_id == document_id)
            .order_by(DocumentPage.page)
        )
    )


def remove_document(session: Session, actor: str, document_id: int, reason: str) -> DocumentInfo:
    """Unlink a document (a secretariat action with a reason); unused bytes are dropped."""
    if not reason.strip():
        raise DocumentError(_("give a reason for removing the document"))
    info = get_document(session, document_id)
    session.execute(delete(DocumentPage).where(DocumentPage.document_id == document_id))
    session.execute(delete(Document).where(Document.id == document_id))
    still_used = session.scalar(
        select(func.count()).select_from(Document).where(Document.sha256 == info.sha256)
    )
    if not still_used:
        session.execute(delete(DocumentBlob).where(DocumentBlob.sha256 == info.sha256))
    record(
        session,
        actor,
        "remove",
        "document",
        str(document_id),
        _audit_view(info),
        {"reason": reason.strip()},
    )
    return info
