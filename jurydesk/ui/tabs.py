"""The main window's tabs, built when they are first needed: every tab's label is in the tab
bar from the start, but a tab's module is imported and its view built only when the tab is
first shown (clicked, a shortcut, a menu action) or first asked for by code."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QTabWidget, QWidget

from jurydesk.ui.region_tab import RegionTab

if TYPE_CHECKING:
    from jurydesk.ui.regions.view import RegionView
    from jurydesk.ui.results.pitch import PitchView
    from jurydesk.ui.results.rebuttals import RebuttalsView
    from jurydesk.ui.results.view import ResultsView
    from jurydesk.ui.scoring.view import ScoringView

JUROR, SECRETARIAT = "juror", "secretariat"  # the window's modes (MainWindow.mode)


class LazyTabs:
    """Tabs whose pages start as empty placeholders; a page is swapped for its view, in
    place (same index, label and visibility), the first time it is shown or asked for."""

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self._pages: dict[str, QWidget] = {}  # the page in the tab: placeholder or view
        self._labels: dict[str, str] = {}
        self._builders: dict[str, Callable[[], QWidget]] = {}
        self._built: dict[str, QWidget] = {}
        tabs.currentChanged.connect(self._shown)

    def add(self, name: str, label: str, build: Callable[[], QWidget]) -> None:
        """A tab whose view ``build()`` makes (importing its module) when it is needed."""
        placeholder = QWidget(self.tabs)
        placeholder.setAccessibleName(label.replace("&", ""))
        self._pages[name], self._labels[name], self._builders[name] = placeholder, label, build
        self.tabs.addTab(placeholder, label)

    def page(self, name: str) -> QWidget:
        """The tab's page as it is now, without building it (for its index or visibility)."""
        return self._pages[name]

    def built(self, name: str) -> QWidget | None:
        return self._built.get(name)

    def get(self, name: str) -> QWidget:
        """The tab's view, built now if it was not yet."""
        view = self._built.get(name)
        if view is None:
            view = self._build(name)
        return view

    def _shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        for name, placeholder in self._pages.items():
            if placeholder is page and name not in self._built:
                self._build(name)
                return

    def _build(self, name: str) -> QWidget:
        view = self._builders[name]()
        placeholder = self._pages[name]
        tabs = self.tabs
        index = tabs.indexOf(placeholder)
        visible, current = tabs.isTabVisible(index), tabs.currentIndex() == index
        blocked = tabs.blockSignals(True)  # the swap is no change of tab for anyone else
        try:
            # Insert before the placeholder, then remove it: removing the current page first
            # would show (and load) a neighbouring tab for a moment.
            tabs.insertTab(index, view, self._labels[name])
            tabs.setTabVisible(index, visible)
            if current:
                tabs.setCurrentIndex(index)
            tabs.removeTab(index + 1)
        finally:
            tabs.blockSignals(blocked)
        placeholder.deleteLater()
        self._pages[name] = self._built[name] = view
        return view


class WindowTabs:
    """The main window's lazily built tabs: ``window.scoring`` (and the others) builds its tab
    when first asked for; the window's own code touches only the tabs already built."""

    lazy: LazyTabs
    store: Any
    mode: str
    identity: Any
    packs: Any
    candidatures: Any

    # the window's own (MainWindow)
    current_slug: Callable[[], str | None]
    refresh_progress: Callable[..., None]
    now_presenting: Callable[[int], None]

    @property
    def region_view(self) -> RegionView:
        return self.lazy.get("region_view")  # type: ignore[return-value]

    @property
    def scoring(self) -> ScoringView:
        return self.lazy.get("scoring")  # type: ignore[return-value]

    @property
    def pitch(self) -> PitchView:
        return self.lazy.get("pitch")  # type: ignore[return-value]

    @property
    def results(self) -> ResultsView:
        return self.lazy.get("results")  # type: ignore[return-value]

    @property
    def rebuttals(self) -> RebuttalsView:
        return self.lazy.get("rebuttals")  # type: ignore[return-value]

    def _build_region_view(self) -> QWidget:
        from jurydesk.ui.regions.view import RegionView

        view = RegionView(self)
        if (spec := self.candidatures.region) is not None:
            view.show_region(spec)
        return view

    def _build_scoring(self) -> QWidget:
        from jurydesk.ui.scoring.view import ScoringView

        view = ScoringView(self.store, self)
        view.juror_box.currentIndexChanged.connect(self.refresh_progress)
        # A saved score changes the juror's progress, never a decision.
        view.saved.connect(lambda _text: self.refresh_progress(states=False))
        view.finalized.connect(lambda _cand: self.packs.offer_return())
        view.set_secretariat(self.mode == SECRETARIAT)
        view.only_juror = self.identity.scoring_juror()
        return self._follow_region(view)

    def _build_pitch(self) -> QWidget:
        from jurydesk.ui.results.pitch import PitchView

        view = PitchView(self.store, self)
        view.present.connect(self.now_presenting)
        view.set_secretariat(self.mode == SECRETARIAT)
        return self._follow_region(view)

    def _build_results(self) -> QWidget:
        from jurydesk.ui.results.view import ResultsView

        return self._follow_region(ResultsView(self.store, self))

    def _build_rebuttals(self) -> QWidget:
        from jurydesk.ui.results.rebuttals import RebuttalsView

        return self._follow_region(RebuttalsView(self.store, self))

    def _follow_region(self, view: RegionTab) -> RegionTab:
        if (slug := self.current_slug()) is not None:
            view.select_region(slug)
        return view

    def _built_region_tabs(self) -> list[RegionTab]:
        names = ("rebuttals", "scoring", "results", "pitch")
        return [v for n in names if isinstance(v := self.lazy.built(n), RegionTab)]
