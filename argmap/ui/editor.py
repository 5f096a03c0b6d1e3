"""MapEditor: every edit a user makes from the window's actions, in one place.

Following orange-canvas-core's `SchemeEditWidget`: the window's menus and shortcuts call the
editor (new claim, premises, cut/copy/paste, groups, layout ...); the editor builds model
edits and pushes them through one path, `push`, where an invalid edit is reported to the
user (a dialog, through the scene's `problem` signal) and never reaches the undo stack.
Gestures on the canvas (`editing.py`) end in the same scene methods.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QInputDialog

from argmap.model.edits import AddGroup, Composite, Edit, MoveClaims, RemoveGroup, UpdateGroup
from argmap.model.progress import Cancelled
from argmap.model.types import Group, RelationKind, with_changes
from argmap.ui import clipboard
from argmap.ui.context import FeatureContext
from argmap.ui.long_work import run_long


class MapEditor:
    """The edits behind the window's actions, on the context's current document."""

    def __init__(self, context: FeatureContext) -> None:
        self.context = context

    def push(self, edit: Edit, text: str) -> bool:
        """One undo step; an invalid edit is shown to the user and changes nothing."""
        return self.context.scene.push(edit, text)

    def push_all(self, edits: list[Edit], text: str) -> bool:
        """Several edits as one undo step (nothing when the list is empty)."""
        if not edits:
            return False
        return self.push(edits[0] if len(edits) == 1 else Composite(tuple(edits), text), text)

    def _view_centre(self) -> QPointF:
        return self.context.view.mapToScene(self.context.view.viewport().rect().center())

    def new_claim(self) -> None:
        cid = self.context.scene.new_claim(self._view_centre())
        self.context.scene.start_edit(cid, new=True)

    def add_child(self, kind: RelationKind) -> None:
        claims = self.context.scene.selected_claim_ids()
        if len(claims) == 1:
            cid = self.context.scene.add_child(claims[0], kind)
            if cid is not None:
                self.context.view.ensureVisible(self.context.scene.claim_item(cid), 60, 60)
                self.context.scene.start_edit(cid, new=True)

    def edit_text(self) -> None:
        claims = self.context.scene.selected_claim_ids()
        if len(claims) == 1:
            self.context.scene.start_edit(claims[0])

    def select_all(self) -> None:
        scene = self.context.scene
        scene.select_ids(list(scene.model.claims))  # a lazy canvas makes every card for it

    def copy(self) -> None:
        claims = self.context.scene.selected_claim_ids()
        if claims:
            QApplication.clipboard().setMimeData(
                clipboard.to_mime(self.context.document.model, claims)
            )

    def cut(self) -> None:
        if self.context.scene.selected_claim_ids():
            self.copy()
            self.context.scene.delete_selection()

    def paste(self, offset: tuple[float, float] = (40.0, 40.0)) -> None:
        frag = clipboard.from_mime(QApplication.clipboard().mimeData())
        if not frag:
            return
        try:
            edit, ids = clipboard.paste_edit(self.context.document.model, frag, offset)
        except (KeyError, TypeError, ValueError) as exc:
            self.context.show_error(f"clipboard: cannot paste: {exc}")
            return
        if self.push(edit, f"Paste {len(ids)} claim{'s' if len(ids) != 1 else ''}"):
            self.context.scene.select_ids(ids)

    def duplicate(self) -> None:
        claims = self.context.scene.selected_claim_ids()
        if not claims:
            return
        frag = clipboard.fragment(self.context.document.model, claims)
        edit, ids = clipboard.paste_edit(self.context.document.model, frag, (40.0, 40.0))
        if self.push(edit, "Duplicate"):
            self.context.scene.select_ids(ids)

    def group_selection(self) -> None:
        claims = self.context.scene.selected_claim_ids()
        if not claims:
            return
        gid = self.context.document.model.new_id("g")
        n = len(self.context.document.model.groups) + 1
        self.push(AddGroup(Group(gid, f"Group {n}", tuple(claims))), "Group claims")

    def _groups_in_selection(self) -> list[str]:
        chosen = set(self.context.scene.selected_group_ids())
        for cid in self.context.scene.selected_claim_ids():
            chosen.update(g.id for g in self.context.document.model.groups_of(cid))
        return sorted(chosen)

    def ungroup(self) -> None:
        groups = self._groups_in_selection()
        self.push_all([RemoveGroup(g) for g in groups], "Ungroup")

    def toggle_group(self) -> None:
        groups = self._groups_in_selection()
        if groups:
            m = self.context.document.model
            collapse = not m.groups[groups[0]].collapsed
            edits = [UpdateGroup(with_changes(m.groups[g], collapsed=collapse)) for g in groups]
            self.push_all(edits, "Collapse group" if collapse else "Expand group")

    def rename_group(self) -> None:
        groups = self._groups_in_selection()
        if not groups:
            return
        group = self.context.document.model.groups[groups[0]]
        label, ok = QInputDialog.getText(
            self.context.window, "Rename group", "Label:", text=group.label
        )
        if ok and label.strip() != group.label:
            self.push(UpdateGroup(with_changes(group, label=label.strip())), "Rename group")

    def auto_layout(self, direction: str = "TB") -> None:
        """Lay out the selection (or the whole map) in layers; one undo step."""
        from argmap.analysis.layout import layered_layout

        m = self.context.document.model
        chosen = self.context.scene.selected_claim_ids() or None
        # View ▸ Layout Keeps Groups Together (remembered in the settings)
        groups = str(self.context.settings.value("layout/keep_groups", "false")) == "true"
        sizes = {  # the cards made; the layout estimates the others (a big map's canvas)
            cid: (item.rect().width(), item.rect().height())
            for cid, item in self.context.scene.claim_items.items()
        }
        # The map itself goes to the worker: the progress dialog is window-modal, so nothing
        # edits it meanwhile, and the positions are applied here, as one undo step.
        try:
            positions = run_long(
                self.context.window,
                "Laying out the map…",
                lambda progress: layered_layout(
                    m, direction=direction, claim_ids=chosen, sizes=sizes, keep_groups=groups
                ),
            )
        except Cancelled:
            self.context.status("Layout cancelled: nothing moved")
            return
        moved = {c: p for c, p in positions.items() if (m.claims[c].x, m.claims[c].y) != tuple(p)}
        if moved:
            self.push(MoveClaims.of(moved), "Automatic layout")
            if chosen is None:
                self.context.view.fit_map()
