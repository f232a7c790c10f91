from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from jurydesk.candidatures.rules import region_rules
from jurydesk.candidatures.service import add_candidatures, list_candidatures
from jurydesk.candidatures.validate import CandidatureInput
from jurydesk.scoring.bulk import BulkScore, insert_scores
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.timeutil import BRUSSELS
from tests.signed import add_signed_juror


@pytest.fixture
def leuven(store):
    """Leuven with 10 candidatures and 6 jurors; returns (store, candidatures, jurors, keys)."""
    start = datetime(2023, 6, 1, 9, 0, tzinfo=BRUSSELS)
    with store.session() as session:
        add_candidatures(
            session,
            region_rules(session, "leuven"),
            [
                CandidatureInput(
                    row=i,
                    organisation=f"Org {i}",
                    contact="C",
                    email="c@x.example",
                    phone="",
                    title="T",
                    summary="",
                    received_at=start + timedelta(hours=i),
                    channel="e-mail",
                    challenges=[1],
                    services=["taalondersteuning"],
                    requested_budget=None,
                    attachments=[],
                )
                for i in range(10)
            ],
        )
        jurors = [
            add_signed_juror(session, "t", f"J{i}", "expert", panels=[("leuven", 1), ("leuven", 2)])
            for i in range(6)
        ]
    with store.reader() as session:
        candidatures = [c.id for c in list_candidatures(session, "leuven")]
        keys = [c.key for c in rubric_for(session, "leuven").round(1).criteria]
    return store, candidatures, jurors, keys


def put(store, values: dict[tuple[int, int], dict[str, float]], round_: int = 1) -> None:
    """Scores {(juror, candidature): {criterion: value}} through the bulk path."""
    with store.session() as session:
        insert_scores(
            session,
            "test",
            [
                BulkScore(j, c, round_, key, value)
                for (j, c), row in values.items()
                for key, value in row.items()
            ],
        )
