"""Scoring: rubric, jury, conflicts, blind autosaved scores, aggregation, decisions."""
