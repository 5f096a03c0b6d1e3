"""How arrows are drawn: View ▸ Arrows ▸ Straight, Curved or Orthogonal.

Curved and orthogonal arrows are routed around the cards they do not belong to, with arrows
into one side of a card fanned out (`argmap/analysis/routing.py`); straight arrows run from
card to card regardless. The choice is the user's, not the map's: it is remembered in the
settings, applies to every map opened afterwards, and exports (PNG/SVG/PDF are drawn from the
canvas) show the same arrows. A map with more relations than `MapScene.routing_limit` opens
with straight arrows (routing it would hold the window for long); choosing a style in the menu
routes it anyway.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication

from argmap.analysis.routing import DEFAULT_STYLE, STYLES
from argmap.ui.context import FeatureContext
from argmap.ui.scene import MapScene

SETTINGS_KEY = "arrows"
LABELS = {
    "straight": ("&Straight", "Arrows run straight from card to card"),
    "curved": ("&Curved", "Arrows curve around the cards they do not belong to"),
    "orthogonal": (
        "&Orthogonal",
        "Arrows run horizontally and vertically around the cards, with rounded corners",
    ),
}


class Arrows:
    """The View ▸ Arrows menu and the remembered choice."""

    def __init__(self, context: FeatureContext) -> None:
        self.context = context
        saved = str(context.settings.value(SETTINGS_KEY, DEFAULT_STYLE))
        self.style = saved if saved in STYLES else DEFAULT_STYLE
        MapScene.default_arrows = self.style  # canvases made from now on start with it
        menu = context.add_menu("view.arrows", "&Arrows", "view")
        self.group = QActionGroup(menu)
        self.group.setExclusive(True)
        for style in STYLES:
            text, tip = LABELS[style]
            action = context.add_action(
                f"view.arrows.{style}", text, lambda s=style: self.set_style(s), tip=tip
            )
            action.setCheckable(True)
            action.setChecked(style == self.style)
            self.group.addAction(action)
            menu.addAction(action)
        context.document_changed.connect(self._apply)
        self._apply()

    def action(self, style: str) -> QAction:
        return self.context.actions[f"view.arrows.{style}"]

    def set_style(self, style: str, remember: bool = True) -> None:
        """Draw the arrows of this and every later canvas in `style`."""
        if style not in STYLES:
            raise ValueError(f"unknown arrow style {style!r}")
        self.style = style
        MapScene.default_arrows = style
        if remember:
            self.context.settings.setValue(SETTINGS_KEY, style)
        self.action(style).setChecked(True)
        self._apply(force=True)  # chosen now: route even a map too big to route on opening
        self.context.status(f"Arrows: {style}")

    def _apply(self, force: bool = False) -> None:
        try:
            scene = self.context.scene
        except AssertionError:  # no document shown yet
            return
        big = len(scene.relation_items) > 1000  # the arrows made (a big map's canvas is lazy)
        if big:  # routing thousands of arrows takes a while
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            scene.set_arrows(self.style, force=force)
        finally:
            if big:
                QGuiApplication.restoreOverrideCursor()
        if scene.routing_limited:
            self.context.status(
                f"Arrows drawn straight: {len(scene.model.relations):,} relations are more than"
                f" {scene.routing_limit:,} to route on opening (View ▸ Arrows routes them)"
            )

    def close(self) -> None:
        pass


def install(context: FeatureContext) -> Arrows:
    return Arrows(context)
