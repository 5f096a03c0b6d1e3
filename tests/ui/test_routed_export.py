"""A picture of a mid-size map from the command line, read back: its arrows are routed
around the cards (issue 15: no arrow through a card), drawn as the canvas draws them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from argmap.analysis.geometry import CARD_WIDTH
from argmap.analysis.routing import crosses, flatten
from argmap.cli import main
from argmap.io import native
from argmap.model.synthetic import synthetic_map
from argmap.ui.theme import theme_named

SVG = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]


def _matrix(g: ET.Element) -> tuple[float, float, float, float]:
    """Scale and offset of a group's `matrix(a,b,c,d,e,f)` (Qt writes no rotation here)."""
    found = re.search(r"matrix\(([^)]*)\)", g.get("transform", ""))
    if not found:
        return 1.0, 1.0, 0.0, 0.0
    a, _b, _c, d, e, f = (float(v) for v in found.group(1).split(","))
    return a, d, e, f


def _path_commands(d: str) -> list[tuple]:
    """Qt's SVG path data (absolute M, L, C, Q, Z) as routing commands."""
    tokens = re.findall(r"[MLCQZ]|-?[\d.]+(?:e-?\d+)?", d)
    out: list[tuple] = []
    i, start = 0, None
    sizes = {"M": 1, "L": 1, "C": 3, "Q": 2}
    while i < len(tokens):
        op = tokens[i]
        i += 1
        if op == "Z":
            if start is not None:
                out.append(("L", start))
            continue
        points = []
        for _ in range(sizes[op]):
            points.append((float(tokens[i]), float(tokens[i + 1])))
            i += 2
        out.append((op, *points))
        if op == "M":
            start = points[0]
    return out


def picture_shapes(svg: Path) -> tuple[list[tuple], list[list[Point]], int]:
    """Card rectangles, arrow lines (as polylines) and how many arrow pieces are curves, in
    the picture's coordinates."""
    theme = theme_named("light")
    card_fills = {c.name() for c in theme.card_fill.values()}
    arrow_strokes = {c.name() for c in theme.relation.values()}
    cards, arrows, curves = [], [], 0
    for g in ET.parse(svg).getroot().iter(f"{SVG}g"):
        sx, sy, dx, dy = _matrix(g)

        def at(p: Point, sx=sx, sy=sy, dx=dx, dy=dy) -> Point:
            return (p[0] * sx + dx, p[1] * sy + dy)

        fill, stroke = g.get("fill"), g.get("stroke")
        for shape in g:
            if shape.tag == f"{SVG}path":
                commands = _path_commands(shape.get("d", ""))
                points = [at(p) for p in flatten(commands, 16)]
            elif shape.tag == f"{SVG}polyline":
                numbers = [float(v) for v in re.split(r"[ ,]+", shape.get("points", "").strip())]
                points = [at(p) for p in zip(numbers[::2], numbers[1::2], strict=True)]
                commands = []
            else:
                continue
            if fill in card_fills and shape.tag == f"{SVG}path":
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                if abs(max(xs) - min(xs) - CARD_WIDTH * sx) < 2:  # a card, not a label chip
                    cards.append((min(xs), min(ys), max(xs), max(ys)))
            elif fill == "none" and stroke in arrow_strokes:
                arrows.append(points)
                curves += sum(1 for c in commands if c[0] in ("C", "Q"))
    return cards, arrows, curves


def through_cards(cards: list[tuple], arrows: list[list[Point]]) -> int:
    """Arrow pieces passing through the inside of a card (2 px in from its border: arrows
    start and end on their own cards' borders)."""
    n = 0
    for line in arrows:
        for a, b in zip(line, line[1:], strict=False):
            n += sum(1 for r in cards if crosses(a, b, r, -2.0))
    return n


def test_a_routed_svg_of_a_mid_size_map_has_no_arrow_through_a_card(tmp_path, capsys):
    m = synthetic_map(150, 225, seed=5)
    path = tmp_path / "mid.argmap"
    native.write(m, path, backup=False)
    routed, straight = tmp_path / "routed.svg", tmp_path / "straight.svg"
    assert main(["export", "svg", str(path), "-o", str(routed)]) == 0
    assert main(["export", "svg", str(path), "--arrows", "straight", "-o", str(straight)]) == 0
    cards, arrows, curves = picture_shapes(routed)
    assert len(cards) == len(m.claims)
    assert len(arrows) >= len(m.relations) * 0.9
    assert curves > 100  # routed: curved around the cards in the way
    assert through_cards(cards, arrows) == 0
    # The same map drawn straight: arrows cut through cards, and the reading sees them.
    cards, arrows, curves = picture_shapes(straight)
    assert len(cards) == len(m.claims) and curves == 0
    assert through_cards(cards, arrows) > 20
