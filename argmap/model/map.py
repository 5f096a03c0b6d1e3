"""ArgumentMap: claims joined by support and attack relations.

The claim graph (one node per claim, one edge per claim-to-claim relation keyed by the relation
id) is kept as two plain adjacency indexes, premise -> conclusion -> relation ids and back,
laid out as networkx's MultiDiGraph lays out its own (so relations come out in the same order).
A networkx `MultiDiGraph` of it is built only when someone asks for `graph`: building one per
relation cost a third of loading a big file. Undercuts (relations whose target is a relation)
are not graph edges, since their target is not a node; they are indexed separately and reached
with `undercuts_of`.

The low-level methods here enforce the invariants and emit signals; they do not cascade (a
claim with relations cannot be removed). Cascades live in `edits.py`, so that every cascade is
also recorded and undone exactly.
"""

from __future__ import annotations

import math
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from itertools import compress
from operator import attrgetter, not_
from types import MappingProxyType
from typing import TYPE_CHECKING

from argmap.model import grading, schemes
from argmap.model.anchors import anchor_problem
from argmap.model.errors import ModelError
from argmap.model.signal import Signal
from argmap.model.types import (
    ID_PATTERN,
    Anchor,
    Claim,
    ClaimKind,
    Group,
    MapInfo,
    Relation,
    RelationKind,
    View,
)

if TYPE_CHECKING:
    import networkx as nx

