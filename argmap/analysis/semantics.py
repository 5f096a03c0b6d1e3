"""Dung's extension semantics over a `Framework`: grounded, complete, preferred, stable.

Labels are small integers in a `bytearray` (``UNDEC = 0``, ``IN = 1``, ``OUT = 2``) so a
million-argument labelling is a million bytes, not a million dict entries.

- `grounded_labelling` is the linear-time queue algorithm: an argument is IN once every
  attacker is OUT, OUT once some attacker is IN; what is left is UNDEC. O(n + m).
- `complete_labellings`, `preferred_labellings` and `stable_labellings` use a SAT solver
  (`semantics_sat.py`, python-sat) when it is installed — it is 10 to 1000 times faster on
  dense frameworks — and otherwise (or with ``backend="search"``) one backtracking search
  over the arguments the grounded labelling leaves undecided (every complete labelling
  agrees with the grounded one on its IN and OUT arguments). Each step propagates the
  complete-labelling conditions (IN iff all attackers OUT, OUT iff some attacker IN) to a
  fixed point; preferred prunes any branch whose possible IN set is already inside a found
  extension. Both are checked against a brute force of Dung's definitions in the tests.
  These problems are NP-hard, so both stop with a `SearchLimit` error after `max_steps`
  choices (solver calls) or `time_limit` seconds, never hanging.

>>> from argmap.analysis.framework import Framework
>>> f = Framework.from_edges(["a", "b", "c"], [(0, 1), (1, 2), (2, 1)])
>>> [f.names[i] for i in extension(grounded_labelling(f))]
['a', 'c']
>>> sorted(sorted(f.names[i] for i in extension(l)) for l in preferred_labellings(f))
[['a', 'c']]
"""

from __future__ import annotations

import time

from argmap.analysis.framework import Framework
from argmap.model.errors import ArgmapError

UNDEC, IN, OUT = 0, 1, 2
LABEL_NAMES = {UNDEC: "undec", IN: "in", OUT: "out"}
_FREE = 3  # search only: not labelled yet

DEFAULT_MAX_STEPS = 2_000_000
DEFAULT_TIME_LIMIT = 20.0
ARRAYS_FROM = 20_000
"""Frameworks of at least this many arguments get their grounded labelling from numpy arrays
(below it, converting costs more than it saves and numpy need not be imported)."""


class SearchLimit(ArgmapError):
    """The search for extensions reached its limit: the framework is too hard to finish."""


def grounded_labelling(fw: Framework) -> bytearray:
    """The grounded labelling in O(n + m): IN/OUT by propagation from unattacked arguments.

    `count[b]` holds how many attackers of b are not yet OUT; b becomes IN when it reaches 0.
    Each attack is looked at at most twice (once when its source turns OUT, once when its
    source turns IN), hence linear time. Big frameworks go to `attack_arrays.grounded`
    (whole frontiers at a time in numpy, the same labelling, several times faster).
    """
    targets = fw.targets
    n = len(targets)
    if n >= ARRAYS_FROM:
        from argmap.analysis import attack_arrays

        return attack_arrays.grounded(*attack_arrays.rows_of_lists(targets))
    count = [0] * n
    for ts in targets:
        for b in ts:
            count[b] += 1
    lab = bytearray(n)
    queue = [i for i in range(n) if not count[i]]
    for i in queue:
        lab[i] = IN
    for x in queue:  # the list grows while we walk it: a FIFO without pops
        for y in targets[x]:
            if lab[y] == UNDEC:
                lab[y] = OUT
                for z in targets[y]:
                    count[z] -= 1
                    if not count[z] and lab[z] == UNDEC:
                        lab[z] = IN
                        queue.append(z)
    return lab


def extension(labelling: bytearray | list[int]) -> list[int]:
    """The indices labelled IN."""
    return [i for i, v in enumerate(labelling) if v == IN]


