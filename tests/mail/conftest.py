from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.mail.smtp_server import SmtpServer


@pytest.fixture
def smtp_server(tmp_path_factory) -> Iterator[SmtpServer]:
    server = SmtpServer(tmp_path_factory.mktemp("smtp"))
    yield server
    server.stop()
