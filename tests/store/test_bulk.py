"""insert_many stores exactly what SQLAlchemy's own executemany stores (the same column types
processed the same way), and falls back to it where a column's default is computed in
Python. `assert_same_as_sqlalchemy` also runs on PostgreSQL (tests/pg)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import event, select, text

from jurydesk.store import Store
from jurydesk.store.bulk import insert_many
from jurydesk.store.models import Candidature, Region

# every stored column but the keys, in the table's order
FIELDS = tuple(c.key for c in Candidature.__table__.c if c.key not in ("id", "region_id"))


def _rows(region: int, tag: str) -> list[dict[str, Any]]:
    start = datetime(2023, 6, 1, 23, 59, 59, 999_999, tzinfo=UTC)
    return [
        {
            "region_id": region,
            "organisation": f"Vzw {tag} {n} – “Ŝtraat” 陈",
            "organisation_key": f"vzw {tag} {n}",
            "contact": "Ann",
            "email": f"ann{n}@example.org",
            "phone": "",
            "title": "Samen\nsterker" if n % 2 else "",
            "summary": "",
            "received_at": start - timedelta(hours=n, microseconds=n),
            "channel": "e-mail",
            "challenges": [1, n % 4 + 1],
            "services": ["brugfunctie"] if n % 3 else [],
            "expertise": [],
            "requested_budget": None if n % 2 else Decimal("12345.67") + n,
            "attachments": [f"voorstel-{n}.pdf"] if n % 5 == 0 else [],
            "status": "received",
            "address": f"Straat {n}\n3000 Leuven",
            "withdrawn_reason": "",
        }
        for n in range(40)
    ]


def _stored(store: Store, tag: str) -> list[tuple[Any, ...]]:
    """Each row as the database holds it (text, numbers, JSON as stored), then as the ORM
    reads it back; the tag that tells the two batches apart taken out."""
    with store.reader() as session:
        raw = session.execute(
            text(
                f"SELECT {', '.join(FIELDS)} FROM candidatures WHERE organisation_key LIKE :k"
                " ORDER BY id"
            ),
            {"k": f"vzw {tag} %"},
        ).all()
        read = session.scalars(
            select(Candidature)
            .where(Candidature.organisation_key.like(f"vzw {tag} %"))
            .order_by(Candidature.id)
        ).all()
        return [
            tuple(
                v.replace(f" {tag} ", " ") if isinstance(v, str) else v
                for v in (*stored, *(getattr(c, name) for name in FIELDS))
            )
            for stored, c in zip(raw, read, strict=True)
        ]


def assert_same_as_sqlalchemy(store: Store) -> None:
    driver_batches: list[int] = []

    def seen(_conn, _cursor, _statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if executemany and context.compiled is None:  # SQL handed to the driver as it is
            driver_batches.append(len(parameters))

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        with store.session() as session:
            region = session.scalar(select(Region.id).order_by(Region.id))
            assert region is not None
            session.execute(Candidature.__table__.insert(), _rows(region, "sa"))
            insert_many(session.connection(), Candidature.__table__, _rows(region, "many"))
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert driver_batches == [40]  # one executemany, not SQLAlchemy's own
    ours, theirs = _stored(store, "many"), _stored(store, "sa")
    assert len(ours) == 40
    assert ours == theirs
    read = len(FIELDS)  # where the ORM's values begin
    assert ours[0][read + FIELDS.index("received_at")] == datetime(
        2023, 6, 1, 23, 59, 59, 999_999, tzinfo=UTC
    )
    assert ours[0][read + FIELDS.index("requested_budget")] == Decimal("12345.67")


def test_insert_many_stores_what_sqlalchemy_stores(demo_store):
    assert_same_as_sqlalchemy(demo_store)


def test_a_default_computed_in_python_falls_back_to_sqlalchemy(demo_store):
    with demo_store.session() as session:
        region = session.scalar(select(Region.id).order_by(Region.id))
        rows = [
            {k: v for k, v in row.items() if k not in ("phone", "status", "challenges")}
            for row in _rows(region, "fallback")
        ]
        insert_many(session.connection(), Candidature.__table__, rows)
    with demo_store.reader() as session:
        stored = session.scalars(
            select(Candidature).where(Candidature.organisation_key.like("vzw fallback %"))
        ).all()
    assert len(stored) == 40
    assert {(c.phone, c.status) for c in stored} == {("", "received")}
    assert all(c.challenges == [] for c in stored)


def test_nothing_to_insert_is_no_statement(demo_store):
    with demo_store.session() as session:
        before = session.scalar(select(Candidature.id).order_by(Candidature.id.desc()))
        insert_many(session.connection(), Candidature.__table__, [])
        assert session.scalar(select(Candidature.id).order_by(Candidature.id.desc())) == before
