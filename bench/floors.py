"""Floors: what the same libraries do alone on the same data, measured in the same run.

Each floor does the work of a JuryDesk path with nothing of JuryDesk in between (raw
sqlite3 with the same pragmas, openpyxl write-only, zipfile + json + hmac), so the ratio
project / floor says what JuryDesk's own layers cost.

python -m bench.floors workbook DB OUT   # child: the workbook floor, prints JSON
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import sqlite3
import statistics
import sys
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def connect(db: Path) -> sqlite3.Connection:
    """The store's pragmas: WAL, synchronous=FULL, foreign keys on; explicit transactions."""
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


def _audit(connection: sqlite3.Connection, key: str, old: Any, new: Any) -> None:
    head = connection.execute("SELECT value FROM settings WHERE key = 'audit_head'").fetchone()
    prev = head[0] if head else "0" * 64
    at = datetime.now(UTC).isoformat()
    payload = json.dumps([prev, at, "floor", "score", "score", key, old, new], sort_keys=True)
    digest = hashlib.sha256(payload.encode()).hexdigest()
    connection.execute(
        "INSERT INTO audit_events (at, actor, action, entity, entity_key, old, new, prev_hash,"
        " hash) VALUES (?, 'floor', 'score', 'score', ?, ?, ?, ?, ?)",
        (at, key, json.dumps(old), json.dumps(new), prev, digest),
    )
    connection.execute(
        "INSERT INTO settings (key, value) VALUES ('audit_head', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (digest,),
    )


# The checks before an edit, as JuryDesk asks them: the juror, the candidature's region and
# rubric, the panel, the signed declaration, a declared conflict, the round 1 decision.
_CONTEXT = (
    "SELECT r.id, r.slug, r.name,"
    " EXISTS (SELECT 1 FROM jurors WHERE id = :juror),"
    " EXISTS (SELECT 1 FROM panel_members p WHERE p.juror_id = :juror"
    "  AND p.region_id = c.region_id AND p.round = :round),"
    " EXISTS (SELECT 1 FROM declarations d WHERE d.juror_id = :juror"
    "  AND d.region_id = c.region_id),"
    " EXISTS (SELECT 1 FROM conflicts WHERE juror_id = :juror AND candidature_id = :cand),"
    " (SELECT outcome FROM decisions WHERE candidature_id = :cand AND round = 1),"
    " k.toml, k.source"
    " FROM candidatures c JOIN regions r ON r.id = c.region_id"
    " LEFT JOIN rubrics k ON k.id = r.rubric_id WHERE c.id = :cand"
)


def raw_edits(
    db: Path, juror: int, candidatures: list[int], edits: int = 400, start: int = 0
) -> list[float]:
    """One score edit per transaction: the same checks (context, the evaluation's state), look
    up, insert or update, audit event, new head. ``start``: the first edit's number (a batch
    that goes on where the one before stopped)."""
    connection = connect(db)
    timings = []
    for i in range(start, start + edits):
        cand, criterion = candidatures[i % len(candidatures)], f"c{i % 8}"
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        keys = {"juror": juror, "cand": cand, "round": 2}
        if connection.execute(_CONTEXT, keys).fetchone() is None:
            raise RuntimeError("no candidature")
        state = connection.execute(
            "SELECT finalized_at FROM evaluations WHERE juror_id = :juror"
            " AND candidature_id = :cand AND round = :round",
            keys,
        ).fetchone()
        if state is None:
            connection.execute(
                "INSERT INTO evaluations (juror_id, candidature_id, round, comment, version,"
                " updated_at) VALUES (:juror, :cand, :round, '', 1, :now)",
                {**keys, "now": datetime.now(UTC).isoformat()},
            )
        row = connection.execute(
            "SELECT id, value, motivation, version FROM scores WHERE juror_id = ? AND"
            " candidature_id = ? AND round = 2 AND criterion = ?",
            (juror, cand, criterion),
        ).fetchone()
        now = datetime.now(UTC).isoformat()
        new = {"value": float(i % 5), "motivation": f"motivering {i}"}
        if row is None:
            connection.execute(
                "INSERT INTO scores (juror_id, candidature_id, round, criterion, value,"
                " motivation, version, updated_at) VALUES (?, ?, 2, ?, ?, ?, 1, ?)",
                (juror, cand, criterion, new["value"], new["motivation"], now),
            )
            old = None
        else:
            connection.execute(
                "UPDATE scores SET value = ?, motivation = ?, version = version + 1,"
                " updated_at = ? WHERE id = ?",
                (new["value"], new["motivation"], now, row[0]),
            )
            old = {"value": row[1], "motivation": row[2], "version": row[3]}
        _audit(connection, f"{juror}/{cand}/2/{criterion}", old, new)
        connection.execute("COMMIT")
        timings.append(time.perf_counter() - started)
    connection.close()
    return timings


