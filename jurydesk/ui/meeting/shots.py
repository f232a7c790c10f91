"""The meeting's screenshots for the README (`make screenshots` runs it with the others): the
meeting window, the projector view and the proces-verbaal's first page, on the demo data."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jurydesk.decisions import consensus
from jurydesk.decisions.meetings import close_meeting, leave, open_meeting

if TYPE_CHECKING:
    from jurydesk.ui.main_window import MainWindow


def meeting_shots(window: MainWindow, out_dir: Path) -> list[Path]:
    from jurydesk.scoring.rubrics import rubric_for
    from jurydesk.ui.screenshots import grab

    store = window.store
    with store.session() as session:
        mid = open_meeting(
            session,
            "demo",
            "leuven",
            2,
            date(2023, 6, 30),
            "Stadhuis Leuven, zaal B",
            [1, 2, 3, 4],
            chair=1,
            secretary="Els Peeters",
        )
        keys = [c.key for c in rubric_for(session, "leuven").round(2).criteria]
        for key in keys:
            consensus.set_consensus(
                session,
                "demo",
                21,
                2,
                key,
                "De jury is het eens: het voorstel werkt dit sterk en concreet uit.",
                meeting_id=mid,
            )
        consensus.approve(session, "voorzitter", 21, 2)
        leave(session, "demo", mid, 2, 16, "Was tot 2022 bestuurder van De Woonbrug")
    written = []
    meeting = window.admin.open_meeting()
    assert meeting is not None
    meeting.resize(1366, 768)
    meeting.agenda.selectRow(1)
    meeting._item(1)
    written.append(grab(meeting, out_dir / "meeting.png"))
    projector = meeting.project()
    assert projector is not None
    projector.showNormal()
    projector.resize(1280, 720)
    meeting.go(1)
    written.append(grab(projector, out_dir / "projector.png"))
    projector.close()
    with store.session() as session:
        close_meeting(session, "demo", mid)
    meeting.reject()
    import pypdfium2 as pdfium

    from jurydesk.prints.minutes import minutes_pdf

    with tempfile.TemporaryDirectory() as tmp:
        pdf = minutes_pdf(store, mid, Path(tmp) / "pv.pdf")
        document = pdfium.PdfDocument(str(pdf))
        document[0].render(scale=1.4).to_pil().save(out_dir / "minutes-page-1.png")
        document.close()
    written.append(out_dir / "minutes-page-1.png")
    return written
