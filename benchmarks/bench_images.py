"""Time to export the seed map as PNG (at 2x), SVG and PDF.

    python benchmarks/bench_images.py
"""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from argmap.io import native
from argmap.ui import pictures as images  # noqa: E402

SEED = Path(__file__).resolve().parents[1] / "seeds" / "peace-talks.argmap"


def best_of(n: int, func):
    best, out = float("inf"), None
    for _ in range(n):
        start = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> None:
    images.ensure_app()
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


if __name__ == "__main__":
    main()
