"""ClaimItem: a card drawn with QPainter, no child widgets, cheap to paint and hit-test.

The item's position is the card's centre (the model's x, y). The text is laid out once per
change (QStaticText, plain text only: a claim is never interpreted as rich text or HTML) and
painted from the cache; at low zoom the card is a coloured box.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from argmap.analysis.geometry import CARD_WIDTH
from argmap.model.grading import likelihood_words
from argmap.model.types import Claim, ClaimKind
from argmap.ui.items.levels import TEXT_ZOOM
from argmap.ui.items.rerouting import adjust_all
from argmap.ui.theme import blend

if TYPE_CHECKING:
    from argmap.ui.items.canvas_index import CanvasIndex
    from argmap.ui.items.group_item import GroupItem
    from argmap.ui.items.relation_item import RelationItem
    from argmap.ui.theme import Theme

PAD = 10.0
HEADER = 20.0
FOOTER = 18.0
HANDLE_RADIUS = 6.0
KIND_LABELS = {
    ClaimKind.THESIS: "Thesis",
    ClaimKind.CLAIM: "Claim",
    ClaimKind.EVIDENCE: "Evidence",
    ClaimKind.ASSUMPTION: "Assumption",
    ClaimKind.ARGUMENT: "Argument",
}


def card_font() -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    return font


@functools.cache
def comment_glyph() -> str:
    """💬 where a font can draw it, else ❝ (DejaVu has it): never a box on a bare system."""
    from PySide6.QtGui import QFontDatabase, QRawFont

    names = [f for f in QFontDatabase.families() if "emoji" in f.lower() or "symbol" in f.lower()]
    for name in names:
        if QRawFont.fromFont(QFont(name)).supportsCharacter(0x1F4AC):
            return "💬"
    return "❝"


def small_font() -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(7.5)
    return font


def kind_icon(kind: ClaimKind, rect: QRectF) -> QPainterPath:
    """A small shape per kind, so kinds differ by more than colour (colour-blind users)."""
    path = QPainterPath()
    c = rect.center()
    r = rect.width() / 2
    if kind is ClaimKind.THESIS:  # a diamond: the point the map argues for
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(c.x(), c.y() - r),
                    QPointF(c.x() + r, c.y()),
                    QPointF(c.x(), c.y() + r),
                    QPointF(c.x() - r, c.y()),
                ]
            )
        )
        path.closeSubpath()
    elif kind is ClaimKind.EVIDENCE:  # a square: a document, a fact
        path.addRect(rect.adjusted(1, 1, -1, -1))
    elif kind is ClaimKind.ASSUMPTION:  # a triangle: taken for granted
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(c.x(), c.y() - r),
                    QPointF(c.x() + r, c.y() + r),
                    QPointF(c.x() - r, c.y() + r),
                ]
            )
        )
        path.closeSubpath()
    else:  # a circle: a claim
        path.addEllipse(rect.adjusted(1, 1, -1, -1))
    return path


class ClaimItem(QGraphicsItem):
    """One claim on the canvas."""

    def __init__(self, claim: Claim, theme: Theme) -> None:
        super().__init__()
        self.claim = claim
        self.theme = theme
        self.relations: set[RelationItem] = set()
        self.groups: set[GroupItem] = set()
        # The canvas's index, when the card is on a map canvas (None for a ghost or a test).
        self.index: CanvasIndex | None = None
        self.overlay_label: str | None = None  # "in" / "out" / "undecided" from evaluation
        self.overlay_strength: float | None = None
        self.overlay_hypothetical = False
        self.overlay_note = ""  # the what-if badge's text ("assumed in", "what-if 0.80")
        self.highlight: QColor | None = None  # "why?" and compare views
        self.ghost = False  # shown but not in the map (a removed claim in a compare view)
        self.comment_count = 0
        self.folded_count = 0  # claims hidden in its collapsed subtree (shown as a badge)
        self._hover = False
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # While the view's zoom keeps changing, the card is drawn from one picture made at
        # this scale (`hold_picture`); None otherwise.
        self.picture_scale: float | None = None
        self._picture: QPixmap | None = None
        self.setZValue(1)
        self._layout()
        self.setPos(claim.x, claim.y)
        # Flags last and in one call: each flag change runs itemChange in Python twice, and
        # with geometry changes announced every set-up call above would too (60,000 calls
        # when opening 5,000 claims). Not focusable: a focused item would take the key events
        # that the window's shortcuts (Delete, S, A, Ctrl+C ...) must see.
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )

    # -- geometry ---------------------------------------------------------------------------

    def _layout(self) -> None:
        """Lay out the text once; painting reuses it until the claim changes."""
        self._static = QStaticText(self.claim.text or " ")
        self._static.setTextFormat(Qt.TextFormat.PlainText)
        self._static.setTextWidth(CARD_WIDTH - 2 * PAD)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._static.setTextOption(option)
        self._static.prepare(font=card_font())
        text_h = max(self._static.size().height(), QFontMetricsF(card_font()).height())
        h = PAD + HEADER + text_h + 6 + FOOTER + PAD / 2
        self._size = QSizeF(CARD_WIDTH, round(h))
        self._rect = QRectF(
            -CARD_WIDTH / 2, -self._size.height() / 2, CARD_WIDTH, self._size.height()
        )

    def rect(self) -> QRectF:
        """The card in item coordinates (centred on the origin)."""
        return self._rect

    def scene_rect(self) -> QRectF:
        return self._rect.translated(self.pos())

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self._rect.adjusted(-4, -HANDLE_RADIUS - 4, 4, 4)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)  # the handle overlaps the card's edge
        path.addRoundedRect(self._rect, 8, 8)
        path.addEllipse(self.handle_center(), HANDLE_RADIUS + 2, HANDLE_RADIUS + 2)
        return path

    def handle_center(self) -> QPointF:
        """Where the connect handle sits: the top edge, towards the conclusion a premise serves."""
        return QPointF(0, self._rect.top())

    def on_handle(self, item_pos: QPointF) -> bool:
        d = item_pos - self.handle_center()
        return (d.x() ** 2 + d.y() ** 2) <= (HANDLE_RADIUS + 3) ** 2

    # -- following the model ----------------------------------------------------------------

    def set_claim(self, claim: Claim) -> None:
        """Show a new value of the claim (called by the scene on a model change)."""
        text_changed = claim.text != self.claim.text
        if text_changed:
            self.prepareGeometryChange()
        self.claim = claim
        if text_changed:
            self._layout()
        if not self.at_model_position():
            self.setPos(claim.x, claim.y)
        self.changed()
        if text_changed:
            adjust_all(self.relations)

    def at_model_position(self) -> bool:
        """Whether the card sits where the model says (to 1e-6 px).

        Not exact: Qt ignores a setPos within its fuzzy compare of the current position, so
        a card dragged to 36.30000000000001 stays there when the model rounds it to 36.3.
        """
        p = self.pos()
        return abs(p.x() - self.claim.x) < 1e-6 and abs(p.y() - self.claim.y) < 1e-6

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.changed()

    def set_overlay(self, label: str | None, strength: float | None, hypothetical: bool) -> None:
        self.overlay_label, self.overlay_strength = label, strength
        self.overlay_hypothetical = hypothetical
        self.changed()

    def itemChange(self, change, value):  # noqa: N802 (Qt API)
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            if self.index is not None:
                self.index.card_moved_to(self.claim.id)  # the router's obstacle moves too
            if self.index is None or not self.index.defer_routes:
                adjust_all(self.relations)
            for group in self.groups:
                group.adjust()
            if self.index is not None:
                self.index.card_moved()
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.changed()
            if self.index is not None:
                self.index.card_selected()
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event) -> None:  # noqa: N802
        self._hover = True
        self.changed()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802
        self._hover = False
        self.changed()
        super().hoverLeaveEvent(event)

    def hoverMoveEvent(self, event) -> None:  # noqa: N802
        shape = (
            Qt.CursorShape.CrossCursor
            if self.on_handle(event.pos())
            else Qt.CursorShape.ArrowCursor
        )
        self.setCursor(shape)
        super().hoverMoveEvent(event)

    def changed(self) -> None:
        """Something the card shows changed: paint it again (and drop a held picture)."""
        self._picture = None
        self.update()

    # -- painting ---------------------------------------------------------------------------

    def hold_picture(self, scale: float) -> None:
        """Zoom steps are coming (`argmap/ui/zoom_burst.py`): until `release_picture`, views
        draw the card from one picture made at `scale`, smoothly scaled, with no new paint
        at each scale. (Qt's own item-coordinate cache of a given size draws its pixmap at
        the pixmap's size, not the card's: the card grew by the zoom.)"""
        self.picture_scale = scale
        self._picture = None
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)

    def release_picture(self) -> None:
        """Zooming paused: paint afresh at the view's scale, cached in device pixels."""
        self.picture_scale = None
        self._picture = None
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def _held_picture(self, painter: QPainter, option: QStyleOptionGraphicsItem) -> QPixmap:
        picture = self._picture
        if picture is None:
            bounds = self.boundingRect()
            scale = self.picture_scale or 1.0
            picture = QPixmap(
                math.ceil(bounds.width() * scale), math.ceil(bounds.height() * scale)
            )
            picture.fill(Qt.GlobalColor.transparent)
            into = QPainter(picture)
            into.setRenderHints(painter.renderHints())
            into.scale(picture.width() / bounds.width(), picture.height() / bounds.height())
            into.translate(-bounds.topLeft())
            self._paint_card(into, option)
            into.end()
            self._picture = picture
        return picture

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if self.picture_scale is not None and widget is not None:
            picture = self._held_picture(painter, option)
            painter.drawPixmap(self.boundingRect(), picture, QRectF(picture.rect()))
            return
        self._paint_card(painter, option)

    def _paint_card(self, painter: QPainter, option: QStyleOptionGraphicsItem) -> None:
        t = self.theme
        kind = self.claim.kind
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        fill = QColor(t.card_fill[kind])
        accent = t.card_accent[kind]
        if self.ghost:
            fill.setAlpha(90)
        selected = self.isSelected()
        border = t.selection if selected else (self.highlight or self._label_colour() or accent)
        if lod < 0.3:  # tiny: a coloured box is all the eye can take in
            box = accent if selected else blend(fill, self._label_colour() or accent, 0.35)
            painter.fillRect(self._rect, box)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(border, 2.5 if (selected or self.highlight is not None) else 1.2)
        if self.ghost or self.overlay_hypothetical:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(self._rect, 8, 8)
        # Accent strip on the left: the kind at a glance.
        strip = QRectF(self._rect.left(), self._rect.top() + 8, 4, self._rect.height() - 16)
        painter.fillRect(strip, accent)
        if lod < TEXT_ZOOM:
            return
        r = self._rect
        # Header: kind icon and name, holder on the right.
        icon_rect = QRectF(r.left() + PAD, r.top() + PAD + 2, 11, 11)
        painter.setPen(QPen(accent, 1.2))
        painter.setBrush(QBrush(accent.lighter(130)))
        painter.drawPath(kind_icon(kind, icon_rect))
        painter.setFont(small_font())
        painter.setPen(accent)
        header = QRectF(r.left() + PAD + 16, r.top() + PAD - 1, r.width() - 2 * PAD - 16, 16)
        painter.drawText(
            header,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            KIND_LABELS[kind].upper(),
        )
        # Evaluation and what-if badges after the kind: text, so they read without colour.
        x = header.left() + painter.fontMetrics().horizontalAdvance(KIND_LABELS[kind].upper())
        for text, colour, filled in self._overlay_badges():
            x += 6
            width = painter.fontMetrics().horizontalAdvance(text) + 8
            pill = QRectF(x, header.top() + 1.5, width, 13)
            style = Qt.PenStyle.SolidLine if filled else Qt.PenStyle.DashLine
            painter.setPen(QPen(colour, 1.0, style))
            painter.setBrush(colour if filled else Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(pill, 3, 3)
            painter.setPen(t.background if filled else colour)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
            x = pill.right()
        if self.claim.holder:
            painter.setPen(t.muted_text)
            room = min(120, header.right() - x - 8)
            holder = painter.fontMetrics().elidedText(
                self.claim.holder, Qt.TextElideMode.ElideRight, int(max(room, 0))
            )
            painter.drawText(
                header, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, holder
            )
        # Text.
        painter.setFont(card_font())
        painter.setPen(t.text if not self.ghost else t.muted_text)
        if painter.paintEngine().type() in (QPaintEngine.Type.SVG, QPaintEngine.Type.Pdf):
            # Vector exports keep the text as text (searchable, selectable, sharp).
            text_rect = QRectF(
                r.left() + PAD,
                r.top() + PAD + HEADER,
                CARD_WIDTH - 2 * PAD,
                self._static.size().height() + 4,
            )
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, self.claim.text
            )
        else:
            painter.drawStaticText(QPointF(r.left() + PAD, r.top() + PAD + HEADER), self._static)
        # Footer badges: tags, notes, source paragraph, comments.
        painter.setFont(small_font())
        painter.setPen(t.muted_text)
        footer = QRectF(r.left() + PAD, r.bottom() - FOOTER - 3, r.width() - 2 * PAD, FOOTER)
        badges = []
        if self.folded_count:
            badges.append(f"▸ {self.folded_count} below")
        if self.claim.source is not None and self.claim.source.paragraph is not None:
            badges.append(f"¶{self.claim.source.paragraph}")
        if self.claim.notes:
            badges.append("✎ note")
        if self.comment_count:
            badges.append(f"{comment_glyph()} {self.comment_count}")
        if self.claim.review is not None and self.claim.review.status.value != "unreviewed":
            badges.append(self.claim.review.status.value.replace("_", " "))
        right = "  ".join(badges)
        tags = "  ".join("#" + tag for tag in self.claim.tags)
        if tags:
            fm = painter.fontMetrics()
            room = footer.width() - fm.horizontalAdvance(right) - 8
            painter.drawText(
                footer,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(tags, Qt.TextElideMode.ElideRight, int(max(room, 0))),
            )
        painter.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right)
        # Evaluation: a strength bar along the bottom edge.
        if self.overlay_strength is not None:
            bar = QRectF(r.left() + 8, r.bottom() - 5, (r.width() - 16), 3)
            painter.fillRect(bar, t.grid)
            bar.setWidth(bar.width() * max(0.0, min(1.0, self.overlay_strength)))
            painter.fillRect(bar, self._label_colour() or accent)
        # Connect handle, shown when the card is hovered or selected.
        if self._hover or selected:
            painter.setPen(QPen(t.selection, 1.5))
            painter.setBrush(t.background)
            painter.drawEllipse(self.handle_center(), HANDLE_RADIUS, HANDLE_RADIUS)
            painter.drawLine(
                self.handle_center() + QPointF(-3, 0), self.handle_center() + QPointF(3, 0)
            )
            painter.drawLine(
                self.handle_center() + QPointF(0, -3), self.handle_center() + QPointF(0, 3)
            )

    def _overlay_badges(self) -> list[tuple[str, QColor, bool]]:
        """(text, colour, filled) of the evaluation badge and the what-if badge."""
        badges = []
        colour = self._label_colour()
        if self.overlay_strength is not None and colour is not None:
            text = f"{self.overlay_strength:.2f}"
            if self.claim.kind is ClaimKind.THESIS:  # ICD 203's words where it is decided
                text += " · " + likelihood_words(self.overlay_strength)
            badges.append((text, colour, True))
        elif colour is not None:
            text = {"in": "IN", "out": "OUT", "undecided": "UNDEC"}[self.overlay_label or ""]
            badges.append((text, colour, True))
        if self.overlay_hypothetical:
            badges.append((self.overlay_note or "what-if", self.theme.text, False))
        return badges

    def _label_colour(self) -> QColor | None:
        return overlay_colour(self.theme, self.overlay_label)


def overlay_colour(theme: Theme, label: str | None) -> QColor | None:
    """The colour of an evaluation label on a card ("in", "out", "undecided"; None: none)."""
    t = theme
    return {"in": t.label_in, "out": t.label_out, "undecided": t.label_undecided}.get(label or "")
