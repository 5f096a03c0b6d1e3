"""Load and save time and peak memory of the .argmap format on a synthetic map.

    python benchmarks/bench_native.py [N_CLAIMS] [N_RELATIONS]

Default: 10,000 claims and 15,000 relations. Each figure is the best of 3 runs, as wall time
and as CPU time of this process (on a machine shared with other work the CPU time is the
steadier figure; the load average is printed). Peak memory is measured twice: with tracemalloc
around one load (Python allocations, the parsed JSON included), and as the peak resident size
of a fresh process that only loads the file and saves it again (what the aim of 1 GiB means).

The load is broken down as the column path takes it (argmap/io/native_columns.py): the JSON
parse, then the checks (the parse included), then making the values and the map. The last
two rows are what a file the column path cannot take (rare fields, a doubt) costs on top:
the nesting scan of the bytes and the schema with the cross-reference checks.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from argmap.io import limits, native
from argmap.model.gcpause import gc_paused
from argmap.model.synthetic import synthetic_map

# The child's peak from /proc (VmHWM: this process's own high-water mark): getrusage's maxrss
# would report the parent's size, which Linux carries over through fork and exec.
_CHILD = """
import sys, time
from argmap.io import native
t0, c0 = time.perf_counter(), time.process_time()
m = native.read(sys.argv[1])
t1, c1 = time.perf_counter(), time.process_time()
native.write(m, sys.argv[2], backup=False)
t2, c2 = time.perf_counter(), time.process_time()
with open("/proc/self/status") as f:
    rss = next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) * 1024
print(t1 - t0, t2 - t1, rss, c1 - c0, c2 - c1)
"""


def best_of(n: int, func) -> tuple[float, float]:
    """The best wall time and the best CPU time of n runs."""
    wall = cpu = float("inf")
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def main() -> None:
    n_claims = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    n_relations = int(sys.argv[2]) if len(sys.argv) > 2 else n_claims * 3 // 2
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores shared)")
    t0 = time.perf_counter()
    m = synthetic_map(n_claims, n_relations)
    build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.argmap"
        save = best_of(3, lambda: native.write(m, path))
        size = path.stat().st_size
        load = best_of(3, lambda: native.read(path))
        data = path.read_bytes()
        # The steps with the collector paused, as `native.read` runs them: outside, its
        # collections walking the parsed document would be counted as the step's time.
        with gc_paused():
            parse = best_of(3, lambda: native._parse_fast(data))
            checked = best_of(3, lambda: native.read_document(data, "x"))
            doc, found = native.read_document(data, "x")
            assert found is not None, "the column path was not taken"
            make = best_of(3, lambda: native._from_plain(doc, found, "x", []))
            depth = best_of(3, lambda: limits.json_depth_exceeds(data))
            validate = best_of(3, lambda: native.validate(doc, "x"))
            doc = found = None  # freed before the memory figures
        tracemalloc.start()
        loaded = native.read(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert loaded == m
        loaded = m = None
        child = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path), str(Path(tmp) / "copy.argmap")],
            capture_output=True,
            text=True,
            check=True,
        )
        child_load, child_save, rss, child_load_cpu, child_save_cpu = child.stdout.split()
    print(f"map: {n_claims:,} claims, {n_relations:,} relations, file {size / 1e6:.1f} MB")
    print(f"build in memory   {build:7.3f} s")
    print("                     wall      CPU")
    for label, (wall, cpu) in (
        ("save", save),
        ("load (total)", load),
        ("  JSON parse", parse),
        ("  parse + checks", checked),
        ("  values + map", make),
        ("only on doubt:", (0.0, 0.0)),
        ("  nesting scan", depth),
        ("  schema + refs", validate),
    ):
        print(f"{label:18s}{wall:7.3f} s {cpu:7.3f} s")
    print(
        f"fresh process: load {float(child_load):.3f} s (CPU {float(child_load_cpu):.3f} s), "
        f"save {float(child_save):.3f} s (CPU {float(child_save_cpu):.3f} s)"
    )
    print(f"peak memory, load {peak / 2**20:7.1f} MiB (tracemalloc)")
    print(f"peak RSS, fresh process loading and saving {int(rss) / 2**20:7.1f} MiB")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
