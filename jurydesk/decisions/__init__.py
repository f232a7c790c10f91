"""Decisions: the jury's decision per candidature and round, and notes (service); the guards on
a decision (guards), the consensus per candidature (consensus) and the meeting that records it
all (meetings); imports results, scoring and the rooms below them."""
