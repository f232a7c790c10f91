"""Small widget helpers shared by the views."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def message_label(parent: QWidget, name: str) -> QLabel:
    """A label for states and errors: wraps inside its pane, and has a name for screen
    readers (the state is also carried by a sign, ● ○ ✕ ✓, never by colour alone)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label
