"""`jurydesk mail reminders`: a reminder per juror with open work in a region and round, as
.eml drafts or sent through the outbox; `--run ID` / `--resume` go on with a run without
mailing anyone twice."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import select

from jurydesk.cli.mail import _smtp_settings
from jurydesk.cli.output import CliError, actor, emit_json, print_table
from jurydesk.i18n import _, current_language
from jurydesk.mail.compose import check_sender
from jurydesk.mail.reminders import (
    check_run,
    plan_reminders,
    send_reminders,
    start_run,
    write_reminder_drafts,
)
from jurydesk.mail.states import status_label
from jurydesk.regions.service import get_region
from jurydesk.store import Store
from jurydesk.store.models import ReminderRun


def _latest_run(store: Store, slug: str, round_: int) -> int:
    with store.reader() as session:
        region = get_region(session, slug)
        run = session.scalar(
            select(ReminderRun.id)
            .where(ReminderRun.region_id == region.id, ReminderRun.round == round_)
            .order_by(ReminderRun.id.desc())
        )
    if run is None:
        raise CliError(_("there is no reminder run to resume for this region and round"))
    return run


def _no_address(no_address: list[tuple[int, str]]) -> None:
    for juror, name in no_address:
        print(_("Not sent: {juror}. {name} has no e-mail address.").format(juror=juror, name=name))


def cmd_mail_reminders(store: Store, args: argparse.Namespace) -> int:
    check_sender(args.sender)
    slug, round_, language = args.region, args.round, current_language()
    if args.dry_run:
        with store.reader() as session:
            plan = plan_reminders(session, slug, round_, None)
        if args.json:
            emit_json(
                {
                    "reminders": [r.to_json() for r in plan.reminders],
                    "no_address": [{"juror": j, "name": n} for j, n in plan.no_address],
                }
            )
            return 0
        print_table(
            [_("Juror"), _("To"), _("Open work")],
            [(r.name, r.to, r.open_work.replace("\n", "; ")) for r in plan.reminders],
        )
        _no_address(plan.no_address)
        print(_("Dry run: nothing was sent."))
        return 0
    if args.run is not None:
        check_run(store, slug, round_, args.run)
        run = args.run
    elif args.resume:
        run = _latest_run(store, slug, round_)
    else:
        run = start_run(store, slug, round_, actor(args))
    if args.drafts:
        written = write_reminder_drafts(
            store, Path(args.drafts), slug, round_, args.sender, language, run
        )
        with store.reader() as session:
            no_address = plan_reminders(session, slug, round_, run).no_address
        if args.json:
            emit_json(
                {
                    "run": run,
                    "drafts": [r.to_json() | {"file": str(p)} for r, p in written],
                    "no_address": [{"juror": j, "name": n} for j, n in no_address],
                }
            )
            return 0
        print_table([_("Juror"), _("To"), _("File")], [(r.name, r.to, p) for r, p in written])
        _no_address(no_address)
        print(_("Reminder run {run}.").format(run=run))
        return 0
    from jurydesk.mail.smtp import SmtpTransport

    def progress(done: int, total: int, name: str) -> None:
        if name and not args.json:
            print(f"[{done + 1}/{total}] {name}", file=sys.stderr)

    with SmtpTransport(_smtp_settings(args)) as transport:
        report = send_reminders(
            store,
            transport,
            slug,
            round_,
            args.sender,
            language,
            run,
            actor=actor(args),
            progress_=progress,
        )
    if args.json:
        emit_json({"run": run} | report.to_json())
    else:
        print_table(
            [_("Status"), _("Juror"), _("To"), _("Note")],
            [
                (status_label(i.status), i.organisation, i.recipient, i.error)
                for i in [*report.sent, *report.failed, *report.uncertain]
            ],
        )
        if report.already_sent:
            print(
                _("{count} already sent earlier; not sent again.").format(
                    count=len(report.already_sent)
                )
            )
        _no_address([(j, n) for j, n, _reason in report.refused])
        if report.stopped:
            print(
                _("Stopped: {reason}. Run the same command with --run {run} to go on.").format(
                    reason=report.stopped, run=run
                )
            )
        print(_("Reminder run {run}.").format(run=run))
    return 1 if report.failed or report.stopped or report.uncertain else 0
