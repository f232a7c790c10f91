"""Rebuttals (weerwoord): the window per decision, intake and re-assessment; imports scoring,
regions, the audit chain and the store."""
