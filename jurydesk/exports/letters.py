"""Export decision letters: one PDF per candidature and, optionally, one merged PDF.

Everything is rendered into a temporary folder beside the target first; only when every
letter succeeded are the files moved under their final names.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jurydesk.atomic import atomic_path
from jurydesk.i18n import _, current_language
from jurydesk.letters.content import Letter, decision_letters, final_letters
from jurydesk.letters.fonts import missing_characters
from jurydesk.letters.render import render_letters
from jurydesk.letters.scripts import needs_shaping
from jurydesk.regions.service import region_slugs
from jurydesk.store import Store

Progress = Callable[[int, int, str], None]
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


@dataclass(frozen=True)
class LetterExport:
    letters: int
    files: list[Path]
    merged: Path | None
    # letters with characters the font cannot draw: (candidature, organisation, characters)
    unprintable: list[tuple[int, str, str]] = field(default_factory=list)
    # letters with words printed shaped (Arabic, Indic, ...): right on paper, but their text
    # copied out of the PDF may differ: (candidature, organisation, words)
    shaped: list[tuple[int, str, str]] = field(default_factory=list)
    # what to check before sending: (candidature, organisation, warning), e.g. a decision
    # communicated after the addendum's date, an invitation dated on the day of the pitch
    warnings: list[tuple[int, str, str]] = field(default_factory=list)


def _text(letter: Letter) -> str:
    return " ".join(
        [
            letter.organisation,
            *letter.addressee,
            letter.salutation,
            *letter.paragraphs,
            *(c.label for c in letter.criteria),
            *(m for c in letter.criteria for m in c.motivations),
        ]
    )


def flagged(letters: list[Letter]) -> tuple[list[tuple[int, str, str]], list[tuple[int, str, str]]]:
    """What the export report flags, from each letter's text read once: the characters no
    bundled font can draw (never printed as boxes silently), and the words printed through
    HarfBuzz (right on paper, but their PDF text does not copy back exactly)."""
    unprintable, shaped = [], []
    for letter in letters:
        text = _text(letter)
        missing = missing_characters(text)
        if missing:
            unprintable.append((letter.candidature, letter.organisation, missing))
        if needs_shaping(text):
            words = dict.fromkeys(
                w.strip("“”\"'‘’„,.;:()") for w in text.split() if needs_shaping(w)
            )
            shaped.append((letter.candidature, letter.organisation, ", ".join(words)))
    return unprintable, shaped


def shaped_note(candidature: int, organisation: str, words: str) -> str:
    return _(
        "{candidature}. {organisation}: {words} is printed shaped (joined or combined "
        "letters); on paper it is right, but text copied out of the PDF may differ"
    ).format(candidature=candidature, organisation=organisation, words=words)


def safe_file_name(text: str, limit: int = 120) -> str:
    """A file name that Windows, macOS and Linux all accept."""
    name = _UNSAFE.sub(" ", text)
    name = re.sub(r"\s+", " ", name).strip().rstrip(". ")
    return name[:limit].rstrip(". ") or "brief"


def collect_letters(
    store: Store,
    slugs: list[str] | None = None,
    round_: int | None = None,
    *,
    final: bool = False,
    with_scores: bool = False,
    language: str | None = None,
) -> list[Letter]:
    language = language or current_language()
    with store.reader() as session:
        slugs = region_slugs(session, slugs)
        letters: list[Letter] = []
        for slug in slugs:
            if final:
                letters.extend(final_letters(session, slug, language))
            else:
                letters.extend(decision_letters(session, slug, round_, language, with_scores))
    return letters


def export_letters(
    store: Store,
    out_dir: Path,
    slugs: list[str] | None = None,
    round_: int | None = None,
    *,
    merged: Path | None = None,
    final: bool = False,
    with_scores: bool = False,
    language: str | None = None,
    progress: Progress | None = None,
) -> LetterExport:
    letters = collect_letters(
        store, slugs, round_, final=final, with_scores=with_scores, language=language
    )
    if not letters:
        raise ValueError(_("there are no letters to write: no decided candidatures match"))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = [f"{safe_file_name(f'{x.file_stem} {x.organisation}')}.pdf" for x in letters]
    work = Path(tempfile.mkdtemp(prefix=".jurydesk-letters-", dir=out_dir))
    total = len(letters) + (1 if merged else 0)
    try:
        for index, (letter, name) in enumerate(zip(letters, names, strict=True)):
            if progress:
                progress(index, total, letter.organisation)
            render_letters([letter], work / name, title=letter.subject)
        if merged is not None:
            if progress:
                progress(len(letters), total, str(merged))
            with atomic_path(Path(merged)) as tmp:
                render_letters(letters, tmp, title=_("Decision letters"))
        files = []
        for name in names:
            os.replace(work / name, out_dir / name)
            files.append(out_dir / name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if progress:
        progress(total, total, "")
    return LetterExport(
        len(letters),
        files,
        Path(merged) if merged else None,
        *flagged(letters),
        warnings=letter_warnings(letters),
    )


def letter_warnings(letters: list[Letter]) -> list[tuple[int, str, str]]:
    return [(x.candidature, x.organisation, w) for x in letters for w in x.warnings]


def warning_note(candidature: int, organisation: str, warning: str) -> str:
    return _("{candidature}. {organisation}: {warning}").format(
        candidature=candidature, organisation=organisation, warning=warning
    )
