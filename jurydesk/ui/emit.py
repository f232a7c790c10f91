"""Emitting a signal without wearing down ``True``.

PySide6 6.12.0's ``SignalInstance.emit()`` returns its bool result one reference short:
measured here, 100 emits lower ``sys.getrefcount(True)`` by 100, and a long session (every
autosave emits) ends in "Fatal Python error: bool_dealloc". Every emit in the GUI goes through
``emit()``: where the fault is present (checked once, at the first call) it keeps the result
it was handed, one pointer per emit, so the count stays balanced; elsewhere it only emits.
The list of kept results is itself never freed (not even when the interpreter shuts down):
freeing it would hand back the references that emit() never took.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_kept: list[Any] = []
_leaks: bool | None = None
ctypes.pythonapi.Py_IncRef(ctypes.py_object(_kept))  # never freed: see above


class _Probe(QObject):
    ping = Signal()


def _emit_leaks() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    results = [probe.ping.emit() for _ in range(10)]
    leaks = sys.getrefcount(True) - before < len(results)
    _kept.extend(results)  # the probe's own results, kept either way
    return leaks


def emit(signal: Any, *args: Any) -> None:
    global _leaks
    if _leaks is None:
        _leaks = _emit_leaks()
    result = signal.emit(*args)
    if _leaks:
        _kept.append(result)
