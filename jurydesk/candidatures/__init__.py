"""Candidatures (kandidaturen): one organisation, one region."""