class ArgumentMap:
    """A map of claims and relations with invariants enforced on every change.

    Invariants: ids match `ID_PATTERN` and are unique across claims and relations; every
    relation starts at a claim and ends at a claim or (for an undercut, which must be an attack)
    at a relation; no two relations share source, target and kind; base scores lie in [0, 1];
    group members are claims of the map.

    >>> m = ArgumentMap()
    >>> m.add_claim(Claim("a", "Troops were freed"))
    >>> m.add_claim(Claim("b", "Pokrovsk was reinforced"))
    >>> m.add_relation(Relation("r1", "a", "b", RelationKind.SUPPORT))
    >>> [r.id for r in m.relations_into("b")]
    ['r1']
    """

    def __init__(self, info: MapInfo | None = None) -> None:
        self._info = info or MapInfo()
        self._claims: dict[str, Claim] = {}
        self._relations: dict[str, Relation] = {}
        self._groups: dict[str, Group] = {}
        self._views: dict[str, View] = {}
        self._undercuts: dict[str, set[str]] = {}  # relation id -> ids of relations attacking it
        # claim id -> ids of the undercuts it is the premise of (in insertion order), so that
        # a claim's relations are found without scanning every undercut of the map
        self._undercut_sources: dict[str, dict[str, None]] = {}
        # (source, target, kind's value): the kind's plain string, since hashing an enum member
        # runs Python code (Enum.__hash__) and a big file checks and adds 100,000s of keys
        self._keys: set[tuple[str, str, str]] = set()
        # claim -> neighbour claim -> relation ids (a dict used as an ordered set); one key
        # dict is shared by both directions of an edge, as networkx shares its edge keys.
        self._succ: dict[str, dict[str, dict[str, None]]] = {}
        self._pred: dict[str, dict[str, dict[str, None]]] = {}
        self._nx: nx.MultiDiGraph | None = None  # the networkx copy, built on demand
        # Signals (arguments in brackets); the canvas and docks follow the model through them.
        self.claim_added = Signal()  # (claim)
        self.claim_removed = Signal()  # (claim)
        self.claim_changed = Signal()  # (old, new)
        self.relation_added = Signal()  # (relation)
        self.relation_removed = Signal()  # (relation)
        self.relation_changed = Signal()  # (old, new)
        self.group_added = Signal()  # (group)
        self.group_removed = Signal()  # (group)
        self.group_changed = Signal()  # (old, new)
        self.info_changed = Signal()  # (old, new)
        # Saved views change what the file holds, not what the canvas shows, so they are
        # not among change_signals(): the canvas and the evaluation need not follow them.
        self.view_added = Signal()  # (view)
        self.view_removed = Signal()  # (view)
        self.view_changed = Signal()  # (old, new)

    def change_signals(self, *, info: bool = True) -> list[Signal]:
        """Every signal that announces a change (for listeners that react to any change)."""
        signals = [
            self.claim_added,
            self.claim_removed,
            self.claim_changed,
            self.relation_added,
            self.relation_removed,
            self.relation_changed,
            self.group_added,
            self.group_removed,
            self.group_changed,
        ]
        return signals + [self.info_changed] if info else signals

    # -- reading ---------------------------------------------------------------------------

    @property
    def info(self) -> MapInfo:
        return self._info

    @property
    def claims(self) -> Mapping[str, Claim]:
        """Claims by id (read-only view)."""
        return MappingProxyType(self._claims)

    @property
    def relations(self) -> Mapping[str, Relation]:
        """Relations by id (read-only view)."""
        return MappingProxyType(self._relations)

    @property
    def groups(self) -> Mapping[str, Group]:
        """Groups by id (read-only view)."""
        return MappingProxyType(self._groups)

    @property
    def views(self) -> Mapping[str, View]:
        """Saved views by id (read-only view)."""
        return MappingProxyType(self._views)

    def view(self, view_id: str) -> View:
        try:
            return self._views[view_id]
        except KeyError:
            raise ModelError(f"no view with id {view_id!r}") from None

    def views_naming(self, claim_id: str) -> list[View]:
        """The saved views that focus or collapse this claim."""
        return [v for v in self._views.values() if claim_id in v.claim_ids()]

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The claim graph as a networkx MultiDiGraph (for networkx's algorithms): read it,
        never change it (use the edit operations). Built on first use after a change, so
        prefer `premises`, `relations_into` and `relations_out_of` in code that runs per edit."""
        if self._nx is None:
            import networkx as nx  # on demand: the command line's reading never needs it

            graph = nx.MultiDiGraph()
            graph.add_nodes_from(self._claims)
            graph.add_edges_from(
                (u, v, k, {})
                for u, nbrs in self._succ.items()
                for v, keys in nbrs.items()
                for k in keys
            )
            self._nx = graph
        return self._nx

    def premises(self, claim_id: str) -> list[str]:
        """The claims with a relation into this claim, each once (undercuts not included)."""
        return list(self._pred.get(claim_id, ()))

    def in_degree(self, claim_id: str) -> int:
        """How many claim-to-claim relations end at this claim."""
        return sum(len(keys) for keys in self._pred.get(claim_id, {}).values())

    def claim(self, claim_id: str) -> Claim:
        try:
            return self._claims[claim_id]
        except KeyError:
            raise ModelError(f"no claim with id {claim_id!r}") from None

    def relation(self, relation_id: str) -> Relation:
        try:
            return self._relations[relation_id]
        except KeyError:
            raise ModelError(f"no relation with id {relation_id!r}") from None

    def group(self, group_id: str) -> Group:
        try:
            return self._groups[group_id]
        except KeyError:
            raise ModelError(f"no group with id {group_id!r}") from None

    def has_id(self, item_id: str) -> bool:
        """Whether a claim or a relation already uses this id."""
        return item_id in self._claims or item_id in self._relations

    def relations_into(self, item_id: str) -> list[Relation]:
        """Relations whose target is this claim (or, for a relation id, its undercuts)."""
        if item_id in self._relations:
            return [self._relations[r] for r in sorted(self._undercuts.get(item_id, ()))]
        if item_id not in self._claims:
            return []
        rels = self._relations
        return [rels[k] for keys in self._pred[item_id].values() for k in keys]

    def relations_out_of(self, claim_id: str) -> list[Relation]:
        """Relations whose source is this claim, undercuts included."""
        return [r for r in self._iter_out(claim_id)]

    def _iter_out(self, claim_id: str) -> Iterator[Relation]:
        if claim_id not in self._claims:
            return
        for keys in self._succ[claim_id].values():
            for k in keys:
                yield self._relations[k]
        for rid in self._undercut_sources.get(claim_id, ()):
            yield self._relations[rid]

    def relations_of(self, claim_id: str) -> list[Relation]:
        """Every relation touching a claim, as premise or conclusion (each once)."""
        seen: dict[str, Relation] = {}
        for r in self.relations_into(claim_id):
            seen[r.id] = r
        for r in self._iter_out(claim_id):
            seen[r.id] = r
        return list(seen.values())

    def undercuts_of(self, relation_id: str) -> list[Relation]:
        """The relations attacking this relation's inference."""
        return [self._relations[r] for r in sorted(self._undercuts.get(relation_id, ()))]

    def groups_of(self, claim_id: str) -> list[Group]:
        return [g for g in self._groups.values() if claim_id in g.claims]

    def is_undercut(self, relation: Relation) -> bool:
        return relation.target in self._relations

    def linked(self, relation: Relation) -> list[Relation]:
        """The relations linked with this one (same target, same link id), itself included."""
        if relation.link is None:
            return [relation]
        return [r for r in self.relations_into(relation.target) if r.link == relation.link]

    def new_id(self, prefix: str = "c") -> str:
        """An id not used by any claim, relation, group or view: prefix + the next free number."""
        n = len(self._claims) + len(self._relations) + len(self._groups) + 1
        while True:
            candidate = f"{prefix}{n}"
            taken = self.has_id(candidate) or candidate in self._groups
            if not taken and candidate not in self._views:
                return candidate
            n += 1

    def __len__(self) -> int:
        return len(self._claims)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArgumentMap):
            return NotImplemented
        return (
            self._info == other._info
            and self._claims == other._claims
            and self._relations == other._relations
            and self._groups == other._groups
            and self._views == other._views
        )

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return (
            f"<ArgumentMap {self._info.title!r}: {len(self._claims)} claims, "
            f"{len(self._relations)} relations, {len(self._groups)} groups>"
        )

    def copy(self) -> ArgumentMap:
        """An independent map with the same content (values are immutable, so shared)."""
        other = ArgumentMap(self._info)
        for c in self._claims.values():
            other.add_claim(c)
        for r in self.relations_in_order():
            other.add_relation(r)
        for g in self._groups.values():
            other.add_group(g)
        for v in self._views.values():
            other.add_view(v)
        return other

    def relations_in_order(self) -> list[Relation]:
        """All relations, each after any relation it undercuts (so they can be re-added)."""
        done: set[str] = set()
        out: list[Relation] = []

        def visit(r: Relation) -> None:
            stack = [r]
            chain: list[Relation] = []
            in_chain: set[str] = set()
            while stack:
                cur = stack.pop()
                if cur.id in done or cur.id in in_chain:
                    continue
                chain.append(cur)
                in_chain.add(cur.id)
                if cur.target in self._relations and cur.target not in done:
                    stack.append(self._relations[cur.target])
            for item in reversed(chain):
                if item.id not in done:
                    done.add(item.id)
                    out.append(item)

        for r in self._relations.values():
            visit(r)
        return out

    def final_claims(self) -> dict[str, str]:
        """Relation id -> the claim it finally argues about: its target, or for an undercut the
        target at the end of its chain of undercuts (absent for a relation on a cycle of
        undercuts, which the edits never make). One pass with memory: a chain of n undercuts
        costs O(n), not O(n²)."""
        out: dict[str, str] = {}
        cyclic: set[str] = set()
        for r in self._relations.values():
            chain: list[str] = []
            on_chain: set[str] = set()
            cur = r
            end: str | None = None
            while True:
                if cur.id in out:
                    end = out[cur.id]
                    break
                if cur.id in cyclic or cur.id in on_chain or cur.target not in self._relations:
                    end = cur.target if cur.target in self._claims else None
                    if cur.id in cyclic or cur.id in on_chain:
                        end = None
                    break
                chain.append(cur.id)
                on_chain.add(cur.id)
                cur = self._relations[cur.target]
            if end is None:
                cyclic.update(on_chain)
                cyclic.add(cur.id)
                continue
            out[cur.id] = end
            for rid in chain:
                out[rid] = end
        return out

    def kind_counts(self) -> dict[str, int]:
        counts = {k.value: 0 for k in ClaimKind}
        for c in self._claims.values():
            counts[c.kind.value] = counts.get(c.kind.value, 0) + 1
        return counts

    def relation_kind_counts(self) -> dict[str, int]:
        counts = {k.value: 0 for k in RelationKind}
        for r in self._relations.values():
            counts[r.kind.value] += 1
        return counts

    # -- changing (low level: invariants and signals, no cascades) ------------------------

    def set_info(self, info: MapInfo) -> None:
        for code, value in info.grading:
            grading.check_override(code, value)
        old, self._info = self._info, info
        if old != info:
            self.info_changed.emit(old, info)

    def add_claim(self, claim: Claim) -> None:
        self._check_new_id(claim.id)
        self._check_claim(claim)
        self._claims[claim.id] = claim
        self._succ[claim.id] = {}
        self._pred[claim.id] = {}
        self._nx = None
        self.claim_added.emit(claim)

    def replace_claim(self, claim: Claim) -> Claim:
        """Swap in a new value for an existing claim; returns the old value."""
        old = self.claim(claim.id)
        self._check_claim(claim)
        self._claims[claim.id] = claim
        if old != claim:
            self.claim_changed.emit(old, claim)
        return old

    def remove_claim(self, claim_id: str) -> Claim:
        claim = self.claim(claim_id)
        touching = self.relations_of(claim_id)
        if touching:
            raise ModelError(
                f"claim {claim_id!r} still has relations ({', '.join(r.id for r in touching)})"
            )
        member = [g.id for g in self.groups_of(claim_id)]
        if member:
            raise ModelError(f"claim {claim_id!r} is still in groups ({', '.join(member)})")
        del self._claims[claim_id]
        del self._succ[claim_id]
        del self._pred[claim_id]
        self._nx = None
        self.claim_removed.emit(claim)
        return claim

    def add_relation(self, relation: Relation) -> None:
        self._check_new_id(relation.id)
        self._check_relation(relation)
        self._insert_relation(relation)
        self.relation_added.emit(relation)

    def replace_relation(self, relation: Relation) -> Relation:
        old = self.relation(relation.id)
        if old == relation:
            return old
        self._remove_relation_index(old)
        try:
            self._check_relation(relation)
        except ModelError:
            self._insert_relation(old)
            raise
        self._insert_relation(relation)
        self.relation_changed.emit(old, relation)
        return old

    def remove_relation(self, relation_id: str) -> Relation:
        relation = self.relation(relation_id)
        if self._undercuts.get(relation_id):
            raise ModelError(
                f"relation {relation_id!r} is still undercut by "
                + ", ".join(sorted(self._undercuts[relation_id]))
            )
        self._remove_relation_index(relation)
        self.relation_removed.emit(relation)
        return relation

    def add_group(self, group: Group) -> None:
        if group.id in self._groups:
            raise ModelError(f"duplicate group id {group.id!r}")
        if not ID_PATTERN.match(group.id):
            raise ModelError(f"invalid id {group.id!r}")
        self._check_group(group)
        self._groups[group.id] = group
        self.group_added.emit(group)

    def replace_group(self, group: Group) -> Group:
        old = self.group(group.id)
        self._check_group(group)
        self._groups[group.id] = group
        if old != group:
            self.group_changed.emit(old, group)
        return old

    def remove_group(self, group_id: str) -> Group:
        group = self.group(group_id)
        del self._groups[group_id]
        self.group_removed.emit(group)
        return group

    def add_view(self, view: View) -> None:
        if view.id in self._views:
            raise ModelError(f"duplicate view id {view.id!r}")
        if not ID_PATTERN.match(view.id):
            raise ModelError(f"invalid id {view.id!r}")
        self._check_view(view)
        self._views[view.id] = view
        self.view_added.emit(view)

    def replace_view(self, view: View) -> View:
        old = self.view(view.id)
        self._check_view(view)
        self._views[view.id] = view
        if old != view:
            self.view_changed.emit(old, view)
        return old

    def remove_view(self, view_id: str) -> View:
        view = self.view(view_id)
        del self._views[view_id]
        self.view_removed.emit(view)
        return view

    def check_invariants(self) -> list[str]:
        """Every broken invariant, recomputed from scratch (empty when the map is sound).

        The indexes (graph, undercuts, relation keys) are rebuilt and compared, so a bug that
        changes one without the other shows up here; the monkey test calls it after each step.
        """
        problems: list[str] = []
        overlap = set(self._claims) & set(self._relations)
        if overlap:
            problems.append(f"ids used by a claim and a relation: {sorted(overlap)}")
        if set(self._succ) != set(self._claims) or set(self._pred) != set(self._claims):
            problems.append("graph nodes differ from the claims")
        edges = {(a, b, k) for a, nb in self._succ.items() for b, keys in nb.items() for k in keys}
        back = {(a, b, k) for b, nb in self._pred.items() for a, keys in nb.items() for k in keys}
        empty = any(not keys for nbrs in self._succ.values() for keys in nbrs.values())
        expected_edges = {
            (r.source, r.target, r.id) for r in self._relations.values() if r.target in self._claims
        }
        if edges != expected_edges or back != expected_edges or empty:
            problems.append("graph edges differ from the claim-to-claim relations")
        undercuts: dict[str, set[str]] = {}
        keys = set()
        for r in self._relations.values():
            if r.source not in self._claims:
                problems.append(f"relation {r.id}: source {r.source} is not a claim")
            if r.target not in self._claims:
                if r.target not in self._relations:
                    problems.append(f"relation {r.id}: target {r.target} does not exist")
                undercuts.setdefault(r.target, set()).add(r.id)
            key = (r.source, r.target, r.kind._value_)
            if key in keys:
                problems.append(f"relation {r.id}: duplicate {key}")
            keys.add(key)
        if undercuts != {k: v for k, v in self._undercuts.items() if v}:
            problems.append("undercut index differs from the relations")
        sources: dict[str, set[str]] = {}
        for ids in undercuts.values():
            for rid in ids:
                sources.setdefault(self._relations[rid].source, set()).add(rid)
        if sources != {k: set(v) for k, v in self._undercut_sources.items() if v}:
            problems.append("undercut source index differs from the relations")
        if keys != self._keys:
            problems.append("relation key index differs from the relations")
        for c in self._claims.values():
            if not 0.0 <= c.base_score <= 1.0:
                problems.append(f"claim {c.id}: base score {c.base_score}")
        for g in self._groups.values():
            missing = [c for c in g.claims if c not in self._claims]
            if missing:
                problems.append(f"group {g.id}: missing claims {missing}")
        for v in self._views.values():
            missing = sorted(c for c in v.claim_ids() if c not in self._claims)
            if missing:
                problems.append(f"view {v.id}: missing claims {missing}")
        return problems

    # -- internals ------------------------------------------------------------------------

    def _add_claims_quietly(self, claims: Iterable[Claim]) -> None:
        """`add_claim` for each claim, for building a map (a reader): the same checks in the
        same order, so the same first error, but the common case tested inline (the full
        checks run only for a claim the quick test cannot clear) and signals sent only when
        someone listens."""
        match, isfinite = ID_PATTERN.match, math.isfinite
        own, relations, succ, pred = self._claims, self._relations, self._succ, self._pred
        listening = len(self.claim_added) > 0
        for c in claims:
            cid, score = c.id, c.base_score
            if (
                type(cid) is not str
                or match(cid) is None
                or cid in own
                or cid in relations
                or type(score) is not float
                or not 0.0 <= score <= 1.0
                or not (isfinite(c.x) and isfinite(c.y))
                or c.anchors
                or c.reliability
                or c.credibility
            ):
                self._check_new_id(cid)
                self._check_claim(c)
            own[cid] = c
            succ[cid] = {}
            pred[cid] = {}
            if listening:
                self.claim_added.emit(c)
        self._nx = None

    def _add_relations_quietly(self, relations: Iterable[Relation]) -> None:
        """`add_relation` for each relation, in order, as `_add_claims_quietly` does claims."""
        match, attack = ID_PATTERN.match, RelationKind.ATTACK
        claims, own, keys = self._claims, self._relations, self._keys
        listening = len(self.relation_added) > 0
        for r in relations:
            rid, source, target = r.id, r.source, r.target
            if (
                type(rid) is not str
                or match(rid) is None
                or rid in claims
                or rid in own
                or source not in claims
                or (source, target, r.kind._value_) in keys
                or r.anchors
                or r.scheme
                or r.role
                or r.questions
                or (target not in claims and (r.kind is not attack or target not in own))
            ):
                self._check_new_id(rid)
                self._check_relation(r)
            self._insert_relation(r)
            if listening:
                self.relation_added.emit(r)


    def _insert_relation(self, r: Relation) -> None:
        self._relations[r.id] = r
        self._keys.add((r.source, r.target, r.kind._value_))
        if r.target in self._claims:
            nbrs = self._succ[r.source]
            keys = nbrs.get(r.target)
            if keys is None:
                keys = nbrs[r.target] = self._pred[r.target][r.source] = {}
            keys[r.id] = None
            self._nx = None
        else:
            self._undercuts.setdefault(r.target, set()).add(r.id)
            self._undercut_sources.setdefault(r.source, {})[r.id] = None

    def _remove_relation_index(self, r: Relation) -> None:
        del self._relations[r.id]
        self._keys.discard((r.source, r.target, r.kind._value_))
        keys = self._succ.get(r.source, {}).get(r.target)
        if keys is not None and r.id in keys:
            del keys[r.id]
            if not keys:
                del self._succ[r.source][r.target]
                del self._pred[r.target][r.source]
            self._nx = None
        else:
            targets = self._undercuts.get(r.target)
            if targets is not None:
                targets.discard(r.id)
                if not targets:
                    del self._undercuts[r.target]
            sources = self._undercut_sources.get(r.source)
            if sources is not None:
                sources.pop(r.id, None)
                if not sources:
                    del self._undercut_sources[r.source]

    def _check_new_id(self, item_id: str) -> None:
        if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
            raise ModelError(f"invalid id {item_id!r} (letters, digits and _ . : - only)")
        if self.has_id(item_id):
            raise ModelError(f"duplicate id {item_id!r}")

    @staticmethod
    def _check_claim(claim: Claim) -> None:
        score = claim.base_score
        if not (isinstance(score, int | float) and 0.0 <= score <= 1.0):
            raise ModelError(f"claim {claim.id!r}: base score {score!r} is not in [0, 1]")
        if not (math.isfinite(claim.x) and math.isfinite(claim.y)):
            raise ModelError(f"claim {claim.id!r}: position is not finite")
        _check_anchors("claim", claim.id, claim.anchors)
        if claim.reliability or claim.credibility:
            try:
                grading.check_grade(claim.reliability, claim.credibility)
            except ModelError as exc:
                raise ModelError(f"claim {claim.id!r}: {exc.reason}") from None

    def _check_relation(self, r: Relation) -> None:
        _check_anchors("relation", r.id, r.anchors)
        if r.source not in self._claims:
            raise ModelError(f"relation {r.id!r}: source {r.source!r} is not a claim")
        if r.target not in self._claims:
            if r.target not in self._relations:
                raise ModelError(f"relation {r.id!r}: no claim or relation {r.target!r}")
            if r.kind is not RelationKind.ATTACK:
                raise ModelError(
                    f"relation {r.id!r}: only an attack can target a relation (an undercut)"
                )
            if r.target == r.id:
                raise ModelError(f"relation {r.id!r} cannot undercut itself")
        if r.scheme or r.role or r.questions:
            try:
                check_reason_scheme(r)
            except ModelError as exc:
                raise ModelError(f"relation {r.id!r}: {exc.reason}") from None
        if (r.source, r.target, r.kind._value_) in self._keys:
            raise ModelError(
                f"relation {r.id!r}: {r.source!r} already has a {r.kind.value} relation "
                f"to {r.target!r}"
            )

    def _check_view(self, view: View) -> None:
        # Views name claims like groups do; the file reader repairs views naming claims that
        # are gone (argmap/model/views.py) before they reach the map.
        missing = sorted(c for c in view.claim_ids() if c not in self._claims)
        if missing:
            raise ModelError(f"view {view.id!r}: no claim {missing[0]!r}")
        if view.depth < 0:
            raise ModelError(f"view {view.id!r}: depth {view.depth} is negative")

    def _check_group(self, group: Group) -> None:
        missing = [c for c in group.claims if c not in self._claims]
        if missing:
            raise ModelError(f"group {group.id!r}: no claim {missing[0]!r}")


