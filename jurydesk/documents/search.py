"""Full-text search across the stored documents: SQLite FTS5 (accents folded by its tokenizer)
or PostgreSQL full text over the folded text, with a snippet around the first hit.

Every word typed is a prefix ("kinderop" finds "kinderopvang") and all words must occur on the
same page. SQLite returns pages in the order they were stored (candidature by candidature),
which stops at the limit without scoring every match: that keeps a search per keystroke
fast when a short prefix matches most pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from jurydesk.documents.extract import fold
from jurydesk.documents.sniff import PDF

START, END = "\x02", "\x03"
WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


@dataclass(frozen=True)
class SearchHit:
    candidature: int
    organisation: str
    document: int
    document_name: str
    page: int | None  # None for a file without pages (Word, text)
    snippet: str  # with START/END around each hit

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(START, "").replace(END, "")

    def to_json(self) -> dict[str, Any]:
        return {
            "candidature": self.candidature,
            "organisation": self.organisation,
            "document": self.document,
            "document_name": self.document_name,
            "page": self.page,
            "snippet": self.plain_snippet,
        }


def terms(query: str) -> list[str]:
    return WORD.findall(fold(query))[:MAX_TERMS]


def _fts5_query(words: list[str]) -> str:
    return " ".join(f'"{w}"*' for w in words)


_SQLITE = """
SELECT d.candidature_id, c.organisation, d.id, d.name, d.media_type, p.page,
       snippet(document_fts, 0, :start, :end, '…', 14)
FROM document_fts
JOIN document_pages p ON p.id = document_fts.rowid
JOIN documents d ON d.id = p.document_id
JOIN candidatures c ON c.id = d.candidature_id
JOIN regions r ON r.id = c.region_id
WHERE document_fts MATCH :query AND (:slug IS NULL OR r.slug = :slug)
LIMIT :limit
"""

_POSTGRES = """
SELECT d.candidature_id, c.organisation, d.id, d.name, d.media_type, p.page, p.text
FROM document_pages p
JOIN documents d ON d.id = p.document_id
JOIN candidatures c ON c.id = d.candidature_id
JOIN regions r ON r.id = c.region_id
WHERE to_tsvector('simple', p.folded) @@ to_tsquery('simple', :query)
  AND (CAST(:slug AS TEXT) IS NULL OR r.slug = :slug)
ORDER BY ts_rank(to_tsvector('simple', p.folded), to_tsquery('simple', :query)) DESC,
         d.candidature_id, p.page
LIMIT :limit
"""


def make_snippet(page_text: str, words: list[str], width: int = 90) -> str:
    """The text around the first hit, each word that starts with a search term marked."""
    folded = fold(page_text)
    if len(folded) != len(page_text):  # a character that folds to several: no offsets
        page_text = folded
    first = min(
        (m.start() for w in words for m in [re.search(r"\b" + re.escape(w), folded)] if m),
        default=0,
    )
    lo = max(0, first - width // 3)
    hi = min(len(page_text), lo + width)
    piece, fpiece = page_text[lo:hi], folded[lo:hi]
    out, pos = [], 0
    for m in re.finditer(r"\w+", fpiece):
        if any(m.group().startswith(w) for w in words):
            out += [piece[pos : m.start()], START, piece[m.start() : m.end()], END]
            pos = m.end()
    out.append(piece[pos:])
    snippet = " ".join("".join(out).split())
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(page_text) else "")


def search_documents(
    session: Session, query: str, slug: str | None = None, limit: int = 200
) -> list[SearchHit]:
    words = terms(query)
    if not words:
        return []
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        rows = session.execute(
            text(_POSTGRES),
            {"query": " & ".join(f"{w}:*" for w in words), "slug": slug, "limit": limit},
        )
    else:
        rows = session.execute(
            text(_SQLITE),
            {
                "query": _fts5_query(words),
                "slug": slug,
                "limit": limit,
                "start": START,
                "end": END,
            },
        )
    hits = []
    for cand, organisation, doc, name, media_type, page, snippet in rows:
        snippet = make_snippet(snippet, words) if postgres else " ".join(snippet.split())
        hits.append(
            SearchHit(cand, organisation, doc, name, page if media_type == PDF else None, snippet)
        )
    return hits
