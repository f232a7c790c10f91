"""Mail texts: ``resources/mail/<language>.toml`` with one section per kind of message
(``decision``: a decision the candidate may rebut; ``selected``: a selection, nothing to
rebut; ``invitation``: the invitation to the pitch; ``final``: the letter after a weerwoord;
``receipt``; ``reminder``: to a juror with open work), each a ``subject`` and a ``body``.

``<language>-<region>.toml`` beside it replaces texts for one region, and the same files in
the ``mail`` folder of the data directory replace the bundled ones (the letters work the
same way). Every text is checked against the fields a message offers, so a typo is reported
with its file and key before anything is written or sent.
"""

from __future__ import annotations

import string
from pathlib import Path

from jurydesk.i18n import _
from jurydesk.layers import read_layers
from jurydesk.paths import data_dir, resources_dir

DECISION, FINAL, RECEIPT, INVITATION = "decision", "final", "receipt", "invitation"
SELECTED, REMINDER = "selected", "reminder"
KINDS = (DECISION, SELECTED, INVITATION, FINAL, RECEIPT, REMINDER)
FIELDS = frozenset(
    {
        "contact",
        "organisation",
        "title",
        "region",
        "subject",
        "reference",
        "sender",
        "received",
        "late_note",
        "weerwoord_address",
        "juror",  # reminders: the juror's name, the round, the open work, the planning
        "round",
        "open_work",
        "planning",
    }
)


class MailTemplateError(ValueError):
    """A mail template that cannot be used; the message names the file and the field."""


def _check(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise MailTemplateError(_("{file}: {key} must be text").format(file=path, key=key))
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(value) if name}
    except ValueError as exc:
        raise MailTemplateError(f"{path}: {key}: {exc}") from None
    unknown = sorted(names - FIELDS)
    if unknown:
        raise MailTemplateError(
            _("{file}: {key} uses an unknown field {{{field}}}; known: {known}").format(
                file=path, key=key, field=unknown[0], known=", ".join(sorted(FIELDS))
            )
        )
    return value


def template_dirs() -> list[Path]:
    return [resources_dir() / "mail", data_dir() / "mail"]


def mail_template(
    language: str, region: str | None = None, dirs: list[Path] | None = None
) -> dict[str, dict[str, str]]:
    """kind -> {"subject": ..., "body": ...}, with the region's and the user's overrides."""
    names = [f"{language}.toml"] + ([f"{language}-{region}.toml"] if region else [])
    texts: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    layers = read_layers(
        names, dirs or template_dirs(), lambda path, exc: MailTemplateError(f"{path}: {exc}")
    )
    for path, data in layers:
        for kind, section in data.items():
            if kind not in KINDS or not isinstance(section, dict):
                raise MailTemplateError(
                    _("{file}: unknown section [{section}]; known: {known}").format(
                        file=path, section=kind, known=", ".join(KINDS)
                    )
                )
            for key, value in section.items():
                if key not in ("subject", "body"):
                    raise MailTemplateError(
                        _("{file}: unknown key {key}").format(file=path, key=f"{kind}.{key}")
                    )
                texts[kind][key] = _check(path, f"{kind}.{key}", value)
    for kind, pair in texts.items():
        if set(pair) != {"subject", "body"}:
            raise MailTemplateError(
                _("no mail template '{kind}' for language {lang}").format(kind=kind, lang=language)
            )
    return texts
