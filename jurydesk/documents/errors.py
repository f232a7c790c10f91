"""The one error of the document store: a file that is refused, with the reason."""

from __future__ import annotations


class DocumentError(Exception):
    """A document cannot be stored or read; the message names the file and the reason."""
