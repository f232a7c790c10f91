"""`jurydesk juror edit|remove|panels` and `jurydesk conflict lift|list`: the jury's
administration, with the same rules as the app's Jury dialog."""

from __future__ import annotations

import argparse

from jurydesk.cli.output import actor, emit_json, print_table
from jurydesk.i18n import _
from jurydesk.jury.admin import (
    conflicts_of,
    edit_juror,
    lift_conflict,
    remove_juror,
    set_panels,
)
from jurydesk.jury.service import get_juror
from jurydesk.store import Store


def _done(args: argparse.Namespace, data: dict[str, object], text: str) -> None:
    if args.json:
        emit_json(data)
    else:
        print(text)


def cmd_juror_edit(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        juror = get_juror(session, args.id)
        edit_juror(
            session,
            actor(args),
            args.id,
            args.name if args.name is not None else juror.name,
            args.role or juror.role,
            args.organisation if args.organisation is not None else juror.organisation,
            args.email if args.email is not None else juror.email,
        )
    _done(args, {"juror": args.id}, _("Juror {id} saved.").format(id=args.id))
    return 0


def cmd_juror_remove(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        remove_juror(session, actor(args), args.id)
    _done(args, {"removed": args.id}, _("Juror {id} removed.").format(id=args.id))
    return 0


def cmd_juror_panels(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        set_panels(session, actor(args), args.id, args.region, set(args.round or []))
    _done(args, {"juror": args.id, "rounds": sorted(set(args.round or []))}, _("Panels saved."))
    return 0


def cmd_juror_pin(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.jury.pins import set_pin

    with store.session() as session:
        set_pin(session, actor(args), args.id, args.new_pin)
    _done(args, {"juror": args.id, "pin": "set"}, _("PIN of juror {id} set.").format(id=args.id))
    return 0


def cmd_conflict_lift(store: Store, args: argparse.Namespace) -> int:
    with store.session() as session:
        lift_conflict(session, actor(args), args.juror, args.candidature, args.reason)
    _done(
        args,
        {"juror": args.juror, "candidature": args.candidature, "lifted": True},
        _("Conflict of interest lifted."),
    )
    return 0


def cmd_conflict_list(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        rows = conflicts_of(session, args.region)
    if args.json:
        emit_json(
            [
                {
                    "juror": c.juror,
                    "candidature": c.candidature,
                    "organisation": c.organisation,
                    "reason": c.reason,
                    "declared_by": c.declared_by,
                    "declared_at": c.declared_at.isoformat(),
                }
                for c in rows
            ]
        )
        return 0
    print_table(
        [_("Juror"), _("Candidature"), _("Reason"), _("Declared by")],
        [(c.juror, f"{c.candidature}. {c.organisation}", c.reason, c.declared_by) for c in rows],
    )
    return 0
