"""Collapse and expand the subtree below a claim.

*Edit ▸ Collapse/Expand Subtree* (Ctrl+.) or the card's context menu folds every premise below
the selected claims (and theirs, all the way down) into them: the cards and their arrows are
hidden and the card shows "▸ N below". The state is the claim's `collapsed` field: saved in
the file, one undo step per toggle, and part of saved views.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from argmap.analysis.folding import subtree
from argmap.model.edits import Composite, UpdateClaim
from argmap.model.types import with_changes
from argmap.ui.context import FeatureContext


class Folding:
    """The action and context-menu entry that fold subtrees."""

    def __init__(self, context: FeatureContext) -> None:
        self.context = context
        context.add_action(
            "edit.fold",
            "Collapse/Expand &Subtree",
            self.toggle_selected,
            "Ctrl+.",
            "Fold the premises below the selected claim into it, or unfold them",
            menu="edit",
        )
        context.extend_context_menu(self._extend)

    def toggle(self, claim_ids: list[str]) -> bool:
        """Collapse the given claims' subtrees, or expand them when all are collapsed (one
        undo step); claims with nothing below are left alone. False when nothing changed."""
        model = self.context.model
        ids = [cid for cid in claim_ids if cid in model.claims]
        foldable = [cid for cid in ids if model.claims[cid].collapsed or subtree(model, cid)]
        if not foldable:
            self.context.status("Nothing below the selected claim to collapse")
            return False
        expand = all(model.claims[cid].collapsed for cid in foldable)
        edits = tuple(
            UpdateClaim(with_changes(model.claims[cid], collapsed=not expand))
            for cid in foldable
            if model.claims[cid].collapsed == expand
        )
        text = "Expand subtree" if expand else "Collapse subtree"
        self.context.document.push(edits[0] if len(edits) == 1 else Composite(edits, text), text)
        return True

    def toggle_selected(self) -> None:
        self.toggle(self.context.scene.selected_claim_ids())

    def _extend(self, menu: QMenu, item_id: str | None) -> None:
        if item_id is not None and item_id in self.context.model.claims:
            menu.addAction(self.context.actions["edit.fold"])

    def close(self) -> None:
        pass


def install(context: FeatureContext) -> Folding:
    return Folding(context)
