"""A region's settings: checked field by field, saved together, audited; the letters and the
weerwoord windows follow them."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from jurydesk.letters.content import decision_letters
from jurydesk.settings.region import SettingsError, load_settings, save_settings
from jurydesk.store.models import AuditEvent


def test_settings_are_checked_saved_and_audited(demo_store):
    with demo_store.reader() as session:
        current = load_settings(session, "leuven")
    assert current.contacts and current.rebuttal_days == 14
    for bad, field in (
        (replace(current, rebuttal_days=0), "Dagen voor een weerwoord"),
        (replace(current, budget="veel"), "Budget"),
        (replace(current, contacts=[]), "Contactpersonen"),
        (replace(current, contacts=[("An", "geen-adres", "")]), "Contactpersoon 1"),
        (replace(current, rubric="bestaat-niet"), "Beoordelingsschema"),
    ):
        with pytest.raises(SettingsError, match=field), demo_store.session() as session:
            save_settings(session, "t", "leuven", bad)
    new = replace(
        current,
        rebuttal_days=10,
        budget="250000",
        max_partners=4,
        contacts=[("Els Secretaris", "els@leuven.example", "016 00 00 00")],
    )
    with demo_store.session() as session:
        changed = save_settings(session, "t", "leuven", new)
    assert set(changed) == {"rebuttal_days", "budget", "max_partners", "contacts"}
    with demo_store.reader() as session:
        again = load_settings(session, "leuven")
        assert again.budget == "250000.00" and again.max_partners == 4
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event.action == "region_settings" and event.old["rebuttal_days"] == 14
        letter = next(
            x
            for x in decision_letters(session, "leuven", 1, "nl")
            if x.kind == "round1_not_selected"
        )
        # the addendum's contacts do not sign: the signatory is a setting of its own
        assert [s.name for s in letter.signatories] == ["Jana Voorbeeld"]
        # weerwoorden go to the region's weerwoord address, never to the addendum's contacts
        assert any("weerwoord.leuven@jurydesk.example" in p for p in letter.rebuttal)
        assert not any("els@leuven.example" in p for p in letter.rebuttal)
    with demo_store.session() as session:
        assert save_settings(session, "t", "leuven", again) == []


def test_the_dialog_saves_and_names_a_bad_field(window, demo_store):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    dialog = window.admin.open_region_settings()
    dialog.budget.setText("veel")
    assert not dialog.save() and "Budget" in dialog.message.text()
    dialog.budget.setText("300000")
    dialog.days.setValue(21)
    dialog.place.setText("Stadskantoor Leuven, zaal 2")
    dialog.days_text.setText("31/02/2023")
    assert not dialog.save() and "Pitchdagen" in dialog.message.text()
    dialog.days_text.setText("03/07/2023; 30/06/2023")
    dialog.signatory.setText("Lies Proef")
    dialog.function.setText("Voorzitter van de jury")
    dialog.arrival.setValue(15)
    dialog.party.setValue(3)
    dialog.shift.setChecked(False)
    assert dialog.save()
    assert set(dialog.changed) == {
        "budget",
        "rebuttal_days",
        "pitch_place",
        "pitch_days",
        "signatory",
        "signatory_function",
        "pitch_arrival",
        "pitch_party_size",
        "weekend_shift",
    }
    with demo_store.reader() as session:
        assert load_settings(session, "leuven").rebuttal_days == 21
        invitation = next(
            x
            for x in decision_letters(session, "leuven", 1, "nl")
            if x.kind == "round1_shortlisted"
        )
    assert any("Stadskantoor Leuven, zaal 2" in p for p in invitation.paragraphs)
    assert any("30 juni 2023" in p for p in invitation.paragraphs)  # the first chosen day
    assert any("ten hoogste 3 personen" in p for p in invitation.paragraphs)
    start = next(p for p in invitation.paragraphs if p.startswith("Uw pitch vindt plaats"))
    arrival = next(p for p in invitation.paragraphs if p.startswith("Wij verwachten u om"))
    hour, minute = map(int, start.split(" van ")[1][:5].split(":"))
    expected = hour * 60 + minute - 15
    assert f"{expected // 60:02d}:{expected % 60:02d}" in arrival
    assert [s.name for s in invitation.signatories] == ["Lies Proef"]


def test_without_a_weerwoord_address_rejection_letters_are_refused(demo_store):
    import pytest

    from jurydesk.errors import ScoringError
    from jurydesk.store.models import Setting

    with demo_store.session() as session:
        session.delete(session.get(Setting, "weerwoord_address:leuven"))
    with demo_store.reader() as session, pytest.raises(ScoringError, match="weerwoorden"):
        decision_letters(session, "leuven", 1, "nl")
