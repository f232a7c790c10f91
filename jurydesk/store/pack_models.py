"""What an offline juror's return could not apply on its own: a score that conflicts with the
secretariat's, or one that arrived after the round was decided (held). Kept with both sides
until the secretariat resolves it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jurydesk.store.base import Base
from jurydesk.store.types import UTCDateTime


class PendingReturn(Base):
    __tablename__ = "pending_returns"
    id: Mapped[int] = mapped_column(primary_key=True)
    juror_id: Mapped[int] = mapped_column(ForeignKey("jurors.id", ondelete="CASCADE"))
    candidature_id: Mapped[int] = mapped_column(
        ForeignKey("candidatures.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int]
    criterion: Mapped[str] = mapped_column(String(64))  # "" for the evaluation
    kind: Mapped[str] = mapped_column(String(20))  # "conflict" or "held"
    ours: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)
    theirs: Mapped[Any] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolution: Mapped[str | None] = mapped_column(String(20), default=None)
    resolved_by: Mapped[str] = mapped_column(String(200), default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
