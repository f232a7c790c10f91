"""Reminders to the jurors of a region and round who still have open work (candidatures
assigned but not finalised, or no declaration signed): one e-mail per juror per reminder run,
as .eml drafts or through the outbox. A run is recorded (region, round, when, who) and
audited; its outbox keys are "reminder/<run>/<juror>", so sending the same run again skips
what was sent, and the outbox's sent/failed/uncertain states apply as for letters.

What a reminder tells is counts from the database and, when the region's addendum gives
one, the planning of the round as the addendum writes it; never a date of our own."""

from __future__ import annotations

import email.utils
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.atomic import atomic_path
from jurydesk.audit.chain import record
from jurydesk.exports.letters import safe_file_name
from jurydesk.i18n import _, translator
from jurydesk.mail.compose import check_sender, new_message_id
from jurydesk.mail.outbox import (
    OutboxItem,
    SendReport,
    Transport,
    _item,
    _one_sender,
    _sent,
    recover,
)
from jurydesk.mail.smtp import ConnectionLost, SendRefused, Unanswered
from jurydesk.mail.states import FAILED, QUEUED, SENDING, SENT
from jurydesk.mail.templates import REMINDER, mail_template
from jurydesk.regions.service import get_region, region_detail
from jurydesk.scoring.progress import JurorProgress, progress
from jurydesk.store import Store
from jurydesk.store.errors import StoreError
from jurydesk.store.models import OutboxMessage, ReminderRun

# the addendum's timeline entry that plans each round's assessment
ROUND_EVENT = {1: "written_assessment", 2: "pitches"}


@dataclass(frozen=True)
class Reminder:
    juror: int
    name: str
    to: str
    open_work: str
    key: str

    def to_json(self) -> dict[str, Any]:
        return {"juror": self.juror, "name": self.name, "to": self.to, "open": self.open_work}


@dataclass
class ReminderPlan:
    run: int | None
    region: str
    round: int
    planning: str
    reminders: list[Reminder] = field(default_factory=list)
    no_address: list[tuple[int, str]] = field(default_factory=list)


def open_work_lines(p: JurorProgress, language: str | None = None) -> list[str]:
    """The juror's open work, one line per state (counts only: nobody's scores), in the
    mail's language."""
    _ = translator(language)
    lines = []
    unscored = p.assigned - p.scored
    scored_open = p.scored - min(p.finalised, p.scored)
    if unscored > 0:
        lines.append(
            _("- {count} of {total} candidatures not fully scored").format(
                count=unscored, total=p.assigned
            )
        )
    if scored_open > 0:
        lines.append(
            _("- {count} of {total} candidatures scored but not finalised").format(
                count=scored_open, total=p.assigned
            )
        )
    if p.declaration is None:
        lines.append(_("- the declaration (conflicts of interest, confidentiality) is not signed"))
    return lines


def _planning(session: Session, slug: str, round_: int, language: str | None) -> str:
    _ = translator(language)
    key = ROUND_EVENT.get(round_)
    event = next((e for e in region_detail(session, slug).timeline if e.key == key), None)
    if event is None or not event.text:
        return ""
    return (
        "\n"
        + _("Planning in the addendum: {label}: {text}").format(label=event.label, text=event.text)
        + "\n"
    )


def plan_reminders(
    session: Session, slug: str, round_: int, run: int | None, language: str | None = None
) -> ReminderPlan:
    """The reminders of a run; their open-work and planning lines in ``language`` (the
    mail's; the interface's when None)."""
    region = get_region(session, slug)
    out = ReminderPlan(run, region.name, round_, _planning(session, slug, round_, language))
    for p in progress(session, slug, round_):
        if not p.needs_reminder:
            continue
        if "@" not in email.utils.parseaddr(p.email or "")[1]:
            out.no_address.append((p.juror, p.name))
            continue
        key = f"reminder/{run if run is not None else 'new'}/{p.juror}"
        out.reminders.append(
            Reminder(p.juror, p.name, p.email, "\n".join(open_work_lines(p, language)), key)
        )
    return out


def reminder_states(
    store: Store, slug: str, round_: int, run: int | None
) -> tuple[ReminderPlan, dict[str, OutboxItem]]:
    """The plan of a run (None: not started) with the outbox rows it has so far, by key."""
    with store.reader() as session:
        plan = plan_reminders(session, slug, round_, run)
        keys = [r.key for r in plan.reminders]
        names = {r.key: r.name for r in plan.reminders}
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.key.in_(keys)))
        return plan, {r.key: _item(r, names[r.key]) for r in rows}


def start_run(store: Store, slug: str, round_: int, actor: str) -> int:
    """Record a new reminder run (and audit it); returns its id."""
    with store.session() as session:
        region = get_region(session, slug)
        run = ReminderRun(
            region_id=region.id, round=round_, created_at=datetime.now(UTC), actor=actor
        )
        session.add(run)
        session.flush()
        record(
            session,
            actor,
            "reminder-run",
            "reminder_run",
            str(run.id),
            None,
            {"region": slug, "round": round_},
        )
        return run.id


def check_run(store: Store, slug: str, round_: int, run: int) -> None:
    with store.reader() as session:
        row = session.get(ReminderRun, run)
        if row is None or row.region_id != get_region(session, slug).id or row.round != round_:
            raise StoreError(
                _("no reminder run {run} for {region}, round {round}").format(
                    run=run, region=slug, round=round_
                )
            )


