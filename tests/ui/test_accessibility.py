"""Every control a user can reach has a name a screen reader can say (its text, a buddy
label, a form label or an accessible name), in the main window's every tab and in the
administration and mail dialogs."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CONTROLS = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QAbstractButton,
)


def _internal(widget: QWidget) -> bool:
    """Parts of a composite control (a spin box's line edit, a table's headers and corner)."""
    parent = widget.parent()
    return isinstance(widget, QHeaderView) or isinstance(
        parent, QAbstractSpinBox | QAbstractItemView | QComboBox
    )


def unnamed(root: QWidget) -> list[str]:
    out = []
    for child in root.findChildren(QWidget):
        if not isinstance(child, CONTROLS) or _internal(child) or not child.isVisibleTo(root):
            continue
        iface = QAccessible.queryAccessibleInterface(child)
        if iface is None or not iface.text(QAccessible.Text.Name).strip():
            out.append(f"{type(child).__name__} in {type(child.parent()).__name__}")
    return out


def test_every_control_has_a_name(window, qtbot):
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        assert unnamed(window) == [], window.tabs.tabText(index)
    window.region_box.setCurrentIndex(window.region_box.findData("leuven"))
    for open_dialog in (
        window.admin.open_jury,
        lambda: window.admin.open_candidature(None),
        window.admin.open_region_settings,
        window.mail.open_send,
    ):
        dialog = open_dialog()
        assert unnamed(dialog) == [], type(dialog).__name__
        dialog.reject()
