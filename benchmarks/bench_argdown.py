"""argmap against the Argdown CLI on the same generated Argdown file: whole processes, one run.

    python benchmarks/bench_argdown.py [N_STATEMENTS] [ARGDOWN_DIR] [BEFORE_TREE]

Generates an Argdown file of N statements (default 2,000; benchmarks/argdown_gen.py), then
times under /usr/bin/time -v (wall time and peak resident memory of the whole process, the
interpreter's or Node's start-up included), best of 5 with the rows taken in turn:
  argmap read           `argmap info FILE.argdown` (parse, build, validate; no layout: counts
                        need no positions)
  argmap → Argdown      `argmap convert FILE.argdown OUT.argdown` (read and write; no layout:
                        Argdown holds no positions)
  argmap → AIF          `argmap convert FILE.argdown OUT.json` (laid out: OVA's JSON has positions)
  argmap → .argmap      `argmap convert FILE.argdown OUT.argmap` (laid out)
  argmap write          `argmap convert MAP.argmap OUT.argdown`
  argmap → GraphML      `argmap convert FILE.argdown OUT.graphml` (laid out: yEd geometry)
  argdown json          `argdown json FILE OUTDIR`            (the Argdown CLI, ARGDOWN_DIR)
  argdown graphml       `argdown map -f graphml FILE OUTDIR`
argmap runs with its modules' bytecode compiled (one warm-up run first, with bytecode writing
allowed even where PYTHONDONTWRITEBYTECODE is set), as an installed package has it: pip
compiles it at install time. With BEFORE_TREE (a checkout of an older argmap, e.g.
`git worktree add --detach /tmp/before REV`), the argmap rows are also run with that tree's
code, in the same run. Prints a Markdown table for README.md with the speed-up against
`argdown json`; the machine load (`uptime`) goes with the figures.
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

ROUNDS = 5


def run_once(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one whole process under /usr/bin/time -v."""
    run = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{run.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr)
    assert wall is not None
    h = float(wall.group(1) or 0)
    seconds = h * 3600 + float(wall.group(2)) * 60 + float(wall.group(3))
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    assert rss is not None
    return seconds, int(rss.group(1)) / 1024


def measure_all(rows: list[tuple[str, list[str]]]) -> list[tuple[str, float, float]]:
    """Best of ROUNDS per row by time, the rows taken in turn in every round (so a change in
    the machine's load during the run falls on all rows alike, not on the last ones)."""
    best = {label: (float("inf"), 0.0) for label, _ in rows}
    for _ in range(ROUNDS):
        for label, cmd in rows:
            seconds, mb = run_once(cmd)
            if seconds < best[label][0]:
                best[label] = (seconds, mb)
    return [(label, *best[label]) for label, _ in rows]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    tools = Path(sys.argv[2] if len(sys.argv) > 2 else "/work/tools/argdown")
    argdown_bin = str(tools / "node_modules" / ".bin" / "argdown")
    before_tree = sys.argv[3] if len(sys.argv) > 3 else None
    env_root = str(Path(__file__).resolve().parents[1])
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    trees = [("", env_root)] + ([("before: ", before_tree)] if before_tree else [])
    before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        # Run from a neutral folder: `python -m` puts the working folder first on sys.path,
        # which would shadow PYTHONPATH (the tree measured) when run from a checkout.
        os.chdir(tmp)
        src = Path(tmp) / f"gen{n}.argdown"
        src.write_text(generate(n, seed=11), encoding="utf-8")
        rows = []
        for k, (prefix, tree) in enumerate(trees):
            py = ["env", f"PYTHONPATH={tree}", sys.executable, "-m", "argmap"]
            saved = f"{tmp}/m{k}.argmap"
            subprocess.run([*py, "convert", str(src), saved], check=True)  # warm-up
            rows += [
                (f"{prefix}argmap read (`info`)", [*py, "info", str(src)]),
                (f"{prefix}argmap Argdown → Argdown", [*py, "convert", str(src), f"{tmp}/o.ad"]),
                (
                    f"{prefix}argmap Argdown → AIF JSON (laid out)",
                    [*py, "convert", str(src), f"{tmp}/o.json"],
                ),
                (
                    f"{prefix}argmap Argdown → .argmap (laid out)",
                    [*py, "convert", str(src), f"{tmp}/o.argmap"],
                ),
                (
                    f"{prefix}argmap .argmap → Argdown",
                    [*py, "convert", saved, f"{tmp}/w.ad"],
                ),
                (
                    f"{prefix}argmap Argdown → GraphML (laid out)",
                    [*py, "convert", str(src), f"{tmp}/o.graphml"],
                ),
            ]
        rows += [
            ("Argdown CLI `json`", [argdown_bin, "json", str(src), f"{tmp}/json"]),
            (
                "Argdown CLI `map -f graphml`",
                [argdown_bin, "map", "-f", "graphml", str(src), f"{tmp}/gml"],
            ),
        ]
        results = measure_all(rows)
    load = os.getloadavg()
    print(
        f"{n} statements; load average before {before[0]:.2f}, after "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n"
    )
    peer_s, peer_mb = next((s, mb) for label, s, mb in results if label == "Argdown CLI `json`")
    print("| process | time (s) | peak memory (MB) | vs `argdown json` (time, memory) |")
    print("|---|---:|---:|---:|")
    for label, seconds, mb in results:
        print(
            f"| {label} | {seconds:.2f} | {mb:.0f} | "
            f"{peer_s / seconds:.1f}× faster, {mb / peer_mb:.0%} |"
        )


if __name__ == "__main__":
    main()
