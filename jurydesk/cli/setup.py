"""`jurydesk init`."""

from __future__ import annotations

import argparse

from jurydesk.cli.output import emit_json
from jurydesk.i18n import _
from jurydesk.setup import initialise
from jurydesk.store import Store


def cmd_init(store: Store, args: argparse.Namespace) -> int:
    report = initialise(store, demo=args.demo)
    if args.json:
        emit_json(
            {
                "database": store.url,
                "regions_added": report.regions_added,
                "candidatures_added": report.candidatures_added,
            }
        )
    else:
        print(_("Database ready: {url}").format(url=store.url))
        if report.regions_added:
            print(_("Regions added: {slugs}").format(slugs=", ".join(report.regions_added)))
        if report.candidatures_added:
            print(_("Demo candidatures added: {n}").format(n=report.candidatures_added))
    return 0
