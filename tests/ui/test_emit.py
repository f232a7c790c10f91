"""Emitting from Python must not wear down True (PySide6 6.12.0 hands emit()'s result back one
reference short); jurydesk.ui.emit.emit keeps the count balanced."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from jurydesk.ui.emit import emit


class _Sender(QObject):
    changed = Signal(int)


def test_thousands_of_emits_leave_true_as_it_was(qtbot):
    sender = _Sender()
    received: list[int] = []
    sender.changed.connect(received.append)
    emit(sender.changed, 0)  # the first call checks the library once
    before = sys.getrefcount(True)
    for n in range(5000):
        emit(sender.changed, n)
    after = sys.getrefcount(True)
    assert len(received) == 5001
    assert after >= before  # never lower: a lower count ends the process at shutdown
