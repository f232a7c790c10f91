"""The rubric: rounds, criteria with weights and anchored scales, and the rules between rounds.

Read from TOML and validated on load; every problem names the file and the key.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

METHODS = ("mean", "median", "trimmed", "zscore")
FINAL_RULES = ("round2", "combined")


class RubricError(ValueError):
    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        super().__init__(f"{file}: " + "; ".join(problems))


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    guidance: str
    weight: float
    min: int
    max: int
    half_points: bool
    labels: dict[int, str]
    knockout: float | None = None
    shows: tuple[str, ...] = ()

    @property
    def step(self) -> Decimal:
        return Decimal("0.5") if self.half_points else Decimal(1)

    def values(self) -> list[Decimal]:
        """Every value on the scale, lowest first."""
        out, value = [], Decimal(self.min)
        while value <= self.max:
            out.append(value)
            value += self.step
        return out

    @cached_property
    def allowed(self) -> frozenset[float]:
        """The scale's values as floats (exact: whole and half points), looked up per score."""
        return frozenset(float(v) for v in self.values())

    def is_valid(self, value: Decimal | float) -> bool:
        return float(value) in self.allowed

    def label_for(self, value: Decimal | float) -> str:
        """'3 - goed'; a half point between two anchors is named after both."""
        value = Decimal(str(value))
        if value == value.to_integral_value():
            return f"{int(value)} - {self.labels[int(value)]}"
        low, high = int(value), int(value) + 1
        shown = str(value).replace(".", ",")
        return f"{shown} - {self.labels[low]} / {self.labels[high]}"


@dataclass(frozen=True)
class Round:
    number: int
    name: str
    criteria: tuple[Criterion, ...]

    def criterion(self, key: str) -> Criterion | None:
        return next((c for c in self.criteria if c.key == key), None)


BLIND_RULES = ("after_finalize", "never")


@dataclass(frozen=True)
class Aggregation:
    method: str = "mean"
    disagreement_stdev: float = 15.0
    zscore_min_candidatures: int = 8
    blind: str = "after_finalize"  # when a juror sees other jurors' scores


@dataclass(frozen=True)
class Selection:
    pitch_top: int | None = None
    pitch_min_total: float | None = None
    final: str = "round2"
    combined_weights: tuple[float, float] = (0.5, 0.5)
    select_top: int | None = None
    select_min_total: float | None = None
    reserve_count: int = 0


@dataclass(frozen=True)
class Rubric:
    key: str
    name: str
    rounds: tuple[Round, ...]
    aggregation: Aggregation = field(default_factory=Aggregation)
    selection: Selection = field(default_factory=Selection)
    sha256: str = ""
    source: str = ""

    def round(self, number: int) -> Round:
        for r in self.rounds:
            if r.number == number:
                return r
        raise KeyError(number)


def _num(
    problems: list[str],
    table: dict[str, Any],
    key: str,
    path: str,
    *,
    required: bool = False,
    integer: bool = False,
    positive: bool = False,
) -> Any:
    if key not in table:
        if required:
            problems.append(f"{path}.{key}: is missing")
        return None
    value = table[key]
    ok = isinstance(value, int) if integer else isinstance(value, int | float)
    if isinstance(value, bool) or not ok:
        kind = "a whole number" if integer else "a number"
        problems.append(f"{path}.{key}: must be {kind}, not {value!r}")
        return None
    if positive and value <= 0:
        problems.append(f"{path}.{key}: must be positive, not {value}")
        return None
    return value


def _text(
    problems: list[str], table: dict[str, Any], key: str, path: str, required: bool = True
) -> str:
    value = table.get(key)
    if value is None:
        if required:
            problems.append(f"{path}.{key}: is missing")
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(f"{path}.{key}: must be a non-empty text")
        return ""
    return value.strip()


def _labels(problems: list[str], table: Any, path: str) -> dict[int, str]:
    if not isinstance(table, dict):
        problems.append(f"{path}: must be a table of value = label")
        return {}
    out = {}
    for key, label in table.items():
        try:
            number = int(key)
        except ValueError:
            problems.append(f"{path}.{key}: the value must be a whole number")
            continue
        if not isinstance(label, str) or not label.strip():
            problems.append(f"{path}.{key}: the label must be a non-empty text")
            continue
        out[number] = label.strip()
    return out


