"""Errors the store raises with a message meant for the user."""


class StoreError(RuntimeError):
    """The database cannot be opened or used as asked; the message says why."""
