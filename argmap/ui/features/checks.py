"""The checks feature: a "Checks" dock listing `check(map)` findings, kept in step with the map.

The findings are computed again a moment (`CHECKS_DELAY_MS`) after the last edit of a burst,
not after every keystroke of it; on big maps on the worker thread, like the evaluation, so a
check of a 5,000-claim map (~175 ms) never freezes the canvas. A click on a finding selects
its claims and relations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer

from argmap.analysis.checks import Finding, check
from argmap.model.errors import ArgmapError
from argmap.model.map import ArgumentMap, build_map
from argmap.model.types import with_changes
from argmap.ui.background import BACKGROUND_CLAIMS, follow_model, run_in_background
from argmap.ui.context import FeatureContext
from argmap.ui.docks.checks import ChecksPanel
from argmap.ui.docks.fill_when_shown import LAZY_CLAIMS

CHECKS_DELAY_MS = 300


class ChecksController:
    """Keeps a window's checks panel in step with its map (debounced, big maps off-thread)."""

    def __init__(self, context: FeatureContext, panel: ChecksPanel) -> None:
        self.context = context
        self.panel = panel
        self.background_claims = BACKGROUND_CLAIMS
        self._stop: Callable[[], None] | None = None
        self._busy = False
        self._stale = False
        self._deferred = False  # a big map's checks wait until the panel is in view
        self.timer = QTimer(panel)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECKS_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        panel.finding_chosen.connect(self.select_finding)
        context.document_changed.connect(self.rebind)
        self.rebind()

    @property
    def model(self) -> ArgumentMap:
        return self.context.model

    def rebind(self) -> None:
        if self._stop is not None:
            self._stop()
        self._stop = follow_model(self.model, self._changed)
        self._stale = self._busy
        self.refresh()

    def _changed(self, *args: Any) -> None:
        if len(args) == 2 and hasattr(args[0], "x"):
            old, new = args
            if (old.x, old.y) != (new.x, new.y) and _same_but_position(old, new):
                return  # a move: no check looks at positions
        self.timer.start()

    def refresh(self) -> None:
        """Run the checks now (on the worker thread for big maps)."""
        self.timer.stop()
        if len(self.model.claims) > LAZY_CLAIMS and _out_of_view(self.panel):
            # A big map is checked when the panel comes into view, as the Outline fills:
            # checking 20,000 claims on the worker took 0.9 s of CPU away from opening it.
            self._deferred = True
            self.panel.show_problem("Checks run when this panel is shown.")
            return
        self._deferred = False
        if self._busy:
            self._stale = True
            return
        m = self.model
        if len(m.claims) > self.background_claims:
            # The values are immutable: lists of them are a snapshot, taken here in
            # milliseconds; the worker builds its own map from them (copying the map here
            # took 0.6 s of a 20,000-claim map's start on the GUI thread).
            parts = (
                list(m.claims.values()),
                list(m.relations.values()),
                list(m.groups.values()),
                m.info,
                list(m.views.values()),
            )
            self._busy = True
            run_in_background(lambda: check(build_map(*parts)), self._finished)
            return
        try:
            findings = check(m)
        except ArgmapError as exc:
            self.panel.show_problem(f"Checks stopped: {exc}")
            return
        self.panel.show_findings(findings)

    def panel_shown(self, visible: bool) -> None:
        """The Checks dock came into view (or went): run the checks put off meanwhile."""
        if visible and self._deferred:
            self.refresh()

    def _finished(self, findings: list[Finding] | None, error: Exception | None) -> None:
        if not shiboken6.isValid(self.panel):
            return  # the window closed while the worker checked
        self._busy = False
        if self._stale:
            self._stale = False
            self.refresh()
            return
        if error is not None and not isinstance(error, ArgmapError):
            raise error
        if error is not None:
            self.panel.show_problem(f"Checks stopped: {error}")
        else:
            self.panel.show_findings(findings or [])

    def close(self) -> None:
        """The window is closing: stop following its map."""
        self.timer.stop()
        if self._stop is not None:
            self._stop()
            self._stop = None

    def select_finding(self, finding: Finding) -> None:
        """Select the finding's claims and relations, and bring the first claim into view."""
        scene = self.context.scene
        ids = [
            i
            for i in (*finding.claims, *finding.relations)
            if i in self.model.claims or i in self.model.relations
        ]
        scene.select_ids(ids)
        first = next((scene.claim_item(c) for c in finding.claims if c in self.model.claims), None)
        if first is not None:
            self.context.view.centerOn(first)


def _same_but_position(old, new) -> bool:
    return with_changes(old, x=new.x, y=new.y) == new


def install(context: FeatureContext) -> ChecksController:
    """A "Checks" dock, tabbed with the History panel, listed under View ▸ Panels."""
    panel = ChecksPanel()
    dock = context.add_dock("checks", "Checks", panel, tab_with="history")
    if "inspector" in context.docks:
        context.docks["inspector"].raise_()
    controller = ChecksController(context, panel)
    dock.visibilityChanged.connect(controller.panel_shown)
    return controller


def _out_of_view(widget) -> bool:
    return not widget.isVisible() or widget.visibleRegion().isEmpty()
