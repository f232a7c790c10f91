"""Scores: refusals, autosave with versions and audit, locks, reopening, blind visibility."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jurydesk.audit.chain import verify
from jurydesk.errors import ScoringError
from jurydesk.jury.service import add_conflict
from jurydesk.regions.service import get_region
from jurydesk.scoring.rubrics import rubric_for
from jurydesk.scoring.scores import (
    finalize,
    missing_criteria,
    reopen,
    set_score,
    visible_scores,
)
from jurydesk.store.models import AuditEvent, Score


def score_all(store, juror, candidature, value=3, round_=1):
    with store.reader() as session:
        keys = [c.key for c in rubric_for(session, "leuven").round(round_).criteria]
    for key in keys:
        with store.session() as session:
            set_score(
                session,
                f"juror:{juror}",
                juror,
                candidature,
                round_,
                key,
                value,
                f"motivering {key}",
            )


def test_a_score_edit_is_versioned_and_audited(jury):
    store, (j, *_), (c, *_) = jury
    with store.session() as session:
        first = set_score(session, "juror:x", j, c, 1, "bereik", 2, "eerste")
    with store.session() as session:
        second = set_score(session, "juror:x", j, c, 1, "bereik", 3)
    with store.session() as session:
        same = set_score(session, "juror:x", j, c, 1, "bereik", 3)
    assert (first.version, second.version, same.version) == (1, 2, 2)
    assert second.motivation == "eerste"  # a value alone keeps the motivation
    assert not same.changed
    with store.reader() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_key == f"{j}/{c}/1/bereik")
            .order_by(AuditEvent.id)
        ).all()
        assert [(e.old and e.old["value"], e.new["value"]) for e in events] == [
            (None, 2.0),
            (2.0, 3.0),
        ]
        assert events[1].actor == "juror:x"
        assert verify(session).ok


@pytest.mark.parametrize("value", [5, -1, 2.5, "drie", "1e400"])
def test_values_off_the_scale_are_refused(jury, value):
    store, (j, *_), (c, *_) = jury
    with pytest.raises(ScoringError), store.session() as session:
        set_score(session, "t", j, c, 1, "bereik", value)
    with store.reader() as session:
        assert session.scalar(select(Score).where(Score.juror_id == j)) is None


def test_half_points_only_where_the_rubric_allows_them(jury):
    store, (j, *_), (c, *_) = jury
    with pytest.raises(ScoringError, match="ligt niet op de schaal"), store.session() as s:
        set_score(s, "t", j, c, 1, "bereik", "2,5")


def test_unknown_criterion_and_non_panel_juror_are_refused(jury):
    store, (j, *_), (c, *_) = jury
    with pytest.raises(ScoringError, match="geen criterium 'kleur'"), store.session() as s:
        set_score(s, "t", j, c, 1, "kleur", 2)
    with store.reader() as s:
        dijleland = get_region(s, "dijleland-plus").candidatures[0].id
    with pytest.raises(ScoringError, match="zit niet in de jury"), store.session() as s:
        set_score(s, "t", j, dijleland, 1, "bereik", 2)


def test_a_conflicted_juror_cannot_score(jury):
    store, (j, *_), (c, *_) = jury
    with store.session() as session:
        add_conflict(session, "secretariaat", j, c, "Werkt bij de organisatie")
    with pytest.raises(ScoringError, match="belangenconflict"), store.session() as session:
        set_score(session, "t", j, c, 1, "bereik", 2)


def test_finalise_lists_what_is_missing_then_locks(jury):
    store, (j, *_), (c, *_) = jury
    with store.session() as session:
        set_score(session, "t", j, c, 1, "bereik", 2)
    with (
        pytest.raises(ScoringError, match="Aansluiting bij de regio-uitdagingen"),
        store.session() as session,
    ):
        finalize(session, "t", j, c, 1)
    score_all(store, j, c)
    with store.session() as session:
        assert missing_criteria(session, j, c, 1) == []
        finalize(session, "t", j, c, 1)
    with pytest.raises(ScoringError, match="vergrendeld"), store.session() as session:
        set_score(session, "t", j, c, 1, "bereik", 4)


def test_reopen_needs_a_reason_and_is_audited(jury):
    store, (j, *_), (c, *_) = jury
    score_all(store, j, c)
    with store.session() as session:
        finalize(session, "t", j, c, 1)
    with pytest.raises(ScoringError, match="reden"), store.session() as session:
        reopen(session, "secretariaat", j, c, 1, "  ")
    with store.session() as session:
        reopen(session, "secretariaat", j, c, 1, "Tikfout in criterium bereik")
    with store.session() as session:
        assert set_score(session, "t", j, c, 1, "bereik", 4).version == 2
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "reopen")).one()
        assert event.new == {"reason": "Tikfout in criterium bereik"}


def test_blind_scoring(jury):
    store, (a, b, _c), (c1, c2, *_) = jury
    score_all(store, a, c1, 1)
    score_all(store, b, c1, 4)
    score_all(store, b, c2, 2)
    with store.reader() as session:
        region = get_region(session, "leuven").id
        seen = visible_scores(session, a, region, 1)
        assert {r.juror for r in seen} == {a}  # before finalising: only their own
    with store.session() as session:
        finalize(session, "t", a, c1, 1)
    with store.reader() as session:
        seen = visible_scores(session, a, region, 1)
        others = {(r.juror, r.candidature) for r in seen if r.juror != a}
        # b's scores of c1 now, never b's scores of c2 (a has not finalised c2)
        assert (b, c1) in others and (b, c2) not in others
        assert not [r for r in seen if r.juror not in (a, b) and r.candidature != c1]
        never = visible_scores(session, a, region, 1, blind="never")
        assert {r.juror for r in never} == {a}


def test_round_two_needs_a_round_one_pitch_decision(jury):
    store, (j, *_), candidatures = jury
    from jurydesk.store.models import Decision

    with store.reader() as session:
        decided = dict(
            session.execute(
                select(Decision.candidature_id, Decision.outcome).where(Decision.round == 1)
            ).all()
        )
    to_pitch = next(c for c in candidatures if decided.get(c) == "shortlisted")
    not_to_pitch = next(c for c in candidatures if decided.get(c) == "not_selected")
    with store.session() as session:
        set_score(session, "t", j, to_pitch, 2, "bereik", 2.5)
    with pytest.raises(ScoringError, match="pitch"), store.session() as session:
        set_score(session, "t", j, not_to_pitch, 2, "bereik", 2.5)


def test_optimistic_version_check(jury):
    store, (j, *_), (c, *_) = jury
    with store.session() as session:
        set_score(session, "t", j, c, 1, "bereik", 2)
    with pytest.raises(ScoringError, match="elders gewijzigd"), store.session() as session:
        set_score(session, "t", j, c, 1, "bereik", 3, expected_version=0)
    with store.session() as session:
        assert set_score(session, "t", j, c, 1, "bereik", 3, expected_version=1).version == 2


def test_blind_rule_never_comes_from_the_rubric(store):
    from datetime import datetime

    from jurydesk.candidatures.rules import region_rules
    from jurydesk.candidatures.service import add_candidatures
    from jurydesk.candidatures.validate import CandidatureInput
    from jurydesk.paths import resources_dir
    from jurydesk.scoring.rubrics import add_rubric_file, set_region_rubric
    from jurydesk.timeutil import BRUSSELS
    from tests.signed import add_signed_juror

    source = (resources_dir() / "rubrics" / "default.toml").read_text("utf-8")
    strict = store.file.parent / "streng.toml"
    strict.write_text(
        source.replace('key = "default"', 'key = "streng"').replace(
            'blind = "after_finalize"', 'blind = "never"'
        ),
        "utf-8",
    )
    with store.session() as session:
        add_rubric_file(session, strict)
        set_region_rubric(session, "leuven", "streng", None)
        add_candidatures(
            session,
            region_rules(session, "leuven"),
            [
                CandidatureInput(
                    row=2,
                    organisation="A vzw",
                    contact="A",
                    email="a@a.example",
                    phone="",
                    title="T",
                    summary="",
                    received_at=datetime(2023, 6, 1, tzinfo=BRUSSELS),
                    channel="",
                    challenges=[1],
                    services=[],
                    requested_budget=None,
                    attachments=[],
                )
            ],
        )
        a, b = (add_signed_juror(session, "t", n, "expert", panels=[("leuven", 1)]) for n in "AB")
        region = get_region(session, "leuven")
        candidature = region.candidatures[0].id
    score_all(store, a, candidature, 1)
    score_all(store, b, candidature, 4)
    with store.session() as session:
        finalize(session, "t", a, candidature, 1)
    with store.reader() as session:
        assert rubric_for(session, "leuven").aggregation.blind == "never"
        assert {r.juror for r in visible_scores(session, a, region.id, 1)} == {a}
        assert {
            r.juror for r in visible_scores(session, a, region.id, 1, blind="after_finalize")
        } == {a, b}
