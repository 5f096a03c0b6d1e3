"""OverviewItem: the whole map in two batched draw calls when cards are too small to read.

Below `OVERVIEW_ZOOM` the scene marks every card and arrow `ItemHasNoContents` (they stay
selectable, movable and hit-testable, but Qt no longer calls their Python `paint`), and this
one item draws all arrows with `drawLines` and all cards with `drawRects`, a colour per kind.
That keeps a frame of a 5,000-claim map at fit-to-map to a few milliseconds. Routed arrows
are drawn as polylines through their corners (their curves' end points, which clear every
card: a route is pulled tight around cards before it is smoothed), gathered into paths per
kind of relation and per tile of the map (`RoutedLines`): a frame strokes the tiles it shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from argmap.model.types import ClaimKind, RelationKind
from argmap.ui.items.claim_item import overlay_colour
from argmap.ui.items.levels import OVERVIEW_ZOOM, SETTLE_MS, TEXT_ZOOM
from argmap.ui.items.relation_item import line_style
from argmap.ui.theme import box_colour

if TYPE_CHECKING:
    from argmap.ui.items.canvas_index import CanvasIndex
    from argmap.ui.theme import Theme

__all__ = ["OVERVIEW_ZOOM", "SETTLE_MS", "TEXT_ZOOM", "OverviewItem"]


class OverviewItem(QGraphicsItem):
    """Batched drawing of every visible card and arrow (only shown in overview mode)."""

    def __init__(self, index: CanvasIndex, theme: Theme, timer_parent: QObject) -> None:
        super().__init__()
        self.index = index
        self.theme = theme
        self.setZValue(0.5)
        # One pixmap at the current zoom: panning and hover repaints blit it (Qt clips the
        # cache to the viewport for large items).
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(self.acceptedMouseButtons().NoButton)
        # Qt says which part a paint is for (a pan exposes a strip): routed arrows are drawn
        # only in the tiles it touches.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._dirty = True
        # While the zoom keeps changing, frames draw the cards only (arrows are most of the
        # cost: 12 of 17 ms on 5,000 claims); the arrows come back once zooming pauses.
        self.zooming = False
        self._settle = QTimer(timer_parent)  # dies with the scene, never outlives this item
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.settle)
        self._rects: dict[ClaimKind, list[QRectF]] = {}
        self._labelled: dict[int, list[QRectF]] = {}
        self._dimmed: list[QRectF] = []
        self._faint: list[QLineF] = []
        self._lines: dict[RelationKind, list[QLineF]] = {}
        # Routed arrows: their polylines, one path per kind (and one for the faint ones).
        self._routed = RoutedLines()  # arrows drawn routed, as polylines
        self._bounds = QRectF()
        # Called when the batches go stale: the minimap draws them too, in a view of its own.
        self.listeners: list[Callable[[], None]] = []

    def zoom_changed(self) -> None:
        """The view zoomed: draw the quick version until zooming pauses."""
        if self.isVisible():
            self.zooming = True
            self._settle.start()

    def settle(self) -> None:
        """Zooming has paused: draw everything again (called by the timer, or directly)."""
        self._settle.stop()
        self.zooming = False
        self.update()

    def invalidate(self, notify: bool = True) -> None:
        """Recompute the batches at the next paint (a card moved, was added or removed).
        `notify` False: the listeners (the minimap) are not told, for a card being dragged,
        whose move they learn from the model when it is dropped (rebuilding the batches of
        a big map on each drag step would stall the drag)."""
        if not self._dirty:
            self._dirty = True
            self.update()
        if notify:
            for listener in self.listeners:
                listener()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()
        for listener in self.listeners:
            listener()

    def _rebuild(self) -> None:
        scene = self.index
        rects: dict[ClaimKind, list[QRectF]] = {k: [] for k in ClaimKind}
        lines: dict[RelationKind, list[QLineF]] = {k: [] for k in RelationKind}
        routed = RoutedLines()
        labelled: dict[int, list[QRectF]] = {}  # evaluation colour (rgba) -> cards
        dimmed: list[QRectF] = []  # cards outside a focus (drawn faint, as the items are)
        faint: list[QLineF] = []
        items = scene.claim_items
        for item in items.values():
            if item.isVisible():
                rect = item.scene_rect()
                colour = item._label_colour()
                if item.opacity() < 1.0:
                    dimmed.append(rect)
                elif colour is not None:  # the evaluation overlay decides the colour
                    labelled.setdefault(colour.rgba(), []).append(rect)
                else:
                    rects[item.claim.kind].append(rect)
        if scene.lazy:  # the claims whose cards are not made: drawn from the model
            self._unmade_cards(rects, labelled, dimmed)
        arrows = scene.relation_items
        for item in arrows.values():
            if not item.isVisible():
                continue
            r = item.relation
            outline = item.outline()
            if outline is not None:
                routed.add(outline, None if item.opacity() < 1.0 else r.kind)
                continue
            src = scene.anchor_rect(r.source)
            target_item = scene.target_relation(r)
            end = target_item.midpoint() if target_item is not None else None
            if end is None:
                tgt = scene.anchor_rect(r.target)
                end = tgt.center() if tgt is not None else None
            if src is not None and end is not None:
                line = QLineF(src.center(), end)
                (faint if item.opacity() < 1.0 else lines[r.kind]).append(line)
        if scene.lazy:
            self._unmade_lines(lines, faint, routed)
        self._dirty = False
        self._rects, self._lines = rects, lines
        self._routed = routed
        self._labelled = labelled
        self._dimmed, self._faint = dimmed, faint

    def _unmade_cards(self, rects: dict, labelled: dict, dimmed: list) -> None:
        """The batches of the cards a lazy canvas has not made (model positions, estimated
        heights): one pass over 20,000 claims in a fraction of a second."""
        scene = self.index
        items, looks = scene.claim_items, scene.overlay
        hidden, folded, kept = scene.hidden_in, scene.folded_into, scene.kept
        estimated = scene.estimated_rect
        by_kind = {id(kind): found for kind, found in rects.items()}  # (enums hash in Python)
        for cid, claim in scene.model.claims.items():
            if cid in items or cid in hidden or cid in folded:
                continue
            rect = estimated(claim, copy=False)
            look = looks.get(cid) if looks else None
            if kept and cid not in kept:
                dimmed.append(rect)
            elif look is not None and (colour := overlay_colour(self.theme, look[0])):
                labelled.setdefault(colour.rgba(), []).append(rect)
            else:
                by_kind[id(claim.kind)].append(rect)

    def _unmade_lines(self, lines: dict, faint: list, routed: RoutedLines) -> None:
        """The batches of the arrows a lazy canvas has not made: routed by a worker process
        (`CanvasIndex.map_routes`), else centre to centre as the overview draws every
        straight arrow; a claim to claim line straight from the model."""
        scene = self.index
        claims = dict(scene.model.claims)
        relations = scene.model.relations
        items, arrows = scene.claim_items, scene.relation_items
        hidden, folded, kept = scene.hidden_in, scene.folded_into, scene.kept
        by_kind = {id(kind): found for kind, found in lines.items()}
        middles: dict = {}
        centre = scene.centre_finder()
        by_worker, outline_of = scene.map_routes, scene.route_outline
        for rid, r in relations.items():
            if rid in arrows:
                continue
            s, t = r.source, r.target
            if rid in by_worker and not (s in hidden or s in folded or t in hidden or t in folded):
                dim = kept and scene.relation_dimmed(r)
                routed.add(outline_of(rid), None if dim else r.kind)
                continue
            cs, ct = claims.get(s), claims.get(t)
            if (
                cs is not None
                and ct is not None
                and s not in items
                and t not in items
                and s not in hidden
                and t not in hidden
                and s not in folded
                and t not in folded
            ):
                line = QLineF(cs.x, cs.y, ct.x, ct.y)
            else:
                src = centre(s)
                if src is None:
                    continue
                end = scene.relation_end(r, middles) if t in relations else centre(t)
                if end is None:
                    continue
                line = QLineF(src, end)
            if kept and scene.relation_dimmed(r):
                faint.append(line)
            else:
                by_kind[id(r.kind)].append(line)

    def routed_count(self) -> int:
        """How many arrows the overview draws routed (as polylines around the cards)."""
        self.ensure_batches()
        return self._routed.count

    def faint_count(self) -> int:
        """How many arrows the overview draws faint (outside a focus), straight or routed."""
        self.ensure_batches()
        return len(self._faint) + self._routed.faint

    def ensure_batches(self) -> None:
        """Recompute the batches now if a change made them stale (painting does it anyway)."""
        if self._dirty:
            self._rebuild()

    def set_bounds(self, rect: QRectF) -> None:
        """Where this item may draw: the scene gives its whole rect (which only grows). The
        bounds never follow the cards from inside `boundingRect`: changing geometry while Qt's
        BSP index asks for it left the item out of the index, and the overview undrawn."""
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(rect)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        self.draw(painter, arrows=not self.zooming, exposed=option.exposedRect)
        self.draw_selection(painter)

    def draw_selection(self, painter: QPainter) -> None:
        """The selected cards, highlighted over the batches."""
        scene = self.scene()
        selected = [
            i.scene_rect()
            for i in (scene.selectedItems() if scene is not None else ())
            if hasattr(i, "scene_rect") and i.isVisible()
        ]
        if selected:
            painter.setPen(QPen(self.theme.muted_text, 0))
            painter.setBrush(self.theme.selection)
            painter.drawRects(selected)

    def draw(
        self,
        painter: QPainter,
        arrows: bool = True,
        outlines: bool = True,
        exposed: QRectF | None = None,
    ) -> None:
        """Draw the batches with `painter` in scene coordinates (this item's paint, the
        minimap's picture of the whole map, and the view's quick frames while zooming, which
        leave out the arrows and the cards' outlines: outlined rects rasterise 3x slower);
        `exposed`: the part of the scene to draw (routed arrows elsewhere are not stroked)."""
        if self._dirty:
            self._rebuild()
        theme = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if arrows:
            pens: dict[RelationKind | None, QPen] = {None: QPen(theme.grid, 0)}
            for kind in RelationKind:
                pen = QPen(theme.relation[kind], 0)  # cosmetic: one pixel at any zoom
                pen.setStyle(line_style(kind))  # attacks dashed: readable without colour
                pens[kind] = pen
            for kind, lines in self._lines.items():
                if lines:
                    painter.setPen(pens[kind])
                    painter.drawLines(lines)
            if self._faint:
                painter.setPen(pens[None])
                painter.drawLines(self._faint)
            self._routed.draw(painter, pens, exposed)
        if self._dimmed:
            painter.setPen(QPen(theme.grid, 0))
            painter.setBrush(theme.background)
            painter.drawRects(self._dimmed)
        painter.setPen(QPen(theme.muted_text, 0) if outlines else Qt.PenStyle.NoPen)
        for kind, rects in self._rects.items():
            if rects:
                painter.setBrush(box_colour(theme, kind))
                painter.drawRects(rects)
        for rgba, rects in self._labelled.items():
            painter.setBrush(QColor.fromRgba(rgba))
            painter.drawRects(rects)



class RoutedLines:
    """Routed arrows' polylines for the overview, in paths per kind of relation (None: faint,
    outside a focus) and per tile of the map: stroking every routed arrow of a 20,000-claim
    map took 30 ms a frame, and a pan at overview zoom exposes a strip of the view. An arrow
    longer than a few tiles goes to a tile of its own that every frame strokes."""

    CELL = 4096.0
    LONG = 3 * CELL

    def __init__(self) -> None:
        self.tiles: dict[object, tuple[QRectF, dict[RelationKind | None, QPainterPath]]] = {}
        self.count = 0
        self.faint = 0

    def add(self, polyline: QPolygonF, kind: RelationKind | None) -> None:
        bounds = polyline.boundingRect()
        if bounds.width() + bounds.height() > self.LONG:
            key: object = "long"
        else:
            centre = bounds.center()
            key = (math.floor(centre.x() / self.CELL), math.floor(centre.y() / self.CELL))
        tile = self.tiles.get(key)
        if tile is None:
            tile = self.tiles[key] = (QRectF(bounds), {})
        else:
            tile = self.tiles[key] = (tile[0].united(bounds), tile[1])
        path = tile[1].get(kind)
        if path is None:
            path = tile[1][kind] = QPainterPath()
        path.addPolygon(polyline)
        self.count += 1
        self.faint += kind is None

    def draw(
        self, painter: QPainter, pens: dict[RelationKind | None, QPen], exposed: QRectF | None
    ) -> None:
        for bounds, paths in self.tiles.values():
            if exposed is not None and not bounds.intersects(exposed):
                continue
            for kind, path in paths.items():
                painter.setPen(pens[kind])
                painter.drawPath(path)
