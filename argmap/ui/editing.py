"""EditingScene: the map scene the window edits, with gestures (connect, inline text edit).

It sits above `scene.py` and `interactions.py`: it starts a gesture on a mouse press over a
card's handle or a double click, forwards the mouse and key events to the gesture in
progress, and forgets the gesture when it ends. Pictures are drawn from a plain `MapScene`,
which knows nothing of gestures.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from argmap.model.types import Claim
from argmap.ui.interactions import ConnectInteraction, InlineEditor, Interaction
from argmap.ui.items.claim_item import ClaimItem
from argmap.ui.items.group_item import GroupItem
from argmap.ui.items.relation_item import RelationItem
from argmap.ui.scene import MapScene


class EditingScene(MapScene):
    """A MapScene that turns mouse and key gestures into edits."""

    def __init__(self, *args, **kwargs) -> None:
        self.interaction: ConnectInteraction | None = None
        self.editor: InlineEditor | None = None
        self._created: tuple[str, int] | None = None  # (new claim being edited, undo index)
        super().__init__(*args, **kwargs)

    # -- gestures ------------------------------------------------------------------------------

    def start_edit(self, claim_id: str, new: bool = False) -> None:
        """Edit a claim's text in place. `new`: the claim was just created for this edit (the
        last undo step), so Esc on it still empty takes it away again."""
        if self.editor is not None:
            self.editor.commit()
        item = self.claim_item(claim_id)
        if item is not None and item.isVisible():
            # The canvas takes the keyboard: after S with the Outline focused, the keys went to
            # the Outline (and a second "s" made a second claim).
            for view in self.views():
                if view.focusPolicy() != Qt.FocusPolicy.NoFocus:
                    view.setFocus(Qt.FocusReason.OtherFocusReason)
            stack = self.document.undo_stack
            self._created = (claim_id, stack.index()) if new else None
            self.editor = InlineEditor(self, item, self._editor_closed)

    def _editor_closed(self, editor: InlineEditor) -> None:
        if self.editor is editor:
            self.editor = None
        created, self._created = self._created, None
        stack = self.document.undo_stack
        claim = self.model.claims.get(editor.claim_id)
        if (
            editor.cancelled
            and created == (editor.claim_id, stack.index())
            and claim is not None
            and not claim.text
            and stack.index() > 0
        ):
            # Esc on a claim made for this edit: take the creation back, leaving no redo step
            # (Qt drops an obsolete command from the stack without undoing it: undo it first).
            command = stack.command(stack.index() - 1)
            command.undo()
            command.setObsolete(True)
            stack.undo()

    def _interaction_ended(self, interaction: Interaction) -> None:
        if self.interaction is interaction:
            self.interaction = None

    def _claim_removed(self, claim: Claim) -> None:
        if self.editor is not None and self.editor.claim_id == claim.id:
            self.editor.cancel()
        super()._claim_removed(claim)

    # -- events ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.interaction is None:
            for item in self.items(event.scenePos()):
                if isinstance(item, ClaimItem):
                    if item.on_handle(item.mapFromScene(event.scenePos())):
                        self.interaction = ConnectInteraction(self, item, self._interaction_ended)
                        event.accept()
                        return
                    break
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self.interaction is not None and self.interaction.menu is None:
            self.interaction.move(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self.interaction is not None and self.interaction.menu is None:
            self.interaction.release(event.scenePos(), event.modifiers())
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        under = [i for i in self.items(event.scenePos()) if i.isVisible()]
        claim = next((i for i in under if isinstance(i, ClaimItem)), None)
        if claim is not None:
            self.start_edit(claim.claim.id)
            event.accept()
            return
        group = next((i for i in under if isinstance(i, GroupItem)), None)
        if group is not None and group.header_rect().contains(event.scenePos()):
            super().mouseDoubleClickEvent(event)
            return
        if not any(isinstance(i, RelationItem) for i in under):
            cid = self.new_claim(event.scenePos())
            self.start_edit(cid, new=True)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.interaction is not None:
            self.interaction.cancel()
            event.accept()
            return
        super().keyPressEvent(event)
