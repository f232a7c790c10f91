"""`jurydesk import mailbox` and `jurydesk mail letters|receipts|outbox`: the mailbox in and
the outbox out, as drafts or through the secretariat's SMTP server."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path

from jurydesk.cli.modes import WRITE
from jurydesk.cli.output import CliError, actor, emit_json, print_table
from jurydesk.i18n import _, current_language
from jurydesk.mail.intake import CREATED, SKIPPED, UPDATED, import_mailbox
from jurydesk.mail.states import status_label
from jurydesk.mail.templates import DECISION, FINAL, RECEIPT
from jurydesk.store import Store

Command = Callable[..., argparse.ArgumentParser]


def cmd_import_mailbox(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.mail.rebuttals import import_rebuttals

    importer = import_rebuttals if args.weerwoorden else import_mailbox
    report = importer(
        store, [Path(p) for p in args.paths], args.region, dry_run=args.dry_run, actor=actor(args)
    )
    if args.json:
        emit_json(report.to_json())
        return 0
    labels = {CREATED: _("new"), UPDATED: _("new version"), SKIPPED: _("skipped")}
    print_table(
        [_("Status"), _("Sender"), _("Organisation"), _("Received at"), _("Late"), _("Note")],
        [
            (
                labels[i.status],
                i.sender,
                i.organisation,
                i.received_text(),
                _("yes") if i.late else "",
                i.note(),
            )
            for i in report.items
        ],
    )
    if args.dry_run:
        print(_("Dry run: nothing was written."))
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_file:
        try:
            return Path(args.password_file).read_text("utf-8").splitlines()[0]
        except (OSError, IndexError, UnicodeDecodeError) as exc:
            raise CliError(
                _("cannot read the password from {file}: {error}").format(
                    file=args.password_file, error=exc
                )
            ) from None
    if not args.user:
        return ""
    if not sys.stdin.isatty():
        raise CliError(_("--user needs --password-file when no one can type the password"))
    return getpass.getpass(_("SMTP password for {user}: ").format(user=args.user))


def _smtp_settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from jurydesk.mail.smtp import SmtpSettings

    try:
        return SmtpSettings.parse(
            args.smtp, args.security, args.user or "", _password(args), args.cafile
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None


def _send(store: Store, args: argparse.Namespace, kind: str, round_: int | None) -> int:
    from jurydesk.mail.drafts import write_drafts
    from jurydesk.mail.outbox import deliver, pending
    from jurydesk.mail.smtp import SmtpTransport

    if args.drafts:
        drafts, refused = write_drafts(
            store,
            Path(args.drafts),
            args.region,
            round_,
            args.sender,
            kind=kind,
            dry_run=args.dry_run,
        )
        if args.json:
            emit_json(
                {
                    "drafts": [d.to_json() for d in drafts],
                    "not_sendable": [
                        {"candidature": c, "organisation": o, "reason": r} for c, o, r in refused
                    ],
                }
            )
            return 0
        print_table(
            [_("Candidature"), _("To"), _("Subject"), _("File")],
            [
                (f"{d.candidature}. {d.organisation}", d.to, d.subject, d.file or "—")
                for d in drafts
            ],
        )
        for cand, organisation, reason in refused:
            print(
                _("Not written: {candidature}. {organisation}: {reason}").format(
                    candidature=cand, organisation=organisation, reason=reason
                )
            )
        if args.dry_run:
            print(_("Dry run: nothing was written."))
        return 0
    language = current_language()
    if args.dry_run:
        rows, refused = pending(store, args.region, kind, round_, language)
        if args.json:
            emit_json(
                [
                    {
                        "candidature": p.candidature,
                        "organisation": p.organisation,
                        "to": p.recipient,
                        "status": row.status if row else "new",
                    }
                    for p, row in rows
                ]
            )
            return 0
        print_table(
            [_("Candidature"), _("To"), _("Outbox")],
            [
                (
                    f"{p.candidature}. {p.organisation}",
                    p.recipient,
                    status_label(row.status if row else None),
                )
                for p, row in rows
            ],
        )
        print(_("Dry run: nothing was sent."))
        return 0
    settings = _smtp_settings(args)

    def progress(done: int, total: int, organisation: str) -> None:
        if organisation and not args.json:
            print(f"[{done + 1}/{total}] {organisation}", file=sys.stderr)

    with SmtpTransport(settings) as transport:
        report = deliver(
            store,
            transport,
            args.region,
            kind,
            round_,
            args.sender,
            language,
            actor=actor(args),
            progress=progress,
        )
    if args.json:
        emit_json(report.to_json())
    else:
        _print_report(report)
    return 1 if report.failed or report.stopped or report.uncertain else 0


def _print_report(report) -> None:  # type: ignore[no-untyped-def]
    items = [*report.sent, *report.failed, *report.uncertain]
    rows = [(status_label(i.status), i) for i in items]
    print_table(
        [_("Status"), _("Candidature"), _("To"), _("Note")],
        [(label, f"{i.candidature}. {i.organisation}", i.recipient, i.error) for label, i in rows],
    )
    if report.already_sent:
        print(
            _("{count} already sent earlier; not sent again.").format(
                count=len(report.already_sent)
            )
        )
    for cand, organisation, reason in report.refused:
        print(
            _("Not sent: {candidature}. {organisation}: {reason}").format(
                candidature=cand, organisation=organisation, reason=reason
            )
        )
    if report.uncertain:
        print(
            _(
                "Uncertain: the app stopped while the server had these messages. Check the "
                "server's sent items, then 'jurydesk mail outbox --resend ID' or "
                "'--mark-sent ID'."
            )
        )
    if report.stopped:
        print(
            _(
                "Stopped: {reason}. {count} left queued; run the same command again to go on."
            ).format(reason=report.stopped, count=report.left)
        )


def cmd_mail_letters(store: Store, args: argparse.Namespace) -> int:
    return _send(store, args, FINAL if args.final else DECISION, None if args.final else args.round)


def cmd_mail_receipts(store: Store, args: argparse.Namespace) -> int:
    return _send(store, args, RECEIPT, None)


def cmd_mail_outbox(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.mail.outbox import outbox, resolve

    if args.resend or args.mark_sent:
        resolve(store, args.resend or [], "resend", actor(args))
        resolve(store, args.mark_sent or [], "sent", actor(args))
    items = outbox(store, args.region)
    if args.json:
        emit_json([i.to_json() for i in items])
        return 0
    print_table(
        [_("Id"), _("Candidature"), _("To"), _("Status"), _("Sent at"), _("Note")],
        [
            (
                i.id,
                f"{i.candidature}. {i.organisation}" if i.candidature else i.organisation,
                i.recipient,
                status_label(i.status),
                f"{i.sent_at:%d/%m/%Y %H:%M}" if i.sent_at else "",
                i.error,
            )
            for i in items
        ],
    )
    return 0


def cmd_mail_reminders(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.cli.reminders import cmd_mail_reminders as run

    return run(store, args)


def _way_out(p: argparse.ArgumentParser) -> None:
    p.add_argument("--region", required=True)
    way = p.add_mutually_exclusive_group(required=True)
    way.add_argument("--drafts", metavar="DIR", help="write .eml drafts into this folder")
    way.add_argument("--smtp", metavar="HOST[:PORT]", help="send through this SMTP server")
    security = p.add_mutually_exclusive_group()
    security.add_argument(
        "--starttls",
        dest="security",
        action="store_const",
        const="starttls",
        help="STARTTLS (the default; port 587)",
    )
    security.add_argument(
        "--ssl",
        dest="security",
        action="store_const",
        const="ssl",
        help="implicit TLS (port 465)",
    )
    security.add_argument(
        "--plain",
        dest="security",
        action="store_const",
        const="none",
        help="no encryption (only for a server on this machine)",
    )
    p.set_defaults(security="starttls")
    p.add_argument("--user", help="the SMTP login")
    p.add_argument(
        "--password-file",
        help="a file whose first line is the SMTP password (else it is asked; never stored)",
    )
    p.add_argument("--cafile", help="trust this certificate (a server with its own CA)")
    p.add_argument("--from", dest="sender", required=True, metavar="ADDRESS")
    p.add_argument("--dry-run", action="store_true", help="report only; write or send nothing")
    p.add_argument("--actor", help="who does this, for the audit log")


def add_mail_commands(commands: argparse._SubParsersAction, command: Command) -> None:
    write = WRITE
    group = commands.add_parser("mail", help="decision e-mails, receipts and the outbox")
    sub = group.add_subparsers(dest="mail_command", metavar="WHAT", required=True)
    p = command(
        sub,
        "letters",
        cmd_mail_letters,
        write,
        "a decision e-mail per candidature with its PDF letter: .eml drafts or sent by SMTP",
    )
    _way_out(p)
    p.add_argument("--round", type=int, choices=(1, 2), help="one round (default: both)")
    p.add_argument(
        "--final", action="store_true", help="the letters after re-assessment of a weerwoord"
    )
    p = command(
        sub,
        "receipts",
        cmd_mail_receipts,
        write,
        "an acknowledgement of receipt per candidature that came in by e-mail",
    )
    _way_out(p)
    p = command(
        sub,
        "reminders",
        cmd_mail_reminders,
        write,
        "a reminder per juror with open work in a round: .eml drafts or sent by SMTP",
    )
    _way_out(p)
    p.add_argument("--round", type=int, choices=(1, 2), required=True)
    again = p.add_mutually_exclusive_group()
    again.add_argument("--run", type=int, metavar="ID", help="go on with this reminder run")
    again.add_argument("--resume", action="store_true", help="go on with the latest reminder run")
    p = command(sub, "outbox", cmd_mail_outbox, write, "the outbox: what was sent, failed, is left")
    p.add_argument("--region")
    p.add_argument("--resend", type=int, nargs="+", metavar="ID", help="queue these again")
    p.add_argument(
        "--mark-sent",
        type=int,
        nargs="+",
        metavar="ID",
        help="record that the server did take these (checked in its sent items)",
    )
    p.add_argument("--actor", help="who does this, for the audit log")
