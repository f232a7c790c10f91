"""Jury › Voortgang › Send reminders…: the reminders of a round with their outbox state, a
preview, sent through a real SMTP server (aiosmtpd) once; the same dialog never sends twice."""

from __future__ import annotations

import email
import email.policy

from jurydesk.ui.mail.reminder_dialog import ReminderDialog
from jurydesk.ui.meeting.progress_dialog import ProgressDialog
from tests.mail.smtp_server import PASSWORD, USER
from tests.mail.test_reminders import _open_work

SENDER = "Secretariaat Leuven <asd@ocmw-leuven.be>"


def test_reminders_from_the_progress_view(window, demo_store, smtp_server, qtbot, tmp_path):
    _open_work(demo_store)
    progress = ProgressDialog(demo_store, "leuven", window)
    qtbot.addWidget(progress)
    assert progress.remind.text() == "Herinneringen versturen…"
    dialog = ReminderDialog(demo_store, "leuven", 1, progress)
    qtbot.addWidget(dialog)
    assert len(dialog.rows) == 2 and dialog.table.rowCount() == 3
    assert dialog.table.item(2, 0).text() == "Miriam Cohen"
    assert dialog.table.item(2, 3).text() == "geen e-mailadres"
    assert dialog.table.item(0, 2).text() == "nieuw"
    dialog.sender.setText(SENDER)
    dialog.table.selectRow(0)
    assert "Geachte Bart Desmet" in dialog.preview.toPlainText()
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(smtp_server.port)
    dialog.user.setText(USER)
    dialog.password.setText(PASSWORD)
    dialog.cafile = str(smtp_server.cert)
    dialog.show()
    dialog.grab().save(str(tmp_path / "herinneringen.png"))
    dialog.go.click()
    assert dialog.report is not None and len(dialog.report.sent) == 2
    assert {dialog.table.item(r, 2).text() for r in range(2)} == {"verzonden"}
    received = [
        email.message_from_bytes(raw, policy=email.policy.default)
        for raw in smtp_server.handler.messages
    ]
    assert sorted(m["To"].addresses[0].addr_spec for m in received) == [
        "juror2@example.be",
        "juror3@example.be",
    ]
    dialog.go.click()  # the same run: nothing goes out again
    assert not dialog.report.sent and len(dialog.report.already_sent) == 2
    assert len(smtp_server.handler.messages) == 2