def _check_anchors(what: str, item_id: str, anchors: tuple[Anchor, ...]) -> None:
    if anchors:
        problem = anchor_problem(anchors)
        if problem is not None:
            raise ModelError(f"{what} {item_id!r}: anchor {problem[0] + 1}: {problem[1]}")


def check_reason_scheme(r: Relation) -> None:
    """The scheme fields of a relation make sense: a known scheme, on a support, with roles
    and questions of that scheme, each question once (ModelError naming what is wrong)."""
    if r.kind is not RelationKind.SUPPORT:
        raise ModelError("only a support (a reason) can have a scheme, not an attack")
    if not r.scheme:
        what = "a premise role" if r.role else "critical questions"
        raise ModelError(f"{what} without a scheme")
    schemes.check_scheme_id(r.scheme)
    scheme = schemes.catalogue().get(r.scheme)
    if scheme is None:  # a scheme kept from an AIF file: no roles or questions known
        if r.questions:
            raise ModelError(f"scheme {r.scheme!r} is not in the catalogue: no questions known")
        return
    if r.role and not scheme.has_role(r.role):
        raise ModelError(f"scheme {r.scheme!r} has no premise role {r.role!r}")
    seen: set[str] = set()
    for a in r.questions:
        if not scheme.has_question(a.id):
            raise ModelError(f"scheme {r.scheme!r} has no critical question {a.id!r}")
        if a.id in seen:
            raise ModelError(f"critical question {a.id!r} answered twice")
        seen.add(a.id)


