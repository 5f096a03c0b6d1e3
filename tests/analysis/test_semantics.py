"""Extension semantics checked against Dung's definitions by brute force, and against py_arg.

The brute force enumerates every subset of a framework of up to 12 arguments and applies the
definitions literally (conflict-free, admissible, complete = admissible and containing what
it defends, grounded = least complete, preferred = maximal admissible, stable = conflict-free
and attacking everything outside), so it shares no code or idea with the search under test.
"""

from __future__ import annotations

import itertools
import random

import pytest

from argmap.analysis import semantics_sat
from argmap.analysis.framework import Framework
from argmap.analysis.semantics import (
    IN,
    OUT,
    UNDEC,
    SearchLimit,
    complete_labellings,
    extension,
    grounded_labelling,
    preferred_labellings,
    stable_labellings,
)


def brute_force(n: int, attacks: set[tuple[int, int]]) -> dict[str, set[frozenset[int]]]:
    """All extensions by Dung's definitions, over all 2**n subsets."""
    attackers = {b: {a for a, t in attacks if t == b} for b in range(n)}

    def conflict_free(s: frozenset[int]) -> bool:
        return not any((a, b) in attacks for a in s for b in s)

    def defends(s: frozenset[int], x: int) -> bool:
        return all(any((d, a) in attacks for d in s) for a in attackers[x])

    subsets = [frozenset(c) for k in range(n + 1) for c in itertools.combinations(range(n), k)]
    cf = [s for s in subsets if conflict_free(s)]
    admissible = [s for s in cf if all(defends(s, x) for x in s)]
    complete = {s for s in admissible if {x for x in range(n) if defends(s, x)} == set(s)}
    grounded = {min(complete, key=len)}
    assert all(next(iter(grounded)) <= c for c in complete)
    preferred = {s for s in admissible if not any(s < t for t in admissible)}
    stable = {
        s for s in cf if all(any((a, x) in attacks for a in s) for x in range(n) if x not in s)
    }
    return {"grounded": grounded, "complete": complete, "preferred": preferred, "stable": stable}


