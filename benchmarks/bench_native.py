"""Load and save time and peak memory of the .argmap format on a synthetic map.

    python benchmarks/bench_native.py [N_CLAIMS] [N_RELATIONS]

Default: 10,000 claims and 15,000 relations. Each figure is the best of 3 runs; peak memory is
measured with tracemalloc around one load (Python allocations, the parsed JSON included).
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from argmap.io import native
from argmap.model.synthetic import synthetic_map


def best_of(n: int, func) -> float:
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    n_claims = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    n_relations = int(sys.argv[2]) if len(sys.argv) > 2 else n_claims * 3 // 2
    t0 = time.perf_counter()
    m = synthetic_map(n_claims, n_relations)
    build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.argmap"
        save = best_of(3, lambda: native.write(m, path))
        size = path.stat().st_size
        load = best_of(3, lambda: native.read(path))
        data = path.read_bytes()
        doc = native.decode_json(data, "x")
        parse = best_of(3, lambda: native.decode_json(data, "x"))
        validate = best_of(3, lambda: native.validate(doc, "x"))
        tracemalloc.start()
        loaded = native.read(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert loaded == m
    print(f"map: {n_claims:,} claims, {n_relations:,} relations, file {size / 1e6:.1f} MB")
    print(f"build in memory   {build:7.3f} s")
    print(f"save              {save:7.3f} s")
    print(f"load (total)      {load:7.3f} s")
    print(f"  JSON parse      {parse:7.3f} s")
    print(f"  schema + checks {validate:7.3f} s")
    print(f"peak memory, load {peak / 2**20:7.1f} MiB")


if __name__ == "__main__":
    main()
