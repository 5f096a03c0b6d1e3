"""Figures for diff, merge, the git textconv outline and the review report on big maps.

    python benchmarks/bench_review.py [N_CLAIMS]

Two people edit a synthetic map of N claims (default 10,000, 1.5 relations per claim): ours
rewrites 5 % of the texts and moves 10 % of the cards, theirs rewrites another 5 %, adds 100
claims with a relation each and deletes 50 claims. Best of 3 runs, seconds.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from argmap.analysis.diff import diff_maps, format_diff, outline
from argmap.analysis.merge import merge_maps
from argmap.model import Claim, Relation, RelationKind, with_changes
from argmap.model.edits import RemoveClaim
from argmap.model.synthetic import synthetic_map


def best(func, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    base = synthetic_map(n, seed=3)
    ids = sorted(base.claims)
    ours, theirs = base.copy(), base.copy()
    for i, cid in enumerate(ids):
        if i % 20 == 0:
            ours.replace_claim(with_changes(ours.claims[cid], text=ours.claims[cid].text + " (A)"))
        if i % 10 == 1:
            ours.replace_claim(with_changes(ours.claims[cid], x=ours.claims[cid].x + 40))
        if i % 20 == 2:
            c = theirs.claims[cid]
            theirs.replace_claim(with_changes(c, text="B: " + c.text))
    for k in range(100):
        theirs.add_claim(Claim(f"new{k}", f"new claim {k}"))
        theirs.add_relation(Relation(f"newr{k}", f"new{k}", ids[k * 7], RelationKind.SUPPORT))
    for cid in ids[-50:]:
        RemoveClaim(cid).apply(theirs)

    print(f"map: {len(base.claims)} claims, {len(base.relations)} relations")
    d = diff_maps(base, ours)
    print(f"diff_maps(base, ours)           {best(lambda: diff_maps(base, ours)):.3f} s")
    print(f"format_diff (word diffs)        {best(lambda: format_diff(d)):.3f} s")
    print(f"outline (git textconv)          {best(lambda: outline(ours)):.3f} s")
    result = merge_maps(base, ours, theirs)
    print(f"merge_maps(base, ours, theirs)  {best(lambda: merge_maps(base, ours, theirs)):.3f} s")
    print(f"  {len(result.conflicts)} conflicts, {len(result.map.claims)} claims")
    print(f"MergeResult.edits()             {best(lambda: result.edits()):.3f} s")
    try:
        from argmap.report import collect, to_html

        def report() -> None:
            to_html(result.map, collect(result.map, picture=False))

        print(f"report HTML, no picture         {best(report, 1):.3f} s")
    except Exception as exc:  # a benchmark reports what it could not measure
        print(f"report: not measured ({exc})")
    with tempfile.TemporaryDirectory() as tmp:
        from argmap.io import native

        paths = [Path(tmp) / f"{k}.argmap" for k in ("base", "ours", "theirs")]
        for m, p in zip((base, ours, theirs), paths, strict=True):
            native.write(m, p)
        import subprocess

        cmd = [sys.executable, "-m", "argmap", "merge", *map(str, paths), "-o", str(paths[1])]

        def cli() -> None:
            done = subprocess.run(cmd, capture_output=True)
            assert done.returncode in (0, 1), done.stderr  # 1: the conflicts counted above

        print(f"argmap merge (process, files)   {best(cli, 1):.3f} s")


if __name__ == "__main__":
    main()
