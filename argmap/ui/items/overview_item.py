"""OverviewItem: the whole map in two batched draw calls when cards are too small to read.

Below `OVERVIEW_ZOOM` the scene marks every card and arrow `ItemHasNoContents` (they stay
selectable, movable and hit-testable, but Qt no longer calls their Python `paint`), and this
one item draws all arrows with `drawLines` and all cards with `drawRects`, a colour per kind.
That keeps a frame of a 5,000-claim map at fit-to-map to a few milliseconds. Routed arrows
are drawn as polylines through their corners (their curves' end points, which clear every
card: a route is pulled tight around cards before it is smoothed), gathered into one path
per kind of relation: one `drawPath` each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
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
        self._paths: dict[RelationKind, QPainterPath] = {}
        self._faint_path = QPainterPath()
        self._routed = 0  # arrows drawn routed
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
        paths: dict[RelationKind, QPainterPath] = {k: QPainterPath() for k in RelationKind}
        faint_path = QPainterPath()
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
                (faint_path if item.opacity() < 1.0 else paths[r.kind]).addPolygon(outline)
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
            self._unmade_lines(lines, faint, paths, faint_path)
        self._dirty = False
        self._rects, self._lines = rects, lines
        self._paths, self._faint_path = paths, faint_path
        self._routed = sum(p.elementCount() and _subpaths(p) for p in (*paths.values(), faint_path))
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

    def _unmade_lines(
        self, lines: dict, faint: list, paths: dict, faint_path: QPainterPath
    ) -> None:
        """The batches of the arrows a lazy canvas has not made: routed by a worker process
        (`CanvasIndex.map_routes`), else centre to centre as the overview draws every
        straight arrow; a claim to claim line straight from the model."""
        scene = self.index
        claims = dict(scene.model.claims)
        relations = scene.model.relations
        items, arrows = scene.claim_items, scene.relation_items
        hidden, folded, kept = scene.hidden_in, scene.folded_into, scene.kept
        by_kind = {id(kind): found for kind, found in lines.items()}
        path_of = {id(kind): path for kind, path in paths.items()}
        middles: dict = {}
        centre = scene.centre_finder()
        routed, outline_of = scene.map_routes, scene.route_outline
        for rid, r in relations.items():
            if rid in arrows:
                continue
            s, t = r.source, r.target
            if rid in routed and not (s in hidden or s in folded or t in hidden or t in folded):
                dim = kept and scene.relation_dimmed(r)
                (faint_path if dim else path_of[id(r.kind)]).addPolygon(outline_of(rid))
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
        return self._routed

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
        self.draw(painter, arrows=not self.zooming)
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

    def draw(self, painter: QPainter, arrows: bool = True, outlines: bool = True) -> None:
        """Draw the batches with `painter` in scene coordinates (this item's paint, the
        minimap's picture of the whole map, and the view's quick frames while zooming, which
        leave out the arrows and the cards' outlines: outlined rects rasterise 3x slower)."""
        if self._dirty:
            self._rebuild()
        theme = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for kind, lines in self._lines.items():
            path = self._paths.get(kind)
            if (lines or (path is not None and not path.isEmpty())) and arrows:
                pen = QPen(theme.relation[kind], 0)  # cosmetic: one pixel at any zoom
                pen.setStyle(line_style(kind))  # attacks dashed: readable without colour
                painter.setPen(pen)
                if lines:
                    painter.drawLines(lines)
                if path is not None and not path.isEmpty():
                    painter.drawPath(path)
        if (self._faint or not self._faint_path.isEmpty()) and arrows:
            painter.setPen(QPen(theme.grid, 0))
            if self._faint:
                painter.drawLines(self._faint)
            if not self._faint_path.isEmpty():
                painter.drawPath(self._faint_path)
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


def _subpaths(path: QPainterPath) -> int:
    move = QPainterPath.ElementType.MoveToElement
    return sum(1 for i in range(path.elementCount()) if path.elementAt(i).type == move)
