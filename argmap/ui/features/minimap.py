"""Minimap: the whole map small, with the window's visible part as a rectangle to drag.

A view always fitted to the whole map (View ▸ Panels ▸ Minimap). It draws the map's cards and
arrows as the batched overview draws them (`OverviewItem.draw`), as its cached background, and
over them the part the main window shows. Pressing or dragging in the minimap centres the main
view there. It follows the main view's scroll bars and zoom.

It is not a second view of the canvas's scene: Qt keeps one "needs repainting" flag per cached
item, not per view, so whichever view painted first after a change took it and the other kept
a stale picture (the canvas showed the overview without its arrows, or labels from an earlier
zoom, after the minimap had painted). Its own empty scene carries only the map's rectangle, so
its coordinates are the canvas's, and a repaint costs two batched draw calls, not 12,000 items.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from argmap.ui.context import FeatureContext
from argmap.ui.items.label_layer import NO_LABELS_PROPERTY


class MinimapView(QGraphicsView):
    """The whole scene fitted into a small view; the main view's visible rectangle on top."""

    def __init__(self, main: QGraphicsView) -> None:
        super().__init__()
        self.main = main
        self.setObjectName("minimap")
        self.setInteractive(False)
        # A picture to point at, never a place for keys: the canvas gives the keyboard to its
        # views, and a focused minimap would swallow the typing meant for a card's editor.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHints(QPainter.RenderHint.Antialiasing)
        self.viewport().setProperty(NO_LABELS_PROPERTY, True)
        # The map is drawn as the background, cached: following the main view repaints only
        # the rectangle on top.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.map_scene = None  # the canvas's scene, whose overview batches are drawn here
        self.setScene(QGraphicsScene(self))
        self.setMinimumSize(160, 110)
        self._dragging = False
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(100)
        self._fit_timer.timeout.connect(self.fit)

    def show_map(self, scene) -> None:
        """Draw this canvas scene's map (a new document)."""
        if self.map_scene is not None:
            try:
                self.map_scene.overview.listeners.remove(self.fit_soon)
            except (ValueError, RuntimeError):
                pass
        self.map_scene = scene
        scene.overview.listeners.append(self.fit_soon)
        self.fit()

    def map_rect(self) -> QRectF:
        scene = self.map_scene
        if scene is None:
            return QRectF()
        # Every shown card, made or not (a big map's canvas makes cards as they are needed).
        return scene.index.cards_bounds().adjusted(-60, -60, 60, 60)

    def fit(self) -> None:
        rect = self.map_rect()
        if not rect.isEmpty():
            self.scene().setSceneRect(rect)
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self.resetCachedContent()
        self.viewport().update()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        scene = self.map_scene
        if scene is None:
            return
        painter.fillRect(rect, scene.theme.background)
        scene.overview.draw(painter)

    def fit_soon(self, *args: object) -> None:
        self._fit_timer.start()

    def follow(self, *args: object) -> None:
        """The main view scrolled or zoomed: redraw the rectangle. A bound method of this
        widget, so Qt drops the connection when the minimap goes first at teardown."""
        self.viewport().update()

    def visible_rect(self) -> QRectF:
        """The part of the scene the main view shows."""
        return self.main.mapToScene(self.main.viewport().rect()).boundingRect()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        shown = self.visible_rect()
        painter.setBrush(QColor(26, 115, 232, 40))
        painter.setPen(QPen(QColor(26, 115, 232), 0))  # cosmetic: one pixel
        painter.drawRect(shown)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def _centre_main(self, event: QMouseEvent) -> None:
        self.main.centerOn(self.mapToScene(event.position().toPoint()))
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self._centre_main(event)
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging:
            self._centre_main(event)
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._dragging = False
        event.accept()

    def wheelEvent(self, event) -> None:  # noqa: N802
        event.ignore()  # the minimap always shows the whole map


class Minimap:
    """The Minimap dock: follows the document and the main view."""

    def __init__(self, context: FeatureContext) -> None:
        self.context = context
        self.view = MinimapView(context.view)
        self.dock = context.add_dock("minimap", "Minimap", self.view, tab_with="history")
        main = context.view
        main.zoom_changed.connect(self.view.follow)
        main.horizontalScrollBar().valueChanged.connect(self.view.follow)
        main.verticalScrollBar().valueChanged.connect(self.view.follow)
        context.document_changed.connect(self._document_changed)
        if context._document is not None:  # noqa: SLF001 - the window's first document
            self._document_changed()

    def _document_changed(self) -> None:
        self.view.show_map(self.context.scene)
        model = self.context.model
        for signal in model.change_signals(info=False):
            signal.connect(self._model_changed)
        QTimer.singleShot(0, self.view.fit)

    def _model_changed(self, *args: object) -> None:
        try:
            self.view.fit_soon()
        except RuntimeError:  # the window is gone; the old model outlived it
            pass

    def centre_at(self, point: QPointF) -> None:
        """Centre the main view at a scene point (what a click in the minimap does)."""
        self.context.view.centerOn(point)

    def close(self) -> None:
        self.view._fit_timer.stop()  # noqa: SLF001


def install(context: FeatureContext) -> Minimap:
    return Minimap(context)
