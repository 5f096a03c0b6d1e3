"""Complete, preferred and stable extensions through a SAT solver (python-sat's Glucose 4).

Used by `semantics.py` when python-sat is installed: on dense random frameworks of 50-200
arguments, where the labelling search of `semantics.py` gives up after millions of steps,
the solver answers in tens of milliseconds (benchmarks/bench_evaluation.py), because clause
learning remembers why a branch failed.

Encodings (one variable ``x_a`` "a is in", plus ``o_a`` "a is attacked by the set" for
complete semantics), as in Besnard & Doutre (2004) and Cerutti et al.'s PrefSAT (2014):

- conflict-free: ``not x_a or not x_b`` for every attack (a, b);
- admissible: ``x_a -> x_c1 or ... or x_ck`` for every attacker b of a, where the c_i attack b;
- stable: conflict-free and ``x_a or x_b1 or ... `` (a is in or attacked by the set);
- complete: ``o_a <-> x_b1 or ...`` over a's attackers and ``x_a <-> o_b1 and ...``.

Preferred extensions are enumerated PrefSAT's way: find an admissible set not inside a
preferred extension found so far, grow it with "strict superset" calls until none exists,
record it, repeat. Arguments the grounded labelling decides are fixed by unit clauses.
Every solver call counts as one step of the same `max_steps` budget as the search, and a
timer interrupts the solver at `time_limit`, so a hard framework ends in `SearchLimit`.
"""

from __future__ import annotations

import threading
import time

from argmap.analysis.framework import Framework

IN, OUT, UNDEC = 1, 2, 0


def available() -> bool:
    try:
        import pysat.solvers  # noqa: F401
    except ImportError:
        return False
    return True


class _Sat:
    def __init__(self, fw: Framework, grounded: bytearray, semantics: str, limits) -> None:
        from pysat.solvers import Solver

        self.fw = fw
        self.n = n = len(fw)
        self.semantics = semantics
        self.max_steps, self.time_limit, self.make_error = limits
        self.steps = 0
        self.deadline = time.monotonic() + self.time_limit
        self.solver = Solver(name="g4")
        add = self.solver.add_clause
        att = fw.attackers
        for a in range(n):
            if grounded[a] == IN:
                add([a + 1])
            elif grounded[a] == OUT:
                add([-(a + 1)])
        for a, ts in enumerate(fw.targets):
            for b in ts:
                add([-(a + 1), -(b + 1)])
        if semantics == "stable":
            for a in range(n):
                add([a + 1] + [b + 1 for b in att[a]])
        elif semantics == "complete":
            for a in range(n):
                o_a = n + a + 1
                add([-o_a] + [b + 1 for b in att[a]])
                for b in att[a]:
                    add([o_a, -(b + 1)])
                add([a + 1] + [-(n + b + 1) for b in att[a]])
                for b in att[a]:
                    add([-(a + 1), n + b + 1])
        else:  # admissible, for preferred
            for a in range(n):
                for b in att[a]:
                    add([-(a + 1)] + [c + 1 for c in att[b]])
        self.fresh = 2 * n + 1

    def solve(self, assumptions: list[int]) -> list[int] | None:
        self.steps += 1
        remaining = self.deadline - time.monotonic()
        if self.steps >= self.max_steps or remaining <= 0:
            raise self.make_error(self.steps)
        timer = threading.Timer(remaining, self.solver.interrupt)
        timer.start()
        try:
            ok = self.solver.solve_limited(assumptions=assumptions, expect_interrupt=True)
        finally:
            timer.cancel()
        if ok is None:
            raise self.make_error(self.steps)
        self.solver.clear_interrupt()
        if not ok:
            return None
        model = self.solver.get_model()
        return [a for a in range(self.n) if model[a] > 0]

    def labelling(self, ins: list[int]) -> bytearray:
        lab = bytearray(self.n)
        for a in ins:
            lab[a] = IN
        for a in ins:
            for b in self.fw.targets[a]:
                lab[b] = OUT
        return lab

    def close(self, ins: list[int]) -> list[int]:
        """Add every argument the admissible set defends, repeatedly (Dung's fundamental
        lemma keeps it admissible): one linear pass instead of one solver call per argument
        when a long chain of defence hangs off the set."""
        lab = self.labelling(ins)
        targets, attackers = self.fw.targets, self.fw.attackers
        count = [sum(1 for b in attackers[a] if lab[b] != OUT) for a in range(self.n)]
        queue = [a for a in range(self.n) if not count[a] and lab[a] == UNDEC]
        for x in queue:
            if lab[x] != UNDEC:
                continue
            lab[x] = IN
            for y in targets[x]:
                if lab[y] != OUT:
                    lab[y] = OUT
                    for z in targets[y]:
                        count[z] -= 1
                        if not count[z] and lab[z] == UNDEC:
                            queue.append(z)
        return [a for a in range(self.n) if lab[a] == IN]

    def enumerate_all(self) -> list[bytearray]:
        """Every model's IN set (complete or stable), each blocked once found."""
        out: list[bytearray] = []
        while (ins := self.solve([])) is not None:
            out.append(self.labelling(ins))
            s = set(ins)
            block = [-(a + 1) for a in ins] + [a + 1 for a in range(self.n) if a not in s]
            if not block:
                break  # no argument at all: the one (empty) extension
            self.solver.add_clause(block)
        return out

    def preferred(self) -> list[bytearray]:
        out: list[bytearray] = []
        n = self.n
        while (ins := self.solve([])) is not None:
            while True:
                ins = self.close(ins)
                s = set(ins)
                act = self.fresh
                self.fresh += 1
                # act -> some argument outside the current set is in (a strict superset).
                self.solver.add_clause([-act] + [a + 1 for a in range(n) if a not in s])
                bigger = self.solve([a + 1 for a in ins] + [act])
                self.solver.add_clause([-act])
                if bigger is None:
                    break
                ins = bigger
            out.append(self.labelling(ins))
            # Later sets must not lie inside this preferred extension.
            s = set(ins)
            block = [a + 1 for a in range(n) if a not in s]
            if not block:
                break  # it holds every argument: nothing else can be preferred
            self.solver.add_clause(block)
        return out

    def delete(self) -> None:
        self.solver.delete()


def labellings(fw: Framework, grounded: bytearray, semantics: str, limits) -> list[bytearray]:
    """Complete, preferred or stable labellings; `limits` = (max_steps, seconds, error)."""
    sat = _Sat(fw, grounded, semantics, limits)
    try:
        return sat.preferred() if semantics == "preferred" else sat.enumerate_all()
    finally:
        sat.delete()
