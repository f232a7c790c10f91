"""Hostile bytes never crash the document store: a DocumentError or a stored document."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jurydesk.demo.generate import make_docx, make_pdf
from jurydesk.documents.errors import DocumentError
from jurydesk.documents.service import prepare

PDF = make_pdf("Voorstel", [["kinderopvang"], ["actieplan"]])
DOCX = make_docx([("Heading1", "Plan"), ("", "taalondersteuning")])


def _check(name: str, data: bytes) -> None:
    try:
        item = prepare(name, data)
    except DocumentError as exc:
        assert str(exc)
    else:
        assert item.extracted.pages >= 1 and len(item.sha256) == 64


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096), st.sampled_from(["x.pdf", "x.docx", "x.txt", "x"]))
def test_random_bytes(data, name):
    _check(name, data)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_damaged_pdf_and_word_files(data):
    base = data.draw(st.sampled_from([PDF, DOCX]))
    cut = data.draw(st.integers(0, len(base)))
    flips = data.draw(st.lists(st.integers(0, len(base) - 1), max_size=8))
    damaged = bytearray(base[:cut] if data.draw(st.booleans()) else base)
    for position in flips:
        if position < len(damaged):
            damaged[position] ^= 0xFF
    _check("beschadigd", bytes(damaged))


def test_a_word_file_whose_xml_is_broken():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", b"<w:document><unclosed>")
    _check("kapot.docx", out.getvalue())


def test_a_word_file_that_needs_an_unknown_zip_version():
    """Found by the fuzzer: zipfile raises NotImplementedError for 'zip file version 23.5'."""
    data = bytearray(DOCX)
    for start in range(len(data)):
        if data[start : start + 4] in (b"PK\x03\x04", b"PK\x01\x02"):
            offset = 4 if data[start + 2] == 3 else 6  # "version needed to extract"
            data[start + offset] = 0xEB
    _check("nieuw.docx", bytes(data))
