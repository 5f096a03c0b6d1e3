"""PNG, SVG and PDF exports, checked by reading them back."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from argmap.cli import main
from argmap.io import native
from argmap.model import ArgumentMap, Claim, ClaimKind, MapInfo, Relation, RelationKind
from argmap.model.errors import UsageError
from argmap.ui import pictures as images


@pytest.fixture
def small(qapp) -> ArgumentMap:
    m = ArgumentMap(MapInfo(title="Export test"))
    m.add_claim(Claim("t", "Talks will stall & <fail>", ClaimKind.THESIS, x=0, y=0))
    m.add_claim(Claim("a", "Positions are hard", x=-200, y=250))
    m.add_claim(Claim("b", "Washington wants a deal", x=200, y=250))
    m.add_relation(Relation("r1", "a", "t"))
    m.add_relation(Relation("r2", "b", "t", RelationKind.ATTACK))
    return m


def non_background_pixels(image: QImage, background=(255, 255, 255)) -> int:
    count = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            c = image.pixelColor(x, y)
            if c.alpha() > 0 and (c.red(), c.green(), c.blue()) != background:
                count += 1
    return count


def test_png_size_follows_scale_and_has_ink(small, tmp_path):
    one = QImage.fromData(images.render_png(small, scale=1.0))
    two = QImage.fromData(images.render_png(small, scale=2.0))
    assert abs(two.width() - 2 * one.width()) <= 2 and abs(two.height() - 2 * one.height()) <= 2
    # Cards span x -320..320 (640), plus 4 px of item bounds and 40 px of margin each side.
    assert 720 <= one.width() <= 740 and one.height() > 250
    assert non_background_pixels(two) > 2000
    corner = two.pixelColor(2, 2)
    assert (corner.red(), corner.green(), corner.blue(), corner.alpha()) == (255, 255, 255, 255)


def test_png_transparent_background_and_dpi(small, tmp_path):
    image = QImage.fromData(images.render_png(small, dpi=192, background="transparent"))
    assert image.pixelColor(2, 2).alpha() == 0
    assert non_background_pixels(image) > 2000
    assert round(image.dotsPerMeterX() * 0.0254) == 192


def test_png_of_a_selection_is_smaller(small):
    whole = QImage.fromData(images.render_png(small, scale=1.0))
    part = QImage.fromData(images.render_png(small, scale=1.0, claim_ids=["a"]))
    assert part.width() < whole.width() / 2


def test_svg_is_vector_with_the_claim_texts(small, tmp_path):
    path = tmp_path / "m.svg"
    images.write(small, path)
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    texts = " ".join("".join(t.itertext()) for t in root.iter() if t.tag.endswith("text"))
    for claim in small.claims.values():
        assert claim.text in texts
    assert not [e for e in root.iter() if e.tag.endswith("image")]  # no bitmaps of cards


def test_pdf_header_page_count_and_page_sizes(small, tmp_path):
    for page in ("map", "A4"):
        data = images.render_pdf(small, page=page)
        assert data.startswith(b"%PDF-")
        assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    a4 = images.render_pdf(small, page="A4")
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", a4)
    w, h = float(box.group(1)), float(box.group(2))
    assert (round(w), round(h)) == (842, 595)  # landscape: the map is wider than tall
    with pytest.raises(UsageError, match="unknown page size"):
        images.render_pdf(small, page="B9")


def test_export_leaves_the_model_untouched_and_unobserved(small):
    listeners = len(small.claim_added)
    before = small.copy()
    images.render_png(small, scale=0.5)
    assert small == before and len(small.claim_added) == listeners


def test_cli_convert_to_pictures(small, tmp_path, capsys):
    src = tmp_path / "m.argmap"
    native.write(small, src)
    for ext in ("png", "svg", "pdf"):
        out = tmp_path / f"m.{ext}"
        assert main(["convert", str(src), str(out)]) == 0
        assert out.stat().st_size > 1000
    assert main(["convert", str(tmp_path / "m.png"), str(tmp_path / "x.argmap")]) == 2
    assert "cannot read png" in capsys.readouterr().err
