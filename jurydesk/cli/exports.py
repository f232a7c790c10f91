"""Export and rebuttal commands: workbook, letters, calendar; weerwoord intake."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jurydesk.cli.output import CliError, actor, emit_json, print_table
from jurydesk.i18n import _
from jurydesk.rebuttals.service import RebuttalWindow, reassess, rebuttal_windows, record_rebuttal
from jurydesk.store import Store
from jurydesk.timeutil import DateParseError, iso, parse_moment


def _slugs(args: argparse.Namespace) -> list[str] | None:
    return [args.region] if getattr(args, "region", None) else None


def _progress(done: int, total: int, what: str) -> None:
    if sys.stderr.isatty() and total:
        print(
            f"\r{done}/{total} {what[:50]:<50}", end="" if done < total else "\n", file=sys.stderr
        )


def cmd_export_excel(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.exports.workbook import export_workbook

    out = export_workbook(store, Path(args.out), _slugs(args), progress=_progress)
    if args.json:
        emit_json({"file": str(out)})
    else:
        print(_("Workbook written: {file}").format(file=out))
    return 0


def cmd_export_letters(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.exports.letters import export_letters, shaped_note, warning_note

    try:
        result = export_letters(
            store,
            Path(args.dir),
            _slugs(args),
            args.round,
            merged=Path(args.merged) if args.merged else None,
            final=args.final,
            with_scores=args.scores,
            progress=_progress,
        )
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        emit_json(
            {
                "letters": result.letters,
                "files": [str(f) for f in result.files],
                "merged": str(result.merged) if result.merged else None,
                "unprintable": [
                    {"candidature": c, "organisation": o, "characters": ch}
                    for c, o, ch in result.unprintable
                ],
                "shaped": [
                    {"candidature": c, "organisation": o, "words": words}
                    for c, o, words in result.shaped
                ],
                "warnings": [
                    {"candidature": c, "organisation": o, "warning": w}
                    for c, o, w in result.warnings
                ],
            }
        )
    else:
        print(
            _("{count} letters written to {folder}").format(count=result.letters, folder=args.dir)
        )
        if result.merged:
            print(_("Merged for printing: {file}").format(file=result.merged))
        for cand, organisation, chars in result.unprintable:
            print(
                "⚠ "
                + _(
                    "{candidature}. {organisation}: the letter's font cannot draw {chars}; "
                    "check that letter before sending"
                ).format(candidature=cand, organisation=organisation, chars=chars)
            )
        for cand, organisation, words in result.shaped:
            print("ℹ " + shaped_note(cand, organisation, words))
        for cand, organisation, warning in result.warnings:
            print("⚠ " + warning_note(cand, organisation, warning))
    return 0


def cmd_export_rebuttals(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.exports.calendar import export_rebuttal_calendar

    count = export_rebuttal_calendar(store, Path(args.out), _slugs(args))
    if args.json:
        emit_json({"file": args.out, "events": count})
    else:
        print(_("{count} rebuttal windows written to {file}").format(count=count, file=args.out))
    return 0


def window_json(w: RebuttalWindow) -> dict[str, object]:
    return {
        "candidature": w.candidature,
        "organisation": w.organisation,
        "round": w.round,
        "outcome": w.outcome,
        "communicated": w.communicated.isoformat(),
        "opens": iso(w.opens),
        "closes": iso(w.closes),
        "last_day": w.last_day.isoformat(),
        "rule": w.rule,
        "rule_text": w.rule_text,
        "received_at": iso(w.received_at),
        "late": w.late,
        "reassessment": w.reassessment,
        "warning": w.warning or None,
    }


def cmd_rebuttals(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        windows = rebuttal_windows(session, args.region, args.round)
    if args.json:
        emit_json([window_json(w) for w in windows])
        return 0
    print_table(
        [
            _("No."),
            _("Organisation"),
            _("Round"),
            _("Communicated on"),
            _("Opens"),
            _("Last day"),
            _("Received on"),
            _("Re-assessment"),
        ],
        [
            [
                w.candidature,
                w.organisation,
                w.round,
                w.communicated.isoformat(),
                w.opens.strftime("%Y-%m-%d %H:%M"),
                f"{w.last_day.isoformat()} 24:00",
                (w.received_at.strftime("%Y-%m-%d %H:%M") + (f" ({_('late')})" if w.late else ""))
                if w.received_at
                else "",
                w.reassessment or "",
            ]
            for w in windows
        ],
    )
    for w in windows:
        if w.warning:
            print(f"⚠ {w.candidature}. {w.organisation}: {w.warning}")
    return 0


def cmd_rebuttal_add(store: Store, args: argparse.Namespace) -> int:
    try:
        received = parse_moment(args.received)
    except DateParseError as exc:
        raise CliError(_("--received: {problem}").format(problem=exc)) from None
    text = args.text or ""
    if args.text_file:
        try:
            text = Path(args.text_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(_("--text-file: {problem}").format(problem=exc)) from None
    if args.file and not Path(args.file).is_file():
        raise CliError(_("--file: no such file: {file}").format(file=args.file))
    with store.session() as session:
        w = record_rebuttal(
            session,
            actor(args),
            args.candidature,
            args.round,
            received,
            text,
            str(Path(args.file).resolve()) if args.file else "",
        )
    if args.json:
        emit_json(window_json(w))
    elif w.late:
        print(
            _("Rebuttal recorded. It is LATE: the window closed on {last} at 24:00.").format(
                last=w.last_day.isoformat()
            )
        )
    else:
        print(_("Rebuttal recorded, within the window."))
    return 0


def cmd_rebuttal_decide(store: Store, args: argparse.Namespace) -> int:
    decided = None
    if args.date:
        try:
            decided = parse_moment(args.date)
        except DateParseError as exc:
            raise CliError(_("--date: {problem}").format(problem=exc)) from None
    with store.session() as session:
        reassess(
            session,
            actor(args),
            args.candidature,
            args.round,
            args.outcome,
            args.motivation,
            decided,
        )
    if args.json:
        emit_json({"candidature": args.candidature, "round": args.round, "outcome": args.outcome})
    else:
        print(
            _(
                "Re-assessment recorded; write the final letter with "
                "'jurydesk export letters DIR --final'."
            )
        )
    return 0
