"""The states of an outbox message (light: the CLI and the views import it at start)."""

from __future__ import annotations

from jurydesk.i18n import _

QUEUED, SENDING, SENT, FAILED, UNCERTAIN = "queued", "sending", "sent", "failed", "uncertain"


def status_label(status: str | None) -> str:
    """The outbox state as the secretariat reads it (None: never queued)."""
    labels = {
        QUEUED: _("queued"),
        SENDING: _("sending"),
        SENT: _("sent"),
        FAILED: _("failed"),
        UNCERTAIN: _("uncertain"),
    }
    return labels.get(status or "", _("new"))
