"""The maps whose automatic layout must not change when the layout is only made faster, and a
short fingerprint of each layout's positions.

`python tests/analysis/layout_corpus.py --write FILE` lays out every map of the corpus with the
argmap package first on the path (PYTHONPATH: another checkout, say main before a speed-up)
and writes {map name: fingerprint} as JSON; `test_layout_same_positions.py` compares the
current code's positions against such a file kept under tests/data/layout/.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import argmap
from argmap.analysis import layout
from argmap.model import ArgumentMap
from argmap.model.synthetic import synthetic_map, tree_like_map

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "peace-talks.argmap"
FINGERPRINTS = ROOT / "tests" / "data" / "layout" / "positions-933c403.json"


def _read(path: Path) -> ArgumentMap:
    from argmap.io import registry

    return registry.read(path)


def _hand_map() -> ArgumentMap:
    """The bench's 60-claim analyst-shaped map (benchmarks/bench_layout.py `hand_map`)."""
    spec = importlib.util.spec_from_file_location(
        "_bench_layout_for_corpus", ROOT / "benchmarks" / "bench_layout.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.hand_map()


def corpus() -> Iterator[tuple[str, Callable[[], ArgumentMap], dict[str, object]]]:
    """(name, map maker, layered_layout keyword arguments) for every map of the corpus:
    the seed (also with groups kept and left to right), the bench's hand map, our Argdown
    maps, the Argdown reader's examples, tree-like maps of 50/200/500 claims × 5 seeds and
    1,000 claims (the big-map budget), synthetic maps of 300 and 1,000 claims."""
    yield "seed", lambda: _read(SEED), {}
    yield "seed groups", lambda: _read(SEED), {"keep_groups": True}
    yield "seed LR", lambda: _read(SEED), {"direction": "LR"}
    yield "hand map", _hand_map, {}
    argdown = sorted((ROOT / "benchmarks" / "maps").glob("*.argdown"))
    argdown += sorted((ROOT / "tests" / "data" / "argdown").glob("*.argdown"))
    for path in argdown:
        yield path.relative_to(ROOT).as_posix(), (lambda p=path: _read(p)), {}
    for n in (50, 200, 500):
        for s in range(5):
            yield f"tree_like_map({n}, {s})", (lambda n=n, s=s: tree_like_map(n, s)), {}
    yield "tree_like_map(1000, 0)", lambda: tree_like_map(1000, 0), {}
    yield "synthetic_map(300)", lambda: synthetic_map(300), {}
    yield "synthetic_map(1000)", lambda: synthetic_map(1000), {}


def fingerprint(positions: dict[str, tuple[float, float]]) -> str:
    """A hash of every claim's position to the last digit (repr of the floats)."""
    text = "\n".join(f"{cid}\t{x!r}\t{y!r}" for cid, (x, y) in sorted(positions.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def fingerprints() -> dict[str, str]:
    out = {}
    for name, make, kwargs in corpus():
        out[name] = fingerprint(layout.layered_layout(make(), move_pinned=True, **kwargs))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write the fingerprints here as JSON")
    args = parser.parse_args()
    print(f"argmap from {Path(argmap.__file__).parent}", file=sys.stderr)
    found = fingerprints()
    text = json.dumps(found, indent=0, sort_keys=True) + "\n"
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(text)
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
