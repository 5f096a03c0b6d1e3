"""Edge routing (argmap/analysis/routing.py): arrows around cards, fanned ports."""

from __future__ import annotations

import math
import random

import pytest

from argmap.analysis import routing
from argmap.analysis.geometry import clip_segment, segment_hits_rect
from argmap.analysis.layout import arrows_through_cards, layered_layout
from argmap.analysis.routing import Arrow, RectIndex, crosses, fan_ports, route, route_map
from argmap.model import ArgumentMap, Claim, MapInfo, Relation, RelationKind
from argmap.model.synthetic import tree_like_map


def scattered_cards(rng: random.Random, n: int) -> dict[str, routing.Rect]:
    """Cards of varied height on a jittered grid, 30 to 150 px apart, never overlapping."""
    rects = {}
    cols = max(2, int(math.sqrt(n * 1.5)))
    x_gap, y_gap = 240 + 150, 130 + 150
    for k in range(n):
        i, j = k % cols, k // cols
        w, h = 240.0, rng.choice((74.0, 92.0, 110.0, 128.0))
        x = i * x_gap + rng.uniform(-60, 60)
        y = j * y_gap + rng.uniform(-60, 60)
        rects[f"c{k}"] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    return rects


def random_arrows(rng: random.Random, ids: list[str], n: int) -> list[Arrow]:
    arrows: list[Arrow] = []
    for k in range(n):
        a, b = rng.sample(ids, 2)
        link = None
        if arrows and rng.random() < 0.15:  # linked with an earlier arrow into the same card
            prev = rng.choice(arrows)
            if prev.source != a and prev.target != a and not prev.undercut:
                b, link = prev.target, ("L", prev.target)
                arrows = [
                    x if x is not prev else Arrow(x.id, x.source, x.target, False, link)
                    for x in arrows
                ]
        arrows.append(Arrow(f"r{k}", a, b, False, link))
    for k in range(n // 8):  # undercuts of earlier arrows
        target = rng.choice(arrows)
        source = rng.choice([c for c in ids if c not in (target.source, target.target)])
        arrows.append(Arrow(f"u{k}", source, target.id, True))
    return arrows


def owners(arrow: Arrow, by_id: dict[str, Arrow]) -> set[str]:
    if not arrow.undercut:
        return {arrow.source, arrow.target}
    return {arrow.source} | owners(by_id[arrow.target], by_id)


def foreign_hits(routes, arrows, rects) -> list[tuple[str, str]]:
    by_id = {a.id: a for a in arrows}
    hits = []
    for rid, r in routes.items():
        points = r.polyline(16)
        mine = owners(by_id[rid], by_id)
        for cid, rect in rects.items():
            if cid in mine:
                continue
            if any(crosses(p, q, rect) for p, q in zip(points, points[1:], strict=False)):
                hits.append((rid, cid))
    return hits


@pytest.mark.parametrize("style", ["curved", "orthogonal"])
def test_no_routed_arrow_crosses_a_card_it_does_not_belong_to(style: str) -> None:
    straight_hits = 0
    for seed in range(12):
        rng = random.Random(seed)
        rects = scattered_cards(rng, rng.randint(8, 40))
        arrows = random_arrows(rng, sorted(rects), rng.randint(5, 50))
        routes = route_map(arrows, rects, style)
        assert set(routes) == {a.id for a in arrows}
        assert foreign_hits(routes, arrows, rects) == [], (seed, style)
        straight_hits += len(foreign_hits(route_map(arrows, rects, "straight"), arrows, rects))
    assert straight_hits > 20  # the maps do put cards in the way of straight arrows


def test_laid_out_tree_maps_have_no_arrow_through_a_card() -> None:
    for seed in range(3):
        m = tree_like_map(150, seed=seed)
        pos = layered_layout(m)
        assert arrows_through_cards(m, pos) != []  # straight, some go through cards
        for style in ("curved", "orthogonal"):
            paths = routing.routed_polylines(m, pos, style=style)
            assert arrows_through_cards(m, pos, paths=paths) == [], (seed, style)


def test_fan_out_gives_distinct_ends_in_the_order_of_the_sources() -> None:
    target = (0.0, 0.0, 240.0, 80.0)
    ends = [((f"r{k}", "t"), (x, 400.0)) for k, x in enumerate((700, -500, 120, 300, -100))]
    ports = fan_ports(target, ends)
    points = [ports[key][0] for key, _ in ends]
    assert len(set(points)) == 5
    assert all(side == "bottom" for _, side in ports.values())
    assert all(p[1] == 80.0 and 0 < p[0] < 240 for p in points)
    by_source = [ports[key][0][0] for key, _ in sorted(ends, key=lambda e: e[1][0])]
    assert by_source == sorted(by_source)  # left to right as their sources: no crossing here
    # On a map: five premises under one conclusion end at five points on its bottom side.
    rects = {"t": (0.0, 0.0, 240.0, 80.0)}
    rects |= {f"p{k}": (k * 300.0 - 600, 300.0, k * 300.0 - 360, 380.0) for k in range(5)}
    arrows = [Arrow(f"r{k}", f"p{k}", "t") for k in range(5)]
    for style in ("curved", "orthogonal"):
        tips = {r.tip for r in route_map(arrows, rects, style).values()}
        assert len(tips) == 5 and all(t[1] == 80.0 for t in tips)


def test_linked_premises_share_one_tip_through_a_knot() -> None:
    rects = {"t": (0.0, 0.0, 240.0, 80.0), "a": (-300.0, 300.0, -60.0, 380.0)}
    rects["b"] = (300.0, 300.0, 540.0, 380.0)
    arrows = [Arrow("r1", "a", "t", link="k"), Arrow("r2", "b", "t", link="k")]
    routes = route_map(arrows, rects)
    assert routes["r1"].tip == routes["r2"].tip
    knot = routes["r1"].junction
    assert knot is not None and knot == routes["r2"].junction
    assert knot[1] == 80.0 + routing.JUNCTION_GAP  # straight below the conclusion
    assert all(knot in r.polyline() for r in routes.values())


def test_orthogonal_routes_run_horizontally_and_vertically() -> None:
    rng = random.Random(5)
    rects = scattered_cards(rng, 30)
    arrows = random_arrows(rng, sorted(rects), 40)
    for r in route_map(arrows, rects, "orthogonal").values():
        for cmd, nxt in zip(r.commands, r.commands[1:], strict=False):
            if nxt[0] == "L":  # lines (corners are quadratic curves)
                a, b = cmd[-1], nxt[1]
                assert abs(a[0] - b[0]) < 1e-6 or abs(a[1] - b[1]) < 1e-6, r.commands


def test_clear_arrows_stay_straight_and_undercuts_aim_at_the_routed_middle() -> None:
    rects = {
        "t": (0.0, 0.0, 240.0, 80.0),
        "p": (0.0, 300.0, 240.0, 380.0),
        "x": (400.0, 150.0, 640.0, 230.0),
    }
    arrows = [Arrow("r", "p", "t"), Arrow("u", "x", "r", undercut=True)]
    routes = route_map(arrows, rects)
    assert routes["r"].commands == (("M", (120.0, 300.0)), ("L", (120.0, 80.0)))
    assert routes["u"].tip == pytest.approx(routes["r"].midpoint())
    # A card in the way: the arrow bends around it, clear of it by the margin.
    rects["block"] = (60.0, 160.0, 180.0, 220.0)
    routes = route_map(arrows[:1], rects)
    assert len(routes["r"].commands) > 2
    assert foreign_hits(routes, arrows[:1], rects) == []


def test_routing_is_deterministic() -> None:
    rng = random.Random(9)
    rects = scattered_cards(rng, 30)
    arrows = random_arrows(rng, sorted(rects), 40)
    for style in routing.STYLES:
        assert route_map(arrows, rects, style) == route_map(arrows, dict(rects), style)


def test_rect_index_finds_what_a_scan_finds() -> None:
    rng = random.Random(2)
    rects = scattered_cards(rng, 60)
    index = RectIndex(rects)
    for _ in range(50):
        x, y = rng.uniform(-500, 3000), rng.uniform(-500, 3000)
        box = (x, y, x + rng.uniform(0, 900), y + rng.uniform(0, 900))
        scan = {
            cid
            for cid, r in rects.items()
            if r[0] <= box[2] and r[2] >= box[0] and r[1] <= box[3] and r[3] >= box[1]
        }
        assert {cid for cid, _ in index.query(box)} == scan


def test_one_clipping_routine() -> None:
    rect = (0.0, 0.0, 100.0, 50.0)
    assert clip_segment((-50, 25), (150, 25), rect) == (0.25, 0.75)
    assert clip_segment((-50, 80), (150, 80), rect) is None
    assert crosses((-50, 25), (150, 25), rect) and not crosses((-50, 0), (150, 0), rect)
    assert segment_hits_rect((-50, 25), (150, 25), (50, 25), (100, 50))
    assert not segment_hits_rect((-50, 0), (150, 0), (50, 25), (100, 50))  # along the border


def test_a_route_between_ports_has_straight_stubs() -> None:
    index = RectIndex({"block": (-50.0, 100.0, 50.0, 200.0)})
    commands, tail = route((0.0, 0.0), "bottom", (0.0, 300.0), "top", index, (), "curved")
    assert commands[0] == ("M", (0.0, 0.0))
    assert commands[1] == ("L", (0.0, routing.STUB))  # straight out of the card
    assert commands[-1] == ("L", (0.0, 300.0))  # and straight in
    assert tail == (0.0, 300.0 - routing.STUB)


def test_seed_map_laid_out_fresh_has_no_arrow_through_a_card() -> None:
    from pathlib import Path

    from argmap.io import native

    m = native.read(Path(__file__).resolve().parents[2] / "seeds" / "peace-talks.argmap")
    pos = layered_layout(m)
    assert len(arrows_through_cards(m, pos)) > 0  # straight lines would cross cards
    for style in ("curved", "orthogonal"):
        paths = routing.routed_polylines(m, pos, style=style)
        assert len(paths) == len(m.relations)
        assert arrows_through_cards(m, pos, paths=paths) == []


def test_map_helpers_follow_the_model() -> None:
    m = ArgumentMap(MapInfo())
    m.add_claim(Claim("a", "A", x=0, y=0))
    m.add_claim(Claim("b", "B", x=0, y=300))
    m.add_claim(Claim("c", "C", x=300, y=300))
    m.add_relation(Relation("r", "b", "a", link="L"))
    m.add_relation(Relation("s", "c", "a", link="L"))
    m.add_relation(Relation("u", "c", "r", RelationKind.ATTACK))
    arrows = {a.id: a for a in routing.map_arrows(m)}
    assert arrows["r"].link == arrows["s"].link == ("L", "a")
    assert arrows["u"].undercut and arrows["u"].link is None
    rects = routing.card_rects(m)
    assert rects["a"] == (-120.0, -37.0, 120.0, 37.0)


def test_a_long_chain_of_undercuts_is_routed_whole() -> None:
    """300 undercuts, each attacking the one before: every arrow routed, each aiming at the
    middle of the routed arrow it attacks (no recursion down the chain, no depth cut-off)."""
    rects = {"t": (0.0, 0.0, 240.0, 80.0), "p": (0.0, 400.0, 240.0, 480.0)}
    arrows = [Arrow("r0", "p", "t")]
    for k in range(1, 301):
        cid = f"c{k}"
        x = 400.0 + 300.0 * (k % 10)
        y = 150.0 * (k // 10)
        rects[cid] = (x, y, x + 240.0, y + 80.0)
        arrows.append(Arrow(f"r{k}", cid, f"r{k - 1}", undercut=True))
    routes = route_map(list(reversed(arrows)), rects)
    assert set(routes) == {a.id for a in arrows}
    for k in range(1, 301):
        assert routes[f"r{k}"].tip == pytest.approx(routes[f"r{k - 1}"].midpoint())


def rows_of_cards(rows: int, per_row: int) -> dict[str, routing.Rect]:
    """Rows of cards as a layered layout leaves them: 240 × 80, 60 px apart, rows 80 px apart,
    every other row shifted by half a card so no straight line runs down a gap."""
    rects = {}
    for j in range(rows):
        shift = 150.0 if j % 2 else 0.0
        for i in range(per_row):
            x, y = i * 300.0 + shift, j * 160.0
            rects[f"c{j}-{i}"] = (x, y, x + 240.0, y + 80.0)
    return rects


@pytest.mark.parametrize("style", ["curved", "orthogonal"])
def test_long_arrows_across_rows_go_through_the_gaps_without_a_grid_search(
    style: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Arrows across 30 rows of cards (and, turned a quarter, across 30 columns) are routed
    through the gaps between the rows: the grid search (seconds per arrow on big maps) is
    never needed, and no arrow crosses a card."""

    def no_search(*args: object, **kwargs: object) -> None:
        raise AssertionError("the grid search ran")

    monkeypatch.setattr(routing, "_searched", no_search)
    for turned in (False, True):
        rects = rows_of_cards(30, 12)
        if turned:  # columns: a map laid out left to right
            rects = {c: (r[1], r[0], r[3], r[2]) for c, r in rects.items()}
        ids = sorted(rects)
        rng = random.Random(5)
        top = [c for c in ids if c.startswith("c0-")]
        bottom = [c for c in ids if c.startswith("c29-")]
        middle = [c for c in ids if c.startswith("c14-")]
        arrows = [Arrow(f"r{k}", rng.choice(bottom), rng.choice(top)) for k in range(12)]
        # and sideways, between cards of one row with cards between them
        arrows += [Arrow(f"s{k}", middle[k], middle[-1 - k]) for k in range(4)]
        routes = route_map(arrows, rects, style)
        assert set(routes) == {a.id for a in arrows}
        assert foreign_hits(routes, arrows, rects) == [], (style, turned)
        straight = route_map(arrows, rects, "straight")
        assert len(foreign_hits(straight, arrows, rects)) > 40  # they were in the way


def test_big_laid_out_map_has_no_arrow_through_a_card() -> None:
    """1,500 claims (2,000 relations, the kind of map the canvas once opened with straight
    arrows because routing it took minutes)."""
    m = tree_like_map(1500, seed=1)
    pos = layered_layout(m)
    assert len(arrows_through_cards(m, pos)) > 500  # straight
    for style in ("curved", "orthogonal"):
        paths = routing.routed_polylines(m, pos, style=style)
        assert arrows_through_cards(m, pos, paths=paths) == [], style


def test_rect_index_near_a_polyline_finds_what_a_scan_finds() -> None:
    """Cards within a distance of a polyline: from runs of short pieces (a sampled curve), long
    pieces and wide corridors, never fewer than a scan finds."""
    rng = random.Random(4)
    rects = scattered_cards(rng, 200)
    index = RectIndex(rects)
    for width in (0.0, 12.0, 600.0, 3000.0):
        for _ in range(20):
            points = [(rng.uniform(-500, 6000), rng.uniform(-500, 6000))]
            for _ in range(rng.randint(1, 30)):
                step = rng.choice((8.0, 40.0, 2000.0))
                x, y = points[-1]
                points.append((x + rng.uniform(-step, step), y + rng.uniform(-step, step)))
            found = {cid for cid, _ in index.near_polyline(points, width)}
            for cid, r in rects.items():
                grown = (r[0] - width, r[1] - width, r[2] + width, r[3] + width)
                if any(
                    clip_segment(p, q, grown) is not None
                    for p, q in zip(points, points[1:], strict=False)
                ):
                    assert cid in found, (width, cid)
