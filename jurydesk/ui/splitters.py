"""Splitters that start sensible for the window's size and keep what the user chose.

On its first show a splitter takes the sizes the user left it at last time (QSettings, per user),
or else sizes computed from the width (or height) it actually has, so a 1280×760 laptop and a
large screen both start readable without a mouse drag.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt
from PySide6.QtWidgets import QSplitter

Sizes = Callable[[int], list[int]]


class _FirstShow(QObject):
    def __init__(self, splitter: QSplitter, key: str, default: Sizes) -> None:
        super().__init__(splitter)
        self.splitter, self.key, self.default = splitter, key, default
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Show:
            self.done = True
            restore(self.splitter, self.key, self.default)
        return False


def _length(splitter: QSplitter) -> int:
    horizontal = splitter.orientation() == Qt.Orientation.Horizontal
    return splitter.width() if horizontal else splitter.height()


def restore(splitter: QSplitter, key: str, default: Sizes) -> None:
    saved = QSettings().value(f"splitters/{key}")
    if isinstance(saved, QByteArray | bytes) and splitter.restoreState(QByteArray(saved)):
        return
    splitter.setSizes(default(max(_length(splitter), 1)))


def remember(splitter: QSplitter, key: str, default: Sizes) -> None:
    """Sizes from ``default(length)`` on the first show, unless the user moved this splitter
    before (then theirs); every move is kept for the next start."""
    splitter.installEventFilter(_FirstShow(splitter, key, default))
    splitter.splitterMoved.connect(
        lambda _pos, _index: QSettings().setValue(f"splitters/{key}", splitter.saveState())
    )


def scoring_sizes(width: int) -> list[int]:
    """The candidature list narrow, the proposal at least half the width, the rubric the rest."""
    listing = max(170, min(260, width * 15 // 100))
    proposal = width // 2
    return [listing, proposal, max(300, width - listing - proposal)]


def results_sizes(height: int, panel: QSize) -> list[int]:
    """The ranking first; the decision panel below it as small as its fields allow, which the
    user may fold away."""
    room = min(panel.height(), height * 2 // 5)
    return [height - room, room]
