"""Candidatures (kandidaturen), one organisation in one region: columns, reading tables,
validation, flags (rules), edits and services; imports regions, documents, the audit chain
and the store."""
