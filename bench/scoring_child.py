"""Child process for the scoring benchmark: prints one JSON object (its own peak memory)."""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from bench.children import peak_mb


def main(db: Path) -> None:
    from bench.scoring import database_size, generate_scores, percentile, score_edit_latencies
    from jurydesk.results.ranking import compute_all_results
    from jurydesk.store import open_store

    store = open_store(f"sqlite:///{db.as_posix()}")
    started = time.perf_counter()
    scores = generate_scores(store)
    generate = time.perf_counter() - started
    timings = []
    for _ in range(8):
        with store.reader() as session:
            started = time.perf_counter()
            results = compute_all_results(session)
            timings.append(time.perf_counter() - started)
    cold, timings = timings[0], timings[1:]
    edits = score_edit_latencies(store)
    from sqlalchemy import select

    from jurydesk.store.models import Candidature, Juror, Region

    with store.reader() as session:
        juror = session.scalar(select(Juror.id).where(Juror.name == "Meetjurylid"))
        region = session.scalar(select(Region.id).order_by(Region.id))
        cands = list(session.scalars(select(Candidature.id).where(Candidature.region_id == region)))
    store.close()
    import shutil

    from bench.floors import raw_edits, raw_results

    floor_results = raw_results(db)
    copy = db.with_name("floor-edits.sqlite")  # the floor's writes stay out of later benches
    shutil.copyfile(db, copy)
    floor_edits = raw_edits(copy, juror, cands, len(edits))
    for leftover in copy.parent.glob(copy.name + "*"):
        leftover.unlink()
    print(
        json.dumps(
            {
                "scores": scores,
                "generate_s": generate,
                "results_s": statistics.median(timings),
                "results_min_s": min(timings),
                "results_max_s": max(timings),
                "results_cold_s": cold,
                "round_results": len(results),
                "edit_p50_ms": percentile(edits, 50) * 1000,
                "edit_p99_ms": percentile(edits, 99) * 1000,
                "edits": len(edits),
                "floor_edit_p50_ms": percentile(floor_edits, 50) * 1000,
                "floor_edit_p99_ms": percentile(floor_edits, 99) * 1000,
                "floor_results_s": statistics.median(floor_results),
                "peak_mb": peak_mb(),
                "db_mb": database_size(db) / 2**20,
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
