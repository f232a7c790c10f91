"""Knowing when a window has painted for the first time: `jurydesk --quit-after-paint` (an
installation check) and the start-up benchmark both print "painted" then, and stop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Prints "painted" on the widget's first paint event, then calls ``then`` once."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then = then
        self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print("painted", flush=True)
            self.then()
        return False
