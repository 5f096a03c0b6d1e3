"""Where the panels go: one column beside a canvas that keeps most of the window.

On first start every panel (Outline, Source, Inspector, Review, Checks, History, Key
assumptions …) is a tab of one column on the right, PANEL_WIDTH pixels wide, with the Minimap
small below it, so the canvas keeps at least 70 % of a 1600×1000 window and an empty Inspector
never takes a column of its own. Panels that start hidden (Key assumptions) stay hidden until
asked for, and then open as a tab of the column.

Whatever the user then does (panels moved, floated, closed, resized, the window resized) is
saved when the window closes (QSettings `window/state`, `window/geometry`) and restored on the
next start. *View ▸ Panels ▸ Reset Panel Layout* brings the first layout back.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QTabWidget

from argmap.ui.context import FeatureContext

PANEL_WIDTH = 310
"""Width of the panel column in the first layout (pixels)."""
MINIMAP_HEIGHT = 170
"""Height of the Minimap under the column in the first layout (pixels)."""
COLUMN = ("outline", "sources", "inspector", "review", "checks", "history", "key_assumptions")
"""Panels of the column, in tab order; panels that features add later follow them."""
BELOW = "minimap"
STATE_KEY, GEOMETRY_KEY = "window/state", "window/geometry"
STATE_VERSION = 2
"""Bumped when the panels change so much that a saved arrangement would mislead."""


class Panels:
    """The panel column of one window, and the memory of the user's arrangement."""

    def __init__(self, context: FeatureContext) -> None:
        self.context = context
        self.remember = True  # off for screenshots: their layout is not the user's
        context.add_action(
            "view.reset_panels",
            "&Reset Panel Layout",
            self.default_layout,
            tip="Put every panel back as a tab of the column beside the canvas",
        )
        panels = context.menus.get("view.panels")
        if panels is not None:
            panels.addSeparator()
            panels.addAction(context.actions["view.reset_panels"])
        self.default_layout()
        self.restore()

    # -- the first layout ---------------------------------------------------------------------

    def docks(self) -> list[QDockWidget]:
        """The column's docks in tab order (known keys first, then any other)."""
        docks = self.context.docks
        keys = [k for k in COLUMN if k in docks]
        keys += [k for k in docks if k not in COLUMN and k != BELOW]
        return [docks[k] for k in keys if isinstance(docks[k], QDockWidget)]

    def default_layout(self) -> None:
        """Every panel a tab of one right-hand column, the Minimap below it, Outline in front
        (or the Source, when a map with a text has brought it forward)."""
        window = self.context.window
        # Tabs down the window's right edge: seven titles read whole there, where tabs along
        # the top of a 310-pixel column would be cut to two letters each.
        window.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.East)
        column = self.docks()
        if not column:
            return
        shown = {d: not d.isHidden() or d.isFloating() for d in column}
        front = next((d for d in column if d.objectName() == "dock-sources" and shown[d]), None)
        first = column[0]
        for dock in column:  # out of their places first: re-tabbing placed docks leaves stale tabs
            dock.setFloating(False)
            window.removeDockWidget(dock)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first)
        below = self.context.docks.get(BELOW)
        if isinstance(below, QDockWidget):
            # Split before tabbing: a dock split off a tabbed dock would become one more tab.
            below.setFloating(False)
            window.removeDockWidget(below)
            window.splitDockWidget(first, below, Qt.Orientation.Vertical)
            below.show()
        for dock in column[1:]:
            window.tabifyDockWidget(first, dock)
        for dock in column:
            dock.setVisible(shown[dock] or dock is first)
            widget = dock.widget()
            if widget is not None and widget.minimumSizeHint().width() > PANEL_WIDTH - 20:
                # One wide panel must not widen the whole column.
                widget.setMinimumWidth(PANEL_WIDTH - 20)
        (front if front is not None and self._has_text(front) else first).raise_()
        self.size_column()
        QTimer.singleShot(0, self.size_column)  # once shown: docks size against the window

    @staticmethod
    def _has_text(dock: QDockWidget) -> bool:
        views = getattr(dock.widget(), "views", None)
        return bool(views)

    def size_column(self) -> None:
        """The column PANEL_WIDTH wide and the Minimap MINIMAP_HEIGHT high."""
        window = self.context.window
        if not shiboken6.isValid(window):
            return
        column = [d for d in self.docks() if shiboken6.isValid(d) and d.isVisible()]
        if column:
            window.resizeDocks(column[:1], [PANEL_WIDTH], Qt.Orientation.Horizontal)
        below = self.context.docks.get(BELOW)
        if isinstance(below, QDockWidget) and shiboken6.isValid(below) and below.isVisible():
            window.resizeDocks([below], [MINIMAP_HEIGHT], Qt.Orientation.Vertical)

    # -- the user's arrangement ---------------------------------------------------------------

    def restore(self) -> bool:
        """The arrangement saved when a window last closed, if there is one."""
        window = self.context.window
        settings = self.context.settings
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            window.restoreGeometry(geometry)
        state = settings.value(STATE_KEY)
        if not (isinstance(state, QByteArray) and window.restoreState(state, STATE_VERSION)):
            return False
        # Again once shown: dock sizes restored into a window not yet shown come out scaled.
        QTimer.singleShot(
            0, lambda: shiboken6.isValid(window) and window.restoreState(state, STATE_VERSION)
        )
        return True

    def close(self) -> None:
        if not self.remember:
            return
        window = self.context.window
        self.context.settings.setValue(STATE_KEY, window.saveState(STATE_VERSION))
        self.context.settings.setValue(GEOMETRY_KEY, window.saveGeometry())


def install(context: FeatureContext) -> Panels:
    """Lay the panels out (or restore the user's arrangement); save it when the window closes."""
    return Panels(context)
