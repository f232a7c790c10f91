"""Child of the floors suite: a database of N candidatures (regions of 40, a jury that grows
with them, every score through the bulk path), then, interleaved in this one process,

* the juror's worklist refreshed after every autosaved score edit, beside its floor: the same
  three questions (the region's candidatures, the juror's scored counts, the finalised ones)
  on raw sqlite3;
* the letters of a region collected from the database (``decision_letters``, round 1, scores
  shown) beside the floor of their scores query alone on raw sqlite3.

python -m bench.worklist_child N DB   # prints one JSON object
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path

PER_REGION = 40
EDITS = 300

FLOOR_LIST = (
    "SELECT c.id, c.organisation FROM candidatures c WHERE c.region_id = ?"
    " AND c.status != 'withdrawn' AND NOT EXISTS (SELECT 1 FROM conflicts k"
    "  WHERE k.juror_id = ? AND k.candidature_id = c.id) ORDER BY c.id"
)
FLOOR_SCORED = (
    "SELECT candidature_id, count(*) FROM scores WHERE juror_id = ? AND round = ?"
    " AND value IS NOT NULL GROUP BY candidature_id"
)
FLOOR_FINAL = (
    "SELECT candidature_id FROM evaluations WHERE juror_id = ? AND round = ?"
    " AND finalized_at IS NOT NULL"
)
FLOOR_LETTERS = (
    "SELECT s.candidature_id, s.criterion, avg(s.value) FROM scores s"
    " JOIN candidatures c ON c.id = s.candidature_id WHERE c.region_id = ? AND s.round = ?"
    " AND s.value IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conflicts k"
    "  WHERE k.juror_id = s.juror_id AND k.candidature_id = s.candidature_id)"
    " GROUP BY s.candidature_id, s.criterion"
)


def _floor_worklist(connection: sqlite3.Connection, region: int, juror: int) -> int:
    rows = connection.execute(FLOOR_LIST, (region, juror)).fetchall()
    scored = dict(connection.execute(FLOOR_SCORED, (juror, 1)).fetchall())
    final = {c for (c,) in connection.execute(FLOOR_FINAL, (juror, 1))}
    return len([(c, o, scored.get(c, 0), c in final) for c, o in rows])


def main(size: int, db: Path) -> dict[str, object]:
    from sqlalchemy import event, insert, select, update

    from bench.generate import generate
    from bench.scoring import JURORS, generate_scores
    from jurydesk.jury.declarations import record_on_paper
    from jurydesk.jury.service import add_juror
    from jurydesk.letters.content import decision_letters
    from jurydesk.scoring.scores import set_score
    from jurydesk.scoring.worklist import read_worklist
    from jurydesk.settings.letters import LetterSettings, save_letter_settings
    from jurydesk.store import open_store
    from jurydesk.store.models import Candidature, Decision, Region, Setting

    store = open_store(f"sqlite:///{db.as_posix()}")
    regions = size // PER_REGION
    generate(store, regions=regions, candidatures=size)
    scores = generate_scores(store, jurors=max(7, JURORS * size // 2000))
    with store.session() as session:
        region, slug = session.execute(select(Region.id, Region.slug).order_by(Region.id)).first()  # type: ignore[misc]
        juror = add_juror(session, "bench", "Meetjurylid", "expert", panels=[(slug, 1)])
        record_on_paper(session, "bench", juror, slug, date(2023, 5, 1))  # before any score
        cands = list(session.scalars(select(Candidature.id).where(Candidature.region_id == region)))
        slugs = list(session.scalars(select(Region.slug).order_by(Region.id).limit(5)))
        region_ids = list(session.scalars(select(Region.id).order_by(Region.id).limit(5)))
        # Not selected after round 1 (an invitation to the pitch would need the pitch day).
        session.execute(
            update(Decision)
            .where(
                Decision.candidature_id.in_(
                    select(Candidature.id).where(Candidature.region_id.in_(region_ids))
                )
            )
            .values(outcome="not_selected")
        )
        session.execute(
            insert(Setting),
            [{"key": f"weerwoord_address:{s}", "value": f"weerwoord@{s}.example"} for s in slugs],
        )
        for s in slugs:  # letters are refused without a signatory
            save_letter_settings(session, s, LetterSettings("An Voorbeeld", "voorzitter"))
    floor = sqlite3.connect(db)
    floor.execute("PRAGMA foreign_keys=ON")
    mine, theirs = [], []
    for i in range(EDITS):
        with store.session() as session:  # the autosave
            set_score(session, "bench", juror, cands[i % len(cands)], 1, f"c{i % 8}", i % 5, "m")
        started = time.perf_counter()
        items = read_worklist(store, juror, slug, 1)  # what the scoring tab calls
        mine.append(time.perf_counter() - started)
        started = time.perf_counter()
        n = _floor_worklist(floor, region, juror)
        theirs.append(time.perf_counter() - started)
        assert n == len(items) == len(cands)
    letters, letters_floor, query = [], [], []
    sent: list[tuple[str, object]] = []

    def catch(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if "avg(scores.value)" in statement and "FROM scores" in statement:
            sent.append((statement, parameters))

    for _ in range(5):  # 25 samples: one region's query is a few ms, noisy here
        for slug_, region_ in zip(slugs, region_ids, strict=True):
            sent.clear()
            event.listen(store.engine, "before_cursor_execute", catch)
            started = time.perf_counter()
            with store.reader() as session:
                made = decision_letters(session, slug_, 1, "nl", with_scores=True)
            letters.append(time.perf_counter() - started)
            event.remove(store.engine, "before_cursor_execute", catch)
            [(statement, parameters)] = sent  # the letters' one scores query
            with store.reader() as session:
                started = time.perf_counter()
                got = session.connection().exec_driver_sql(statement, parameters).all()  # type: ignore[arg-type]
                query.append(time.perf_counter() - started)
            started = time.perf_counter()
            rows = floor.execute(FLOOR_LETTERS, (region_, 1)).fetchall()
            letters_floor.append(time.perf_counter() - started)
            assert made and len(rows) == len(got)
    floor.close()
    store.close()
    mine.sort()
    theirs.sort()
    return {
        "size": size,
        "regions": regions,
        "scores": scores,
        "p50_ms": statistics.median(mine) * 1000,
        "p99_ms": mine[int(0.99 * (len(mine) - 1))] * 1000,
        "floor_p50_ms": statistics.median(theirs) * 1000,
        "floor_p99_ms": theirs[int(0.99 * (len(theirs) - 1))] * 1000,
        "letters_ms": statistics.median(letters) * 1000,
        "letters_floor_ms": statistics.median(letters_floor) * 1000,
        "query_ms": statistics.median(query) * 1000,
        "letters_per_region": len(made),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), Path(sys.argv[2]))))
