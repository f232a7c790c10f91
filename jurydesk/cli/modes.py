"""How a command opens the database, and the command maker the parsers' builders are given."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

READ, WRITE, NONE = "read", "write", "none"


class Deferred:
    """A command's function named as "module:function" (a module of jurydesk.cli), imported when
    the command runs: building a parser imports no command module and no service."""

    def __init__(self, ref: str) -> None:
        self.module, self.__name__ = ref.split(":")

    def __call__(self, store: Any, args: argparse.Namespace) -> int:
        found = importlib.import_module(f"jurydesk.cli.{self.module}")
        return int(getattr(found, self.__name__)(store, args))

    def __repr__(self) -> str:
        return f"Deferred('{self.module}:{self.__name__}')"


Maker = Callable[..., argparse.ArgumentParser]


def make_command(common: argparse.ArgumentParser) -> Maker:
    """``command(sub, name, func, store, help_text)``: a command's parser, with the common
    options (--db, --json, --passphrase-file); ``func`` is a function or "module:function"."""

    def command(
        sub: argparse._SubParsersAction,
        name: str,
        func: Callable[..., int] | str,
        store: str,
        help_text: str,
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=Deferred(func) if isinstance(func, str) else func, store=store)
        return p

    return command


def audited(command: Maker) -> Maker:
    """The maker whose writing commands take --actor (who does it, for the audit log)."""

    def scoring_command(  # type: ignore[no-untyped-def]
        sub, name, func, store, help_text
    ) -> argparse.ArgumentParser:
        p = command(sub, name, func, store, help_text)
        if store == WRITE:
            p.add_argument(
                "--actor", help="who does this, for the audit log (default: secretariaat:<user>)"
            )
        return p

    return scoring_command
