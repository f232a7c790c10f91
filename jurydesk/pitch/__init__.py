"""Pitch day: the running order of the round-2 pitches and the pitch timer; imports results,
regions and the store."""
