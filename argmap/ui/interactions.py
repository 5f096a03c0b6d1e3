"""Mouse and keyboard gestures on the canvas, each a small state machine.

Following orange-canvas-core's interactions: each gesture has `start`, event hooks, `end` and
`cancel`, so the scene stays simple and a gesture cannot leave the canvas half-changed.
This module sits above the scene and the items (it imports both); the editing scene
(`editing.py`) starts gestures and forwards events to the current one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent, QPen, QTextCursor, QTextOption
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsTextItem, QMenu

from argmap.analysis.geometry import CARD_WIDTH
from argmap.model.types import RelationKind
from argmap.ui.items.claim_item import HEADER, PAD, ClaimItem, card_font
from argmap.ui.items.relation_item import RelationItem
from argmap.ui.scene import MapScene


class Interaction:
    """A gesture in progress: it owns what it draws and tells `on_end` once it is over."""

    def __init__(self, scene: MapScene, on_end: Callable[[Interaction], None]) -> None:
        self.scene = scene
        self._on_end = on_end
        self._ended = False

    def end(self) -> None:
        """The gesture is over (done or cancelled); the scene forgets it."""
        if not self._ended:
            self._ended = True
            self._on_end(self)

    def cancel(self) -> None:
        self.end()


class ConnectInteraction(Interaction):
    """Drag from a claim's handle onto another claim (or onto an arrow, for an undercut).

    On release over a claim a small menu asks Supports or Attacks; holding Shift makes an
    attack and Ctrl a support without asking. Releasing on an arrow makes an undercut.
    Escape or releasing on empty canvas cancels.
    """

    def __init__(
        self, scene: MapScene, source: ClaimItem, on_end: Callable[[Interaction], None]
    ) -> None:
        super().__init__(scene, on_end)
        self.source = source
        self.menu: QMenu | None = None
        self.line = QGraphicsLineItem()
        pen = QPen(scene.theme.selection, 2, Qt.PenStyle.DashLine)
        self.line.setPen(pen)
        self.line.setZValue(10)
        scene.addItem(self.line)
        start = source.mapToScene(source.handle_center())
        self.line.setLine(QLineF(start, start))

    def move(self, pos: QPointF) -> None:
        line = self.line.line()
        line.setP2(pos)
        self.line.setLine(line)

    def target_at(self, pos: QPointF) -> ClaimItem | RelationItem | None:
        # A big map zoomed out draws most cards and arrows from the model (lazy canvas):
        # make what lies under the drop first, so a drop on any card or arrow finds it.
        self.scene.cards_at(QRectF(pos.x() - 1, pos.y() - 1, 2, 2), arrows=True)
        for item in self.scene.items(pos):
            if isinstance(item, ClaimItem) and item is not self.source and item.isVisible():
                return item
            if isinstance(item, RelationItem) and item.relation.source != self.source.claim.id:
                return item
        return None

    def release(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        target = self.target_at(pos)
        self._remove_line()
        if target is None:
            self.end()
            return
        src = self.source.claim.id
        if isinstance(target, RelationItem):
            self.end()
            self.scene.connect_claims(src, target.relation.id, RelationKind.ATTACK)
            return
        tgt = target.claim.id
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            self.end()
            self.scene.connect_claims(src, tgt, RelationKind.ATTACK)
        elif modifiers & Qt.KeyboardModifier.ControlModifier:
            self.end()
            self.scene.connect_claims(src, tgt, RelationKind.SUPPORT)
        else:
            self.menu = QMenu()
            self.menu.setObjectName("connect-menu")
            sup = self.menu.addAction("&Supports")
            att = self.menu.addAction("&Attacks")
            sup.triggered.connect(lambda: self.scene.connect_claims(src, tgt, RelationKind.SUPPORT))
            att.triggered.connect(lambda: self.scene.connect_claims(src, tgt, RelationKind.ATTACK))
            self.menu.aboutToHide.connect(self.end)
            view = self.scene.views()[0] if self.scene.views() else None
            where = view.mapToGlobal(view.mapFromScene(pos)) if view else pos.toPoint()
            self.menu.popup(where)

    def cancel(self) -> None:
        self._remove_line()
        if self.menu is not None:
            self.menu.close()
        super().cancel()

    def _remove_line(self) -> None:
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)


class InlineEditor(QGraphicsTextItem):
    """Edit a claim's text in place: Enter commits, Shift+Enter breaks the line, Esc cancels.

    Plain text only: pasted rich text is reduced to its characters.
    """

    def __init__(
        self, scene: MapScene, item: ClaimItem, on_close: Callable[[InlineEditor], None]
    ) -> None:
        super().__init__()
        self.map_scene = scene
        self._on_close = on_close
        self.claim_id = item.claim.id
        self._done = False
        self.cancelled = False  # closed by Esc (or cancel()), not committed
        self.setFont(card_font())
        self.setPlainText(item.claim.text)
        self.setTextWidth(CARD_WIDTH - 2 * PAD)
        self.document().setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignLeft))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setDefaultTextColor(scene.theme.text)
        self.setZValue(20)
        rect = item.scene_rect()
        self.setPos(rect.left() + PAD - 4, rect.top() + PAD + HEADER - 4)
        scene.addItem(self)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def paint(self, painter, option, widget=None) -> None:
        painter.fillRect(
            self.boundingRect(),
            self.map_scene.theme.card_fill[next(iter(self.map_scene.theme.card_fill))],
        )
        painter.setPen(QPen(self.map_scene.theme.selection, 1.5))
        painter.drawRect(self.boundingRect())
        super().paint(painter, option, widget)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.commit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()

    def commit(self) -> None:
        if self._done:
            return
        self._done = True
        text = self.toPlainText().strip()
        self._close()
        self.map_scene.set_claim_text(self.claim_id, text)

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self.cancelled = True
        self._close()

    def _close(self) -> None:
        scene = self.map_scene
        self._on_close(self)
        if self.scene() is not None:
            scene.removeItem(self)
        item = scene.claim_item(self.claim_id)
        if item is not None:
            item.setSelected(True)
        for view in scene.views():
            if view.focusPolicy() != Qt.FocusPolicy.NoFocus:
                view.setFocus()
