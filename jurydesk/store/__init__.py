"""The store, the only place that knows how data is kept: opening it, the schema versions, the
models (one Base in base.py), lock and backups; imports nothing of ours but paths."""

from jurydesk.store.errors import StoreError
from jurydesk.store.store import Store, open_store

__all__ = ["Store", "StoreError", "open_store"]
