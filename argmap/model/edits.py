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
from argmap.model.types import Claim, Group, MapInfo, Relation, with_changes


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
    """Remove a claim with every relation touching it and its group memberships."""

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
    "Composite",
    "Edit",
    "MoveClaims",
    "RemoveClaim",
    "RemoveGroup",
    "RemoveRelation",
    "SetInfo",
    "UpdateClaim",
    "UpdateGroup",
    "UpdateRelation",
]
