"""The mail tables: messages taken in from a mailbox, and the outbox of messages going out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jurydesk.store.base import Base
from jurydesk.store.types import UTCDateTime


class MailMessage(Base):
    """A message taken in from a mailbox: importing the same mailbox again adds nothing."""

    __tablename__ = "mail_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(500), unique=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"))
    candidature_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidatures.id", ondelete="CASCADE"), default=None, index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    sender: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_from: Mapped[str] = mapped_column(String(20))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OutboxMessage(Base):
    """A message going out: queued, then sent (with the server's acceptance time) or failed
    (with the server's reason). ``key`` names what it carries ("decision/12/1",
    "final/12/1", "receipt/7"), so the same thing is never queued twice. A row found in
    ``sending`` after the app stopped is ``uncertain``: the server may or may not have taken
    it, so it is never sent again without the secretariat saying so."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"))
    candidature_id: Mapped[int] = mapped_column(
        ForeignKey("candidatures.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int] = mapped_column(default=0)
    recipient: Mapped[str] = mapped_column(String(320))
    sender: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(Text, default="")
    message_id: Mapped[str] = mapped_column(String(500), unique=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    error: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(default=0)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
