"""The arguments of the rubric, jury, scoring, decision and audit commands. One function per
command (see cli/commands.py); the writing ones take --actor; the commands' functions are
named, not imported."""

from __future__ import annotations

import argparse

from jurydesk.cli.modes import READ, WRITE, Maker, audited
from jurydesk.cli.parser_groups import region_settings_options


def rubric(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    group = commands.add_parser("rubric", help="show or add a rubric")
    rubric_sub = group.add_subparsers(dest="rubric_command", metavar="ACTION", required=True)
    p = scoring_command(
        rubric_sub, "show", "scoring:cmd_rubric_show", READ, "show the rubric (of a region)"
    )
    p.add_argument("--region")
    p = scoring_command(
        rubric_sub, "add", "scoring:cmd_rubric_add", WRITE, "add a rubric from its file"
    )
    p.add_argument("file")
    p.add_argument("--replace", action="store_true")


def region_settings(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    p = scoring_command(
        commands,
        "region-settings",
        "regions:cmd_region_settings",
        WRITE,
        "show or change a region's settings (all that Jury › Region settings sets)",
    )
    region_settings_options(p)


def jurors(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    p = scoring_command(commands, "jurors", "scoring:cmd_jurors", READ, "list a region's jury")
    p.add_argument("--region", required=True)


def juror(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    group = commands.add_parser("juror", help="add, edit or remove a juror; set their panels")
    juror_sub = group.add_subparsers(dest="juror_command", metavar="ACTION", required=True)
    p = scoring_command(
        juror_sub, "add", "scoring:cmd_juror_add", WRITE, "add a juror to a region's panel"
    )
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=("vdab", "lokaal_bestuur", "expert", "other"))
    p.add_argument("--region", required=True)
    p.add_argument(
        "--round",
        type=int,
        action="append",
        choices=(1, 2),
        help="panel round (repeat; default both)",
    )
    p.add_argument("--organisation")
    p.add_argument("--email")
    p = scoring_command(
        juror_sub, "edit", "jury:cmd_juror_edit", WRITE, "change a juror's name, role, …"
    )
    p.add_argument("id", type=int)
    p.add_argument("--name")
    p.add_argument("--role", choices=("vdab", "lokaal_bestuur", "expert", "other"))
    p.add_argument("--organisation")
    p.add_argument("--email")
    p = scoring_command(
        juror_sub, "remove", "jury:cmd_juror_remove", WRITE, "remove a juror without scores"
    )
    p.add_argument("id", type=int)
    p = scoring_command(
        juror_sub,
        "panels",
        "jury:cmd_juror_panels",
        WRITE,
        "put a juror on exactly these rounds of a region (none: off the region's panels)",
    )
    p.add_argument("id", type=int)
    p.add_argument("--region", required=True)
    p.add_argument("--round", type=int, action="append", choices=(1, 2), help="repeat")
    p = scoring_command(
        juror_sub, "pin", "jury:cmd_juror_pin", WRITE, "set a juror's PIN (6 to 8 digits)"
    )
    p.add_argument("id", type=int)
    p.add_argument("new_pin", metavar="PIN")


def conflict(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    group = commands.add_parser("conflict", help="declare, lift or list conflicts of interest")
    conflict_sub = group.add_subparsers(dest="conflict_command", metavar="ACTION", required=True)
    p = scoring_command(
        conflict_sub,
        "add",
        "scoring:cmd_conflict_add",
        WRITE,
        "declare a juror's conflict of interest with a candidature",
    )
    p.add_argument("--juror", type=int, required=True)
    p.add_argument("--candidature", type=int, required=True)
    p.add_argument("--reason", required=True)
    p = scoring_command(
        conflict_sub, "lift", "jury:cmd_conflict_lift", WRITE, "lift a conflict of interest"
    )
    p.add_argument("--juror", type=int, required=True)
    p.add_argument("--candidature", type=int, required=True)
    p.add_argument("--reason", required=True)
    p = scoring_command(
        conflict_sub, "list", "jury:cmd_conflict_list", READ, "a region's conflicts of interest"
    )
    p.add_argument("--region", required=True)


def _target(p: argparse.ArgumentParser) -> None:
    p.add_argument("--juror", type=int, required=True)
    p.add_argument("--candidature", type=int, required=True)
    p.add_argument("--round", type=int, required=True, choices=(1, 2))
    p.add_argument("--pin", help="the juror's PIN (or JURYDESK_PIN; else it is asked)")


def score(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    p = scoring_command(
        commands, "score", "scoring:cmd_score", WRITE, "save one score (committed at once)"
    )
    _target(p)
    p.add_argument("--criterion", required=True)
    p.add_argument("--value", required=True)
    p.add_argument("--motivation")


def comment(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    p = scoring_command(
        commands, "comment", "scoring:cmd_comment", WRITE, "save a juror's overall comment"
    )
    _target(p)
    p.add_argument("text")


def finalize(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    p = scoring_command(
        commands,
        "finalize",
        "scoring:cmd_finalize",
        WRITE,
        "finalise (and lock) a juror's scores of a candidature",
    )
    _target(p)


def reopen(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    p = scoring_command(
        commands,
        "reopen",
        "scoring:cmd_reopen",
        WRITE,
        "reopen finalised scores (secretariat), with a reason",
    )
    _target(p)
    p.add_argument("--reason", required=True)


def scores(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    p = scoring_command(
        commands, "scores", "scoring:cmd_scores", READ, "every score of a region and round"
    )
    p.add_argument("--region", required=True)
    p.add_argument("--round", type=int, required=True, choices=(1, 2))


def results(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    p = scoring_command(
        commands,
        "results",
        "scoring:cmd_results",
        READ,
        "aggregated results, ranks and proposed outcomes",
    )
    p.add_argument("--region", required=True)
    p.add_argument("--round", type=int, required=True, choices=(1, 2))
    p.add_argument("--method", choices=("mean", "median", "trimmed", "zscore"))


def decide(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    p = scoring_command(
        commands, "decide", "scoring:cmd_decide", WRITE, "record a decision with its motivation"
    )
    p.add_argument(
        "--criterion-text",
        action="append",
        metavar="KEY=TEXT",
        help="the text the letter prints under a criterion (the jury's agreed text; repeat; "
        "KEY= drops it; without this option the texts recorded before stay)",
    )
    p.add_argument("--candidature", type=int, required=True)
    p.add_argument("--round", type=int, required=True, choices=(1, 2))
    p.add_argument(
        "--outcome", required=True, choices=("shortlisted", "selected", "not_selected", "reserve")
    )
    p.add_argument("--motivation", required=True)
    p.add_argument("--communicated", help="the date the decision is communicated")
    p.add_argument(
        "--override-reason",
        default="",
        help="why the jury decides with fewer finalised jurors than the region's minimum",
    )
    p.add_argument(
        "--deviation-reason",
        default="",
        help="why the decision differs from the proposed outcome",
    )
    p.add_argument("--meeting", type=int, help="the open meeting that takes the decision")


def note(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    p = scoring_command(
        commands,
        "note",
        "scoring:cmd_note",
        WRITE,
        "set the jury's deliberation note on a candidature",
    )
    p.add_argument("--candidature", type=int, required=True)
    p.add_argument("text")


def audit(commands: argparse._SubParsersAction, command: Maker) -> None:
    scoring_command = audited(command)
    group = commands.add_parser("audit", help="the audit log")
    audit_sub = group.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = scoring_command(
        audit_sub,
        "verify",
        "audit:cmd_audit_verify",
        READ,
        "check that no audit event was edited, removed or reordered",
    )
    p.add_argument(
        "--anchor", metavar="HEAD", help="a head written down earlier (jurydesk audit head)"
    )
    scoring_command(
        audit_sub,
        "head",
        "audit:cmd_audit_head",
        READ,
        "the chain's head hash, to write down outside the database",
    )
