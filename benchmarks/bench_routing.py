"""Routed arrows on the canvas: what opening a map and dragging a card cost per arrow style.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_routing.py [--sizes 200 1000 5000]

For tree-like maps laid out by `layered_layout` (1.3 relations per claim, a few cycles):

- `route_map`: routing every arrow without Qt (what `argmap info --json` and the benchmarks
  do), and the arrows through cards before (straight) and after (routed);
- `build`: building the canvas (`MapScene`), which routes every arrow through the scene's
  item index;
- `drag step`: one mouse-move step of dragging the card with the most arrows: its arrows are
  re-routed live (the median of 20 steps of 15 px);
- `drop`: the re-routing when the drag lands in the model (the dragged card's and its
  neighbours' arrows, and those passing where it was or is).

Prints the load average first: other processes slow every figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from argmap.analysis import routing  # noqa: E402
from argmap.analysis.layout import arrows_through_cards, layered_layout  # noqa: E402
from argmap.model.edits import MoveClaims  # noqa: E402
from argmap.model.synthetic import tree_like_map  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[200, 1000, 5000])
    args = parser.parse_args()
    from argmap.ui.document import Document
    from argmap.ui.pictures import ensure_app
    from argmap.ui.scene import MapScene

    ensure_app()
    MapScene.routing_limit = 10**9  # measure routing itself, however big the map
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        "| claims | style | route_map | through cards (straight → routed) "
        "| build canvas | drag step | drop |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        m = tree_like_map(n, seed=0)
        MoveClaims.of(layered_layout(m)).apply(m)
        straight = len(arrows_through_cards(m))
        for style in routing.STYLES:
            if style == "straight":
                routed_cell, through = "–", straight
            else:
                start = time.perf_counter()
                paths = routing.routed_polylines(m, style=style)
                routed_cell = f"{time.perf_counter() - start:.2f} s"
                through = len(arrows_through_cards(m, paths=paths))
            start = time.perf_counter()
            scene = MapScene(Document(m), arrows=style, lazy=False)  # every arrow routed
            build = time.perf_counter() - start
            hub = max(scene.claim_items.values(), key=lambda item: len(item.relations))
            origin = hub.pos()
            steps = []
            for k in range(1, 21):
                start = time.perf_counter()
                hub.setPos(origin.x() + 15 * k, origin.y() + 5 * k)
                steps.append(time.perf_counter() - start)
            start = time.perf_counter()
            scene.commit_moves()
            scene.flush_routes()
            drop = time.perf_counter() - start
            print(
                f"| {n:,} | {style} | {routed_cell} | {straight} → {through} | {build:.2f} s "
                f"| {statistics.median(steps) * 1000:.1f} ms ({len(hub.relations)} arrows) "
                f"| {drop * 1000:.0f} ms |",
                flush=True,
            )
            scene.document.undo_stack.undo()
            scene.disconnect_model()


if __name__ == "__main__":
    main()
