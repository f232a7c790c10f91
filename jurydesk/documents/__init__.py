"""Candidature documents kept in the database: store, extraction, search, rendering."""

from jurydesk.documents.errors import DocumentError

__all__ = ["DocumentError"]
