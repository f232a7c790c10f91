"""The details of one candidature as HTML, with attachments as links."""

from __future__ import annotations

from html import escape

from jurydesk.candidatures.service import CandidatureRow
from jurydesk.i18n import _, format_long_datetime
from jurydesk.labels import flag_label
from jurydesk.regions.spec import RegionSpec


def _euro(amount: object) -> str:
    from babel.numbers import format_currency

    return format_currency(amount, "EUR", locale="nl_BE")  # type: ignore[arg-type]


def candidature_html(row: CandidatureRow, region: RegionSpec) -> str:
    challenges = {c.number: c for c in region.challenges}
    services = {n.key: n.need for n in region.needs} | {e.key: e.label for e in region.exclusions}
    excluded = {e.key for e in region.exclusions}
    lines = [f"<h2>{escape(row.organisation)}</h2><p><b>{escape(row.title)}</b></p>"]
    if row.status == "withdrawn":
        lines.append(
            f"<p style='color:#a4260b'><b>⊘ {_('Withdrawn')}:</b> {escape(row.withdrawn_reason)}"
            "</p>"
        )
    if row.flags:
        flags = ", ".join(escape(flag_label(f)) for f in row.flags)
        lines.append(f"<p style='color:#a4260b'><b>{_('Attention')}:</b> {flags}</p>")
    facts = [
        (_("Contact person"), escape(row.contact)),
        (_("E-mail"), f"<a href='mailto:{escape(row.email)}'>{escape(row.email)}</a>"),
        (_("Phone"), escape(row.phone) or "—"),
        (_("Postal address"), escape(row.address).replace("\n", "<br>") or "—"),
        (_("Received at"), escape(format_long_datetime(row.received_at))),
        (_("Channel"), escape(row.channel) or "—"),
        (
            _("Requested budget"),
            escape(_euro(row.requested_budget)) if row.requested_budget is not None else "—",
        ),
    ]
    lines.append(
        "<table>"
        + "".join(
            f"<tr><td style='padding-right:12px'><b>{k}</b></td><td>{v}</td></tr>" for k, v in facts
        )
        + "</table>"
    )
    if row.summary:
        lines.append(f"<h3>{_('Summary')}</h3><p>{escape(row.summary)}</p>")
    lines.append(f"<h3>{_('Region challenges')}</h3>")
    if row.challenges:
        lines.append(
            "<ul>"
            + "".join(
                f"<li>{n} — {escape(challenges[n].persona_text) if n in challenges else '?'}</li>"
                for n in row.challenges
            )
            + "</ul>"
        )
    else:
        lines.append(f"<p>{_('none')}</p>")
    lines.append(f"<h3>{_('Service types')}</h3>")
    if row.services:
        items = []
        for key in row.services:
            label = escape(services.get(key, key))
            if key in excluded:
                label += f" <span style='color:#a4260b'>({_('not funded in this region')})</span>"
            items.append(f"<li>{label}</li>")
        lines.append("<ul>" + "".join(items) + "</ul>")
    else:
        lines.append(f"<p>{_('none')}</p>")
    if row.attachments:  # paths of an earlier version that could not be copied in
        lines.append(f"<h3>{_('Files not found when the documents moved in')}</h3><ul>")
        lines += [f"<li>{escape(item)}</li>" for item in row.attachments]
        lines.append("</ul>")
    return "".join(lines)
