"""The proces-verbaal (minutes) of a closed jury meeting, as PDF: attendance and quorum, the
declarations, per agenda item who left the room, the aggregate and the consensus per
criterion, the decision with its motivation, deviations and overrides with their reasons, the
audit head at closing, and the signature lines. Pages are numbered "pagina 2 van 5"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, Spacer
from sqlalchemy import select

from jurydesk.decisions.consensus import show as consensus
from jurydesk.decisions.guards import latest_guards
from jurydesk.decisions.meetings import MeetingInfo, meeting_info
from jurydesk.decisions.service import outcome_label
from jurydesk.errors import ScoringError
from jurydesk.i18n import _, format_long_date, format_long_datetime, format_number
from jurydesk.jury.declarations import declarations, how_label
from jurydesk.jury.service import role_label
from jurydesk.letters.fonts import FACES
from jurydesk.prints.jury_papers import _build, _p, _styles, _table
from jurydesk.store import Store
from jurydesk.store.meeting_models import ConsensusReport, ConsensusVersion, DecisionGuard
from jurydesk.store.models import Candidature, Decision
from jurydesk.timeutil import BRUSSELS


def _numbered(title: str) -> type[Canvas]:
    """A canvas that knows the page count when it writes each footer: "pagina 2 van 5"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FACES["normal"], 7.5)
                self.setFillColor(colors.HexColor("#666666"))
                self.drawString(15 * mm, 10 * mm, title)
                self.drawRightString(
                    A4[0] - 15 * mm,
                    10 * mm,
                    _("page {n} of {total}").format(n=self._pageNumber, total=total),
                )
                super().showPage()
            super().save()

    return NumberedCanvas


def _when(moment: datetime | None) -> str:
    return format_long_datetime(moment.astimezone(BRUSSELS)) if moment else ""


def _num(value: float | None) -> str:
    return "—" if value is None else format_number(value, 2)


def minutes_story(store: Store, meeting_id: int) -> tuple[list[Any], str]:
    s = _styles()
    with store.reader() as session:
        info = meeting_info(session, meeting_id)
        if not info.closed:
            raise ScoringError(
                _("meeting {id} is still open: close it before printing its minutes").format(
                    id=meeting_id
                )
            )
        ids = [i.candidature for i in info.agenda]
        names = dict(
            session.execute(
                select(Candidature.id, Candidature.organisation).where(Candidature.id.in_(ids))
            ).all()
        )
        decisions = {
            d.candidature_id: d
            for d in session.scalars(
                select(Decision).where(
                    Decision.candidature_id.in_(ids), Decision.round == info.round
                )
            )
        }
        guards = latest_guards(session, ids, info.round)
        views = {c: consensus(session, c, info.round) for c in ids}
        signed = declarations(session, info.region)
        later = list(
            session.scalars(
                select(DecisionGuard)
                .where(
                    DecisionGuard.candidature_id.in_(ids),
                    DecisionGuard.round == info.round,
                    DecisionGuard.recorded_at > info.closed_at,
                )
                .order_by(DecisionGuard.id)
            )
        )
        edits = session.execute(
            select(
                ConsensusReport.candidature_id,
                ConsensusVersion.criterion,
                ConsensusVersion.by,
                ConsensusVersion.at,
            )
            .join(ConsensusReport, ConsensusReport.id == ConsensusVersion.report_id)
            .where(
                ConsensusReport.candidature_id.in_(ids),
                ConsensusReport.round == info.round,
                ConsensusVersion.at > info.closed_at,
            )
            .order_by(ConsensusVersion.id)
        ).all()
    story: list[Any] = [
        _p(_("Minutes of the jury"), s["title"]),
        _p(
            _("{region} · round {round} · {date} · {place}").format(
                region=info.region_name,
                round=info.round,
                date=format_long_date(info.held_on),
                place=info.place,
            ),
            s["sub"],
        ),
    ]
    story += _attendance(info, s)
    story.append(_p(_("Declarations (verklaring op eer)"), s["h"]))
    rows: list[list[Any]] = [[_("Juror"), _("Signed"), _("How")]]
    for d in signed:
        rows.append(
            [d.name, _when(d.signed_at) or _("not signed"), how_label(d.how) if d.how else ""]
        )
    story.append(_table(rows, [70 * mm, 65 * mm, 45 * mm], s))
    story.append(_p(_("Agenda items"), s["h"]))
    for item in info.agenda:
        story.append(
            KeepTogether(_item(info, item, names, decisions, guards, views[item.candidature], s))
        )
    if later or edits:
        story.append(_p(_("Changes after the meeting closed"), s["h"]))
        for cand, key, by, at in edits:
            story.append(
                _p(
                    _(
                        "{when}: candidature {id}, consensus on '{criterion}' changed by {who}"
                    ).format(when=_when(at), id=cand, criterion=key, who=by),
                    s["body"],
                )
            )
        for g in later:
            story.append(
                _p(
                    _("{when}: candidature {id}, decision '{outcome}' recorded by {who}").format(
                        when=_when(g.recorded_at),
                        id=g.candidature_id,
                        outcome=outcome_label(g.outcome),
                        who=g.recorded_by,
                    ),
                    s["body"],
                )
            )
    story.append(_p(_("Audit record at closing"), s["h"]))
    story.append(
        _p(
            _(
                "Closed {when}. Audit head {head} ({n} events); check it against the database "
                "with: jurydesk audit verify --anchor {head}"
            ).format(when=_when(info.closed_at), head=info.audit_head, n=info.audit_count),
            s["small"],
        )
    )
    story += _signatures(info, s)
    title = (
        _("Minutes of the jury")
        + f" · {info.region_name} · "
        + _("round {round}").format(round=info.round)
    )
    return story, title


