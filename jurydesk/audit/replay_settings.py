"""The replay's third pass: a region's settings that letters and weerwoord windows depend on,
and its decision-quality settings.

* what the letters print (signatory and function, letterhead, sender, weerwoord address) and
  the invitations (pitch place, days, arrival, party size), from the ``region_settings``
  events (each carries the new value of every field it changed) and ``region_file`` (a
  region's file installed again sets its weerwoord rule);
* the weerwoord rule (days, receipt delay, counting, the weekend/holiday shift);
* thresholds, tie-break rules and lots (``thresholds``, ``tie_breaks``, ``draw_lots``) and
  the calibration anchors (``calibration``): these always had their events, so a value set
  without one is reported.

A region setting no event ever carried is compared with its default where only the audited
region settings ever wrote it (letters, weekend shift, pitch logistics; a demo database's
letters from before their event excepted); the others (the weerwoord rule as the region's file
installed it, an address or pitch days from before their events) are taken as given, like the
older columns of ``replay_extra``: compared from their first event on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jurydesk.audit.replay import Difference
from jurydesk.store.models import Candidature, Region, Setting
from jurydesk.store.quality_models import RegionQuality

UNKNOWN = object()
LETTERS = ("signatory", "signatory_function", "letterhead", "sender")
PITCH = {
    "pitch_place": "place",
    "pitch_arrival": "arrival_minutes",
    "pitch_party_size": "party_size",
}
RULE = ("rebuttal_days", "rebuttal_receipt_delay", "rebuttal_counting")
REGION_FIELDS = (*LETTERS, "weerwoord_address", "weekend_shift", *PITCH, "pitch_days", *RULE)
# Settings only ever written by the audited region settings (since they exist): without an
# event a row must hold the default. The others (the weerwoord rule from the region's file, an
# address or pitch days from before their events) are taken as given until their first event.
DEFAULTS: dict[str, Any] = {
    **dict.fromkeys(LETTERS, ""),
    "weekend_shift": True,
    "pitch_place": "",
    "pitch_arrival": 0,
    "pitch_party_size": 0,
}
PREFIXES = ("letters:", "weerwoord_address:", "rebuttal_weekend_shift:", "pitch:")


def _days(value: Any) -> Any:
    """Pitch days as the settings show them ('28/06/2023; 29/06/2023'), whatever the form."""
    parts = value if isinstance(value, list) else re.split(r"[;,\s]+", str(value or "").strip())
    days: set[date] = set()
    for part in parts:
        if not part:
            continue
        try:
            days.add(
                datetime.strptime(part, "%d/%m/%Y").date()
                if "/" in part
                else date.fromisoformat(part)
            )
        except ValueError:
            return f"not a date: {value!r}"
    return "; ".join(f"{d:%d/%m/%Y}" for d in sorted(days))


def _logged(field: str, value: Any) -> Any:
    """A field as the event holds it, in the form the table's row gives."""
    if field in ("weerwoord_address",):
        return str(value or "").strip()
    if field == "pitch_place":
        return " ".join(str(value or "").split())
    if field == "pitch_days":
        return _days(value)
    if field == "weekend_shift":
        return bool(value)
    return value


def _json(value: str | None) -> Any:
    if value is None:
        return {}
    try:
        data = json.loads(value)
    except ValueError:
        return f"not JSON: {value!r}"
    return data


class SettingsLog:
    def __init__(self) -> None:
        self.region: dict[tuple[str, str], Any] = {}
        self.quality: dict[tuple[str, str], Any] = {}
        self.anchors: dict[str, list[int]] = {}

    def event(self, action: str, key: str, new: Any) -> None:
        if action in ("region_settings", "region_file") and isinstance(new, dict):
            for name, value in new.items():
                if name in REGION_FIELDS:
                    self.region[(key, name)] = _logged(name, value)
        elif action == "thresholds":
            self.quality[(key, "thresholds")] = new or {}
        elif action == "tie_breaks":
            self.quality[(key, "tie-breaks")] = list(new or [])
        elif action == "draw_lots":
            self.quality[(key, "lots")] = new or {}
        elif action == "calibration":
            self.anchors[key] = sorted(int(c) for c in new or [])