def compose_reminder(
    plan: ReminderPlan,
    item: Reminder,
    sender: str,
    message_id: str,
    language: str,
    slug: str,
    *,
    draft: bool = False,
) -> EmailMessage:
    texts = mail_template(language, slug)[REMINDER]
    fields = {
        "juror": item.name,
        "region": plan.region,
        "round": plan.round,
        "open_work": item.open_work,
        "planning": plan.planning,
        "sender": email.utils.parseaddr(sender)[0] or sender,
    }
    message = EmailMessage()
    message["From"], message["To"] = sender, email.utils.formataddr((item.name, item.to))
    message["Subject"] = texts["subject"].format_map(fields)
    message["Date"] = email.utils.formatdate(localtime=True)
    message["Message-ID"] = message_id
    if draft:
        message["X-Unsent"] = "1"
    message.set_content(texts["body"].format_map(fields))
    return message


def write_reminder_drafts(
    store: Store, out_dir: Path, slug: str, round_: int, sender: str, language: str, run: int
) -> list[tuple[Reminder, Path]]:
    """One .eml per juror of the run; all or nothing. The same run writes the same files."""
    check_sender(sender)
    with store.reader() as session:
        plan = plan_reminders(session, slug, round_, run, language)
    messages = [
        (
            item,
            compose_reminder(
                plan, item, sender, new_message_id(sender), language, slug, draft=True
            ),
            Path(out_dir) / (safe_file_name(f"herinnering-{run} {item.name}") + ".eml"),
        )
        for item in plan.reminders
    ]
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    for _reminder, message, path in messages:
        with atomic_path(path) as target:
            target.write_bytes(bytes(message))
    return [(item, path) for item, _m, path in messages]


def send_reminders(
    store: Store,
    transport: Transport,
    slug: str,
    round_: int,
    sender: str,
    language: str,
    run: int,
    *,
    actor: str = "secretariaat",
    progress_: Callable[[int, int, str], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> SendReport:
    """Queue the run's reminders not queued yet, then send what is queued, one transaction
    per message; a sent, uncertain or sending row of the run is never sent again."""
    check_sender(sender)
    report = SendReport()
    with _one_sender(store):
        with store.reader() as session:
            plan = plan_reminders(session, slug, round_, run, language)
        report.refused = [(j, n, _("no e-mail address")) for j, n in plan.no_address]
        by_key = {r.key: r for r in plan.reminders}
        with store.session() as session:
            recover(session)
            region_id = get_region(session, slug).id
            rows = {
                r.key: r
                for r in session.scalars(
                    select(OutboxMessage).where(OutboxMessage.key.in_(list(by_key)))
                )
            }
            for item in plan.reminders:
                row = rows.get(item.key)
                if row is None:
                    session.add(
                        OutboxMessage(
                            key=item.key,
                            kind=REMINDER,
                            region_id=region_id,
                            juror_id=item.juror,
                            round=round_,
                            recipient=item.to,
                            sender=sender,
                            subject="",
                            message_id=new_message_id(sender),
                            status=QUEUED,
                            error="",
                            attempts=0,
                            queued_at=datetime.now(UTC),
                        )
                    )
                elif row.status == FAILED:
                    row.status, row.sender, row.recipient = QUEUED, sender, item.to
                elif row.status == SENT:
                    report.already_sent.append(_item(row, item.name))
                elif row.status != QUEUED:
                    report.uncertain.append(_item(row, item.name))
        with store.reader() as session:
            queued = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.key.in_(list(by_key)), OutboxMessage.status == QUEUED)
                .order_by(OutboxMessage.id)
            ).all()
        for index, row in enumerate(queued):
            item = by_key[row.key]
            if stop is not None and stop():  # asked between messages: what is left stays queued
                report.stopped, report.left = _("stopped by the user"), len(queued) - index
                break
            if progress_ is not None:
                progress_(index, len(queued), item.name)
            try:
                transport.connect()
            except ConnectionLost as exc:
                report.stopped, report.left = str(exc), len(queued) - index
                break
            message = compose_reminder(plan, item, row.sender, row.message_id, language, slug)
            data = message.as_bytes(policy=SMTP)
            with store.session() as session:
                current = session.get(OutboxMessage, row.id)
                assert current is not None
                current.status, current.subject = SENDING, str(message["Subject"])
                current.attempted_at, current.data = datetime.now(UTC), data
                current.attempts += 1
            error, lost, unanswered = "", False, False
            try:
                transport.send(row.sender, row.recipient, data)
            except SendRefused as exc:
                error = str(exc)
            except Unanswered as exc:
                error, lost, unanswered = str(exc), True, True
            except ConnectionLost as exc:
                error, lost = str(exc), True
            with store.session() as session:
                current = session.get(OutboxMessage, row.id)
                assert current is not None
                if unanswered:
                    current.status, current.error = "uncertain", error
                    report.uncertain.append(_item(current, item.name))
                elif error:
                    current.status, current.error = FAILED, error
                    report.failed.append(_item(current, item.name))
                else:
                    _sent(session, current, actor)
                    report.sent.append(_item(current, item.name))
            if lost:
                report.stopped, report.left = error, len(queued) - index - 1
                break
    return report
