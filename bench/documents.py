"""Documents benchmarks (`python -m bench.documents`, also run by `make bench`): each figure
beside a floor measured in the same run. Writes the "Documents" section of BENCHMARKS.md."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench import sections

HEADING = "## Documents"
WORDS = [
    "kinderopvang",
    "trajectgezel",
    "taalondersteuning",
    "outreach",
    "brugfiguur",
    "werkgevers",
    "mobiliteit",
    "huisvesting",
    "netwerk",
    "vertrouwensband",
    "actieplan",
    "begroting",
    "vorming",
    "rijbewijs",
    "buddy",
]


def _proposal_pages(seed: int, pages: int) -> list[list[str]]:
    return [
        [
            "# Hoofdstuk " + str(p + 1),
            " ".join(WORDS[(seed + p + i) % len(WORDS)] for i in range(400)),
        ]
        for p in range(pages)
    ]


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms (max {max(samples) * 1000:.1f})"


def first_page_rows() -> list[tuple[str, str, str]]:
    import pypdfium2 as pdfium

    from jurydesk.demo.generate import make_pdf
    from jurydesk.documents.render import PageRenderer

    data = make_pdf("Voorstel van 60 pagina's", _proposal_pages(1, 60))
    renderer = PageRenderer()
    renderer.start()
    first, nxt, floor_first, floor_next = [], [], [], []
    for _ in range(7):
        t = time.perf_counter()
        renderer.open(data)
        renderer.render(0, 1.5)
        first.append(time.perf_counter() - t)
        t = time.perf_counter()
        renderer.render(1, 1.5)
        nxt.append(time.perf_counter() - t)
        t = time.perf_counter()
        pdf = pdfium.PdfDocument(data)
        bitmap = pdf[0].render(scale=1.5, rev_byteorder=True)
        bytes(bitmap.buffer)
        floor_first.append(time.perf_counter() - t)
        t = time.perf_counter()
        bytes(pdf[1].render(scale=1.5, rev_byteorder=True).buffer)
        floor_next.append(time.perf_counter() - t)
        pdf.close()
    renderer.close()
    ratio = statistics.median(first) / statistics.median(floor_first)
    return [
        (
            "first page of a 60-page proposal rendered (renderer process warm, 1.5x); floor: "
            "pypdfium2 opening and rendering the same page in-process",
            f"{_ms(first)}; floor {_ms(floor_first)}; ratio {ratio:.1f}x",
            "< 150 ms",
        ),
        (
            "next page of that proposal; floor: pypdfium2 rendering it in-process",
            f"{_ms(nxt)}; floor {_ms(floor_next)}",
            "< 50 ms",
        ),
    ]


def search_rows(tmp: Path) -> list[tuple[str, str, str]]:
    """2,000 candidatures with two 10-page documents each; a search per keystroke."""
    from sqlalchemy import insert, select

    from jurydesk.documents.extract import fold
    from jurydesk.documents.search import search_documents
    from jurydesk.setup import initialise
    from jurydesk.store import open_store
    from jurydesk.store.models import Candidature, Document, DocumentBlob, DocumentPage, Region
    from jurydesk.timeutil import local

    path = tmp / "search.sqlite"
    store = open_store(f"sqlite:///{path.as_posix()}")
    initialise(store, demo=False)
    with store.session() as session:
        region = session.scalar(select(Region.id).where(Region.slug == "leuven"))
        when = local(date(2023, 6, 1), 10, 0)
        session.execute(
            insert(Candidature),
            [
                {
                    "region_id": region,
                    "organisation": f"Organisatie {i} vzw",
                    "organisation_key": f"organisatie {i} vzw",
                    "contact": "C",
                    "email": "c@x.example",
                    "title": "T",
                    "received_at": when,
                }
                for i in range(2000)
            ],
        )
        ids = list(session.scalars(select(Candidature.id)))
        blobs, docs = [], []
        for n, cand in enumerate(ids):
            for k in range(2):
                sha = hashlib.sha256(f"{n}-{k}".encode()).hexdigest()
                blobs.append({"sha256": sha, "size": 1, "data": b"x"})
                docs.append(
                    {
                        "candidature_id": cand,
                        "sha256": sha,
                        "name": f"{n}-{k}.pdf",
                        "media_type": "application/pdf",
                        "size": 1,
                        "pages": 10,
                        "text_chars": 1,
                        "added_at": when,
                        "added_by": "bench",
                    }
                )
        session.execute(insert(DocumentBlob), blobs)
        session.execute(insert(Document), docs)
        doc_ids = list(session.scalars(select(Document.id)))
        pages = []
        rng = random.Random(11)
        vocabulary = [f"woord{i}" for i in range(5000)]
        for doc in doc_ids:
            for p in range(1, 11):
                words = rng.choices(vocabulary, k=300)
                if rng.random() < 0.1:  # one page in ten speaks of one of the key words
                    words[rng.randrange(300)] = rng.choice(WORDS)
                pages.append({"document_id": doc, "page": p, "text": " ".join(words), "folded": ""})
        session.execute(insert(DocumentPage), pages)
    query = "kinderopvang"
    app, floor = [], []
    raw = sqlite3.connect(path)
    for _ in range(3):
        for end in range(3, len(query) + 1):
            typed = query[:end]
            t = time.perf_counter()
            with store.reader() as session:
                search_documents(session, typed, "leuven", limit=100)
            app.append(time.perf_counter() - t)
            t = time.perf_counter()
            raw.execute(
                "SELECT rowid FROM document_fts WHERE document_fts MATCH ? LIMIT 100",
                (f'"{fold(typed)}"*',),
            ).fetchall()
            floor.append(time.perf_counter() - t)
    raw.close()
    store.close()
    return [
        (
            f"search per keystroke ('kin' … 'kinderopvang') over 2,000 candidatures with two "
            f"10-page documents each ({len(pages):,} pages); floor: the bare FTS5 query "
            "(no join, no snippet)",
            f"{_ms(app)}; floor {_ms(floor)}",
            "< 50 ms",
        )
    ]


def adding_rows(tmp: Path, count: int = 100) -> list[tuple[str, str, str]]:
    """Adding ~2 MB proposals (extraction included) vs hashing + inserting the same bytes."""
    from sqlalchemy import insert

    from jurydesk.demo.generate import make_pdf
    from jurydesk.documents.service import add_documents, prepare
    from jurydesk.setup import initialise
    from jurydesk.store import open_store
    from jurydesk.store.models import DocumentBlob

    base = make_pdf("Voorstel", _proposal_pages(3, 10))
    padding = b"\n%" + b"0" * (2 * 2**20 - len(base))  # a PDF comment: ~2 MB, as with images
    files = [base + padding + str(i).encode() for i in range(count)]
    store = open_store(f"sqlite:///{(tmp / 'add.sqlite').as_posix()}")
    initialise(store, demo=True)
    t = time.perf_counter()
    for i, data in enumerate(files):
        with store.session() as session:
            add_documents(session, "bench", 1 + i % 26, [prepare(f"{i}.pdf", data)])
    app = time.perf_counter() - t
    floor_store = open_store(f"sqlite:///{(tmp / 'floor.sqlite').as_posix()}")
    initialise(floor_store, demo=False)
    t = time.perf_counter()
    for data in files:
        with floor_store.session() as session:
            session.execute(
                insert(DocumentBlob),
                [{"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "data": data}],
            )
    floor = time.perf_counter() - t
    store.close()
    floor_store.close()
    per = app / count
    return [
        (
            f"adding {count} proposals of 2 MB (10 pages, extraction and index included), "
            "one transaction each; floor: hashing + inserting the same bytes",
            f"{app:.2f} s ({per * 1000:.0f} ms each, 2,000 ≈ {per * 2000:.0f} s); "
            f"floor {floor:.2f} s; ratio {app / floor:.1f}x",
            "report",
        )
    ]


def memory_row() -> tuple[str, str, str]:
    from bench.children import json_child

    m = json_child("bench.reader_memory", timeout=600)
    return (
        "peak memory of the app with the reader open on a 200-page proposal, scrolled from "
        "the first page to the last (demo database; the renderer is a process of its own)",
        f"{m['app_peak_mb']} MB (before the window: {m['peak_before_window_mb']} MB)",
        "< 300 MB",
    )


def rows() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        return [
            *first_page_rows(),
            *search_rows(Path(tmp)),
            *adding_rows(Path(tmp)),
            memory_row(),
        ]


def write_section(results: list[tuple[str, str, str]], write: bool = True) -> str:
    return sections.write_section(HEADING, "python -m bench.documents", results, write)


def main() -> int:
    print(write_section(rows()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
