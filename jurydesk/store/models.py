"""The typed ORM models (SQLAlchemy 2.0). Every schema change goes with an Alembic migration."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jurydesk.store.base import Base
from jurydesk.store.mail_models import MailMessage, OutboxMessage, ReminderRun
from jurydesk.store.meeting_models import Declaration, Meeting
from jurydesk.store.pack_models import PendingReturn
from jurydesk.store.quality_models import RegionQuality
from jurydesk.store.types import UTCDateTime


class Setting(Base):
    """Database-wide settings (call name, secretariat passphrase hash, ...)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Region(Base):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text, default="")
    werkingsgebied: Mapped[str] = mapped_column(Text, default="")
    challenges_intro: Mapped[str] = mapped_column(Text, default="")
    enrichment_intro: Mapped[str] = mapped_column(Text, default="")
    enrichment_heading: Mapped[str] = mapped_column(Text, default="")
    arena_intro: Mapped[str] = mapped_column(Text, default="")
    local_input: Mapped[list[str]] = mapped_column(JSON, default=list)
    focus_intro: Mapped[str] = mapped_column(Text, default="")
    exclusions_text: Mapped[str] = mapped_column(Text, default="")
    timeline_notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    contacts_intro: Mapped[str] = mapped_column(Text, default="")
    submission_channel: Mapped[str] = mapped_column(String(20))
    submission_address: Mapped[str] = mapped_column(Text)
    submission_subject: Mapped[str | None] = mapped_column(Text, default=None)
    submission_text: Mapped[str] = mapped_column(Text, default="")
    source_file: Mapped[str] = mapped_column(Text, default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    rubric_id: Mapped[int | None] = mapped_column(ForeignKey("rubrics.id"), default=None)
    method: Mapped[str | None] = mapped_column(String(20), default=None)
    rebuttal_days: Mapped[int] = mapped_column(default=14, server_default="14")
    rebuttal_receipt_delay: Mapped[int] = mapped_column(default=0, server_default="0")
    rebuttal_counting: Mapped[str] = mapped_column(
        String(10), default="calendar", server_default="calendar"
    )
    budget: Mapped[Decimal | None] = mapped_column(Numeric(14, 2), default=None)
    max_partners: Mapped[int | None] = mapped_column(default=None)

    municipalities: Mapped[list[Municipality]] = relationship(
        back_populates="region", cascade="all, delete-orphan", order_by="Municipality.position"
    )
    challenges: Mapped[list[Challenge]] = relationship(
        back_populates="region", cascade="all, delete-orphan", order_by="Challenge.number"
    )
    needs: Mapped[list[Need]] = relationship(
        back_populates="region", cascade="all, delete-orphan", order_by="Need.position"
    )
    enrichment: Mapped[list[EnrichmentPoint]] = relationship(
        back_populates="region", cascade="all, delete-orphan", order_by="EnrichmentPoint.position"
    )
    exclusions: Mapped[list[Exclusion]] = relationship(
        back_populates="region", cascade="all, delete-orphan", order_by="Exclusion.position"
    )
    focus_expertise: Mapped[list[FocusExpertise]] = relationship(
        back_populates="region", cascade="all, delete-orphan", order_by="FocusExpertise.position"
    )
    timeline: Mapped[list[TimelineEvent]] = relationship(
        back_populates="region", cascade="all, delete-orphan", order_by="TimelineEvent.position"
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="region", cascade="all, delete-orphan", order_by="Contact.position"
    )
    candidatures: Mapped[list[Candidature]] = relationship(back_populates="region")


class _RegionPart:
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)


class Municipality(_RegionPart, Base):
    __tablename__ = "municipalities"
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[Region] = relationship(back_populates="municipalities")


