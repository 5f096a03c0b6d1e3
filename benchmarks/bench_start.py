"""Start to first picture: `python main.py FILE --screenshot PNG` as a new process.

    python benchmarks/bench_start.py [--root TREE] [N_CLAIMS ...]      (default 10000 20000)

For each size, a synthetic map (`synthetic_map(n)`: tree-like with cross links) and a chain
(`chain_map(n)`: each claim supports the one before, as deep as it is long) are written to
.argmap files; the app is started on each in a fresh process, offscreen, at 1600x1000. Two
times per run, best of 2, each as wall time and the app's CPU time (user + system: the figure
to compare when other jobs load the machine):
- **picture**: from process start to the PNG written (the window shown, the items built, the
  docks filled, the first picture painted and saved). The app writes the screenshot whole
  under its name at once, so the moment the file appears is the moment it was written; the
  app's CPU time is read from /proc then. The aim (issue 20): 20,000 claims under 3 s.
- **exit**: to the end of the process (the picture, then closing the window and tearing down
  Qt and the interpreter).
`--root` runs another checkout's main.py (its own code), to compare before and after with the
same measurement.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from math import inf
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_of(pid: int) -> float | None:
    """A running process's CPU time so far (user + system; Linux /proc), None if unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_time(path: Path, root: Path = ROOT, runs: int = 2) -> dict[str, float]:
    """Best wall and CPU times of starting the app on `path` (seconds): to the picture
    written ("picture", "picture_cpu") and to the process's end ("exit", "exit_cpu")."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    best = {"picture": inf, "picture_cpu": inf, "exit": inf, "exit_cpu": inf}
    with tempfile.TemporaryDirectory() as tmp:
        env["XDG_CONFIG_HOME"] = tmp  # no remembered settings
        shot = Path(tmp) / "shot.png"
        for _ in range(runs):
            shot.unlink(missing_ok=True)
            start, cpu = time.perf_counter(), _children_cpu()
            child = subprocess.Popen(
                [
                    sys.executable,
                    str(root / "main.py"),
                    str(path),
                    "--screenshot",
                    str(shot),
                    "--size",
                    "1600x1000",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            picture = picture_cpu = None
            while child.poll() is None:
                if picture is None and shot.exists():
                    picture, picture_cpu = time.perf_counter() - start, _cpu_of(child.pid)
                time.sleep(0.002)
            if child.returncode != 0:
                raise SystemExit(f"{path}: the app exited with status {child.returncode}")
            times = {
                "exit": time.perf_counter() - start,
                "exit_cpu": _children_cpu() - cpu,
                "picture": picture if picture is not None else inf,
                "picture_cpu": picture_cpu if picture_cpu is not None else inf,
            }
            best = {key: min(best[key], value) for key, value in times.items()}
    return best


def main() -> None:
    from argmap.io import registry
    from argmap.model.synthetic import chain_map, synthetic_map

    args = sys.argv[1:]
    root = ROOT
    if args[:1] == ["--root"]:
        root, args = Path(args[1]).resolve(), args[2:]
    sizes = [int(a) for a in args] or [10_000, 20_000]
    print(f"load average: {os.getloadavg()[0]:.1f}; app from {root}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            for name, m in (("synthetic", synthetic_map(n)), ("chain", chain_map(n))):
                path = Path(tmp) / f"{name}-{n}.argmap"
                registry.write(m, path)
                t = start_time(path, root)
                print(
                    f"{name:>9} {n:>7,} claims: picture {t['picture']:6.2f} s wall "
                    f"{t['picture_cpu']:6.2f} s CPU; exit {t['exit']:6.2f} s wall "
                    f"{t['exit_cpu']:6.2f} s CPU",
                    flush=True,
                )
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
