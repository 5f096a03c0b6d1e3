"""GroupItem: a labelled frame around a set of claims that moves with them and can collapse.

Dragging the frame's header moves all its claims (one undo step on release); double-clicking
the header collapses the group to one card, and relations to its claims then end at that card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem

from argmap.analysis.geometry import CARD_WIDTH
from argmap.model.types import Group

if TYPE_CHECKING:
    from argmap.ui.items.canvas_index import CanvasIndex
    from argmap.ui.theme import Theme

MARGIN = 18.0
HEADER = 26.0
COLLAPSED_HEIGHT = 64.0


def header_font() -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(10)
    font.setBold(True)
    return font


class GroupItem(QGraphicsItem):
    """One group on the canvas."""

    def __init__(self, group: Group, index: CanvasIndex, theme: Theme) -> None:
        super().__init__()
        self.group = group
        self.index = index
        self.theme = theme
        self._rect = QRectF()
        self._drag_start: QPointF | None = None
        self._start_positions: dict[str, QPointF] = {}
        self.setZValue(-1)
        self.setAcceptHoverEvents(True)
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)

    def set_group(self, group: Group) -> None:
        self.group = group
        self.adjust()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def members(self) -> list:
        items = self.index.claim_items
        return [items[c] for c in self.group.claims if c in items]

    def collapsed_rect(self) -> QRectF:
        """The one card a collapsed group shows, at the centre of its claims."""
        members = self.members()
        if not members:
            return QRectF(-CARD_WIDTH / 2, -COLLAPSED_HEIGHT / 2, CARD_WIDTH, COLLAPSED_HEIGHT)
        cx = sum(m.pos().x() for m in members) / len(members)
        cy = sum(m.pos().y() for m in members) / len(members)
        return QRectF(cx - CARD_WIDTH / 2, cy - COLLAPSED_HEIGHT / 2, CARD_WIDTH, COLLAPSED_HEIGHT)

    def adjust(self) -> None:
        """Fit the frame around the claims (or the collapsed card) after they moved."""
        self.prepareGeometryChange()
        if self.group.collapsed:
            self._rect = self.collapsed_rect()
        else:
            rect = QRectF()
            for member in self.members():
                rect = (
                    rect.united(member.scene_rect()) if not rect.isNull() else member.scene_rect()
                )
            if rect.isNull():
                rect = QRectF(0, 0, CARD_WIDTH, COLLAPSED_HEIGHT)
            self._rect = rect.adjusted(-MARGIN, -MARGIN - HEADER, MARGIN, MARGIN)
        self.update()

    def frame_rect(self) -> QRectF:
        return self._rect

    def header_rect(self) -> QRectF:
        if self.group.collapsed:
            return self._rect
        return QRectF(self._rect.left(), self._rect.top(), self._rect.width(), HEADER + 4)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect.adjusted(-2, -2, 2, 2)

    def shape(self):
        from PySide6.QtGui import QPainterPath

        path = QPainterPath()
        # Only the header (or the collapsed card) is grabbed: clicks inside the frame reach
        # the canvas, so rubber-band selection and double-click-to-create still work there.
        path.addRect(self.header_rect())
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        t = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        selected = self.isSelected()
        pen = QPen(t.selection if selected else t.group_border, 2 if selected else 1.2)
        if not self.group.collapsed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        fill = t.group_fill if not self.group.collapsed else t.card_fill[next(iter(t.card_fill))]
        painter.setBrush(fill)
        painter.drawRoundedRect(self._rect, 12, 12)
        painter.setFont(header_font())
        painter.setPen(t.muted_text)
        label = self.group.label or "(group)"
        if self.group.collapsed:
            label = f"▸ {label}  ({len(self.group.claims)} claims)"
            painter.drawText(
                self._rect.adjusted(12, 0, -12, 0),
                Qt.AlignmentFlag.AlignVCenter
                | Qt.AlignmentFlag.AlignLeft
                | Qt.TextFlag.TextWordWrap,
                label,
            )
        else:
            painter.drawText(
                self.header_rect().adjusted(12, 2, -12, 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                "▾ " + label,
            )

    # -- dragging the frame moves its claims --------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_start = event.scenePos()
            self._start_positions = {m.claim.id: m.pos() for m in self.members()}
            event.accept()
            super().mousePressEvent(event)
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._drag_start is None:
            return
        delta = event.scenePos() - self._drag_start
        items = self.index.claim_items
        for cid, start in self._start_positions.items():
            items[cid].setPos(start + delta)
        self.adjust()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._drag_start is not None:
            self._drag_start = None
            self.index.commit_moves(f"Move group “{self.group.label}”")
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self.index.toggle_group(self.group.id)
        event.accept()
