"""`jurydesk consensus|meeting|meetings`: the consensus per candidature and the jury's meeting
with its record."""

from __future__ import annotations

import argparse
from typing import Any

from jurydesk.cli.modes import READ, WRITE, Maker, audited
from jurydesk.cli.output import CliError, actor, date_option, emit_json, print_table
from jurydesk.i18n import _
from jurydesk.store import Store


def _consensus_json(view: Any) -> dict[str, Any]:
    return {
        "candidature": view.candidature,
        "round": view.round,
        "rapporteur": view.rapporteur,
        "version": view.version,
        "approved": view.approved,
        "approved_by": view.approved_by,
        "approved_at": view.approved_at,
        "criteria": [
            {
                "criterion": line.criterion,
                "label": line.label,
                "aggregate": line.aggregate,
                "score": line.agreed,
                "reason": line.reason,
                "text": line.text,
            }
            for line in view.lines
        ],
    }


def cmd_consensus(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.decisions import consensus

    if args.consensus_command == "show":
        with store.reader() as session:
            view = consensus.show(session, args.candidature, args.round)
    else:
        with store.session() as session:
            if args.consensus_command == "set":
                view = consensus.set_consensus(
                    session,
                    actor(args),
                    args.candidature,
                    args.round,
                    args.criterion,
                    args.text,
                    args.score,
                    args.reason or "",
                    args.rapporteur or "",
                    args.meeting,
                )
            else:
                view = consensus.approve(session, actor(args), args.candidature, args.round)
    if args.json:
        emit_json(_consensus_json(view))
        return 0
    state = _("approved") if view.approved else _("draft")
    print(f"{_('Candidature')} {view.candidature}, {_('round')} {view.round}: {state}")
    print_table(
        [_("Criterion"), _("Aggregate"), _("Consensus"), _("Text")],
        [
            (
                line.label,
                "—" if line.aggregate is None else f"{line.aggregate:.2f}",
                "—" if line.agreed is None else f"{line.agreed:.2f}",
                line.text,
            )
            for line in view.lines
        ],
    )
    return 0


def _meeting_json(info: Any) -> dict[str, Any]:
    return {
        "meeting": info.id,
        "region": info.region,
        "round": info.round,
        "date": info.held_on.isoformat(),
        "place": info.place,
        "chair": info.chair,
        "secretary": info.secretary,
        "order": info.order,
        "present": [a.juror for a in info.present],
        "absent": [a.juror for a in info.attendance if not a.present],
        "quorum": info.quorum,
        "quorum_met": info.quorum_met,
        "agenda": [
            {
                "position": i.position,
                "candidature": i.candidature,
                "lead": i.lead,
                "left_the_room": [{"juror": x.juror, "reason": x.reason} for x in i.leaves],
            }
            for i in info.agenda
        ],
        "closed_at": info.closed_at,
        "audit_head": info.audit_head or None,
    }


def cmd_meeting(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.decisions import meetings

    with store.session() as session:
        if args.meeting_command == "open":
            try:
                present = [int(x) for x in args.present.split(",") if x.strip()]
            except ValueError:
                raise CliError(_("--present: a list of juror ids, like 1,2,3")) from None
            ident = meetings.open_meeting(
                session,
                actor(args),
                args.region,
                args.round,
                date_option(args.date, "--date"),
                args.place,
                present,
                args.chair,
                args.secretary or "",
                args.order,
            )
            info = meetings.meeting_info(session, ident)
        elif args.meeting_command == "leave":
            meetings.leave(
                session, actor(args), args.meeting, args.juror, args.candidature, args.reason
            )
            info = meetings.meeting_info(session, args.meeting)
        else:
            info = meetings.close_meeting(session, actor(args), args.meeting)
    if args.json:
        emit_json(_meeting_json(info))
    else:
        print(
            _("Meeting {id}: {state}").format(
                id=info.id, state=_("closed") if info.closed else _("open")
            )
        )
        if not info.quorum_met:
            print(
                _("Quorum not met: {n} present, {quorum} needed.").format(
                    n=len(info.present), quorum=info.quorum
                )
            )
    return 0


def cmd_meetings(store: Store, args: argparse.Namespace) -> int:
    from jurydesk.decisions.meetings import list_meetings

    with store.reader() as session:
        rows = list_meetings(session, args.region)
    if args.json:
        emit_json([_meeting_json(m) for m in rows])
        return 0
    print_table(
        [_("Meeting"), _("Round"), _("Date"), _("Place"), _("Present"), _("Closed")],
        [
            (
                m.id,
                m.round,
                m.held_on.isoformat(),
                m.place,
                len(m.present),
                m.closed_at.date().isoformat() if m.closed_at else "",
            )
            for m in rows
        ],
    )
    return 0


def add_consensus(commands: argparse._SubParsersAction, command: Maker) -> None:
    command, read, write = audited(command), READ, WRITE
    group = commands.add_parser("consensus", help="the jury's consensus per candidature")
    sub = group.add_subparsers(dest="consensus_command", metavar="ACTION", required=True)
    p = command(sub, "set", cmd_consensus, write, "draft the consensus of one criterion")
    p.add_argument("--candidature", type=int, required=True)
    p.add_argument("--round", type=int, required=True, choices=(1, 2))
    p.add_argument("--criterion", required=True)
    p.add_argument("--text", required=True)
    p.add_argument("--score", help="the agreed score (default: the jurors' aggregate)")
    p.add_argument("--reason", help="why the agreed score differs from the aggregate")
    p.add_argument("--rapporteur", help="who drafts it (a juror's name or the secretariat)")
    p.add_argument("--meeting", type=int, help="the meeting it was agreed in")
    for name, help_text in (
        ("approve", "approve the consensus (every criterion needs a text)"),
        ("show", "show the consensus"),
    ):
        p = command(sub, name, cmd_consensus, write if name == "approve" else read, help_text)
        p.add_argument("--candidature", type=int, required=True)
        p.add_argument("--round", type=int, required=True, choices=(1, 2))


def add_meeting(commands: argparse._SubParsersAction, command: Maker) -> None:
    command, write = audited(command), WRITE
    group = commands.add_parser("meeting", help="the jury's meeting")
    sub = group.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)
    p = command(sub, "open", cmd_meeting, write, "open a meeting: attendance, chair, agenda")
    p.add_argument("--region", required=True)
    p.add_argument("--round", type=int, required=True, choices=(1, 2))
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    p.add_argument("--place", required=True)
    p.add_argument("--present", required=True, help="the jurors present: ids, comma-separated")
    p.add_argument("--chair", type=int)
    p.add_argument("--secretary", help="the secretary's name")
    p.add_argument(
        "--order",
        default="by_rank",
        choices=("by_rank", "disagreement_first", "conflicts_grouped"),
        help="the discussion order",
    )
    p = command(sub, "leave", cmd_meeting, write, "a juror leaves the room for a candidature")
    p.add_argument("--meeting", type=int, required=True)
    p.add_argument("--juror", type=int, required=True)
    p.add_argument("--candidature", type=int, required=True)
    p.add_argument("--reason", required=True)
    p = command(sub, "close", cmd_meeting, write, "close the meeting (its record is sealed)")
    p.add_argument("--meeting", type=int, required=True)


def add_meetings(commands: argparse._SubParsersAction, command: Maker) -> None:
    command = audited(command)
    p = command(commands, "meetings", cmd_meetings, READ, "a region's meetings")
    p.add_argument("--region", required=True)
