"""Letter templates: TOML files in resources/letters, adaptable without touching code.

``<lang>.toml`` holds every text; ``<lang>-<region>.toml`` beside it replaces keys for one
region, and the same files in the ``letters`` folder of the data directory replace keys of
the bundled ones. Every text is checked against the fields a letter offers, so a typo in a
template is reported with its key before a single letter is written.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jurydesk.i18n import _
from jurydesk.layers import read_layers
from jurydesk.paths import data_dir, resources_dir

KINDS = (
    "round1_not_selected",
    "round1_shortlisted",  # the invitation to the pitch, with the slot
    "round2_selected",
    "round2_not_selected",
    "round2_reserve",
    "final_upheld",
    "final_rejected",
)
FIELDS = frozenset(
    {
        "region",
        "region_code",
        "werkingsgebied",
        "contact_emails",
        "contact",
        "organisation",
        "title",
        "received",
        "candidature",
        "round",
        "year",
        "reference",
        "decision_date",
        "decision_motivation",
        "window",
        "rule",
        "rebuttal_to",
        "rebuttal_received",
        "reassessment_motivation",
        "page",
        "pages",
        "score",
        "max",
        "label",
        "total",
        "outcome",
        "pitch_day",
        "pitch_time",
        "pitch_end",
        "pitch_minutes",
        "pitch_place",
        "pitch_arrival",
        "pitch_party_size",
        "assessment",
        "late_candidature",
        "received_at",
        "candidature_deadline",
        "late_rebuttal",
    }
)
OUTCOMES = KINDS[:5]  # the decisions, each in one phrase for the letter after a rebuttal
TEXT_KEYS = (
    "sender",
    "addressee_attention",
    "reference",
    "your_reference",
    "label_your_reference",
    "label_our_reference",
    "label_date",
    "label_subject",
    "salutation",
    "closing",
    "page",
    "motivation_heading",
    "score_line",
    "total_line",
    "assessment",
    "late_candidature",
    "late_rebuttal",
    "rebuttal_heading",
    "annexes_heading",
)
LIST_KEYS = ("sender_lines", "rebuttal", "annexes")


class TemplateError(ValueError):
    pass


@dataclass(frozen=True)
class Signatory:
    name: str
    function: str


@dataclass(frozen=True)
class LetterTemplate:
    language: str
    texts: dict[str, str]
    lists: dict[str, list[str]]
    subject: dict[str, str]
    body: dict[str, list[str]]
    outcomes: dict[str, str]  # the decision in one phrase (the letter after a rebuttal)
    sources: list[str]

    def text(self, key: str, **fields: Any) -> str:
        return self.texts[key].format(**fields)


def template_dirs() -> list[Path]:
    """Where templates are looked up, later ones overriding earlier ones."""
    return [resources_dir() / "letters", data_dir() / "letters"]


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _check(text: object, where: str) -> str:
    if not isinstance(text, str):
        raise TemplateError(_("letter template: '{key}' must be text").format(key=where))
    try:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name]
    except ValueError as exc:
        raise TemplateError(
            _("letter template: '{key}' has a broken placeholder ({error})").format(
                key=where, error=exc
            )
        ) from None
    for name in names:
        if name not in FIELDS:
            raise TemplateError(
                _(
                    "letter template: '{key}' uses the unknown field {{{name}}}; "
                    "known fields: {fields}"
                ).format(key=where, name=name, fields=", ".join(sorted(FIELDS)))
            )
    return text


def _texts(data: dict[str, Any], key: str, prefix: str = "") -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise TemplateError(
            _("letter template: '{key}' must be a list of paragraphs").format(key=prefix + key)
        )
    return [_check(v, f"{prefix}{key}[{i + 1}]") for i, v in enumerate(value)]


def parse_template(data: dict[str, Any], sources: list[str]) -> LetterTemplate:
    texts = {}
    for key in TEXT_KEYS:
        if key not in data:
            raise TemplateError(_("letter template: '{key}' is missing").format(key=key))
        texts[key] = _check(data[key], key)
    lists = {key: _texts(data, key) for key in LIST_KEYS}
    subject, body = data.get("subject", {}), data.get("body", {})
    for kind in KINDS:
        if kind not in subject:
            raise TemplateError(_("letter template: 'subject.{kind}' is missing").format(kind=kind))
        if kind not in body:
            raise TemplateError(_("letter template: 'body.{kind}' is missing").format(kind=kind))
    if data.get("signatories") or "signatory_function" in data:
        raise TemplateError(
            _(
                "letter template: the signatory is no longer a template text but a region "
                "setting (Jury › Region settings, or `jurydesk region-settings SLUG "
                "--signatory …`); remove 'signatories' and 'signatory_function'"
            )
        )
    outcomes = data.get("outcomes", {})
    for outcome in OUTCOMES:
        if not isinstance(outcomes, dict) or outcome not in outcomes:
            raise TemplateError(
                _("letter template: 'outcomes.{outcome}' is missing").format(outcome=outcome)
            )
    return LetterTemplate(
        language=str(data.get("language", "")),
        texts=texts,
        lists=lists,
        subject={k: _check(subject[k], f"subject.{k}") for k in KINDS},
        body={k: _texts(body, k, "body.") for k in KINDS},
        outcomes={k: _check(outcomes[k], f"outcomes.{k}") for k in OUTCOMES},
        sources=sources,
    )


def load_template(
    language: str, region: str | None = None, dirs: list[Path] | None = None
) -> LetterTemplate:
    """The template for a language, with the region's and the user's overrides applied."""
    names = [f"{language}.toml"] + ([f"{language}-{region}.toml"] if region else [])
    data: dict[str, Any] = {}
    sources = []
    layers = read_layers(
        names,
        dirs or template_dirs(),
        lambda path, exc: TemplateError(
            _("letter template {file}: {error}").format(file=path, error=exc)
        ),
    )
    for path, extra in layers:
        data = _merge(data, extra)
        sources.append(str(path))
    if not sources:
        raise TemplateError(
            _("no letter template for language '{language}'").format(language=language)
        )
    try:
        return parse_template(data, sources)
    except TemplateError as exc:
        raise TemplateError(f"{exc} ({', '.join(sources)})") from None
