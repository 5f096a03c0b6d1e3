"""Speed of the evaluation engine against the Python packages that do the same, in one run.

    python benchmarks/bench_evaluation.py [--quick]

1. grounded on a random framework of 1,000,000 arguments and 1,500,000 attacks, built
   directly as adjacency lists (`Framework.from_edges`), and through a map
   (`evaluate(map, "grounded")` on a synthetic map, flattening included);
2. DF-QuAD on an acyclic synthetic map of 100,000 claims;
3. preferred on random frameworks of 50 to 200 arguments.

Peers, each measured here on the same input: formal-argumentation (linear-time grounded,
topological DF-QuAD, preferred by enumerating complete labellings), python-argumentation
(`py_arg`; grounded as a fixed point over sets, preferred by Nofal et al.'s algorithm) and
pygarg (preferred through a SAT solver, python-sat). py_arg's grounded is far too slow at
scale (294 s on 10k arguments, see NOTES.md), so it runs on a small framework and the ratio
is for that size. Every peer runs in a child process with a time limit, so a hang shows as
"timeout" rather than stopping the table. `--quick` divides the sizes by 10.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from argmap.analysis.evaluation import evaluate
from argmap.analysis.framework import Framework
from argmap.analysis.gradual import dfquad
from argmap.analysis.semantics import extension, grounded_labelling, preferred_labellings
from argmap.model.synthetic import synthetic_map

PEER_TIMEOUT = 120.0


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds (not wall time: the machine is shared, other work must not count)."""
    t0 = time.process_time()
    out = func()
    return time.process_time() - t0, out


def _child(conn, func, args) -> None:  # pragma: no cover - runs in a child process
    try:
        t, out = timed(lambda: func(*args))
        conn.send((t, out))
    except Exception as exc:  # report, do not hide: the table says what failed
        conn.send((None, f"{type(exc).__name__}: {exc}"))


def in_child(func: Callable[..., Any], *args: Any, timeout: float = PEER_TIMEOUT):
    """(seconds, result) of func(*args) in a child process; (None, reason) on failure."""
    parent, child = mp.Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=_child, args=(child, func, args))
    proc.start()
    if parent.poll(timeout):
        got = parent.recv()
        proc.join()
        return got
    proc.kill()
    proc.join()
    return None, f"timeout ({timeout:g} s)"


