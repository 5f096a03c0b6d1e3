"""RelationItem: an arrow from a premise's card border to its conclusion's card border.

Support is green, attack red, an undercut is a dashed red arrow to the middle of the relation
it attacks, and linked premises meet at a junction bar before one arrow goes on to the
conclusion. The item re-routes (`adjust`) when a card it touches moves.
"""

from __future__ import annotations

import itertools
import math
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from argmap.analysis import routing
from argmap.analysis.geometry import clip_segment
from argmap.model.types import Relation, RelationKind
from argmap.ui.items.claim_item import comment_glyph, small_font
from argmap.ui.items.rerouting import adjust_all

if TYPE_CHECKING:
    from argmap.ui.items.canvas_index import CanvasIndex
    from argmap.ui.theme import Theme

ARROW = 11.0
# Looked up once: an enum member's lookup costs about a microsecond, five per arrow painted.
_ANTIALIASING = QPainter.RenderHint.Antialiasing
_NO_BRUSH = Qt.BrushStyle.NoBrush
_NO_PEN = Qt.PenStyle.NoPen
JUNCTION_GAP = routing.JUNCTION_GAP
PIECE = 4  # commands per piece of a long route (drawn piece by piece, those in view)


class _FlatPieces:
    """Pieces of routes drawn lately, as the short lines Qt flattens their curves into.

    Stroking an antialiased curve costs Qt about 0.16 ms however short it is, a line a
    fraction of that: a view at 100 % of a big map crossed by ~150 pieces of routed map-wide
    arrows took 19 ms a frame stroking curves, 8 ms drawing these lines. Kept for the pieces
    drawn most recently, up to `budget` lines (about 100 bytes each)."""

    def __init__(self, budget: int = 300_000) -> None:
        self.budget = budget
        self.size = 0
        self._lines: OrderedDict[tuple[int, int], list[QLineF]] = OrderedDict()

    def lines(self, key: tuple[int, int], piece: QPainterPath) -> list[QLineF]:
        found = self._lines.get(key)
        if found is not None:
            self._lines.move_to_end(key)
            return found
        found = [
            QLineF(polygon[i], polygon[i + 1])
            for polygon in piece.toSubpathPolygons()
            for i in range(len(polygon) - 1)
        ]
        self._lines[key] = found
        self.size += len(found)
        while self.size > self.budget and len(self._lines) > 1:
            _, gone = self._lines.popitem(last=False)
            self.size -= len(gone)
        return found


_FLAT = _FlatPieces()
_SERIALS = itertools.count(1)  # each route's pieces get a number never used again


def border_point(rect: QRectF, towards: QPointF) -> QPointF:
    """Where the line from the rect's centre towards a point leaves the rect."""
    c = rect.center()
    dx, dy = towards.x() - c.x(), towards.y() - c.y()
    if dx == 0 and dy == 0:
        return c
    hw, hh = rect.width() / 2, rect.height() / 2
    scale = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return QPointF(c.x() + dx * scale, c.y() + dy * scale)


def line_style(kind: RelationKind, undercut: bool = False, ghost: bool = False) -> Qt.PenStyle:
    """How an arrow's line is drawn, so that relations read without colour (greyscale prints,
    colour-blind readers): supports solid, attacks dashed, undercuts dash-dotted; a ghost (a
    relation a comparison shows as deleted) dotted."""
    if ghost:
        return Qt.PenStyle.DotLine
    if undercut:
        return Qt.PenStyle.DashDotLine
    return Qt.PenStyle.DashLine if kind is RelationKind.ATTACK else Qt.PenStyle.SolidLine


