"""Start to first picture: `python main.py FILE --screenshot PNG` as a new process, wall time.

    python benchmarks/bench_start.py [N_CLAIMS ...]      (default 10000 20000)

For each size, a synthetic map (`synthetic_map(n)`: tree-like with cross links) and a chain
(`chain_map(n)`: each claim supports the one before, as deep as it is long) are written to
.argmap files; the app is started on each in a fresh process, offscreen, at 1600x1000, and
timed from process start to the PNG written (the window shown, every item built, docks
filled, first paint). Best of 2, wall time and the child's CPU time (user + system: the
figure to compare when other jobs load the machine). The aim (issue 20): 20,000 claims under
3 s.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_time(path: Path, runs: int = 2) -> tuple[float, float]:
    """Best wall time and best CPU time of starting the app on `path` (seconds)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    best, best_cpu = float("inf"), float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        env["XDG_CONFIG_HOME"] = tmp  # no remembered settings
        for _ in range(runs):
            start, cpu = time.perf_counter(), _children_cpu()
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "main.py"),
                    str(path),
                    "--screenshot",
                    str(Path(tmp) / "shot.png"),
                    "--size",
                    "1600x1000",
                ],
                check=True,
                env=env,
                capture_output=True,
            )
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, _children_cpu() - cpu)
    return best, best_cpu


def main() -> None:
    from argmap.io import registry
    from argmap.model.synthetic import chain_map, synthetic_map

    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 20_000]
    print(f"load average: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            for name, m in (("synthetic", synthetic_map(n)), ("chain", chain_map(n))):
                path = Path(tmp) / f"{name}-{n}.argmap"
                registry.write(m, path)
                wall, cpu = start_time(path)
                print(f"{name:>9} {n:>7,} claims: {wall:6.2f} s wall {cpu:6.2f} s CPU", flush=True)
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
