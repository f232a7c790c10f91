"""File › Send decisions and receipts: the list with outbox states, a preview, then sending
through a real SMTP server (aiosmtpd) or writing drafts; nothing goes out twice."""

from __future__ import annotations

import email
import email.policy

from sqlalchemy import select

from jurydesk.audit.replay import compare
from jurydesk.mail.settings import load_defaults
from jurydesk.store.models import Decision
from tests.mail.smtp_server import PASSWORD, USER

SENDER = "Secretariaat Leuven <asd@ocmw-leuven.be>"


def _open(window, demo_store):
    with demo_store.session() as session:
        for decision in session.scalars(select(Decision)):
            decision.communicated_on = None
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    assert window.outbox_action.isVisible()
    dialog = window.mail.open_send()
    assert dialog is not None
    return dialog


def test_send_through_the_server_then_nothing_twice(window, demo_store, smtp_server, qtbot):
    dialog = _open(window, demo_store)
    count = len(dialog.rows)
    assert count and dialog.table.item(0, 2).text() == "nieuw"
    preview = dialog.preview.toPlainText()
    assert "uw kandidatuur Capacity Building" in preview and ".pdf" in preview
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(smtp_server.port)
    dialog.user.setText(USER)
    dialog.password.setText(PASSWORD)
    dialog.cafile = str(smtp_server.cert)
    dialog.sender.setText(SENDER)
    dialog.go.click()
    assert dialog.report is not None and len(dialog.report.sent) == count
    assert "Verzonden: " in dialog.message
    assert len(smtp_server.handler.messages) == count
    states = {dialog.table.item(r, 2).text() for r in range(count)}
    assert states == {"verzonden"}
    first = email.message_from_bytes(smtp_server.handler.messages[0], policy=email.policy.default)
    assert first["From"].addresses[0].addr_spec == "asd@ocmw-leuven.be"
    # remembered without the password
    defaults = load_defaults(demo_store)
    assert defaults.host == "127.0.0.1" and defaults.user == USER
    assert PASSWORD not in repr(defaults)
    # remembered with its event: verify names no SMTP default (this test's own set-up cleared
    # the decisions' communication dates behind the app's back: those it names)
    with demo_store.reader() as session:
        report = compare(session)
    assert report.total < 50 and report.differences
    assert {d.entity for d in report.differences} == {"communication date"}
    dialog.go.click()
    assert not dialog.report.sent and len(dialog.report.already_sent) == count
    assert len(smtp_server.handler.messages) == count
    # the Weerwoorden view now counts from today
    window.tabs.setCurrentWidget(window.rebuttals)
    dialog.close()


def test_drafts_from_the_dialog(window, demo_store, tmp_path):
    dialog = _open(window, demo_store)
    dialog.kind.setCurrentIndex(0)
    dialog.by_drafts.setChecked(True)
    assert dialog.go.text().replace("&", "") == "Concepten schrijven"
    dialog.folder.setText(str(tmp_path / "concepten"))
    dialog.sender.setText(SENDER)
    dialog.go.click()
    files = list((tmp_path / "concepten").glob("*.eml"))
    assert len(files) == len(dialog.rows) and "geschreven" in dialog.message


def test_a_typed_port_survives_a_change_of_security(window, demo_store):
    from jurydesk.mail.smtp import PLAIN, SSL, STARTTLS

    dialog = _open(window, demo_store)
    dialog.security.setCurrentIndex(dialog.security.findData(STARTTLS))
    assert dialog.port.value() == 587
    dialog.security.setCurrentIndex(dialog.security.findData(SSL))
    assert dialog.port.value() == 465  # still the usual port: it follows the security
    dialog.port.setValue(2525)  # the user's own
    dialog.security.setCurrentIndex(dialog.security.findData(PLAIN))
    assert dialog.port.value() == 2525
    dialog.security.setCurrentIndex(dialog.security.findData(STARTTLS))
    assert dialog.port.value() == 2525
    dialog.close()
