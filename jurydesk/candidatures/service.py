"""Candidature services: list with computed flags, import all-or-nothing, add one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit import chain as audit
from jurydesk.audit.replay_extra import moment
from jurydesk.candidatures.rules import RegionRules, normalise, region_rules
from jurydesk.candidatures.tabular import Row, TableError, read_table, read_table_encoded
from jurydesk.candidatures.validate import CandidatureInput, ValidationResult, validate_rows
from jurydesk.documents.service import add_documents, max_document_bytes
from jurydesk.store import Store
from jurydesk.store.models import Candidature
from jurydesk.store.tuning import optimize
from jurydesk.timeutil import to_brussels


@dataclass(frozen=True)
class CandidatureRow:
    """One candidature as the GUI and the CLI see it (plain data, flags computed)."""

    id: int
    region: str
    organisation: str
    contact: str
    email: str
    phone: str
    title: str
    summary: str
    received_at: datetime
    channel: str
    challenges: list[int]
    services: list[str]
    requested_budget: Decimal | None
    attachments: list[str]
    status: str
    flags: list[str]
    expertise: list[int] = field(default_factory=list)
    address: str = ""
    withdrawn_reason: str = ""

    @property
    def late(self) -> bool:
        return "late" in self.flags


@dataclass(frozen=True)
class ImportReport:
    file: str
    region: str
    dry_run: bool
    validation: ValidationResult
    written: int
    encoding: str = ""  # a CSV's text encoding ("" for a workbook), shown in the report

    @property
    def ok(self) -> bool:
        return self.validation.ok


def list_candidatures(session: Session, slug: str) -> list[CandidatureRow]:
    rules = region_rules(session, slug)
    rows = session.scalars(
        select(Candidature)
        .where(Candidature.region_id == rules.region_id)
        .order_by(Candidature.received_at, Candidature.id)
    )
    return [_row(c, rules) for c in rows]


def candidature_row(session: Session, candidature_id: int) -> CandidatureRow | None:
    """One candidature with its flags, without listing its region."""
    c = session.get(Candidature, candidature_id)
    return None if c is None else _row(c, region_rules(session, c.region.slug))


def _row(c: Candidature, rules: RegionRules) -> CandidatureRow:
    return CandidatureRow(
        id=c.id,
        region=rules.slug,
        organisation=c.organisation,
        contact=c.contact,
        email=c.email,
        phone=c.phone,
        title=c.title,
        summary=c.summary,
        received_at=to_brussels(c.received_at),
        channel=c.channel,
        challenges=list(c.challenges),
        services=list(c.services),
        requested_budget=c.requested_budget,
        attachments=list(c.attachments),
        status=c.status,
        flags=rules.flags(c.received_at, list(c.challenges), list(c.services)),
        expertise=list(c.expertise or []),
        address=c.address,
        withdrawn_reason=c.withdrawn_reason,
    )


def existing_organisations(session: Session, rules: RegionRules) -> set[str]:
    return set(
        session.scalars(
            select(Candidature.organisation_key).where(Candidature.region_id == rules.region_id)
        )
    )


def add_candidatures(
    session: Session,
    rules: RegionRules,
    items: list[CandidatureInput],
    actor: str = "import",
) -> int:
    """Write candidatures (and the documents of their ``Bijlagen``) in the caller's
    transaction. Rows without documents go in batches of one executemany; their ids follow
    the file's order all the same."""
    batch: list[dict[str, object]] = []
    for item in items:
        row = {
            "region_id": rules.region_id,
            "organisation": item.organisation,
            "organisation_key": normalise(item.organisation),
            "contact": item.contact,
            "email": item.email,
            "phone": item.phone,
            "title": item.title,
            "summary": item.summary,
            "received_at": item.received_at,
            "channel": item.channel,
            "challenges": item.challenges,
            "services": item.services,
            "expertise": item.expertise,
            "requested_budget": item.requested_budget,
            "attachments": item.attachments,
            "status": "received",
        }
        if not item.documents:
            batch.append(row)
            continue
        _insert(session, batch)
        batch = []
        candidature = Candidature(**row)
        session.add(candidature)
        session.flush()
        add_documents(session, actor, candidature.id, item.documents)
    _insert(session, batch)
    _record_receipts(session, rules, items, actor)
    return len(items)


def _record_receipts(
    session: Session, rules: RegionRules, items: list[CandidatureInput], actor: str
) -> None:
    """One event with each new candidature's time of receipt (its late flag depends on it),
    for `audit verify`'s replay."""
    if not items:
        return
    keys = {normalise(item.organisation) for item in items}
    rows = session.execute(
        select(Candidature.id, Candidature.received_at, Candidature.organisation_key).where(
            Candidature.region_id == rules.region_id
        )
    ).all()
    received = [[i, moment(at)] for i, at, key in rows if key in keys]
    audit.record(
        session,
        actor,
        "candidatures_add",
        "candidature",
        f"{rules.region_id}/{len(received)}",
        None,
        {"received_at": received},
    )


def _insert(session: Session, rows: list[dict[str, object]]) -> None:
    if rows:
        session.execute(Candidature.__table__.insert(), rows)


def _inputs(session: Session, slug: str) -> tuple[RegionRules, set[str], int]:
    """What a file is validated against from the database."""
    rules = region_rules(session, slug)
    return rules, existing_organisations(session, rules), max_document_bytes(session)


def _validate(
    path: Path, table: tuple[list[object], list[Row]], inputs: tuple[RegionRules, set[str], int]
) -> ValidationResult:
    rules, existing, max_bytes = inputs
    header, rows = table
    return validate_rows(header, rows, rules, existing, path.resolve().parent, max_bytes)


def validate_file(session: Session, path: Path, slug: str) -> ValidationResult:
    """Check every row of the file against the region and the candidatures it has."""
    return _validate(path, read_table(path), _inputs(session, slug))


def import_candidatures(
    store: Store, path: Path, slug: str, *, dry_run: bool, encoding: str | None = None
) -> ImportReport:
    """Validate the whole file; write every candidature in one transaction, or none.

    A backup of the database is taken before anything is written. Raises TableError when
    the file cannot be read as a table at all, EncodingToConfirm (a TableError) when a CSV
    is in an encoding the user has to confirm first (then ``encoding`` says it).
    """
    header, rows, used = read_table_encoded(path, encoding)
    table = (header, rows)  # read once: what the report shows is what is written
    with store.reader() as session:
        inputs = _inputs(session, slug)
    validation = _validate(path, table, inputs)
    if dry_run or not validation.ok:
        return ImportReport(str(path), slug, dry_run, validation, 0, used)
    store.backup("before-import")
    with store.session() as session:
        # The database may have changed meanwhile (another import, a candidature added by
        # hand): checked again inside the writing transaction, validated again if it did.
        again = _inputs(session, slug)
        if again != inputs:
            validation = _validate(path, table, again)
        if not validation.ok:
            return ImportReport(str(path), slug, dry_run, validation, 0, used)
        written = add_candidatures(session, region_rules(session, slug), validation.candidatures)
        optimize(session.connection(), "candidatures")
    return ImportReport(str(path), slug, dry_run, validation, written, used)


__all__ = [
    "CandidatureRow",
    "ImportReport",
    "TableError",
    "add_candidatures",
    "import_candidatures",
    "list_candidatures",
]
