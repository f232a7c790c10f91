from __future__ import annotations

import pytest

from jurydesk.candidatures.service import list_candidatures
from tests.signed import add_signed_juror


@pytest.fixture
def jury(demo_store):
    """Three fresh jurors on both Leuven panels, in a demo database; returns (store, ids, cands)."""
    with demo_store.session() as session:
        ids = [
            add_signed_juror(
                session, "test", f"Jurylid {i}", "expert", panels=[("leuven", 1), ("leuven", 2)]
            )
            for i in range(3)
        ]
    with demo_store.reader() as session:
        candidatures = [c.id for c in list_candidatures(session, "leuven")]
    return demo_store, ids, candidatures
