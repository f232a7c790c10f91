"""A whole jury meeting offscreen: a juror signs the declaration before the score form opens,
the secretariat opens a meeting with three jurors, one leaves the room for a conflicted
candidature, a consensus is approved, two decisions (one departing from the proposal, with a
reason), the projector moves on, the meeting closes, the PV is printed and read back."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt

from jurydesk.audit import chain as audit
from jurydesk.decisions.consensus import approved_texts
from jurydesk.jury.pins import set_pin
from jurydesk.jury.service import add_juror
from jurydesk.results.ranking import compute_results
from jurydesk.ui.meeting.declaration_dialog import DeclarationDialog
from tests.decisions.test_jury_meeting import pdf_text


def test_a_juror_signs_before_the_score_form_opens(window, qtbot, demo_store):  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        juror = add_juror(session, "t", "Nina Nieuw", "expert", panels=[("leuven", 1)])
        set_pin(session, "t", juror, "432198")
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.tabs.setCurrentWidget(window.scoring)
    view = window.scoring
    view.juror_box.setCurrentIndex(view.juror_box.findData(juror))
    qtbot.waitUntil(
        lambda: isinstance(getattr(view, "declaration_dialog", None), DeclarationDialog)
    )
    dialog = view.declaration_dialog
    assert view.sheet is None and view.items == [] and "verklaring" in view.heading.text()
    dialog.name.setText("Nina Nieuw")
    dialog.pin.setText("000000")
    assert not dialog.sign() and "pincode" in dialog.message.text()
    dialog.tick(17, "Buurvrouw van de coördinator")
    dialog.pin.setText("432198")
    assert dialog.sign()
    qtbot.waitUntil(lambda: view.sheet is not None)
    assert 17 not in [i.candidature for i in view.items]  # the declared conflict left the list


def test_a_whole_meeting(window, qtbot, demo_store, tmp_path):  # type: ignore[no-untyped-def]
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    meeting = window.admin.open_meeting()
    qtbot.addWidget(meeting)
    assert meeting.info is None and not meeting.close_button.isEnabled()
    opener = meeting.ask_open()
    opener.day.setDate(QDate(2023, 6, 20))
    opener.place.setText("Stadhuis Leuven, zaal B")
    for juror in (1, 2, 3):
        opener.present[juror].setChecked(True)
    opener.chair.setCurrentIndex(opener.chair.findData(1))
    opener.secretary.setText("Els Peeters")
    assert "✓" in opener.quorum.text()
    assert opener.open_it()
    qtbot.waitUntil(lambda: meeting.info is not None)
    info = meeting.info
    assert info.quorum_met and [a.juror for a in info.present] == [1, 2, 3]
    row17 = next(i for i, item in enumerate(info.agenda) if item.candidature == 17)
    assert "Bart Desmet" in meeting.agenda.item(row17, 3).text()  # left the room: conflict
    with demo_store.reader() as session:
        results = compute_results(session, "leuven", 1).results
    first, second = results[0], results[-2]
    panel = meeting.panel
    # item 1: the consensus, approved; the decision as proposed
    meeting.agenda.selectRow(0)
    meeting._item(0)
    assert panel.candidature == first.candidature
    for row in range(panel.table.rowCount()):
        panel.table.item(row, 4).setText(f"Akkoord van de jury over punt {row + 1}.")
    assert panel.approve()
    assert "✓" in panel.consensus_state.text()
    panel.motivation.setText("Sterk en haalbaar voorstel.")
    assert panel.record_decision()
    # a later item: departs from the proposal, first without a reason
    index = next(
        i for i, item in enumerate(meeting.info.agenda) if item.candidature == second.candidature
    )
    meeting._item(index)
    panel.outcome.setCurrentIndex(
        panel.outcome.findData(
            "not_selected" if second.proposed == "shortlisted" else "shortlisted"
        )
    )
    panel.motivation.setText("De jury beslist anders.")
    assert not panel.record_decision() and "reden" in panel.message.text()
    panel.deviation.setText("Het bereik bij anderstaligen is onvoldoende aangetoond.")
    panel.leaver.setCurrentIndex(panel.leaver.findData(3))
    panel.leave_reason.setText("Familie van de coördinator")
    assert panel.record_leave()
    meeting._item(index)
    panel.outcome.setCurrentIndex(
        panel.outcome.findData(
            "not_selected" if second.proposed == "shortlisted" else "shortlisted"
        )
    )
    panel.motivation.setText("De jury beslist anders.")
    panel.deviation.setText("Het bereik bij anderstaligen is onvoldoende aangetoond.")
    assert panel.record_decision()
    # the projector: no juror names beside scores; the chair moves on with one key
    projector = meeting.project()
    qtbot.addWidget(projector)
    projector.position = 1
    projector.refresh()
    assert "1" in projector.where.text() and not any(
        name in projector.strip.text() for name in ("Katrien", "Bart", "Fatima")
    )
    qtbot.keyClick(projector, Qt.Key.Key_Right)
    assert projector.position == 2 and meeting.info.current == 2
    projector.close()
    assert meeting.close_it()
    assert meeting.minutes_button.isEnabled() and not meeting.close_button.isEnabled()
    dialog = meeting.print_minutes()
    qtbot.addWidget(dialog)
    text = pdf_text(dialog.pdf)
    with demo_store.reader() as session:
        head = audit.head(session)[0]
        texts = approved_texts(session, first.candidature, 1)
    for expected in (
        "Proces-verbaal van de jury",
        "Stadhuis Leuven, zaal B",
        "Els Peeters",
        "Katrien Wouters",
        "Familie van de coördinator",
        "Het bereik bij anderstaligen is onvoldoende aangetoond.",
        head[:40],
        "pagina 1 van",
    ):
        assert expected in text.replace("\r", "").replace("\n", " ") or expected in text, expected
    assert texts and all(t.startswith("Akkoord van de jury") for t in texts.values())


def test_a_juror_without_declaration_sees_no_candidature(window, qtbot, demo_store):  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        juror = add_juror(session, "t", "Nina Nieuw", "expert", panels=[("leuven", 1)])
        set_pin(session, "t", juror, "432198")
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    window.enter_juror_mode()
    assert window.identity.identify(juror, "432198")
    view = window.candidatures
    assert "verklaring" in view.locked
    view.table.selectRow(0)
    assert "verklaring" in view.details.toPlainText() and view.documents.candidature is None
    window.tabs.setCurrentWidget(window.scoring)
    qtbot.waitUntil(lambda: hasattr(window.scoring, "declaration_dialog"))
    dialog = window.scoring.declaration_dialog
    dialog.name.setText("Nina Nieuw")
    dialog.pin.setText("432198")
    assert dialog.sign()
    assert view.locked == ""
    view.table.selectRow(1)
    assert view.documents.candidature is not None


def test_the_declaration_text_and_meeting_rules(window, demo_store):  # type: ignore[no-untyped-def]
    from jurydesk.jury.declarations import declaration_text, jury_settings, template
    from jurydesk.regions.service import get_region

    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    dialog = window.admin.open_jury_settings()
    assert dialog.text.toPlainText() == template()[0] and "JuryDesk" in dialog.source.text()
    dialog.text.setPlainText("Eigen verklaring van Leuven.")
    dialog.minimum.setValue(3)
    dialog.quorum.setValue(4)
    assert dialog.save()
    with demo_store.reader() as session:
        row = jury_settings(session, get_region(session, "leuven").id)
        assert declaration_text(session, "leuven") == "Eigen verklaring van Leuven."
    assert (row.min_finalised, row.quorum) == (3, 4)


def test_a_pack_juror_signs_in_the_pack_and_it_merges_back(window, qtbot, demo_store, tmp_path):  # type: ignore[no-untyped-def]
    from sqlalchemy import delete

    from jurydesk.jury.declarations import declarations
    from jurydesk.packs.returns import import_return
    from jurydesk.store import open_store
    from jurydesk.store.models import Decision
    from jurydesk.ui.main_window import MainWindow

    with demo_store.session() as session:
        session.execute(delete(Decision))
        juror = add_juror(session, "t", "Laptop Jurylid", "expert", panels=[("leuven", 1)])
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    pack = window.packs.export_pack(juror, tmp_path / "pakket.zip")
    scratch = open_store(f"sqlite:///{(tmp_path / 'leeg.sqlite').as_posix()}")
    start = MainWindow(scratch)
    qtbot.addWidget(start)
    assert start.packs.open_pack(pack, tmp_path / "jurylid.sqlite", window.packs.last_code)
    laptop = start.next_window
    qtbot.addWidget(laptop)
    laptop.region_box.setCurrentIndex(laptop.region_box.findData("leuven"))
    laptop.tabs.setCurrentWidget(laptop.scoring)
    view = laptop.scoring
    view.juror_box.setCurrentIndex(view.juror_box.findData(juror))
    qtbot.waitUntil(
        lambda: isinstance(getattr(view, "declaration_dialog", None), DeclarationDialog)
    )
    dialog = view.declaration_dialog
    assert dialog.in_pack and dialog.pin.isHidden()  # the pack's code identified the juror
    dialog.name.setText("Laptop Jurylid")
    dialog.tick(16, "Oud-collega")
    assert dialog.sign()
    qtbot.waitUntil(lambda: view.sheet is not None)
    back = laptop.packs.send_return(tmp_path / "terug.zip")
    assert back is not None
    report = import_return(demo_store, tmp_path / "terug.zip")
    assert report.written
    with demo_store.reader() as session:
        mine = next(d for d in declarations(session, "leuven") if d.juror == juror)
    assert mine.how == "pack" and mine.conflicts == {16: "Oud-collega"}