class Challenge(Base):
    __tablename__ = "challenges"
    __table_args__ = (UniqueConstraint("region_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    personas: Mapped[list[str]] = mapped_column(JSON)
    persona_text: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text)
    questions: Mapped[list[str]] = mapped_column(JSON)
    remark: Mapped[str] = mapped_column(Text, default="")
    region: Mapped[Region] = relationship(back_populates="challenges")


class Need(_RegionPart, Base):
    """A row of the arena-analysis table: a need and the service type that answers it."""

    __tablename__ = "needs"
    __table_args__ = (UniqueConstraint("region_id", "key"),)
    key: Mapped[str] = mapped_column(String(64))
    need: Mapped[str] = mapped_column(Text)
    service: Mapped[str] = mapped_column(Text)
    region: Mapped[Region] = relationship(back_populates="needs")


class EnrichmentPoint(_RegionPart, Base):
    __tablename__ = "enrichment_points"
    text: Mapped[str] = mapped_column(Text)
    region: Mapped[Region] = relationship(back_populates="enrichment")


class Exclusion(_RegionPart, Base):
    """A service type the region does not fund (the reason is ``Region.exclusions_text``)."""

    __tablename__ = "exclusions"
    __table_args__ = (UniqueConstraint("region_id", "key"),)
    key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(Text)
    region: Mapped[Region] = relationship(back_populates="exclusions")


class FocusExpertise(_RegionPart, Base):
    __tablename__ = "focus_expertise"
    text: Mapped[str] = mapped_column(Text)
    region: Mapped[Region] = relationship(back_populates="focus_expertise")


class TimelineEvent(_RegionPart, Base):
    __tablename__ = "timeline_events"
    __table_args__ = (UniqueConstraint("region_id", "key"),)
    key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    start: Mapped[datetime] = mapped_column(UTCDateTime())
    end: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    all_day: Mapped[bool] = mapped_column(default=False)
    text: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    days: Mapped[list[str]] = mapped_column(JSON, default=list)
    possible_days: Mapped[list[str]] = mapped_column(JSON, default=list)
    region: Mapped[Region] = relationship(back_populates="timeline")


class Contact(_RegionPart, Base):
    __tablename__ = "contacts"
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    phone: Mapped[str] = mapped_column(String(64), default="")
    region: Mapped[Region] = relationship(back_populates="contacts")


WITHDRAWN = "withdrawn"  # a candidature's status once withdrawn: kept, never ranked or written to


class Candidature(Base):
    __tablename__ = "candidatures"
    __table_args__ = (
        UniqueConstraint("region_id", "organisation_key"),
        Index("ix_candidatures_region_received", "region_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="RESTRICT"))
    organisation: Mapped[str] = mapped_column(String(300))
    organisation_key: Mapped[str] = mapped_column(String(300))
    contact: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    phone: Mapped[str] = mapped_column(String(64), default="")
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel: Mapped[str] = mapped_column(String(100), default="")
    challenges: Mapped[list[int]] = mapped_column(JSON, default=list)
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    expertise: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    requested_budget: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), default=None)
    attachments: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(30), default="received")
    # the postal address letters print under the organisation (lines; optional)
    address: Mapped[str] = mapped_column(Text, default="", server_default="")
    # why it was withdrawn (status "withdrawn"): kept and shown
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # an anchor of the calibration round: scored first, never ranked, decided or written to
    calibration: Mapped[bool] = mapped_column(server_default="0")  # no Python default: bulk path

    region: Mapped[Region] = relationship(back_populates="candidatures")


class RubricRow(Base):
    """A rubric as installed: its TOML text is kept so that scores always meet their rubric."""

    __tablename__ = "rubrics"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64))
    toml: Mapped[str] = mapped_column(Text)
    criteria: Mapped[list[CriterionRow]] = relationship(cascade="all, delete-orphan")


class CriterionRow(Base):
    """The numbers of a criterion, for aggregation in SQL."""

    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("rubric_id", "round", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    rubric_id: Mapped[int] = mapped_column(ForeignKey("rubrics.id", ondelete="CASCADE"))
    round: Mapped[int]
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]
    weight: Mapped[float]
    min: Mapped[int]
    max: Mapped[int]
    knockout: Mapped[float | None] = mapped_column(default=None)


class Juror(Base):
    __tablename__ = "jurors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(300), default="")
    role: Mapped[str] = mapped_column(String(30))
    email: Mapped[str] = mapped_column(String(320), default="")


