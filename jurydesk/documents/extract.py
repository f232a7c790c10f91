"""Text out of a stored file: per page for PDF (pypdfium2), the whole text for Word (mammoth)
and plain text, none for images. A file that cannot be read is refused with the reason."""

from __future__ import annotations

import io
import logging
import unicodedata
from dataclasses import dataclass

from jurydesk.documents.errors import DocumentError
from jurydesk.documents.sniff import DOCX, PDF, TEXT
from jurydesk.i18n import _
from jurydesk.textcodec import decode_undeclared

log = logging.getLogger(__name__)

MAX_PAGES = 2000


@dataclass(frozen=True)
class Extracted:
    pages: int
    texts: list[str]  # one per page; a file without pages has one

    @property
    def chars(self) -> int:
        return sum(len(t.strip()) for t in self.texts)


def fold(text: str) -> str:
    """Lower case without accents: 'Kinderopvang één' -> 'kinderopvang een'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _clean(text: str) -> str:
    return "".join(
        ch if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co") else " "
        for ch in text.replace("\r\n", "\n").replace("\r", "\n")
    )


def decode_text(data: bytes) -> str:
    """A plain-text proposal's text: UTF-8/UTF-16 when certain, Windows-1252 when it reads as
    Western text, else the encoding charset-normalizer detects (a GBK or Cyrillic file is not
    shown as mojibake); replacement characters only when nothing fits."""
    decoded = decode_undeclared(data)
    return decoded.text if decoded is not None else data.decode("cp1252", errors="replace")


def _pdf(name: str, data: bytes) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(
                _("'{name}': the PDF is protected with a password").format(name=name)
            ) from None
        log.info("PDFium on %s: %s", name, exc)  # its own words go to the log only (-v)
        raise DocumentError(_("'{name}': a damaged PDF").format(name=name)) from None
    try:
        count = len(pdf)
        if count == 0:
            raise DocumentError(_("'{name}': the PDF has no pages").format(name=name))
        if count > MAX_PAGES:
            raise DocumentError(
                _("'{name}': {n} pages is more than {max}").format(
                    name=name, n=count, max=MAX_PAGES
                )
            )
        texts = []
        for index in range(count):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(_clean(textpage.get_text_range()))
            textpage.close()
            page.close()
        return Extracted(count, texts)
    except pdfium.PdfiumError as exc:
        log.info("PDFium on %s: %s", name, exc)
        raise DocumentError(_("'{name}': a damaged PDF").format(name=name)) from None
    finally:
        pdf.close()


def _docx(name: str, data: bytes) -> Extracted:
    import mammoth

    try:
        result = mammoth.extract_raw_text(io.BytesIO(data))
    except Exception as exc:  # mammoth raises what its zip and XML readers raise
        raise DocumentError(
            _("'{name}': a damaged Word file ({error})").format(name=name, error=type(exc).__name__)
        ) from None
    return Extracted(1, [_clean(result.value)])


def extract(name: str, media_type: str, data: bytes) -> Extracted:
    if media_type == PDF:
        return _pdf(name, data)
    if media_type == DOCX:
        return _docx(name, data)
    if media_type == TEXT:
        return Extracted(1, [_clean(decode_text(data))])
    return Extracted(1, [""])  # an image: shown, no text
