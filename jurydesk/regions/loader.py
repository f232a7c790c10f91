"""Read and validate a region file (TOML); every problem names the file, the key and the fault."""

from __future__ import annotations

import hashlib
import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jurydesk.regions.spec import (
    EVENT_KINDS,
    SUBMISSION_CHANNELS,
    TIMELINE_KEYS,
    ChallengeSpec,
    ContactSpec,
    EventSpec,
    ExclusionSpec,
    NeedSpec,
    RebuttalRule,
    RegionSpec,
    SubmissionSpec,
)
from jurydesk.timeutil import local, to_brussels

FORMAT_VERSION = 1
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class RegionFileError(ValueError):
    """A region file that cannot be used; ``problems`` lists every one found."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{file}: {len(problems)} problem(s):\n{lines}")


class _Reader:
    """Typed access to nested TOML tables that records problems instead of failing at once."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{key}: {message}")

    def get(
        self,
        table: dict[str, Any],
        key: str,
        path: str,
        kind: type,
        *,
        required: bool = True,
        default: Any = None,
    ) -> Any:
        full = f"{path}.{key}" if path else key
        if key not in table:
            if required:
                self.problem(full, "is missing")
            return default
        value = table[key]
        if kind is str and isinstance(value, str):
            if required and not value.strip():
                self.problem(full, "is empty")
            return value.strip()
        if kind is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if kind in (list, dict) and isinstance(value, kind):
            return value
        if kind is object:
            return value
        self.problem(full, f"must be {_kind_name(kind)}, not {type(value).__name__}")
        return default

    def strings(
        self,
        table: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        allow_empty: bool = True,
    ) -> list[str]:
        values = self.get(table, key, path, list, required=required, default=[])
        full = f"{path}.{key}" if path else key
        out: list[str] = []
        for i, value in enumerate(values or []):
            if not isinstance(value, str) or not value.strip():
                self.problem(f"{full}[{i}]", "must be a non-empty text")
            else:
                out.append(value.strip())
        if not allow_empty and not out and values is not None and key in table:
            self.problem(full, "must list at least one entry")
        return out

    def tables(
        self, table: dict[str, Any], key: str, path: str, *, required: bool = True
    ) -> list[dict[str, Any]]:
        values = self.get(table, key, path, list, required=required, default=[])
        full = f"{path}.{key}" if path else key
        out = []
        for i, value in enumerate(values or []):
            if isinstance(value, dict):
                out.append(value)
            else:
                self.problem(f"{full}[{i}]", "must be a table")
        return out


def _kind_name(kind: type) -> str:
    return {str: "a text", int: "a whole number", list: "a list", dict: "a table"}.get(
        kind, kind.__name__
    )


def _moment(reader: _Reader, value: Any, key: str) -> tuple[datetime | None, bool]:
    """A TOML date (all day) or (local/offset) datetime, as an aware Brussels moment."""
    if isinstance(value, datetime):
        return to_brussels(value), False
    if isinstance(value, date):
        return local(value), True
    reader.problem(key, f"must be a date or date-time, not {value!r}")
    return None, False


def _challenges(r: _Reader, data: dict[str, Any]) -> list[ChallengeSpec]:
    out: list[ChallengeSpec] = []
    for i, table in enumerate(r.tables(data, "challenges", "")):
        path = f"challenges[{i}]"
        number = r.get(table, "number", path, int)
        personas = r.strings(table, "personas", path, allow_empty=False)
        out.append(
            ChallengeSpec(
                number=number or 0,
                personas=personas,
                persona_text=r.get(table, "persona_text", path, str, required=False)
                or ", ".join(personas),
                description=r.get(table, "description", path, str) or "",
                questions=r.strings(table, "questions", path, allow_empty=False),
                remark=r.get(table, "remark", path, str, required=False, default="") or "",
            )
        )
    numbers = [c.number for c in out]
    if not out:
        r.problem("challenges", "a region needs at least one challenge")
    elif sorted(numbers) != list(range(1, len(out) + 1)):
        r.problem("challenges", f"numbers must run 1..{len(out)}, found {numbers}")
    return out


def _keyed(
    r: _Reader, tables: list[dict[str, Any]], path: str, fields: tuple[str, ...], seen: set[str]
) -> list[dict[str, str]]:
    rows = []
    for i, table in enumerate(tables):
        row_path = f"{path}[{i}]"
        row = {name: r.get(table, name, row_path, str) or "" for name in fields}
        key = row["key"]
        if key and not SLUG_RE.match(key):
            r.problem(f"{row_path}.key", f"'{key}' must be lower case letters, digits and '-'")
        elif key in seen:
            r.problem(f"{row_path}.key", f"'{key}' is used twice")
        seen.add(key)
        rows.append(row)
    return rows


