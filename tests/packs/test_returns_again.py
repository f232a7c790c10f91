"""A return imported before is recognised by its file's hash first: no backup, no payload
parsed, the report still names its juror and sequence; a batch backs up once, before its
first new file."""

from __future__ import annotations

from pathlib import Path

from jurydesk.packs.returns import import_returns, write_return
from jurydesk.scoring.scores import set_score
from jurydesk.store import Store
from jurydesk.store.backup import backups_dir
from tests.packs import test_packs
from tests.packs.test_packs import _score_all

offline = test_packs.offline  # the fixture: a juror, the pack, the juror's database


def _backups(store: Store) -> list[Path]:
    assert store.file is not None
    folder = backups_dir(store.file)
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_return_seen_before_is_known_by_its_hash(demo_store, offline, tmp_path):  # type: ignore[no-untyped-def]
    juror, criteria, _pack, mine = offline
    _score_all(mine, juror, 14, criteria)
    first = tmp_path / "r1.zip"
    write_return(mine, first)
    [report] = import_returns(demo_store, [first])
    assert report.written and not report.already_imported
    before = _backups(demo_store)
    assert before  # the first import backed up

    again = import_returns(demo_store, [first, first])
    assert [(r.already_imported, r.written) for r in again] == [(True, False), (True, False)]
    assert {(r.juror, r.sequence) for r in again} == {(juror, report.sequence)}
    assert _backups(demo_store) == before  # nothing new to write, nothing backed up

    # A batch of the old file and a new one: one backup, taken for the new file.
    with mine.session() as session:
        set_score(session, "jurylid", juror, 14, 1, criteria[0], 4, "beter")
    second = tmp_path / "r2.zip"
    write_return(mine, second)
    old, new = import_returns(demo_store, [first, second])
    assert old.already_imported and new.written and new.sequence > report.sequence
    assert len(_backups(demo_store)) == len(before) + 1
