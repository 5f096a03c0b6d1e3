"""Speed and size of GraphML export and import on a 10,000-claim map.

    python benchmarks/bench_graphml.py [--claims N] [--relations M] [--repeat R]

Measures, on `synthetic_map(10000, 15000)` (best of R runs each):
- `graphml.dumps` (with yEd graphics, and without) and `graphml.write` (atomic, fsync);
- `graphml.read_with_report` of our own file (safe parse with defusedxml, exact decoding);
- the same file read by `networkx.read_graphml` (stdlib ElementTree), as a reference;
- reading the file back as a foreign file (the argmap_format marker removed), which adds the
  attribute mapping and the report;
- the .argmap (native JSON) read and write of the same map, for comparison.
It checks the round trip is exact before printing figures.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from argmap.io import graphml, native
from argmap.model.synthetic import synthetic_map


def best(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of `repeat` runs (the least disturbed by other work on the machine)."""
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--relations", type=int, default=15_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    m = synthetic_map(args.claims, args.relations)
    print(f"map: {len(m.claims):,} claims, {len(m.relations):,} relations")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.graphml"
        rows: list[tuple[str, float, str]] = []

        t, text = best(lambda: graphml.dumps(m), args.repeat)
        rows.append(("dumps (yEd graphics)", t, f"{len(text.encode('utf-8')) / 1e6:.1f} MB"))
        t, plain = best(lambda: graphml.dumps(m, yed=False), args.repeat)
        rows.append(("dumps (plain)", t, f"{len(plain.encode('utf-8')) / 1e6:.1f} MB"))
        t, _ = best(lambda: graphml.write(m, path), args.repeat)
        rows.append(("write (atomic, fsync)", t, ""))

        t, (back, warnings) = best(lambda: graphml.read_with_report(path), args.repeat)
        assert back == m and warnings == [], "round trip is not exact"
        rows.append(("read_with_report (own file)", t, "round trip exact"))

        t, g = best(lambda: nx.read_graphml(path), args.repeat)
        assert g.number_of_nodes() == len(m.claims)
        rows.append(("networkx.read_graphml (reference)", t, f"{g.number_of_edges():,} edges"))

        foreign = Path(tmp) / "foreign.graphml"
        foreign.write_text(
            text.replace('<data key="g_argmap_format">1</data>', ""), encoding="utf-8"
        )
        t, (fm, fw) = best(lambda: graphml.read_with_report(foreign), args.repeat)
        rows.append(("read as a foreign file", t, f"{len(fw)} warning(s)"))

        npath = Path(tmp) / "map.argmap"
        t, _ = best(lambda: native.write(m, npath), args.repeat)
        rows.append((".argmap write (reference)", t, f"{os.path.getsize(npath) / 1e6:.1f} MB"))
        t, _ = best(lambda: native.read(npath), args.repeat)
        rows.append((".argmap read (reference)", t, ""))

    width = max(len(r[0]) for r in rows)
    for name, seconds, note in rows:
        print(f"  {name:<{width}}  {seconds:7.3f} s  {note}")


if __name__ == "__main__":
    main()
