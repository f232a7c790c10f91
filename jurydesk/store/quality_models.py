"""A region's decision-quality settings (results.thresholds): per-round thresholds, the ordered
tie-break rules and the recorded lottery. A table of its own, one row per region once set."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from jurydesk.store.base import Base


class RegionQuality(Base):
    __tablename__ = "region_quality"
    region_id: Mapped[int] = mapped_column(
        ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True
    )
    # {"1": {"total": 50, "criteria": {"key": 2}}, "2": {...}}
    thresholds: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # "criterion:KEY", ..., "lottery" (only last)
    tie_breaks: Mapped[list[str]] = mapped_column(JSON, default=list)
    # {"candidature id": lot}, drawn once
    lots: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
