"""A real PostgreSQL server for the shared-database tests.

JURYDESK_TEST_PG names a server (for example postgresql+psycopg://postgres@127.0.0.1:55432/
postgres); `.ci/run` installs and starts one and sets it, together with JURYDESK_REQUIRE_PG=1 so
that these tests fail rather than skip when the server is missing. Each test gets a database of
its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@pytest.fixture
def pg_url() -> Iterator[str]:
    server = os.environ.get("JURYDESK_TEST_PG")
    if not server:
        if os.environ.get("JURYDESK_REQUIRE_PG"):
            pytest.fail("JURYDESK_REQUIRE_PG is set but JURYDESK_TEST_PG names no server")
        pytest.skip("no PostgreSQL server (set JURYDESK_TEST_PG; .ci/run starts one)")
    name = f"jd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
