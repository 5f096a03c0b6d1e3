"""FeatureContext: all that a feature module of the app is given, and all it may touch.

A feature (evaluation, review, compare, checks, the disk watcher, recovery, the source pane,
...) is a module with one entry point, ``install(context) -> Feature``. It never imports the
main window: it reaches the open document, the canvas, the places where actions, menus,
docks and status messages go, and the other features, through this object only. So a
feature can be read, tested and changed alone, and the window is a composition of features
(the shape of orange-canvas-core's ``SchemeEditWidget`` and Veusz's keyed actions).

Places are keyed by name, never found by their visible text: actions ``"file.save"``,
``"edit.undo"``...; menus ``"file"``, ``"edit"``, ``"insert"``, ``"view"``, ``"help"``;
docks ``"outline"``, ``"inspector"``, ``"history"`` and those features add.

Lifetime: a feature object lives as long as the window. It follows the document through
``document_changed`` (emitted after a new document is shown, its scene built) and the theme
through ``theme_changed``; ``close()`` is called once when the window closes for good.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMessageBox, QToolBar, QWidget

from argmap.ui.docks.fill_when_shown import FillWhenShown

if TYPE_CHECKING:
    from argmap.model.map import ArgumentMap
    from argmap.ui.document import Document
    from argmap.ui.scene import MapScene
    from argmap.ui.theme import Theme
    from argmap.ui.view import MapView

# A context-menu extender: called with the menu being built and the claim or relation id
# under the cursor (None: empty canvas).
MenuExtender = Callable[[QMenu, "str | None"], None]

DOCK_AREAS = {
    "left": Qt.DockWidgetArea.LeftDockWidgetArea,
    "right": Qt.DockWidgetArea.RightDockWidgetArea,
    "bottom": Qt.DockWidgetArea.BottomDockWidgetArea,
}


class Feature(Protocol):
    """What ``install(context)`` returns: an object the window keeps and closes once."""

    def close(self) -> None:
        """The window is closing: stop timers, let go of the document."""


def unique_shortcuts(shortcut: str | QKeySequence | QKeySequence.StandardKey | list) -> list:
    """Key sequences of a shortcut (a standard key: every platform binding), each once.

    A sequence bound twice to one action is ambiguous to Qt, which then does nothing: Quit's
    standard key is Ctrl+Q on Linux, so adding "Ctrl+Q" made Ctrl+Q dead.
    """
    out: list[QKeySequence] = []
    for s in shortcut if isinstance(shortcut, list) else [shortcut]:
        if isinstance(s, QKeySequence.StandardKey):
            sequences = QKeySequence.keyBindings(s)
        else:
            sequences = [QKeySequence(s)]
        for seq in sequences:
            if not seq.isEmpty() and seq not in out:
                out.append(seq)
    return out


class FeatureContext(QObject):
    """The interface between the window and its features (one per window)."""

    # A new document is shown: `document`, `scene` and `model` now refer to it.
    document_changed = Signal()
    # The appearance changed: `theme` is the new one (the scene's items are restyled already).
    theme_changed = Signal()

    def __init__(self, window: QMainWindow, view: MapView, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window  # the parent of a feature's dialogs and docks
        self.view = view
        self.settings = settings
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        self.docks: dict[str, QDockWidget] = {}
        self.features: dict[str, Feature] = {}
        self.toolbar: QToolBar | None = None
        self.menu_extenders: list[MenuExtender] = []
        self._document: Document | None = None
        self._scene: MapScene | None = None
        self._theme: Theme | None = None
        self._show_document: Callable[[Document], None] | None = None
        self._show_error: Callable[[str], None] | None = None

    # -- the document and its canvas ---------------------------------------------------------

    @property
    def document(self) -> Document:
        assert self._document is not None, "no document shown yet"
        return self._document

    @property
    def scene(self) -> MapScene:
        assert self._scene is not None, "no document shown yet"
        return self._scene

    @property
    def model(self) -> ArgumentMap:
        return self.document.model

    @property
    def theme(self) -> Theme:
        assert self._theme is not None
        return self._theme

    def bind(
        self,
        show_document: Callable[[Document], None],
        show_error: Callable[[str], None],
    ) -> None:
        """The window says how a document is shown and an error told (once, at start)."""
        self._show_document, self._show_error = show_document, show_error

    def set_current(self, document: Document, scene: MapScene, theme: Theme) -> None:
        """The window shows a new document (called by the window, then `document_changed`)."""
        self._document, self._scene, self._theme = document, scene, theme
        self.document_changed.emit()

    def set_theme(self, theme: Theme) -> None:
        """The window changed its appearance (called by the window)."""
        self._theme = theme
        self.theme_changed.emit()

    def show_document(self, document: Document) -> None:
        """Replace the open document (a reload, a restored recovery copy)."""
        assert self._show_document is not None
        self._show_document(document)

    # -- selection ---------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        """The selected claims, then the selected relations (sorted ids)."""
        return self.scene.selected_claim_ids() + self.scene.selected_relation_ids()

    def reveal(self, item_id: str) -> bool:
        """Select a claim or relation and centre the view on it; False if it is not shown."""
        scene = self.scene
        item = scene.claim_item(item_id) or scene.relation_item(item_id)
        if item is None:
            return False
        if not item.isVisible() and item_id in scene.claim_items:
            group = scene.hidden_in(item_id)
            if group is not None:
                scene.toggle_group_collapsed(group)
        scene.select_ids([item_id])
        self.view.centerOn(item)
        return True

    # -- places: actions, menus, toolbar, docks, status bar, context menu --------------------

    def add_action(
        self,
        key: str,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence | QKeySequence.StandardKey | list | None = None,
        tip: str = "",
        menu: str | None = None,
        before: str | None = None,
    ) -> QAction:
        """A window-wide action under `key`, optionally put in menu `menu` before `before`.

        The tooltip names the shortcut ("Save (Ctrl+S)"); `triggered` calls `slot()`.
        """
        if key in self.actions:
            raise KeyError(f"action {key!r} exists already")
        action = QAction(text, self.window)
        action.setObjectName(key)
        if shortcut is not None:
            action.setShortcuts(unique_shortcuts(shortcut))
        action.setStatusTip(tip)
        plain = text.replace("&", "").rstrip("…")
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{plain} ({keys})" if keys else plain)
        action.triggered.connect(lambda checked=False: slot())
        self.window.addAction(action)
        self.actions[key] = action
        if menu is not None:
            self.add_to_menu(menu, action, before=before)
        return action

    def add_to_menu(self, menu: str, action: QAction, before: str | None = None) -> None:
        """Put an action into a keyed menu, before the action keyed `before` if given."""
        target = self.menus[menu]
        anchor = self.actions.get(before) if before else None
        if anchor is not None and anchor in target.actions():
            target.insertAction(anchor, action)
        else:
            target.addAction(action)

    def add_menu(self, key: str, title: str, parent: str) -> QMenu:
        """A submenu under `key` in the keyed menu `parent`."""
        sub = self.menus[parent].addMenu(title)
        sub.setObjectName(f"menu-{key}")
        self.menus[key] = sub
        return sub

    def add_toolbar_widget(self, widget: QWidget, separator: bool = True) -> None:
        assert self.toolbar is not None
        if separator:
            self.toolbar.addSeparator()
        self.toolbar.addWidget(widget)

    def add_dock(
        self,
        key: str,
        title: str,
        widget: QWidget,
        area: str = "right",
        tab_with: str | None = None,
        listed: bool = True,
    ) -> QDockWidget:
        """A dock under `key`; tabbed with the dock `tab_with` when it exists.

        `listed` puts its show/hide toggle in View ▸ Panels.
        """
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        if isinstance(widget, FillWhenShown):  # a big map's list fills when first in view
            dock.visibilityChanged.connect(widget.dock_shown)
        self.window.addDockWidget(DOCK_AREAS[area], dock)
        if tab_with is not None and tab_with in self.docks:
            self.window.tabifyDockWidget(self.docks[tab_with], dock)
        self.docks[key] = dock
        if listed and "view.panels" in self.menus:
            self.menus["view.panels"].addAction(dock.toggleViewAction())
        return dock

    def remove_dock(self, key: str) -> None:
        dock = self.docks.pop(key, None)
        if dock is not None:
            if "view.panels" in self.menus:
                self.menus["view.panels"].removeAction(dock.toggleViewAction())
            self.window.removeDockWidget(dock)

    def add_status_widget(self, widget: QWidget, permanent: bool = False) -> None:
        bar = self.window.statusBar()
        if permanent:
            # First: a message or hint must never hide what a permanent widget says.
            bar.insertPermanentWidget(0, widget)
        else:
            bar.addWidget(widget)

    def status(self, message: str, timeout_ms: int = 4000) -> None:
        """A transient message in the status bar (0: until the next one)."""
        self.window.statusBar().showMessage(message, timeout_ms)

    def clear_status(self) -> None:
        self.window.statusBar().clearMessage()

    def show_error(self, message: str) -> None:
        """Tell the user what went wrong (a dialog); the document is untouched."""
        if self._show_error is not None:
            self._show_error(message)
        else:  # pragma: no cover - only before the window bound itself
            QMessageBox.warning(self.window, "argmap", message)

    def extend_context_menu(self, extender: MenuExtender) -> None:
        """Add entries to the canvas's context menu each time it is built."""
        self.menu_extenders.append(extender)

    # -- features ----------------------------------------------------------------------------

    def feature(self, key: str) -> Feature | None:
        """Another installed feature (None if it is not installed)."""
        return self.features.get(key)
