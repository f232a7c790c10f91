"""`jurydesk region show` (text) shows every section the app and --json show: every text of
the region appears in it, in the addendum's order."""

from __future__ import annotations

import pytest

from jurydesk.regions.service import region_detail
from jurydesk.regions.text import region_text


def _flat(text: str) -> str:
    return " ".join(text.replace("•", " ").split())


@pytest.mark.parametrize("slug", ["leuven", "dijleland-plus"])
def test_every_text_of_the_region_is_shown(store, slug):
    with store.reader() as session:
        spec = region_detail(session, slug)
    shown = _flat(region_text(spec))
    texts = [
        spec.title,
        spec.werkingsgebied,
        *spec.municipalities,
        spec.challenges_intro,
        spec.arena_intro,
        spec.enrichment_intro,
        spec.enrichment_heading,
        *spec.enrichment,
        *spec.local_input,
        spec.focus_intro,
        *spec.focus_expertise,
        spec.exclusions_text,
        *spec.timeline_notes,
        spec.contacts_intro,
        spec.submission.text,
    ]
    for c in spec.challenges:
        texts += [c.persona_text, c.description, *c.questions, c.remark]
    for n in spec.needs:
        texts += [n.need, n.service]
    texts += [e.label for e in spec.exclusions]
    for e in spec.timeline:
        texts += [e.label, e.text, e.note]
    for p in spec.contacts:
        texts += [p.name, p.email, p.phone]
    missing = [t for t in texts if t.strip() and _flat(t) not in shown]
    assert missing == []
    order = [
        shown.index(_flat(t))
        for t in (
            spec.challenges[0].description,
            spec.needs[0].need,
            spec.timeline[0].text,
            spec.submission.text,
        )
    ]
    assert order == sorted(order)  # the addendum's order
