"""One gettext catalogue: complete for Dutch, compiled, and switchable to English."""

from __future__ import annotations

import gettext
import importlib.util
from pathlib import Path

from jurydesk.i18n import _, format_long_date, set_language
from jurydesk.paths import resources_dir

ROOT = Path(__file__).resolve().parent.parent


def _i18n_script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_has_a_dutch_translation_in_the_compiled_catalogue():
    from babel.messages.pofile import read_po

    script = _i18n_script()
    ids = script.extract()
    assert len(ids) > 50
    folder = resources_dir() / "locale" / "nl" / "LC_MESSAGES"
    po = read_po((folder / "jurydesk.po").open("rb"))
    compiled = gettext.GNUTranslations((folder / "jurydesk.mo").open("rb"))
    missing, stale = [], []
    for msgid in ids:
        message = po.get(msgid)
        strings = (
            ([message.string] if isinstance(message.string, str) else list(message.string))
            if message is not None
            else [""]
        )
        if not all(strings):
            missing.append(msgid)
        elif isinstance(msgid, str) and compiled.gettext(msgid) != strings[0]:
            stale.append(msgid)
    assert missing == [], "run: python scripts/i18n.py, then translate"
    assert stale == [], "the .mo is older than the .po: run python scripts/i18n.py"


def test_languages_switch():
    set_language("nl")
    assert _("Candidatures") == "Kandidaturen"
    assert format_long_date(__import__("datetime").date(2023, 6, 9)) == "9 juni 2023"
    set_language("en")
    assert _("Candidatures") == "Candidatures"
    assert format_long_date(__import__("datetime").date(2023, 6, 9)) == "9 June 2023"
    set_language("nl")


def test_placeholders_survive_translation():
    import re

    script = _i18n_script()
    set_language("nl")
    for msgid in script.extract():
        if isinstance(msgid, tuple):
            continue
        fields = set(re.findall(r"{(\w*)}", msgid))
        assert set(re.findall(r"{(\w*)}", _(msgid))) == fields, msgid
