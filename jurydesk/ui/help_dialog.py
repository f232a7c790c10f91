"""Help › Guide (F1): the short guide for jurors and the secretariat, shipped as Markdown in
resources/help/<language>.md. Every {menu:…} placeholder (an action's English text) becomes
the path of that item in the menus as the user sees them, so the guide never names a menu
item that is not there."""

from __future__ import annotations

import re

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QMenu,
    QMenuBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jurydesk.i18n import _, current_language
from jurydesk.paths import resources_dir

PLACEHOLDER = re.compile(r"\{menu:([^}]+)\}")


def menu_paths(bar: QMenuBar) -> dict[str, str]:
    """Action text (as shown, with its '&') -> 'Bestand › Exporteren › Beslissingsbrieven…'."""
    out: dict[str, str] = {}

    def walk(menu: QMenu, trail: list[str]) -> None:
        for action in menu.actions():
            sub = action.menu()
            text = action.text()
            if isinstance(sub, QMenu):
                walk(sub, [*trail, text.replace("&", "")])
            elif text:
                out.setdefault(text, " › ".join([*trail, text.replace("&", "")]))

    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            walk(menu, [action.text().replace("&", "")])
    return out


def guide_markdown(bar: QMenuBar, language: str | None = None) -> tuple[str, list[str]]:
    """The guide with its menu paths filled in, and the placeholders that found no item."""
    language = language or current_language()
    path = resources_dir() / "help" / f"{language}.md"
    if not path.is_file():
        path = resources_dir() / "help" / "en.md"
    paths = menu_paths(bar)
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        found = paths.get(_(match.group(1)))
        if found is None:
            missing.append(match.group(1))
            return match.group(1).replace("&", "")
        return f"**{found}**"

    return PLACEHOLDER.sub(fill, path.read_text("utf-8")), missing


class HelpDialog(QDialog):
    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("JuryDesk guide"))
        self.resize(760, 720)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(_("Guide"))
        self.browser.setOpenExternalLinks(False)
        text, _missing = guide_markdown(bar)
        self.browser.setMarkdown(text)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(close)


def help_action(window: QWidget, bar: QMenuBar) -> QAction:
    action = QAction(_("&Guide"), window)
    action.setShortcut("F1")
    action.triggered.connect(lambda: open_help(window, bar))
    return action


def open_help(window: QWidget, bar: QMenuBar) -> HelpDialog:
    dialog = HelpDialog(bar, window)
    dialog.open()
    window.help_dialog = dialog  # type: ignore[attr-defined]
    return dialog
