"""Pitch day: the running order of the round-2 pitches and the pitch timer."""
