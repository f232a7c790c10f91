"""Regions (werkingsgebieden): their addendum content, as data."""
