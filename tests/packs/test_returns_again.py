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


def test_a_return_seen_before_is_not_opened_again(demo_store, offline, tmp_path):  # type: ignore[no-untyped-def]
    """The earlier import recorded whose return it was and its sequence: the same bytes are
    reported from that record, without unsealing them (the pack's key is not even needed); an
    import recorded by an earlier version (only its time) is still opened to report it."""
    from sqlalchemy import delete, select, update

    from jurydesk.packs.pack import PACK_KEY
    from jurydesk.store.models import Setting

    juror, criteria, _pack, mine = offline
    _score_all(mine, juror, 14, criteria)
    first = tmp_path / "r1.zip"
    write_return(mine, first)
    [report] = import_returns(demo_store, [first])
    with demo_store.session() as session:
        keys = session.execute(
            select(Setting.key, Setting.value).where(Setting.key.like(f"{PACK_KEY}:%"))
        ).all()
        session.execute(delete(Setting).where(Setting.key.like(f"{PACK_KEY}:%")))
    [again] = import_returns(demo_store, [first])
    assert again.already_imported and (again.juror, again.sequence) == (juror, report.sequence)
    with demo_store.session() as session:  # an earlier version's record, and the keys back
        session.execute(
            update(Setting)
            .where(Setting.key.like("pack_import:%"))
            .values(value="2026-06-01T10:00:00+00:00")
        )
        session.add_all(Setting(key=k, value=v) for k, v in keys)
    [old] = import_returns(demo_store, [first])
    assert old.already_imported and (old.juror, old.sequence) == (juror, report.sequence)
