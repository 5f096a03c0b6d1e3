"""The maps whose automatic layout must not change when the layout is only made faster, and a
short fingerprint of each layout's positions.

`python tests/analysis/layout_corpus.py --write FILE` lays out every map of the corpus with the
argmap package first on the path (PYTHONPATH: another checkout, say main before a speed-up)
and writes {map name: {"map": what the layout reads, "positions": where it put each claim}} as
JSON; `test_layout_same_positions.py` compares the
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
ARGDOWN = (  # the Argdown maps there were at 933c403 (later examples join only a new corpus)
    "benchmarks/maps/city-cycling.argdown",
    "benchmarks/maps/library-hours.argdown",
    "benchmarks/maps/school-phones.argdown",
    "tests/data/argdown/01-all-constructs.argdown",
    "tests/data/argdown/02-undercuts-and-markup.argdown",
    "tests/data/argdown/03-relations-both-ways.argdown",
    "tests/data/argdown/04-seed-map.argdown",
    "tests/data/argdown/05-headings-and-front-matter.argdown",
    "tests/data/argdown/06-lists.argdown",
    "tests/data/argdown/07-multi-step-pcs.argdown",
    "tests/data/argdown/08-equivalence-and-contradiction.argdown",
    "tests/data/argdown/09-comments.argdown",
    "tests/data/argdown/10-markup-mentions-links.argdown",
    "tests/data/argdown/11-argument-relations.argdown",
    "tests/data/argdown/12-generated-120.argdown",
    "tests/data/argdown/13-generated-150.argdown",
    "tests/data/argdown/14-generated-300.argdown",
    "tests/data/argdown/15-generated-500.argdown",
    "tests/data/argdown/16-generated-1000.argdown",
    "tests/data/argdown/17-multi-step-chains.argdown",
    "tests/data/argdown/18-self-relations.argdown",
    "tests/data/argdown/19-undercut-context.argdown",
)


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
    for name in ARGDOWN:
        yield name, (lambda p=ROOT / name: _read(p)), {}
    for n in (50, 200, 500):
        for s in range(5):
            yield f"tree_like_map({n}, {s})", (lambda n=n, s=s: tree_like_map(n, s)), {}
    yield "tree_like_map(1000, 0)", lambda: tree_like_map(1000, 0), {}
    yield "synthetic_map(300)", lambda: synthetic_map(300), {}
    yield "synthetic_map(1000)", lambda: synthetic_map(1000), {}


def fingerprint(positions: dict[str, tuple[float, float]]) -> str:
    """A hash of every claim's position to the last digit (repr of the floats)."""
    text = "\n".join(f"{cid}\t{x!r}\t{y!r}" for cid, (x, y) in sorted(positions.items()))
    return _hash(text)


def map_fingerprint(m: ArgumentMap) -> str:
    """A hash of what the layout reads from a map (claims with their text, kind and place,
    relations, groups), so a reader that starts reading a file differently shows as such
    rather than as a layout that changed."""
    lines = [
        f"c\t{c.id}\t{c.kind.value}\t{c.title}\t{c.text}\t{c.x!r}\t{c.y!r}\t{c.pinned}"
        for c in m.claims.values()
    ]
    lines += [f"r\t{r.id}\t{r.source}\t{r.target}\t{r.kind.value}" for r in m.relations.values()]
    lines += [f"g\t{gid}\t{sorted(g.claims)}" for gid, g in sorted(m.groups.items())]
    return _hash("\n".join(lines))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def fingerprints() -> dict[str, dict[str, str]]:
    out = {}
    for name, make, kwargs in corpus():
        m = make()
        out[name] = {
            "map": map_fingerprint(m),
            "positions": fingerprint(layout.layered_layout(m, move_pinned=True, **kwargs)),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write the fingerprints here as JSON")
    args = parser.parse_args()
    print(f"argmap from {Path(argmap.__file__).parent}", file=sys.stderr)
    found = fingerprints()
    text = json.dumps(found, indent=0, sort_keys=True).replace("{\n", "{").replace("\n}", "}")
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(text)
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
