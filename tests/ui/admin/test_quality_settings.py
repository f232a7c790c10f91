"""Jury › Thresholds, tie-breaks and calibration: saved in one go, refused whole, and felt by
the ranking."""

from __future__ import annotations

from datetime import datetime

from jurydesk.candidatures.rules import region_rules
from jurydesk.candidatures.service import add_candidatures, list_candidatures
from jurydesk.candidatures.validate import CandidatureInput
from jurydesk.results.calibration import anchors
from jurydesk.results.ranking import compute_results
from jurydesk.results.thresholds import LOTTERY, quality_settings
from jurydesk.timeutil import BRUSSELS


def _new_candidature(store) -> int:
    with store.session() as session:
        add_candidatures(
            session,
            region_rules(session, "leuven"),
            [
                CandidatureInput(
                    row=1,
                    organisation="Ankerorganisatie vzw",
                    contact="C",
                    email="anker@x.example",
                    phone="",
                    title="Anker",
                    summary="",
                    received_at=datetime(2023, 6, 1, 9, 0, tzinfo=BRUSSELS),
                    channel="e-mail",
                    challenges=[1],
                    services=["taalondersteuning"],
                    requested_budget=None,
                    attachments=[],
                )
            ],
        )
    with store.reader() as session:
        return next(c.id for c in list_candidatures(session, "leuven") if c.title == "Anker")


def test_settings_dialog_saves_thresholds_rules_lots_and_anchors(window, demo_store):
    anchor = _new_candidature(demo_store)
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    dialog = window.admin.open_quality_settings()
    assert dialog is not None
    dialog.totals[1].setValue(55.0)
    dialog.minimums[1]["bereik"].setValue(2.0)
    dialog.rules[0].setCurrentIndex(dialog.rules[0].findData("criterion:haalbaarheid"))
    dialog.rules[1].setCurrentIndex(dialog.rules[1].findData(LOTTERY))
    assert dialog.draw()  # saves first, then draws
    with demo_store.reader() as session:
        settings = quality_settings(session, "leuven")
        results = compute_results(session, "leuven", 1).results
    assert settings.thresholds == {"1": {"total": 55.0, "criteria": {"bereik": 2.0}}}
    assert settings.tie_breaks == ["criterion:haalbaarheid", LOTTERY] and settings.lots
    assert not dialog.draw_button.isEnabled()
    for r in (r for r in results if r.mean is not None):
        assert bool(r.below) == (r.mean < 55.0 or r.criterion_means["bereik"] < 2.0)
    # the lottery before a criterion is refused whole: nothing of the save is kept
    dialog.rules[0].setCurrentIndex(dialog.rules[0].findData(LOTTERY))
    dialog.rules[1].setCurrentIndex(0)
    dialog.rules[2].setCurrentIndex(dialog.rules[2].findData("criterion:bereik"))
    dialog.totals[1].setValue(dialog.totals[1].minimum())
    assert not dialog.save() and "✕" in dialog.message.text()
    with demo_store.reader() as session:
        assert quality_settings(session, "leuven").thresholds["1"]["total"] == 55.0
    dialog.rules[2].setCurrentIndex(0)
    decided = next(r.candidature for r in results if r.decision)
    dialog.anchor_boxes[0].setCurrentIndex(dialog.anchor_boxes[0].findData(decided))
    assert not dialog.save() and str(decided) in dialog.message.text()
    dialog.anchor_boxes[0].setCurrentIndex(dialog.anchor_boxes[0].findData(anchor))
    assert dialog.save(), dialog.message.text()
    with demo_store.reader() as session:
        assert anchors(session, "leuven") == [anchor]
        ranked = compute_results(session, "leuven", 1).results
    assert anchor not in {r.candidature for r in ranked}
