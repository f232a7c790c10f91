"""The arguments of the export, rebuttal, pack and document commands. One function per command
(see cli/commands.py); the commands' functions are named, not imported."""

from __future__ import annotations

import argparse

from jurydesk.cli.modes import NONE, READ, WRITE, Maker


def export(commands: argparse._SubParsersAction, command: Maker) -> None:
    export = commands.add_parser("export", help="write the workbook, letters or calendar")
    export_sub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    p = command(export_sub, "excel", "exports:cmd_export_excel", READ, "the Excel results workbook")
    p.add_argument("out", help="the .xlsx file to write")
    p.add_argument("--region", help="one region (default: all, with a Flanders overview)")
    p = command(
        export_sub,
        "letters",
        "exports:cmd_export_letters",
        READ,
        "the PDF decision letters: one per candidature",
    )
    p.add_argument("dir", help="the folder for the letters")
    p.add_argument("--region", help="one region (default: all)")
    p.add_argument("--round", type=int, choices=(1, 2), help="one round (default: both)")
    p.add_argument("--merged", help="also write every letter into this one PDF for printing")
    p.add_argument("--scores", action="store_true", help="show the jury's scores per criterion")
    p.add_argument(
        "--final",
        action="store_true",
        help="the final letters after the re-assessment of rebuttals",
    )
    p = command(
        export_sub,
        "rebuttals",
        "exports:cmd_export_rebuttals",
        READ,
        "the rebuttal windows as an iCalendar (.ics) file",
    )
    p.add_argument("out", help="the .ics file to write")
    p.add_argument("--region", help="one region (default: all)")


def rebuttals(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands,
        "rebuttals",
        "exports:cmd_rebuttals",
        READ,
        "the rebuttal (weerwoord) windows of a region",
    )
    p.add_argument("--region", required=True)
    p.add_argument("--round", type=int, choices=(1, 2))


def rebuttal(commands: argparse._SubParsersAction, command: Maker) -> None:
    rebuttal = commands.add_parser("rebuttal", help="record a received rebuttal or its outcome")
    sub = rebuttal.add_subparsers(dest="rebuttal_command", metavar="ACTION", required=True)
    p = command(
        sub,
        "add",
        "exports:cmd_rebuttal_add",
        WRITE,
        "record a received weerwoord (a late one is flagged)",
    )
    p.add_argument("--candidature", type=int, required=True)
    p.add_argument("--round", type=int, required=True, choices=(1, 2))
    p.add_argument("--received", required=True, help="when it arrived (Belgian time)")
    p.add_argument("--text", help="the text of the rebuttal")
    p.add_argument("--text-file", help="a UTF-8 text file with the rebuttal")
    p.add_argument("--file", help="the received file (stored as its path)")
    p.add_argument("--actor", help="who does this, for the audit log")
    p = command(
        sub,
        "decide",
        "exports:cmd_rebuttal_decide",
        WRITE,
        "record the re-assessment of a rebuttal",
    )
    p.add_argument("--candidature", type=int, required=True)
    p.add_argument("--round", type=int, required=True, choices=(1, 2))
    p.add_argument("--outcome", required=True, choices=("upheld", "rejected"))
    p.add_argument("--motivation", required=True)
    p.add_argument("--date", help="when the jury re-assessed it (default: now)")
    p.add_argument("--actor", help="who does this, for the audit log")


def region_settings_options(p) -> None:  # type: ignore[no-untyped-def]
    p.add_argument("slug")
    p.add_argument("--rubric")
    p.add_argument("--method", choices=("mean", "median", "trimmed", "zscore"))
    p.add_argument("--budget", help="euro; '' for none")
    p.add_argument("--max-partners", type=int, help="0 for no maximum")
    p.add_argument("--weerwoord-days", type=int, help="the weerwoord period in days (14)")
    p.add_argument("--receipt-delay", type=int, help="days before counting starts (0)")
    p.add_argument("--counting", choices=("calendar", "working"))
    p.add_argument(
        "--weekend-shift",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="move a last day on a Saturday, Sunday or Belgian public holiday to the next "
        "working day (JuryDesk's setting, art. 53 Ger.W. by analogy; not the addendum's rule)",
    )
    p.add_argument("--submission-subject", help="the subject of candidatures sent by e-mail")
    p.add_argument(
        "--contact",
        action="append",
        metavar="NAME|E-MAIL|PHONE",
        help="the addendum's contact people, for questions about the addendum (repeat; "
        "replaces them all)",
    )
    p.add_argument("--weerwoord-address", help="where candidates send a weerwoord")
    p.add_argument("--signatory", help="the name that signs the letters (ondertekenaar)")
    p.add_argument("--signatory-function", help="the signatory's function")
    p.add_argument(
        "--letterhead", action="append", metavar="LINE", help="a letterhead line (repeat)"
    )
    p.add_argument(
        "--sender", action="append", metavar="LINE", help="a line of the sender's address (repeat)"
    )
    p.add_argument("--pitch-place", help="where the pitches are held; '' leaves it unsaid")
    p.add_argument("--pitch-days", help="dd/mm/yyyy; ...  '' for the addendum's days")
    p.add_argument(
        "--pitch-arrival", type=int, metavar="MINUTES", help="minutes before the slot (0: unsaid)"
    )
    p.add_argument(
        "--pitch-party-size", type=int, metavar="N", help="people who may come (0: unsaid)"
    )