class _Search:
    """Backtracking over complete labellings with propagation (see module docstring)."""

    def __init__(
        self,
        fw: Framework,
        *,
        allow_undec: bool,
        max_steps: int,
        time_limit: float,
        semantics: str,
    ) -> None:
        self.fw = fw
        self.targets = fw.targets
        self.attackers = fw.attackers
        self.allow_undec = allow_undec
        self.max_steps = max_steps
        self.deadline = time.monotonic() + time_limit
        self.time_limit = time_limit
        self.semantics = semantics
        self.steps = 0
        grounded = grounded_labelling(fw)
        self.lab = [v if v != UNDEC else _FREE for v in grounded]
        # Branch on the most connected arguments first: their choice propagates furthest.
        free = [i for i, v in enumerate(self.lab) if v == _FREE]
        free.sort(key=lambda i: -(len(self.targets[i]) + len(self.attackers[i])))
        self.order = free
        self.trail: list[int] = []

    def tick(self) -> None:
        self.steps += 1
        if self.steps >= self.max_steps or (
            not self.steps & 1023 and time.monotonic() > self.deadline
        ):
            raise _limit_error(self.semantics, len(self.order), self.max_steps, self.time_limit)(
                self.steps
            )

    def assign(self, x: int, v: int, queue: list[int]) -> bool:
        cur = self.lab[x]
        if cur == _FREE:
            if v == UNDEC and not self.allow_undec:
                return False
            self.lab[x] = v
            self.trail.append(x)
            queue.append(x)
            return True
        return cur == v

    def propagate(self, queue: list[int]) -> bool:
        """Enforce each touched argument's condition until nothing changes; False on conflict."""
        lab, attackers, targets = self.lab, self.attackers, self.targets
        while queue:
            x = queue.pop()
            # x's label changed: its own condition and those of the arguments it attacks.
            for y in (x, *targets[x]):
                n_in = n_und = 0
                free = -1
                n_free = 0
                for a in attackers[y]:
                    la = lab[a]
                    if la == IN:
                        n_in += 1
                        break
                    if la == _FREE:
                        n_free += 1
                        free = a
                    elif la == UNDEC:
                        n_und += 1
                ly = lab[y]
                if n_in:
                    if not self.assign(y, OUT, queue):
                        return False
                elif not n_free:
                    if not self.assign(y, IN if not n_und else UNDEC, queue):
                        return False
                elif ly == IN:
                    for a in attackers[y]:
                        if lab[a] == _FREE and not self.assign(a, OUT, queue):
                            return False
                elif ly == OUT:
                    if n_free == 1 and not self.assign(free, IN, queue):
                        return False
                elif ly == UNDEC and n_free == 1 and not n_und:
                    if not self.assign(free, UNDEC, queue):
                        return False
        return True

    def undo(self, mark: int) -> None:
        lab, trail = self.lab, self.trail
        while len(trail) > mark:
            lab[trail.pop()] = _FREE

    def next_free(self) -> int:
        lab = self.lab
        for i in self.order:
            if lab[i] == _FREE:
                return i
        return -1

    def valid(self) -> bool:
        """A full labelling is complete (propagation is not exhaustive, so check at leaves)."""
        lab, attackers = self.lab, self.attackers
        for y in self.order:
            labels = [lab[a] for a in attackers[y]]
            if IN in labels:
                want = OUT
            elif UNDEC in labels:
                want = UNDEC
            else:
                want = IN
            if lab[y] != want:
                return False
        return True

    def run(self, preferred: bool = False) -> list[bytearray]:
        found: list[bytearray] = []
        found_sets: list[set[int]] = []
        choices = (IN, OUT, UNDEC) if self.allow_undec else (IN, OUT)
        if not self.propagate([]):
            return found
        # An explicit stack of (argument, next choice index, trail mark) instead of recursion:
        # Python's recursion limit would cap the depth at about a thousand arguments.
        stack: list[list[int]] = []
        x = self.next_free()
        if x < 0:
            return [bytearray(self.lab)] if self.valid() else []
        stack.append([x, 0, len(self.trail)])
        while stack:
            frame = stack[-1]
            x, k, mark = frame
            self.undo(mark)
            if k >= len(choices):
                stack.pop()
                continue
            frame[1] = k + 1
            self.tick()
            if not (self.assign(x, choices[k], q := []) and self.propagate(q)):
                continue
            if preferred and found_sets:
                possible = {i for i in self.order if self.lab[i] in (IN, _FREE)}
                if any(possible <= s for s in found_sets):
                    continue
            y = self.next_free()
            if y >= 0:
                stack.append([y, 0, len(self.trail)])
                continue
            if not self.valid():
                continue
            lab = bytearray(self.lab)
            if preferred:
                ins = {i for i in self.order if lab[i] == IN}
                keep = [j for j, s in enumerate(found_sets) if not s < ins]
                found = [found[j] for j in keep]
                found_sets = [found_sets[j] for j in keep]
                found_sets.append(ins)
            found.append(lab)
        self.undo(0)
        return found


