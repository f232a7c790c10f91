"""Start-up in stages: parse arguments, set language and logging, run a command or the GUI."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from jurydesk.cli.output import CliError

log = logging.getLogger("jurydesk")


def _known_errors() -> tuple[type[Exception], ...]:
    from jurydesk.candidatures.tabular import TableError
    from jurydesk.documents.errors import DocumentError
    from jurydesk.errors import ScoringError
    from jurydesk.letters.template import TemplateError
    from jurydesk.mail.templates import MailTemplateError
    from jurydesk.packs.archive import PackError
    from jurydesk.regions.loader import RegionFileError
    from jurydesk.regions.service import RegionError
    from jurydesk.scoring.rubric import RubricError
    from jurydesk.store import StoreError

    return (
        CliError,
        StoreError,
        RegionError,
        RegionFileError,
        TableError,
        ScoringError,
        RubricError,
        TemplateError,
        PackError,
        DocumentError,
        MailTemplateError,
    )


def _one_line(exc: Exception) -> str:
    from jurydesk.regions.loader import RegionFileError

    if isinstance(exc, RegionFileError):
        return f"{exc.file}: " + "; ".join(exc.problems)
    return " ".join(str(exc).split())


def run_command(args: argparse.Namespace) -> int:
    from jurydesk.cli.modes import NONE, WRITE
    from jurydesk.cli.roles import authorise
    from jurydesk.paths import resolve_db
    from jurydesk.store import open_store

    if args.store == NONE:
        return int(args.func(None, args))
    store = open_store(resolve_db(args.db), write=args.store == WRITE, create=args.store == WRITE)
    try:
        authorise(store, args)
        return int(args.func(store, args))
    finally:
        from jurydesk.store import audit_keys

        audit_keys.forget(store.engine)  # the keys live as long as the command
        store.close()


def _pack_argument(argv: list[str]) -> Path | None:
    """A single existing pack (.jurypack, or .zip from older versions) or return
    (.juryreturn) as the only argument: what a double-click on such a file runs."""
    if len(argv) != 1 or not Path(argv[0]).is_file():
        return None
    from jurydesk.packs.unpack import is_pack_name, is_return_name

    name = argv[0]
    return Path(name) if is_pack_name(name) or is_return_name(name) else None


def _windowed_streams() -> None:
    """The Windows GUI executable has no console: sys.stdout and sys.stderr are None there.
    Warnings and errors then go to jurydesk.log in the data directory instead of nowhere."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    import os

    from jurydesk.paths import data_dir

    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the process)
    if sys.stderr is None:
        sys.stderr = open(data_dir() / "jurydesk.log", "a", encoding="utf-8")  # noqa: SIM115


# Distributions whose import name differs from the name pip installs them by.
_DISTRIBUTIONS = {
    "PIL": "pillow",
    "PySide6": "PySide6-Essentials",
    "shiboken6": "PySide6-Essentials",
    "charset_normalizer": "charset-normalizer",
    "rl_accel": "rl_accel",
    "psycopg": "psycopg[binary]",
}


def _raised_in(exc: ImportError) -> str:
    """The third-party module whose own code raised ``exc`` (a library that finds a piece of
    itself missing raises ImportError without a name)."""
    tb = exc.__traceback__
    found = ""
    while tb is not None:
        name = str(tb.tb_frame.f_globals.get("__name__", ""))
        top = name.split(".")[0]
        own = top in ("jurydesk", "__main__", "importlib", "_frozen_importlib")
        if top and not own and top not in sys.stdlib_module_names:
            found = found or name
        tb = tb.tb_next
    return found


def _missing_dependency(exc: ImportError) -> str | None:
    """One line for a third-party module that is missing or cannot load, or None when the
    import error is JuryDesk's own (a bug: its traceback is wanted)."""
    from jurydesk.i18n import _

    top = (exc.name or _raised_in(exc)).split(".")[0]
    if not top or top in ("jurydesk", "__main__") or top in sys.stdlib_module_names:
        return None
    package = _DISTRIBUTIONS.get(top, top.replace("_", "-"))
    if getattr(sys, "frozen", False):  # the installed build: no pip, the installer fixes it
        text = _("the package {package} is missing from this JuryDesk; install JuryDesk again")
    elif isinstance(exc, ModuleNotFoundError):
        text = _("the package {package} is missing; install it with: pip install {package}")
    else:
        text = _(
            "the package {package} is installed but cannot be loaded; reinstall it with: "
            "pip install --force-reinstall {package}"
        )
    return text.format(package=package)


def main(argv: list[str] | None = None) -> int:
    """Run a command or the app; a missing runtime dependency is one line, not a traceback."""
    try:
        return _main(argv)
    except ImportError as exc:
        if _missing_dependency(exc) is None:
            raise
        given = sys.argv[1:] if argv is None else argv
        from jurydesk.cli.help_i18n import early_language
        from jurydesk.i18n import set_language

        set_language(early_language(given))  # it may have failed before the language was set
        if "-v" in given or "--verbose" in given:  # the technical detail, for whoever asks
            import traceback

            traceback.print_exc()
        print(f"jurydesk: {_missing_dependency(exc)}", file=sys.stderr)
        return 1


def _main(argv: list[str] | None = None) -> int:
    import multiprocessing

    # A frozen build starts the PDF renderer (a "spawn" child) through this same executable.
    multiprocessing.freeze_support()
    from jurydesk.cli.parser import build_parser, gui_arguments
    from jurydesk.i18n import set_language

    _windowed_streams()
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and stream.encoding.lower() != "utf-8":
            stream.reconfigure(encoding="utf-8")
    given = sys.argv[1:] if argv is None else argv
    pack = _pack_argument(given)
    if pack is not None:  # `jurydesk pakket.jurypack`: what a double-click on a pack runs
        from jurydesk.ui.app import run_gui

        set_language(None)
        return run_gui(None, open_pack=pack)
    from jurydesk.cli.help_i18n import early_language

    set_language(early_language(given), explicit=early_language(given) is not None)
    # The desktop app starts without the commands' parsers (and the modules they import).
    args = gui_arguments(given) or build_parser().parse_args(argv)
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    args.passphrase_file = getattr(args, "passphrase_file", None)
    set_language(args.lang, explicit=True)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        from jurydesk.ui.app import run_gui

        return run_gui(args.db, quit_after_paint=args.quit_after_paint)
    try:
        return run_command(args)
    except _known_errors() as exc:
        print(f"jurydesk: {_one_line(exc)}", file=sys.stderr)
        return getattr(exc, "code", 1)
    except BrokenPipeError:
        sys.stderr.close()
        return 1


if __name__ == "__main__":
    sys.exit(main())