def relation_levels(relations: Sequence[Relation], claims: Container[str]) -> Iterator[list[int]]:
    """The order in which `build_map` adds relations, as lists of positions in `relations`:
    relations to claims first, then the undercuts of those, ... each level in input order
    (what rounds over the pending list would do), found through an index of who waits for
    which id, so a chain of undercuts costs O(n log n), not O(n²). Relations that never come
    (a missing target, a cycle of undercuts) are in no level."""
    return id_levels([r.id for r in relations], [r.target for r in relations], claims)


def id_levels(
    ids: Sequence[str], targets: Sequence[str], claims: Container[str]
) -> Iterator[list[int]]:
    """`relation_levels` of relations given as their ids and targets (a reader's columns)."""
    waiting: dict[str, list[int]] = {}
    level: list[int] = []
    for i, target in enumerate(targets):
        if target in claims:
            level.append(i)
        else:
            waiting.setdefault(target, []).append(i)
    while level:
        yield level
        following: list[int] = []
        for i in level:
            following.extend(waiting.pop(ids[i], ()))
        following.sort()
        level = following


def assemble_map(
    claims: dict[str, Claim],
    relations: dict[str, Relation],
    info: MapInfo | None = None,
    *,
    ends: tuple[Sequence[str], Sequence[str]] | None = None,
    keys: set[tuple[str, str, str]] | None = None,
) -> ArgumentMap:
    """A map of claims and relations a reader has already checked against every invariant of
    `build_map` (ids valid and unique, scores in [0, 1], positions finite, sources and targets
    in the map, one relation of a kind between two things, no anchors, grading or schemes),
    relations in `build_map`'s order. The map takes the two dicts over. A reader that has
    them already passes the relations' sources and targets (`ends`, in the same order) and
    their (source, target, kind value) set (`keys`). The indexes are filled in passes over all
    relations at once, laid out exactly as adding them one by one lays them out. For values
    nobody has checked, use `build_map`."""
    m = ArgumentMap(info)
    m._claims = claims
    m._relations = relations
    m._succ = succ = {cid: {} for cid in claims}
    m._pred = pred = {cid: {} for cid in claims}
    if not relations:
        return m
    values = relations.values()
    if keys is None:
        keys = set(map(attrgetter("source", "target", "kind._value_"), values))
    m._keys = keys
    ids: Sequence[str] = tuple(relations)
    if ends is None:
        sources, targets = zip(*map(attrgetter("source", "target"), values), strict=True)
    else:
        sources, targets = ends
    if not all(map(claims.__contains__, targets)):
        # undercuts: indexed apart (each index holds one sort of relation, in order)
        to_claim = list(map(claims.__contains__, targets))
        for rid, source, target, is_edge in zip(ids, sources, targets, to_claim, strict=True):
            if not is_edge:
                m._undercuts.setdefault(target, set()).add(rid)
                m._undercut_sources.setdefault(source, {})[rid] = None
        ids, sources, targets = (tuple(compress(c, to_claim)) for c in (ids, sources, targets))
    # One key dict per (premise, conclusion) pair, shared by both directions, its relation
    # ids in order; pairs enter the adjacency dicts in the order of their first relation.
    pairs = list(zip(sources, targets, strict=True))
    edges = dict(zip(pairs, map(dict.fromkeys, zip(ids)), strict=True))
    if len(edges) < len(pairs):
        # Some pairs have more than one relation (a support and an attack): each kept only
        # its last; their key dicts are made again with all their relations, in order.
        kept = map(dict.__contains__, map(edges.__getitem__, pairs), ids)
        shared = set(compress(pairs, map(not_, kept)))
        again: dict[tuple[str, str], dict[str, None]] = {}
        mask = list(map(shared.__contains__, pairs))
        for pair, rid in zip(compress(pairs, mask), compress(ids, mask), strict=True):
            again.setdefault(pair, {})[rid] = None
        edges.update(again)
    for (head, tail), edge in edges.items():  # a plain loop beats map(dict.__setitem__) here
        succ[head][tail] = pred[tail][head] = edge
    return m


def build_map(
    claims: Iterable[Claim],
    relations: Iterable[Relation] = (),
    groups: Iterable[Group] = (),
    info: MapInfo | None = None,
    views: Iterable[View] = (),
) -> ArgumentMap:
    """A map from values, relations in any order (undercuts may come before their targets)."""
    m = ArgumentMap(info)
    m._add_claims_quietly(claims)
    pending = list(relations)
    added = 0
    for level in relation_levels(pending, m._claims):
        m._add_relations_quietly([pending[i] for i in level])
        added += len(level)
    if added < len(pending):
        # None of the rest can be added: let the first report why (a missing target, a cycle
        # of undercuts, an undercut of a relation that is also a claim's id...).
        done = {r.id for r in m.relations.values()}
        rest = [r for r in pending if r.id not in done or m.relations.get(r.id) is not r]
        m.add_relation(rest[0])
    for g in groups:
        m.add_group(g)
    for v in views:
        m.add_view(v)
    return m
