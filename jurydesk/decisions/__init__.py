"""Decisions: the jury's decision per candidature and round, and notes (service); imports
results, scoring and the rooms below them."""
