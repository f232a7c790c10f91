"""One candidature by hand: add and edit with the import's checks, audited, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jurydesk.candidatures.edit import CandidatureError, add_candidature, edit_candidature
from jurydesk.store.models import AuditEvent, Candidature
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
