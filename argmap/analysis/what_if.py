"""What-if evaluations that recompute only what can change a target.

Cruxes ask, for every claim c that can reach a target t, what t would be if c were forced in
or out (grounded labels) or re-scored to 0 or 1 (gradual strengths). Evaluating the whole map
again for each question made `argmap cruxes` cost candidates x map size: a synthetic map of
1,000 claims took 239 s. Both kinds of evaluation are *directional*: what an argument gets
depends only on the arguments that can reach it. So a what-if changes nothing that c cannot
reach, and nothing that cannot reach t matters to t. The answer is computed over the strongly
connected components of the graph in topological order, starting at c's component, visiting
a component only when something it depends on changed and it can reach t, and stopping at t's
component:

- a component of one argument (no cycle) is recomputed by its rule (grounded: in when every
  attacker is out, out when one is in, else undecided; gradual: the semantics' update);
- a cyclic component is solved as a whole, given the labels or strengths around it:
  grounded by the usual propagation from the arguments with no undecided attacker, gradual
  by iterating the component alone until its largest change is below the tolerance.

Grounded answers equal a whole re-evaluation exactly; gradual ones on cyclic maps agree to
within the iteration's tolerance (both iterate to a fixed point from the same start).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence

from argmap.analysis.framework import Framework
from argmap.analysis.gradual import _compile, _dfquad_one, _qe_one, base_scores
from argmap.analysis.graphs import reaching, strong_components
from argmap.analysis.semantics import IN, OUT, UNDEC
from argmap.model.map import ArgumentMap

NEGLIGIBLE = 1e-12  # a gradual change too small to pass on to the claims that depend on it


def _condensation(succ: Sequence[Sequence[int]]) -> tuple[list[int], list[list[int]], list[bool]]:
    """Per node its component's topological position; per position the members and whether
    the component has a cycle (several members, or one that points at itself)."""
    comps = strong_components(succ)
    comps.reverse()  # Tarjan lists sinks first
    position = [0] * len(succ)
    cyclic = []
    for k, comp in enumerate(comps):
        for v in comp:
            position[v] = k
        cyclic.append(len(comp) > 1 or comp[0] in succ[comp[0]])
    return position, comps, cyclic


class _Walk:
    """The component-by-component walk shared by both kinds of what-if."""

    def __init__(self, succ: Sequence[Sequence[int]], pred: Sequence[Sequence[int]]) -> None:
        self.succ, self.pred = succ, pred
        self.position, self.members, self.cyclic = _condensation(succ)
        self._reach: dict[int, set[int]] = {}

    def reaching(self, t: int) -> set[int]:
        got = self._reach.get(t)
        if got is None:
            got = self._reach[t] = reaching(self.pred, t)
        return got

    def run(self, c: int, t: int, settle: Callable[[int, set[int]], list[int]]) -> None:
        """Settle components from c's to t's in topological order: `settle(k, dirty)` gets
        the members whose inputs changed and returns the nodes whose value changed, which
        queues the components they lead to (those that can reach t)."""
        position, succ = self.position, self.succ
        relevant = self.reaching(t)
        last = position[t]
        heap = [position[c]]
        dirty: dict[int, set[int]] = {position[c]: {c}}
        while heap:
            k = heapq.heappop(heap)
            if k > last:
                return
            for v in settle(k, dirty.pop(k)):
                for w in succ[v]:
                    if w in relevant:
                        kw = position[w]
                        if kw == k:
                            continue
                        got = dirty.get(kw)
                        if got is None:
                            dirty[kw] = {w}
                            heapq.heappush(heap, kw)
                        else:
                            got.add(w)


class GroundedWhatIf:
    """The grounded label a target would get if one argument were forced in or out.

    Forcing matches `framework.apply_overrides`: "in" removes the attacks on the argument,
    "out" gives it an unattacked attacker; either way its own label is the forced one.
    """

    def __init__(self, fw: Framework, base: Sequence[int]) -> None:
        self.targets = fw.targets
        self.attackers = fw.attackers
        self.base = base
        self.walk = _Walk(self.targets, self.attackers)

    def label(self, c: int, forced: int, t: int) -> int:
        base, attackers = self.base, self.attackers
        members, cyclic = self.walk.members, self.walk.cyclic
        cur: dict[int, int] = {c: forced}

        def get(a: int) -> int:
            return cur.get(a, base[a])

        def settle(k: int, dirty: set[int]) -> list[int]:
            if not cyclic[k]:
                v = members[k][0]
                if v == c:
                    new = forced
                else:
                    new = IN
                    for a in attackers[v]:
                        la = get(a)
                        if la == IN:
                            new = OUT
                            break
                        if la == UNDEC:
                            new = UNDEC
                if new == base[v]:
                    return []
                cur[v] = new
                return [v]
            new_labels = self._settle_cycle(members[k], c, get)
            changed = []
            for v, lab in new_labels.items():
                if lab != base[v]:
                    cur[v] = lab
                    changed.append(v)
            return changed

        if forced == base[c]:
            return base[t]
        self.walk.run(c, t, settle)
        return get(t)

    def _settle_cycle(self, comp: list[int], c: int, get) -> dict[int, int]:
        """Grounded labels of a cyclic component given the labels of the arguments around it
        (and the forced one, if it is a member): propagation as in `grounded_labelling`."""
        targets, attackers = self.targets, self.attackers
        free = set(comp)
        free.discard(c)
        lab: dict[int, int] = {}
        count: dict[int, int] = {}
        blocked: set[int] = set()
        queue: list[int] = []
        if c in comp:  # known, like the arguments around: its attacks are counted below
            lab[c] = get(c)
        for v in free:
            n = 0
            out = undecided = False
            for a in attackers[v]:
                if a in free:
                    n += 1
                else:
                    la = get(a)
                    if la == IN:
                        out = True
                        break
                    if la == UNDEC:
                        undecided = True
            if out:
                lab[v] = OUT
                queue.append(v)
            else:
                count[v] = n
                if undecided:
                    blocked.add(v)
                elif not n:
                    lab[v] = IN
                    queue.append(v)
        for x in queue:  # grows while walked
            if lab[x] == IN:
                for y in targets[x]:
                    if y in free and y not in lab:
                        lab[y] = OUT
                        queue.append(y)
            else:
                for y in targets[x]:
                    if y in free and y not in lab:
                        count[y] -= 1
                        if not count[y] and y not in blocked:
                            lab[y] = IN
                            queue.append(y)
        return {v: lab.get(v, UNDEC) for v in comp}


class GradualWhatIf:
    """The gradual strength a target would get if one claim had another base score."""

    def __init__(
        self,
        m: ArgumentMap,
        semantics: str,
        strengths: dict[str, float],
        *,
        tolerance: float,
        max_iterations: int,
        step: float = 0.5,
    ) -> None:
        self.one = _dfquad_one if semantics == "dfquad" else _qe_one
        self.h = step if semantics == "qe" else 1.0
        ids, self.attacks, self.supports, deps = _compile(m)
        self.index = {cid: i for i, cid in enumerate(ids)}
        self.base = base_scores(m)
        self.s = [strengths[cid] for cid in ids]
        users: list[list[int]] = [[] for _ in ids]
        for b, ds in enumerate(deps):
            for a in dict.fromkeys(ds):
                users[a].append(b)
        self.users = users
        self.walk = _Walk(users, [list(dict.fromkeys(ds)) for ds in deps])
        self.tolerance, self.max_iterations = tolerance, max_iterations

    def strength(self, c: int, score: float, t: int) -> float:
        s, base, one = self.s, self.base, self.one
        attacks, supports = self.attacks, self.supports
        members, cyclic, users = self.walk.members, self.walk.cyclic, self.users
        saved: dict[int, float] = {}

        def v0(v: int) -> float:
            return score if v == c else base[v]

        def put(v: int, value: float, changed: list[int]) -> None:
            if value != s[v]:
                saved.setdefault(v, s[v])
                # A change this small is not passed on: it cannot move the target by
                # anything a crux reports (six decimals), and it ends long chains early.
                if abs(value - s[v]) > NEGLIGIBLE:
                    changed.append(v)
                s[v] = value

        def settle(k: int, dirty: set[int]) -> list[int]:
            changed: list[int] = []
            comp = members[k]
            if not cyclic[k]:
                v = comp[0]
                moved = attacks[v] or supports[v]
                put(v, one(v0(v), attacks[v], supports[v], s) if moved else v0(v), changed)
                return changed
            # A cyclic component: rounds of the whole-map iteration (Jacobi: every update
            # of a round reads the values of the round before, as `gradual.strengths` does;
            # updating in place oscillated where that converges), each over the members
            # whose inputs moved by more than the tolerance in the round before.
            inside = self.walk.position
            frontier = [v for v in dirty if inside[v] == k and (attacks[v] or supports[v])]
            h, tolerance = self.h, self.tolerance
            for _ in range(self.max_iterations):
                if not frontier:
                    break
                new = [one(v0(v), attacks[v], supports[v], s) for v in frontier]
                moving: dict[int, None] = {}
                for v, value in zip(frontier, new, strict=True):
                    moved = abs(value - s[v])
                    put(v, s[v] + h * (value - s[v]), changed)
                    if moved > tolerance:
                        if h != 1.0:  # a damped step (qe) leaves it short of its update
                            moving[v] = None
                        for w in users[v]:
                            if inside[w] == k and (attacks[w] or supports[w]):
                                moving[w] = None
                frontier = list(moving)
            return list(dict.fromkeys(changed))

        try:
            self.walk.run(c, t, settle)
            return s[t]
        finally:
            for v, value in saved.items():
                s[v] = value
