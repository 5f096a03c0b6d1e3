"""ZoomBurst: what a zoom step leaves for the moment zooming pauses.

A wheel notch at 100 % on a 5,000-claim map took 13-15 ms of CPU: every card in view painted
itself anew in Python at the new scale (Qt drops an item's device-coordinate cache whenever
the scale changes), and both scroll bars repainted their Fusion gradients (about 1 ms: their
range changes with every step). While the zoom keeps changing (steps less than `SETTLE_MS`
apart), the cards in view are drawn from one picture each, made at the scale the burst began
with (`ClaimItem.hold_picture`) and smoothly scaled: text is crisp at the first step and
softens only as the zoom moves away from it. The scroll bars show their last picture. When
zooming pauses, the cards are painted afresh at the new scale (the same picture as a fresh
paint) and the scroll bars show the new range.

The overview (below `OVERVIEW_ZOOM`, or `TEXT_ZOOM` on big maps) has its own quick frames
(`MapView.paintEvent`); cards draw nothing there, so a burst there only holds the scroll bars.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsView, QScrollBar

from argmap.ui.items.claim_item import ClaimItem
from argmap.ui.items.levels import SETTLE_MS

# Card pictures are made at the burst's first zoom, at most this much over 100 % (a card at
# 600 % would be an 1,800 px wide pixmap for a moment's picture).
MAX_PICTURE_SCALE = 3.0


class HeldScrollBar(QScrollBar):
    """A scroll bar that can keep showing its last picture while its range keeps changing
    (a scroll bar whose updates are disabled leaves its place unpainted: stale pixels)."""

    def __init__(self, orientation: Qt.Orientation, parent=None) -> None:
        super().__init__(orientation, parent)
        self._held: QPixmap | None = None

    def hold(self) -> None:
        if self._held is None and self.isVisible():
            self._held = self.grab()

    def release(self) -> None:
        if self._held is not None:
            self._held = None
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        held = self._held
        if held is None or held.deviceIndependentSize().toSize() != self.size():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.drawPixmap(0, 0, held)
        painter.end()


class ZoomBurst(QObject):
    """Cheap zoom steps for one view: begun by a step, ended by a pause (or `settle`)."""

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.view = view
        self.active = False
        self._scale = 1.0
        self._zoom = 1.0  # the zoom of the last step: a step out shows cards not yet held
        self._cards: list[ClaimItem] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.settle)

    def _bars(self) -> list[QScrollBar]:
        view = self.view
        return [view.horizontalScrollBar(), view.verticalScrollBar()]

    def hold(self) -> None:
        """The zoom is about to change: the scroll bars keep their picture (called before
        the view scales, which changes their range and asks for a repaint)."""
        if not self.active:
            for bar in self._bars():
                if isinstance(bar, HeldScrollBar):
                    bar.hold()
            self._timer.start()  # whatever happens next, the pause gives them back

    def step(self, zoom: float) -> None:
        """The view's zoom changed to `zoom`: draw this frame cheaply, settle later."""
        self.hold()
        scene = self.view.scene()
        if scene is None:
            return
        if not self.active:
            self.active = True
            self._scale = min(MAX_PICTURE_SCALE, zoom) * self.view.devicePixelRatioF()
            self._hold_cards_in_view(scene)
        elif zoom < self._zoom:
            self._hold_cards_in_view(scene)  # zooming out brings cards in at the edges
        self._zoom = zoom
        self._timer.start()

    def _hold_cards_in_view(self, scene) -> None:
        if getattr(scene, "overview_mode", False):
            return  # the overview draws the cards; theirs draw nothing
        rect = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        # A margin: a step's anchor shift (the point under the cursor stays) comes after.
        dx, dy = 0.1 * rect.width(), 0.1 * rect.height()
        rect.adjust(-dx, -dy, dx, dy)
        for item in scene.items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, ClaimItem) and item.picture_scale is None:
                item.hold_picture(self._scale)
                self._cards.append(item)

    def settle(self) -> None:
        """Zooming has paused (or a picture is about to be taken): draw crisply again."""
        self._timer.stop()
        self.active = False
        cards, self._cards = self._cards, []
        for item in cards:
            try:
                if item.picture_scale is not None:
                    item.release_picture()
            except RuntimeError:  # the card was deleted meanwhile (its claim removed)
                pass
        for bar in self._bars():
            if isinstance(bar, HeldScrollBar):
                bar.release()
        self.view.viewport().update()
