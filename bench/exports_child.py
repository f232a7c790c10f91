"""Child process for the export benchmarks: prints one JSON object.

``workbook DB`` exports the whole database (its own peak memory is the figure);
``letters`` renders the demo letters many times over into one merged PDF, against a raw
canvas baseline that draws the same lines with the same embedded font, and against the
office-suite route (LibreOffice converting letters to PDF) when LibreOffice is installed.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.children import peak_mb


def workbook(db: Path, out: Path) -> dict[str, float | None]:
    from jurydesk.exports.workbook import export_workbook
    from jurydesk.store import open_store

    store = open_store(f"sqlite:///{db.as_posix()}", write=False)
    baseline = peak_mb()
    started = time.perf_counter()
    export_workbook(store, out)
    elapsed = time.perf_counter() - started
    store.close()
    return {
        "seconds": elapsed,
        "peak_mb": peak_mb(),
        "baseline_mb": baseline,
        "mb": out.stat().st_size / 2**20,
    }


def _letters(copies: int):  # type: ignore[no-untyped-def]
    from jurydesk.exports.letters import collect_letters
    from jurydesk.setup import initialise
    from jurydesk.store import open_store

    tmp = Path(tempfile.mkdtemp())
    store = open_store(f"sqlite:///{(tmp / 'demo.sqlite').as_posix()}")
    initialise(store, demo=True)
    letters = collect_letters(store, with_scores=True)
    store.close()
    shutil.rmtree(tmp, ignore_errors=True)
    # Every copy is a different letter: its own addressee, reference and jury motivations, so
    # that nothing is faster merely because the very same letter was laid out before.
    out = []
    for n in range(copies):
        for letter in letters:
            tag = f" [{n}]"
            out.append(
                replace(
                    letter,
                    organisation=letter.organisation + tag,
                    reference=letter.reference + tag,
                    addressee=[line + tag for line in letter.addressee],
                    salutation=letter.salutation.replace(",", f"{tag},"),
                    paragraphs=[p + tag for p in letter.paragraphs],
                    criteria=[
                        replace(c, motivations=[m + tag for m in c.motivations])
                        for c in letter.criteria
                    ],
                )
            )
    return out


def _raw_canvas(letters, target: io.BytesIO) -> int:  # type: ignore[no-untyped-def]
    """The floor: the letters' text drawn straight onto a canvas, no layout engine, but the
    same work a letter's page has: regular and bold faces, lines wrapped to the same width by
    measuring them, the headings, the reference table with its rule."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from jurydesk.letters.fonts import FACES, register_fonts

    register_fonts()
    regular, bold = FACES["normal"], FACES["bold"]
    width = A4[0] - 50 * mm
    canvas = Canvas(target, pagesize=A4, initialFontName=regular)
    pages = 0
    for letter in letters:
        lines: list[tuple[str, str]] = [(bold, letter.sender)]
        lines += [(regular, t) for t in (*letter.sender_lines, *letter.addressee)]
        lines += [(bold, f"{letter.subject_label}: {letter.subject}"), (regular, letter.salutation)]
        lines += [(regular, t) for t in letter.paragraphs]
        if letter.criteria:
            lines.append((bold, letter.motivation_heading))
        for c in letter.criteria:
            lines += [(bold, c.label), (regular, c.score_line)]
            lines += [(regular, m) for m in c.motivations]
        lines += [(regular, t) for t in (*letter.rebuttal, letter.closing)]
        lines += [(bold, s.name) for s in letter.signatories]
        y = 800.0
        canvas.setLineWidth(0.5)
        canvas.line(70, 640, 70 + width, 640)
        columns = (70, 70 + width * 0.4, 70 + width * 0.75)
        for x, (label, value) in zip(columns, letter.references, strict=False):
            canvas.setFont(regular, 7.5)
            canvas.drawString(x, 630, label)
            canvas.setFont(regular, 9.5)
            canvas.drawString(x, 616, value)
        for face, line in lines:
            canvas.setFont(face, 10)
            for part in simpleSplit(line, face, 10, width) or [""]:
                if y < 60:
                    canvas.showPage()
                    canvas.setFont(face, 10)
                    pages += 1
                    y = 800.0
                canvas.drawString(70, y, part)
                y -= 14
        canvas.showPage()
        pages += 1
    canvas.save()
    return pages


def _libreoffice(letters, tmp: Path) -> float | None:  # type: ignore[no-untyped-def]
    """Letters per second through LibreOffice headless (HTML letters converted to PDF)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    from html import escape

    sources = []
    for index, letter in enumerate(letters):
        body = "".join(
            f"<p>{escape(p)}</p>"
            for p in [
                letter.sender,
                *letter.addressee,
                letter.subject,
                letter.salutation,
                *letter.paragraphs,
                *[m for c in letter.criteria for m in (c.label, c.score_line, *c.motivations)],
                *letter.rebuttal,
                letter.closing,
            ]
        )
        path = tmp / f"brief-{index:04d}.html"
        path.write_text(f"<html><body>{body}</body></html>", "utf-8")
        sources.append(str(path))
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--terminate_after_init"],
        capture_output=True,
        timeout=300,
        check=False,
    )  # first-start profile
    started = time.perf_counter()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(tmp / "pdf"),
            *sources,
        ],
        capture_output=True,
        timeout=900,
        check=True,
    )
    elapsed = time.perf_counter() - started
    return len(letters) / elapsed


def letters() -> dict[str, float | None]:
    from pypdf import PdfReader

    from jurydesk.letters.render import render_letters

    batch = _letters(copies=12)
    render_letters(batch[:5], io.BytesIO())  # fonts and styles loaded once, as in the app
    _raw_canvas(batch[:5], io.BytesIO())
    # Interleaved, five of each: the machine's load changes from second to second and falls
    # on both alike; the best of each is the figure (noise only ever adds time).
    samples, raw = [], []
    for _ in range(5):
        buffer = io.BytesIO()
        started = time.perf_counter()
        render_letters(batch, buffer)
        samples.append(time.perf_counter() - started)
        started = time.perf_counter()
        raw_pages = _raw_canvas(batch, io.BytesIO())
        raw.append(time.perf_counter() - started)
    pages = len(PdfReader(io.BytesIO(buffer.getvalue())).pages)
    with tempfile.TemporaryDirectory() as tmp:
        office = _libreoffice(batch[:48], Path(tmp))
    best, raw_best = min(samples), min(raw)
    return {
        "letters": len(batch),
        "pages": pages,
        "seconds": best,
        "pages_per_s": pages / best,
        "raw_pages_per_s": raw_pages / raw_best,
        "raw_pages": raw_pages,
        "raw_letters_per_s": len(batch) / raw_best,
        "letters_per_s": len(batch) / best,
        "office_letters_per_s": office,
    }


if __name__ == "__main__":
    if sys.argv[1] == "workbook":
        result = workbook(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        result = letters()
    print(json.dumps(result))