def _region_rows(session: Session) -> dict[tuple[str, str], Any]:
    query = select(Setting.key, Setting.value).where(
        or_(*(Setting.key.like(prefix + "%") for prefix in PREFIXES))
    )
    settings: dict[str, str] = {key: value for key, value in session.execute(query)}
    rows: dict[tuple[str, str], Any] = {}
    regions = select(
        Region.slug, Region.rebuttal_days, Region.rebuttal_receipt_delay, Region.rebuttal_counting
    )
    for slug, days, delay, counting in session.execute(regions):
        letters = _json(settings.get(f"letters:{slug}"))
        pitch = _json(settings.get(f"pitch:{slug}:settings"))
        for name in LETTERS:
            rows[(slug, name)] = (
                str(letters.get(name, "")) if isinstance(letters, dict) else letters
            )
        for name, stored in PITCH.items():
            default = "" if name == "pitch_place" else 0
            rows[(slug, name)] = pitch.get(stored, default) if isinstance(pitch, dict) else pitch
        chosen = _json(settings.get(f"pitch:{slug}:days"))
        rows[(slug, "pitch_days")] = _days(chosen) if isinstance(chosen, (list, dict)) else chosen
        rows[(slug, "weerwoord_address")] = settings.get(f"weerwoord_address:{slug}", "")
        rows[(slug, "weekend_shift")] = settings.get(f"rebuttal_weekend_shift:{slug}") != "0"
        rows[(slug, "rebuttal_days")] = days
        rows[(slug, "rebuttal_receipt_delay")] = delay
        rows[(slug, "rebuttal_counting")] = counting
    return rows


def replay_settings(
    session: Session, log: SettingsLog, out: Callable[[Difference], None], juror: bool
) -> int:
    """Compare a region's settings with ``log``; ``juror``: a pack's database, whose regions
    came with the pack (no quality or calibration events there)."""
    compared = 0
    demo = session.get(Setting, "demo") is not None
    for (slug, name), value in sorted(_region_rows(session).items()):
        compared += 1
        logged = (slug, name) in log.region
        given = demo and name in LETTERS
        theirs = log.region[(slug, name)] if logged else DEFAULTS.get(name, UNKNOWN)
        if theirs is not UNKNOWN and theirs != value and (logged or not given):
            problem = "differs" if logged else "no event"
            out(Difference("region setting", f"{slug}/{name}", problem, value, theirs))
    if juror:
        return compared
    slugs: dict[int, str] = {i: s for i, s in session.execute(select(Region.id, Region.slug))}
    quality = {
        slugs[r.region_id]: r
        for r in session.scalars(select(RegionQuality))
        if r.region_id in slugs
    }
    for slug in sorted(slugs.values()):
        row = quality.get(slug)
        for what, value in (
            ("thresholds", dict(row.thresholds or {}) if row else {}),
            ("tie-breaks", list(row.tie_breaks or []) if row else []),
            ("lots", dict(row.lots or {}) if row else {}),
        ):
            compared += 1
            theirs = log.quality.get((slug, what), {} if what != "tie-breaks" else [])
            if theirs != value:
                problem = "no event" if (slug, what) not in log.quality else "differs"
                out(Difference("quality setting", f"{slug}/{what}", problem, value, theirs))
    anchors: dict[str, list[int]] = {}
    for cid, region_id in session.execute(
        select(Candidature.id, Candidature.region_id)
        .where(Candidature.calibration.is_(True))
        .order_by(Candidature.id)
    ):
        anchors.setdefault(slugs.get(region_id, str(region_id)), []).append(cid)
    for slug in sorted(set(anchors) | set(log.anchors)):
        compared += 1
        ours, theirs = anchors.get(slug, []), log.anchors.get(slug, [])
        if ours != theirs:
            problem = "no event" if slug not in log.anchors else "differs"
            out(Difference("calibration", slug, problem, ours, theirs))
    return compared
