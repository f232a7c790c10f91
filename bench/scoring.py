"""Scoring at Flanders scale: 300 jurors, 7 per candidature, 8 criteria, 2 rounds."""

from __future__ import annotations

import random
import time
from pathlib import Path

from sqlalchemy import insert, select

from jurydesk.audit import chain as audit
from jurydesk.scoring.bulk import BulkScore, insert_scores
from jurydesk.scoring.rubric import parse_rubric
from jurydesk.scoring.rubrics import install_rubric, set_region_rubric
from jurydesk.store import Store
from jurydesk.store.meeting_models import Declaration
from jurydesk.store.models import Candidature, Decision, Juror, PanelMember, Region

JURORS = 300
PER_CANDIDATURE = 7
CRITERIA = 8
RUBRIC = {"rubric": "bench"}


def bench_rubric_toml() -> str:
    criteria = "\n".join(
        f'[[rounds.criteria]]\nkey = "c{i}"\nlabel = "Criterium {i}"\nweight = {1 + i % 3}\n'
        f"min = 0\nmax = 4\n" + ("knockout = 1\n" if i == 0 else "")
        for i in range(CRITERIA)
    )
    return (
        'format = 1\nkey = "bench"\nname = "Bench"\n[aggregation]\nmethod = "mean"\n'
        '[selection]\npitch_min_total = 50.0\nfinal = "combined"\nselect_top = 4\n'
        'reserve_count = 2\n[labels]\n0 = "a"\n1 = "b"\n2 = "c"\n3 = "d"\n4 = "e"\n'
        f'[[rounds]]\nnumber = 1\nname = "R1"\n{criteria}\n'
        f'[[rounds]]\nnumber = 2\nname = "R2"\n{criteria}\n'
    )


def generate_scores(store: Store, seed: int = 3, jurors: int = JURORS) -> int:
    """Jury, panels, round 1 decisions and every score, through the bulk path."""
    rng = random.Random(seed)
    toml = bench_rubric_toml()
    with store.session() as session:
        # as the app does it: `rubric add`, then each region's settings (both audited)
        install_rubric(session, parse_rubric(toml.encode(), "bench.toml"), toml, actor="bench")
        regions = list(session.scalars(select(Region.slug)))
        for slug in regions:
            set_region_rubric(session, slug, "bench", None)
            audit.record(session, "bench", "region_settings", "region", slug, None, RUBRIC)
        session.execute(
            insert(Juror),
            [
                {"name": f"Jurylid {i:03d}", "role": "expert", "organisation": "", "email": ""}
                for i in range(jurors)
            ],
        )
    with store.session() as session:
        jurors = list(session.scalars(select(Juror.id).order_by(Juror.id)))
        region_ids = list(session.scalars(select(Region.id).order_by(Region.id)))
        panels = {r: rng.sample(jurors, PER_CANDIDATURE) for r in region_ids}
        session.execute(
            insert(PanelMember),
            [
                {"juror_id": j, "region_id": r, "round": n}
                for r, members in panels.items()
                for j in members
                for n in (1, 2)
            ],
        )
        # every juror signed the declaration (verklaring op eer) of their region
        session.execute(
            insert(Declaration),
            [
                {
                    "juror_id": j,
                    "region_id": r,
                    "how": "paper",
                    "typed_name": "",
                    "text": "bench",
                    "signed_at": _now(),
                    "recorded_by": "bench",
                }
                for r, members in panels.items()
                for j in members
            ],
        )
        candidatures = session.execute(select(Candidature.id, Candidature.region_id)).all()
        session.execute(
            insert(Decision),
            [
                {
                    "candidature_id": c,
                    "round": 1,
                    "outcome": "shortlisted",
                    "motivation": "bench",
                    "recorded_by": "bench",
                    "recorded_at": _now(),
                    "version": 1,
                }
                for c, _r in candidatures
            ],
        )
    rows = []
    for cand, region in candidatures:
        quality = rng.random()
        for juror in panels[region]:
            for round_ in (1, 2):
                for i in range(CRITERIA):
                    value = min(4, max(0, round(quality * 4 + rng.gauss(0, 0.8))))
                    rows.append(
                        BulkScore(
                            juror, cand, round_, f"c{i}", float(value), "Synthetische motivering."
                        )
                    )
    with store.session() as session:
        return insert_scores(session, "bench", rows, finalized=True)


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC)


def score_edit_latencies(store: Store, edits: int = 400) -> list[float]:
    """One score edit per transaction, as the GUI does, on the Flanders-scale database."""
    from jurydesk.jury.declarations import record_on_paper
    from jurydesk.jury.service import add_juror
    from jurydesk.scoring.scores import set_score

    with store.session() as session:
        slug = session.scalar(select(Region.slug).order_by(Region.id))
        region_id = session.scalar(select(Region.id).where(Region.slug == slug))
        juror = add_juror(session, "bench", "Meetjurylid", "expert", panels=[(slug, 1)])
        record_on_paper(session, "bench", juror, slug, _now().date())
        candidatures = list(
            session.scalars(select(Candidature.id).where(Candidature.region_id == region_id))
        )
    timings = []
    for i in range(edits):
        started = time.perf_counter()
        with store.session() as session:
            set_score(
                session,
                f"juror:{juror}",
                juror,
                candidatures[i % len(candidatures)],
                1,
                f"c{i % CRITERIA}",
                i % 5,
                f"motivering {i}",
            )
        timings.append(time.perf_counter() - started)
    return timings


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def database_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.parent.glob(path.name + "*"))
