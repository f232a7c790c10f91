"""One gettext catalogue for the interface, the workbook and the letters.

Message ids are English; Dutch (Belgian usage) is the default language. Import ``_`` from
here explicitly (``from jurydesk.i18n import _``) so that extraction finds every string.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable

from jurydesk.paths import resources_dir

DOMAIN = "jurydesk"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
ENV_LANG = "JURYDESK_LANG"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


_explicit = False


def explicit_language() -> bool:
    """True when the language was chosen on the command line (``--lang``)."""
    return _explicit


def set_language(language: str | None = None, explicit: bool = False) -> str:
    """Activate a language (``nl`` or ``en``); returns the one in force."""
    global _translation, _language, _explicit
    _explicit = explicit and language is not None
    language = language or os.environ.get(ENV_LANG) or DEFAULT_LANGUAGE
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    _translation = gettext.translation(
        DOMAIN, localedir=resources_dir() / "locale", languages=[language], fallback=True
    )
    _language = language
    return language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def translator(language: str | None) -> Callable[[str], str]:
    """The gettext function of a given language (a mail's), whatever the interface speaks."""
    if language is None or language == _language or language not in LANGUAGES:
        return _
    return gettext.translation(
        DOMAIN, localedir=resources_dir() / "locale", languages=[language], fallback=True
    ).gettext


def format_long_date(moment: object) -> str:
    """'9 juni 2023' in Dutch, '9 June 2023' in English."""
    from babel.dates import format_date

    locale = "nl_BE" if _language == "nl" else "en_GB"
    return format_date(moment, "d MMMM y", locale=locale)  # type: ignore[arg-type]


def format_number(value: float, digits: int = 1) -> str:
    """'39,6' in Dutch, '39.6' in English."""
    from babel.numbers import format_decimal

    locale = "nl_BE" if _language == "nl" else "en_GB"
    return format_decimal(value, "0." + "0" * digits if digits else "0", locale=locale)


def format_long_datetime(moment: object) -> str:
    """'9 juni 2023 om 23:59' in Dutch."""
    from datetime import datetime

    from jurydesk.timeutil import to_brussels

    assert isinstance(moment, datetime)
    local_moment = to_brussels(moment)
    return _("{date} at {time}").format(
        date=format_long_date(local_moment.date()), time=local_moment.strftime("%H:%M")
    )


set_language()
