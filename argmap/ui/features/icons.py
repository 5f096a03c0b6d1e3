"""Toolbar icons and the window icon: icons for every toolbar action, redrawn when the
appearance changes, and tooltips that name the action and its shortcut.

The toolbar shows icons only, so the Undo/Redo buttons keep their width whatever the command
they would undo is called (the name is in their tooltip).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from argmap.ui.context import FeatureContext
from argmap.ui.icons import TOOLBAR_ICONS, app_icon, themed_icon


def tooltip_for(action: QAction) -> str:
    """ "Undo Move (Ctrl+Z)": the action's text without its mnemonic, and its shortcut."""
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({shortcut})" if shortcut else text


class ToolbarIcons(QObject):
    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context)
        self.context = context
        context.window.setWindowIcon(app_icon())
        toolbar = context.toolbar
        if toolbar is not None:
            toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.actions = {k: context.actions[k] for k in TOOLBAR_ICONS if k in context.actions}
        for action in self.actions.values():
            action.changed.connect(lambda a=action: self._retip(a))
            self._retip(action)
        context.theme_changed.connect(self.paint)
        self.paint()

    def paint(self) -> None:
        """Draw the icons in the current theme's text colour."""
        colour = self.context.theme.text
        for key, action in self.actions.items():
            action.setIcon(themed_icon(TOOLBAR_ICONS[key], colour))

    def _retip(self, action: QAction) -> None:
        tip = tooltip_for(action)
        if action.toolTip() != tip:
            action.setToolTip(tip)  # emits changed again, and then the tip is equal

    def close(self) -> None:
        self.context.theme_changed.disconnect(self.paint)


def install(context: FeatureContext) -> ToolbarIcons:
    """Icons for the toolbar's actions and the window."""
    return ToolbarIcons(context)
