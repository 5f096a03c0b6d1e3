"""Invertible edit operations: every change to a map goes through one of these.

`edit.apply(map)` changes the map and returns the edit that undoes it, so the app's undo stack,
the merge tool and scripts share one vocabulary of change:

>>> from argmap.model.map import ArgumentMap
>>> from argmap.model.types import Claim
>>> m = ArgumentMap()
>>> undo = AddClaim(Claim("a", "text")).apply(m)
>>> _ = undo.apply(m)
>>> len(m)
0

Cascades are explicit: removing a claim first removes its relations (and their undercuts) and
its group memberships, and the returned inverse puts all of them back, in order.
A `Composite` is atomic: if one step fails, the steps already applied are undone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from argmap.model.errors import ModelError
from argmap.model.map import ArgumentMap
from argmap.model.types import (
    Anchor,
    Claim,
    Group,
    MapInfo,
    Relation,
    SourceDocument,
    View,
    with_changes,
)


class Edit(Protocol):
    """One change to a map."""

    def apply(self, m: ArgumentMap) -> Edit:
        """Change the map; return the edit that restores it exactly."""
        ...


@dataclass(frozen=True)
class Composite:
    """Several edits applied as one (one undo step)."""

    edits: tuple[Edit, ...]
    text: str = ""

    def apply(self, m: ArgumentMap) -> Composite:
        inverses: list[Edit] = []
        try:
            for edit in self.edits:
                inverses.append(edit.apply(m))
        except Exception:
            for inverse in reversed(inverses):
                inverse.apply(m)
            raise
        return Composite(tuple(reversed(inverses)), self.text)


@dataclass(frozen=True)
class AddClaim:
    claim: Claim

    def apply(self, m: ArgumentMap) -> Edit:
        m.add_claim(self.claim)
        return RemoveClaim(self.claim.id)


@dataclass(frozen=True)
class RemoveClaim:
    """Remove a claim with every relation touching it, its group memberships, and its mentions
    in saved views (a view focused on it loses its focus; collapsed sets drop it)."""

    claim_id: str

    def apply(self, m: ArgumentMap) -> Edit:
        undo: list[Edit] = []
        try:
            for relation_id in [r.id for r in m.relations_of(self.claim_id)]:
                # An earlier step may have removed it already, as an undercut of another.
                if relation_id in m.relations:
                    undo.append(RemoveRelation(relation_id).apply(m))
            for g in m.groups_of(self.claim_id):
                remaining = [c for c in g.claims if c != self.claim_id]
                undo.append(UpdateGroup(with_changes(g, claims=remaining)).apply(m))
            for v in m.views_naming(self.claim_id):
                undo.append(UpdateView(without_claim(v, self.claim_id)).apply(m))
            claim = m.remove_claim(self.claim_id)
        except Exception:
            for inverse in reversed(undo):
                inverse.apply(m)
            raise
        return Composite((AddClaim(claim), *reversed(undo)))


@dataclass(frozen=True)
class UpdateClaim:
    """Replace a claim's value (any fields, position included)."""

    claim: Claim

    def apply(self, m: ArgumentMap) -> Edit:
        return UpdateClaim(m.replace_claim(self.claim))


@dataclass(frozen=True)
class MoveClaims:
    """Set the positions of several claims (one drag of a selection)."""

    positions: tuple[tuple[str, float, float], ...]

    @classmethod
    def of(cls, positions: dict[str, tuple[float, float]]) -> MoveClaims:
        return cls(tuple((cid, float(x), float(y)) for cid, (x, y) in positions.items()))

    def apply(self, m: ArgumentMap) -> Edit:
        old = []
        for cid, x, y in self.positions:
            c = m.claim(cid)
            old.append((cid, c.x, c.y))
            m.replace_claim(with_changes(c, x=x, y=y))
        return MoveClaims(tuple(old))


@dataclass(frozen=True)
class AddRelation:
    relation: Relation

    def apply(self, m: ArgumentMap) -> Edit:
        m.add_relation(self.relation)
        return RemoveRelation(self.relation.id)


@dataclass(frozen=True)
class RemoveRelation:
    """Remove a relation and the undercuts that attack it."""

    relation_id: str

    def apply(self, m: ArgumentMap) -> Edit:
        # Undercuts of undercuts first, depth first in id order, with an explicit stack: a
        # chain of 100,000 undercuts must not recurse. The inverse is flat for the same reason
        # (a nested Composite per level would recurse when undone).
        removed: list[Relation] = []
        stack: list[tuple[str, bool]] = [(self.relation_id, False)]
        try:
            while stack:
                rid, expanded = stack.pop()
                if expanded:
                    removed.append(m.remove_relation(rid))
                else:
                    stack.append((rid, True))
                    stack.extend((u.id, False) for u in reversed(m.undercuts_of(rid)))
        except Exception:
            for r in reversed(removed):
                m.add_relation(r)
            raise
        return Composite(tuple(AddRelation(r) for r in reversed(removed)))


@dataclass(frozen=True)
class UpdateRelation:
    relation: Relation

    def apply(self, m: ArgumentMap) -> Edit:
        return UpdateRelation(m.replace_relation(self.relation))


@dataclass(frozen=True)
class AddGroup:
    group: Group

    def apply(self, m: ArgumentMap) -> Edit:
        m.add_group(self.group)
        return RemoveGroup(self.group.id)


@dataclass(frozen=True)
class RemoveGroup:
    group_id: str

    def apply(self, m: ArgumentMap) -> Edit:
        return AddGroup(m.remove_group(self.group_id))


@dataclass(frozen=True)
class UpdateGroup:
    group: Group

    def apply(self, m: ArgumentMap) -> Edit:
        return UpdateGroup(m.replace_group(self.group))


