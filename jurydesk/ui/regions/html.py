"""The addendum of a region as readable HTML (for a QTextBrowser)."""

from __future__ import annotations

from html import escape

from jurydesk.i18n import _, format_long_date, format_long_datetime
from jurydesk.regions.spec import EventSpec, RegionSpec

CSS = """
body { font-size: 10.5pt; }
h1 { font-size: 16pt; margin-bottom: 2px; }
h2 { font-size: 12.5pt; margin-top: 16px; color: #1f4e79; }
h3 { font-size: 11pt; margin-bottom: 2px; }
p.muted { color: #555; }
td { padding: 4px 8px 4px 0; vertical-align: top; }
th { text-align: left; padding: 4px 8px 4px 0; background: #e8eef5; }
.tag { color: #1f4e79; font-weight: bold; }
.excl { color: #a4260b; }
"""


def _p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{escape(text)}</p>" if text else ""


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>" if items else ""


def _when(event: EventSpec) -> str:
    if event.kind == "days":
        firm = ", ".join(format_long_date(d) for d in event.days)
        extra = ", ".join(format_long_date(d) for d in event.possible_days)
        return firm + (f" ({_('possibly also')} {extra})" if extra else "")
    start = (
        format_long_date(event.start.date()) if event.all_day else format_long_datetime(event.start)
    )
    if event.kind == "period" and event.end is not None:
        return f"{start} – {format_long_date(event.end.date())}"
    if event.kind == "before":
        return f"{_('before')} {start}"
    if event.kind == "from":
        return f"{_('from')} {start}"
    return start


def region_html(spec: RegionSpec) -> str:
    parts = [
        f"<html><head><style>{CSS}</style></head><body>",
        f"<h1>{escape(spec.name)}</h1>",
        _p(spec.title, "muted"),
    ]
    if spec.werkingsgebied:
        parts.append(f"<p><b>{_('Region')}:</b> {escape(spec.werkingsgebied)}</p>")
    parts.append(f"<h2>{_('Region challenges')}</h2>{_p(spec.challenges_intro, 'muted')}")
    for c in spec.challenges:
        parts.append(
            f"<h3>{_('Challenge')} {c.number} — {_('persona')} "
            f"{escape(c.persona_text)}</h3>{_p(c.description)}{_list(c.questions)}"
        )
        parts.append(_p(c.remark))
    parts.append(f"<h2>{_('Needs and service types (arena analysis)')}</h2>")
    parts.append(_p(spec.arena_intro, "muted"))
    parts.append(f"<table><tr><th>{_('Need')}</th><th>{_('Service type')}</th></tr>")
    for n in spec.needs:
        parts.append(
            f"<tr><td><span class='tag'>{escape(n.need)}</span></td>"
            f"<td>{escape(n.service)}</td></tr>"
        )
    parts.append("</table>")
    if spec.enrichment:
        parts.append(f"<h2>{_('Enrichment session')}</h2>{_p(spec.enrichment_intro, 'muted')}")
        parts.append(f"<h3>{escape(spec.enrichment_heading)}</h3>{_list(spec.enrichment)}")
    if spec.local_input or spec.focus_expertise or spec.exclusions:
        parts.append(f"<h2>{_('Local choices')}</h2>")
        parts.extend(_p(t) for t in spec.local_input)
        if spec.focus_expertise:
            parts.append(_p(spec.focus_intro) + _list(spec.focus_expertise))
        if spec.exclusions:
            labels = ", ".join(escape(e.label) for e in spec.exclusions)
            parts.append(f"<p class='excl'><b>{_('Not funded')}:</b> {labels}</p>")
            parts.append(_p(spec.exclusions_text))
    parts.append(f"<h2>{_('Local timing')}</h2><table>")
    for e in spec.timeline:
        note = f"<br><i>{escape(e.note)}</i>" if e.note else ""
        parts.append(
            f"<tr><td><b>{escape(e.label)}</b></td><td>{escape(e.text)}</td>"
            f"<td class='muted'>{escape(_when(e))}{note}</td></tr>"
        )
    parts.append("</table>")
    parts.extend(_p(n, "muted") for n in spec.timeline_notes)
    parts.append(f"<h2>{_('Local contact persons')}</h2>{_p(spec.contacts_intro, 'muted')}<ul>")
    for p in spec.contacts:
        parts.append(
            f"<li>{escape(p.name)}, <a href='mailto:{escape(p.email)}'>"
            f"{escape(p.email)}</a>, {escape(p.phone)}</li>"
        )
    parts.append(f"</ul><h2>{_('Submitting a candidature')}</h2>")
    parts.append(_p(spec.submission.text))
    if spec.submission.subject:
        parts.append(f"<p><b>{_('Subject line')}:</b> {escape(spec.submission.subject)}</p>")
    parts.append("</body></html>")
    return "".join(parts)