def raw_results(db: Path, runs: int = 7) -> list[float]:
    """Every region-round's juror totals (weighted, 0-100) and their mean, ranked."""
    connection = sqlite3.connect(db)
    weights = {f"c{i}": 1 + i % 3 for i in range(8)}  # bench.scoring's rubric
    top = 4 * sum(weights.values())
    timings = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        totals: dict[tuple[int, int, int, int], float] = {}
        query = (
            "SELECT c.region_id, s.round, s.candidature_id, s.juror_id, s.criterion, s.value"
            " FROM scores s JOIN candidatures c ON c.id = s.candidature_id"
        )
        for region, round_, cand, juror, criterion, value in connection.execute(query):
            key = (region, round_, cand, juror)
            totals[key] = totals.get(key, 0.0) + (value or 0.0) * weights.get(criterion, 1)
        per: dict[tuple[int, int, int], list[float]] = {}
        for (region, round_, cand, _juror), total in totals.items():
            per.setdefault((region, round_, cand), []).append(100 * total / top)
        ranked: dict[tuple[int, int], list[tuple[float, int]]] = {}
        for (region, round_, cand), values in per.items():
            ranked.setdefault((region, round_), []).append((-statistics.fmean(values), cand))
        for rows in ranked.values():
            rows.sort()
        timings.append(time.perf_counter() - started)
    connection.close()
    return timings[1:]  # the first run warms the cache, as the project's first run does


def raw_workbook(db: Path, out: Path) -> dict[str, float | None]:
    """openpyxl write-only, the big sheets' rows: an overview, every raw score with its names,
    the criteria means; ``baseline_mb`` is the process before any work (the imports)."""
    from openpyxl import Workbook

    from bench.children import peak_mb

    baseline = peak_mb()
    started = time.perf_counter()
    connection = sqlite3.connect(db)
    book = Workbook(write_only=True)
    overview = book.create_sheet("Overzicht")
    overview.append(["Gebied", "Id", "Organisatie", "Titel", "Ontvangen"])
    for row in connection.execute(
        "SELECT r.name, c.id, c.organisation, c.title, c.received_at FROM candidatures c"
        " JOIN regions r ON r.id = c.region_id ORDER BY r.id, c.id"
    ):
        overview.append(list(row))
    scores = book.create_sheet("Scores")
    scores.append(["Gebied", "Ronde", "Id", "Organisatie", "Jurylid", "Criterium", "Score", "M"])
    for row in connection.execute(
        "SELECT r.name, s.round, c.id, c.organisation, j.name, s.criterion, s.value,"
        " s.motivation FROM scores s JOIN candidatures c ON c.id = s.candidature_id"
        " JOIN regions r ON r.id = c.region_id JOIN jurors j ON j.id = s.juror_id"
        " ORDER BY r.id, s.round, c.id, j.id, s.criterion"
    ):
        scores.append(list(row))
    # The criteria sheet: per candidature and criterion the mean, lowest and highest score
    # and the number of jurors, leaving out jurors with a conflict (JuryDesk's second sheet).
    criteria = book.create_sheet("Criteria")
    criteria.append(["Ronde", "Id", "Organisatie", "Criterium", "Gemiddelde", "Min", "Max", "N"])
    for row in connection.execute(
        "SELECT s.round, s.candidature_id, c.organisation, s.criterion, avg(s.value),"
        " min(s.value), max(s.value), count(s.value) FROM scores s"
        " JOIN candidatures c ON c.id = s.candidature_id"
        " WHERE s.value IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conflicts k"
        "  WHERE k.juror_id = s.juror_id AND k.candidature_id = s.candidature_id)"
        " GROUP BY c.region_id, s.round, s.candidature_id, c.organisation, s.criterion"
        " ORDER BY c.region_id, s.round, s.candidature_id"
    ):
        criteria.append([*row[:4], round(row[4], 2), *row[5:]])
    book.save(out)
    connection.close()
    return {
        "seconds": time.perf_counter() - started,
        "peak_mb": peak_mb(),
        "baseline_mb": baseline,
    }


