"""Argdown's reader on worst-case text: runs of one construct that a backtracking pattern
would read in quadratic time (many `[` without `]`, `*a ` emphasis openers, `{` without `}`,
comment openers never closed, `#(` tags ...), at two sizes: ten times the text should take
about ten times the time.

    python benchmarks/bench_argdown_worst.py [BEFORE_TREE] [ARGDOWN_DIR]

Times `argdown.parse` (CPU seconds, one run in a fresh interpreter per text). With
BEFORE_TREE (a checkout of an older argmap), its parser is timed on the same texts (120 s
limit); with ARGDOWN_DIR, the Argdown CLI (`npx argdown json`, whole process, wall time, 120 s
limit) on the larger text. Prints a Markdown table; note the machine load (`uptime`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CASES = {
    "`[` without `]`": "[",
    "`a [`": "a [",
    "`@[` mentions": "@[",
    "`[a](` links": "[a](",
    "`*a ` emphasis": "*a ",
    "`__a ` bold": "__a ",
    "`{` without `}`": "{",
    "`<!--` unclosed": "<!--",
    "`#(` tags": "#(",
    "`.A. [` shortcodes": ".A. [",
}
SIZES = (20_000, 200_000)

_TIMER = """
import sys, time, json
sys.path.insert(0, sys.argv[1])
import argmap.io.argdown  # noqa: F401 (the package first: parse.py imports from it)
parse = sys.modules["argmap.io.argdown.parse"].parse
text = open(sys.argv[2], encoding="utf-8").read()
t = time.process_time()
try:
    parse(text)
except Exception:
    pass
print(json.dumps(time.process_time() - t))
"""


def text_of(unit: str, size: int) -> str:
    return unit * (size // len(unit))


def time_in(tree: Path, path: Path, limit: float) -> str:
    try:
        out = subprocess.run(
            [sys.executable, "-c", _TIMER, str(tree), str(path)],
            capture_output=True,
            text=True,
            timeout=limit,
            env={**os.environ, "PYTHONPATH": str(tree)},
        )
    except subprocess.TimeoutExpired:
        return f"> {limit:.0f} s"
    return f"{json.loads(out.stdout):.2f} s" if out.stdout.strip() else "error"


def cli_time(argdown_dir: Path, path: Path) -> str:
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        try:
            subprocess.run(
                ["npx", "argdown", "json", str(path), out],
                cwd=argdown_dir,
                capture_output=True,
                timeout=120,
            )
        except subprocess.TimeoutExpired:
            return "> 120 s"
        return f"{time.perf_counter() - t:.2f} s"


def main() -> None:
    before = Path(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != "-" else None
    argdown_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    head = ["text", *(f"now {n // 1000}k chars" for n in SIZES)]
    if before:
        head += [f"before {n // 1000}k" for n in SIZES]
    if argdown_dir:
        head.append(f"Argdown CLI {SIZES[-1] // 1000}k (wall)")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    with tempfile.TemporaryDirectory() as tmp:
        for label, unit in CASES.items():
            row = [label]
            paths = []
            for n in SIZES:
                path = Path(tmp) / f"case-{n}.argdown"
                path.write_text(text_of(unit, n), encoding="utf-8")
                paths.append(path)
                row.append(time_in(ROOT, path, 120))
            if before:
                row += [time_in(before, path, 120) for path in paths]
            if argdown_dir:
                row.append(cli_time(argdown_dir, paths[-1]))
            print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
