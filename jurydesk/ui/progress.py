"""Run a core export with a progress dialog, reporting failure in plain words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from jurydesk.i18n import _

T = TypeVar("T")


def run_with_progress(
    parent: QWidget, title: str, work: Callable[[Callable[[int, int, str], None]], T]
) -> T | None:
    """Call ``work(progress)``; returns its result, or None after telling the user why not."""
    dialog = QProgressDialog(title, "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.show()
    QApplication.processEvents()

    def progress(done: int, total: int, what: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if what:
            dialog.setLabelText(f"{title}\n{what}")
        QApplication.processEvents()

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work(progress)
    except (OSError, ValueError, RuntimeError) as exc:
        QApplication.restoreOverrideCursor()
        show_error(parent, title, _("Nothing was written: {error}").format(error=exc))
        return None
    finally:
        if QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()
        dialog.close()


def sentence(text: str) -> str:
    """A message as a sentence: the core's 'the PIN is…' shown as 'The PIN is…'."""
    return text[:1].upper() + text[1:]


def show_error(parent: QWidget, title: str, exc: Any) -> QMessageBox:
    """A warning that does not block: the window stays usable, the message stays visible."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        sentence(" ".join(str(exc).split())),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_info(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A report that does not block (window-modal, closed with OK)."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
