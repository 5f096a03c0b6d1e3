"""The review feature: the Review dock, Edit → Author Name… and the canvas's review entries.

Right-clicking a claim or an arrow offers "Add Comment…" and "Set Status ▸"; the Review
panel lists open threads and statuses and edits the selection's threads. Every change is
one undo step (`argmap/ui/review_actions.py`).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QInputDialog, QMenu

from argmap.ui import review_actions
from argmap.ui.context import FeatureContext
from argmap.ui.docks.review import ReviewPanel
from argmap.ui.review_actions import STATUS_LABELS


class ReviewFeature:
    """The Review dock and the review entries of the menus, for one window."""

    def __init__(self, context: FeatureContext) -> None:
        self.context = context
        self.panel = ReviewPanel(context)
        context.add_dock("review", "Review", self.panel, tab_with="inspector")
        if "inspector" in context.docks:
            context.docks["inspector"].raise_()
        self.author_dialog: QInputDialog | None = None
        context.menus["edit"].addSeparator()
        self.author_action = context.add_action(
            "edit.author",
            "Author &Name…",
            self.ask_author_name,
            tip="The name put on your comments",
            menu="edit",
        )
        context.extend_context_menu(self.extend_menu)
        context.document_changed.connect(self._document_changed)
        self._document_changed()

    def ask_author_name(self) -> QInputDialog:
        self.author_dialog = review_actions.ask_author_name(self.context)
        return self.author_dialog

    def _document_changed(self) -> None:
        self.panel.set_scene(self.context.scene)

    def extend_menu(self, menu: QMenu, item_id: str | None) -> None:
        """Claims and relations get "Add Comment…" and "Set Status ▸"."""
        ctx = self.context
        m = ctx.model
        if item_id is None or (item_id not in m.claims and item_id not in m.relations):
            return
        menu.addSeparator()
        comment = menu.addAction("Add Comment…")
        comment.setObjectName("add-comment-action")
        comment.triggered.connect(lambda checked=False: self.panel.start_comment(item_id))
        status_menu = menu.addMenu("Set Status")
        status_menu.setObjectName("set-status-menu")
        group = QActionGroup(status_menu)
        chosen = set(ctx.selected_ids())
        targets = sorted(chosen) if item_id in chosen else [item_id]
        now = review_actions.current_status(ctx, item_id)
        for status, label in STATUS_LABELS.items():
            act = QAction(label, status_menu)
            act.setCheckable(True)
            act.setChecked(status is now)
            group.addAction(act)
            act.triggered.connect(
                lambda checked=False, s=status: review_actions.set_status(ctx, targets, s)
            )
            status_menu.addAction(act)

    def close(self) -> None:
        self.panel.set_scene(None)


def install(context: FeatureContext) -> ReviewFeature:
    """Give a window its Review dock and review actions."""
    return ReviewFeature(context)
