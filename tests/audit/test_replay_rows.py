"""The weerwoorden' and declarations' replay on a database from before their events carried
every field (or before there were any): what the log does not know is taken as given."""

from __future__ import annotations

from sqlalchemy import select

from jurydesk.audit.replay import Difference
from jurydesk.audit.replay_rows import RowsLog, replay_rows
from jurydesk.store import Store
from jurydesk.store.meeting_models import Declaration
from jurydesk.store.models import Rebuttal


def _differences(demo_store: Store, log: RowsLog) -> list[Difference]:
    found: list[Difference] = []
    with demo_store.reader() as session:
        compared = replay_rows(session, log, found.append)
        rows = len(session.scalars(select(Rebuttal)).all())
        rows += len(session.scalars(select(Declaration)).all())
        assert compared == rows > 0
    return found


def test_rows_without_events_are_taken_as_given(demo_store: Store) -> None:
    assert _differences(demo_store, RowsLog()) == []


def test_an_old_reassessment_is_compared_on_what_it_carried(demo_store: Store) -> None:
    with demo_store.reader() as session:
        row = session.scalars(select(Rebuttal).where(Rebuttal.outcome.is_not(None))).first()
        assert row is not None
        key = f"{row.candidature_id}/{row.round}"
        motivation = row.outcome_motivation
    log = RowsLog()
    log.event("reassess", key, {"outcome": "rejected", "motivation": motivation})
    assert _differences(demo_store, log) == []
    log.event("reassess", key, {"outcome": "upheld", "motivation": motivation})
    assert [(d.key, d.problem) for d in _differences(demo_store, log)] == [
        (f"{key}/outcome", "differs")
    ]


def test_a_declaration_the_log_holds_and_the_table_lost(demo_store: Store) -> None:
    log = RowsLog()
    log.event("declaration", "99/leuven", {"how": "paper", "signed_at": "2023-05-01T10:00:00Z"})
    assert [(d.key, d.problem) for d in _differences(demo_store, log)] == [("99/leuven", "missing")]
    log.event("juror_remove", "99", None)
    assert _differences(demo_store, log) == []


def test_a_baseline_takes_what_the_database_held_as_given(demo_store: Store) -> None:
    log = RowsLog()
    log.event("declaration", "99/leuven", {"how": "paper", "signed_at": "2023-05-01T10:00:00Z"})
    log.event("baseline", "0011", {"scores": []})
    assert _differences(demo_store, log) == []
