"""The shipped Leuven demo mailbox (resources/demo/mail/leuven) imports with the right flags:
late by seconds, just in time, forwarded, a Word proposal, a second version, Date without
Received, winmail.dat, unrelated mail skipped."""

from __future__ import annotations

from sqlalchemy import select

from jurydesk.documents.service import list_documents, page_texts
from jurydesk.mail.intake import import_mailbox
from jurydesk.paths import resources_dir
from jurydesk.store.models import Candidature
from jurydesk.timeutil import to_brussels

BOX = resources_dir() / "demo" / "mail" / "leuven"


def test_the_demo_mailbox_imports_with_the_right_flags(store):
    report = import_mailbox(store, [BOX], "leuven", dry_run=False)
    created, updated, skipped = report.by("created"), report.by("updated"), report.by("skipped")
    assert (len(created), len(updated), len(skipped)) == (19, 1, 2)
    assert {i.subject for i in skipped} == {
        "Vraag over de infosessie van 25 mei",
        "Nieuwsbrief juni",
    }
    by_org = {i.organisation: i for i in created}
    assert {o for o, i in by_org.items() if i.late} == {
        "Repair Café Leuven",
        "Naaiatelier Draad vzw",
    }
    assert not by_org["Sportpleintje vzw"].late  # 23:59:41 is within "23u59"
    assert by_org["Wijkhuis Ter Bank"].received_from == "date"
    assert "winmail.dat" in by_org["Buurtwerk Cools vzw"].problems[0]
    assert by_org["Fietsatelier Kessel-Lo vzw"].title == "Leren herstellen, leren werken"
    assert by_org["Digidak Leuven vzw"].title.startswith("Digitale basisvaardigheden")
    with store.reader() as session:
        cands = {c.organisation: c for c in session.scalars(select(Candidature))}
        wilsele = cands["Buurtpunt Wilsele vzw"]
        assert f"{to_brussels(wilsele.received_at):%d/%m %H:%M}" == "08/06 16:40"
        assert len(list_documents(session, wilsele.id)) == 2  # both versions kept
        [word] = list_documents(session, cands["Werkwinkel Heverlee cv"].id)
        assert word.name.endswith(".docx")
        assert "Werkervaring in de buurtwinkel" in " ".join(page_texts(session, word.id))
        late = cands["Repair Café Leuven"]
        assert f"{to_brussels(late.received_at):%d/%m/%Y %H:%M:%S}" == "10/06/2023 00:00:20"
    again = import_mailbox(store, [BOX], "leuven", dry_run=False)
    assert not again.by("created") and not again.by("updated")
