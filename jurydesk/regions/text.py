"""A region as plain text, in the addendum's order, with every section the app shows
(`jurydesk region show`): title, werkingsgebied, challenges, needs, enrichment, local choices
(local input, sought expertise, exclusions), timing with its notes (Dijleland+'s deviation),
contacts and the way to submit."""

from __future__ import annotations

import textwrap

from jurydesk.i18n import _
from jurydesk.regions.spec import RegionSpec

WIDTH = 100


def _wrap(text: str, width: int, **kwargs: str) -> list[str]:
    """Lines that never break inside a word ('e-mail', an address)."""
    return textwrap.wrap(
        text,
        width,
        break_on_hyphens=False,
        break_long_words=False,
        **kwargs,  # type: ignore[arg-type]
    )


def _para(text: str, indent: str = "") -> list[str]:
    if not text.strip():
        return []
    return _wrap(
        " ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent
    ) or [indent]


def _bullets(items: list[str], indent: str = "  ") -> list[str]:
    out: list[str] = []
    for item in items:
        out += _wrap(
            " ".join(item.split()),
            WIDTH,
            initial_indent=f"{indent}• ",
            subsequent_indent=f"{indent}  ",
        )
    return out


def region_text(spec: RegionSpec) -> str:
    lines = [f"{spec.name} ({spec.slug})", *_para(spec.title)]
    if spec.werkingsgebied:
        lines += ["", f"{_('Region')}: {spec.werkingsgebied}"]
    if spec.municipalities:
        lines += _para(", ".join(spec.municipalities), "  ")
    lines += ["", f"== {_('Region challenges')} ==", *_para(spec.challenges_intro)]
    for c in spec.challenges:
        lines += [
            "",
            f"{_('Challenge')} {c.number} — {c.persona_text}",
            *_para(c.description, "  "),
            *_bullets(c.questions),
            *_para(c.remark, "  "),
        ]
    lines += [
        "",
        f"== {_('Needs and service types (arena analysis)')} ==",
        *_para(spec.arena_intro),
    ]
    for n in spec.needs:
        lines += [f"  [{n.key}] {n.need}", *_para(n.service, "      ")]
    if spec.enrichment:
        lines += [
            "",
            f"== {_('Enrichment session')} ==",
            *_para(spec.enrichment_intro),
            *_para(spec.enrichment_heading),
            *_bullets(spec.enrichment),
        ]
    if spec.local_input or spec.focus_expertise or spec.exclusions:
        lines += ["", f"== {_('Local choices')} =="]
        lines += _bullets(spec.local_input, "")
        if spec.focus_expertise:
            lines += [*_para(spec.focus_intro), *_bullets(spec.focus_expertise)]
        if spec.exclusions:
            lines += [f"{_('Not funded')}: " + ", ".join(e.label for e in spec.exclusions)]
            lines += _para(spec.exclusions_text)
    lines += ["", f"== {_('Local timing')} =="]
    for e in spec.timeline:
        lines.append(f"  {e.label}: {e.text}")
        lines += _para(e.note, "      ")
    lines += _para(" ".join(spec.timeline_notes)) if spec.timeline_notes else []
    lines += ["", f"== {_('Local contact persons')} ==", *_para(spec.contacts_intro)]
    lines += [f"  {p.name}, {p.email}, {p.phone}" for p in spec.contacts]
    lines += ["", f"== {_('Submitting a candidature')} ==", *_para(spec.submission.text)]
    if spec.submission.subject:
        lines.append(f"{_('Subject line')}: {spec.submission.subject}")
    return "\n".join(lines)
