"""`jurydesk declaration sign|text`, `declarations`, `jury-settings` and `progress`: the
jurors' declarations (verklaring op eer), the region's meeting settings, each juror's progress."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from jurydesk.cli.modes import READ, WRITE, Maker, audited
from jurydesk.cli.output import CliError, actor, date_option, emit_json, print_table
from jurydesk.i18n import _
from jurydesk.store import Store


def _is_secretariat(args: argparse.Namespace) -> bool:
    return actor(args).startswith("secretariaat")


def _conflicts(values: list[str] | None) -> dict[int, str]:
    out: dict[int, str] = {}
    for value in values or []:
        ident, _sep, reason = value.partition(":")
        if not ident.strip().isdigit() or not reason.strip():
            raise CliError(
                _("--conflict '{value}': write CANDIDATURE_ID:REASON").format(value=value)
            )
        out[int(ident)] = reason.strip()
    return out


def _is_secretariat(args: argparse.Namespace) -> bool:
    return actor(args).startswith("secretariaat")


def cmd_declaration_sign(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.jury.declarations import record_on_paper, sign
    from jurydesk.packs.pack import JUROR_DB, setting

    conflicts = _conflicts(args.conflict)
    with store.session() as session:
        in_pack = setting(session, JUROR_DB) is not None
        if args.on_paper:
            if not _is_secretariat(args) or in_pack:
                raise CliError(_("only the secretariat records a declaration signed on paper"))
            status = record_on_paper(
                session,
                actor(args),
                args.juror,
                args.region,
                date_option(args.date, "--date"),
                conflicts,
            )
        else:
            if not args.name:
                raise CliError(_("type your name (--name) to sign the declaration (verklaring)"))
            pin = args.pin or os.environ.get("JURYDESK_PIN")
            status = sign(
                session,
                actor(args),
                args.juror,
                args.region,
                args.name,
                pin,
                conflicts,
                in_pack=in_pack,
            )
    data = {
        "juror": status.juror,
        "region": args.region,
        "signed_at": status.signed_at,
        "how": status.how,
        "conflicts": status.conflicts,
    }
    if args.json:
        emit_json(data)
    else:
        print(_("Declaration of juror {id} signed.").format(id=status.juror))
    return 0


def cmd_declaration_text(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.jury.declarations import declaration_text, set_jury_settings, template

    if args.set or args.default:
        if not _is_secretariat(args):
            raise CliError(_("only the secretariat changes the declaration's text"))
        text: str | None = None
        if args.set:
            try:
                text = Path(args.set).read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CliError(
                    _("cannot read {file}: {error}").format(file=args.set, error=exc)
                ) from None
        with store.session() as session:
            set_jury_settings(session, actor(args), args.region, text=text)
    with store.reader() as session:
        text = declaration_text(session, args.region)
    own = text != template()[0]
    source = _("the region's own text") if own else template()[1]
    if args.json:
        emit_json({"region": args.region, "text": text, "source": source})
    else:
        print(text)
        print()
        print(f"({source})")
    return 0


def cmd_declarations(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.jury.declarations import declarations, how_label

    with store.reader() as session:
        rows = declarations(session, args.region)
    if args.json:
        emit_json(
            [
                {
                    "juror": r.juror,
                    "name": r.name,
                    "signed_at": r.signed_at,
                    "how": r.how or None,
                    "conflicts": r.conflicts,
                }
                for r in rows
            ]
        )
        return 0
    print_table(
        [_("Juror"), _("Name"), _("Signed"), _("How"), _("Conflicts")],
        [
            (
                r.juror,
                r.name,
                r.signed_at.date().isoformat() if r.signed_at else _("not signed"),
                how_label(r.how) if r.how else "",
                ", ".join(str(c) for c in r.conflicts),
            )
            for r in rows
        ],
    )
    return 0


def cmd_jury_settings(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.decisions.meetings import quorum_of
    from jurydesk.jury.declarations import jury_settings, set_jury_settings
    from jurydesk.regions.service import get_region

    with store.session() as session:
        if args.min_finalised is not None or args.quorum is not None:
            quorum: int | bool | None = False
            if args.quorum is not None:
                quorum = None if args.quorum == 0 else args.quorum
            set_jury_settings(
                session, actor(args), args.region, min_finalised=args.min_finalised, quorum=quorum
            )
        region = get_region(session, args.region)
        row = jury_settings(session, region.id)
        data = {
            "region": args.region,
            "min_finalised": row.min_finalised,
            "quorum": row.quorum,
            "quorum_round_1": quorum_of(session, region.id, 1),
            "quorum_round_2": quorum_of(session, region.id, 2),
        }
    if args.json:
        emit_json(data)
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return 0


def cmd_progress(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.scoring.progress import progress

    with store.reader() as session:
        rows = progress(session, args.region, args.round)
    if args.json:
        emit_json(
            [
                {
                    "juror": r.juror,
                    "name": r.name,
                    "assigned": r.assigned,
                    "scored": r.scored,
                    "finalised": r.finalised,
                    "declaration": r.declaration,
                    "declaration_how": r.declaration_how or None,
                    "pack_exported": r.pack_exported,
                    "return_received": r.return_received,
                }
                for r in rows
            ]
        )
        return 0

    def day(moment: object) -> str:
        return moment.date().isoformat() if moment else ""  # type: ignore[attr-defined]

    print_table(
        [
            _("Juror"),
            _("Name"),
            _("Assigned"),
            _("Scored"),
            _("Finalised"),
            _("Declaration"),
            _("Pack exported"),
            _("Return received"),
        ],
        [
            (
                r.juror,
                r.name,
                r.assigned,
                r.scored,
                r.finalised,
                day(r.declaration),
                day(r.pack_exported),
                day(r.return_received),
            )
            for r in rows
        ],
    )
    return 0


def add_declaration(commands: argparse._SubParsersAction, command: Maker) -> None:
    command, write = audited(command), WRITE
    group = commands.add_parser("declaration", help="the jurors' declaration (verklaring op eer)")
    sub = group.add_subparsers(dest="declaration_command", metavar="ACTION", required=True)
    p = command(
        sub,
        "sign",
        cmd_declaration_sign,
        write,
        "a juror signs the declaration (name and PIN); --on-paper: the secretariat records it",
    )
    p.add_argument("--region", required=True)
    p.add_argument("--juror", type=int, required=True)
    p.add_argument("--name", help="the juror's name, typed as the signature")
    p.add_argument("--pin", help="the juror's PIN (or JURYDESK_PIN; else it is asked)")
    p.add_argument(
        "--conflict",
        action="append",
        metavar="ID:REASON",
        help="a candidature the juror has a conflict of interest with (repeat)",
    )
    p.add_argument("--on-paper", action="store_true", help="signed on paper (secretariat)")
    p.add_argument("--date", help="the day it was signed on paper (YYYY-MM-DD)")
    p = command(sub, "text", cmd_declaration_text, write, "show (or set) the declaration's text")
    p.add_argument("--region", required=True)
    p.add_argument("--set", metavar="FILE", help="the region's own text, from a UTF-8 file")
    p.add_argument("--default", action="store_true", help="back to JuryDesk's template")


def add_declarations(commands: argparse._SubParsersAction, command: Maker) -> None:
    command = audited(command)
    p = command(commands, "declarations", cmd_declarations, READ, "who signed the declaration")
    p.add_argument("--region", required=True)


def add_jury_settings(commands: argparse._SubParsersAction, command: Maker) -> None:
    command, write = audited(command), WRITE
    p = command(
        commands,
        "jury-settings",
        cmd_jury_settings,
        write,
        "a region's minimum of finalised jurors per decision and the meeting's quorum",
    )
    p.add_argument("--region", required=True)
    p.add_argument("--min-finalised", type=int)
    p.add_argument("--quorum", type=int, help="jurors present; 0: more than half of the panel")


def add_progress(commands: argparse._SubParsersAction, command: Maker) -> None:
    command, read = audited(command), READ
    p = command(
        commands, "progress", cmd_progress, read, "each juror's progress in a region and round"
    )
    p.add_argument("--region", required=True)
    p.add_argument("--round", type=int, required=True, choices=(1, 2))
