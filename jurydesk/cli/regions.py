"""`jurydesk regions`, `region show`, `region add`."""

from __future__ import annotations

import argparse
from pathlib import Path

from jurydesk.cli.output import emit_json, print_table
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
