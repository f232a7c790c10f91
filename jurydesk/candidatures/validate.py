"""Turn table rows into candidatures, or a report naming every bad row and column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path, PureWindowsPath

from jurydesk.candidatures.columns import BY_HEADER, COLUMNS, HINT_MARK, LIST_SEPARATOR, header_key
from jurydesk.candidatures.rules import RegionRules, normalise
from jurydesk.candidatures.tabular import Row
from jurydesk.documents.errors import DocumentError
from jurydesk.documents.service import Prepared, prepare, read_file
from jurydesk.documents.sniff import DEFAULT_MAX_BYTES
from jurydesk.i18n import _
from jurydesk.timeutil import DateParseError, parse_moment

EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_BUDGET = Decimal("100000000")
ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    severity: str
    message: str

    def __str__(self) -> str:
        if self.column:
            where = _("row {row}, column '{column}'").format(row=self.row, column=self.column)
        else:
            where = _("row {row}").format(row=self.row)
        return f"{where}: {self.message}"


def severity_label(severity: str) -> str:
    return _("error") if severity == ERROR else _("warning")


@dataclass(frozen=True)
class CandidatureInput:
    row: int
    organisation: str
    contact: str
    email: str
    phone: str
    title: str
    summary: str
    received_at: datetime
    channel: str
    challenges: list[int]
    services: list[str]
    requested_budget: Decimal | None
    attachments: list[str]
    expertise: list[int] = field(default_factory=list)
    documents: list[Prepared] = field(default_factory=list)


@dataclass
class ValidationResult:
    candidatures: list[CandidatureInput] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors


def clean_text(value: object) -> str:
    """Cell text as plain text: control characters removed, outer spaces trimmed.

    A value that looks like a formula ('=', '+', '-', '@') stays literal text; the apostrophe
    that JuryDesk's workbook puts before '=' and '@' (so that they survive "Save as CSV") is
    dropped again.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = CONTROL_RE.sub("", str(value)).strip()
    if text.startswith(("'=", "'@")):
        return text[1:]
    return text


def split_list(value: object) -> list[str]:
    return [part.strip() for part in clean_text(value).split(LIST_SEPARATOR) if part.strip()]


