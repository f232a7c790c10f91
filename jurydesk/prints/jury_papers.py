"""The ranking, the running order and the paper score sheet, laid out with reportlab in the
letters' font (DejaVu Sans: every name prints, Şükrü and Дарина included)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from jurydesk.atomic import atomic_path
from jurydesk.decisions.service import outcome_label
from jurydesk.errors import ScoringError
from jurydesk.i18n import _, format_long_date, format_long_datetime, format_number
from jurydesk.jury.service import list_jurors
from jurydesk.labels import method_label
from jurydesk.letters.fonts import FACES, register_fonts
from jurydesk.pitch.schedule import running_order
from jurydesk.regions.service import region_detail
from jurydesk.results.ranking import compute_results
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.store import Store
from jurydesk.store.models import Candidature, Juror
from jurydesk.timeutil import BRUSSELS

GRID = colors.HexColor("#999999")
HEAD = colors.HexColor("#E3EDF7")


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FACES["normal"], fontSize=9.5, leading=12)
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName=FACES["bold"], fontSize=15, leading=19, spaceAfter=4
        ),
        "sub": ParagraphStyle(
            "sub", parent=body, textColor=colors.HexColor("#555555"), spaceAfter=8
        ),
        "h": ParagraphStyle(
            "h",
            parent=body,
            fontName=FACES["bold"],
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        "small": ParagraphStyle(
            "small", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#444444")
        ),
    }


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _table(rows: list[list[Any]], widths: list[float], styles: dict[str, ParagraphStyle]) -> Table:
    cells = [[c if isinstance(c, Paragraph) else _p(c, styles["cell"]) for c in r] for r in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _write(out: Path, story: list[Any], title: str, pagesize: tuple[float, float] = A4) -> Path:
    stamp = _("Printed {moment}").format(moment=format_long_datetime(datetime.now(BRUSSELS)))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FACES["normal"], 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(15 * mm, 10 * mm, f"{title} · {stamp}")
        canvas.drawRightString(
            pagesize[0] - 15 * mm, 10 * mm, _("page {n}").format(n=canvas.getPageNumber())
        )
        canvas.restoreState()

    return _build(out, story, title, pagesize, onFirstPage=footer, onLaterPages=footer)


def _build(
    out: Path, story: list[Any], title: str, pagesize: tuple[float, float], **build: Any
) -> Path:
    """Write the story to out, all or nothing, on the prints' margins; build goes to doc.build
    (the page decorations)."""
    with atomic_path(Path(out)) as target:
        doc = SimpleDocTemplate(
            str(target),
            pagesize=pagesize,
            title=title,
            author="JuryDesk",
            creator="JuryDesk",
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=18 * mm,
        )
        doc.build(story, **build)
    return Path(out)


def ranking_pdf(store: Store, slug: str, round_: int, out: Path) -> Path:
    """The ranking of a round under the region's method, with every method beside it."""
    styles = _styles()
    with store.reader() as session:
        spec = region_detail(session, slug)
        results = compute_results(session, slug, round_)
    title = _("Ranking {region}, round {round}").format(region=spec.name, round=round_)
    head = [
        _("Rank"),
        _("No."),
        _("Organisation"),
        *(method_label(m) for m in ("mean", "median", "trimmed", "zscore")),
        _("Spread (sd)"),
        _("Signals"),
        _("Proposal"),
        _("Decision"),
    ]
    rows: list[list[Any]] = [head]
    for r in results.results:
        signals = [_("disagreement")] if r.disagreement else []
        signals += [_("knock-out: {c}").format(c=k) for k in r.knockout]
        if r.missing:
            signals.append(_("{n} missing").format(n=len(r.missing)))
        rows.append(
            [
                r.rank or "—",
                r.candidature,
                r.organisation,
                *(
                    format_number(v) if v is not None else "—"
                    for v in (r.mean, r.median, r.trimmed_mean, r.zscore)
                ),
                format_number(r.stdev),
                ", ".join(signals),
                outcome_label(r.proposed),
                outcome_label(r.decision) if r.decision else "",
            ]
        )
    widths = [w * mm for w in (12, 10, 46, 24, 20, 28, 16, 22, 37, 26, 26)]  # 267 mm
    story = [
        _p(title, styles["title"]),
        _p(
            _(
                "Method of the region: {method}. Candidatures without one complete juror total "
                "are not ranked."
            ).format(method=method_label(results.method)),
            styles["sub"],
        ),
        _table(rows, widths, styles),
    ]
    return _write(out, story, title, landscape(A4))


