"""The error a refused scoring action raises; its message is meant for the user."""


class ScoringError(ValueError):
    """A refused action: a locked score, a conflicted juror, a value off the scale, ..."""
