"""The region's addendum, readable in full."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from jurydesk.i18n import _
from jurydesk.regions.spec import RegionSpec
from jurydesk.ui.regions.html import region_html


class RegionView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(_("Addendum of the region"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)

    def show_region(self, spec: RegionSpec) -> None:
        self.browser.setHtml(region_html(spec))
