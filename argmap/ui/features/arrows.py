"""How arrows are drawn: View ▸ Arrows ▸ Straight, Curved or Orthogonal.

Curved and orthogonal arrows are routed around the cards they do not belong to, with arrows
into one side of a card fanned out (`argmap/analysis/routing.py`); straight arrows run from
card to card regardless. The choice is the user's, not the map's: it is remembered in the
settings, applies to every map opened afterwards, and exports (PNG/SVG/PDF are drawn from the
canvas) show the same arrows. A map with more relations than `MapScene.routing_limit` opens
with straight arrows and is routed in a worker process (`BackgroundRouting`): the status bar
says "Routing arrows… N %" with a Stop button (also View ▸ Arrows ▸ Stop Routing), and the
arrows are drawn routed when the routes arrive.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

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
    """The View ▸ Arrows menu, the remembered choice, and a big map's routing progress."""

    def __init__(self, context: FeatureContext) -> None:
        from PySide6.QtGui import QActionGroup

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
        menu.addSeparator()
        self.stop_action = context.add_action(
            "view.arrows.stop",
            "S&top Routing",
            self.stop,
            tip="Stop routing this big map's arrows (those not routed yet stay straight)",
        )
        self.stop_action.setEnabled(False)
        menu.addAction(self.stop_action)
        # "Routing arrows… 42 %" and a Stop button, shown while a big map is being routed.
        self.progress = QWidget()
        self.progress.setObjectName("routing-progress")
        row = QHBoxLayout(self.progress)
        row.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("routing-progress-label")
        self.stop_button = QToolButton()
        self.stop_button.setObjectName("routing-stop")
        self.stop_button.setText("Stop")
        self.stop_button.setToolTip(self.stop_action.statusTip())
        self.stop_button.clicked.connect(self.stop)
        row.addWidget(self.progress_label)
        row.addWidget(self.stop_button)
        self.progress.setVisible(False)
        context.add_status_widget(self.progress, permanent=True)
        self._router = None
        context.document_changed.connect(self._apply)
        self._apply()

    def action(self, style: str):
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
        self._apply()
        self.context.status(f"Arrows: {style}")

    def stop(self) -> None:
        """Stop routing a big map's arrows (Stop in the status bar)."""
        try:
            scene = self.context.scene
        except AssertionError:
            return
        if scene.router.active:
            scene.router.stop()
            self.context.status(
                "Routing stopped: arrows not routed yet are drawn straight"
                " (View ▸ Arrows routes them)",
                0,
            )

    def _apply(self) -> None:
        try:
            scene = self.context.scene
        except AssertionError:  # no document shown yet
            return
        if scene.router is not self._router:  # a new canvas: follow its routing
            self._router = scene.router
            scene.router.changed.connect(self._routing_changed)
            scene.router.progressed.connect(self._show_progress)
        scene.set_arrows(self.style)
        self._routing_changed()

    def _routing_changed(self) -> None:
        router = self._router
        if router is None:
            return
        busy = router.active
        self.stop_action.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self._show_progress(router.percent)
        elif router.error is not None:
            self.context.status(f"Arrows drawn straight: routing failed ({router.error})", 0)
            router.error = None

    def _show_progress(self, percent: int) -> None:
        self.progress_label.setText(f"Routing arrows… {percent} %")

    def close(self) -> None:
        """The window closes: a routing worker process ends with it."""
        if self._router is not None:
            self._router.close()


def install(context: FeatureContext) -> Arrows:
    return Arrows(context)
