"""The JSON form of a region, as `jurydesk region show --json` prints it."""

from __future__ import annotations

from typing import Any

from jurydesk.regions.spec import RegionSpec
from jurydesk.timeutil import iso


def region_to_json(spec: RegionSpec) -> dict[str, Any]:
    return {
        "slug": spec.slug,
        "name": spec.name,
        "title": spec.title,
        "werkingsgebied": spec.werkingsgebied,
        "municipalities": list(spec.municipalities),
        "challenges_intro": spec.challenges_intro,
        "challenges": [
            {
                "number": c.number,
                "personas": list(c.personas),
                "persona_text": c.persona_text,
                "description": c.description,
                "questions": list(c.questions),
                "remark": c.remark,
            }
            for c in spec.challenges
        ],
        "enrichment": {
            "intro": spec.enrichment_intro,
            "heading": spec.enrichment_heading,
            "points": list(spec.enrichment),
        },
        "arena_intro": spec.arena_intro,
        "needs": [{"key": n.key, "need": n.need, "service": n.service} for n in spec.needs],
        "local_input": list(spec.local_input),
        "exclusions": [{"key": e.key, "label": e.label} for e in spec.exclusions],
        "exclusions_text": spec.exclusions_text,
        "focus_expertise": list(spec.focus_expertise),
        "focus_intro": spec.focus_intro,
        "contacts": [{"name": c.name, "email": c.email, "phone": c.phone} for c in spec.contacts],
        "contacts_intro": spec.contacts_intro,
        "submission": {
            "channel": spec.submission.channel,
            "address": spec.submission.address,
            "subject": spec.submission.subject,
            "text": spec.submission.text,
        },
        "timeline": [
            {
                "key": e.key,
                "label": e.label,
                "kind": e.kind,
                "start": iso(e.start),
                "end": iso(e.end),
                "all_day": e.all_day,
                "text": e.text,
                "note": e.note,
                "days": [d.isoformat() for d in e.days],
                "possible_days": [d.isoformat() for d in e.possible_days],
            }
            for e in spec.timeline
        ],
        "timeline_notes": list(spec.timeline_notes),
        "source_file": spec.source_file,
        "rebuttal": {
            "days": spec.rebuttal.days,
            "receipt_delay_days": spec.rebuttal.receipt_delay,
            "counting": spec.rebuttal.counting,
        },
    }
