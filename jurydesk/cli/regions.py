"""`jurydesk regions`, `region show`, `region add`, `region-settings`."""

from __future__ import annotations

import argparse
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from jurydesk.cli.output import CliError, emit_json, print_table
from jurydesk.i18n import _
from jurydesk.regions.jsonview import region_to_json
from jurydesk.regions.service import add_region_file, list_regions, region_detail
from jurydesk.regions.text import region_text
from jurydesk.store import Store


def cmd_regions(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        regions = list_regions(session)
    if args.json:
        emit_json(
            [
                {
                    "slug": r.slug,
                    "name": r.name,
                    "challenges": r.challenges,
                    "candidatures": r.candidatures,
                }
                for r in regions
            ]
        )
    else:
        print_table(
            [_("Slug"), _("Region"), _("Challenges"), _("Candidatures")],
            [(r.slug, r.name, r.challenges, r.candidatures) for r in regions],
        )
    return 0


def cmd_region_show(store: Store, args: argparse.Namespace) -> int:
    with store.reader() as session:
        spec = region_detail(session, args.slug)
    data = region_to_json(spec)
    if args.json:
        emit_json(data)
        return 0
    print(region_text(spec))
    return 0


def cmd_region_add(store: Store, args: argparse.Namespace) -> int:
    spec, outcome = add_region_file(store, Path(args.file), replace=args.replace)
    if args.json:
        emit_json({"slug": spec.slug, "name": spec.name, "outcome": outcome})
    else:
        message = (
            _("Region {name} ({slug}) added.")
            if outcome == "added"
            else _("Region {name} ({slug}) updated.")
        )
        print(message.format(name=spec.name, slug=spec.slug))
    return 0


def _lines(values: list[str] | None) -> str | None:
    """--letterhead / --sender given once per line; one empty value clears the setting."""
    if values is None:
        return None
    return "\n".join(v for v in values if v.strip())


def _contacts(values: list[str] | None) -> list[tuple[str, str, str]] | None:
    if values is None:
        return None
    out = []
    for value in values:
        parts = [p.strip() for p in value.split("|")]
        if len(parts) > 3:
            raise CliError(_("--contact: '{value}' is not NAME|E-MAIL|PHONE").format(value=value))
        name, email, phone = [*parts, "", ""][:3]
        out.append((name, email, phone))
    return out


# option attribute -> RegionSettings field, for the options that map one to one
_PLAIN = {
    "rubric": "rubric",
    "method": "method",
    "budget": "budget",
    "max_partners": "max_partners",
    "weerwoord_days": "rebuttal_days",
    "receipt_delay": "rebuttal_receipt_delay",
    "counting": "rebuttal_counting",
    "weekend_shift": "weekend_shift",
    "submission_subject": "submission_subject",
    "weerwoord_address": "weerwoord_address",
    "pitch_place": "pitch_place",
    "pitch_days": "pitch_days",
    "pitch_arrival": "pitch_arrival",
    "pitch_party_size": "pitch_party_size",
    "signatory": "signatory",
    "signatory_function": "signatory_function",
}


def cmd_region_settings(store: Store, args: argparse.Namespace) -> int:
    """Every setting of Jury › Region settings; without options it shows them."""
    from jurydesk.audit.chain import secretariat_actor
    from jurydesk.settings.region import SettingsError, load_settings, save_settings

    changes: dict[str, Any] = {
        name: getattr(args, option)
        for option, name in _PLAIN.items()
        if getattr(args, option, None) is not None
    }
    for option, name in (("letterhead", "letterhead"), ("sender", "sender")):
        value = _lines(getattr(args, option))
        if value is not None:
            changes[name] = value
    contacts = _contacts(args.contact)
    if contacts is not None:
        changes["contacts"] = contacts
    changed: list[str] = []
    with store.session() as session:
        current = load_settings(session, args.slug)
        if changes:
            try:
                changed = save_settings(
                    session,
                    getattr(args, "actor", None) or secretariat_actor(),
                    args.slug,
                    replace(current, **changes),
                )
            except SettingsError as exc:
                raise CliError(str(exc)) from None
            current = load_settings(session, args.slug)
    data = asdict(current)
    data["contacts"] = [{"name": n, "email": e, "phone": p} for n, e, p in current.contacts]
    if args.json:
        emit_json({"slug": args.slug, "changed": changed, "settings": data})
        return 0
    if changed:
        print(_("Changed: {names}").format(names=", ".join(changed)))
    for key, value in data.items():
        if key == "contacts":
            value = "; ".join(" | ".join(v for v in c.values() if v) for c in value)
        print(f"{key}: {value}".replace("\n", " / "))
    return 0
