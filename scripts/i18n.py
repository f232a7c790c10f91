"""Keep the gettext catalogue in step with the code.

    python scripts/i18n.py          # update resources/locale/nl/.../jurydesk.po, compile .mo

Message ids are found with `ast`, so calls inside f-strings count too. Existing
translations are kept; new ids arrive untranslated (the test suite then fails until they
are translated); ids no longer used are dropped.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = ("nl",)


def extract(package: Path = ROOT / "jurydesk") -> dict[str | tuple[str, str], list[str]]:
    """Every message id used in the package, with where it is used."""
    found: dict[str | tuple[str, str], list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and path.parent.name == "cli":
                for text in _help_texts(node):
                    found.setdefault(text, []).append(
                        f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
                    )
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            args = node.args
            where = f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
            if (
                node.func.id == "_"
                and args
                and isinstance(args[0], ast.Constant)
                and isinstance(args[0].value, str)
            ):
                found.setdefault(args[0].value, []).append(where)
            elif (
                node.func.id == "ngettext"
                and len(args) >= 2
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args[:2])
            ):
                key = (args[0].value, args[1].value)  # type: ignore[union-attr]
                found.setdefault(key, []).append(where)  # type: ignore[arg-type]
    return found


def _help_texts(node: ast.Call) -> list[str]:
    """The CLI's help texts (help=, description=, a command's help argument): the parser's
    formatter translates them when --help is printed."""
    texts = [
        kw.value.value
        for kw in node.keywords
        if kw.arg in ("help", "description")
        and isinstance(kw.value, ast.Constant)
        and isinstance(kw.value.value, str)
    ]
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    if name in ("command", "scoring_command") and len(node.args) >= 5:
        last = node.args[4]
        if isinstance(last, ast.Constant) and isinstance(last.value, str):
            texts.append(last.value)
    return texts


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "jurydesk.po"


def update(language: str) -> list[str]:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po, write_po

    path = po_path(language)
    old = read_po(path.open("rb")) if path.exists() else Catalog(locale=language)
    new = Catalog(locale=language, project="JuryDesk", domain="jurydesk")
    untranslated = []
    for msgid, places in sorted(extract().items(), key=lambda kv: str(kv[0])):
        previous = old.get(msgid)
        string = (
            previous.string
            if previous is not None
            else ("", "")
            if isinstance(msgid, tuple)
            else ""
        )
        new.add(
            msgid,
            string,
            locations=[(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p in places],
        )
        if not (string if isinstance(string, str) else all(string)):
            untranslated.append(str(msgid))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, new, width=100, sort_output=True, include_lineno=False)
    with path.with_suffix(".mo").open("wb") as out:
        write_mo(out, new)
    return untranslated


if __name__ == "__main__":
    missing = {lang: update(lang) for lang in LANGUAGES}
    for lang, ids in missing.items():
        for msgid in ids:
            print(f"{lang}: untranslated: {msgid}")
    sys.exit(1 if any(missing.values()) else 0)
