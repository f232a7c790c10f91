"""The region's needs beside the rubric: challenges, needs and services, what is not funded,
the expertise sought; what the candidature claims is highlighted."""

from __future__ import annotations

from html import escape

from jurydesk.i18n import _
from jurydesk.regions.spec import RegionSpec

CSS = """
body { font-size: 10pt; }
h2 { font-size: 11.5pt; color: #1f4e79; margin: 10px 0 4px 0; }
h3 { font-size: 10.5pt; margin: 6px 0 2px 0; }
td { padding: 3px 6px 3px 0; vertical-align: top; }
th { text-align: left; padding: 3px 6px 3px 0; background: #e8eef5; }
.claimed { background: #fff2c6; }
.mark { color: #7a5a00; font-weight: bold; }
.excl { color: #a4260b; }
"""


def needs_html(spec: RegionSpec, challenges: list[int], services: list[str]) -> str:
    claimed = f' <span class="mark">◀ {escape(_("claimed"))}</span>'
    parts = [f"<style>{CSS}</style>", f"<h2>{escape(_('Region challenges'))}</h2>"]
    for c in spec.challenges:
        mine = c.number in challenges
        cls = ' class="claimed"' if mine else ""
        personas = c.persona_text or ", ".join(c.personas)
        parts.append(
            f"<div{cls}><h3>{c.number}. {escape(personas)}"
            f"{claimed if mine else ''}</h3><p>{escape(c.description)}</p>"
        )
        if c.questions:
            parts.append("<ul>" + "".join(f"<li>{escape(q)}</li>" for q in c.questions) + "</ul>")
        parts.append("</div>")
    parts.append(
        f"<h2>{escape(_('Needs and services'))}</h2><table width='100%'>"
        f"<tr><th>{escape(_('Need'))}</th><th>{escape(_('Service'))}</th></tr>"
    )
    for need in spec.needs:
        mine = need.key in services
        cls = ' class="claimed"' if mine else ""
        parts.append(
            f"<tr{cls}><td>{escape(need.need)}</td><td>{escape(need.service)}"
            f"{claimed if mine else ''}</td></tr>"
        )
    parts.append("</table>")
    if spec.exclusions:
        parts.append(f"<h2>{escape(_('Not funded in this region'))}</h2><ul>")
        for e in spec.exclusions:
            mine = e.key in services
            parts.append(
                f"<li class='excl'>{escape(e.label)}"
                f"{' — ' + escape(_('claimed by this candidature')) if mine else ''}</li>"
            )
        parts.append("</ul>")
    if spec.focus_expertise:
        parts.append(
            f"<h2>{escape(_('Expertise sought'))}</h2><ul>"
            + "".join(f"<li>{escape(x)}</li>" for x in spec.focus_expertise)
            + "</ul>"
        )
    return "".join(parts)
