"""Child of the floors suite: one autosaved score edit with the database on tmpfs, where no
fsync costs anything, so what is left is the work of each side (issue 28: "both on tmpfs").

The Flanders-scale database (2,000 candidatures, 224,000 scores) is made in DIR (a tmpfs
folder); the floor edits a copy of it, in the same folder. Interleaved in this one process:
a hundred edits as the scoring tab saves them (`set_score` in one `store.session()`), then a
hundred on raw sqlite3 (bench.floors.raw_edits: the same checks, look-up, write, audit event
and head, same pragmas), four times over.

python -m bench.edit_child DIR   # prints one JSON object
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from datetime import date
from pathlib import Path

ROUNDS, PER_ROUND = 4, 100


def main(folder: Path) -> dict[str, object]:
    from sqlalchemy import select

    from bench.floors import raw_edits
    from bench.generate import generate
    from bench.scoring import CRITERIA, generate_scores, percentile
    from jurydesk.jury.declarations import record_on_paper
    from jurydesk.jury.service import add_juror
    from jurydesk.scoring.scores import set_score
    from jurydesk.store import open_store
    from jurydesk.store.models import Candidature, Region

    db, copy = folder / "edits.sqlite", folder / "edits-floor.sqlite"
    store = open_store(f"sqlite:///{db.as_posix()}")
    generate(store)
    scores = generate_scores(store)
    with store.session() as session:
        slug, region = session.execute(
            select(Region.slug, Region.id).order_by(Region.id).limit(1)
        ).one()
        juror = add_juror(session, "bench", "Meetjurylid", "expert", panels=[(slug, 1)])
        record_on_paper(session, "bench", juror, slug, date(2023, 5, 1))
        cands = list(session.scalars(select(Candidature.id).where(Candidature.region_id == region)))
    store.close()
    shutil.copyfile(db, copy)
    store = open_store(f"sqlite:///{db.as_posix()}")
    mine: list[float] = []
    theirs: list[float] = []
    for round_ in range(ROUNDS):
        for n in range(PER_ROUND):
            i = round_ * PER_ROUND + n  # every edit changes the score: a new motivation
            started = time.perf_counter()
            with store.session() as session:  # what ScoringView.save_score does
                set_score(
                    session,
                    f"jurylid:{juror}",
                    juror,
                    cands[i % len(cands)],
                    1,
                    f"c{i % CRITERIA}",
                    i % 5,
                    f"motivering {i}",
                )
            mine.append(time.perf_counter() - started)
        theirs += raw_edits(copy, juror, cands, PER_ROUND, start=round_ * PER_ROUND)
    store.close()
    for path in [*folder.glob(db.name + "*"), *folder.glob(copy.name + "*")]:
        path.unlink()
    return {
        "scores": scores,
        "edits": len(mine),
        "p50_ms": percentile(mine, 50) * 1000,
        "p99_ms": percentile(mine, 99) * 1000,
        "floor_p50_ms": percentile(theirs, 50) * 1000,
        "floor_p99_ms": percentile(theirs, 99) * 1000,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
