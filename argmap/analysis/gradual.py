"""Gradual strength: each claim's base score moved up by its supports and down by its attacks.

Two semantics over the claims of a map (no auxiliary arguments needed):

- **DF-QuAD** (Rago, Toni, Aurisicchio & Baroni, KR 2016). The attacks on a claim aggregate
  as ``va = 1 - prod(1 - s_i)`` over the attackers' strengths, the supports likewise as
  ``vs``; the strength is ``v0 - v0 * (va - vs)`` when ``va >= vs``, else
  ``v0 + (1 - v0) * (vs - va)``, with ``v0`` the base score.
- **Quadratic energy** (``qe``; Potyka, KR 2018). The energy ``E = sum(supports) -
  sum(attacks)`` moves the base score by ``h(E) = max(E, 0)**2 / (1 + max(E, 0)**2)``:
  strength ``v0 - v0 * h(-E) + (1 - v0) * h(E)``. On cyclic maps it is solved as Potyka's
  continuous system ``s' = f(s) - s`` by explicit Euler steps of size `step`, which damps the
  oscillations a plain fixed-point iteration can fall into.

What a relation contributes: the strength of its source; a linked group contributes the
weakest of its premises (the chain is as strong as its weakest link), once; an undercut scales
the contribution by ``1 - (strength of the undercut's own contribution)``, so an accepted
undercut (strength 1) cancels the inference. A reason with an argument scheme is further
scaled by its weight (argmap/analysis/schemes.py: 0.8 per open assumption question, 0 when a
critical question is answered no).

A graded evidence claim (reliability A-F, credibility 1-6) starts from the base score of its
grade (argmap/model/grading.py) instead of its own `base_score`.

On an acyclic map every claim is computed once in topological order (``iterations == 1``),
which is the unique fixed point. On a cyclic map the whole vector is iterated until the
largest change is below `tolerance` or `max_iterations` is reached; the result reports
which, and never claims convergence it did not reach.

>>> from argmap.model import Claim, Relation, RelationKind, build_map
>>> m = build_map([Claim("a", base_score=0.5), Claim("b", base_score=0.8)],
...               [Relation("r", "b", "a", RelationKind.ATTACK)])
>>> round(dfquad(m).strengths["a"], 6)  # 0.5 - 0.5 * 0.8
0.1
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from argmap.analysis.schemes import reason_weight
from argmap.model.errors import UsageError
from argmap.model.gcpause import gc_paused
from argmap.model.grading import map_grading
from argmap.model.map import ArgumentMap
from argmap.model.types import RelationKind

GRADUAL_SEMANTICS = ("dfquad", "qe")
DEFAULT_TOLERANCE = 1e-9
DEFAULT_MAX_ITERATIONS = 10_000


@dataclass(frozen=True)
class GradualResult:
    """Strength per claim and how the computation ended."""

    semantics: str
    strengths: dict[str, float]
    iterations: int
    converged: bool
    tolerance: float
    max_iterations: int
    residual: float  # largest change in the last iteration (0.0 when computed in one pass)
    acyclic: bool


# An inference compiled to indices: (premise indices, undercut inferences, weight); the weight
# is 1 except for reasons with a scheme (argmap/analysis/schemes.py: open assumptions, no's).
_Inf = tuple[list[int], list["_Inf"], float]


def _compile(
    m: ArgumentMap,
) -> tuple[list[str], list[list[_Inf]], list[list[_Inf]], list[list[int]]]:
    """Per claim: its attack and support inferences, and the claims its strength depends on."""
    ids = list(m.claims)
    idx = {c: i for i, c in enumerate(ids)}
    relations = m.relations  # a read-only view: made once, not per lookup
    claims = m.claims
    groups: dict[str, list[str]] = {}  # inference key -> relation ids
    key_of: dict[str, str] = {}
    for r in relations.values():
        key = r.id if r.link is None else f"{r.target}:{r.link}:{r.kind.value}"
        groups.setdefault(key, []).append(r.id)
        key_of[r.id] = key
    undercuts: dict[str, list[str]] = {}  # inference key -> undercutting inference keys
    for r in relations.values():
        if r.target in relations:
            lst = undercuts.setdefault(key_of[r.target], [])
            if key_of[r.id] not in lst:
                lst.append(key_of[r.id])
    cache: dict[str, _Inf] = {}

    def new_inf(key: str) -> _Inf:
        members = [relations[rid] for rid in groups[key]]
        premises = [idx[r.source] for r in members]
        weight = reason_weight(members) if any(r.scheme for r in members) else 1.0
        got = cache[key] = (premises, [], weight)
        return got

    def compile_inf(key: str) -> _Inf:
        # A work list, not recursion: a chain of undercuts can be as long as the map.
        got = cache.get(key)
        if got is None:
            got = new_inf(key)
            stack = [(key, got)]
            while stack:
                k, inf = stack.pop()
                for u in undercuts.get(k, ()):
                    child = cache.get(u)
                    if child is None:
                        child = new_inf(u)
                        stack.append((u, child))
                    inf[1].append(child)
        return got

    attacks: list[list[_Inf]] = [[] for _ in ids]
    supports: list[list[_Inf]] = [[] for _ in ids]
    deps: list[list[int]] = [[] for _ in ids]  # repeats are harmless to the topological sort

    def add_deps(inf: _Inf, into: list[int]) -> None:
        stack = [inf]
        while stack:
            cur = stack.pop()
            into.extend(cur[0])
            stack.extend(cur[1])

    for key, rids in groups.items():
        first = relations[rids[0]]
        if first.target not in claims:
            continue  # undercuts act through the inference they undercut
        b = idx[first.target]
        inf = compile_inf(key)
        (attacks if first.kind is RelationKind.ATTACK else supports)[b].append(inf)
        add_deps(inf, deps[b])
    return ids, attacks, supports, deps


def _contribution(inf: _Inf, s: list[float]) -> float:
    premises, undercuts, weight = inf
    if undercuts:
        return _undercut_contribution(inf, s)
    v = s[premises[0]] if len(premises) == 1 else min(s[p] for p in premises)
    if weight != 1.0:
        v *= weight
    return v


def _undercut_contribution(inf: _Inf, s: list[float]) -> float:
    """`_contribution` of an undercut inference, bottom-up over its tree of undercuts with a
    work list (a chain of undercuts can be as long as the map; recursion overflowed)."""
    value: dict[int, float] = {}
    stack: list[tuple[_Inf, bool]] = [(inf, False)]
    while stack:
        cur, expanded = stack.pop()
        premises, undercuts, weight = cur
        if undercuts and not expanded:
            stack.append((cur, True))
            stack.extend((u, False) for u in undercuts)
            continue
        v = s[premises[0]] if len(premises) == 1 else min(s[p] for p in premises)
        if weight != 1.0:
            v *= weight
        for u in undercuts:
            v *= 1.0 - value[id(u)]
        value[id(cur)] = v
    return value[id(inf)]


def _dfquad_one(v0: float, att: list[_Inf], sup: list[_Inf], s: list[float]) -> float:
    prod_a = 1.0
    for inf in att:
        prod_a *= 1.0 - _contribution(inf, s)
    prod_s = 1.0
    for inf in sup:
        prod_s *= 1.0 - _contribution(inf, s)
    va, vs = 1.0 - prod_a, 1.0 - prod_s
    if va >= vs:
        return v0 - v0 * (va - vs)
    return v0 + (1.0 - v0) * (vs - va)


def _qe_one(v0: float, att: list[_Inf], sup: list[_Inf], s: list[float]) -> float:
    energy = sum(_contribution(i, s) for i in sup) - sum(_contribution(i, s) for i in att)
    if energy > 0:
        return v0 + (1.0 - v0) * (energy * energy / (1.0 + energy * energy))
    return v0 - v0 * (energy * energy / (1.0 + energy * energy))


def _topological(deps: list[list[int]]) -> list[int] | None:
    """An order where every claim follows those it depends on, or None if there is a cycle."""
    n = len(deps)
    users: list[list[int]] = [[] for _ in range(n)]
    count = [0] * n
    for b, ds in enumerate(deps):
        count[b] = len(ds)
        for a in ds:
            users[a].append(b)
    order = [i for i in range(n) if not count[i]]
    for a in order:
        for b in users[a]:
            count[b] -= 1
            if not count[b]:
                order.append(b)
    return order if len(order) == n else None


def strengths(
    m: ArgumentMap,
    semantics: str = "dfquad",
    *,
    overrides: Mapping[str, str | float] | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
    step: float = 0.5,
    start: Mapping[str, float] | None = None,
) -> GradualResult:
    """Gradual strengths of every claim.

    `overrides` maps a claim id to a base score in [0, 1] (what if it were rated so?) or to
    ``"in"``/``"out"``, which pins its strength at 1.0/0.0 whatever its attacks and supports.
    `step` is the Euler step of the continuous quadratic-energy system on cyclic maps
    (``1.0`` is the plain fixed-point iteration). `start` (cyclic maps only) begins the
    iteration from earlier strengths instead of the base scores: after a small change
    (a what-if override) it converges in a few iterations instead of hundreds.
    """
    if semantics not in GRADUAL_SEMANTICS:
        raise UsageError(f"unknown gradual semantics {semantics!r}")
    with gc_paused():
        return _strengths(m, semantics, overrides, tolerance, max_iterations, step, start)


def _strengths(
    m: ArgumentMap,
    semantics: str,
    overrides: Mapping[str, str | float] | None,
    tolerance: float,
    max_iterations: int,
    step: float,
    start: Mapping[str, float] | None = None,
) -> GradualResult:
    one = _dfquad_one if semantics == "dfquad" else _qe_one
    ids, attacks, supports, deps = _compile(m)
    idx = {c: i for i, c in enumerate(ids)}
    base = base_scores(m)
    pinned: dict[int, float] = {}
    for cid, value in (overrides or {}).items():
        if cid not in idx:
            raise UsageError(f"override: no claim {cid!r}")
        if isinstance(value, str):
            if value not in ("in", "out"):
                raise UsageError(f"override for {cid!r}: {value!r} is not 'in', 'out' or a score")
            pinned[idx[cid]] = 1.0 if value == "in" else 0.0
        else:
            score = float(value)
            if not (0.0 <= score <= 1.0) or math.isnan(score):
                raise UsageError(f"override for {cid!r}: base score {value!r} is not in [0, 1]")
            base[idx[cid]] = score
    for i, v in pinned.items():
        base[i] = v
        attacks[i], supports[i], deps[i] = [], [], []

    def result(s: list[float], iterations: int, converged: bool, residual: float, acyclic: bool):
        return GradualResult(
            semantics,
            dict(zip(ids, s, strict=True)),
            iterations,
            converged,
            tolerance,
            max_iterations,
            residual,
            acyclic,
        )

    order = _topological(deps)
    s = list(base)
    if start is not None and order is None:
        # Only claims that attacks or supports move start elsewhere than at their base
        # score; the others are never updated, so they must start right.
        for i, c in enumerate(ids):
            if attacks[i] or supports[i]:
                s[i] = start.get(c, base[i])
    if order is not None:
        for b in order:
            if attacks[b] or supports[b]:
                s[b] = one(base[b], attacks[b], supports[b], s)
        return result(s, 1, True, 0.0, True)

    active = [b for b in range(len(ids)) if attacks[b] or supports[b]]
    h = step if semantics == "qe" else 1.0
    residual = math.inf
    for iteration in range(1, max_iterations + 1):
        new = [one(base[b], attacks[b], supports[b], s) for b in active]
        residual = 0.0
        for b, v in zip(active, new, strict=True):
            delta = v - s[b]
            if abs(delta) > residual:
                residual = abs(delta)
        for b, v in zip(active, new, strict=True):
            s[b] += h * (v - s[b])
        if residual < tolerance:
            return result(s, iteration, True, residual, False)
    return result(s, max_iterations, False, residual, False)


def base_scores(m: ArgumentMap) -> list[float]:
    """Base scores in claim order: the grade's score for graded claims, else `base_score`."""
    claims = m.claims.values()
    if not any(c.reliability or c.credibility for c in claims):
        return [c.base_score for c in claims]
    table = map_grading(m.info.grading)
    out = []
    for c in claims:
        graded = table.score(c.reliability, c.credibility)
        out.append(c.base_score if graded is None else graded)
    return out


def dfquad(m: ArgumentMap, **options: object) -> GradualResult:
    """DF-QuAD strengths (see `strengths` for the options)."""
    return strengths(m, "dfquad", **options)  # type: ignore[arg-type]


def quadratic_energy(m: ArgumentMap, **options: object) -> GradualResult:
    """Quadratic-energy strengths (see `strengths` for the options)."""
    return strengths(m, "qe", **options)  # type: ignore[arg-type]
