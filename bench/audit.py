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
    laptop = signed_return_row()
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
        laptop,
    ]


LAPTOP_EDITS = 10_000


def signed_return_row() -> tuple[str, str, str]:
    """A juror's laptop that signed 10,000 score edits with the juror's key: the return's
    check at the secretariat (the laptop's chain recomputed, every scoring event's MAC)."""
    from datetime import date

    from sqlalchemy import delete

    from jurydesk.jury.declarations import record_on_paper
    from jurydesk.jury.pins import OK, attempt, set_pin
    from jurydesk.jury.service import add_juror
    from jurydesk.packs import signed_events
    from jurydesk.packs.pack import assigned, export_pack, open_pack
    from jurydesk.packs.returns import import_return, write_return
    from jurydesk.scoring.rubrics import rubric_for
    from jurydesk.scoring.scores import set_score
    from jurydesk.setup import initialise
    from jurydesk.store import open_store
    from jurydesk.store.models import Decision

    with tempfile.TemporaryDirectory() as tmp:
        home = open_store(f"sqlite:///{Path(tmp, 'home.sqlite').as_posix()}")
        initialise(home, demo=True, passphrase=PASSPHRASE)
        with home.session() as session:
            from jurydesk.passphrase import unlock

            unlock(session, PASSPHRASE)
            session.execute(delete(Decision))  # before the round's decision: merged, not held
            juror = add_juror(session, "bench", "Laptop", "expert", "", "", [("leuven", 1)])
            set_pin(session, "bench", juror, "482913")
            record_on_paper(session, "bench", juror, "leuven", date(2026, 9, 1))
            criteria = [c.key for c in rubric_for(session, "leuven").round(1).criteria]
            cands = [c for ids in assigned(session, juror).values() for c in ids]
        manifest = export_pack(home, juror, Path(tmp, "p.jurypack"))
        laptop = open_store(f"sqlite:///{Path(tmp, 'laptop.sqlite').as_posix()}")
        open_pack(laptop, Path(tmp, "p.jurypack"), manifest["code"])
        assert attempt(laptop, juror, "482913") == OK
        with laptop.session() as session:
            for n in range(LAPTOP_EDITS):
                cand = cands[n // len(criteria) % len(cands)]
                key = criteria[n % len(criteria)]
                set_score(session, "jurylid", juror, cand, 1, key, 1 + n % 4, f"motivering {n}")
        out = Path(tmp, "r.juryreturn")
        write_return(laptop, out)
        with laptop.reader() as session:
            events = signed_events.laptop_events(session, juror)
        laptop.close()
        checks, imports = [], []
        with home.reader() as session:
            key = signed_events.required(session, juror, manifest["pack_id"])
        assert key is not None and events is not None
        for _run in range(3):
            started = time.perf_counter()
            signed_events.SignedLog(events, juror, key)
            checks.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = import_return(home, out, dry_run=True)
            imports.append(time.perf_counter() - started)
            assert report.count("new") > 0
        home.close()
        size = out.stat().st_size
    return (
        f"merge check of one juror's signed laptop return: {len(events):,} laptop events "
        f"(chain recomputed, each scoring event's juror MAC), {size // 1024:,} KB; median of 3",
        f"whole import (dry run) {statistics.median(imports):.2f} s, of which the laptop's log "
        f"{statistics.median(checks):.2f} s",
        "< 1 s",
    )


def _record_raw_rows(store) -> None:  # type: ignore[no-untyped-def]
    """The generator writes the jurors, the round-1 decisions and the panels raw (no events):
    record them as the app's own paths would, so that the replay has a database the app could
    have made."""
    from sqlalchemy import select

    from jurydesk.audit import chain as audit
    from jurydesk.audit.replay import decision_rows
    from jurydesk.store.models import Decision, Juror, PanelMember, Region

    with store.session() as session:
        for juror in session.scalars(select(Juror).order_by(Juror.id)):  # as jury.add_juror
            new = {
                "name": juror.name,
                "role": juror.role,
                "organisation": juror.organisation,
                "email": juror.email,
            }
            audit.record(session, "bench", "juror_add", "juror", str(juror.id), None, new)
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
