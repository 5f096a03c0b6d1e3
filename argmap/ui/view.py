"""MapView: zoom around the cursor, pan with the middle button or space-drag, fit to map,
and move the selection between neighbouring claims with the arrow keys."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPixmapCache, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from argmap.analysis.camera import opening_camera
from argmap.ui.items.claim_item import ClaimItem
from argmap.ui.items.levels import OVERVIEW_ZOOM, TEXT_ZOOM
from argmap.ui.zoom_burst import HeldScrollBar, ZoomBurst

MIN_ZOOM, MAX_ZOOM = 0.02, 6.0


class MapView(QGraphicsView):
    """The viewport onto a MapScene."""

    zoom_changed = Signal(float)

    def __init__(self, scene=None, parent=None) -> None:
        super().__init__(scene, parent)
        # Smooth pixmaps: cards are drawn from scaled pixmaps while the zoom keeps changing.
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The scene fills the background (`drawBackground`): Qt's fill of the viewport with
        # the palette before every frame was a second fill of 1.4 million pixels. Opaque, so
        # scrolling still moves the picture instead of repainting it.
        self.viewport().setAutoFillBackground(False)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._space = False
        self._panning: QPointF | None = None
        # The camera the opening view chose (zoom, centre): while the view still shows it, a
        # resize (docks settling, the window maximised) frames the theses again for the new size.
        self._opening_camera: tuple[float, QPointF] | None = None
        # A lazy canvas makes no items until the camera is placed (the opening view, a zoom):
        # the view starts at 100 % on the middle of the scene, which nobody is shown.
        self._placed = False
        # Zoom steps draw cards from scaled pictures, and the scroll bars keep theirs, until
        # zooming pauses (`zoom_burst.py`).
        self.setHorizontalScrollBar(HeldScrollBar(Qt.Orientation.Horizontal, self))
        self.setVerticalScrollBar(HeldScrollBar(Qt.Orientation.Vertical, self))
        self.zoom_burst = ZoomBurst(self)

    # -- zoom --------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, place: bool = True) -> None:
        """Zoom to `factor`; `place` False: the caller moves the camera next (no items are
        made on a lazy canvas for the way there)."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        self._placed = self._placed or place
        current = self.zoom()
        if current > 0 and not math.isclose(current, factor):
            self.zoom_burst.hold()
            self.scale(factor / current, factor / current)
            self.zoom_burst.step(factor)
            self._zoomed()

    def _zoomed(self) -> None:
        """Pick the drawing mode for the new zoom and tell the status bar."""
        scene = self.scene()
        if scene is not None and hasattr(scene, "set_overview"):
            zoom = self.zoom()
            scene.set_overview(self.overview_at(zoom))
            scene.overview.zoom_changed()
            scene.labels.set_zoom(zoom)
            self.show_region()
        self.zoom_changed.emit(self.zoom())

    def overview_at(self, zoom: float) -> bool:
        """Whether the map is drawn as the batched overview at this zoom: big maps switch to
        it as soon as card text is not drawn."""
        scene = self.scene()
        big = scene is not None and hasattr(scene, "model") and len(scene.model.claims) > 1000
        return zoom < OVERVIEW_ZOOM or (big and zoom < TEXT_ZOOM)

    def show_region(self) -> None:
        """A lazy canvas makes the cards and arrows it shows one by one (a margin around the
        viewport, so that a short pan finds them made); none at overview zoom."""
        scene = self.scene()
        if self._placed and getattr(scene, "lazy", False) and not self.overview_at(self.zoom()):
            rect = self.visible_scene_rect()
            m = 0.25 * max(rect.width(), rect.height())
            scene.show_region(rect.adjusted(-m, -m, m, m))

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        self.show_region()

    def paintEvent(self, event) -> None:  # noqa: N802
        """While the zoom keeps changing at overview zoom, a quick frame: the background and
        the overview's cards, drawn here, not through the scene. Qt's own frame walks its item
        index and every card and arrow item (about 3 ms on 5,000 claims even though none of
        them draws anything in overview mode) before the overview's cache is drawn anew; the
        arrows, labels and group frames come back in the full frame once zooming pauses."""
        scene = self.scene()
        if scene is None:  # nothing draws the opaque viewport: the palette's base
            painter = QPainter(self.viewport())
            painter.fillRect(event.rect(), self.palette().base())
            painter.end()
            return
        overview = getattr(scene, "overview", None)
        if overview is None or not (scene.overview_mode and overview.zooming):
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), scene.backgroundBrush())
        painter.setTransform(self.viewportTransform())
        overview.draw(painter, arrows=False, outlines=False)
        overview.draw_selection(painter)
        painter.end()

    def settle(self) -> None:
        """Draw everything for the current zoom now, as when zooming has paused: crisp cards,
        the overview's arrows, the labels placed (before a picture of the view is taken)."""
        self.zoom_burst.settle()
        scene = self.scene()
        if scene is not None and hasattr(scene, "overview"):
            scene.overview.settle()
            scene.labels.settle()

    def zooming(self) -> bool:
        """Whether a frame now would be a quick one of a zoom in progress."""
        scene = self.scene()
        quick = self.zoom_burst.active
        if scene is not None and hasattr(scene, "overview"):
            quick = quick or scene.overview.zooming or scene.labels.zooming
        return quick

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        scene = self.scene()
        if scene is None or scene.backgroundBrush().style() == Qt.BrushStyle.NoBrush:
            painter.fillRect(rect, self.palette().base())  # what Qt's own fill would show
        super().drawBackground(painter, rect)

    def setScene(self, scene) -> None:  # noqa: N802
        self._placed = False
        super().setScene(scene)
        self._zoomed()

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self.zoom() * step)

    def zoom_in(self) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(1.25)
        self.setTransformationAnchor(anchor)

    def zoom_out(self) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(0.8)
        self.setTransformationAnchor(anchor)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def fit_map(self) -> None:
        """Show the whole map (at most at 100 %)."""
        scene = self.scene()
        if scene is None:
            return
        rect = scene.map_rect() if hasattr(scene, "map_rect") else scene.itemsBoundingRect()
        if rect.isEmpty():
            return
        rect = rect.adjusted(-40, -40, 40, 40)
        self._placed = True
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.0:
            self.set_zoom(1.0)
            self.centerOn(rect.center())
        self._zoomed()

    def opening_view(self) -> None:
        """Frame the theses, not the whole map: what a reader should see first
        (`argmap.analysis.camera.opening_camera`, shared with pictures of saved views). When
        the theses lie too far apart for their card text, their short labels read (they come
        first among the labels drawn below TEXT_ZOOM). A map without theses is fitted whole."""
        scene = self.scene()
        if scene is None or not hasattr(scene, "model"):
            return
        viewport = self.viewport().rect()
        if viewport.isEmpty() or not scene.model.claims:
            return
        zoom, x, y = opening_camera(scene.model, viewport.width(), viewport.height())
        self._placed = False  # no items for the way there
        self.set_zoom(zoom, place=False)
        self._placed = True
        self.centerOn(QPointF(x, y))
        self._zoomed()  # (and the items there, on a lazy canvas)
        self._opening_camera = (self.zoom(), self._centre())

    def _centre(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_pixmap_cache()
        camera = self._opening_camera
        if camera is None:
            return
        zoom, centre = camera
        moved = self._centre() - centre
        if math.isclose(self.zoom(), zoom) and abs(moved.x()) + abs(moved.y()) < 2 / zoom:
            self.opening_view()  # nobody moved the camera since: frame for the new size
        else:
            self._opening_camera = None

    def _fit_pixmap_cache(self) -> None:
        """Room in Qt's pixmap cache for four viewport-sized layers. The overview and the
        label layer each cache a picture of the whole viewport; Qt's default 10 MB held only
        one of them on a 1600 px wide canvas, so they pushed each other out and every frame
        at fit drew the 5,000-claim overview afresh (77 ms instead of 5)."""
        ratio = self.devicePixelRatioF()
        size = self.viewport().size()
        wanted = int(4 * 4 * size.width() * size.height() * ratio * ratio) // 1024  # KiB
        if wanted > QPixmapCache.cacheLimit():
            QPixmapCache.setCacheLimit(wanted)

    def center_on_item(self, item) -> None:
        self.centerOn(item)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)  # Shift+wheel scrolls sideways as usual
            return
        delta = event.angleDelta().y()
        if delta:
            # Keep the scene point under the cursor where it is (the view's own anchor uses
            # the last mouse move, which a wheel alone does not update).
            cursor = event.position().toPoint()
            before = self.mapToScene(cursor)
            anchor = self.transformationAnchor()
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
            self.zoom_by(1.0015**delta)  # one notch (120) ≈ 20 %
            self.setTransformationAnchor(anchor)
            shift = self.mapFromScene(before) - cursor
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + shift.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + shift.y())
        event.accept()

    # -- panning -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        scene = self.scene()
        if getattr(scene, "lazy", False):
            # A click on a card the overview draws (no item made yet): make it first, so that
            # it is selected, dragged or edited like any card.
            p = event.position().toPoint()
            scene.cards_at(self.mapToScene(p.x() - 1, p.y() - 1, 3, 3).boundingRect())
        if event.button() == Qt.MouseButton.MiddleButton or (
            self._space and event.button() == Qt.MouseButton.LeftButton
        ):
            self._panning = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        scene = self.scene()
        if getattr(scene, "lazy", False) and event.buttons() & Qt.MouseButton.LeftButton:
            band = self.rubberBandRect()
            if not band.isEmpty():
                # A rubber band over cards not made yet (the overview draws them): make
                # them, so that Qt's selection finds them.
                here = event.position().toPoint()
                area = band.united(QRectF(here.x(), here.y(), 1, 1).toRect())
                scene.cards_at(self.mapToScene(area).boundingRect())
        if self._panning is not None:
            delta = event.position() - self._panning
            self._panning = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._panning is not None:
            self._panning = None
            self.viewport().setCursor(
                Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor
            )
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        scene = self.scene()
        editing = scene is not None and getattr(scene, "editor", None) is not None
        if not editing:
            if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
                self._space = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
                event.accept()
                return
            arrows = {
                Qt.Key.Key_Left: (-1, 0),
                Qt.Key.Key_Right: (1, 0),
                Qt.Key.Key_Up: (0, -1),
                Qt.Key.Key_Down: (0, 1),
            }
            if event.key() in arrows and not event.modifiers():
                if self.select_neighbour(*arrows[event.key()]):
                    event.accept()
                    return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    # -- keyboard navigation -----------------------------------------------------------------

    def select_neighbour(self, dx: int, dy: int) -> bool:
        """Select the nearest visible claim in a direction (within a 45° cone of it)."""
        scene = self.scene()
        current = [i for i in scene.selectedItems() if isinstance(i, ClaimItem)]
        if not current:
            return False
        origin = current[0].pos()
        ox, oy = origin.x(), origin.y()
        best, best_score = None, math.inf
        # Over every shown card, made or not (a big map's canvas makes cards as they are needed).
        for cid, rect in scene.index.shown_cards():
            if cid == current[0].claim.id:
                continue
            c = rect.center()
            vx, vy = c.x() - ox, c.y() - oy
            along = vx * dx + vy * dy
            across = abs(vx * dy) + abs(vy * dx)
            if along <= 0 or across > along * 1.2:
                continue
            score = along + 2 * across
            if score < best_score:
                best, best_score = cid, score
        if best is None:
            return True  # nothing that way: keep the selection, swallow the key
        scene.select_ids([best])
        item = scene.claim_item(best)
        if item is not None:
            self.ensureVisible(item, 40, 40)
        return True

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()