def _attendance(info: MeetingInfo, s: dict[str, Any]) -> list[Any]:
    rows: list[list[Any]] = [[_("Juror"), _("Role"), _("Organisation"), _("Attendance")]]
    for a in info.attendance:
        role = role_label(a.role)
        if a.juror == info.chair:
            role += " · " + _("chair")
        rows.append([a.name, role, a.organisation, _("present") if a.present else _("absent")])
    out: list[Any] = [
        _p(_("Attendance"), s["h"]),
        _table(rows, [55 * mm, 45 * mm, 50 * mm, 30 * mm], s),
        Spacer(1, 3 * mm),
        _p(
            _("Secretary: {name}").format(name=info.secretary or "—")
            + " · "
            + _("Quorum: {n} present, {quorum} needed: {state}").format(
                n=len(info.present),
                quorum=info.quorum,
                state=_("reached") if info.quorum_met else _("not reached"),
            ),
            s["body"],
        ),
    ]
    return out


def _item(
    info: MeetingInfo,
    item: Any,
    names: dict[int, str],
    decisions: dict[int, Decision],
    guards: dict[int, DecisionGuard],
    view: Any,
    s: dict[str, Any],
) -> list[Any]:
    out: list[Any] = [
        Paragraph(
            f"<b>{item.position}. {names.get(item.candidature, '')}</b> "
            f"({_('candidature')} {item.candidature})",
            s["body"],
        )
    ]
    lead = info.name(item.lead)
    if lead:
        out.append(_p(_("Lead juror: {name}").format(name=lead), s["small"]))
    for leave in item.leaves:
        out.append(
            _p(
                _("{name} left the room for this item: {reason}").format(
                    name=leave.name, reason=leave.reason
                ),
                s["small"],
            )
        )
    rows: list[list[Any]] = [[_("Criterion"), _("Aggregate"), _("Consensus"), _("Consensus text")]]
    for line in view.lines:
        text = line.text + (f" ({_('reason')}: {line.reason})" if line.reason else "")
        rows.append([line.label, _num(line.aggregate), _num(line.agreed), text])
    out.append(_table(rows, [45 * mm, 22 * mm, 24 * mm, 89 * mm], s))
    state = _("approved by {who}").format(who=view.approved_by) if view.approved else _("draft")
    out.append(_p(_("Consensus: {state}").format(state=state), s["small"]))
    decision = decisions.get(item.candidature)
    if decision is None:
        out.append(_p(_("Decision: not decided"), s["body"]))
    else:
        out.append(
            _p(
                _("Decision: {outcome}. Motivation: {motivation}").format(
                    outcome=outcome_label(decision.outcome), motivation=decision.motivation
                ),
                s["body"],
            )
        )
    guard = guards.get(item.candidature)
    if guard is not None and guard.deviation_reason:
        out.append(
            _p(
                _("Departs from the proposed outcome ({proposed}): {reason}").format(
                    proposed=outcome_label(guard.proposed), reason=guard.deviation_reason
                ),
                s["body"],
            )
        )
    if guard is not None and guard.override_reason:
        out.append(
            _p(
                _("Decided with {n} finalised jurors, fewer than required: {reason}").format(
                    n=guard.finalised, reason=guard.override_reason
                ),
                s["body"],
            )
        )
    out.append(Spacer(1, 4 * mm))
    return out


def _signatures(info: MeetingInfo, s: dict[str, Any]) -> list[Any]:
    chair = info.name(info.chair) or "—"
    rows: list[list[Any]] = [
        [_("The chair"), _("The secretary")],
        [f"\n\n\n{chair}", f"\n\n\n{info.secretary or '—'}"],
    ]
    return [Spacer(1, 8 * mm), _table(rows, [90 * mm, 90 * mm], s)]


def minutes_pdf(store: Store, meeting_id: int, out: Path) -> Path:
    story, title = minutes_story(store, meeting_id)
    return _build(out, story, title, A4, canvasmaker=_numbered(title))
