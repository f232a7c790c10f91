"""Offline jurors: packs out to a juror, signed returns back, and the safe merge; imports
scoring, the audit chain and the store."""
