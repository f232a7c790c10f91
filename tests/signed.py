"""Jurors for tests, as the rule wants them: on their panels AND with a signed declaration
(verklaring op eer) for each region, so that they may score."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from jurydesk.jury.declarations import record_on_paper
from jurydesk.jury.service import add_juror


def add_signed_juror(
    session: Session,
    actor: str,
    name: str,
    role: str,
    organisation: str = "",
    email: str = "",
    panels: list[tuple[str, int]] | None = None,
) -> int:
    juror = add_juror(session, actor, name, role, organisation, email, panels)
    for slug in dict.fromkeys(slug for slug, _round in panels or []):
        record_on_paper(session, actor, juror, slug, date(2023, 5, 1))
    return juror
