"""Who may run a command: the same roles as the app.

* Everyone: what the addendum and the candidature list show, setting up a database, a juror's
  own database (opening a pack, reading its documents, sending scores back), a paper score
  sheet, the audit chain's head.
* A juror (their PIN: --pin, JURYDESK_PIN, or typed): scoring as that juror only.
* The secretariat (the passphrase: --passphrase-file, JURYDESK_PASSPHRASE, or typed): every
  other command, including reading scores that are not final, the proposals, the jurors and
  `audit verify` (it needs the key the passphrase unlocks).

The audit actor follows from the role; --actor only adds a name to it."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from jurydesk.audit.chain import secretariat_actor
from jurydesk.cli.output import CliError
from jurydesk.i18n import _
from jurydesk.passphrase import has_passphrase, unlock, verify
from jurydesk.store import Store

PUBLIC = {
    "cmd_init",
    "cmd_passphrase",
    "cmd_regions",
    "cmd_region_show",
    "cmd_rubric_show",
    "cmd_candidatures",
    "cmd_template_candidatures",
    "cmd_pack_open",
    "cmd_pack_return",
    "cmd_audit_head",
}
# The proposals and their text: on the secretariat's database only with the passphrase (a
# juror could otherwise read a proposal their pack leaves out); on a juror's own database
# (a pack holds only what that juror may read) for that juror.
OWN_DATABASE_READS = {"cmd_search", "cmd_documents", "cmd_documents_get", "cmd_documents_page"}
JUROR = {"cmd_score", "cmd_comment", "cmd_finalize", "cmd_declaration_sign"}
ENV_PIN = "JURYDESK_PIN"


PASSPHRASE_ENV = "JURYDESK_PASSPHRASE"


def given_passphrase(file: str | None) -> str | None:
    """The secretariat's passphrase from --passphrase-file or JURYDESK_PASSPHRASE, if given."""
    if file:
        try:
            return Path(file).read_text("utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(_("cannot read {file}: {error}").format(file=file, error=exc)) from None
    return os.environ.get(PASSPHRASE_ENV) or None


def _typed(prompt: str) -> str | None:
    return getpass.getpass(prompt) if sys.stdin.isatty() else None


def _juror_database(store: Store) -> int | None:
    from jurydesk.packs.pack import JUROR_DB, setting

    with store.reader() as session:
        value = setting(session, JUROR_DB)
    return int(value) if value else None


def _check_pin(store: Store, args: argparse.Namespace, laptop: bool = False) -> None:
    """The juror's PIN (--pin, JURYDESK_PIN, or typed), with the attempt limit; on a juror's
    own laptop only when the pack carried one."""
    from jurydesk.jury.pins import LOCKED, OK, attempt, has_pin

    if laptop:
        with store.reader() as session:
            if not has_pin(session, args.juror):
                return
    pin = (
        getattr(args, "pin", None)
        or os.environ.get(ENV_PIN)
        or _typed(_("PIN of juror {id}: ").format(id=args.juror))
    )
    result = attempt(store, args.juror, pin) if pin else None
    if result == LOCKED:
        raise CliError(
            _(
                "juror {id} is locked out after too many wrong PINs: the secretariat sets a new PIN"
            ).format(id=args.juror)
        )
    if result != OK:
        raise CliError(
            _(
                "the PIN of juror {id} is missing or not correct (--pin, JURYDESK_PIN, or typed)"
            ).format(id=args.juror)
        )


def _name(args: argparse.Namespace) -> str:
    extra = getattr(args, "actor", None)
    return f" ({extra})" if extra else ""


def authorise(store: Store, args: argparse.Namespace) -> None:
    """Check the role for ``args.func``; sets ``args.actor`` to the audit actor."""
    name = getattr(args.func, "__name__", "")
    if name in PUBLIC:
        return
    own = _juror_database(store)
    if name in JUROR and own is not None:  # a juror's own laptop: only that juror exists
        if args.juror != own:
            raise CliError(
                _("this database is juror {id}'s; it scores as no one else").format(id=own)
            )
        _check_pin(store, args, laptop=True)  # when the pack carried the juror's PIN
        args.actor = _juror_actor(store, own) + _name(args)
        return
    if name in OWN_DATABASE_READS and own is not None:
        return
    if own is not None:
        raise CliError(
            _(
                "this is a juror's database: the secretariat's commands work on the "
                "secretariat's database"
            )
        )
    with store.reader() as session:
        exists = has_passphrase(session)
    if name in JUROR:
        passphrase = given_passphrase(args.passphrase_file)
        if passphrase and exists and _verify(store, passphrase):
            args.actor = secretariat_actor() + _name(args)
            return
        _check_pin(store, args)
        args.actor = _juror_actor(store, args.juror) + _name(args)
        return
    if not exists:
        raise CliError(
            _("this database has no secretariat passphrase yet: set one with 'jurydesk passphrase'")
        )
    passphrase = given_passphrase(args.passphrase_file) or _typed(
        _("Passphrase of the secretariat: ")
    )
    if not passphrase or not _verify(store, passphrase):
        raise CliError(
            _(
                "this is the secretariat's command: give the passphrase "
                "(--passphrase-file, JURYDESK_PASSPHRASE, or typed)"
            )
        )
    args.actor = secretariat_actor() + _name(args)


def _verify(store: Store, passphrase: str) -> bool:
    """The passphrase checked; then the audit key unlocked for this process's events."""
    with store.reader() as session:
        if not verify(session, passphrase):
            return False
    if store.writable:
        with store.session() as session:
            unlock(session, passphrase)
    else:
        with store.reader() as session:
            unlock(session, passphrase, writable=False)
    return True


def _juror_actor(store: Store, juror_id: int) -> str:
    from jurydesk.jury.service import get_juror

    with store.reader() as session:
        return f"juror:{get_juror(session, juror_id).name}"
