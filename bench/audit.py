"""`audit verify` at Flanders scale: the chain with its MACs, then the replay of every row,
on the database the scoring rows build (224,000 scores), with the passphrase's key unlocked
once; and a score edit with its MAC (the key in memory, no KDF per edit)."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import sections

HEADING = "## Audit verify"
PASSPHRASE = "bench-wachtwoordzin"


def rows() -> list[tuple[str, str, str]]:
    from bench.generate import generate
    from bench.scoring import generate_scores, percentile, score_edit_latencies
    from jurydesk.audit.chain import verify
    from jurydesk.audit.replay import compare
    from jurydesk.passphrase import set_passphrase, unlock
    from jurydesk.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp, "flanders.sqlite")
        store = open_store(f"sqlite:///{db.as_posix()}")
        generate(store)
        with store.session() as session:
            set_passphrase(session, PASSPHRASE)  # the key: every later event has a MAC
        scores = generate_scores(store)
        _record_raw_rows(store)
        edits = score_edit_latencies(store)
        store.close()
        samples, events, compared = [], 0, 0
        for _run in range(3):
            store = open_store(f"sqlite:///{db.as_posix()}", write=False)
            started = time.perf_counter()
            with store.reader() as session:
                key = unlock(session, PASSPHRASE, writable=False)
                report = verify(session, key=key)
                replay = compare(session)
            samples.append(time.perf_counter() - started)
            store.close()
            assert key is not None and report.ok and replay.ok, (report, replay.differences[:3])
            events, compared = report.events, replay.compared
    p50 = statistics.median(edits) * 1000
    return [
        (
            f"audit verify: passphrase key, {events:,} events' hashes and MACs, then "
            f"{compared:,} rows replayed ({scores:,} scores), median of 3",
            f"{statistics.median(samples):.2f} s (min {min(samples):.2f}, max {max(samples):.2f})",
            "< 10 s",
        ),
        (
            f"one score edit committed with its audit MAC, {len(edits)} edits",
            f"p50 {p50:.2f} ms, p99 {percentile(edits, 99) * 1000:.2f} ms",
            "p99 < 5 ms",
        ),
    ]


def _record_raw_rows(store) -> None:  # type: ignore[no-untyped-def]
    """The generator writes the round-1 decisions and the panels raw (no events): record them
    as the app's own paths would, so that the replay has a database the app could have made."""
    from sqlalchemy import select

    from jurydesk.audit import chain as audit
    from jurydesk.audit.replay import decision_rows
    from jurydesk.store.models import Decision, PanelMember, Region

    with store.session() as session:
        rows = decision_rows(session.scalars(select(Decision)))
        audit.record(
            session, "bench", "bulk_scores", "decisions", "bench", None, {"decisions": rows}
        )
        members = session.execute(
            select(PanelMember.juror_id, Region.slug, PanelMember.round).join(
                Region, Region.id == PanelMember.region_id
            )
        ).all()
        for juror, slug, round_ in members:
            new = {"region": slug, "round": round_}
            audit.record(session, "bench", "panel_add", "juror", str(juror), None, new)


def write_section(results: list[tuple[str, str, str]], write: bool = True) -> str:
    return sections.write_section(HEADING, "python -m bench --only audit", results, write)


def main() -> int:
    print(write_section(rows(), write=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
