"""How many of the map's words can be read on the canvas at the opening view and at zooms
0.15 and 0.3 (and others given), measured by OCR: `python benchmarks/bench_legibility.py
[MAP] [--zoom Z ...] [--keep DIR]`.

Aims (issue 20), on the seed map at 1600x1000: opening view >= 40 distinct words of five or
more letters from the claims, zoom 0.15 >= 20, zoom 0.3 >= 40. Needs tesseract
(`apt-get install tesseract-ocr`). The method is in tests/ui/legibility.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argmap.io import registry  # noqa: E402
from tests.ui.legibility import canvas_shot, legible_words, tesseract_available  # noqa: E402

AIMS = {None: 40, 0.15: 20, 0.3: 40}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("map", nargs="?", type=Path, default=ROOT / "seeds" / "peace-talks.argmap")
    parser.add_argument("--zoom", type=float, action="append", help="extra zooms to measure")
    parser.add_argument("--keep", type=Path, help="keep the screenshots in this folder")
    args = parser.parse_args()
    if not tesseract_available():
        print("tesseract is not installed (apt-get install tesseract-ocr)", file=sys.stderr)
        return 2
    m = registry.read(args.map)
    zooms: list[float | None] = [None, 0.15, 0.3, *(args.zoom or [])]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{args.map.name}: distinct words of 5+ letters from the claims read by OCR")
        print(f"{'view':<14} {'words':>6} {'aim':>5}  time")
        for zoom in zooms:
            name = "opening" if zoom is None else f"zoom {zoom:g}"
            start = time.perf_counter()
            png = canvas_shot(folder / f"{name.replace(' ', '-')}.png", args.map, zoom)
            found = legible_words(png, m)
            took = time.perf_counter() - start
            aim = AIMS.get(zoom)
            mark = "" if aim is None else ("  ok" if len(found) >= aim else "  BELOW AIM")
            print(f"{name:<14} {len(found):>6} {aim or '':>5}  {took:.1f} s{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