def _timeline(r: _Reader, data: dict[str, Any]) -> tuple[list[str], list[EventSpec]]:
    table = r.get(data, "timeline", "", dict, default={}) or {}
    notes = r.strings(table, "notes", "timeline", required=False)
    events: list[EventSpec] = []
    for i, event in enumerate(r.tables(table, "events", "timeline")):
        path = f"timeline.events[{i}]"
        key = r.get(event, "key", path, str) or ""
        kind = r.get(event, "kind", path, str) or ""
        if key and key not in TIMELINE_KEYS:
            r.problem(f"{path}.key", f"'{key}' is not one of {', '.join(TIMELINE_KEYS)}")
        if kind and kind not in EVENT_KINDS:
            r.problem(f"{path}.kind", f"'{kind}' is not one of {', '.join(EVENT_KINDS)}")
        days = _days(r, event, "days", path)
        possible = _days(r, event, "possible_days", path)
        start: datetime | None
        end: datetime | None = None
        all_day = True
        if kind == "days":
            if not days:
                r.problem(f"{path}.days", "a 'days' entry must list at least one day")
                continue
            every = sorted(days + possible)
            start, end = local(every[0]), (local(every[-1]) if len(every) > 1 else None)
        else:
            if "start" not in event:
                r.problem(f"{path}.start", "is missing")
                continue
            start, all_day = _moment(r, event["start"], f"{path}.start")
            if "end" in event:
                end, _ = _moment(r, event["end"], f"{path}.end")
            if kind == "period" and end is None:
                r.problem(f"{path}.end", "a period needs an end")
        if start is not None and end is not None and end < start:
            r.problem(f"{path}.end", "lies before the start")
        if start is None:
            continue
        events.append(
            EventSpec(
                key=key,
                label=r.get(event, "label", path, str) or "",
                kind=kind,
                start=start,
                end=end,
                text=r.get(event, "text", path, str) or "",
                all_day=all_day,
                note=r.get(event, "note", path, str, required=False, default="") or "",
                days=days,
                possible_days=possible,
            )
        )
    keys = [e.key for e in events]
    for key in TIMELINE_KEYS:
        if keys.count(key) > 1:
            r.problem("timeline.events", f"'{key}' appears {keys.count(key)} times")
    if "candidature_deadline" not in keys:
        r.problem("timeline.events", "the 'candidature_deadline' entry is required")
    return notes, events


def _days(r: _Reader, table: dict[str, Any], key: str, path: str) -> list[date]:
    values = r.get(table, key, path, list, required=False, default=[]) or []
    out = []
    for i, value in enumerate(values):
        if isinstance(value, date) and not isinstance(value, datetime):
            out.append(value)
        else:
            r.problem(f"{path}.{key}[{i}]", f"must be a date, not {value!r}")
    return out


def _contacts(r: _Reader, data: dict[str, Any]) -> tuple[str, list[ContactSpec]]:
    table = r.get(data, "contacts", "", dict, default={}) or {}
    out = []
    for i, person in enumerate(r.tables(table, "people", "contacts")):
        path = f"contacts.people[{i}]"
        email = r.get(person, "email", path, str) or ""
        if email and not EMAIL_RE.match(email):
            r.problem(f"{path}.email", f"'{email}' is not an e-mail address")
        out.append(
            ContactSpec(
                name=r.get(person, "name", path, str) or "",
                email=email,
                phone=r.get(person, "phone", path, str, required=False, default="") or "",
            )
        )
    return r.get(table, "intro", "contacts", str, required=False, default="") or "", out


def _submission(r: _Reader, data: dict[str, Any]) -> SubmissionSpec:
    table = r.get(data, "submission", "", dict, default={}) or {}
    channel = r.get(table, "channel", "submission", str) or ""
    address = r.get(table, "address", "submission", str) or ""
    subject = r.get(table, "subject", "submission", str, required=False)
    if channel and channel not in SUBMISSION_CHANNELS:
        r.problem(
            "submission.channel", f"'{channel}' is not one of {', '.join(SUBMISSION_CHANNELS)}"
        )
    if channel == "email" and address and not EMAIL_RE.match(address):
        r.problem("submission.address", f"'{address}' is not an e-mail address")
    if channel == "web" and address and not address.startswith(("https://", "http://")):
        r.problem("submission.address", f"'{address}' is not a web address")
    return SubmissionSpec(
        channel=channel,
        address=address,
        subject=subject,
        text=r.get(table, "text", "submission", str, required=False) or "",
    )


