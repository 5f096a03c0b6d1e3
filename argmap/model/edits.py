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

from argmap.model.map import ArgumentMap
from argmap.model.types import Claim, Group, MapInfo, Relation, View, with_changes


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
        undo = [RemoveRelation(r.id).apply(m) for r in m.undercuts_of(self.relation_id)]
        relation = m.remove_relation(self.relation_id)
        return Composite((AddRelation(relation), *reversed(undo)))


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


__all__ = [
    "AddClaim",
    "AddGroup",
    "AddRelation",
    "AddView",
    "Composite",
    "Edit",
    "MoveClaims",
    "RemoveClaim",
    "RemoveGroup",
    "RemoveRelation",
    "RemoveView",
    "SetInfo",
    "UpdateClaim",
    "UpdateGroup",
    "UpdateRelation",
    "UpdateView",
    "without_claim",
]
