"""The seed map laid out afresh by the automatic layout (its stored layout is hand-tuned and
stays as it is): as few crossings as Graphviz dot draws, and the stored file untouched."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from argmap.analysis import routing
from argmap.analysis.geometry import estimated_card_size, overlaps
from argmap.analysis.layout import (
    GROUP_HEADER,
    GROUP_MARGIN,
    arrows_through_cards,
    count_crossings,
    layered_layout,
)
from argmap.io import native

MAP = Path(__file__).resolve().parents[2] / "seeds" / "peace-talks.argmap"
DOT_CROSSINGS = 12  # `dot -Tplain` on the same graph and card sizes (benchmarks/bench_layout.py)
DOT_THROUGH = 12  # and dot's straight arrows over cards they do not belong to
# The same with each group a `subgraph cluster_…` (dot keeps clusters apart, as we keep groups).
DOT_CLUSTER_CROSSINGS = 75


def test_fresh_layout_of_the_seed_map() -> None:
    before = MAP.read_bytes()
    m = native.read(MAP)
    pos = layered_layout(m)
    assert set(pos) == set(m.claims)
    sizes = {cid: estimated_card_size(c) for cid, c in m.claims.items()}
    assert overlaps(pos, sizes) == []
    # Fewer crossings than dot draws (12; this layout drew 7 when this was written), with no
    # more straight arrows over cards than dot's 12: the layout keeps the drawing with the
    # fewest of both together. The stored, hand-tuned layout has none over cards.
    assert count_crossings(m, pos) <= DOT_CROSSINGS - 3
    assert len(arrows_through_cards(m, pos, sizes)) <= DOT_THROUGH
    assert arrows_through_cards(m, None, sizes) == []
    # Theses that argue for nothing else are on top of their part of the map.
    part: dict[str, set[str]] = {}
    for comp in nx.weakly_connected_components(m.graph):
        for cid in comp:
            part[cid] = comp
    for c in m.claims.values():
        if c.kind.value == "thesis" and not any(r.source == c.id for r in m.relations.values()):
            assert pos[c.id][1] == min(pos[o][1] for o in part[c.id]), c.id
    assert MAP.read_bytes() == before


def test_fresh_layout_of_the_seed_map_keeps_its_sections_apart() -> None:
    m = native.read(MAP)
    sizes = {cid: estimated_card_size(c) for cid, c in m.claims.items()}
    flat = layered_layout(m)
    assert frame_overlaps(m, flat, sizes) != []  # sections interleave in the plain layout
    pos = layered_layout(m, keep_groups=True)
    assert frame_overlaps(m, pos, sizes) == []
    assert overlaps(pos, sizes) == []
    assert count_crossings(m, pos) <= DOT_CLUSTER_CROSSINGS
    paths = routing.routed_polylines(m, pos, sizes)
    assert arrows_through_cards(m, pos, sizes, paths=paths) == []


def frame_overlaps(m, pos, sizes) -> list[tuple[str, str]]:
    """Pairs of groups whose frames (as the canvas draws them) overlap, and (group, claim)
    for a card of no group inside a frame."""
    frames = {}
    for g in m.groups.values():
        rects = [(pos[c], sizes[c]) for c in g.claims]
        frames[g.id] = (
            min(x - w / 2 for (x, _), (w, _) in rects) - GROUP_MARGIN,
            min(y - h / 2 for (_, y), (_, h) in rects) - GROUP_MARGIN - GROUP_HEADER,
            max(x + w / 2 for (x, _), (w, _) in rects) + GROUP_MARGIN,
            max(y + h / 2 for (_, y), (_, h) in rects) + GROUP_MARGIN,
        )
    found = []
    ids = sorted(frames)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            fa, fb = frames[a], frames[b]
            if fa[0] < fb[2] and fb[0] < fa[2] and fa[1] < fb[3] and fb[1] < fa[3]:
                found.append((a, b))
    grouped = {c for g in m.groups.values() for c in g.claims}
    for cid in m.claims:
        if cid in grouped:
            continue
        (x, y), (w, h) = pos[cid], sizes[cid]
        for gid, f in frames.items():
            if x - w / 2 < f[2] and f[0] < x + w / 2 and y - h / 2 < f[3] and f[1] < y + h / 2:
                found.append((gid, cid))
    return found