def _rebuttal(r: _Reader, data: dict[str, Any]) -> RebuttalRule:
    """The default rebuttal rule's settings (the region's explicit deadline wins)."""
    table = r.get(data, "rebuttal", "", dict, required=False, default={}) or {}
    days = r.get(table, "days", "rebuttal", int, required=False, default=14)
    delay = r.get(table, "receipt_delay_days", "rebuttal", int, required=False, default=0)
    counting = r.get(table, "counting", "rebuttal", str, required=False, default="calendar")
    if days is not None and not 1 <= days <= 120:
        r.problem("rebuttal.days", f"{days} must lie between 1 and 120")
    if delay is not None and not 0 <= delay <= 30:
        r.problem("rebuttal.receipt_delay_days", f"{delay} must lie between 0 and 30")
    if counting not in ("calendar", "working"):
        r.problem("rebuttal.counting", f"'{counting}' is not 'calendar' or 'working'")
    return RebuttalRule(
        days=days or 14,
        receipt_delay=delay or 0,
        counting=counting if counting in ("calendar", "working") else "calendar",
    )


def parse_region(raw: bytes, file: str = "<region>") -> RegionSpec:
    """Parse and validate a region file's bytes; raise RegionFileError listing every problem."""
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RegionFileError(
            file, [f"not UTF-8 text ({exc.reason} at byte {exc.start})"]
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise RegionFileError(file, [f"not valid TOML: {exc}"]) from None
    r = _Reader()
    fmt = r.get(data, "format", "", int)
    if fmt is not None and fmt != FORMAT_VERSION:
        r.problem(
            "format", f"version {fmt} is not supported (this JuryDesk reads {FORMAT_VERSION})"
        )
    slug = r.get(data, "slug", "", str) or ""
    if slug and not SLUG_RE.match(slug):
        r.problem("slug", f"'{slug}' must be lower case letters, digits and '-'")
    enrichment = r.get(data, "enrichment", "", dict, required=False, default={}) or {}
    arena = r.get(data, "arena", "", dict, default={}) or {}
    local_table = r.get(data, "local", "", dict, required=False, default={}) or {}
    focus = r.get(data, "focus", "", dict, required=False, default={}) or {}
    exclusions = r.get(data, "exclusions", "", dict, required=False, default={}) or {}
    service_keys: set[str] = set()
    needs = _keyed(
        r,
        r.tables(arena, "needs", "arena"),
        "arena.needs",
        ("key", "need", "service"),
        service_keys,
    )
    if not needs:
        r.problem("arena.needs", "a region needs at least one row in its needs table")
    excluded = _keyed(
        r,
        r.tables(exclusions, "services", "exclusions", required=False),
        "exclusions.services",
        ("key", "label"),
        set(),
    )
    for i, row in enumerate(excluded):
        if row["key"] in service_keys:
            r.problem(
                f"exclusions.services[{i}].key",
                f"'{row['key']}' is both funded (arena.needs) and excluded",
            )
    challenges = _challenges(r, data)
    notes, timeline = _timeline(r, data)
    contacts_intro, contacts = _contacts(r, data)
    submission = _submission(r, data)
    spec = RegionSpec(
        slug=slug,
        name=r.get(data, "name", "", str) or "",
        title=r.get(data, "title", "", str, required=False, default="") or "",
        werkingsgebied=r.get(data, "werkingsgebied", "", str, required=False, default="") or "",
        municipalities=r.strings(data, "municipalities", "", required=False),
        challenges_intro=r.get(data, "challenges_intro", "", str, required=False) or "",
        challenges=challenges,
        enrichment_intro=r.get(enrichment, "intro", "enrichment", str, required=False) or "",
        enrichment_heading=r.get(enrichment, "heading", "enrichment", str, required=False) or "",
        enrichment=r.strings(enrichment, "points", "enrichment", required=False),
        arena_intro=r.get(arena, "intro", "arena", str, required=False) or "",
        needs=[NeedSpec(**row) for row in needs],
        local_input=r.strings(local_table, "input", "local", required=False),
        focus_intro=r.get(focus, "intro", "focus", str, required=False) or "",
        focus_expertise=r.strings(focus, "expertise", "focus", required=False),
        exclusions_text=r.get(exclusions, "text", "exclusions", str, required=False) or "",
        exclusions=[ExclusionSpec(**row) for row in excluded],
        timeline_notes=notes,
        timeline=timeline,
        contacts_intro=contacts_intro,
        contacts=contacts,
        submission=submission,
        source_file=Path(file).name,
        source_sha256=hashlib.sha256(raw).hexdigest(),
        rebuttal=_rebuttal(r, data),
    )
    if r.problems:
        raise RegionFileError(file, r.problems)
    return spec


def load_region_file(path: Path) -> RegionSpec:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RegionFileError(str(path), [f"cannot be read: {exc.strerror}"]) from None
    return parse_region(raw, str(path))


def bundled_region_files() -> list[Path]:
    from jurydesk.paths import resources_dir

    return sorted((resources_dir() / "regions").glob("*.toml"))