def random_edges(n: int, m: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    r = rng.randrange
    return [(r(n), r(n)) for _ in range(m)]


# -- peers (module level, so a forked child can run them) ------------------------------------


def fa_grounded(n: int, edges: list[tuple[int, int]]) -> tuple[int, float]:
    from argumentation.core.dung import ArgumentationFramework, grounded_extension

    af = ArgumentationFramework(
        frozenset(str(i) for i in range(n)), frozenset((str(a), str(b)) for a, b in edges)
    )
    t0 = time.process_time()
    size = len(grounded_extension(af))
    return size, time.process_time() - t0


def pyarg_grounded(n: int, edges: list[tuple[int, int]]) -> tuple[int, float]:
    af = _pyarg_af(n, edges)
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension

    t0 = time.process_time()
    size = len(get_grounded_extension(af))
    return size, time.process_time() - t0


def _pyarg_af(n: int, edges: list[tuple[int, int]]):
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat

    args = [Argument(str(i)) for i in range(n)]
    return AbstractArgumentationFramework(
        "b", args, [Defeat(args[a], args[b]) for a, b in sorted(set(edges))]
    )


def pyarg_preferred(n: int, edges: list[tuple[int, int]]) -> set[frozenset[int]]:
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions

    exts = get_preferred_extensions(_pyarg_af(n, edges))
    return {frozenset(int(a.name) for a in e) for e in exts}


def pygarg_preferred(n: int, edges: list[tuple[int, int]]) -> set[frozenset[int]]:
    from pygarg.dung import solver

    args = [str(i) for i in range(n)]
    atts = [[str(a), str(b)] for a, b in sorted(set(edges))]
    return {frozenset(int(a) for a in e) for e in solver.extension_enumeration(args, atts, "PR")}


def fa_preferred(n: int, edges: list[tuple[int, int]]) -> set[frozenset[int]]:
    from argumentation.core.dung import ArgumentationFramework, preferred_extensions

    af = ArgumentationFramework(
        frozenset(str(i) for i in range(n)), frozenset((str(a), str(b)) for a, b in edges)
    )
    return {frozenset(int(a) for a in e) for e in preferred_extensions(af)}


def fa_dfquad(m_args: list[str], base: dict, attacks: frozenset, supports: frozenset):
    from argumentation.gradual.dfquad import dfquad_strengths
    from argumentation.gradual.gradual import WeightedBipolarGraph

    g = WeightedBipolarGraph(frozenset(m_args), base, attacks, supports)
    t0 = time.process_time()
    res = dfquad_strengths(g)
    return res.strengths, time.process_time() - t0


def ours_preferred(n: int, edges: list[tuple[int, int]], backend: str) -> set[frozenset[int]]:
    fw = Framework.from_edges(n, edges)
    labs = preferred_labellings(fw, time_limit=PEER_TIMEOUT / 2, backend=backend)
    return {frozenset(extension(lab)) for lab in labs}


# -- the table -------------------------------------------------------------------------------


def row(*cells: object) -> None:
    widths = (44, 12, 30, 12)
    print("  ".join(f"{str(c):<{w}}" for c, w in zip(cells, widths, strict=False)).rstrip())


def fmt(t: float | None) -> str:
    if t is None:
        return "—"
    return f"{t * 1000:.2f} ms" if t < 0.01 else f"{t:.3f} s"


def preload() -> None:
    """Import every package before forking, so no child's time includes an import."""
    import importlib

    for name in (
        "pysat.solvers",
        "pygarg.dung.solver",
        "py_arg.algorithms.semantics.get_preferred_extensions",
        "argumentation.core.dung",
        "argumentation.gradual.dfquad",
    ):
        try:
            importlib.import_module(name)
        except ImportError:
            print(f"({name} is not installed: its column will say so)")


def main() -> None:
    preload()
    quick = "--quick" in sys.argv
    scale = 10 if quick else 1
    print(f"# evaluation benchmark{' (quick: sizes / 10)' if quick else ''}")
    row("task", "argmap", "peer", "peer/argmap")

    # 1. grounded, big framework as adjacency lists.
    n, m = 1_000_000 // scale, 1_500_000 // scale
    edges = random_edges(n, m, seed=1)
    t_build, fw = timed(lambda: Framework.from_edges(n, edges))
    t_ours, lab = timed(lambda: grounded_labelling(fw))
    size = lab.count(1)
    t_peer, got = in_child(fa_grounded, n, edges)
    peer = "timeout" if t_peer is None else f"formal-arg {fmt(got[1])}"
    ratio = "" if t_peer is None else f"{got[1] / t_ours:.1f}x"
    if t_peer is not None and got[0] != size:
        ratio += " (DIFFERENT extension!)"
    row(f"grounded {n:,} args {m:,} att", fmt(t_ours), peer, ratio)
    row(f"  (building the adjacency lists: {t_build:.3f} s; |grounded| = {size:,})")

    # py_arg on a small framework.
    sn, sm = 2_000, 3_000
    sedges = random_edges(sn, sm, seed=2)
    sfw = Framework.from_edges(sn, sedges)
    t_small, slab = timed(lambda: grounded_labelling(sfw))
    t_peer, got = in_child(pyarg_grounded, sn, sedges)
    peer = got if t_peer is None else f"py_arg {fmt(got[1])}"
    ratio = "" if t_peer is None else f"{got[1] / max(t_small, 1e-6):,.0f}x"
    row(f"grounded {sn:,} args {sm:,} att", fmt(t_small), peer, ratio)

    # grounded through a map (flattening of supports and undercuts included).
    mn = 100_000 // scale
    t_map_build, big = timed(lambda: synthetic_map(mn))
    t_eval, ev = timed(lambda: evaluate(big, "grounded"))
    row(
        f"evaluate(map, grounded), {mn:,} claims",
        fmt(t_eval),
        "(map built in " + fmt(t_map_build) + ")",
    )

    # 2. DF-QuAD on an acyclic map (the forest part of a synthetic map only).
    dn = 100_000 // scale
    acyclic = synthetic_map(dn, n_relations=dn - 1)
    t_dfq, res = timed(lambda: dfquad(acyclic))
    assert res.acyclic and res.converged
    att = frozenset(
        (r.source, r.target) for r in acyclic.relations.values() if r.kind.value == "attack"
    )
    sup = frozenset(
        (r.source, r.target) for r in acyclic.relations.values() if r.kind.value == "support"
    )
    base = {c.id: c.base_score for c in acyclic.claims.values()}
    t_peer, got = in_child(fa_dfquad, list(acyclic.claims), base, att, sup)
    if t_peer is None:
        row(f"DF-QuAD {dn:,} claims (acyclic)", fmt(t_dfq), got, "")
    else:
        worst = max(abs(got[0][c] - res.strengths[c]) for c in base)
        row(
            f"DF-QuAD {dn:,} claims (acyclic)",
            fmt(t_dfq),
            f"formal-arg {fmt(got[1])}",
            f"{got[1] / t_dfq:.1f}x",
        )
        row(f"  (largest difference from formal-argumentation: {worst:.1e})")

    # 3. preferred on random frameworks: 2 and 5 attacks per argument (sparse ones are mostly
    # decided by grounded; dense ones leave almost every argument undecided).
    for degree in (2, 5):
        for pn in (50, 100, 150, 200):
            pm = degree * pn
            pedges = random_edges(pn, pm, seed=pn + degree)
            undecided = grounded_labelling(Framework.from_edges(pn, pedges)).count(0)
            label = f"preferred {pn} args {pm} att ({undecided} undec)"
            t_sat, exts = in_child(ours_preferred, pn, pedges, "sat", timeout=60)
            t_search, exts2 = in_child(ours_preferred, pn, pedges, "search", timeout=60)
            if t_sat is None:
                row(label, str(exts)[:12])
                continue
            search = "gave up (60 s)" if t_search is None else fmt(t_search)
            row(label, fmt(t_sat) + f" ({len(exts)} ext)", f"argmap search {search}", "")
            if t_search is not None and exts2 != exts:
                row("", "", "search and SAT DIFFER!", "")
            for name, func, timeout in (
                ("pygarg", pygarg_preferred, 60),
                ("py_arg", pyarg_preferred, 20),
                ("formal-arg", fa_preferred, 20),
            ):
                t_peer, got = in_child(func, pn, pedges, timeout=timeout)
                if t_peer is None:
                    reason = "timeout" if got.startswith("timeout") else got.split(":")[0]
                    row("", "", f"{name}: {reason}", "")
                    continue
                agree = "" if got == exts else " DIFFERENT!"
                row("", "", f"{name} {fmt(t_peer)}", f"{t_peer / max(t_sat, 1e-4):.1f}x{agree}")


if __name__ == "__main__":
    main()
