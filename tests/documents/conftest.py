from __future__ import annotations

import pytest

from jurydesk.candidatures.rules import region_rules
from jurydesk.store.models import Candidature


@pytest.fixture
def cand(demo_store) -> int:
    """A Leuven demo candidature (it already has its demo proposal)."""
    with demo_store.reader() as session:
        rules = region_rules(session, "leuven")
        return session.query(Candidature.id).filter_by(region_id=rules.region_id).first()[0]
