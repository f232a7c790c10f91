"""A saved corpus of hostile files (tests/fixtures/hostile): candidature files, mail and
returns that once crashed or could crash a reader. Each is refused with a message or read as a
report; never a traceback, never a partial write."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from jurydesk.mail.intake import import_mailbox
from jurydesk.mail.read import parse
from jurydesk.packs.archive import PackError
from jurydesk.packs.returns import import_return
from jurydesk.store.models import AuditEvent, Candidature, Score
from tests.candidatures.test_hostile import import_or_refusal

CORPUS = Path(__file__).parent / "fixtures" / "hostile"


def _files(*suffixes: str) -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in suffixes)


@pytest.mark.parametrize("path", _files(".csv", ".xlsx"), ids=lambda p: p.name)
def test_candidature_files(store, path):
    report = import_or_refusal(store, path)
    with store.reader() as session:
        count = session.scalar(select(func.count(Candidature.id)))
    assert count == 0 or (report is not None and report.ok and count == report.written)


@pytest.mark.parametrize("path", _files(".eml"), ids=lambda p: p.name)
def test_mail(store, path):
    mail = parse(path.read_bytes(), path.name)
    assert mail.message_id
    report = import_mailbox(store, [path], "leuven", dry_run=False)
    assert len(report.items) == 1 and (report.items[0].reason or report.items[0].status)


@pytest.mark.parametrize("path", _files(".zip"), ids=lambda p: p.name)
def test_returns(demo_store, path):
    with demo_store.reader() as session:
        before = (
            session.scalar(select(func.count(Score.id))),
            session.scalar(select(func.count(AuditEvent.id))),
        )
    with pytest.raises(PackError):
        import_return(demo_store, path)
    with demo_store.reader() as session:
        after = (
            session.scalar(select(func.count(Score.id))),
            session.scalar(select(func.count(AuditEvent.id))),
        )
    assert after == before
