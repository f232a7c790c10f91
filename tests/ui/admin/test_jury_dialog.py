"""Jury › Jurors and conflicts of interest: add a juror on a panel, declare and lift a
conflict, a juror with scores cannot be removed; a juror declares a conflict from Scoring."""

from __future__ import annotations

from sqlalchemy import select

from jurydesk.jury.admin import conflicts_of, jury_of
from jurydesk.store.models import Juror


def test_the_secretariat_administers_the_jury(window, demo_store):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    dialog = window.admin.open_jury()
    assert dialog is not None and dialog.table.rowCount() > 0
    scored = next(i for i, j in enumerate(dialog.jurors) if j.scores)
    dialog.table.selectRow(scored)
    assert not dialog.remove_button.isEnabled()
    assert not dialog.remove()
    assert dialog.message.text().startswith("✕")
    dialog.new_juror()
    dialog.name.setText("Nieuw Jurylid")
    dialog.organisation.setText("KU Leuven")
    dialog.role.setCurrentIndex(dialog.role.findData("expert"))
    dialog.round1.setChecked(True)
    assert dialog.save() and dialog.message.text().startswith("✓")
    assert dialog.current().name == "Nieuw Jurylid" and dialog.current().rounds == [1]
    first_candidature = dialog.candidatures()[0][0]
    assert dialog.declare(first_candidature, "Werkte er tot vorig jaar")
    assert dialog.conflicts.rowCount() == 1
    assert not dialog.lift(first_candidature, "")  # a reason is needed
    assert "reden" in dialog.message.text()
    assert dialog.lift(first_candidature, "Vergissing")
    assert dialog.conflicts.rowCount() == 0
    new_id = dialog.current().id
    assert dialog.remove()
    with demo_store.reader() as session:
        assert session.get(Juror, new_id) is None
    dialog.close()


def test_a_juror_declares_a_conflict_from_scoring(window, demo_store):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.scoring)
    scoring = window.scoring
    scoring.list.setCurrentRow(0)
    sheet = scoring.sheet
    assert sheet is not None
    before = len(scoring.items)
    assert window.admin.declare("Mijn partner zit in het bestuur")
    with demo_store.reader() as session:
        mine = [
            c
            for c in conflicts_of(session, "leuven", sheet.juror)
            if c.candidature == sheet.candidature
        ]
        name = session.scalar(select(Juror.name).where(Juror.id == sheet.juror))
        assert any(j.id == sheet.juror for j in jury_of(session, "leuven"))
    assert mine and mine[0].declared_by == f"juror:{name}"
    assert scoring.juror == sheet.juror and len(scoring.items) == before - 1
