"""One language everywhere: Qt's own texts (standard buttons, file dialogs) from the qtbase
catalogue that ships with PySide6, and a restart offered when the user changes language
(the views are built in one language; a restart is the honest way to change them all)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QProcess, QTranslator
from PySide6.QtWidgets import QMessageBox, QWidget

from jurydesk.i18n import _

_installed: list[QTranslator] = []


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def translation_dirs() -> list[Path]:
    """Where qtbase_*.qm may be: Qt's own idea, then beside the PySide6 package (a frozen
    build, where Qt's idea can point at a folder that was not bundled)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    bundle = Path(getattr(sys, "_MEIPASS", package.parent)) / "PySide6"
    return [qt_translations_dir(), package / "Qt" / "translations", bundle / "Qt" / "translations"]


def install_qt_translations(language: str) -> bool:
    """Load qtbase_<language>.qm (nothing for English); True when Qt now speaks it."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        return True
    translator = QTranslator(app)
    if not any(translator.load(f"qtbase_{language}", str(d)) for d in translation_dirs()):
        return False
    app.installTranslator(translator)
    gaps = QtGaps(app)  # installed last: asked first
    app.installTranslator(gaps)
    _installed.extend((translator, gaps))
    return True


class QtGaps(QTranslator):
    """Qt 6 texts that the qtbase catalogue still lacks (its file dialog says '&Look in:'
    where the catalogue knows 'Look in:'), from JuryDesk's own catalogue."""

    def __init__(self, parent: QCoreApplication) -> None:
        super().__init__(parent)
        self.texts = {
            ("QFileDialog", "&Look in:"): _("&Look in:"),
            ("QFileDialog", "Files of &type:"): _("Files of &type:"),
        }

    def isEmpty(self) -> bool:
        return False

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.texts.get((context, source))  # None: not ours, the next catalogue


def restart_command() -> tuple[str, list[str]]:
    """The command that started this process (also `python -m jurydesk …` and a frozen exe)."""
    argv = list(getattr(sys, "orig_argv", None) or [sys.executable, *sys.argv])
    return argv[0], argv[1:]


def offer_restart(parent: QWidget, close: object) -> QMessageBox:
    """Ask to restart now (window-modal, not blocking); on Yes, start again and ``close()``."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("Language"),
        _(
            "The whole window changes language when JuryDesk starts again. Restart now? "
            "Your work is saved."
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )

    def answered(button: int) -> None:
        if button == QMessageBox.StandardButton.Yes:
            program, arguments = restart_command()
            if QProcess.startDetached(program, arguments):
                close()  # type: ignore[operator]

    box.finished.connect(answered)
    box.open()
    return box
