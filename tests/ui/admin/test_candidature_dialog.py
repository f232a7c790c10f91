"""Jury › Add a candidature / Edit the chosen candidature: a web-form submission typed in,
a bad field named and nothing written, a correction audited, a withdrawal confirmed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jurydesk.candidatures.edit import NeedsConfirmation
from jurydesk.store.models import Candidature, Decision


def test_add_then_edit_then_withdraw(window, demo_store):
    window.region_box.setCurrentIndex(window.region_box.findData("dijleland-plus"))
    before = window.candidatures.model.rowCount()
    dialog = window.admin.open_candidature(None)
    dialog.fields["organisation"].setText("Webformulier vzw")
    dialog.fields["contact"].setText("An Peeters")
    dialog.fields["email"].setText("an@webformulier")  # not an address
    dialog.fields["title"].setText("Via het webformulier")
    dialog.fields["received_at"].setText("05/06/2023 10:00")
    next(iter(dialog.checks["challenges"].values())).setChecked(True)
    dialog.address.setPlainText("Naamsestraat 1\n3000 Leuven")
    assert not dialog.save()
    assert "E-mail" in dialog.message.text()
    dialog.fields["email"].setText("an@webformulier.example")
    assert dialog.save()
    assert window.candidatures.model.rowCount() == before + 1
    with demo_store.reader() as session:
        added = session.get(Candidature, dialog.saved)
        assert added.address == "Naamsestraat 1\n3000 Leuven" and added.challenges
    edit = window.admin.open_candidature(added.id)
    assert edit.fields["organisation"].text() == "Webformulier vzw"
    assert edit.fields["received_at"].text() == "05/06/2023 10:00"
    edit.fields["title"].setText("Een betere titel")
    assert edit.save()
    with demo_store.reader() as session:
        decided = session.scalar(
            select(Decision.candidature_id)
            .join(Candidature)
            .where(Candidature.region_id == added.region_id)
        )
    withdraw = window.admin.open_candidature(decided)
    with pytest.raises(NeedsConfirmation):
        withdraw.withdraw("Trekt zich terug")
    assert withdraw.withdraw("Trekt zich terug", confirm=True)
    with demo_store.reader() as session:
        assert session.get(Candidature, decided).status == "withdrawn"
    again = window.admin.open_candidature(decided)
    assert again.reinstate_button.isVisibleTo(again) and "Trekt" in again.state.text()
    again.reject()
