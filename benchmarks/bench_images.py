"""Time to export a map as PNG (at 2x), SVG and PDF.

    python benchmarks/bench_images.py            # the seed map, best of 3 (wall)
    python benchmarks/bench_images.py N [--laid-out]

With N: `synthetic_map(N, 1.5 N)` (random cross links over a grid of cards; `--laid-out`:
first laid out in layers as `argmap layout` does), exported as the command line does it (a
scene of its own, arrows routed around the cards: curved, the default) and drawn straight for
comparison, CPU time of one export each; the routing of the whole map (`route_map`) alone
too, and how many routed arrows pass through a card (issue 15: none).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from argmap.io import native  # noqa: E402
from argmap.ui import pictures as images  # noqa: E402

SEED = Path(__file__).resolve().parents[1] / "seeds" / "peace-talks.argmap"


def best_of(n: int, func):
    best, out = float("inf"), None
    for _ in range(n):
        start = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - start)
    return best, out


def cpu(func):
    start = time.process_time()
    out = func()
    return time.process_time() - start, out


def seed() -> None:
    m = native.read(SEED)
    print(f"seed map: {len(m.claims)} claims, {len(m.relations)} relations")
    for label, func in (
        ("PNG at 2x", lambda: images.render_png(m, scale=2.0)),
        ("PNG at 1x", lambda: images.render_png(m, scale=1.0)),
        ("SVG", lambda: images.render_svg(m)),
        ("PDF (map page)", lambda: images.render_pdf(m)),
        ("PDF (A4)", lambda: images.render_pdf(m, page="A4")),
    ):
        seconds, data = best_of(3, func)
        print(f"{label:16s} {seconds:6.3f} s  {len(data) / 1e6:6.2f} MB")


def synthetic(n: int, laid_out: bool) -> None:
    from dataclasses import replace

    from argmap.analysis.layout import arrows_through_cards, layered_layout
    from argmap.analysis.routing import routed_polylines
    from argmap.model.synthetic import synthetic_map

    m = synthetic_map(n, n * 3 // 2, seed=3)
    if laid_out:
        for cid, (x, y) in layered_layout(m, move_pinned=True).items():
            m.replace_claim(replace(m.claims[cid], x=x, y=y))
    print(
        f"synthetic map: {len(m.claims):,} claims, {len(m.relations):,} relations"
        f"{' (laid out)' if laid_out else ''}; load average {os.getloadavg()[0]:.1f}"
    )
    seconds, paths = cpu(lambda: routed_polylines(m, style="curved"))
    through = len(arrows_through_cards(m, paths=paths))
    print(f"route_map (curved)       {seconds:6.2f} s CPU  ({through} arrows through cards)")
    for label, func in (
        ("SVG, routed", lambda: images.render_svg(m)),
        ("SVG, straight", lambda: images.render_svg(m, arrows="straight")),
        ("PDF, routed", lambda: images.render_pdf(m)),
        # A quarter scale: at 1x a 1,200-claim map is too big a picture (and PNG compression
        # of 30 MB would be most of the time).
        ("PNG at 0.25x, routed", lambda: images.render_png(m, scale=0.25)),
    ):
        seconds, data = cpu(func)
        print(f"{label:24s} {seconds:6.2f} s CPU  {len(data) / 1e6:6.2f} MB")


def main() -> None:
    images.ensure_app()
    if len(sys.argv) > 1:
        synthetic(int(sys.argv[1]), "--laid-out" in sys.argv)
    else:
        seed()


if __name__ == "__main__":
    main()