def raw_import(workbook: Path, db: Path, region_id: int) -> float:
    """Read the candidature workbook (openpyxl read-only) and insert its rows, one transaction."""
    from openpyxl import load_workbook

    started = time.perf_counter()
    book = load_workbook(workbook, read_only=True)
    rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    book.close()
    connection = connect(db)
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO candidatures (region_id, organisation, organisation_key, contact, email,"
        " phone, title, summary, received_at, channel, challenges, services, attachments,"
        " status) VALUES (?, ?, ?, ?, ?, '', ?, '', ?, 'e-mail', '[]', '[]', '[]', 'received')",
        [
            (
                region_id,
                str(r[0]),
                f"floor {i} {r[0]}".lower(),
                str(r[1]),
                str(r[2]),
                str(r[3]),
                str(r[4]),
            )
            for i, r in enumerate(rows)
            if r and r[0]
        ],
    )
    connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - started


def _open_return(path: Path, secrets: dict[int, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        payload_raw = archive.read("payload.json")
    claimed = manifest.pop("hmac")
    body = json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    key = bytes.fromhex(secrets[manifest["juror"]])
    expected = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
    assert hmac.compare_digest(claimed, expected), path
    payload = json.loads(payload_raw)
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert hashlib.sha256(canonical.encode()).hexdigest() == manifest["payload_sha256"], path
    return manifest, payload


def raw_merge(db: Path, files: list[Path], secrets: dict[int, str]) -> float:
    """Open, check and insert every return's scores and evaluations, one transaction each."""
    connection = connect(db)
    started = time.perf_counter()
    for path in files:
        manifest, payload = _open_return(path, secrets)
        juror = manifest["juror"]
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT INTO scores (juror_id, candidature_id, round, criterion, value, motivation,"
            " version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    juror,
                    s["candidature"],
                    s["round"],
                    s["criterion"],
                    s["value"],
                    s["motivation"],
                    s["version"],
                    s["updated_at"],
                )
                for s in payload["scores"]
            ],
        )
        connection.executemany(
            "INSERT INTO evaluations (juror_id, candidature_id, round, comment, version,"
            " updated_at, finalized_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    juror,
                    e["candidature"],
                    e["round"],
                    e["comment"],
                    e["version"],
                    e["updated_at"],
                    e["finalized_at"],
                )
                for e in payload["evaluations"]
            ],
        )
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def raw_compare(db: Path, files: list[Path], secrets: dict[int, str]) -> float:
    """The unchanged re-import's floor: open, check, and compare every row with the table."""
    connection = connect(db)
    started = time.perf_counter()
    for path in files:
        manifest, payload = _open_return(path, secrets)
        here = {
            (c, r, k): (v, m, n)
            for c, r, k, v, m, n in connection.execute(
                "SELECT candidature_id, round, criterion, value, motivation, version FROM scores"
                " WHERE juror_id = ?",
                (manifest["juror"],),
            )
        }
        changed = sum(
            here.get((s["candidature"], s["round"], s["criterion"]))
            != (s["value"], s["motivation"], s["version"])
            for s in payload["scores"]
        )
        assert changed == 0
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def raw_seen(db: Path, files: list[Path]) -> float:
    """The repeated import's floor: read each file, hash it, find the hash among the files
    imported before (one look-up in the settings table)."""
    connection = connect(db)
    started = time.perf_counter()
    for path in files:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        key = f"pack_import:{digest}"
        assert connection.execute("SELECT 1 FROM settings WHERE key = ?", (key,)).fetchone()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def ratio(project: float, floor: float, target: float | None = None, higher: bool = False) -> str:
    """'2.1x floor' (or for rates, where higher is better, the share of the floor)."""
    value = project / floor if floor else float("inf")
    text = f"{value:.2f}x floor"
    if target is not None:
        met = value >= target if higher else value <= target
        text += f" ({'meets' if met else 'misses'} {'>=' if higher else '<='} {target}x)"
    return text


if __name__ == "__main__":
    if sys.argv[1] == "workbook":
        print(json.dumps(raw_workbook(Path(sys.argv[2]), Path(sys.argv[3]))))
