"""Child process for the pack benchmarks on the Flanders-scale database: one JSON object.

Every juror's round 1 scores are written as a signed return (as a juror's laptop would before
the round 1 decision), the secretariat's copy loses its scores and decisions, and the
returns are merged back; then merged again (nothing changes). Also one pack export.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, func, select


def main(source: Path) -> None:
    from jurydesk import __version__
    from jurydesk.packs.archive import FORMAT, mac, payload_bytes, sha256, write_zip
    from jurydesk.packs.pack import CALL, database_id, export_pack, juror_secret_key
    from jurydesk.packs.returns import import_returns
    from jurydesk.store import open_store
    from jurydesk.store.models import Decision, Evaluation, PanelMember, Score, Setting
    from jurydesk.store.schema import SCHEMA_HEAD

    tmp = Path(tempfile.mkdtemp())
    target = tmp / "secretariaat.sqlite"
    shutil.copyfile(source, target)
    store = open_store(f"sqlite:///{target.as_posix()}")
    with store.session() as session:
        jurors = sorted(set(session.scalars(select(PanelMember.juror_id))))
    # The exports on a copy: a return must name a pack issued to its juror, and the
    # synthetic returns below name none.
    shutil.copyfile(source, tmp / "exports.sqlite")
    packer = open_store(f"sqlite:///{(tmp / 'exports.sqlite').as_posix()}")
    exports = []
    for juror in jurors[:7]:
        started = time.perf_counter()
        export_pack(packer, juror, tmp / f"pack-{juror}.zip")
        exports.append(time.perf_counter() - started)
    packer.close()
    files, seconds = [], []
    with store.session() as session:
        home = database_id(session)
        for juror in jurors:
            key = juror_secret_key(juror)
            secret = session.get(Setting, key)
            if secret is None:
                secret = Setting(key=key, value=f"{juror:064x}")
                session.add(secret)
            scores = [
                {
                    "candidature": s.candidature_id,
                    "round": s.round,
                    "criterion": s.criterion,
                    "value": s.value,
                    "motivation": s.motivation,
                    "version": s.version,
                    "updated_at": s.updated_at.isoformat(),
                }
                for s in session.scalars(
                    select(Score).where(Score.juror_id == juror, Score.round == 1)
                )
            ]
            evaluations = [
                {
                    "candidature": e.candidature_id,
                    "round": e.round,
                    "comment": e.comment,
                    "version": e.version,
                    "finalized_at": e.finalized_at.isoformat() if e.finalized_at else None,
                    "updated_at": e.updated_at.isoformat(),
                }
                for e in session.scalars(
                    select(Evaluation).where(Evaluation.juror_id == juror, Evaluation.round == 1)
                )
            ]
            payload = {"scores": scores, "evaluations": evaluations}
            manifest = {
                "format": FORMAT,
                "kind": "return",
                "pack_id": f"bench-{juror}",
                "juror": juror,
                "sequence": 1,
                "database_id": home,
                "call": CALL,
                "schema": SCHEMA_HEAD,
                "app_version": __version__,
                "created_at": datetime.now(UTC).isoformat(),
                "payload_sha256": sha256(payload_bytes(payload)),
            }
            manifest["hmac"] = mac(secret.value, manifest)
            path = tmp / f"return-{juror}.zip"
            path.write_bytes(write_zip(manifest, payload))
            files.append(path)
            manifest = {**manifest, "sequence": 2}
            manifest["hmac"] = mac(secret.value, manifest)
            path = tmp / f"return-{juror}-2.zip"
            path.write_bytes(write_zip(manifest, payload))
            seconds.append(path)
        total = session.scalar(select(func.count(Score.id)).where(Score.round == 1))
        session.execute(delete(Score))
        session.execute(delete(Evaluation))
        # Round 1 returns arrive before the jury decides round 1 (after a decision they are
        # held for review), so the returns carry round 1 and the decisions go.
        session.execute(delete(Decision))
    started = time.perf_counter()
    reports = import_returns(store, files)
    merge = time.perf_counter() - started
    repeats = []
    for _ in range(3):  # median of three: a few tenths of a second, noisy here
        started = time.perf_counter()
        again = import_returns(store, files)
        repeats.append(time.perf_counter() - started)
    repeat = statistics.median(repeats)
    # The same scores in new files (the next return of every juror): every row is compared.
    started = time.perf_counter()
    same = import_returns(store, seconds[: len(files)])
    unchanged = time.perf_counter() - started
    with store.reader() as session:
        assert session.scalar(select(func.count(Score.id))) == total
        secrets = {
            j: session.get(Setting, juror_secret_key(j)).value  # type: ignore[union-attr]
            for j in jurors
        }
    assert all(line.status == "unchanged" for r in same for line in r.lines)
    assert (
        sum(line.status == "new" and bool(line.criterion) for r in reports for line in r.lines)
        == total
    )
    store.close()
    # The floors on a copy of the same database, scores removed as before the merge.
    from bench.floors import connect, raw_compare, raw_merge, raw_seen

    floor_repeat = statistics.median(raw_seen(target, files) for _ in range(3))

    floor_db = tmp / "floor.sqlite"
    shutil.copyfile(source, floor_db)
    connection = connect(floor_db)
    connection.execute("DELETE FROM scores")
    connection.execute("DELETE FROM evaluations")
    connection.execute("DELETE FROM decisions")
    connection.close()
    floor_merge = raw_merge(floor_db, files, secrets)
    floor_unchanged = raw_compare(floor_db, seconds[: len(files)], secrets)
    shutil.rmtree(tmp, ignore_errors=True)  # ~170 MB of packs and returns per run
    print(
        json.dumps(
            {
                "returns": len(files),
                "scores": total,
                "merge_s": merge,
                "repeat_s": repeat,
                "unchanged_s": unchanged,
                "already": sum(r.already_imported for r in again),
                "export_median_s": statistics.median(exports),
                "export_max_s": max(exports),
                "floor_merge_s": floor_merge,
                "floor_unchanged_s": floor_unchanged,
                "floor_repeat_s": floor_repeat,
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
