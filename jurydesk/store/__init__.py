"""The store: the only place that knows how data is kept."""

from jurydesk.store.errors import StoreError
from jurydesk.store.store import Store, open_store

__all__ = ["Store", "StoreError", "open_store"]
