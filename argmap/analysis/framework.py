"""Abstract argumentation frameworks, and how an argument map becomes one.

A `Framework` is Dung's pair (arguments, attacks) stored as integer adjacency lists, so the
semantics in `semantics.py` run in plain Python at the speed of list indexing (a million
arguments is fine for grounded). It is built either directly (`Framework.from_edges`, used by
the ICCMA reader and the benchmarks) or from an `ArgumentMap` by `from_map`, which *flattens*
the map's supports, linked premises and undercuts into extra auxiliary arguments:

- an **attack** inference (one relation, or several relations sharing a `link`) that is
  linked or undercut becomes an auxiliary argument ``&R`` ("the inference R holds") that
  attacks the conclusion; each premise p takes part through ``~p`` ("p is not accepted",
  attacked by p) which attacks ``&R``, so ``&R`` is accepted exactly when every premise is;
  each undercut of R attacks ``&R`` (Modgil's attack-on-attack, flattened as in Cayrol et al.),
  and so does ``#R:q`` for each critical question q of R's scheme answered no (unattacked).
  A plain attack (one premise, no undercut) stays a direct edge.
- **support**, in the default ``"necessary"`` reading (argumentation frameworks with
  necessities, Nouioua & Risch 2011, with sets of necessary arguments, Nouioua 2013): a claim
  that has reasons needs at least one of them. It gets an auxiliary argument ``?b`` ("b lacks
  support") that attacks it and that each of its support inferences attacks; a linked group is
  one reason needing all its premises, and an undercut support counts for nothing.
- the ``"deductive"`` reading (A supports B: accepting A commits to B) instead adds
  *supported* attacks (A supports* B, B attacks C => A attacks C) and *mediated* attacks
  (A supports* B, C attacks B => C attacks A); ``"bipolar"`` adds supported and *secondary*
  attacks (C attacks A, A supports* B => C attacks B), the classic reading of Cayrol &
  Lagasquie-Schiex (2005); ``"none"`` ignores supports. In these three, only plain supports
  (not linked, not undercut) induce attacks, and only from plain attacks (not linked).

Claims come first (indices ``0 .. n_claims - 1``), so labels for claims are a prefix.
See docs/evaluation.md for worked examples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from argmap.analysis.schemes import doubts
from argmap.model.errors import UsageError
from argmap.model.gcpause import gc_paused
from argmap.model.map import ArgumentMap
from argmap.model.types import Relation, RelationKind

SUPPORT_READINGS = ("necessary", "deductive", "bipolar", "none")
FORCED_LABELS = ("in", "out")


@dataclass
class Framework:
    """Dung framework as adjacency lists over argument indices.

    `targets[a]` lists the arguments `a` attacks (duplicates allowed and harmless);
    `attackers` is built on first use, since grounded needs only `targets`.
    `names[i]` is the claim id (or auxiliary name) of argument i; `origin[i]` is, for an
    auxiliary argument, the claim or relation id it stands for (`None` for claims).
    """

    names: list[str]
    targets: list[list[int]]
    n_claims: int = -1
    origin: list[str | None] = field(default_factory=list)
    texts: list[str] | None = None  # what to show for each claim, where there is no map
    _attackers: list[list[int]] | None = field(default=None, repr=False)
    _index: dict[str, int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.n_claims < 0:
            self.n_claims = len(self.names)
        if not self.origin:
            self.origin = [None] * len(self.names)

    @classmethod
    def from_edges(cls, names: Sequence[str] | int, edges: Iterable[tuple[int, int]]) -> Framework:
        """A framework over `names` (or `range(n)` as strings) with the attack pairs given.

        >>> f = Framework.from_edges(["a", "b"], [(0, 1)])
        >>> f.targets, f.attackers
        ([[1], []], [[], [0]])
        """
        if isinstance(names, int):
            names = [str(i) for i in range(names)]
        names = list(names)
        with gc_paused():
            targets: list[list[int]] = [[] for _ in names]
            for a, b in edges:
                targets[a].append(b)
        return cls(names, targets)

    @classmethod
    def from_arrays(cls, names: Sequence[str], heads: Any, tails: Any) -> Framework:
        """A framework from two integer arrays (numpy or any sequence): attack k is
        heads[k] -> tails[k]; each argument's targets keep the arrays' order, as `from_edges`
        would. Grouping is one stable sort (attack_arrays.rows), no Python loop per attack.

        >>> Framework.from_arrays(["a", "b", "c"], [2, 0, 2], [0, 1, 1]).targets
        [[1], [], [0, 1]]
        """
        from argmap.analysis import attack_arrays

        names = list(names)
        with gc_paused():
            targets = attack_arrays.lists_of_rows(*attack_arrays.rows(len(names), heads, tails))
        return cls(names, targets)

    def __len__(self) -> int:
        return len(self.names)

    @property
    def attackers(self) -> list[list[int]]:
        """`attackers[b]`: the arguments attacking b (computed once, then cached)."""
        if self._attackers is None:
            with gc_paused():
                att: list[list[int]] = [[] for _ in self.names]
                for a, ts in enumerate(self.targets):
                    for b in ts:
                        att[b].append(a)
            self._attackers = att
        return self._attackers

    @property
    def index(self) -> dict[str, int]:
        """Argument name -> index."""
        if self._index is None:
            self._index = {n: i for i, n in enumerate(self.names)}
        return self._index

    def edges(self) -> list[tuple[int, int]]:
        return [(a, b) for a, ts in enumerate(self.targets) for b in ts]

    def add_argument(self, name: str, origin: str | None = None) -> int:
        self.names.append(name)
        self.targets.append([])
        self.origin.append(origin)
        self._attackers = None
        if self._index is not None:
            self._index[name] = len(self.names) - 1
        return len(self.names) - 1

    def add_attack(self, a: int, b: int) -> None:
        self.targets[a].append(b)
        if self._attackers is not None:
            self._attackers[b].append(a)


# -- from a map ------------------------------------------------------------------------------


@dataclass
class _Inference:
    """One step of reasoning: premises (jointly), a kind, a target, and its undercutters."""

    key: str  # a relation id (plain) or target + link id (linked group)
    kind: RelationKind
    premises: list[str]
    target: str  # claim id or relation id
    relations: list[str]
    undercuts: list[str] = field(default_factory=list)  # undercutting relation ids
    doubts: list[str] = field(default_factory=list)  # critical questions answered no


class _Builder:
    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.fw = Framework(list(m.claims), [[] for _ in m.claims])
        self.idx = self.fw.index
        self.inferences: dict[str, _Inference] = {}
        self.of_relation: dict[str, _Inference] = {}
        for r in m.relations.values():
            key = r.id if r.link is None else f"{r.target}:{r.link}:{r.kind.value}"
            inf = self.inferences.get(key)
            if inf is None:
                inf = self.inferences[key] = _Inference(key, r.kind, [], r.target, [])
            inf.premises.append(r.source)
            inf.relations.append(r.id)
            self.of_relation[r.id] = inf
        for r in m.relations.values():
            if r.target in m.relations:
                self.of_relation[r.target].undercuts.append(r.id)
            if r.scheme and r.kind is RelationKind.SUPPORT:
                inf = self.of_relation[r.id]
                if not inf.doubts:
                    inf.doubts = doubts(m.relations[x] for x in inf.relations)
        self.holds: dict[str, int] = {}  # inference key -> auxiliary "&" argument
        self.nots: dict[str, int] = {}  # claim id -> auxiliary "~" argument

    def is_plain(self, inf: _Inference) -> bool:
        return len(inf.premises) == 1 and not inf.undercuts and not inf.doubts

    def not_arg(self, claim: str) -> int:
        i = self.nots.get(claim)
        if i is None:
            i = self.nots[claim] = self.fw.add_argument("~" + claim, claim)
            self.fw.add_attack(self.idx[claim], i)
        return i

    # The next four steps call each other once per level of a chain of undercuts. They are
    # generators run by `_run` with an explicit stack (a sub-step is yielded, its result sent
    # back), so a chain of 100,000 undercuts builds in the same order without recursing.

    def _hold(self, inf: _Inference) -> Iterator[object]:
        """The argument standing for "this inference holds" (created with its attackers)."""
        i = self.holds.get(inf.key)
        if i is None:
            i = self.holds[inf.key] = self.fw.add_argument("&" + inf.key, inf.relations[0])
            for p in inf.premises:
                self.fw.add_attack(self.not_arg(p), i)
            for u in inf.undercuts:
                yield self._attack_inference(self.of_relation[u])
            for q in inf.doubts:  # a critical question answered no: an unattacked undercut
                doubt = self.fw.add_argument(f"#{inf.key}:{q}", inf.relations[0])
                self.fw.add_attack(doubt, i)
        return i

    def _effect(self, inf: _Inference) -> Iterator[object]:
        """The argument through which an inference acts: its premise, or its `&` argument."""
        if self.is_plain(inf):
            return self.idx[inf.premises[0]]
        return (yield self._hold(inf))

    def _target(self, inf: _Inference) -> Iterator[object]:
        if inf.target in self.idx and inf.target in self.m.claims:
            return self.idx[inf.target]
        return (yield self._hold(self.of_relation[inf.target]))

    def _attack_inference(self, inf: _Inference) -> Iterator[object]:
        if getattr(inf, "_done", False):
            return None
        inf._done = True  # type: ignore[attr-defined]
        effect = yield self._effect(inf)
        target = yield self._target(inf)
        self.fw.add_attack(effect, target)  # type: ignore[arg-type]
        return None

    @staticmethod
    def _run(step: Iterator[object]) -> Any:
        stack = [step]
        value: object = None
        while stack:
            try:
                sub = stack[-1].send(value)
            except StopIteration as done:
                stack.pop()
                value = done.value
            else:
                stack.append(sub)  # type: ignore[arg-type]
                value = None
        return value

    def hold_arg(self, inf: _Inference) -> int:
        return self._run(self._hold(inf))

    def effect(self, inf: _Inference) -> int:
        return self._run(self._effect(inf))

    def target_of(self, inf: _Inference) -> int:
        return self._run(self._target(inf))

    def add_attack_inference(self, inf: _Inference) -> None:
        if (
            len(inf.premises) == 1
            and not inf.undercuts
            and not inf.doubts
            and inf.target in self.m.claims
            and not getattr(inf, "_done", False)
        ):
            # A plain attack between claims (most of a big map): the steps below would make
            # just this edge, through four generators; made directly, the same edge.
            inf._done = True  # type: ignore[attr-defined]
            self.fw.add_attack(self.idx[inf.premises[0]], self.idx[inf.target])
            return
        self._run(self._attack_inference(inf))

    def build(self, support: str) -> Framework:
        m = self.m
        for inf in list(self.inferences.values()):
            if inf.kind is RelationKind.ATTACK:
                self.add_attack_inference(inf)
        if support == "necessary":
            reasons: dict[str, list[_Inference]] = {}
            for inf in self.inferences.values():
                if inf.kind is RelationKind.SUPPORT:
                    reasons.setdefault(inf.target, []).append(inf)
            for claim in sorted(reasons):
                lack = self.fw.add_argument("?" + claim, claim)
                self.fw.add_attack(lack, self.idx[claim])
                for inf in reasons[claim]:
                    # a plain reason acts through its premise (see _effect), without generators
                    plain = len(inf.premises) == 1 and not inf.undercuts and not inf.doubts
                    effect = self.idx[inf.premises[0]] if plain else self.effect(inf)
                    self.fw.add_attack(effect, lack)
        elif support in ("deductive", "bipolar"):
            self.add_induced(support)
        del m
        return self.fw

    def add_induced(self, support: str) -> None:
        """Attacks induced through chains of plain supports (see the module docstring)."""
        up: dict[str, list[str]] = {}  # claim -> claims it supports directly
        down: dict[str, list[str]] = {}  # claim -> claims supporting it directly
        for inf in self.inferences.values():
            if inf.kind is RelationKind.SUPPORT and self.is_plain(inf):
                up.setdefault(inf.premises[0], []).append(inf.target)
                down.setdefault(inf.target, []).append(inf.premises[0])

        def reach(start: str, nxt: Mapping[str, list[str]]) -> list[str]:
            seen = {start}
            stack = [start]
            while stack:
                for y in nxt.get(stack.pop(), ()):
                    if y not in seen:
                        seen.add(y)
                        stack.append(y)
            seen.discard(start)
            return sorted(seen)

        plain_attacks = [
            inf
            for inf in self.inferences.values()
            if inf.kind is RelationKind.ATTACK
            and len(inf.premises) == 1
            and inf.target in self.m.claims
        ]
        for inf in plain_attacks:
            a, t = inf.premises[0], inf.target
            induced: list[tuple[str, str]] = []
            for s in reach(a, down):  # supported: s supports* a, a attacks t
                induced.append((s, t))
            if support == "deductive":
                for s in reach(t, down):  # mediated: s supports* t, a attacks t
                    induced.append((a, s))
            else:
                for b in reach(t, up):  # secondary: a attacks t, t supports* b
                    induced.append((a, b))
            for src, dst in induced:
                if not inf.undercuts:
                    self.fw.add_attack(self.idx[src], self.idx[dst])
                else:
                    # The induced attack rests on the same inference: undercut it too.
                    key = f"{inf.key}>{src}>{dst}"
                    copy = _Inference(key, inf.kind, [src], dst, inf.relations, inf.undercuts)
                    self.inferences[key] = copy
                    self.add_attack_inference(copy)


def from_map(
    m: ArgumentMap,
    *,
    support: str = "necessary",
    overrides: Mapping[str, str | float] | None = None,
) -> Framework:
    """The Dung framework of a map: claims first, then auxiliary arguments (see module doc).

    `overrides` forces claim labels for what-if questions: ``"in"`` removes every attack on
    the claim, ``"out"`` adds an unattacked auxiliary attacker ``!id``. Numbers (base scores)
    are ignored here: extension semantics do not read base scores.

    >>> from argmap.model import Claim, Relation, RelationKind, build_map
    >>> m = build_map([Claim("a"), Claim("b")], [Relation("r", "a", "b", RelationKind.ATTACK)])
    >>> f = from_map(m)
    >>> f.names, f.targets
    (['a', 'b'], [[1], []])
    """
    if support not in SUPPORT_READINGS:
        raise UsageError(
            f"unknown support reading {support!r} (known: {', '.join(SUPPORT_READINGS)})"
        )
    with gc_paused():
        fw = _Builder(m).build(support)
    if overrides:
        apply_overrides(fw, overrides)
    return fw


def apply_overrides(fw: Framework, overrides: Mapping[str, str | float]) -> None:
    """Force labels of claims in place (see `from_map`); unknown ids are a UsageError."""
    idx = fw.index
    forced_in: set[int] = set()
    for claim, value in overrides.items():
        if claim not in idx or idx[claim] >= fw.n_claims:
            raise UsageError(f"override: no claim {claim!r}")
        if not isinstance(value, str):
            continue
        if value not in FORCED_LABELS:
            raise UsageError(f"override for {claim!r}: {value!r} is not 'in', 'out' or a score")
        i = idx[claim]
        if value == "in":
            forced_in.add(i)
        else:
            fw.add_attack(fw.add_argument("!" + claim, claim), i)
    if forced_in:
        for ts in fw.targets:
            ts[:] = [b for b in ts if b not in forced_in]
        fw._attackers = None


def relation_premises(m: ArgumentMap, relation: Relation) -> list[str]:
    """The claims that jointly make a relation's inference (itself and its linked partners)."""
    return [r.source for r in m.linked(relation)]
