"""Text whose encoding nobody declared (a CSV file, a mail part without charset), decoded
without silent mojibake.

UTF-8 (with or without BOM) and UTF-16 with its BOM are certain. Windows-1252 is taken as is
only when every non-ASCII character it gives is one that Dutch, French, German or English text
uses (é, ë, ç, ß, €, curly quotes...): what Excel in Belgium writes. Anything else is detected
by charset-normalizer and returned as a *guess*: the caller shows it for the user to confirm
(the import report, the mail intake's problems) or refuses the file naming it. A GBK name is
never stored as ``Ê¾Àý×éÖ¯``.
"""

from __future__ import annotations

from dataclasses import dataclass

UTF8, UTF16, CP1252 = "utf-8", "utf-16", "windows-1252"
# Every non-ASCII character that Windows-1252 text in the languages of a Flemish call uses.
WESTERN = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœšžßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸŒŠŽ€‘’‚“”„–—…•·°§«»©®™²³½¼¾×\xa0"
)


@dataclass(frozen=True)
class Decoded:
    """``text`` read as ``encoding``; ``guessed`` when it was detected, not certain."""

    text: str
    encoding: str
    guessed: bool = False


def reads_as_western(text: str) -> bool:
    return all(ch.isascii() or ch in WESTERN for ch in text)


def decode_undeclared(raw: bytes, context: bytes = b"") -> Decoded | None:
    """The text of ``raw``; None when no encoding fits (the caller refuses it by name).
    ``context``: more bytes in the same encoding (a mail's subject beside its body), which
    make the detection of a short text surer."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(raw.decode("utf-16"), UTF16)
        except UnicodeDecodeError:
            return None
    try:
        return Decoded(raw.decode("utf-8-sig"), UTF8)
    except UnicodeDecodeError:
        pass
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and reads_as_western(western):
        return Decoded(western, CP1252)
    from charset_normalizer import from_bytes

    for match in from_bytes(context + b"\n" + raw if context else raw):
        try:
            return Decoded(decode_as(raw, match.encoding), display_name(match.encoding), True)
        except (LookupError, UnicodeDecodeError):
            continue
    return None


def decode_as(raw: bytes, encoding: str) -> str:
    """``raw`` in the encoding the user confirmed; LookupError for an unknown name and
    UnicodeDecodeError when the bytes do not fit it."""
    text = raw.decode(encoding)
    return text[1:] if text.startswith("\ufeff") else text


def display_name(encoding: str) -> str:
    """Python's codec name as people write it: ``gb18030`` -> ``GB18030``, ``cp1251`` ->
    ``windows-1251``."""
    name = encoding.lower().replace("_", "-")
    if name.startswith("cp125"):
        return "windows-" + name[2:]
    return name.upper() if name.startswith(("gb", "big5", "euc", "koi8", "iso")) else name
