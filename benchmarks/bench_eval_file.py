"""`argmap eval FILE --semantics grounded --json` from file to answer, against a plain script.

    python benchmarks/bench_eval_file.py [--args 1000000] [--attacks 1500000] [--dir DIR]
                                         [--formats apx tgf i23] [--semantics grounded ...]
                                         [--names numbered|words]

Writes a random framework (attacks between uniformly random arguments, seed 1) as APX, TGF
and ICCMA 2023 into DIR (kept for later runs; arguments named a0, a1, ... as ICCMA generators
name them, or with `--names words` w0x, w1x, ... which argmap must look up one by one), then
runs, each as its own process with its output going to a file: `argmap eval FILE --semantics S
--json` and the peer `benchmarks/peer_grounded.py` (a regex per line, a textbook queue, 48
lines). Reports wall time and peak resident memory (the child's own maxrss from wait4), and
checks that both give the same labels. The machine's load average is printed first.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT / "benchmarks" / "peer_grounded.py"


def write_files(
    d: Path, n: int, m: int, formats: list[str], names: str = "numbered"
) -> dict[str, Path]:
    rng = random.Random(1)
    r = rng.randrange
    edges = [(r(n), r(n)) for _ in range(m)]
    out = {}
    words = names == "words"
    for fmt in formats:
        if words and fmt == "i23":
            continue  # ICCMA 2023 has numbers only
        path = d / (f"big-{n}-{m}-words.{fmt}" if words else f"big-{n}-{m}.{fmt}")
        out[fmt] = path
        if path.exists():
            continue
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            name = [f"w{i}x" if words else f"a{i}" for i in range(n)]
            if fmt == "apx":
                f.writelines(f"arg({name[i]}).\n" for i in range(n))
                f.writelines(f"att({name[a]},{name[b]}).\n" for a, b in edges)
            elif fmt == "tgf":
                f.writelines(f"{name[i]}\n" for i in range(n))
                f.write("#\n")
                f.writelines(f"{name[a]} {name[b]}\n" for a, b in edges)
            else:
                f.write(f"p af {n}\n")
                f.writelines(f"{a + 1} {b + 1}\n" for a, b in edges)
        tmp.rename(path)
    return out


def run(cmd: list[str], out: Path) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user + system: what other jobs' load does not add), peak
    RSS in MiB and exit status of a child process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    with open(out, "wb") as f:
        proc = subprocess.Popen(cmd, stdout=f, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        print(proc.stderr.read().decode()[-500:], file=sys.stderr)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--args", type=int, default=1_000_000)
    parser.add_argument("--attacks", type=int, default=1_500_000)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "argmap-bench")
    parser.add_argument("--formats", nargs="*", default=["apx", "tgf", "i23"])
    parser.add_argument("--semantics", nargs="*", default=["grounded"])
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--names", choices=["numbered", "words"], default="numbered")
    parser.add_argument(
        "--argmap",
        nargs="*",
        default=[sys.executable, "-m", "argmap"],
        help="the argmap command to time (e.g. another checkout's)",
    )
    a = parser.parse_args()
    a.dir.mkdir(parents=True, exist_ok=True)
    files = write_files(a.dir, a.args, a.attacks, a.formats, a.names)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| file | semantics | argmap eval --json | peer script | argmap / peer, wall (CPU) |")
    print("|---|---|---:|---:|---:|")
    for fmt, path in files.items():
        for sem in a.semantics:
            ours_out = a.dir / f"ours-{fmt}-{sem}.json"
            cmd = [*a.argmap, "eval", str(path), "--semantics", sem, "--json"]
            t1, c1, rss1, rc1 = run(cmd, ours_out)
            ours = f"{t1:.1f} s (CPU {c1:.1f} s), {rss1:,.0f} MiB" + (
                "" if rc1 == 0 else f" (exit {rc1})"
            )
            if sem == "grounded" and not a.no_peer:
                peer_out = a.dir / f"peer-{fmt}.json"
                t2, c2, rss2, rc2 = run([sys.executable, str(PEER), str(path)], peer_out)
                same = ""
                if rc1 == 0 and rc2 == 0:
                    mine = json.loads(ours_out.read_text())["labels"]
                    theirs = json.loads(peer_out.read_text())["labels"]
                    if list(mine.values()) != list(theirs.values()):
                        same = " (labels differ!)"
                print(
                    f"| {path.name} | {sem} | {ours} | {t2:.1f} s (CPU {c2:.1f} s), "
                    f"{rss2:,.0f} MiB | {t1 / t2:.2f} (CPU {c1 / c2:.2f}){same} |",
                    flush=True,
                )
            else:
                print(f"| {path.name} | {sem} | {ours} | | |", flush=True)


if __name__ == "__main__":
    main()