def parse_budget(value: object) -> Decimal:
    """A euro amount: a number, or text such as '€ 45.000,50' or '45000'."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = clean_text(value).replace("€", "").replace("EUR", "").replace(" ", "")
        text = text.replace("\u00a0", "")
        if "," in text and "." in text:
            text = (
                text.replace(".", "").replace(",", ".")
                if text.rfind(",") > text.rfind(".")
                else text.replace(",", "")
            )
        elif "," in text:
            text = text.replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(
                _("'{value}' is not an amount in euro").format(value=clean_text(value))
            ) from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(_("'{value}' is not a positive amount").format(value=clean_text(value)))
    if amount > MAX_BUDGET:
        raise ValueError(
            _("{amount} euro is more than the {limit} allowed").format(
                amount=amount, limit=MAX_BUDGET
            )
        )
    return amount.quantize(Decimal("0.01"))


class _RowReader:
    def __init__(self, number: int, cells: dict[str, object], result: ValidationResult) -> None:
        self.number = number
        self.cells = cells
        self.result = result
        self.failed = False

    def problem(self, field_name: str, message: str, severity: str = ERROR) -> None:
        header = next(c.header for c in COLUMNS if c.field == field_name)
        self.result.problems.append(Problem(self.number, header, severity, message))
        if severity == ERROR:
            self.failed = True

    def text(self, field_name: str, required: bool = False, limit: int = 5000) -> str:
        raw = self.cells.get(field_name)
        if isinstance(raw, str) and CONTROL_RE.search(raw):
            self.problem(field_name, _("holds control characters (such as NUL); retype the text"))
        value = clean_text(raw)
        if required and not value:
            self.problem(field_name, _("is required but empty"))
        elif len(value) > limit:
            self.problem(field_name, _("is longer than {limit} characters").format(limit=limit))
        return value


def map_headers(header: list[object]) -> tuple[dict[int, str], list[Problem]]:
    """Column index -> field; problems for missing required or duplicated headers."""
    mapping: dict[int, str] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, text in enumerate(header):
        column = BY_HEADER.get(header_key(text))
        if column is None:
            if clean_text(text):
                problems.append(Problem(1, clean_text(text), WARNING, _("unknown column, ignored")))
            continue
        if column.field in seen:
            problems.append(Problem(1, column.header, ERROR, _("the column appears twice")))
            continue
        seen[column.field] = index
        mapping[index] = column.field
    for column in COLUMNS:
        if column.required and column.field not in seen:
            problems.append(Problem(1, column.header, ERROR, _("required column is missing")))
    return mapping, problems


def validate_rows(
    header: list[object],
    rows: list[Row],
    rules: RegionRules,
    existing_organisations: set[str],
    base_dir: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ValidationResult:
    mapping, header_problems = map_headers(header)
    result = ValidationResult(problems=header_problems)
    if any(p.severity == ERROR for p in header_problems):
        return result
    organisations: dict[str, int] = {}
    for number, values in rows:
        cells = {
            field_name: values[i] if i < len(values) else None for i, field_name in mapping.items()
        }
        first = clean_text(next((v for v in values if clean_text(v)), ""))
        if first.startswith(HINT_MARK):
            continue
        candidature = _validate_row(_RowReader(number, cells, result), rules, base_dir, max_bytes)
        if candidature is None:
            continue
        key = normalise(candidature.organisation)
        if key in existing_organisations:
            result.problems.append(
                Problem(
                    number,
                    "Organisatie",
                    ERROR,
                    _(
                        "{organisation} already has a candidature in {region} "
                        "(one per organisation per region)"
                    ).format(organisation=candidature.organisation, region=rules.name),
                )
            )
        elif key in organisations:
            result.problems.append(
                Problem(
                    number,
                    "Organisatie",
                    ERROR,
                    _(
                        "{organisation} appears again (first in row {first}); one candidature per "
                        "organisation per region, no consortia"
                    ).format(organisation=candidature.organisation, first=organisations[key]),
                )
            )
        else:
            organisations[key] = number
            result.candidatures.append(candidature)
    if not rows:
        result.problems.append(Problem(2, "", ERROR, _("the file holds no candidatures")))
    return result


def _validate_row(
    r: _RowReader, rules: RegionRules, base_dir: Path, max_bytes: int
) -> CandidatureInput | None:
    organisation = r.text("organisation", required=True, limit=300)
    contact = r.text("contact", required=True, limit=200)
    email = r.text("email", required=True, limit=320)
    if email and not EMAIL_RE.match(email):
        r.problem("email", _("'{email}' is not a valid e-mail address").format(email=email))
    title = r.text("title", required=True)
    received_at = None
    raw_received = r.cells.get("received_at")
    if not clean_text(raw_received) and not isinstance(raw_received, datetime):
        r.problem("received_at", _("is required but empty"))
    else:
        try:
            received_at = parse_moment(raw_received)
        except DateParseError as exc:
            r.problem(
                "received_at",
                _("'{value}' is not a date and time (use dd/mm/jjjj uu:mm or ISO 8601)").format(
                    value=clean_text(raw_received)
                )
                if "does not exist" not in str(exc)
                else _("{value} does not exist in Belgian time (the clocks moved forward)").format(
                    value=clean_text(raw_received)
                ),
            )
    challenges: list[int] = []
    for part in split_list(r.cells.get("challenges")):
        if not re.fullmatch(r"\d{1,3}", part):
            r.problem("challenges", _("'{value}' is not a challenge number").format(value=part))
        elif int(part) not in rules.challenge_numbers:
            known = ", ".join(str(n) for n in sorted(rules.challenge_numbers))
            r.problem(
                "challenges",
                _("{region} has no challenge {number} (it has {known})").format(
                    region=rules.name, number=part, known=known
                ),
            )
        elif int(part) not in challenges:
            challenges.append(int(part))
    expertise: list[int] = []
    for part in split_list(r.cells.get("expertise")):
        if not re.fullmatch(r"\d{1,3}", part) or not 1 <= int(part) <= len(rules.expertise):
            r.problem(
                "expertise",
                _("'{value}' is not a number of the sought expertise of {region} ({known})").format(
                    value=part,
                    region=rules.name,
                    known="; ".join(f"{i} {t}" for i, t in enumerate(rules.expertise, 1))
                    or _("it seeks none"),
                ),
            )
        elif int(part) not in expertise:
            expertise.append(int(part))
    services: list[str] = []
    for part in split_list(r.cells.get("services")):
        key = rules.service_key(part)
        if key is None:
            r.problem(
                "services",
                _("'{value}' is not a service type of {region} (known: {known})").format(
                    value=part, region=rules.name, known=", ".join([*rules.funded, *rules.excluded])
                ),
            )
        elif key not in services:
            services.append(key)
    budget = None
    if clean_text(r.cells.get("requested_budget")):
        try:
            budget = parse_budget(r.cells.get("requested_budget"))
        except ValueError as exc:
            r.problem("requested_budget", str(exc))
    documents = _documents(r, base_dir, max_bytes)
    summary = r.text("summary", limit=20000)
    phone = r.text("phone", limit=64)
    channel = r.text("channel", limit=100)
    if r.failed or received_at is None:
        return None
    return CandidatureInput(
        row=r.number,
        organisation=organisation,
        contact=contact,
        email=email,
        phone=phone,
        title=title,
        summary=summary,
        received_at=received_at,
        channel=channel or rules.channel,
        challenges=challenges,
        services=services,
        expertise=expertise,
        requested_budget=budget,
        attachments=[],
        documents=documents,
    )


def _documents(r: _RowReader, base_dir: Path, max_bytes: int) -> list[Prepared]:
    """The row's ``Bijlagen``: files in the workbook's own folder only, checked and read."""
    documents: list[Prepared] = []
    parts = split_list(r.cells.get("attachments"))
    base = base_dir.resolve() if parts else base_dir  # most rows have none: no file system
    for part in parts:
        path = Path(part)
        if path.is_absolute() or PureWindowsPath(part).is_absolute() or PureWindowsPath(part).drive:
            r.problem(
                "attachments",
                _("'{value}': give a path relative to the workbook's folder").format(value=part),
            )
            continue
        resolved = (base / path).resolve()
        if not resolved.is_relative_to(base):
            r.problem(
                "attachments",
                _("'{value}' lies outside the workbook's folder; it was not read").format(
                    value=part
                ),
            )
            continue
        if not resolved.is_file():
            r.problem("attachments", _("'{value}' was not found").format(value=part))
            continue
        try:
            documents.append(prepare(resolved.name, read_file(resolved, max_bytes), max_bytes))
        except DocumentError as exc:
            r.problem("attachments", str(exc))
    return documents
