"""The one-page jury-quality report of a region and round, for the chair: agreement per
criterion, the jurors' leniency as a dot plot with spread and halo, the rank intervals as a
forest plot with the funding line. Charts are reportlab's own graphics (vector, no images)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from jurydesk.i18n import _, format_number
from jurydesk.labels import method_label
from jurydesk.letters.fonts import FACES
from jurydesk.prints.jury_papers import _p, _styles, _table, _write
from jurydesk.regions.service import region_detail
from jurydesk.results.labels import flag_label, reading_label
from jurydesk.results.quality import Quality, compute_quality
from jurydesk.store import Store

WIDTH = A4[0] - 30 * mm
INK, GRID = colors.HexColor("#1f4e79"), colors.HexColor("#b0b0b0")
GOOD, FAIR, WEAK = (
    colors.HexColor("#2e7d32"),
    colors.HexColor("#c77c02"),
    colors.HexColor("#a4260b"),
)
BAND = colors.HexColor("#fff1d6")


def _label(d: Drawing, x: float, y: float, text: str, size: float = 7, anchor: str = "end") -> None:
    d.add(String(x, y, text, fontName=FACES["normal"], fontSize=size, textAnchor=anchor))


def _tick(
    d: Drawing,
    at: float,
    bottom: float,
    top: float,
    text: str,
    dash: list[float] | None,
    width: float = 0.5,
) -> None:
    """A vertical grid line of the axis from bottom to top, its value centred under the axis."""
    d.add(Line(at, bottom, at, top, strokeColor=GRID, strokeWidth=width, strokeDashArray=dash))
    _label(d, at, 2, text, anchor="middle")


def _fit(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


def alpha_drawing(q: Quality) -> Drawing:
    items = [(a.label, a.agreement) for a in q.criteria] + [
        (_("Weighted total"), q.total.agreement)
    ]
    row, left, right = 11.0, 62 * mm, WIDTH - 14 * mm
    height = row * (len(items) + 1.5)
    d = Drawing(WIDTH, height)

    def x(v: float) -> float:
        return left + (right - left) * (max(-0.2, min(1.0, v)) + 0.2) / 1.2

    for guide, text in ((0.0, "0"), (0.667, "0,667"), (0.8, "0,8"), (1.0, "1")):
        _tick(d, x(guide), row, height, text, None if guide == 0 else [2, 2])
    for i, (label, alpha) in enumerate(items):
        y = height - row * (i + 1)
        _label(d, left - 4, y + 2, _fit(label, 44))
        if alpha is not None:
            colour = GOOD if alpha >= 0.8 else FAIR if alpha >= 0.667 else WEAK
            start, end = sorted((x(0.0), x(alpha)))
            d.add(
                Rect(start, y, max(end - start, 1), row * 0.65, fillColor=colour, strokeColor=None)
            )
        _label(
            d, right + 3, y + 2, "—" if alpha is None else format_number(alpha, 2), anchor="start"
        )
    return d


def leniency_drawing(q: Quality) -> Drawing:
    row, left, right = 11.0, 42 * mm, WIDTH - 52 * mm
    height = row * (len(q.jurors) + 1.5)
    d = Drawing(WIDTH, height)

    def x(v: float) -> float:
        return left + (right - left) * (max(-30.0, min(30.0, v)) + 30) / 60

    d.add(
        Rect(
            x(-10),
            row,
            x(10) - x(-10),
            height - row,
            fillColor=colors.HexColor("#eef3f8"),
            strokeColor=None,
        )
    )
    for guide in (-30, -20, -10, 0, 10, 20, 30):
        _tick(
            d,
            x(guide),
            row,
            height,
            f"{guide:+d}" if guide else "0",
            None if guide == 0 else [1, 2],
        )
    for i, j in enumerate(q.jurors):
        y = height - row * (i + 1)
        _label(d, left - 4, y + 2, _fit(j.name, 30))
        note = _("spread {s} · halo {h}").format(
            s="—" if j.spread is None else format_number(j.spread, 2),
            h="—" if j.halo is None else format_number(j.halo, 2),
        )
        _label(d, right + 6, y + 2, note, anchor="start")
        if j.leniency is not None:
            d.add(
                Circle(
                    x(j.leniency), y + 4, 3, fillColor=WEAK if j.flags else INK, strokeColor=None
                )
            )
    return d


def forest_drawing(q: Quality) -> Drawing:
    ranked = [r for r in q.results.results if r.rank is not None]
    n = max(len(ranked), 1)
    row = min(10.0, 260.0 / n)
    left, right = 62 * mm, WIDTH - 6 * mm
    height = row * (len(ranked) + 1.5)
    d = Drawing(WIDTH, height)

    def x(rank: float) -> float:
        return left + (right - left) * (rank - 0.5) / n

    for i, r in enumerate(ranked):
        if r.at_funding_line:
            y = height - row * (i + 1)
            d.add(Rect(0, y - row * 0.2, WIDTH, row, fillColor=BAND, strokeColor=None))
    for rank in range(1, n + 1):
        if rank == 1 or rank % 5 == 0 or rank == n:
            _tick(d, x(rank), row, height, str(rank), [1, 2], width=0.4)
    for i, r in enumerate(ranked):
        y = height - row * (i + 1) + row * 0.3
        _label(d, left - 4, y - 2, _fit(f"{r.rank}. {r.organisation}", 44), size=min(7, row - 1))
        out = bool(r.knockout or r.below)
        colour = GRID if out else (FAIR if r.at_funding_line else INK)
        if r.rank_low is not None and r.rank_high is not None:
            d.add(Line(x(r.rank_low), y, x(r.rank_high), y, strokeColor=colour, strokeWidth=2))
        d.add(Circle(x(r.rank), y, 2.2, fillColor=colour, strokeColor=None))
    if 0 < q.places_in < len(ranked):
        at = x(q.places_in + 0.5)
        d.add(Line(at, row, at, height, strokeColor=WEAK, strokeWidth=1, strokeDashArray=[3, 2]))
    return d


def quality_pdf(store: Store, slug: str, round_: int, out: Path) -> Path:
    styles = _styles()
    with store.reader() as session:
        spec = region_detail(session, slug)
        q = compute_quality(session, slug, round_)
    title = _("Jury quality {region}, round {round}").format(region=spec.name, round=round_)
    weak = [a.label for a in q.criteria if a.reading == "weak"]
    flags = [(j.name, "; ".join(flag_label(f) for f in j.flags)) for j in q.jurors if j.flags]
    at_line = [f"{r.candidature}. {r.organisation}" for r in q.results.results if r.at_funding_line]
    story: list[Any] = [
        _p(title, styles["title"]),
        _p(
            _(
                "Method {method}; {n} ranked candidatures, {k} proposed in. For the chair and "
                "the secretariat: never in letters or packs. Definitions: docs/quality.md."
            ).format(
                method=method_label(q.method),
                n=sum(r.rank is not None for r in q.results.results),
                k=q.places_in,
            ),
            styles["sub"],
        ),
        _p(_("Agreement per criterion (Krippendorff's alpha, interval)"), styles["h"]),
        alpha_drawing(q),
        _p(
            _("Weighted total: {reading}.").format(reading=reading_label(q.total.reading))
            + (" " + _("Weak: {list}.").format(list=", ".join(weak)) if weak else ""),
            styles["small"],
        ),
        _p(_("Leniency per juror (points on 100 beside the other jurors)"), styles["h"]),
        leniency_drawing(q),
    ]
    if flags:
        story.append(
            _table(
                [[_("Juror"), _("Reading")], *[[n, t] for n, t in flags]],
                [55 * mm, WIDTH - 55 * mm],
                styles,
            )
        )
    story += [
        _p(
            _("Rank intervals (5th-95th percentile of 1,000 resamplings of the jurors)"),
            styles["h"],
        ),
        forest_drawing(q),
        _p(
            _("At the funding line: {list}").format(list=", ".join(at_line) or _("none")),
            styles["small"],
        ),
    ]
    return _write(out, story, title, A4)
