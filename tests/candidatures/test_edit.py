"""One candidature by hand: add and edit with the import's checks, audited, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jurydesk.candidatures.edit import CandidatureError, add_candidature, edit_candidature
from jurydesk.store.models import AuditEvent, Candidature, Juror, Region
from tests.cli.helpers import run, run_json


def test_edit_keeps_the_old_value_in_the_audit_log(demo_store):
    with demo_store.session() as session:
        cand = session.scalars(select(Candidature).order_by(Candidature.id)).first()
        old_title = cand.title
        diff = edit_candidature(session, "secretariaat:test", cand.id, {"title": "Nieuw"})
        assert diff == {"title": (old_title, "Nieuw")}
    with demo_store.reader() as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (event.action, event.old, event.new) == (
            "edit",
            {"title": old_title},
            {"title": "Nieuw"},
        )


def test_bad_fields_are_named_and_nothing_changes(demo_store):
    with demo_store.reader() as session:
        first, second = session.scalars(
            select(Candidature).where(Candidature.region_id == 1).order_by(Candidature.id)
        ).all()[:2]
    for changes, field in (
        ({"email": "geen-adres"}, "E-mail"),
        ({"challenges": "99"}, "Regio-uitdagingen"),
        ({"received_at": "31/02/2023 10:00"}, "Ontvangen op"),
        ({"organisation": second.organisation.upper()}, "Organisatie"),
        ({"organisation": ""}, "Organisatie"),
    ):
        with pytest.raises(CandidatureError, match=field), demo_store.session() as session:
            edit_candidature(session, "t", first.id, {"title": "Gewijzigd", **changes})
        with demo_store.reader() as session:
            assert session.get(Candidature, first.id).title == first.title


def test_add_by_hand_and_from_the_cli(store, capsys):
    with store.session() as session:
        cand_id = add_candidature(
            session,
            "t",
            "dijleland-plus",
            {
                "organisation": "Webform vzw",
                "contact": "An",
                "email": "an@web.example",
                "title": "Via het webformulier",
                "received_at": "05/06/2023 10:00",
                "challenges": "1",
            },
        )
    url = store.url
    store.close()
    data = run_json(capsys, "--db", url, "candidatures", "--region", "dijleland-plus")
    assert [c["id"] for c in data] == [cand_id]
    code, _out, err = run(
        capsys,
        "--db",
        url,
        "candidature",
        "add",
        "--region",
        "dijleland-plus",
        "--organisation",
        "WEBFORM VZW",
        "--contact",
        "B",
        "--email",
        "b@web.example",
        "--title",
        "Dubbel",
        "--received-at",
        "05/06/2023 11:00",
    )
    assert code == 1 and "al een kandidatuur" in err
    edited = run_json(
        capsys,
        "--db",
        url,
        "candidature",
        "edit",
        str(cand_id),
        "--organisation",
        "Webformulier vzw",
    )
    assert edited == {"organisation": {"old": "Webform vzw", "new": "Webformulier vzw"}}


def test_a_withdrawn_candidature_leaves_results_letters_and_worklists(demo_store, capsys):
    from jurydesk.candidatures.edit import NeedsConfirmation, withdraw_candidature
    from jurydesk.letters.content import decision_letters
    from jurydesk.results.ranking import compute_results
    from jurydesk.scoring.worklist import worklist
    from jurydesk.store.models import Decision

    with demo_store.reader() as session:
        decided = session.scalar(
            select(Decision.candidature_id)
            .join(Candidature)
            .join(Region)
            .where(Region.slug == "leuven", Decision.round == 1, Decision.outcome == "not_selected")
        )
        ranked = {r.candidature for r in compute_results(session, "leuven", 1).results}
        assert decided in ranked
        assert decided in {x.candidature for x in decision_letters(session, "leuven", 1, "nl")}
    with pytest.raises(NeedsConfirmation, match="beslissing"), demo_store.session() as s:
        withdraw_candidature(s, "t", decided, "Trekt zich terug")
    with pytest.raises(CandidatureError, match="reden"), demo_store.session() as s:
        withdraw_candidature(s, "t", decided, " ", confirm=True)
    with demo_store.session() as session:
        withdraw_candidature(session, "t", decided, "Trekt zich terug", confirm=True)
    with demo_store.reader() as session:
        assert decided not in {r.candidature for r in compute_results(session, "leuven", 1).results}
        assert decided not in {x.candidature for x in decision_letters(session, "leuven", 1, "nl")}
        juror = session.scalars(select(Juror.id)).first()
        assert decided not in {w.candidature for w in worklist(session, juror, "leuven", 1)}
        cand = session.get(Candidature, decided)
        assert (cand.status, cand.withdrawn_reason) == ("withdrawn", "Trekt zich terug")


def test_cli_withdraw_needs_confirm_for_a_decided_one(db, capsys):
    code, _out, err = run(capsys, "--db", db, "candidature", "withdraw", "1", "--reason", "Weg")
    assert code == 1 and "--confirm" in err
    run_json(capsys, "--db", db, "candidature", "withdraw", "1", "--reason", "Weg", "--confirm")
    code, _out, err = run(capsys, "--db", db, "candidature", "withdraw", "1", "--reason", "Weg")
    assert code == 1 and "al ingetrokken" in err
    run_json(capsys, "--db", db, "candidature", "withdraw", "1", "--reinstate")
    edited = run_json(
        capsys, "--db", db, "candidature", "edit", "1", "--address", "Naamsestraat 1\\n3000 Leuven"
    )
    assert edited["address"]["new"] == "Naamsestraat 1\n3000 Leuven"
