"""Candidature documents kept in the database: store, extraction, search, rendering; imports
the audit chain and the store."""

from jurydesk.documents.errors import DocumentError

__all__ = ["DocumentError"]
