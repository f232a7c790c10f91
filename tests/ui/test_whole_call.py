"""The whole call without a terminal, offscreen: from an empty database (the regions only) to
decision letters received by a real SMTP server. Mail intake, the jury, scoring in juror mode,
decisions in the results view, the invitations and rejections sent from the send dialog."""

from __future__ import annotations

import email
import email.policy
import io
import shutil

from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from jurydesk.paths import resources_dir
from jurydesk.rebuttals.service import rebuttal_windows
from jurydesk.setup import initialise
from jurydesk.store import open_store
from jurydesk.store.models import Candidature, Decision
from tests.mail.smtp_server import PASSWORD, USER

SENDER = "Secretariaat Leuven <asd@ocmw-leuven.be>"


def test_a_call_from_an_empty_database_to_sent_letters(qtbot, tmp_path, smtp_server):
    from jurydesk.ui.main_window import MainWindow

    store = open_store(f"sqlite:///{(tmp_path / 'oproep.sqlite').as_posix()}")
    initialise(store, demo=False)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    assert window.set_passphrase("oproep 2023", None) is None
    assert window.enter_secretariat("oproep 2023")
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))

    # 0. Where weerwoorden go and who signs: the letters print them (the addendum gives
    # neither; its contacts are for questions about the addendum).
    settings = window.admin.open_region_settings()
    settings.weerwoord.setText("weerwoord@ocmw-leuven.be")
    settings.signatory.setText("Lies Proef")
    settings.function.setText("Voorzitter van de jury")
    assert settings.save(), settings.message.text()

    # 1. Candidatures from the submission mailbox (four of the demo messages).
    box = tmp_path / "postvak"
    box.mkdir()
    for name in ("01.eml", "02.eml", "05.eml", "07.eml"):
        shutil.copy(resources_dir() / "demo" / "mail" / "leuven" / name, box / name)
    intake = window.mail.open_intake([box])
    intake.import_button.click()
    assert len(intake.written.by("created")) == 4

    # 2. The jury: three jurors on both rounds.
    jury = window.admin.open_jury()
    for name in ("An Jurylid", "Bert Jurylid", "Cas Jurylid"):
        jury.new_juror()
        jury.name.setText(name)
        jury.round1.setChecked(True)
        jury.round2.setChecked(True)
        jury.pin.setText("246810")
        assert jury.save(), jury.message.text()
    jury.accept()

    # 3. Each juror scores every candidature in juror mode and finalises.
    window.tabs.setCurrentWidget(window.scoring)
    view = window.scoring
    for index in range(3):
        window.enter_juror_mode()  # each juror signs in with their PIN
        sign_in = window.identity.dialog
        sign_in.juror.setCurrentIndex(index)
        sign_in.pin.setText("246810")
        assert sign_in.sign_in()
        assert view.juror_box.count() == 1
        declaration = view.declaration_dialog  # before any score form: the verklaring op eer
        declaration.name.setText(("An Jurylid", "Bert Jurylid", "Cas Jurylid")[index])
        declaration.pin.setText("246810")
        assert declaration.sign(), declaration.message.text()
        for row in range(len(view.items)):
            view.list.setCurrentRow(row)
            qtbot.waitUntil(lambda: view.sheet is not None)
            value = str(1 + (row + index) % 4)
            for panel in view.panels:
                panel.score.selectAll()
                qtbot.keyClicks(panel.score, value)
            assert view.finalize()
            view.confirm.button(QMessageBox.StandardButton.Yes).click()
    assert window.enter_secretariat("oproep 2023")

    # 4. Decisions in the results view: the best two to the pitch, the others not selected.
    window.tabs.setCurrentWidget(window.results)
    results = window.results
    results.show_region("leuven")
    ranked = list(results.model.rows)
    assert len(ranked) == 4
    for position, row in enumerate(ranked):
        results.table.selectRow(position)
        outcome = "shortlisted" if position < 2 else "not_selected"
        results.outcome.setCurrentIndex(results.outcome.findData(outcome))
        results.motivation.setPlainText(f"Motivering van de jury voor {row.organisation}.")
        results.deviation.setText("De jury trekt de grens bij twee.")  # kept if it deviates
        assert results.save_decision()

    # 5. The letters go out through the SMTP server: invitations and rejections.
    send = window.mail.open_send()
    assert send.table.rowCount() == 4
    send.host.setText("127.0.0.1")
    send.port.setValue(smtp_server.port)
    send.user.setText(USER)
    send.password.setText(PASSWORD)
    send.cafile = str(smtp_server.cert)
    send.sender.setText(SENDER)
    send.go.click()
    assert send.report is not None and len(send.report.sent) == 4, send.message
    subjects = []
    for raw in smtp_server.handler.messages:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        subjects.append(str(message["Subject"]))
        [pdf] = list(message.iter_attachments())
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.get_content())).pages)
        assert "Motivering van de jury" in text and "Lies Proef" in text
        if "Uitnodiging voor de pitch" not in text:
            assert "weerwoord@ocmw-leuven.be" in text
            assert message["Reply-To"] == "weerwoord@ocmw-leuven.be"
        else:
            assert message["Reply-To"] is None
    assert sum(s.startswith("Uitnodiging") for s in subjects) == 2
    assert sum(s.startswith("Beslissing") for s in subjects) == 2
    with store.reader() as session:
        assert all(d.communicated_on for d in session.scalars(select(Decision)))
        assert len(session.scalars(select(Candidature.id)).all()) == 4
        windows = rebuttal_windows(session, "leuven", 1)
    assert len(windows) == 2  # the two rejections may be rebutted, from the send date
    send.close()
    window.close()
    store.close()
