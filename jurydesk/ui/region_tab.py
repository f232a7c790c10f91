"""A tab that shows one region and does its work only once it is on screen."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class RegionTab(QWidget):
    """Follows the region switcher lazily: a hidden tab loads the region when it is shown,
    so the start-up and a region switch only pay for the tab in view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slug: str | None = None
        self._region_due: str | None = None

    def select_region(self, slug: str) -> None:
        if self.isVisible():
            self._region_due = None
            self.show_region(slug)
        else:
            self._region_due = slug

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._region_due is not None:
            slug, self._region_due = self._region_due, None
            self.show_region(slug)

    def show_region(self, slug: str) -> None:
        raise NotImplementedError
