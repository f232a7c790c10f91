"""The worklist (statements built once, a count per candidature) answers what the plain
questions answer: the region's candidatures less the withdrawn and conflicted ones, round 2
only the shortlisted, each with the juror's scored criteria and finalisation."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from jurydesk.jury.service import add_conflict
from jurydesk.regions.service import RegionError
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.scoring.worklist import WorkItem, worklist
from jurydesk.store import Store
from jurydesk.store.models import (
    WITHDRAWN,
    Candidature,
    Conflict,
    Decision,
    Evaluation,
    PanelMember,
    Region,
    Score,
)


def _expected(session, juror: int, slug: str, round_: int) -> list[WorkItem]:  # type: ignore[no-untyped-def]
    region = session.scalar(select(Region.id).where(Region.slug == slug))
    if not session.scalar(
        select(func.count()).where(
            PanelMember.juror_id == juror,
            PanelMember.region_id == region,
            PanelMember.round == round_,
        )
    ):
        return []
    criteria = len(rubric_for(session, slug).round(round_).criteria)
    conflicted = set(
        session.scalars(select(Conflict.candidature_id).where(Conflict.juror_id == juror))
    )
    shortlisted = set(
        session.scalars(
            select(Decision.candidature_id).where(
                Decision.round == 1, Decision.outcome == "shortlisted"
            )
        )
    )
    out = []
    for cand in session.scalars(
        select(Candidature)
        .where(Candidature.region_id == region)
        .order_by(Candidature.calibration.desc(), Candidature.id)
    ):
        if cand.status == WITHDRAWN or cand.id in conflicted:
            continue
        if round_ == 2 and cand.id not in shortlisted:
            continue
        scores = session.scalars(
            select(Score).where(
                Score.juror_id == juror, Score.candidature_id == cand.id, Score.round == round_
            )
        ).all()
        final = session.scalar(
            select(Evaluation.finalized_at).where(
                Evaluation.juror_id == juror,
                Evaluation.candidature_id == cand.id,
                Evaluation.round == round_,
            )
        )
        out.append(
            WorkItem(
                cand.id,
                cand.organisation,
                sum(s.value is not None for s in scores),
                criteria,
                final is not None,
            )
        )
    return out


def test_worklist_matches_the_plain_questions(demo_store: Store) -> None:
    with demo_store.session() as session:
        juror, region = session.execute(
            select(PanelMember.juror_id, PanelMember.region_id).where(PanelMember.round == 1)
        ).first()  # type: ignore[misc]
        slug = session.scalar(select(Region.slug).where(Region.id == region))
        cands = list(session.scalars(select(Candidature.id).where(Candidature.region_id == region)))
        assert len(cands) >= 3
        # A conflict and a withdrawal leave the list.
        add_conflict(session, "test", juror, cands[0], "familie")
        session.get(Candidature, cands[1]).status = WITHDRAWN  # type: ignore[union-attr]
    with demo_store.reader() as session:
        for round_ in (1, 2):
            got = worklist(session, juror, slug, round_)
            assert got == _expected(session, juror, slug, round_)
            assert all(item.candidature not in cands[:2] for item in got)
        other = session.scalar(select(Region.slug).where(Region.slug != slug).limit(1))
        assert worklist(session, juror, other, 1) == _expected(session, juror, other, 1)
        with pytest.raises(RegionError, match="no region 'nergens'"):
            worklist(session, juror, "nergens", 1)


def test_read_worklist_follows_each_autosave_and_only_its_juror(demo_store: Store) -> None:
    """The scoring tab's refresh (a pooled Core connection, given back each time) reads every
    commit made since, counts only the juror's own scores, and answers as the session does."""
    from jurydesk.scoring.scores import set_score
    from jurydesk.scoring.worklist import read_worklist
    from tests.signed import add_signed_juror

    with demo_store.session() as session:
        me = add_signed_juror(session, "test", "Ik", "expert", panels=[("leuven", 1)])
        other = add_signed_juror(session, "test", "Ander", "expert", panels=[("leuven", 1)])
    before = read_worklist(demo_store, me, "leuven", 1)
    assert before and all(item.scored == 0 for item in before)
    first = before[0].candidature
    with demo_store.session() as session:  # another juror's score: never in my counts
        set_score(session, "test", other, first, 1, "bereik", 3, "")
    assert read_worklist(demo_store, me, "leuven", 1) == before
    for n, criterion in enumerate(["bereik", "aanpak"], start=1):
        with demo_store.session() as session:  # an autosave, then the refresh
            set_score(session, "test", me, first, 1, criterion, 2, "")
        after = read_worklist(demo_store, me, "leuven", 1)
        assert after[0].candidature == first and after[0].scored == n
        assert after[1:] == before[1:]
    with demo_store.reader() as session:
        assert worklist(session, me, "leuven", 1) == after == _expected(session, me, "leuven", 1)
    with pytest.raises(RegionError, match="no region 'nergens'"):  # on a bare connection too
        read_worklist(demo_store, me, "nergens", 1)
