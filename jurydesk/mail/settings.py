"""The secretariat's SMTP server and sender address, remembered in the database between
sessions. The password is never among them: it is asked once per start of the app. Each
change is an ``smtp_settings`` event (audit/replay_tracked compares the row with it)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from jurydesk.audit.chain import record, secretariat_actor
from jurydesk.mail.smtp import STARTTLS
from jurydesk.store import Store
from jurydesk.store.models import Setting

KEY = "smtp"


@dataclass(frozen=True)
class MailDefaults:
    host: str = ""
    port: int = 587
    security: str = STARTTLS
    user: str = ""
    sender: str = ""
    cafile: str = ""
    drafts: str = ""


def load_defaults(store: Store) -> MailDefaults:
    with store.reader() as session:
        row = session.get(Setting, KEY)
    if row is None:
        return MailDefaults()
    try:
        data = json.loads(row.value)
        known = {k: v for k, v in data.items() if k in MailDefaults.__dataclass_fields__}
        return MailDefaults(**known)
    except (ValueError, TypeError):
        return MailDefaults()


def save_defaults(store: Store, defaults: MailDefaults, actor: str | None = None) -> bool:
    """Remember the defaults; a change is audited (`audit verify` compares the row with the
    newest event: the sender a candidate sees, the server the letters go through). Returns
    whether anything changed."""
    data = asdict(defaults)
    with store.session() as session:
        row = session.get(Setting, KEY)
        before = _parsed(row.value) if row is not None else None
        if before == data:
            return False
        value = json.dumps(data, ensure_ascii=False)
        if row is None:
            session.add(Setting(key=KEY, value=value))
        else:
            row.value = value
        record(session, actor or secretariat_actor(), "smtp_settings", "setting", KEY, before, data)
    return True


def _parsed(value: str) -> dict[str, object] | None:
    try:
        data = json.loads(value)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
