"""The mail tables: messages taken in from a mailbox, and the outbox of messages going out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text
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
    # a letter or receipt goes to a candidature, a reminder to a juror: exactly one of the two
    __table_args__ = (
        CheckConstraint("(candidature_id IS NULL) <> (juror_id IS NULL)", name="one_addressee"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"))
    candidature_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidatures.id", ondelete="CASCADE"), index=True, default=None
    )
    juror_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurors.id", ondelete="CASCADE"), index=True, default=None
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


class ReminderRun(Base):
    """One round of reminders to the jurors of a region and round with open work: its outbox
    keys are "reminder/<run>/<juror>", so the same run never mails a juror twice."""

    __tablename__ = "reminder_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"))
    round: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(200))
