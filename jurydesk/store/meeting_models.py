"""What the jury's meeting leaves behind: the jurors' declarations (verklaring op eer), the
consensus per candidature and round (with its versions), the guard reasons of decisions, the
meetings with their attendance, agenda and the jurors who left the room, and the region's
meeting settings (minimum finalised jurors, quorum, the declaration text)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jurydesk.store.base import Base
from jurydesk.store.types import UTCDateTime


class RegionJurySettings(Base):
    """Per region: how many finalised jurors a decision needs, the meeting's quorum (None:
    more than half of the round's panel) and the region's own declaration text (None: the
    bundled template)."""

    __tablename__ = "region_jury_settings"
    region_id: Mapped[int] = mapped_column(
        ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True
    )
    min_finalised: Mapped[int] = mapped_column(default=2, server_default="2")
    quorum: Mapped[int | None] = mapped_column(default=None)
    declaration_text: Mapped[str | None] = mapped_column(Text, default=None)


class Declaration(Base):
    """A juror's signed declaration of no conflict of interest and of confidentiality."""

    __tablename__ = "declarations"
    __table_args__ = (UniqueConstraint("juror_id", "region_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    juror_id: Mapped[int] = mapped_column(ForeignKey("jurors.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    how: Mapped[str] = mapped_column(String(10))  # app, pack, paper
    typed_name: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)  # the text signed, as it read then
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_by: Mapped[str] = mapped_column(String(200))


class ConsensusReport(Base):
    """The jury's agreed assessment of one candidature in one round."""

    __tablename__ = "consensus_reports"
    __table_args__ = (UniqueConstraint("candidature_id", "round"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    candidature_id: Mapped[int] = mapped_column(ForeignKey("candidatures.id", ondelete="CASCADE"))
    round: Mapped[int]
    rapporteur: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(default=1)
    approved_version: Mapped[int | None] = mapped_column(default=None)
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), default=None
    )


class ConsensusItem(Base):
    """Per criterion: the consensus score (None: the aggregate), the reason for a different
    score, and the consensus text; every edit also appends a ConsensusVersion."""

    __tablename__ = "consensus_items"
    __table_args__ = (UniqueConstraint("report_id", "criterion"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("consensus_reports.id", ondelete="CASCADE"))
    criterion: Mapped[str] = mapped_column(String(64))
    score: Mapped[float | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ConsensusVersion(Base):
    __tablename__ = "consensus_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("consensus_reports.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    criterion: Mapped[str] = mapped_column(String(64))
    score: Mapped[float | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class DecisionGuard(Base):
    """Why a decision was recorded despite a guard: too few finalised jurors (override) or an
    outcome other than the proposed one (deviation). One row per recorded decision."""

    __tablename__ = "decision_guards"
    id: Mapped[int] = mapped_column(primary_key=True)
    candidature_id: Mapped[int] = mapped_column(
        ForeignKey("candidatures.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int]
    outcome: Mapped[str] = mapped_column(String(20))
    proposed: Mapped[str] = mapped_column(String(20), default="")
    finalised: Mapped[int] = mapped_column(default=0)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    deviation_reason: Mapped[str] = mapped_column(Text, default="")
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), default=None
    )
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Meeting(Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    round: Mapped[int]
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(Text)
    chair_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurors.id", ondelete="SET NULL"), default=None
    )
    secretary: Mapped[str] = mapped_column(String(200), default="")
    order: Mapped[str] = mapped_column(String(30), default="by_rank")
    current_item: Mapped[int | None] = mapped_column(default=None)  # agenda position
    opened_by: Mapped[str] = mapped_column(String(200))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_by: Mapped[str] = mapped_column(String(200), default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    audit_head: Mapped[str] = mapped_column(String(64), default="")
    audit_count: Mapped[int] = mapped_column(default=0)


class Attendance(Base):
    __tablename__ = "meeting_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "juror_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    juror_id: Mapped[int] = mapped_column(ForeignKey("jurors.id", ondelete="CASCADE"))
    present: Mapped[bool]


class AgendaItem(Base):
    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "candidature_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    candidature_id: Mapped[int] = mapped_column(ForeignKey("candidatures.id", ondelete="CASCADE"))
    position: Mapped[int]
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurors.id", ondelete="SET NULL"), default=None
    )


class AgendaLeave(Base):
    """A juror who left the room for one agenda item ("verlaat de zaal"), and why."""

    __tablename__ = "agenda_leaves"
    __table_args__ = (UniqueConstraint("item_id", "juror_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"))
    juror_id: Mapped[int] = mapped_column(ForeignKey("jurors.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
