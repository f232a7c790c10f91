"""`jurydesk import mailbox`: candidatures from a mailbox export (.eml, folders, mbox)."""

from __future__ import annotations

import argparse
from pathlib import Path

from jurydesk.cli.output import emit_json, print_table
from jurydesk.cli.scoring import actor
from jurydesk.i18n import _
from jurydesk.mail.intake import CREATED, SKIPPED, UPDATED, import_mailbox
from jurydesk.store import Store


def cmd_import_mailbox(store: Store, args: argparse.Namespace) -> int:
    report = import_mailbox(
        store,
        [Path(p) for p in args.paths],
        args.region,
        dry_run=args.dry_run,
        actor=actor(args),
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


def cmd_mail_letters(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.mail.drafts import write_drafts

    drafts = write_drafts(
        store, Path(args.drafts), args.region, args.round, args.sender, dry_run=args.dry_run
    )
    if args.json:
        emit_json([d.to_json() for d in drafts])
        return 0
    print_table(
        [_("Candidature"), _("To"), _("Subject"), _("File")],
        [(f"{d.candidature}. {d.organisation}", d.to, d.subject, d.file or "—") for d in drafts],
    )
    if args.dry_run:
        print(_("Dry run: nothing was written."))
    return 0
