"""The replay's fourth pass: the settings a mail, a pitch slot, a score or a decision depends
on that the letters' pass (``replay_settings``) does not cover.

* the SMTP defaults the send dialog starts from (server, port, security, login name, the
  sender a candidate sees, the CA file, the drafts folder; never a password: none is stored),
  from ``smtp_settings`` events;
* a region's pitch timer (start, minutes per presentation, questions and changeover, the
  break, the end of the day, the warning) and running order: the slots the invitations
  print, from ``pitch_timer`` and ``pitch_order`` events;
* a region's rubric and aggregation method, budget, maximum partners and the submission
  subject the mailbox intake matches, from ``region_settings`` and ``region_file`` events;
* every installed rubric's criteria, weights and scales (a digest of its text and of its
  criteria rows), from ``rubric`` events;
* a region's minimum of finalised jurors, quorum and declaration text (``jury_settings``);
* what a region's file installed (the addendum's texts, municipalities, challenges, needs,
  timeline, contacts...), a digest per part, from ``region_file`` events and, for the
  contacts, ``region_settings``.

The reference of a setting is its newest event, or the state the ``mac_key`` event (the first
sign-in of a version that audits these settings) or a region's ``region_file`` event (its
first installation) wrote down. A setting with neither (a database from before, a region
installed without the key) is taken as given, like ``replay_settings``' older settings; the
jury settings always had their events, so without one a row must hold the default.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jurydesk.audit.replay import Difference
from jurydesk.store.meeting_models import RegionJurySettings
from jurydesk.store.models import (
    Challenge,
    Contact,
    CriterionRow,
    EnrichmentPoint,
    Exclusion,
    FocusExpertise,
    Municipality,
    Need,
    Region,
    RubricRow,
    Setting,
    TimelineEvent,
)

SMTP_KEY = "smtp"
SMTP = ("host", "port", "security", "user", "sender", "cafile", "drafts")
TIMER = (
    "start",
    "presentation_minutes",
    "questions_minutes",
    "changeover_minutes",
    "break_start",
    "break_minutes",
    "day_end",
    "warning_seconds",
    "sound",
)
REGION = ("rubric", "method", "budget", "max_partners", "submission_subject")
DEFAULT_RUBRIC = "default"  # the rubric of a region that names none (scoring.rubrics)
JURY = {"min_finalised": 2, "quorum": None, "declaration_text": None}  # the defaults
JURY_EVENT = {"min_finalised": "min_finalised", "quorum": "quorum", "declaration_text": "text"}
ABSENT = object()
# What a region's file installed (the addendum's texts, timeline, contacts...), by part: a
# digest each. The region row's settings compared on their own are left out of "region".
PARTS: dict[str, Any] = {
    "municipalities": Municipality,
    "challenges": Challenge,
    "needs": Need,
    "enrichment": EnrichmentPoint,
    "exclusions": Exclusion,
    "focus_expertise": FocusExpertise,
    "timeline": TimelineEvent,
    "contacts": Contact,
}
OWN = {"id", "slug", "region_id", "submission_subject", "rubric_id", "method", "budget"}
OWN |= {"max_partners", "rebuttal_days", "rebuttal_receipt_delay", "rebuttal_counting"}


def _json(value: str | None) -> Any:
    if value is None:
        return {}
    try:
        data = json.loads(value)
    except ValueError:
        return f"not JSON: {value!r}"
    return data


def _fields(data: Any, names: tuple[str, ...], prefix: str) -> dict[str, Any]:
    if isinstance(data, dict):
        return {prefix + n: data.get(n) for n in names}
    return dict.fromkeys((prefix + n for n in names), data)  # not JSON: every field says so


def budget(value: Any) -> str:
    """A budget as the region settings show it ('250000.00', '' for none), whatever the
    form an event holds ('250.000', '€ 250 000,00' from before the settings normalised it)."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float, Decimal)):
        return f"{Decimal(str(value)):.2f}"
    text = str(value).replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in text:  # Belgian: '250.000,50'
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
        text = text.replace(".", "")  # thousands: '250.000'
    try:
        return f"{Decimal(text):.2f}"
    except InvalidOperation:
        return str(value)


