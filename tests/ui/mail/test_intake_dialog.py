"""File › Candidatures from mail: the report first, corrections in the table, then one write."""

from __future__ import annotations

from sqlalchemy import select

from jurydesk.store.models import Candidature
from tests.mail.test_intake import _box


def test_the_secretariat_reviews_corrects_and_imports_a_mailbox(
    window, qtbot, demo_store, tmp_path
):
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    assert window.mail_action.isVisible()
    dialog = window.mail.open_intake([_box(tmp_path)])
    assert dialog is not None and dialog.written is None
    with demo_store.reader() as session:
        before = len(session.scalars(select(Candidature.id)).all())
    statuses = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert statuses.count("nieuw") == 3 and "overgeslagen" in statuses
    row = next(
        r
        for r in range(dialog.table.rowCount())
        if dialog.table.item(r, 1).text() == "bo@de-brug.be"
    )
    dialog.table.item(row, 2).setText("Vzw De Brug Leuven")
    dialog.table.item(row, 3).setText("Brugfiguren in de wijk")
    dialog.import_button.click()
    assert dialog.written is not None
    with demo_store.reader() as session:
        assert len(session.scalars(select(Candidature.id)).all()) == before + 3
        bo = session.scalar(select(Candidature).where(Candidature.email == "bo@de-brug.be"))
    assert (bo.organisation, bo.title) == ("Vzw De Brug Leuven", "Brugfiguren in de wijk")
    assert window.candidatures.model.rowCount() == 16
