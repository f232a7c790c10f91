"""Rebuttal windows as an iCalendar file: one event per window, for any calendar program."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

from jurydesk.atomic import atomic_path
from jurydesk.decisions.service import outcome_label
from jurydesk.i18n import _
from jurydesk.rebuttals.service import RebuttalWindow, rebuttal_windows
from jurydesk.regions.service import get_region, region_slugs
from jurydesk.store import Store
from jurydesk.timeutil import to_brussels


def _event(window: RebuttalWindow, slug: str, region: str, stamp: datetime):  # type: ignore[no-untyped-def]
    from icalendar import Event

    event = Event()
    event.add("uid", f"rebuttal-{slug}-{window.candidature}-r{window.round}@jurydesk")
    event.add("dtstamp", stamp)
    event.add(
        "summary",
        _("Rebuttal window: {organisation} ({region})").format(
            organisation=window.organisation, region=region
        ),
    )
    closes = to_brussels(window.closes)
    if to_brussels(window.opens).time() == time(0) and closes.time() == time(0):
        event.add("dtstart", window.opens.date())
        event.add("dtend", closes.date())
    else:
        event.add("dtstart", to_brussels(window.opens))
        event.add("dtend", closes)
    event.add(
        "description",
        "\n".join(
            [
                _("Candidature {number}: {organisation}").format(
                    number=window.candidature, organisation=window.organisation
                ),
                _("Decision (round {round}): {outcome}, communicated on {date}").format(
                    round=window.round,
                    outcome=outcome_label(window.outcome),
                    date=window.communicated.isoformat(),
                ),
                _("Last day: {date} at 24:00").format(date=window.last_day.isoformat()),
                _("Rule: {rule}").format(rule=window.rule_text),
            ]
        ),
    )
    event.add("categories", ["JuryDesk", _("Rebuttal")])
    event.add("transp", "TRANSPARENT")
    return event


def rebuttal_calendar(store: Store, slugs: list[str] | None = None) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//JuryDesk//Weerwoordtermijnen//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Rebuttal windows"))
    stamp = datetime.now(UTC).replace(microsecond=0)
    with store.reader() as session:
        for slug in region_slugs(session, slugs):
            region = get_region(session, slug)
            for window in rebuttal_windows(session, slug):
                calendar.add_component(_event(window, slug, region.name, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def export_rebuttal_calendar(store: Store, out: Path, slugs: list[str] | None = None) -> int:
    """Write the .ics file; returns the number of events."""
    data = rebuttal_calendar(store, slugs)
    with atomic_path(Path(out)) as tmp:
        tmp.write_bytes(data)
    return data.count(b"BEGIN:VEVENT")


__all__ = ["export_rebuttal_calendar", "rebuttal_calendar"]