def pack(commands: argparse._SubParsersAction, command: Maker) -> None:
    pack = commands.add_parser("pack", help="juror packs and returns (offline scoring)")
    sub = pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    p = command(
        sub, "export", "packs:cmd_pack_export", WRITE, "write the pack of one juror (secretariat)"
    )
    p.add_argument("--juror", type=int, required=True)
    p.add_argument("out")
    p.add_argument(
        "--with-contacts",
        action="store_true",
        help="also the candidates' e-mail addresses, phone numbers and postal addresses",
    )
    p = command(
        sub, "open", "packs:cmd_pack_open", NONE, "make a new juror database (--db) from a pack"
    )
    p.add_argument("file")
    p.add_argument("--code", help="the juror's code (or JURYDESK_PACK_CODE; else it is asked)")
    p = command(
        sub,
        "return",
        "packs:cmd_pack_return",
        WRITE,
        "write the juror's scores for the secretariat (juror database)",
    )
    p.add_argument("out")
    p = command(
        sub,
        "import",
        "packs:cmd_pack_import",
        WRITE,
        "merge returns into the secretariat's database",
    )
    p.add_argument("files", nargs="+")
    p.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    p.add_argument(
        "--report",
        dest="verbose_report",
        action="store_true",
        help="list every score that is not unchanged",
    )
    p.add_argument("--actor", help="who does this, for the audit log")
    p = command(
        sub,
        "pending",
        "packs:cmd_pack_pending",
        WRITE,
        "scores held after a decision or in conflict, both sides; resolve one",
    )
    p.add_argument("--resolve", type=int, metavar="ID", help="the item to resolve")
    p.add_argument(
        "--action",
        choices=("ours", "theirs", "accept", "dismiss"),
        help="a conflict: keep ours or take theirs; held: accept (the decision is marked for "
        "review) or dismiss",
    )
    p.add_argument(
        "--all",
        dest="resolve_all",
        choices=("accept", "reject"),
        help="resolve every open item (of --candidature / --file) at once: accept takes the "
        "jurors' values, reject keeps the secretariat's; needs --reason",
    )
    p.add_argument("--candidature", type=int, help="with --all: this candidature's items only")
    p.add_argument("--file", dest="source", help="with --all: this return file's items only")
    p.add_argument("--reason", default="", help="why (kept in the audit log)")
    p.add_argument("--actor", help="who does this, for the audit log")


def documents(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands,
        "documents",
        "documents:cmd_documents",
        READ,
        "the documents of a candidature (the written proposal, annexes)",
    )
    p.add_argument("--candidature", type=int)
    sub = p.add_subparsers(dest="documents_command", metavar="ACTION")
    q = command(sub, "add", "documents:cmd_documents_add", WRITE, "store files with a candidature")
    q.add_argument("--candidature", type=int, required=True)
    q.add_argument("files", nargs="+", metavar="FILE")
    q.add_argument("--actor", help="who does this, for the audit log")
    q = command(
        sub, "get", "documents:cmd_documents_get", READ, "write a document's original bytes"
    )
    q.add_argument("document", type=int, metavar="DOCUMENT_ID")
    q.add_argument("out", metavar="OUT")
    q = command(
        sub,
        "page",
        "documents:cmd_documents_page",
        READ,
        "a page of a stored PDF as PNG, rendered as the reader shows it",
    )
    q.add_argument("document", type=int, metavar="DOCUMENT_ID")
    q.add_argument("out", metavar="OUT.png")
    q.add_argument("--page", type=int, default=1, help="the page number (default 1)")
    q.add_argument("--scale", type=float, default=1.5, help="pixels per PDF point (default 1.5)")
    q = command(
        sub, "remove", "documents:cmd_documents_remove", WRITE, "remove a document, with a reason"
    )
    q.add_argument("document", type=int, metavar="DOCUMENT_ID")
    q.add_argument("--reason", required=True)
    q.add_argument("--actor", help="who does this, for the audit log")
    q = command(
        sub, "max-size", "documents:cmd_documents_max_size", WRITE, "the size limit per file (MB)"
    )
    q.add_argument("megabytes", type=float)
    q.add_argument("--actor", help="who does this, for the audit log")
    command(
        sub,
        "migration",
        "documents:cmd_documents_migration",
        READ,
        "what the move of old attachment paths into the database copied and missed",
    )


def search(commands: argparse._SubParsersAction, command: Maker) -> None:
    p = command(
        commands, "search", "documents:cmd_search", READ, "search the text of every proposal"
    )
    p.add_argument("text")
    p.add_argument("--region")
    p.add_argument("--limit", type=int, default=200)
