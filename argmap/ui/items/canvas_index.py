"""CanvasIndex: the items of one canvas by id, and what an item may ask of the canvas.

Items never import the scene (orange-canvas-core's rule for `canvas/items/`): an arrow needs
to know where its ends are drawn, a group frame needs its members, a card needs to say that
it moved. The scene owns one `CanvasIndex`, fills its dictionaries and sets its callbacks;
every item is handed the index. So items can be built and tested on a bare
`QGraphicsScene` with an index of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from argmap.model.map import ArgumentMap
from argmap.model.types import Relation

if TYPE_CHECKING:
    from argmap.ui.items.claim_item import ClaimItem
    from argmap.ui.items.group_item import GroupItem
    from argmap.ui.items.relation_item import RelationItem


def _nothing(*args: object) -> None:
    return None


class CanvasIndex:
    """Items by id, where arrows end, and the gestures items hand back to their canvas."""

    def __init__(self, model: Callable[[], ArgumentMap]) -> None:
        self._model = model
        self.claim_items: dict[str, ClaimItem] = {}
        self.relation_items: dict[str, RelationItem] = {}
        self.group_items: dict[str, GroupItem] = {}
        # claim id -> the collapsed group hiding it
        self.hidden_in: dict[str, GroupItem] = {}
        # claim id -> the collapsed claim whose subtree hides it (arrows to it are not drawn)
        self.folded_into: dict[str, str] = {}
        # Set by the scene: one batched item draws everything (cards then skip painting).
        self.overview_mode = False
        # Callbacks set by the scene (no-ops for items on a bare scene):
        self.card_moved: Callable[[], None] = _nothing  # a card's position changed
        self.card_selected: Callable[[], None] = _nothing  # a card's selection changed
        self.commit_moves: Callable[[str], None] = _nothing  # end of a drag: one undo step
        self.toggle_group: Callable[[str], None] = _nothing  # collapse/expand a group

    @property
    def model(self) -> ArgumentMap:
        return self._model()

    def anchor_rect(self, claim_id: str) -> QRectF | None:
        """Where arrows to a claim end: its card, or the card of the collapsed group hiding it
        (None in a collapsed subtree: its arrows are hidden with it)."""
        if claim_id in self.folded_into:
            return None
        group = self.hidden_in.get(claim_id)
        if group is not None:
            return group.collapsed_rect()
        item = self.claim_items.get(claim_id)
        return item.scene_rect() if item is not None else None

    def linked_sources(self, relation: Relation) -> list[QPointF]:
        """Centres of the premises linked with this relation (for the junction point)."""
        points = []
        for r in self.model.linked(relation):
            rect = self.anchor_rect(r.source)
            if rect is not None:
                points.append(rect.center())
        return points

    def target_relation(self, relation: Relation) -> RelationItem | None:
        """The arrow an undercut aims at (None when the relation ends at a claim)."""
        return self.relation_items.get(relation.target)