@dataclass(frozen=True)
class AddView:
    view: View

    def apply(self, m: ArgumentMap) -> Edit:
        m.add_view(self.view)
        return RemoveView(self.view.id)


@dataclass(frozen=True)
class RemoveView:
    view_id: str

    def apply(self, m: ArgumentMap) -> Edit:
        return AddView(m.remove_view(self.view_id))


@dataclass(frozen=True)
class UpdateView:
    """Replace a saved view's value (rename, re-capture, ...)."""

    view: View

    def apply(self, m: ArgumentMap) -> Edit:
        return UpdateView(m.replace_view(self.view))


def without_claim(view: View, claim_id: str) -> View:
    """A view that no longer names a claim (focus dropped, collapsed set without it)."""
    return with_changes(
        view,
        focus=None if view.focus == claim_id else view.focus,
        collapsed=tuple(c for c in view.collapsed if c != claim_id),
    )


@dataclass(frozen=True)
class SetInfo:
    info: MapInfo

    def apply(self, m: ArgumentMap) -> Edit:
        old = m.info
        m.set_info(self.info)
        return SetInfo(old)


# -- source documents and anchors --------------------------------------------------------------


def _source_ids(m: ArgumentMap) -> list[str]:
    return [s.id for s in m.info.sources]


@dataclass(frozen=True)
class AddSource:
    """Attach a source document to the map (its id must be new)."""

    source: SourceDocument

    def apply(self, m: ArgumentMap) -> Edit:
        if self.source.id in _source_ids(m):
            raise ModelError(f"duplicate source id {self.source.id!r}")
        m.set_info(with_changes(m.info, sources=(*m.info.sources, self.source)))
        return RemoveSource(self.source.id)


@dataclass(frozen=True)
class UpdateSource:
    """Replace a source document's value (metadata, or its text after re-anchoring)."""

    source: SourceDocument

    def apply(self, m: ArgumentMap) -> Edit:
        ids = _source_ids(m)
        if self.source.id not in ids:
            raise ModelError(f"no source document {self.source.id!r}")
        i = ids.index(self.source.id)
        old = m.info.sources[i]
        sources = (*m.info.sources[:i], self.source, *m.info.sources[i + 1 :])
        m.set_info(with_changes(m.info, sources=sources))
        return UpdateSource(old)


@dataclass(frozen=True)
class RemoveSource:
    """Detach a source document with every anchor into it (undone exactly, anchors back)."""

    source_id: str

    def apply(self, m: ArgumentMap) -> Edit:
        ids = _source_ids(m)
        if self.source_id not in ids:
            raise ModelError(f"no source document {self.source_id!r}")
        undo: list[Edit] = []
        for item in [*m.claims.values(), *m.relations.values()]:
            if any(a.source == self.source_id for a in item.anchors):
                kept = tuple(a for a in item.anchors if a.source != self.source_id)
                undo.append(_update_item(with_changes(item, anchors=kept)).apply(m))
        i = ids.index(self.source_id)
        old_info = m.info
        m.set_info(with_changes(m.info, sources=m.info.sources[:i] + m.info.sources[i + 1 :]))
        return Composite((SetInfo(old_info), *reversed(undo)))


def _update_item(item: Claim | Relation) -> Edit:
    return UpdateClaim(item) if isinstance(item, Claim) else UpdateRelation(item)


def _item(m: ArgumentMap, item_id: str) -> Claim | Relation:
    if item_id in m.claims:
        return m.claims[item_id]
    if item_id in m.relations:
        return m.relations[item_id]
    raise ModelError(f"no claim or relation {item_id!r}")


@dataclass(frozen=True)
class AddAnchor:
    """Anchor a claim or relation to one more passage of a source of the map."""

    item_id: str
    anchor: Anchor

    def apply(self, m: ArgumentMap) -> Edit:
        if self.anchor.source not in _source_ids(m):
            raise ModelError(f"no source document {self.anchor.source!r}")
        item = _item(m, self.item_id)
        _update_item(with_changes(item, anchors=(*item.anchors, self.anchor))).apply(m)
        return RemoveAnchor(self.item_id, self.anchor)


@dataclass(frozen=True)
class RemoveAnchor:
    item_id: str
    anchor: Anchor

    def apply(self, m: ArgumentMap) -> Edit:
        item = _item(m, self.item_id)
        if self.anchor not in item.anchors:
            raise ModelError(f"{self.item_id!r} has no such anchor")
        i = item.anchors.index(self.anchor)
        kept = item.anchors[:i] + item.anchors[i + 1 :]
        _update_item(with_changes(item, anchors=kept)).apply(m)
        return _InsertAnchor(self.item_id, self.anchor, i)


@dataclass(frozen=True)
class _InsertAnchor:
    """Put an anchor back at its old place in the list (the inverse of RemoveAnchor)."""

    item_id: str
    anchor: Anchor
    index: int

    def apply(self, m: ArgumentMap) -> Edit:
        item = _item(m, self.item_id)
        anchors = (*item.anchors[: self.index], self.anchor, *item.anchors[self.index :])
        _update_item(with_changes(item, anchors=anchors)).apply(m)
        return RemoveAnchor(self.item_id, self.anchor)


__all__ = [
    "AddAnchor",
    "AddClaim",
    "AddSource",
    "AddGroup",
    "AddRelation",
    "AddView",
    "Composite",
    "Edit",
    "MoveClaims",
    "RemoveAnchor",
    "RemoveClaim",
    "RemoveGroup",
    "RemoveRelation",
    "RemoveView",
    "RemoveSource",
    "SetInfo",
    "UpdateClaim",
    "UpdateGroup",
    "UpdateRelation",
    "UpdateView",
    "without_claim",
    "UpdateSource",
]
