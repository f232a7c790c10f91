"""Rebuttals (weerwoord): the window per decision, intake and re-assessment."""
