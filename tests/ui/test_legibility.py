"""The seed map can be read at the opening view and zoomed out, by OCR of the canvas alone
(issue 20's aims: opening view >= 40 words, zoom 0.15 >= 20, zoom 0.3 >= 40). Skipped where
tesseract is not installed (`apt-get install tesseract-ocr`)."""

from __future__ import annotations

import pytest

from argmap.io import native
from tests.ui.legibility import canvas_shot, legible_words, map_words, tesseract_available

pytestmark = pytest.mark.skipif(not tesseract_available(), reason="tesseract is not installed")


@pytest.mark.parametrize(("zoom", "aim"), [(None, 40), (0.15, 20), (0.3, 40)])
def test_the_seed_map_reads_at_the_opening_view_and_zoomed_out(tmp_path, seed_path, zoom, aim):
    m = native.read(seed_path)
    png = canvas_shot(tmp_path / "shot.png", seed_path, zoom)
    found = legible_words(png, m)
    assert found <= map_words(m)
    assert len(found) >= aim, sorted(found)
