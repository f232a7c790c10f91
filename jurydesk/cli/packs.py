"""`jurydesk pack …`: juror packs, returns and their import."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from jurydesk.cli.output import CliError, actor, emit_json, print_table
from jurydesk.i18n import _, ngettext
from jurydesk.packs.archive import PackError
from jurydesk.packs.pack import export_pack, unsigned_pack_note
from jurydesk.packs.pending import criterion_labels
from jurydesk.packs.returns import ImportReport, import_returns, write_return
from jurydesk.packs.unpack import open_pack_into
from jurydesk.paths import resolve_db
from jurydesk.store import Store


def _run(func, *args, **kwargs):  # type: ignore[no-untyped-def]
    try:
        return func(*args, **kwargs)
    except (PackError, OSError) as exc:
        raise CliError(str(exc)) from None


def cmd_pack_export(store: Store, args: argparse.Namespace) -> int:
    manifest = _run(
        export_pack, store, args.juror, Path(args.out), include_contacts=args.with_contacts
    )
    if args.json:
        emit_json(manifest)
    else:
        print(
            _("Pack for juror {juror} written to {file} ({n} candidatures)").format(
                juror=args.juror, file=args.out, n=manifest["candidatures"]
            )
        )
        print(_("The juror's code (hand it over separately): {code}").format(code=manifest["code"]))
        if not manifest["signed_scoring"]:
            print(unsigned_pack_note())
    return 0


def cmd_pack_open(_store: None, args: argparse.Namespace) -> int:
    code = args.code or os.environ.get("JURYDESK_PACK_CODE")
    if not code and sys.stdin.isatty():
        code = getpass.getpass(_("The code the secretariat gave you: "))
    url = resolve_db(args.db)
    manifest = _run(open_pack_into, Path(args.file), url, code)
    if args.json:
        emit_json(manifest)
    else:
        print(
            _("Juror database ready: {db} (juror {juror})").format(db=url, juror=manifest["juror"])
        )
    return 0


def cmd_pack_return(store: Store, args: argparse.Namespace) -> int:
    manifest = _run(write_return, store, Path(args.out))
    if args.json:
        emit_json(manifest)
    else:
        print(_("Return {n} written to {file}").format(n=manifest["sequence"], file=args.out))
    return 0


def report_json(report: ImportReport) -> dict[str, object]:
    return {
        "file": report.file,
        "juror": report.juror,
        "sequence": report.sequence,
        "already_imported": report.already_imported,
        "written": report.written,
        "counts": report.counts,
        "lines": [
            {
                "juror": x.juror,
                "candidature": x.candidature,
                "round": x.round,
                "criterion": x.criterion or None,
                "status": x.status,
                **({"ours": x.ours, "theirs": x.theirs} if x.theirs is not None else {}),
            }
            for x in report.lines
        ],
    }


def cmd_pack_import(store: Store, args: argparse.Namespace) -> int:
    reports = _run(
        import_returns,
        store,
        [Path(f) for f in args.files],
        dry_run=args.dry_run,
        actor=actor(args),
    )
    if args.json:
        emit_json([report_json(r) for r in reports])
        return 0
    for report in reports:
        if report.already_imported:
            print(_("{file}: imported before; nothing to do").format(file=report.file))
            continue
        if args.verbose_report:
            with store.reader() as session:
                labels = criterion_labels(session, {x.candidature for x in report.lines})
            print_table(
                [_("Candidature"), _("Round"), _("Criterion"), _("Status")],
                [
                    (
                        x.candidature,
                        x.round,
                        labels.get((x.candidature, x.round, x.criterion), x.criterion)
                        or _("(evaluation)"),
                        x.status,
                    )
                    for x in report.lines
                    if x.status != "unchanged"
                ],
            )
        counts = ", ".join(f"{k}: {v}" for k, v in report.counts.items() if v)
        verb = _("would import") if args.dry_run else _("imported")
        print(
            _("{file} (juror {juror}, return {n}): {verb} — {counts}").format(
                file=report.file,
                juror=report.juror,
                n=report.sequence,
                verb=verb,
                counts=counts or _("nothing"),
            )
        )
    return 0


def cmd_pack_pending(store: Store, args: argparse.Namespace) -> int:
    """Held and conflicting scores from returns, both sides; --keep/--accept/--dismiss."""
    from jurydesk.packs.pending import (
        list_pending,
        pending_cells,
        pending_headers,
        resolve_many,
        resolve_pending,
    )

    if args.resolve:
        with store.session() as session:
            resolve_pending(session, actor(args), args.resolve, args.action, args.reason)
    if args.resolve_all:
        if not args.reason.strip():
            raise CliError(_("--all needs --reason: why these scores are resolved together"))
        with store.session() as session:
            ids = [
                i.id
                for i in list_pending(session)
                if args.candidature in (None, i.candidature)
                and args.source in (None, i.source, Path(i.source).name)
            ]
            done = resolve_many(
                session, actor(args), ids, args.resolve_all == "accept", args.reason
            )
        print(ngettext("{n} score resolved.", "{n} scores resolved.", done).format(n=done))
    with store.reader() as session:
        items = list_pending(session)
    if args.json:
        emit_json([i.to_json() for i in items])
        return 0
    print_table([_("Id"), *pending_headers()], [[str(i.id), *pending_cells(i)] for i in items])
    if not items:
        print(_("Nothing is held or in conflict."))
    return 0
