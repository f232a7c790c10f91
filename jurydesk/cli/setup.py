"""`jurydesk init`."""

from __future__ import annotations

import argparse
import getpass
import sys

from jurydesk.cli.output import CliError, emit_json
from jurydesk.cli.roles import given_passphrase
from jurydesk.i18n import _
from jurydesk.passphrase import PassphraseError, has_passphrase, set_passphrase
from jurydesk.setup import DemoRefused, initialise
from jurydesk.store import Store


def read_passphrase(file: str | None, prompt: bool, label: str) -> str | None:
    """From a file, the environment, or (on a terminal) typed twice without echo."""
    given = given_passphrase(file)
    if given is not None:
        return given
    if not (prompt and sys.stdin.isatty()):
        return None
    first = getpass.getpass(label)
    if getpass.getpass(_("Once more: ")) != first:
        raise CliError(_("the two passphrases differ"))
    return first


def cmd_init(store: Store, args: argparse.Namespace) -> int:
    passphrase = read_passphrase(
        args.passphrase_file, not args.demo, _("Passphrase for the secretariat: ")
    )
    try:
        report = initialise(store, demo=args.demo, passphrase=passphrase)
    except (PassphraseError, DemoRefused) as exc:
        raise CliError(str(exc)) from None
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


def cmd_passphrase(store: Store, args: argparse.Namespace) -> int:
    """Set or change the secretariat's passphrase (changing needs the current one)."""
    with store.reader() as session:
        existing = has_passphrase(session)
    old = None
    if existing:
        if args.old_file:
            old = read_passphrase(args.old_file, False, "")
        elif sys.stdin.isatty():
            old = getpass.getpass(_("Current passphrase: "))
        else:
            raise CliError(_("give the current passphrase with --old-file"))
    new = read_passphrase(args.new_file, True, _("New passphrase: "))
    if new is None:
        raise CliError(_("give the new passphrase with --new-file or JURYDESK_PASSPHRASE"))
    try:
        with store.session() as session:
            set_passphrase(session, new, old)
    except PassphraseError as exc:
        raise CliError(str(exc)) from None
    print(_("The secretariat's passphrase is set."))
    return 0
