"""The secretariat's SMTP server and sender address, remembered in the database between
sessions. The password is never among them: it is asked once per start of the app."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

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


def save_defaults(store: Store, defaults: MailDefaults) -> None:
    value = json.dumps(asdict(defaults), ensure_ascii=False)
    with store.session() as session:
        row = session.get(Setting, KEY)
        if row is None:
            session.add(Setting(key=KEY, value=value))
        else:
            row.value = value
