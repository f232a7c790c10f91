"""Leuven's weerwoord follows the call's 14 days (it states no deviation); its "Vóór 20 juli
2023" ends the phase of receiving and assessing, and the app warns when a window runs past it
or leaves no time to assess. Dijleland+'s own deadline extends the 14 days over the holidays."""

from __future__ import annotations

from datetime import date

from jurydesk.rebuttals.rule import RULE_DEFAULT, RULE_REGION
from jurydesk.rebuttals.service import phase_warning, rule_text, window_for
from jurydesk.regions.service import region_detail


def test_leuven_counts_14_days_and_warns_near_the_phase_end(store):
    with store.reader() as session:
        leuven = region_detail(session, "leuven")
        dijle = region_detail(session, "dijleland-plus")
    early = window_for(leuven, date(2023, 6, 19))
    assert early.rule == RULE_DEFAULT and early.last_day == date(2023, 7, 3)
    assert phase_warning(leuven, early.closes) == ""
    tight = window_for(leuven, date(2023, 7, 5))  # last day 19 July: no day left to assess
    assert tight.last_day == date(2023, 7, 19)
    assert "geen tijd om te beoordelen" in phase_warning(leuven, tight.closes)
    late = window_for(leuven, date(2023, 7, 10))
    assert "eindigt na de weerwoordfase" in phase_warning(leuven, late.closes)
    assert "Vóór 20 juli 2023" in phase_warning(leuven, late.closes)
    d = window_for(dijle, date(2023, 12, 15))
    assert d.rule == RULE_REGION and "voor 12 januari" in rule_text(dijle, d)
