"""Every command of `jurydesk`, in the order --help lists them: its one-line help and the
function that adds its parser ("module:function" in jurydesk.cli, called with the commands'
sub-parsers and the command maker). Only the given command's builder is imported and run, so
`jurydesk regions` loads neither the other commands' modules nor the services behind them; the
top-level help lists them all from this table."""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    name: str
    builder: str
    help: str


C = Command
COMMANDS: tuple[Command, ...] = (
    C("init", "parser_basic:init", help="create the database with the bundled regions"),
    C("passphrase", "parser_basic:passphrase", help="set or change the secretariat's passphrase"),
    C("regions", "parser_basic:regions", help="list the regions"),
    C("region", "parser_basic:region", help="show or add a region"),
    C("template", "parser_basic:template", help="write an empty import template"),
    C("import", "parser_basic:imports", help="import data from a file"),
    C("candidatures", "parser_basic:candidatures", help="list a region's candidatures"),
    C(
        "candidature",
        "candidatures:add_candidature_commands",
        help="add or edit one candidature by hand",
    ),
    C(
        "documents",
        "parser_groups:documents",
        help="the documents of a candidature (the written proposal, annexes)",
    ),
    C("search", "parser_groups:search", help="search the text of every proposal"),
    C("mail", "mail:add_mail_commands", help="decision e-mails, receipts and the outbox"),
    C("print", "prints:add_print_commands", help="printable documents as PDF"),
    C("rubric", "parser_scoring:rubric", help="show or add a rubric"),
    C(
        "region-settings",
        "parser_scoring:region_settings",
        help="show or change a region's settings (all that Jury › Region settings sets)",
    ),
    C("jurors", "parser_scoring:jurors", help="list a region's jury"),
    C("juror", "parser_scoring:juror", help="add, edit or remove a juror; set their panels"),
    C("conflict", "parser_scoring:conflict", help="declare, lift or list conflicts of interest"),
    C(
        "declaration",
        "declarations:add_declaration",
        help="the jurors' declaration (verklaring op eer)",
    ),
    C("declarations", "declarations:add_declarations", help="who signed the declaration"),
    C(
        "jury-settings",
        "declarations:add_jury_settings",
        help="a region's minimum of finalised jurors per decision and the meeting's quorum",
    ),
    C(
        "progress",
        "declarations:add_progress",
        help="each juror's progress in a region and round",
    ),
    C("consensus", "meeting:add_consensus", help="the jury's consensus per candidature"),
    C("meeting", "meeting:add_meeting", help="the jury's meeting"),
    C("meetings", "meeting:add_meetings", help="a region's meetings"),
    C("score", "parser_scoring:score", help="save one score (committed at once)"),
    C("comment", "parser_scoring:comment", help="save a juror's overall comment"),
    C(
        "finalize",
        "parser_scoring:finalize",
        help="finalise (and lock) a juror's scores of a candidature",
    ),
    C(
        "reopen",
        "parser_scoring:reopen",
        help="reopen finalised scores (secretariat), with a reason",
    ),
    C("scores", "parser_scoring:scores", help="every score of a region and round"),
    C(
        "results",
        "parser_scoring:results",
        help="aggregated results, ranks and proposed outcomes",
    ),
    C("decide", "parser_scoring:decide", help="record a decision with its motivation"),
    C("note", "parser_scoring:note", help="set the jury's deliberation note on a candidature"),
    C("audit", "parser_scoring:audit", help="the audit log"),
    C("export", "parser_groups:export", help="write the workbook, letters or calendar"),
    C(
        "rebuttals",
        "parser_groups:rebuttals",
        help="the rebuttal (weerwoord) windows of a region",
    ),
    C("rebuttal", "parser_groups:rebuttal", help="record a received rebuttal or its outcome"),
    C("pack", "parser_groups:pack", help="juror packs and returns (offline scoring)"),
    C(
        "jury-quality",
        "parser_quality:jury_quality",
        help="agreement per criterion, leniency, spread and halo per juror, the funding line",
    ),
    C(
        "thresholds",
        "parser_quality:thresholds",
        help="show or set a round's minimum total and minimum per criterion",
    ),
    C(
        "tie-breaks",
        "parser_quality:tie_breaks",
        help="show or set the ordered tie-break rules (criterion:KEY ..., lottery last)",
    ),
    C(
        "draw-lots",
        "parser_quality:draw_lots",
        help="draw the region's lottery once, recorded in the audit log",
    ),
    C(
        "calibration",
        "parser_quality:calibration",
        help="show the anchors' spread per criterion, or set the anchor candidatures",
    ),
    C(
        "portfolio",
        "parser_basic:portfolio",
        help="coverage of the region's challenges and needs; a suggested selection",
    ),
    C(
        "portfolio-limits",
        "parser_basic:portfolio_limits",
        help="set a region's budget and maximum number of partners",
    ),
)
