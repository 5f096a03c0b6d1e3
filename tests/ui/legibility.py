"""What a person can read on the canvas, measured by OCR (shared with
benchmarks/bench_legibility.py, which prints the figures).

The canvas alone is rendered at 1600x1000 by the app's own screenshot mode (`--canvas-only`),
read by tesseract (`--psm 11`: sparse text, as labels on a map are), and the distinct words
of five or more letters that also occur in the map's claims are counted: words a reader could
take from the picture. Tesseract is a system package (`apt-get install tesseract-ocr`,
`brew install tesseract`); callers skip when `tesseract_available()` is false.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from argmap.model.map import ArgumentMap

ROOT = Path(__file__).resolve().parents[2]
WORD = re.compile(r"[^\W\d_]{5,}")
SIZE = "1600x1000"


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def map_words(m: ArgumentMap) -> set[str]:
    """Every word of five or more letters in the map's claims (title and text), lower case."""
    words: set[str] = set()
    for c in m.claims.values():
        for text in (c.text, str(getattr(c, "title", "") or "")):
            words.update(w.lower() for w in WORD.findall(text))
    return words


def canvas_shot(out: Path, map_path: Path, zoom: float | None = None) -> Path:
    """Render the canvas alone (the opening view when `zoom` is None) to `out` (a PNG)."""
    cmd = [sys.executable, str(ROOT / "main.py"), str(map_path), "--screenshot", str(out)]
    cmd += ["--size", SIZE, "--canvas-only"]
    if zoom is not None:
        cmd += ["--zoom", str(zoom)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    subprocess.run(cmd, check=True, env=env, capture_output=True, timeout=120)
    return out


def ocr_words(png: Path) -> set[str]:
    """Distinct words of five or more letters tesseract reads in a picture, lower case."""
    done = subprocess.run(
        ["tesseract", str(png), "-", "--psm", "11"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return {w.lower() for w in WORD.findall(done.stdout)}


def legible_words(png: Path, m: ArgumentMap) -> set[str]:
    """The map's words that OCR finds in the picture."""
    return ocr_words(png) & map_words(m)