def _criterion(
    problems: list[str], table: dict[str, Any], path: str, default_labels: dict[int, str]
) -> Criterion | None:
    key = _text(problems, table, "key", path)
    weight = _num(problems, table, "weight", path, required=True, positive=True)
    low = _num(problems, table, "min", path, required=True, integer=True)
    high = _num(problems, table, "max", path, required=True, integer=True)
    labels = (
        _labels(problems, table["labels"], f"{path}.labels")
        if "labels" in table
        else default_labels
    )
    knockout = _num(problems, table, "knockout", path)
    half = table.get("half_points", False)
    if not isinstance(half, bool):
        problems.append(f"{path}.half_points: must be true or false")
        half = False
    shows = table.get("shows", [])
    if not isinstance(shows, list) or not all(
        s in ("challenges", "needs", "enrichment", "exclusions", "focus") for s in shows
    ):
        problems.append(
            f"{path}.shows: must list some of challenges, needs, enrichment, exclusions, focus"
        )
        shows = []
    if low is None or high is None or weight is None or not key:
        return None
    if high <= low:
        problems.append(f"{path}.max: must be above min ({low})")
        return None
    unlabelled = [v for v in range(low, high + 1) if v not in labels]
    if unlabelled:
        problems.append(f"{path}.labels: no label for {', '.join(map(str, unlabelled))}")
    if knockout is not None and not (low <= knockout <= high):
        problems.append(f"{path}.knockout: {knockout} lies outside the scale {low}..{high}")
    return Criterion(
        key=key,
        label=_text(problems, table, "label", path),
        guidance=_text(problems, table, "guidance", path, required=False),
        weight=float(weight),
        min=low,
        max=high,
        half_points=half,
        labels={v: labels[v] for v in range(low, high + 1) if v in labels},
        knockout=float(knockout) if knockout is not None else None,
        shows=tuple(shows),
    )


def _aggregation(problems: list[str], table: dict[str, Any]) -> Aggregation:
    method = table.get("method", "mean")
    if method not in METHODS:
        problems.append(f"aggregation.method: '{method}' is not one of {', '.join(METHODS)}")
        method = "mean"
    stdev = _num(problems, table, "disagreement_stdev", "aggregation", positive=True)
    minimum = _num(
        problems, table, "zscore_min_candidatures", "aggregation", integer=True, positive=True
    )
    blind = table.get("blind", "after_finalize")
    if blind not in BLIND_RULES:
        problems.append(f"aggregation.blind: '{blind}' is not one of {', '.join(BLIND_RULES)}")
        blind = "after_finalize"
    return Aggregation(
        method=method,
        disagreement_stdev=float(stdev or 15.0),
        zscore_min_candidatures=int(minimum or 8),
        blind=blind,
    )


def _selection(problems: list[str], table: dict[str, Any]) -> Selection:
    final = table.get("final", "round2")
    if final not in FINAL_RULES:
        problems.append(f"selection.final: '{final}' is not one of {', '.join(FINAL_RULES)}")
        final = "round2"
    weights = table.get("combined_weights", [0.5, 0.5])
    if (
        not isinstance(weights, list)
        or len(weights) != 2
        or not all(isinstance(w, int | float) and w >= 0 for w in weights)
        or sum(weights) <= 0
    ):
        problems.append(
            "selection.combined_weights: must be two non-negative numbers, not both zero"
        )
        weights = [0.5, 0.5]
    total = float(sum(weights))
    return Selection(
        pitch_top=_num(problems, table, "pitch_top", "selection", integer=True, positive=True),
        pitch_min_total=_num(problems, table, "pitch_min_total", "selection"),
        final=final,
        combined_weights=(weights[0] / total, weights[1] / total),
        select_top=_num(problems, table, "select_top", "selection", integer=True, positive=True),
        select_min_total=_num(problems, table, "select_min_total", "selection"),
        reserve_count=_num(problems, table, "reserve_count", "selection", integer=True) or 0,
    )


def parse_rubric(raw: bytes, file: str = "<rubric>") -> Rubric:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RubricError(file, [f"not a valid UTF-8 TOML file: {exc}"]) from None
    problems: list[str] = []
    if data.get("format") != 1:
        problems.append("format: must be 1")
    key = _text(problems, data, "key", "")
    default_labels = _labels(problems, data.get("labels", {}), "labels")
    rounds = []
    raw_rounds = data.get("rounds", [])
    for i, table in enumerate(raw_rounds if isinstance(raw_rounds, list) else []):
        path = f"rounds[{i}]"
        number = _num(problems, table, "number", path, required=True, integer=True)
        criteria = []
        seen: set[str] = set()
        for j, ctable in enumerate(table.get("criteria", [])):
            criterion = _criterion(problems, ctable, f"{path}.criteria[{j}]", default_labels)
            if criterion is None:
                continue
            if criterion.key in seen:
                problems.append(f"{path}.criteria[{j}].key: '{criterion.key}' is used twice")
            seen.add(criterion.key)
            criteria.append(criterion)
        if not criteria:
            problems.append(f"{path}.criteria: a round needs at least one criterion")
        rounds.append(
            Round(
                number=number or 0,
                name=_text(problems, table, "name", path),
                criteria=tuple(criteria),
            )
        )
    if [r.number for r in rounds] != [1, 2]:
        problems.append("rounds: there must be exactly two rounds, numbered 1 and 2")
    rubric = Rubric(
        key=key,
        name=_text(problems, data, "name", ""),
        rounds=tuple(rounds),
        aggregation=_aggregation(problems, data.get("aggregation", {})),
        selection=_selection(problems, data.get("selection", {})),
        sha256=hashlib.sha256(raw).hexdigest(),
        source=Path(file).name,
    )
    if problems:
        raise RubricError(file, problems)
    return rubric


def load_rubric_file(path: Path) -> Rubric:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RubricError(str(path), [f"cannot be read: {exc.strerror}"]) from None
    return parse_rubric(raw, str(path))


def bundled_rubric_files() -> list[Path]:
    from jurydesk.paths import resources_dir

    return sorted((resources_dir() / "rubrics").glob("*.toml"))