class RelationItem(QGraphicsItem):
    """One relation on the canvas."""

    def __init__(self, relation: Relation, index: CanvasIndex, theme: Theme) -> None:
        super().__init__()
        self.relation = relation
        self.index = index
        self.theme = theme
        self.undercuts: set[RelationItem] = set()
        self.highlight: QColor | None = None
        self.ghost = False
        self.comment_count = 0  # open review threads, drawn as a badge by the arrow's middle
        self._path = QPainterPath()
        self._lines: list[QLineF] | None = None
        self._bar: QLineF | None = None
        self._head = QPolygonF()
        self._junction: QLineF | None = None
        # A routed arrow's polyline through its corners (the overview draws it); None: straight.
        self._outline: QPolygonF | None = None
        # The route it is drawn along (before its ends were carried onto the cards): made
        # again at a card just made (nothing moved), the arrow is redrawn from it, not routed.
        self._route: routing.Route | None = None
        # A long route's parts: (left, top, right, bottom, path), and groups of 8 of them:
        # (left, top, right, bottom, first, last).
        self._pieces: list[tuple[float, float, float, float, QPainterPath]] | None = None
        self._groups: list[tuple[float, float, float, float, int, int]] = []
        self._serial = 0  # names the pieces in `_FLAT`
        self._mid = QPointF()
        self._bounds = QRectF()
        self._long = False  # bounds over 1,500 px: painted cut to the exposed part
        self._pen_key: tuple | None = None
        self._pen_cache = QPen()
        # The extended style option tells `paint` which part of a long arrow is exposed.
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption
        )
        self.setZValue(0)
        self.setAcceptHoverEvents(True)

    def set_relation(self, relation: Relation) -> None:
        self.relation = relation
        self.adjust()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def line(self) -> QPainterPath:
        """The arrow's line as drawn (scene coordinates), without its head."""
        return QPainterPath(self._path)

    def midpoint(self) -> QPointF:
        """Where undercuts of this relation aim."""
        return self._mid

    def outline(self) -> QPolygonF | None:
        """A routed arrow's polyline through its corners (None: drawn straight)."""
        return self._outline

    # -- routing ----------------------------------------------------------------------------

    def adjust(self) -> None:
        """Re-route after a card moved, changed size, or the relation changed, and then the
        undercuts aiming at it (see `adjust_all`)."""
        adjust_all((self,))

    def route(self) -> bool:
        """Route this arrow alone; False when it is hidden (no card to start from)."""
        index = self.index
        src_rect = index.anchor_rect(self.relation.source)
        path = QPainterPath()
        head = QPolygonF()
        junction: QLineF | None = None
        outline: QPolygonF | None = None
        target_item = index.target_relation(self.relation)
        if src_rect is None:
            self.setVisible(False)
            return False
        if target_item is not None and index.arrows != "straight" and self.scene() is not None:
            routed = self._routed(src_rect, None)
            if routed is None:
                self.setVisible(False)
                return False
            path, head, junction, outline = routed
        elif target_item is not None:  # an undercut: aim at the middle of the attacked arrow
            end = target_item.midpoint()
            start = border_point(src_rect, end)
            path.moveTo(start)
            path.lineTo(end)
            head = self._arrow_head(start, end)
        else:
            tgt_rect = index.anchor_rect(self.relation.target)
            if tgt_rect is None or tgt_rect == src_rect:
                # Self-relation or an endpoint inside a collapsed group with the other one.
                if tgt_rect is None or self.relation.source != self.relation.target:
                    self.setVisible(False)
                    return False
                self._loop(path, src_rect)
                head = self._arrow_head(path.pointAtPercent(0.9), path.pointAtPercent(1.0))
            elif index.arrows != "straight" and self.scene() is not None:
                routed = self._routed(src_rect, tgt_rect)
                if routed is None:
                    self.setVisible(False)
                    return False
                path, head, junction, outline = routed
            elif self.relation.link is not None and len(index.linked_sources(self.relation)) > 1:
                sources = index.linked_sources(self.relation)
                cx = sum(p.x() for p in sources) / len(sources)
                cy = sum(p.y() for p in sources) / len(sources)
                tip = border_point(tgt_rect, QPointF(cx, cy))
                line = QLineF(tip, QPointF(cx, cy))
                if line.length() > 0:
                    line.setLength(min(JUNCTION_GAP, line.length() / 2))
                j = line.p2()
                start = border_point(src_rect, j)
                path.moveTo(start)
                path.lineTo(j)
                path.lineTo(tip)
                head = self._arrow_head(j, tip)
                normal = QLineF(j, tip).normalVector()
                normal.setLength(14)
                junction = QLineF(normal.pointAt(-1), normal.p2())
            else:
                start = border_point(src_rect, tgt_rect.center())
                end = border_point(tgt_rect, src_rect.center())
                path.moveTo(start)
                path.lineTo(end)
                head = self._arrow_head(start, end)
        self.setVisible(True)
        self.prepareGeometryChange()
        self._path, self._head, self._junction = path, head, junction
        self._outline = outline
        if outline is None:  # drawn straight
            self._route = None
            self._pieces = None
        self._mid = path.pointAtPercent(0.5)
        # Straight pieces are drawn as lines: the raster engine strokes a long antialiased
        # line several times faster than the same path (measured: 127 µs per arrow).
        self._lines = _polyline(path)
        if self.relation.kind is RelationKind.ATTACK and path.length() > 0:
            p, q = path.pointAtPercent(0.82), path.pointAtPercent(0.86)
            normal = QLineF(p, q).normalVector()
            normal.setLength(6)
            self._bar: QLineF | None = QLineF(normal.pointAt(-1), normal.p2())
        else:
            self._bar = None
        bounds = path.boundingRect().united(head.boundingRect())
        if self.relation.label:
            bounds = bounds.united(self._label_rect())
        if self.comment_count:
            bounds = bounds.united(self._badge_rect())
        self._bounds = bounds.adjusted(-8, -8, 8, 8)
        self._long = self._bounds.width() + self._bounds.height() > 1500
        self.update()
        return True

    def _routed(
        self, src_rect: QRectF, tgt_rect: QRectF | None
    ) -> tuple[QPainterPath, QPolygonF, QLineF | None, QPolygonF] | None:
        """The arrow around the cards it does not belong to (`analysis/routing.py`), from its
        port on the source card to its port on the target card (or an undercut's aim); the
        canvas's batch of routes has it already when the whole map is being routed, and a
        big map's worker process (`BackgroundRouting`) when the arrow is made after it."""
        index, r = self.index, self.relation
        batch = None
        if index.batch_routes is not None:
            batch = index.batch_routes.get(r.id)
        elif index.batch_later:  # routed before its slice came: void if routed for a change
            later = index.batch_later.pop(r.id, None)
            batch = later if index.making else None
        if batch is None and index.making:  # a card at its end was just made: nothing moved
            batch = self._route
        if batch is None and index.map_routes:
            batch = index.kept_route(r.id)
        if batch is not None:
            self._route = batch
            # Routed around estimated cards, maybe: ends carried on to the cards' borders.
            drawn = routing.snap_ends(batch, _box(src_rect), _box(tgt_rect) if tgt_rect else None)
            return self._drawn(drawn.commands, drawn.tail, drawn.tip, drawn.junction)
        start, s_side = index.ports(r.source).get((r.id, "s"), (None, None))
        if start is None:
            return None
        own = {index.anchor_key(r.source)}
        gap = routing.STUB
        linked = False
        if tgt_rect is None:  # an undercut: it may touch the cards at the attacked arrow's ends
            target_item = index.target_relation(r)
            if target_item is None:
                return None
            mid = target_item.midpoint()
            end, e_side = (mid.x(), mid.y()), None
            attacked = target_item.relation
            own.add(index.anchor_key(attacked.source))
            if attacked.target not in index.relation_items:
                own.add(index.anchor_key(attacked.target))
        else:
            linked = r.link is not None and len(index.linked_sources(r)) > 1
            key = (r.link, r.target) if linked else (r.id, "t")
            end, e_side = index.ports(r.target).get(key, (None, None))
            if end is None:
                return None
            own.add(index.anchor_key(r.target))
            gap = JUNCTION_GAP if linked else routing.STUB
        commands, tail = routing.route(
            start, s_side, end, e_side, index.cards(), own, index.arrows, gap
        )
        junction = routing.stub_point(end, e_side, gap) if linked else None
        self._route = routing.Route(tuple(commands), tail, end, junction)
        return self._drawn(commands, tail, end, junction)

    def _drawn(
        self,
        commands: Sequence[routing.Command],
        tail: routing.Point,
        tip: routing.Point,
        junction: routing.Point | None,
    ) -> tuple[QPainterPath, QPolygonF, QLineF | None, QPolygonF]:
        """A route as the path, arrow head and knot bar the item paints, and the polyline
        through its corners the overview draws."""
        path = QPainterPath()
        outline = QPolygonF([QPointF(*cmd[-1]) for cmd in commands])
        # A long route is also drawn in pieces, each stroked only when it is in view: Qt
        # strokes a whole path before clipping it (a view at 100 % of a big map crosses
        # thousands of map-wide routes: 18 ms a frame instead of 5).
        pieces: list[QPainterPath] = []
        piece = path if len(commands) <= PIECE else QPainterPath()
        for k, cmd in enumerate(commands):
            op = cmd[0]
            if op == "M":
                path.moveTo(*cmd[1])
            elif op == "L":
                path.lineTo(*cmd[1])
            elif op == "Q":
                path.quadTo(QPointF(*cmd[1]), QPointF(*cmd[2]))
            else:
                path.cubicTo(QPointF(*cmd[1]), QPointF(*cmd[2]), QPointF(*cmd[3]))
            if piece is path:
                continue
            if op == "M":
                piece.moveTo(*cmd[1])
            elif op == "L":
                piece.lineTo(*cmd[1])
            elif op == "Q":
                piece.quadTo(QPointF(*cmd[1]), QPointF(*cmd[2]))
            else:
                piece.cubicTo(QPointF(*cmd[1]), QPointF(*cmd[2]), QPointF(*cmd[3]))
            if k % PIECE == PIECE - 1 and k + 1 < len(commands):
                pieces.append(piece)
                piece = QPainterPath()
                piece.moveTo(*cmd[-1])
        if piece is not path:
            pieces.append(piece)
        self._pieces = None
        self._groups = []
        if pieces:
            boxes = [(r.left(), r.top(), r.right(), r.bottom()) for r in
                     (p.controlPointRect() for p in pieces)]
            self._pieces = [(*box, p) for box, p in zip(boxes, pieces, strict=True)]
            for first in range(0, len(boxes), 8):
                some = boxes[first : first + 8]
                self._groups.append((
                    min(b[0] for b in some), min(b[1] for b in some),
                    max(b[2] for b in some), max(b[3] for b in some),
                    first, first + len(some),
                ))
        self._serial = next(_SERIALS)
        end = QPointF(*tip)
        bar = None
        if junction is not None:
            normal = QLineF(QPointF(*junction), end).normalVector()
            normal.setLength(14)
            bar = QLineF(normal.pointAt(-1), normal.p2())
        return path, self._arrow_head(QPointF(*tail), end), bar, outline

    @staticmethod
    def _loop(path: QPainterPath, rect: QRectF) -> None:
        top_right = QPointF(rect.right() - 30, rect.top())
        path.moveTo(top_right)
        path.cubicTo(
            top_right + QPointF(0, -50),
            QPointF(rect.right() + 50, rect.top() + 20),
            QPointF(rect.right(), rect.top() + 25),
        )

    @staticmethod
    def _arrow_head(start: QPointF, end: QPointF) -> QPolygonF:
        line = QLineF(end, start)
        if line.length() == 0:
            return QPolygonF()
        angle = math.radians(line.angle())
        left = end + QPointF(math.cos(angle + 0.4) * ARROW, -math.sin(angle + 0.4) * ARROW)
        right = end + QPointF(math.cos(angle - 0.4) * ARROW, -math.sin(angle - 0.4) * ARROW)
        return QPolygonF([end, left, right])

    def _badge_rect(self) -> QRectF:
        """The comment badge: beside the label (or the middle), clear of the line."""
        fm = QFontMetricsF(small_font())
        w = fm.horizontalAdvance(f"{comment_glyph()} {self.comment_count}") + 8
        h = fm.height() + 2
        left = self._label_rect().right() + 4 if self.relation.label else self._mid.x() + 6
        return QRectF(left, self._mid.y() - h - 2, w, h)

    def _label_rect(self) -> QRectF:
        fm = QFontMetricsF(small_font())
        w = min(fm.horizontalAdvance(self.relation.label), 160) + 10
        h = fm.height() + 4
        return QRectF(self._mid.x() - w / 2, self._mid.y() - h / 2, w, h)

    # -- Qt API -----------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        shape = stroker.createStroke(self._path)
        shape.addPolygon(self._head)
        return shape

    def colour(self) -> QColor:
        return self.highlight or self.theme.relation[self.relation.kind]

    def _pen(self, selected: bool) -> tuple[QPen, bool]:
        """The line's pen (and whether the arrow is an undercut), made again only when what
        it shows changed: building it was a fifth of an arrow's paint, and a zoom step at
        100 % paints about 130 arrows."""
        undercut = self.index.target_relation(self.relation) is not None
        key = (selected, self.highlight, self.ghost, self.theme, self.relation.kind, undercut)
        if key != self._pen_key:
            colour = QColor(self.colour())
            if self.ghost:
                colour.setAlpha(90)
            width = 3.0 if selected or self.highlight is not None else 1.6
            pen = QPen(self.theme.selection if selected else colour, width)
            # Flat caps: round caps make the raster engine stroke lines ~7x slower (measured).
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            pen.setStyle(line_style(self.relation.kind, undercut, self.ghost))
            self._pen_key, self._pen_cache = key, pen
        return self._pen_cache, undercut

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        pen, undercut = self._pen(self.isSelected())
        painter.setRenderHint(_ANTIALIASING, lod > 0.3)
        painter.setPen(pen)
        painter.setBrush(_NO_BRUSH)
        if self._lines is not None:
            lines = self._lines
            if widget is not None and self._long:
                # The raster engine pays for the whole length of an antialiased line, even
                # off screen: a long arrow is cut to its exposed part first (the item uses
                # the extended style option, so Qt hands over that part).
                visible = option.exposedRect.adjusted(-20, -20, 20, 20)
                lines = [c for c in (_clip(line, visible) for line in lines) if c is not None]
            painter.drawLines(lines)
        elif self._pieces is not None and widget is not None:
            visible = option.exposedRect
            vl, vt = visible.left() - 20, visible.top() - 20
            vr, vb = visible.right() + 20, visible.bottom() + 20
            serial, pieces = self._serial, self._pieces
            for gl, gt, gr, gb, first, last in self._groups:  # pieces 8 by 8, then each
                if gl > vr or gr < vl or gt > vb or gb < vt:
                    continue
                for k in range(first, last):
                    left, top, right, bottom, piece = pieces[k]
                    if left <= vr and right >= vl and top <= vb and bottom >= vt:
                        painter.drawLines(_FLAT.lines((serial, k), piece))
        else:
            painter.drawPath(self._path)
        painter.setPen(_NO_PEN)
        painter.setBrush(pen.color())
        painter.drawPolygon(self._head)
        if self._junction is not None:
            # Linked premises meet at a knot before one arrow goes on to the conclusion.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pen.color())
            painter.drawEllipse(self._junction.center(), 5.0, 5.0)
        if self._bar is not None and lod > 0.5 and not undercut:
            # A small bar across the shaft: attacks read as attacks without colour too.
            painter.setPen(QPen(pen.color(), 2.0))
            painter.drawLine(self._bar)
        if self.comment_count and lod > 0.5:
            rect = self._badge_rect()
            painter.setPen(QPen(self.theme.muted_text, 1.0))
            painter.setBrush(self.theme.label_fill)
            painter.drawRoundedRect(rect, 4, 4)
            painter.setFont(small_font())
            badge = f"{comment_glyph()} {self.comment_count}"
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge)
        if self.relation.label and lod > 0.5:
            rect = self._label_rect()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.theme.label_fill)
            painter.drawRoundedRect(rect, 4, 4)
            painter.setFont(small_font())
            painter.setPen(pen.color())
            fm = painter.fontMetrics()
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignCenter,
                fm.elidedText(
                    self.relation.label, Qt.TextElideMode.ElideRight, int(rect.width() - 6)
                ),
            )


def _box(rect: QRectF) -> routing.Rect:
    return (rect.left(), rect.top(), rect.right(), rect.bottom())


def _polyline(path: QPainterPath) -> list[QLineF] | None:
    """The path's segments when it is made of straight lines only (None for curves)."""
    n = path.elementCount()
    if n < 2:
        return []
    points = []
    for i in range(n):
        e = path.elementAt(i)
        if e.type not in (
            QPainterPath.ElementType.MoveToElement,
            QPainterPath.ElementType.LineToElement,
        ):
            return None
        points.append(QPointF(e.x, e.y))
    return [QLineF(points[i], points[i + 1]) for i in range(n - 1)]


def _clip(line: QLineF, rect: QRectF) -> QLineF | None:
    """The part of a segment inside a rectangle, or None."""
    a, b = (line.x1(), line.y1()), (line.x2(), line.y2())
    clipped = clip_segment(a, b, (rect.left(), rect.top(), rect.right(), rect.bottom()))
    if clipped is None:
        return None
    t0, t1 = clipped
    return QLineF(line.pointAt(t0), line.pointAt(t1))