def running_order_pdf(store: Store, slug: str, out: Path) -> Path:
    styles = _styles()
    with store.reader() as session:
        spec = region_detail(session, slug)
        order = running_order(session, slug)
        jury = [j.name for j in list_jurors(session, slug) if 2 in j.rounds]
    title = _("Pitch running order {region}").format(region=spec.name)
    s = order.settings
    story: list[Any] = [
        _p(title, styles["title"]),
        _p(
            _(
                "{presentation} min presentation, {questions} min questions, {changeover} min "
                "changeover; break at {pause} ({minutes} min). Place: {place}"
            ).format(
                presentation=s.presentation_minutes,
                questions=s.questions_minutes,
                changeover=s.changeover_minutes,
                pause=s.break_start,
                minutes=s.break_minutes,
                place=s.place or "—",
            ),
            styles["sub"],
        ),
    ]
    first = True
    for day in order.days:
        slots = [x for x in order.slots if x.day == day]
        if not slots:
            continue
        if not first:
            story.append(PageBreak())  # a page per pitch day, to hang at the door
        first = False
        story.append(_p(format_long_date(day), styles["h"]))
        story.append(
            _p(_("Jury present: {names}").format(names=", ".join(jury) or "—"), styles["small"])
        )
        rows: list[list[Any]] = [[_("From"), _("Until"), _("No."), _("Organisation"), _("Remarks")]]
        rows += [
            [f"{x.start:%H:%M}", f"{x.end:%H:%M}", x.candidature, x.organisation, ""] for x in slots
        ]
        story.append(_table(rows, [18 * mm, 18 * mm, 14 * mm, 80 * mm, 50 * mm], styles))
    if order.overflow:
        story.append(
            _p(
                _("Did not fit on the pitch days: {list}").format(
                    list=", ".join(str(c) for c in order.overflow)
                ),
                styles["body"],
            )
        )
    if not order.slots:
        story.append(_p(_("No pitches planned yet."), styles["body"]))
    return _write(out, story, title)


def score_sheet_pdf(
    store: Store, slug: str, candidature: int, round_: int, out: Path, juror: int | None = None
) -> Path:
    """A paper score sheet for one candidature: every criterion with its guidance and scale,
    a box for the score and lines for the motivation (a fallback on pitch day)."""
    styles = _styles()
    with store.reader() as session:
        cand = session.get(Candidature, candidature)
        if cand is None:
            raise ScoringError(_("no candidature with id {id}").format(id=candidature))
        spec = region_detail(session, slug)
        rubric = rubric_for(session, slug).round(round_)
        name = session.get(Juror, juror).name if juror and session.get(Juror, juror) else ""
    title = _("Score sheet round {round}: {organisation}").format(
        round=round_, organisation=cand.organisation
    )
    story: list[Any] = [
        _p(title, styles["title"]),
        _p(f"{cand.id}. {cand.title} — {spec.name}", styles["sub"]),
        _table(
            [[_("Juror"), _("Date"), _("Signature")], [name or " ", " ", " "]],
            [70 * mm, 40 * mm, 70 * mm],
            styles,
        ),
        Spacer(1, 4 * mm),
    ]
    for criterion in rubric.criteria:
        scale = " · ".join(f"{k} {v}" for k, v in sorted(criterion.labels.items()))
        block = [
            _p(
                f"{criterion.label} ({criterion.min}–{criterion.max}"
                + (_(", halves allowed") if criterion.half_points else "")
                + ")",
                styles["h"],
            ),
        ]
        if criterion.guidance:
            block.append(_p(criterion.guidance, styles["small"]))
        if scale:
            block.append(_p(scale, styles["small"]))
        lines = Table(
            [[_p(_("Score:"), styles["cell"]), "", _p(_("Motivation:"), styles["cell"])]]
            + [["", "", ""]] * 3,
            colWidths=[16 * mm, 20 * mm, 144 * mm],
            rowHeights=[8 * mm] * 4,
        )
        lines.setStyle(
            TableStyle(
                [
                    ("BOX", (1, 0), (1, 0), 0.8, colors.black),
                    ("LINEBELOW", (2, 0), (2, -1), 0.4, GRID),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        block.append(lines)
        story.append(KeepTogether(block))
    story.append(_p(_("Overall comment:"), styles["h"]))
    story.append(
        Table(
            [[""]] * 4,
            colWidths=[180 * mm],
            rowHeights=[8 * mm] * 4,
            style=[("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID)],
        )
    )
    return _write(out, story, title)
