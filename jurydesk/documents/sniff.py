"""What a file is, from its content (never its extension), and whether it may be stored.

Accepted: PDF, Word (DOCX), plain text, PNG and JPEG. OpenDocument text is refused with a
clear reason: no well-kept reader library for it exists that JuryDesk could depend on
(odfpy's last release is from 2020), and a proposal saved as PDF or DOCX reads the same.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
import zlib
from pathlib import PurePosixPath, PureWindowsPath

from jurydesk.documents.errors import DocumentError
from jurydesk.i18n import _

PDF, DOCX, TEXT, PNG, JPEG = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text/plain",
    "image/png",
    "image/jpeg",
)
ODT = "application/vnd.oasis.opendocument.text"
ACCEPTED = (PDF, DOCX, TEXT, PNG, JPEG)
DEFAULT_MAX_BYTES = 50 * 2**20
# A Word file is a zip: refuse one that unpacks to far more than a proposal ever holds.
MAX_UNZIPPED = 200 * 2**20
MAX_RATIO = 200
MAX_ENTRIES = 5000
MAX_NAME = 200
# a high ratio alone is no bomb: a small, repetitive file compresses well; only a large one
# that does is refused as one
RATIO_FLOOR = 10 * 2**20
# deeper than any Word document nests (tables in tables stay far below): the readers recurse
MAX_DEPTH = 256
MAX_IMAGE_PIXELS = 50_000_000


def clean_name(raw: str) -> str:
    """The file name alone: no folders, no control characters, at most 200 characters."""
    name = PureWindowsPath(PurePosixPath(raw.replace("\\", "/")).name).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    if not name:
        raise DocumentError(_("'{name}': the file name is empty").format(name=raw))
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if dot and len(ext) < 10 else name
        name = name[:MAX_NAME]
    return name


def _zip_kind(name: str, data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise DocumentError(
            _("'{name}': a damaged Word file (not a readable zip)").format(name=name)
        ) from None
    if len(infos) > MAX_ENTRIES:
        raise DocumentError(_("'{name}': too many parts for a document").format(name=name))
    unpacked = sum(info.file_size for info in infos)
    ratio_bomb = unpacked > RATIO_FLOOR and unpacked > MAX_RATIO * max(len(data), 1)
    if unpacked > MAX_UNZIPPED or ratio_bomb:
        raise DocumentError(
            _("'{name}': unpacks to {mb} MB, refused as a zip bomb").format(
                name=name, mb=unpacked // 2**20
            )
        )
    names = {info.filename for info in infos}
    if "word/document.xml" in names:
        _check_depth(name, archive)
        return DOCX
    if "mimetype" in names:
        try:
            kind = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        except (
            zipfile.BadZipFile,
            OSError,
            ValueError,
            EOFError,
            RuntimeError,
            NotImplementedError,
        ):
            kind = ""
        if kind == ODT:
            raise DocumentError(
                _(
                    "'{name}': OpenDocument text is not supported; save it as PDF or Word (DOCX)"
                ).format(name=name)
            )
    raise DocumentError(
        _("'{name}': a zip archive that is not a Word document is not accepted").format(name=name)
    )


def _check_depth(name: str, archive: zipfile.ZipFile) -> None:
    """Refuse a Word file whose text nests deeper than MAX_DEPTH (the readers recurse on it),
    and say so: it is not a zip bomb."""
    from xml.etree.ElementTree import ParseError, XMLPullParser

    parser = XMLPullParser(events=("start", "end"))
    depth = 0
    try:
        with archive.open("word/document.xml") as part:
            while chunk := part.read(65536):
                parser.feed(chunk)
                for event, element in parser.read_events():
                    if event == "start":
                        depth += 1
                        if depth > MAX_DEPTH:
                            raise DocumentError(
                                _(
                                    "'{name}': the document's text is nested more than {n} "
                                    "levels deep, which no Word document needs; refused"
                                ).format(name=name, n=MAX_DEPTH)
                            )
                    else:
                        depth -= 1
                        element.clear()
    except (
        ParseError,
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ):
        raise DocumentError(
            _("'{name}': a damaged Word file (its text is not readable XML)").format(name=name)
        ) from None


def _check_image(name: str, data: bytes) -> None:
    """Decode a PNG or JPEG whole: a damaged one is refused, not accepted on its first bytes."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise DocumentError(
                        _("'{name}': an image of {w} × {h} pixels is too large").format(
                            name=name, w=width, h=height
                        )
                    )
                image.load()
    except DocumentError:
        raise
    except (
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise DocumentError(
            _("'{name}': a damaged image ({reason})").format(name=name, reason=exc)
        ) from None


def _is_text(data: bytes) -> bool:
    from jurydesk.textcodec import decode_undeclared

    decoded = decode_undeclared(data)
    if decoded is None:
        return False
    text = decoded.text
    sample = text[:20000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return controls == 0


def too_large(name: str, size: int, limit: int) -> DocumentError:
    return DocumentError(
        _("'{name}': {size} MB is over the limit of {limit} MB").format(
            name=name, size=round(size / 2**20, 1), limit=round(limit / 2**20, 1)
        )
    )


def sniff(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The media type of ``data``, or DocumentError naming ``name`` and the reason."""
    if not data:
        raise DocumentError(_("'{name}': the file is empty").format(name=name))
    if len(data) > max_bytes:
        raise too_large(name, len(data), max_bytes)
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_image(name, data)
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        _check_image(name, data)
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(name, data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(
            _("'{name}': an old Word (.doc) file is not accepted; save it as DOCX or PDF").format(
                name=name
            )
        )
    if _is_text(data):
        return TEXT
    raise DocumentError(
        _("'{name}': not a PDF, Word (DOCX), text, PNG or JPEG file").format(name=name)
    )
