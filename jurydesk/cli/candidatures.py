"""`jurydesk candidatures`, `import candidatures`, `template candidatures`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from jurydesk.candidatures.service import (
    CandidatureRow,
    ImportReport,
    import_candidatures,
    list_candidatures,
)
from jurydesk.candidatures.template import write_template
from jurydesk.candidatures.validate import severity_label
from jurydesk.cli.modes import WRITE
from jurydesk.cli.output import CliError, actor, emit_json, print_table
from jurydesk.i18n import _
from jurydesk.labels import flag_short
from jurydesk.store import Store
from jurydesk.timeutil import iso, to_brussels


def candidature_json(c: CandidatureRow) -> dict[str, Any]:
    return {
        "id": c.id,
        "region": c.region,
        "organisation": c.organisation,
        "title": c.title,
        "contact": c.contact,
        "email": c.email,
        "phone": c.phone,
        "summary": c.summary,
        "received_at": iso(c.received_at),
        "channel": c.channel,
        "late": c.late,
        "flags": c.flags,
        "challenges": c.challenges,
        "services": c.services,
        "requested_budget": float(c.requested_budget) if c.requested_budget is not None else None,
        "attachments": c.attachments,
        "status": c.status,
    }


def cmd_candidatures(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        rows = list_candidatures(session, args.region)
    if args.json:
        emit_json([candidature_json(c) for c in rows])
    else:
        print_table(
            ["Id", _("Organisation"), _("Title"), _("Received at"), _("Flags")],
            [
                (
                    c.id,
                    c.organisation,
                    c.title,
                    f"{to_brussels(c.received_at):%d/%m/%Y %H:%M}",
                    ", ".join(flag_short(f) for f in c.flags),
                )
                for c in rows
            ],
        )
    return 0


def report_json(report: ImportReport) -> dict[str, Any]:
    return {
        "file": report.file,
        "region": report.region,
        "dry_run": report.dry_run,
        "ok": report.ok,
        "valid": len(report.validation.candidatures),
        "written": report.written,
        "encoding": report.encoding,
        "problems": [
            {"row": p.row, "column": p.column, "severity": p.severity, "message": p.message}
            for p in report.validation.problems
        ],
    }


def cmd_import_candidatures(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.candidatures.tabular import EncodingToConfirm

    try:
        report = import_candidatures(
            store, Path(args.file), args.region, dry_run=args.dry_run, encoding=args.encoding
        )
    except EncodingToConfirm as exc:
        raise CliError(
            str(exc)
            + " "
            + _("(to import it read so: --encoding {name})").format(name=exc.encoding)
        ) from None
    if args.encoding and not args.json:
        print(_("Read as {encoding}, as you confirmed.").format(encoding=report.encoding))
    problems = report.validation.problems
    if args.json:
        emit_json(report_json(report))
    elif problems:
        print_table(
            [_("Row"), _("Column"), _("Severity"), _("Message")],
            [(p.row, p.column, severity_label(p.severity), p.message) for p in problems],
        )
    if not report.ok:
        raise CliError(
            _("import refused: {n} error(s) in {file}; nothing was written").format(
                n=len(report.validation.errors), file=Path(args.file).name
            )
        )
    if not args.json:
        if report.dry_run:
            print(
                _("Dry run: {n} candidature(s) are valid; nothing was written.").format(
                    n=len(report.validation.candidatures)
                )
            )
        else:
            print(
                _("{n} candidature(s) imported into {region}.").format(
                    n=report.written, region=args.region
                )
            )
    return 0


def cmd_template_candidatures(_store: Store | None, args: argparse.Namespace) -> int:
    out = write_template(Path(args.out))
    if args.json:
        emit_json({"file": str(out)})
    else:
        print(_("Template written to {file}").format(file=out))
    return 0


_OPTIONS = (
    ("organisation", "--organisation", "the organisation (one candidature per region)"),
    ("contact", "--contact", "the contact person"),
    ("email", "--email", "the contact's e-mail address"),
    ("phone", "--phone", None),
    ("title", "--title", "the proposal's title"),
    ("summary", "--summary", None),
    ("received_at", "--received-at", "dd/mm/jjjj uu:mm (Belgian time) or ISO 8601"),
    ("channel", "--channel", "e-mail, webformulier, …"),
    ("challenges", "--challenges", "region challenge numbers, '1; 3'"),
    ("services", "--services", "service types, '; '-separated"),
    ("expertise", "--expertise", "numbers of the region's sought expertise"),
    ("requested_budget", "--budget", "euro"),
)


def _cells(args: argparse.Namespace) -> dict[str, object]:
    return {f: getattr(args, f) for f, _flag, _h in _OPTIONS if getattr(args, f) is not None}


def cmd_candidature_add(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.candidatures.edit import CandidatureError, add_candidature, set_address

    try:
        with store.session() as session:
            cand_id = add_candidature(session, actor(args), args.region, _cells(args))
            if args.address is not None:
                set_address(session, actor(args), cand_id, args.address.replace("\\n", "\n"))
    except CandidatureError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        emit_json({"id": cand_id})
    else:
        print(_("Candidature {id} added.").format(id=cand_id))
    return 0


def cmd_candidature_edit(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.candidatures.edit import CandidatureError, edit_candidature, set_address
    from jurydesk.store.models import Candidature

    changes = _cells(args)
    if not changes and args.address is None:
        raise CliError(_("name at least one field to change (see --help)"))
    try:
        with store.session() as session:
            diff = edit_candidature(session, actor(args), args.id, changes)
            if args.address is not None:
                old = session.get(Candidature, args.id).address  # type: ignore[union-attr]
                set_address(session, actor(args), args.id, args.address.replace("\\n", "\n"))
                new = session.get(Candidature, args.id).address  # type: ignore[union-attr]
                if new != old:
                    diff["address"] = (old, new)
    except CandidatureError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        emit_json({k: {"old": str(v[0]), "new": str(v[1])} for k, v in diff.items()})
        return 0
    if not diff:
        print(_("Nothing changed."))
    for name, (old, new) in diff.items():
        print(f"{name}: {old} → {new}")
    return 0


def cmd_candidature_withdraw(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.candidatures.edit import (
        CandidatureError,
        NeedsConfirmation,
        reinstate_candidature,
        withdraw_candidature,
    )

    try:
        with store.session() as session:
            if args.reinstate:
                reinstate_candidature(session, actor(args), args.id)
            else:
                withdraw_candidature(
                    session, actor(args), args.id, args.reason or "", confirm=args.confirm
                )
    except NeedsConfirmation as exc:
        raise CliError(f"{exc} " + _("Add --confirm to withdraw it anyway.")) from None
    except CandidatureError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        emit_json({"id": args.id, "withdrawn": not args.reinstate})
    else:
        print(
            _("Candidature {id} reinstated.").format(id=args.id)
            if args.reinstate
            else _("Candidature {id} withdrawn.").format(id=args.id)
        )
    return 0


def add_candidature_commands(commands, command) -> None:  # type: ignore[no-untyped-def]
    write = WRITE
    group = commands.add_parser("candidature", help="add or edit one candidature by hand")
    sub = group.add_subparsers(dest="candidature_command", metavar="WHAT", required=True)
    add = command(sub, "add", cmd_candidature_add, write, "add a candidature (a web-form one)")
    add.add_argument("--region", required=True)
    edit = command(sub, "edit", cmd_candidature_edit, write, "change fields (audited)")
    edit.add_argument("id", type=int)
    for p in (add, edit):
        for name, flag, text in _OPTIONS:
            p.add_argument(flag, dest=name, help=text)
        p.add_argument("--address", help="postal address for the letters; '\\n' between lines")
        p.add_argument("--actor", help="who does this, for the audit log")
    p = command(
        sub,
        "withdraw",
        cmd_candidature_withdraw,
        write,
        "withdraw a candidature with a reason (kept and shown; never ranked or written to)",
    )
    p.add_argument("id", type=int)
    p.add_argument("--reason")
    p.add_argument("--confirm", action="store_true", help="also when it has a decision")
    p.add_argument("--reinstate", action="store_true", help="undo a withdrawal")
    p.add_argument("--actor", help="who does this, for the audit log")
