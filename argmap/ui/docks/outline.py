"""Outline: the claims as a tree from the theses down, with a search box.

Each claim appears once, under the first conclusion it serves (a spanning forest, so a map of
thousands of claims with cross links stays a tree of the same size). Claims in cycles with no
conclusion above them become roots too. The search matches text, tags (`#tag`), holder and
kind; matching claims stay visible with their ancestors.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from argmap.model.map import ArgumentMap
from argmap.model.types import Claim, ClaimKind, RelationKind
from argmap.ui.docks.fill_when_shown import FillWhenShown
from argmap.ui.plain import tooltip

ID_ROLE = Qt.ItemDataRole.UserRole
MAX_DEPTH = 40
"""Deepest level the outline nests; deeper claims are listed at this level."""
KIND_ORDER = {
    ClaimKind.THESIS: 0,
    ClaimKind.CLAIM: 1,
    ClaimKind.EVIDENCE: 2,
    ClaimKind.ASSUMPTION: 3,
    ClaimKind.ARGUMENT: 4,
}


def outline_forest(m: ArgumentMap) -> list[tuple[str, list]]:
    """(claim id, children) trees: roots are conclusions, theses first; each claim once."""
    claims = m.claims  # one read-only view (the property makes a new one per call)
    conclusions_of: dict[str, list[str]] = {cid: [] for cid in claims}
    for r in m.relations.values():
        if r.target in claims:
            conclusions_of[r.source].append(r.target)

    def order(cid: str) -> tuple:
        c = claims[cid]
        return (KIND_ORDER[c.kind], c.y, c.x, cid)

    roots = sorted((c for c, outs in conclusions_of.items() if not outs), key=order)
    seen: set[str] = set()
    forest: list[tuple[str, list]] = []

    def grow(root: str) -> tuple[str, list]:
        node = (root, [])
        seen.add(root)
        stack = [node]
        while stack:
            cid, children = stack.pop()
            premises = sorted(m.premises(cid), key=order)  # (each once, all claims)
            for p in premises:
                if p not in seen:
                    seen.add(p)
                    child = (p, [])
                    children.append(child)
                    stack.append(child)
        return node

    for root in roots:
        forest.append(grow(root))
    # Claims only reachable through cycles (sorted among themselves: the same order as
    # sorting them all, without sorting every claim of a big map).
    for cid in sorted((c for c in claims if c not in seen), key=order):
        if cid not in seen:
            forest.append(grow(cid))
    return forest


def matches(claim: Claim, query: str) -> bool:
    """Whether a claim matches every word of the query (text, #tag, holder, kind)."""
    hay = " ".join(
        [claim.text, claim.holder, claim.kind.value, claim.notes, claim.id]
        + ["#" + t for t in claim.tags]
    ).casefold()
    return all(word in hay for word in query.casefold().split())


class Outline(FillWhenShown, QWidget):
    """Tree of claims; choosing one selects and centres it on the canvas."""

    claim_chosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.scene = None
        self.search = QLineEdit()
        self.search.setObjectName("outline-search")
        self.search.setPlaceholderText("Search text, #tag, holder or kind")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self.choose_next_match)
        self.tree = QTreeWidget()
        self.tree.setObjectName("outline-tree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(120)
        self._rebuild_timer.timeout.connect(self.rebuild)

    def _connections(self, m) -> list:
        """(signal, slot) pairs the outline follows: structure changes rebuild, edits relabel."""
        structural = (
            m.claim_added,
            m.claim_removed,
            m.relation_added,
            m.relation_removed,
            m.relation_changed,
        )
        return [(sig, self._schedule) for sig in structural] + [
            (m.claim_changed, self._claim_changed)
        ]

    def set_scene(self, scene) -> None:
        if self.scene is not None:
            for signal, slot in self._connections(self.scene.model):
                try:
                    signal.disconnect(slot)
                except ValueError:
                    pass
        self.scene = scene
        for signal, slot in self._connections(scene.model):
            signal.connect(slot)
        self.rebuild()

    def _schedule(self, *args) -> None:
        self._rebuild_timer.start()

    def _claim_changed(self, old: Claim, new: Claim) -> None:
        item = self._items.get(new.id)
        if item is not None and (old.text, old.kind) != (new.text, new.kind):
            item.setText(0, self._label(new))
            self.apply_filter()

    @staticmethod
    def _label(c: Claim) -> str:
        text = c.text.replace("\n", " ") or "(empty)"
        return f"[{c.kind.value[0].upper()}] {text}"

    def rebuild(self) -> None:
        """Rebuild the tree (debounced after structural changes)."""
        m = self.scene.model
        if self.defer_fill(len(m.claims)):
            return
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self._items = {}

        # A work list, not recursion (a chain of 5,000 claims overflowed Python's stack), and
        # no deeper than MAX_DEPTH levels: Qt's tree walks its levels recursively and indents
        # each, so deeper claims continue at the last level, marked with their real level.
        pending: list[tuple[tuple[str, list], QTreeWidgetItem | None, RelationKind | None, int]]
        pending = [(root, None, None, 0) for root in reversed(outline_forest(m))]
        # The trees join the widget at the end, in one call: an item added to a shown tree
        # tells its model, an item added to a detached one does not.
        roots: list[QTreeWidgetItem] = []
        while pending:
            (cid, children), parent, via_kind, depth = pending.pop()
            claim = m.claims[cid]
            text = self._label(claim)
            if via_kind is RelationKind.ATTACK:
                text = "− " + text
            elif via_kind is RelationKind.SUPPORT:
                text = "+ " + text
            if depth >= MAX_DEPTH:
                text = f"(level {depth + 1}) {text}"
            item = QTreeWidgetItem([text])
            item.setData(0, ID_ROLE, cid)
            item.setToolTip(0, tooltip(claim.text))
            if parent is None:
                roots.append(item)
            else:
                parent.addChild(item)  # (cheap: not in the tree yet)
            self._items[cid] = item
            if children:
                kinds: dict[str, RelationKind] = {}
                for r in m.relations_into(cid):
                    kinds.setdefault(r.source, r.kind)
                holder = item if depth + 1 < MAX_DEPTH else parent
                for child in reversed(children):
                    pending.append((child, holder, kinds.get(child[0]), depth + 1))

        self.tree.addTopLevelItems(roots)
        self.tree.expandAll() if len(m.claims) <= 500 else self.tree.expandToDepth(1)
        self.apply_filter()
        self.tree.setUpdatesEnabled(True)

    def apply_filter(self) -> None:
        if self._stale:
            return  # filtered when filled
        query = self.search.text().strip()
        m = self.scene.model if self.scene else None
        if m is None:
            return
        for item in self._items.values():
            item.setHidden(False)
        if not query:
            return
        hits = {cid for cid in self._items if matches(m.claims[cid], query)}
        visible: set[str] = set()
        for cid in hits:
            item = self._items[cid]
            while item is not None:  # up to the first ancestor already shown: linear
                above = item.data(0, ID_ROLE)
                if above in visible:
                    break
                visible.add(above)
                item = item.parent()
        for cid, item in self._items.items():
            item.setHidden(cid not in visible)
            if cid in hits and item.parent() is not None:
                item.parent().setExpanded(True)

    def filled(self) -> None:
        if self.scene is not None:
            chosen = self.scene.selected_claim_ids()
            if chosen:
                self.show_claim(chosen[0])

    def matches_in_order(self) -> list[str]:
        """The claims matching the search, in the order the tree shows them (pre-order)."""
        self.ensure_filled()
        query = self.search.text().strip()
        m = self.scene.model
        found = []
        top = self.tree.topLevelItemCount()
        stack = [self.tree.topLevelItem(i) for i in reversed(range(top))]
        while stack:
            item = stack.pop()
            cid = item.data(0, ID_ROLE)
            if not item.isHidden() and (not query or matches(m.claims[cid], query)):
                found.append(cid)
            stack.extend(item.child(i) for i in reversed(range(item.childCount())))
        return found

    def first_match(self) -> str | None:
        found = self.matches_in_order()
        return found[0] if found else None

    def choose_next_match(self) -> None:
        """Enter in the search box: the match after the current one (wrapping round)."""
        found = self.matches_in_order()
        if not found:
            return
        current = self.tree.currentItem()
        cid = current.data(0, ID_ROLE) if current is not None else None
        at = found.index(cid) + 1 if cid in found else 0
        chosen = found[at % len(found)]
        self.tree.setCurrentItem(self._items[chosen])
        self.claim_chosen.emit(chosen)

    def choose_first_match(self) -> None:
        cid = self.first_match()
        if cid is not None:
            self.tree.setCurrentItem(self._items[cid])
            self.claim_chosen.emit(cid)

    def _activated(self, item: QTreeWidgetItem, column: int = 0) -> None:
        self.claim_chosen.emit(item.data(0, ID_ROLE))

    def show_claim(self, cid: str) -> None:
        """Follow the canvas selection without emitting back."""
        item = self._items.get(cid)
        if item is not None:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)