class PanelMember(Base):
    __tablename__ = "panel_members"
    __table_args__ = (UniqueConstraint("juror_id", "region_id", "round"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    juror_id: Mapped[int] = mapped_column(ForeignKey("jurors.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    round: Mapped[int]


class Conflict(Base):
    """A declared conflict of interest (belangenconflict): the juror does not score it."""

    __tablename__ = "conflicts"
    __table_args__ = (UniqueConstraint("juror_id", "candidature_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    juror_id: Mapped[int] = mapped_column(ForeignKey("jurors.id", ondelete="CASCADE"))
    candidature_id: Mapped[int] = mapped_column(
        ForeignKey("candidatures.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(Text)
    declared_by: Mapped[str] = mapped_column(String(200))
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Evaluation(Base):
    """One juror's assessment of one candidature in one round: comment and finalisation."""

    __tablename__ = "evaluations"
    __table_args__ = (UniqueConstraint("juror_id", "candidature_id", "round"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    juror_id: Mapped[int] = mapped_column(ForeignKey("jurors.id", ondelete="CASCADE"))
    candidature_id: Mapped[int] = mapped_column(
        ForeignKey("candidatures.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Score(Base):
    __tablename__ = "scores"
    __table_args__ = (
        UniqueConstraint("juror_id", "candidature_id", "round", "criterion"),
        # A candidature's scores in a round (letters, a region's results, the sheet); it covers
        # the results query, juror totals without touching the table.
        Index("ix_scores_candidature", "candidature_id", "round", "juror_id", "criterion", "value"),
        # A juror's scores in a round: the worklist's progress, refreshed after every autosave.
        Index("ix_scores_juror_round", "juror_id", "round", "candidature_id", "value"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    juror_id: Mapped[int] = mapped_column(ForeignKey("jurors.id", ondelete="CASCADE"))
    candidature_id: Mapped[int] = mapped_column(ForeignKey("candidatures.id", ondelete="CASCADE"))
    round: Mapped[int]
    criterion: Mapped[str] = mapped_column(String(64))
    value: Mapped[float | None] = mapped_column(default=None)
    motivation: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("candidature_id", "round"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    candidature_id: Mapped[int] = mapped_column(ForeignKey("candidatures.id", ondelete="CASCADE"))
    round: Mapped[int]
    outcome: Mapped[str] = mapped_column(String(20))
    motivation: Mapped[str] = mapped_column(Text)
    communicated_on: Mapped[date | None] = mapped_column(Date, default=None)
    # a juror's return changed scores of this round after the decision: look again
    needs_review: Mapped[bool] = mapped_column(default=False, server_default="0")
    # criterion key -> the text the secretariat chose for the letter (the jury's agreed text)
    criterion_texts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(default=1)


class Note(Base):
    """The jury's deliberation note on a candidature."""

    __tablename__ = "notes"
    candidature_id: Mapped[int] = mapped_column(
        ForeignKey("candidatures.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditEvent(Base):
    """An append-only event; each carries the hash of the one before it."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_key: Mapped[str] = mapped_column(String(200))
    old: Mapped[Any] = mapped_column(JSON, default=None)
    new: Mapped[Any] = mapped_column(JSON, default=None)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # "s:<hmac>" (the secretariat's key) or "j<id>:<hmac>" (juror <id>'s): see audit_keys
    mac: Mapped[str | None] = mapped_column(String(80), default=None)


class Rebuttal(Base):
    """A received weerwoord and, once done, its re-assessment."""

    __tablename__ = "rebuttals"
    __table_args__ = (UniqueConstraint("candidature_id", "round"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    candidature_id: Mapped[int] = mapped_column(ForeignKey("candidatures.id", ondelete="CASCADE"))
    round: Mapped[int]
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    text: Mapped[str] = mapped_column(Text, default="")
    file: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(200))
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)
    outcome_motivation: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class DocumentBlob(Base):
    """The bytes of a stored file, once per content (SHA-256), whatever links to it."""

    __tablename__ = "document_blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Document(Base):
    """A file of a candidature (the written proposal, an annex): a link to its bytes."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("candidature_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    candidature_id: Mapped[int] = mapped_column(
        ForeignKey("candidatures.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(
        ForeignKey("document_blobs.sha256", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    pages: Mapped[int]
    text_chars: Mapped[int]
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
    added_by: Mapped[str] = mapped_column(String(200))


class DocumentPage(Base):
    """The extracted text of one page (the whole text for a file without pages).

    ``folded`` is the same text in lower case without accents: the PostgreSQL full-text
    index searches it; SQLite's FTS5 table (``document_fts``, made by migration 0006) folds
    accents in its tokenizer.
    """

    __tablename__ = "document_pages"
    __table_args__ = (UniqueConstraint("document_id", "page"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    page: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    folded: Mapped[str] = mapped_column(Text)


# The mail and pack tables live in their own modules (on the same Base); importing them above
# registers them with every import of the models, and keeps these names importable from here.
__all__ = [
    "Base",
    "Declaration",
    "MailMessage",
    "Meeting",
    "OutboxMessage",
    "PendingReturn",
    "RegionQuality",
    "ReminderRun",
]
