"""argmap against the Argdown CLI on the same generated Argdown file: whole processes, one run.

    python benchmarks/bench_argdown.py [N_STATEMENTS] [ARGDOWN_DIR]

Generates an Argdown file of N statements (default 2,000; benchmarks/argdown_gen.py), then
times under /usr/bin/time -v (wall time and peak resident memory of the whole process, the
interpreter's or Node's start-up included), best of 3:
  argmap read      `argmap info FILE.argdown` (parse, build, lay out)
  argmap convert   `argmap convert FILE.argdown OUT.argmap`
  argmap write     `argmap convert MAP.argmap OUT.argdown`
  argmap graphml   `argmap convert FILE.argdown OUT.graphml`
  argdown json     `argdown json FILE OUTDIR`            (the Argdown CLI, ARGDOWN_DIR)
  argdown graphml  `argdown map -f graphml FILE OUTDIR`
Prints a Markdown table for README.md; the machine load (`uptime`) goes with the figures.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from argdown_gen import generate  # noqa: E402


def measure(cmd: list[str], cwd: str | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS MB), best of 3 by time."""
    best = (float("inf"), 0.0)
    for _ in range(3):
        run = subprocess.run(
            ["/usr/bin/time", "-v", *cmd], cwd=cwd, capture_output=True, text=True, check=False
        )
        if run.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{run.stderr[-2000:]}")
        wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr)
        assert wall is not None
        h = float(wall.group(1) or 0)
        seconds = h * 3600 + float(wall.group(2)) * 60 + float(wall.group(3))
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
        assert rss is not None
        if seconds < best[0]:
            best = (seconds, int(rss.group(1)) / 1024)
    return best


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    tools = Path(sys.argv[2] if len(sys.argv) > 2 else "/work/tools/argdown")
    argdown_bin = str(tools / "node_modules" / ".bin" / "argdown")
    py = [sys.executable, "-m", "argmap"]
    env_root = str(Path(__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = env_root + os.pathsep + os.environ.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"gen{n}.argdown"
        src.write_text(generate(n, seed=11), encoding="utf-8")
        subprocess.run([*py, "convert", str(src), f"{tmp}/m.argmap"], check=True)
        rows = [
            ("argmap read (info)", [*py, "info", str(src)]),
            ("argmap Argdown → .argmap", [*py, "convert", str(src), f"{tmp}/o.argmap"]),
            (
                "argmap .argmap → Argdown (write)",
                [*py, "convert", f"{tmp}/m.argmap", f"{tmp}/o.ad"],
            ),
            ("argmap Argdown → GraphML", [*py, "convert", str(src), f"{tmp}/o.graphml"]),
            ("Argdown CLI `json`", [argdown_bin, "json", str(src), f"{tmp}/json"]),
            (
                "Argdown CLI `map -f graphml`",
                [argdown_bin, "map", "-f", "graphml", str(src), f"{tmp}/gml"],
            ),
        ]
        results = [(label, *measure(cmd)) for label, cmd in rows]
    load = os.getloadavg()
    print(f"{n} statements; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n")
    print("| process | time (s) | peak memory (MB) |")
    print("|---|---:|---:|")
    for label, seconds, mb in results:
        print(f"| {label} | {seconds:.2f} | {mb:.0f} |")


if __name__ == "__main__":
    main()
