"""FillWhenShown: a panel whose contents cost seconds on a big map fills when first shown.

The Outline and Review panels list every claim; on a map of 20,000 claims building their
lists took seconds at start, mostly for panels sitting behind another tab. Above
`LAZY_CLAIMS` claims a hidden panel notes that it is stale instead, and fills itself when it
is shown (or when something asks it for its contents: `ensure_filled`). Small maps fill at
once, as before.

"Shown" is judged by the widget's visible region, not `isVisible()`: Qt keeps the docks of
a tab group that are behind another tab "visible" and moves them out of the window, and
bringing such a tab forward sends no show event (and every tab gets one when the window is
shown), only the dock's `visibilityChanged`, which says whether the dock is in view
(`FeatureContext.add_dock` connects it to `dock_shown`).
"""

from __future__ import annotations

LAZY_CLAIMS = 2000


class FillWhenShown:
    """Mixin for a QWidget in a dock, with a `rebuild()` that calls `defer_fill(claims)`
    first."""

    _stale = False

    def defer_fill(self, claims: int) -> bool:
        """True when the rebuild can wait (a big map and the panel hidden): remembered."""
        hidden = not self.isVisible() or self.visibleRegion().isEmpty()
        if claims > LAZY_CLAIMS and hidden and not getattr(self, "_filling", False):
            self._stale = True
            return True
        self._stale = False
        return False

    def ensure_filled(self) -> None:
        """Fill now if a rebuild was put off (before anything reads the panel's contents)."""
        if self._stale:
            self._filling = True
            try:
                self.rebuild()
            finally:
                self._filling = False
            self.filled()

    def filled(self) -> None:
        """Called after a put-off fill (to show the canvas's selection, say)."""

    def dock_shown(self, visible: bool) -> None:
        """The dock holding this panel came into view (its tab chosen, or shown)."""
        if visible and self._stale:
            self.ensure_filled()

