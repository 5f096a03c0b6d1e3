"""LabelLayer: short labels over cards too small to read, at a fixed screen size.

Below `TEXT_ZOOM` the cards draw no text. This item then draws, over the cards, a short label
per card (its title, else its first words; `argmap.analysis.labels.short_label`) in a font of
fixed pixel size, so the map stays readable at any zoom. Which cards get a label is decided by
`argmap.analysis.labels.place_labels`: most important first (theses, then claims near a
thesis and much argued over), and never two labels overlapping. Placement is computed for the
whole map once per zoom (when zooming pauses); while the zoom keeps changing, the last
While the zoom keeps changing, no labels are drawn (as the overview leaves out its arrows), so a
zoom step costs nothing here; once zooming pauses they are placed for the new zoom and drawn.
Panning blits the device cache.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPen, QStaticText, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from argmap.analysis.labels import label_order, place_labels, short_label
from argmap.model.types import ClaimKind
from argmap.ui.items.levels import SETTLE_MS, TEXT_ZOOM

if TYPE_CHECKING:
    from argmap.ui.items.canvas_index import CanvasIndex
    from argmap.ui.theme import Theme

# Label fonts in screen pixels: large enough to read (and for OCR) on any display.
LABEL_PX = 13
THESIS_PX = 15
PAD_X, PAD_Y = 5.0, 2.0
KIND_LETTERS = {
    ClaimKind.THESIS: "T",
    ClaimKind.CLAIM: "C",
    ClaimKind.EVIDENCE: "E",
    ClaimKind.ASSUMPTION: "A",
    ClaimKind.ARGUMENT: "R",  # an argument as one unit: its Reasoning
}
"""The kind as a letter before each label: kinds read without their colours (greyscale prints,
colour-blind readers), as the Outline writes them ([T], [C] ...)."""
MARK = 14.0  # side of the letter's square, in pixels
GAP = 3.0  # screen pixels kept free between labels
SHIFTS = (0.0, -1.0, 1.0)  # centred on the card, else just above it, else just below
# A viewport with this property set (the minimap's) gets no labels: they belong to one zoom.
NO_LABELS_PROPERTY = "argmap-no-labels"


def label_font(thesis: bool) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(THESIS_PX if thesis else LABEL_PX)
    font.setBold(thesis)
    return font


@functools.cache
def _label_metrics(thesis: bool) -> QFontMetricsF:
    """Metrics of the label font (made once: a QFont per claim was a second per 20,000)."""
    return QFontMetricsF(label_font(thesis))


class LabelLayer(QGraphicsItem):
    """Decluttered fixed-size labels of the cards, shown only below `TEXT_ZOOM`."""

    def __init__(self, index: CanvasIndex, theme: Theme, timer_parent: QObject) -> None:
        super().__init__()
        self.index = index
        self.theme = theme
        self.setZValue(50)  # over cards and arrows, under a dragged card's handles
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setVisible(False)
        self.zoom = 1.0
        self.zooming = False  # the zoom keeps changing: draw nothing until it pauses
        self._placed_zoom: float | None = None
        self._order: list[str] | None = None  # claim ids by importance (model changes reset)
        # Per claim: label text, width and height in pixels, thesis or not (placement needs
        # only sizes); the laid-out text is made for the labels drawn only.
        self._texts: dict[str, tuple[str, float, float, bool]] = {}
        self._statics: dict[str, QStaticText] = {}
        self._placed: list[tuple[str, float]] = []  # (claim id, vertical shift in scene units)
        self._bounds = QRectF()
        self._settle = QTimer(timer_parent)  # dies with the scene, never outlives this item
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.settle)
        # Bounds follow changes once per burst: a layout changes every claim, and growing the
        # bounds over all labels per change was quadratic (4 s for 500 claims).
        self._regrow = QTimer(timer_parent)
        self._regrow.setSingleShot(True)
        self._regrow.setInterval(0)
        self._regrow.timeout.connect(self._grow_bounds)

    # -- state --------------------------------------------------------------------------------

    def set_zoom(self, zoom: float) -> None:
        """The view's zoom changed: show or hide, and place the labels anew once zooming
        pauses (until then the last placement is drawn at the new scale)."""
        self.zoom = zoom
        show = zoom < TEXT_ZOOM
        if show != self.isVisible():
            self.setVisible(show)
        if not show:
            self._settle.stop()
        elif self._placed_zoom is None:
            self.place()
        elif zoom != self._placed_zoom:
            if not self.zooming:
                self.zooming = True
                self.update()
            self._settle.start()

    def settle(self) -> None:
        """Zooming has paused (or a picture is about to be taken): place for this zoom."""
        self._settle.stop()
        self.zooming = False
        if self.isVisible() and self._placed_zoom != self.zoom:
            self.place()
        else:
            self.update()

    def invalidate(self) -> None:
        """Claims or relations changed: labels, their order and their places are recomputed
        once the changes pause (a drag moves the placed labels with their cards meanwhile)."""
        self._order = None
        self._texts.clear()
        self._statics.clear()
        self._placed_zoom = None
        if self.isVisible():
            self._regrow.start()
            self._settle.start()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def placed_ids(self) -> list[str]:
        """The claims whose labels are drawn now (most important first)."""
        return [cid for cid, _ in self._placed]

    def screen_boxes(self, view) -> list[QRectF]:
        """The placed labels' boxes in a view's viewport pixels (for tests and pictures)."""
        out = []
        for cid, shift in self._placed:
            card = self._drawable(cid)
            if card is not None:
                _, w, h, _ = self._text(cid)
                box = self._scene_box(card[0], w, h, shift)
                out.append(view.mapFromScene(box).boundingRect().toRectF())
        return out

    # -- placement ----------------------------------------------------------------------------

    def _drawable(self, cid: str) -> tuple[QPointF, ClaimKind] | None:
        """The centre and kind of a placed label's card, or None when the claim has gone
        meanwhile (a label is placed for a claim that a later edit removed until the next
        placement). A card not made yet (a lazy canvas) is where the model puts it."""
        claim = self.index.model.claims.get(cid)
        rect = self.index.card_rect(cid) if claim is not None else None
        return None if rect is None else (rect.center(), claim.kind)

    def _text(self, cid: str) -> tuple[str, float, float, bool]:
        found = self._texts.get(cid)
        if found is None:
            claim = self.index.model.claims[cid]
            thesis = claim.kind is ClaimKind.THESIS
            text = short_label(claim)
            metrics = _label_metrics(thesis)
            width = metrics.horizontalAdvance(text) + 2 * PAD_X + MARK + PAD_X
            found = (text, width, max(metrics.height(), MARK) + 2 * PAD_Y, thesis)
            self._texts[cid] = found
        return found

    def _static(self, cid: str, font: QFont) -> QStaticText:
        """The label laid out for drawing (only drawn labels get one)."""
        static = self._statics.get(cid)
        if static is None:
            static = QStaticText(self._text(cid)[0])
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), font)
            self._statics[cid] = static
        return static

    def place(self) -> None:
        """Choose the labels for the current zoom over the whole map."""
        model = self.index.model
        if self._order is None:
            self._order = label_order(model)
        zoom = self.zoom
        candidates = []
        index = self.index
        items = index.claim_items
        lazy = index.lazy
        for cid in self._order:
            item = items.get(cid)
            if item is not None:
                if not item.isVisible() or item.opacity() < 1.0:
                    continue  # hidden, or dimmed outside a focus: no label
                centre = item.scene_rect().center()
            elif lazy and index.card_shown(cid) and not index.dimmed(cid):
                claim = model.claims[cid]  # no card made yet: the model's place
                centre = QPointF(claim.x, claim.y)
            else:
                continue
            _, w, h, _ = self._text(cid)
            candidates.append((cid, centre.x(), centre.y(), w / zoom, h / zoom))
        centres = {cid: y for cid, _, y, _, _ in candidates}
        placed = place_labels(candidates, GAP / zoom, SHIFTS)
        # Shifts in screen pixels, so that the label keeps its place by its card at any zoom.
        self._placed = [(cid, (y - centres[cid]) * zoom) for cid, _, y in placed]
        self._placed_zoom = zoom
        self._grow_bounds()
        self.update()

    def _scene_box(self, centre: QPointF, w: float, h: float, shift: float) -> QRectF:
        """Where a label of w x h screen pixels by a card (`shift` pixels below its centre)
        lies in the scene."""
        zoom = self.zoom
        x, y = centre.x() - w / 2 / zoom, centre.y() + (shift - h / 2) / zoom
        return QRectF(x, y, w / zoom, h / zoom)

    def _grow_bounds(self) -> None:
        """Bounds of the placed labels at the current zoom (labels keep their screen size)."""
        rect = QRectF()
        for cid, shift in self._placed:
            card = self._drawable(cid)
            if card is None:
                continue
            _, w, h, _ = self._text(cid)
            rect = rect.united(self._scene_box(card[0], w, h, shift))
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = rect.adjusted(-2, -2, 2, 2)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    # -- drawing ------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if self.zooming or not self._placed:
            return
        if widget is not None and widget.property(NO_LABELS_PROPERTY):
            return
        world = painter.worldTransform()
        if self._placed_zoom is None or not math.isclose(
            world.m11(), self._placed_zoom, rel_tol=1e-6
        ):
            # Another view of the scene (the minimap, a picture at its own scale): the labels
            # were placed in this view's pixels, so they would land in the wrong places.
            return
        theme = self.theme
        exposed = option.exposedRect
        painter.save()
        painter.resetTransform()  # draw in device pixels: the labels keep their size
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        fill = theme.label_fill
        border = QPen(theme.muted_text, 1)
        accent = theme.card_accent
        fonts = {False: label_font(False), True: label_font(True)}
        mark_font = QFont(fonts[False])
        mark_font.setBold(True)
        mark_font.setPointSizeF(max(6.0, mark_font.pointSizeF() * 0.8))
        for cid, shift in self._placed:
            card = self._drawable(cid)
            if card is None:
                continue
            _, w, h, thesis = self._text(cid)
            c, kind = card
            if not exposed.intersects(self._scene_box(c, w, h, shift)):
                continue
            p = world.map(c)
            box = QRectF(p.x() - w / 2, p.y() + shift - h / 2, w, h)
            painter.setBrush(fill)
            painter.setPen(QPen(accent[kind], 2) if thesis else border)
            painter.drawRoundedRect(box, 4, 4)
            mark = QRectF(box.left() + PAD_X, box.center().y() - MARK / 2, MARK, MARK)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent[kind])
            painter.drawRoundedRect(mark, 3, 3)
            painter.setFont(mark_font)
            painter.setPen(theme.label_fill)
            painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, KIND_LETTERS.get(kind, "?"))
            painter.setPen(theme.text)
            painter.setFont(fonts[thesis])  # the font the static text was laid out in
            static = self._static(cid, fonts[thesis])
            top = box.top() + (h - static.size().height()) / 2
            painter.drawStaticText(QPointF(box.left() + 2 * PAD_X + MARK, top), static)
        painter.restore()