def random_frameworks(count: int, seed: int, max_n: int = 12) -> list[tuple[int, set]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        n = rng.randint(0, max_n)
        density = rng.choice((0.05, 0.1, 0.2, 0.35))
        attacks = {(a, b) for a in range(n) for b in range(n) if rng.random() < density}
        out.append((n, attacks))
    return out


def ours(n: int, attacks: set, backend: str = "auto") -> dict[str, set[frozenset[int]]]:
    fw = Framework.from_edges(n, sorted(attacks))
    b = {"backend": backend}
    return {
        "grounded": {frozenset(extension(grounded_labelling(fw)))},
        "complete": {frozenset(extension(lab)) for lab in complete_labellings(fw, **b)},
        "preferred": {frozenset(extension(lab)) for lab in preferred_labellings(fw, **b)},
        "stable": {frozenset(extension(lab)) for lab in stable_labellings(fw, **b)},
    }


BACKENDS = [
    "search",
    pytest.param(
        "sat",
        marks=pytest.mark.skipif(not semantics_sat.available(), reason="python-sat missing"),
    ),
]


FRAMEWORKS = random_frameworks(400, seed=20261125)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_semantics_matches_dungs_definitions_on_random_frameworks(backend: str) -> None:
    for n, attacks in FRAMEWORKS:
        expected = brute_force(n, attacks)
        got = ours(n, attacks, backend)
        for sem in expected:
            assert got[sem] == expected[sem], (sem, n, sorted(attacks))


@pytest.mark.parametrize("backend", BACKENDS)
def test_labellings_follow_from_extensions(backend: str) -> None:
    """OUT = attacked by the extension, UNDEC = the rest; complete labellings are distinct."""
    for n, attacks in FRAMEWORKS[:150]:
        fw = Framework.from_edges(n, sorted(attacks))
        labs = complete_labellings(fw, backend=backend)
        assert len({bytes(lab) for lab in labs}) == len(labs)
        for lab in labs + [grounded_labelling(fw)]:
            ext = set(extension(lab))
            for x in range(n):
                attacked = any((a, x) in attacks for a in ext)
                want = IN if x in ext else OUT if attacked else UNDEC
                assert lab[x] == want


@pytest.mark.parametrize("backend", BACKENDS)
def test_known_frameworks(backend: str) -> None:
    b = {"backend": backend}
    # a <-> b: grounded empty, two preferred/stable; odd cycle a->b->c->a: no stable.
    two = Framework.from_edges(["a", "b"], [(0, 1), (1, 0)])
    assert extension(grounded_labelling(two)) == []
    assert sorted(extension(lab) for lab in preferred_labellings(two, **b)) == [[0], [1]]
    assert len(complete_labellings(two, **b)) == 3
    odd = Framework.from_edges(["a", "b", "c"], [(0, 1), (1, 2), (2, 0)])
    assert stable_labellings(odd, **b) == []
    assert [extension(lab) for lab in preferred_labellings(odd, **b)] == [[]]
    selfish = Framework.from_edges(["a", "b"], [(0, 0), (0, 1)])
    assert list(grounded_labelling(selfish)) == [UNDEC, UNDEC]


@pytest.mark.parametrize("backend", BACKENDS)
def test_search_stops_with_a_clear_message_instead_of_hanging(backend: str) -> None:
    # 40 disjoint mutual attacks: 3**40 complete labellings.
    n = 80
    fw = Framework.from_edges(
        n, [(i, i + 1) for i in range(0, n, 2)] + [(i + 1, i) for i in range(0, n, 2)]
    )
    with pytest.raises(SearchLimit, match="too hard for complete"):
        complete_labellings(fw, max_steps=500, backend=backend)
    with pytest.raises(SearchLimit, match="after 500 steps"):
        preferred_labellings(fw, max_steps=500, backend=backend)
    with pytest.raises(SearchLimit, match="0.05 s"):
        complete_labellings(fw, time_limit=0.05, backend=backend)


@pytest.mark.parametrize("backend", BACKENDS)
def test_long_chain_has_no_recursion_limit(backend: str) -> None:
    n = 5000
    fw = Framework.from_edges(n, [(i + 1, i) for i in range(n - 1)] + [(0, n - 1), (n - 1, 0)])
    # The chain hangs off a mutual attack: grounded decides nothing, preferred splits in two.
    assert extension(grounded_labelling(fw)) == []
    assert len(preferred_labellings(fw, backend=backend)) == 2


# -- an independent implementation from PyPI ------------------------------------------------


def py_arg_extensions(n: int, attacks: set) -> dict[str, set[frozenset[int]]]:
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics import (
        get_complete_extensions,
        get_grounded_extension,
        get_preferred_extensions,
        get_stable_extensions,
    )

    args = [Argument(str(i)) for i in range(n)]
    af = AbstractArgumentationFramework("t", args, [Defeat(args[a], args[b]) for a, b in attacks])

    def ints(ext: object) -> frozenset[int]:
        return frozenset(int(a.name) for a in ext)  # type: ignore[attr-defined]

    return {
        "grounded": {ints(get_grounded_extension.get_grounded_extension(af))},
        "complete": {ints(e) for e in get_complete_extensions.get_complete_extensions(af)},
        "preferred": {ints(e) for e in get_preferred_extensions.get_preferred_extensions(af)},
        "stable": {ints(e) for e in get_stable_extensions.get_stable_extensions(af)},
    }


def test_agrees_with_py_arg() -> None:
    pytest.importorskip("py_arg", reason="python-argumentation is not installed (test extra)")
    for n, attacks in random_frameworks(200, seed=7, max_n=9):
        theirs = py_arg_extensions(n, attacks)
        got = ours(n, attacks)
        for sem in theirs:
            assert got[sem] == theirs[sem], (sem, n, sorted(attacks))


def test_agrees_with_pygarg() -> None:
    """pygarg enumerates through its own SAT encodings (python-sat), written independently."""
    pytest.importorskip("pysat", reason="python-sat is not installed")
    solver = pytest.importorskip("pygarg.dung.solver", reason="pygarg is not installed")
    for n, attacks in random_frameworks(150, seed=11, max_n=10):
        args = [str(i) for i in range(n)]
        atts = [[str(a), str(b)] for a, b in sorted(attacks)]
        got = ours(n, attacks)
        theirs = {
            "grounded": {frozenset(int(a) for a in solver.compute_grounded_extension(args, atts))}
        }
        for sem, code in (("complete", "CO"), ("preferred", "PR"), ("stable", "ST")):
            exts = solver.extension_enumeration(args, atts, code)
            theirs[sem] = {frozenset(int(a) for a in e) for e in exts}
        for sem in theirs:
            assert got[sem] == theirs[sem], (sem, n, sorted(attacks))