BACKENDS = ("auto", "sat", "search")


def _limit_error(semantics: str, undecided: int, max_steps: int, time_limit: float):
    def make(steps: int) -> SearchLimit:
        return SearchLimit(
            f"{semantics}: search stopped after {steps:,} steps "
            f"(limits: {max_steps:,} steps, {time_limit:g} s) on "
            f"{undecided:,} undecided arguments; the map is too hard for "
            f"{semantics} semantics — use grounded, or raise the limit"
        )

    return make


def _run(
    fw: Framework, semantics: str, max_steps: int, time_limit: float, backend: str
) -> list[bytearray]:
    from argmap.analysis import semantics_sat

    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}")
    if backend == "sat" or (backend == "auto" and semantics_sat.available()):
        grounded = grounded_labelling(fw)
        limits = (
            max_steps,
            time_limit,
            _limit_error(semantics, grounded.count(UNDEC), max_steps, time_limit),
        )
        labs = semantics_sat.labellings(fw, grounded, semantics, limits)
        labs.sort(key=lambda lab: extension(lab))
        return labs
    search = _Search(
        fw,
        allow_undec=semantics != "stable",
        max_steps=max_steps,
        time_limit=time_limit,
        semantics=semantics,
    )
    return search.run(preferred=semantics == "preferred")


def complete_labellings(
    fw: Framework,
    *,
    max_steps: int = DEFAULT_MAX_STEPS,
    time_limit: float = DEFAULT_TIME_LIMIT,
    backend: str = "auto",
) -> list[bytearray]:
    """Every complete labelling (there may be exponentially many; the limits apply).

    `backend`: ``"sat"`` (python-sat), ``"search"`` (the labelling search of this module) or
    ``"auto"`` (SAT when python-sat is installed).
    """
    return _run(fw, "complete", max_steps, time_limit, backend)


def preferred_labellings(
    fw: Framework,
    *,
    max_steps: int = DEFAULT_MAX_STEPS,
    time_limit: float = DEFAULT_TIME_LIMIT,
    backend: str = "auto",
) -> list[bytearray]:
    """The complete labellings with a maximal IN set (the preferred extensions)."""
    return _run(fw, "preferred", max_steps, time_limit, backend)


def stable_labellings(
    fw: Framework,
    *,
    max_steps: int = DEFAULT_MAX_STEPS,
    time_limit: float = DEFAULT_TIME_LIMIT,
    backend: str = "auto",
) -> list[bytearray]:
    """The complete labellings with no UNDEC argument (there may be none)."""
    return _run(fw, "stable", max_steps, time_limit, backend)


EXTENSION_SEMANTICS = ("grounded", "complete", "preferred", "stable")


def labellings(
    fw: Framework,
    semantics: str,
    *,
    max_steps: int = DEFAULT_MAX_STEPS,
    time_limit: float = DEFAULT_TIME_LIMIT,
    backend: str = "auto",
) -> list[bytearray]:
    """The labellings of a framework under one extension semantics (grounded: exactly one)."""
    if semantics == "grounded":
        return [grounded_labelling(fw)]
    func = {
        "complete": complete_labellings,
        "preferred": preferred_labellings,
        "stable": stable_labellings,
    }[semantics]
    return func(fw, max_steps=max_steps, time_limit=time_limit, backend=backend)