def _region(name: str, value: Any) -> Any:
    """A region column in the form the region settings (and their events) give it."""
    if name == "budget":
        return budget(value)
    if name == "max_partners":
        return int(value or 0)
    if name == "submission_subject":
        return str(value or "").strip()
    return value


def rubric_digests(session: Session, key: str | None = None) -> dict[str, str]:
    """Per rubric key: a digest of its text (what scoring reads) and its criteria rows (what
    aggregation in SQL reads): criteria, weights, scales and knock-outs."""
    rubrics = select(RubricRow.id, RubricRow.key, RubricRow.toml)
    if key is not None:
        rubrics = rubrics.where(RubricRow.key == key)
    rows: dict[int, list[list[Any]]] = {}
    criteria = select(
        CriterionRow.rubric_id,
        CriterionRow.round,
        CriterionRow.key,
        CriterionRow.position,
        CriterionRow.weight,
        CriterionRow.min,
        CriterionRow.max,
        CriterionRow.knockout,
    ).order_by(CriterionRow.rubric_id, CriterionRow.round, CriterionRow.position, CriterionRow.key)
    for rubric_id, *row in session.execute(criteria):
        rows.setdefault(rubric_id, []).append(row)
    out = {}
    for rubric_id, rubric_key, toml in session.execute(rubrics):
        text = json.dumps([toml, rows.get(rubric_id, [])], default=str, ensure_ascii=False)
        out[f"rubric:{rubric_key}"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return out


def _digest(rows: list[Any]) -> str:
    text = json.dumps(rows, default=str, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def addendum(session: Session, slug: str | None = None) -> dict[str, str]:
    """Per region and part ('leuven/addendum:timeline'): a digest of what its file installed
    (contacts also as the region settings edit them), in the parts' own order."""
    regions = {i: s for i, s in session.execute(select(Region.id, Region.slug))}
    if slug is not None:
        regions = {i: s for i, s in regions.items() if s == slug}
    rows: dict[tuple[int, str], list[Any]] = {}
    table = Region.__table__
    own = [c for c in table.c if c.name not in OWN]
    query = select(table.c.id, *own).where(table.c.id.in_(regions))
    for region_id, *values in session.execute(query):
        rows[(region_id, "region")] = [dict(zip((c.name for c in own), values, strict=True))]
    for part, model in PARTS.items():
        table = model.__table__
        columns = [c for c in table.c if c.name not in ("id", "region_id")]
        order = [c for c in table.c if c.name in ("position", "number")]
        query = (
            select(table.c.region_id, *columns)
            .where(table.c.region_id.in_(regions))
            .order_by(table.c.region_id, *order, table.c.id)
        )
        for region_id, *values in session.execute(query):
            row = dict(zip((c.name for c in columns), values, strict=True))
            rows.setdefault((region_id, part), []).append(row)
    return {
        f"{s}/addendum:{part}": _digest(rows.get((i, part), []))
        for i, s in regions.items()
        for part in ("region", *PARTS)
    }


def tracked(session: Session, slug: str | None = None) -> dict[str, Any]:
    """What the tables hold of the tracked settings, by name ('smtp/sender',
    'leuven/pitch_start', 'leuven/pitch_order', 'leuven/budget', 'rubric:default',
    'leuven/quorum'); with ``slug`` only that region's."""
    out: dict[str, Any] = {}
    keys = [f"pitch:{slug}:{what}" for what in ("settings", "order")] if slug else []
    query = select(Setting.key, Setting.value)
    query = query.where(
        Setting.key.in_(keys) if slug else (Setting.key == SMTP_KEY) | Setting.key.like("pitch:%")
    )
    settings = {key: value for key, value in session.execute(query)}
    if slug is None:
        smtp = settings.get(SMTP_KEY)
        out.update(_fields(_json(smtp) if smtp is not None else None, SMTP, "smtp/"))
        out.update(rubric_digests(session))
    rubric_keys = {i: k for i, k in session.execute(select(RubricRow.id, RubricRow.key))}
    jury = {r.region_id: r for r in session.scalars(select(RegionJurySettings))}
    regions = select(
        Region.id,
        Region.slug,
        Region.rubric_id,
        Region.method,
        Region.budget,
        Region.max_partners,
        Region.submission_subject,
    )
    if slug is not None:
        regions = regions.where(Region.slug == slug)
    for region_id, s, rubric_id, method, money, partners, subject in session.execute(regions):
        timer = settings.get(f"pitch:{s}:settings")
        out.update(_fields(_json(timer) if timer is not None else None, TIMER, f"{s}/pitch_"))
        order = settings.get(f"pitch:{s}:order")
        out[f"{s}/pitch_order"] = _json(order) if order is not None else None
        rubric = rubric_keys.get(rubric_id, f"#{rubric_id}") if rubric_id else DEFAULT_RUBRIC
        for name, value in zip(REGION, (rubric, method, money, partners, subject), strict=True):
            out[f"{s}/{name}"] = _region(name, value)
        row = jury.get(region_id)
        out[f"{s}/min_finalised"] = row.min_finalised if row else JURY["min_finalised"]
        out[f"{s}/quorum"] = row.quorum if row else None
        out[f"{s}/declaration_text"] = row.declaration_text if row else None
    out.update(addendum(session, slug))
    return out


class TrackedLog:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def event(self, action: str, key: str, new: Any) -> None:
        if not isinstance(new, dict):
            return
        state = new.get("state")
        if action in ("mac_key", "region_file") and isinstance(state, dict):
            self.values.update(state)
        if action == "smtp_settings":
            self.values.update({f"smtp/{n}": new.get(n) for n in SMTP})
        elif action == "pitch_timer":
            self.values.update({f"{key}/pitch_{n}": new.get(n) for n in TIMER if n in new})
        elif action == "pitch_order":
            self.values[f"{key}/pitch_order"] = new.get("order")
        elif action in ("region_settings", "region_file"):
            for name in REGION:
                if name in new:
                    self.values[f"{key}/{name}"] = _region(name, new[name])
            parts = new.get("addendum")
            if isinstance(parts, dict):
                self.values.update({f"{key}/addendum:{p}": d for p, d in parts.items()})
        elif action == "rubric" and "digest" in new:
            self.values[f"rubric:{key}"] = new["digest"]
        elif action == "jury_settings":
            for name, field in JURY_EVENT.items():
                if field in new:
                    self.values[f"{key}/{name}"] = new[field]


def _difference(name: str, problem: str, ours: Any, theirs: Any) -> Difference:
    if name.startswith("rubric:"):
        return Difference("rubric", name.removeprefix("rubric:"), problem, ours, theirs)
    entity = "setting" if name.startswith("smtp/") else "region setting"
    return Difference(entity, name, problem, ours, theirs)


def _shown(value: Any) -> Any:
    return "—" if value is ABSENT else value


def replay_tracked(session: Session, log: TrackedLog, out: Callable[[Difference], None]) -> int:
    """Compare the tracked settings with ``log``; returns the settings compared."""
    table = tracked(session)
    compared = 0
    for name in sorted(table.keys() | log.values.keys()):
        ours = table.get(name, ABSENT)
        compared += ours is not ABSENT
        if name in log.values:
            theirs, problem = log.values[name], "missing" if ours is ABSENT else "differs"
        elif name.rsplit("/", 1)[-1] in JURY:  # always audited: no event means the default
            theirs, problem = JURY[name.rsplit("/", 1)[-1]], "no event"
        else:
            continue  # from before its first event: taken as given
        if ours != theirs:
            out(_difference(name, problem, _shown(ours), theirs))
    return compared
