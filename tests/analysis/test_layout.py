"""Layered layout: no overlaps, fixed claims stay, conclusions on the chosen side, cycles work.

Overlaps are checked with the rectangle geometry on every card of the map (moved and fixed),
on random maps from `tests.strategies.maps()` and on a synthetic map of 1,000 claims.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.geometry import (
    estimated_card_size,
    overlaps,
    rects_overlap,
    wrapped_line_count,
)
from argmap.analysis.layout import DIRECTIONS, count_crossings, layered_layout, needs_layout
from argmap.model import ArgumentMap, Claim, ClaimKind, ModelError, Relation, RelationKind
from argmap.model.edits import MoveClaims
from argmap.model.map import build_map
from argmap.model.synthetic import synthetic_map
from argmap.model.types import with_changes
from tests.strategies import maps

ATTACK = RelationKind.ATTACK


def final_positions(m: ArgumentMap, moved: dict) -> dict:
    return {cid: moved.get(cid, c.pos) for cid, c in m.claims.items()}


def sizes_of(m: ArgumentMap) -> dict:
    return {cid: estimated_card_size(c) for cid, c in m.claims.items()}


def moved_overlaps(m: ArgumentMap, moved: dict, sizes: dict | None = None) -> list:
    """Overlapping pairs with at least one moved card (fixed cards may overlap each other)."""
    pairs = overlaps(final_positions(m, moved), sizes or sizes_of(m))
    return [p for p in pairs if p[0] in moved or p[1] in moved]


def claim_target(m: ArgumentMap, r: Relation) -> str:
    while r.target not in m.claims:
        r = m.relations[r.target]
    return r.target


def ordered_pairs(m: ArgumentMap, ids: set[str]) -> list[tuple[str, str]]:
    """(conclusion, premise) pairs that must be in order: relations (undercuts reaching the
    claim they finally argue about) between laid-out claims whose ends are not on a common
    cycle of that same graph."""
    g = nx.DiGraph()
    g.add_nodes_from(ids)
    for r in m.relations.values():
        t = claim_target(m, r)
        if t in ids and r.source in ids and t != r.source:
            g.add_edge(t, r.source)
    scc = {}
    for i, comp in enumerate(nx.strongly_connected_components(g)):
        for v in comp:
            scc[v] = i
    return [(a, b) for a, b in g.edges if scc[a] != scc[b]]


def chain(n: int, prefix: str = "c", x: float = 0.0) -> tuple[list[Claim], list[Relation]]:
    """c0 ← c1 ← ... (each claim supports the previous one); c0 a thesis."""
    claims = [
        Claim(f"{prefix}{i}", f"Claim {i}", ClaimKind.THESIS if i == 0 else ClaimKind.CLAIM, x=x)
        for i in range(n)
    ]
    rels = [Relation(f"r{prefix}{i}", f"{prefix}{i}", f"{prefix}{i - 1}") for i in range(1, n)]
    return claims, rels


# -- card size and geometry -----------------------------------------------------------------


def test_card_size_follows_word_wrap() -> None:
    assert estimated_card_size(Claim("a", "")) == (240.0, 74.0)
    assert wrapped_line_count("x" * 32) == 1
    assert wrapped_line_count("x" * 33) == 2
    assert wrapped_line_count("aaaa " * 6 + "bb") == 1  # 32 characters exactly
    assert wrapped_line_count("aaaa " * 6 + "bbb") == 2  # the last word moves down
    assert wrapped_line_count("y" * 70) == 3  # a long word is broken
    assert wrapped_line_count("one\ntwo\n\nthree") == 4  # explicit breaks, empty line counts
    assert estimated_card_size(Claim("a", "word " * 20)) == (240.0, 56.0 + 18 * 4)


def test_overlaps_finds_pairs_and_ignores_touching() -> None:
    pos = {"a": (0.0, 0.0), "b": (100.0, 0.0), "c": (240.0, 0.0), "d": (0.0, 74.0)}
    sizes = dict.fromkeys(pos, (240.0, 74.0))
    assert overlaps(pos, sizes) == [("a", "b"), ("b", "c")]
    assert not rects_overlap((0, 0), (10, 10), (10, 0), (10, 10))
    assert rects_overlap((0, 0), (10, 10), (9.5, 9.5), (10, 10))


def test_count_crossings() -> None:
    claims = [Claim(c) for c in "abcde"]
    rels = [Relation("r1", "a", "b"), Relation("r2", "c", "d"), Relation("r3", "e", "b")]
    m = build_map(claims, rels)
    # a-b and c-d cross as an X; e-b shares b with a-b, so it never counts.
    pos = {"a": (0, 0), "b": (10, 10), "c": (0, 10), "d": (10, 0), "e": (0, 5)}
    assert count_crossings(m, pos) == 2  # r1×r2, r3×r2
    pos["d"] = (-10, 0)  # c-d now lies left of everything
    assert count_crossings(m, pos) == 0
    # An undercut is drawn to the midpoint of the relation it attacks: it touches that
    # relation's line without crossing it, and crosses the lines in its way.
    m = build_map(
        [Claim(c) for c in "abcde"],
        [Relation("r1", "a", "b"), Relation("u", "c", "r1", ATTACK), Relation("r2", "d", "e")],
    )
    pos = {"a": (0, 0), "b": (0, 10), "c": (10, 5), "d": (5, 0), "e": (5, 10)}
    assert count_crossings(m, pos) == 1  # u × r2
    pos["d"], pos["e"] = (-5, 0), (-5, 10)
    assert count_crossings(m, pos) == 0


# -- layout ---------------------------------------------------------------------------------


def test_empty_and_all_pinned_maps() -> None:
    assert layered_layout(ArgumentMap()) == {}
    m = build_map([Claim("a", pinned=True), Claim("b", pinned=True)])
    assert layered_layout(m) == {}


def test_bad_arguments_are_model_errors() -> None:
    m = build_map([Claim("a")])
    with pytest.raises(ModelError, match="direction"):
        layered_layout(m, direction="XY")
    with pytest.raises(ModelError, match="'nope'"):
        layered_layout(m, claim_ids=["nope"])


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_conclusions_on_the_chosen_side(direction: str) -> None:
    claims, rels = chain(4)
    claims.append(Claim("e", "Evidence", ClaimKind.EVIDENCE))
    rels.append(Relation("re", "e", "c1", ATTACK))
    m = build_map(claims, rels)
    pos = layered_layout(m, direction=direction)
    assert moved_overlaps(m, pos) == []
    for r in m.relations.values():
        (px, py), (cx, cy) = pos[r.source], pos[r.target]
        if direction == "TB":
            assert cy < py  # the conclusion above its premise
        elif direction == "BT":
            assert cy > py
        elif direction == "LR":
            assert cx > px  # arrows run left to right
        else:
            assert cx < px


def test_layers_are_rows_with_the_requested_gaps() -> None:
    claims, rels = chain(3)
    m = build_map(claims, rels)
    pos = layered_layout(m, spacing=(60, 80))
    # Equal card heights (74): the next layer is 74 + 80 further down.
    assert pos["c1"][1] - pos["c0"][1] == pytest.approx(154)
    assert pos["c2"][1] - pos["c1"][1] == pytest.approx(154)
    two = build_map(
        [Claim("t", kind=ClaimKind.THESIS), Claim("p"), Claim("q")],
        [Relation("r1", "p", "t"), Relation("r2", "q", "t")],
    )
    pos = layered_layout(two, spacing=(60, 80))
    assert pos["p"][1] == pos["q"][1]
    assert abs(pos["p"][0] - pos["q"][0]) >= 240 + 60


def test_cycles_do_not_crash_and_do_not_overlap() -> None:
    claims = [Claim(c, c) for c in "abcdef"]
    rels = [
        Relation("r1", "a", "b", ATTACK),
        Relation("r2", "b", "a", ATTACK),  # mutual attack
        Relation("r3", "c", "d"),
        Relation("r4", "d", "e"),
        Relation("r5", "e", "c"),  # support circle
        Relation("r6", "f", "c"),  # f only supports: it stays below the circle's entry
        Relation("r7", "a", "a", ATTACK),  # a self-attack is allowed by the model
    ]
    m = build_map(claims, rels)
    for direction in DIRECTIONS:
        pos = layered_layout(m, direction=direction)
        assert set(pos) == set("abcdef")
        assert moved_overlaps(m, pos) == []
    pos = layered_layout(m)
    assert pos["c"][1] < pos["f"][1]


def test_undercutter_sits_with_the_premises_it_argues_about() -> None:
    claims = [Claim("t", kind=ClaimKind.THESIS), Claim("p"), Claim("u"), Claim("v")]
    rels = [
        Relation("r", "p", "t"),
        Relation("x", "u", "r", ATTACK),  # u undercuts p → t
        Relation("y", "v", "x", ATTACK),  # v undercuts the undercut
    ]
    m = build_map(claims, rels)
    pos = layered_layout(m)
    assert pos["u"][1] == pos["p"][1] > pos["t"][1]
    assert pos["v"][1] == pos["p"][1]
    assert moved_overlaps(m, pos) == []


def test_components_side_by_side_larger_first() -> None:
    big, big_rels = chain(5, "b")
    small, small_rels = chain(2, "s")
    lone = [Claim("z", "alone")]
    m = build_map(small + lone + big, small_rels + big_rels)
    pos = layered_layout(m)
    assert max(pos[c.id][0] for c in big) < min(pos[c.id][0] for c in small)
    # The lone claim comes last: to the right, or on the next shelf below the others.
    others = small + big
    assert max(pos[c.id][0] for c in small) < pos["z"][0] or pos["z"][1] > max(
        pos[c.id][1] for c in others
    )
    assert moved_overlaps(m, pos) == []


def test_block_keeps_its_top_left_corner() -> None:
    claims, rels = chain(3)
    claims = [Claim(c.id, c.text, c.kind, x=5000 + i * 7, y=-300 - i) for i, c in enumerate(claims)]
    m = build_map(claims, rels)
    pos = layered_layout(m)
    left = min(x - 120 for x, _ in pos.values())
    top = min(y - 37 for _, y in pos.values())
    assert (left, top) == (round(5000 - 120), round(-302 - 37))


def test_pinned_claims_stay_and_others_avoid_them() -> None:
    # An import: every claim at (0, 0), one pinned exactly where the layout would put cards.
    claims, rels = chain(6)
    claims += [Claim(f"p{i}", f"premise {i}") for i in range(6)]
    rels += [Relation(f"rp{i}", f"p{i}", "c0") for i in range(6)]
    claims.append(Claim("pin", "I stay", pinned=True, x=300, y=120))
    rels.append(Relation("rpin", "pin", "c0"))
    m = build_map(claims, rels)
    assert needs_layout(m) is False  # the pinned claim has a position
    pos = layered_layout(m)
    assert "pin" not in pos
    assert moved_overlaps(m, pos) == []
    # The edit the app builds from the result leaves the pinned claim where it was.
    MoveClaims.of(pos).apply(m)
    assert m.claims["pin"].pos == (300, 120)


def test_needs_layout() -> None:
    assert needs_layout(build_map([Claim("a"), Claim("b")]))
    assert not needs_layout(build_map([Claim("a")]))
    assert not needs_layout(build_map([Claim("a"), Claim("b", x=1)]))


def test_given_sizes_are_respected() -> None:
    claims, rels = chain(4)
    claims += [Claim("w"), Claim("h")]
    rels += [Relation("rw", "w", "c1"), Relation("rh", "h", "c1")]
    m = build_map(claims, rels)
    sizes = {c: (240.0, 74.0) for c in m.claims}
    sizes["w"] = (700.0, 80.0)
    sizes["h"] = (200.0, 400.0)
    for direction in DIRECTIONS:
        pos = layered_layout(m, direction=direction, sizes=sizes)
        assert overlaps(pos, sizes) == []


def test_result_is_deterministic() -> None:
    m = synthetic_map(200)
    assert layered_layout(m) == layered_layout(m.copy())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(m=maps(max_claims=12), direction=st.sampled_from(DIRECTIONS))
def test_random_maps_never_overlap_and_keep_order(m: ArgumentMap, direction: str) -> None:
    pos = layered_layout(m, direction=direction)
    assert set(pos) == {cid for cid, c in m.claims.items() if not c.pinned}
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert moved_overlaps(m, pos) == []
    axis, sign = {"TB": (1, 1), "BT": (1, -1), "LR": (0, -1), "RL": (0, 1)}[direction]
    for conclusion, premise in ordered_pairs(m, set(pos)):
        # Premise further from the conclusions' side than its conclusion.
        assert sign * (pos[premise][axis] - pos[conclusion][axis]) > 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(m=maps(max_claims=12), data=st.data())
def test_subset_layout_leaves_the_rest(m: ArgumentMap, data: st.DataObject) -> None:
    subset = data.draw(st.lists(st.sampled_from(sorted(m.claims) or ["-"]), unique=True))
    subset = [c for c in subset if c in m.claims]
    before = {cid: c.pos for cid, c in m.claims.items()}
    pos = layered_layout(m, claim_ids=subset, direction=data.draw(st.sampled_from(DIRECTIONS)))
    assert set(pos) == {c for c in subset if not m.claims[c].pinned}
    assert moved_overlaps(m, pos) == []
    assert {cid: c.pos for cid, c in m.claims.items()} == before  # the map is not changed


def test_synthetic_thousand_claims() -> None:
    m = synthetic_map(1000)
    sizes = sizes_of(m)
    pos = layered_layout(m)
    assert len(pos) == 1000
    assert overlaps(pos, sizes) == []
    for conclusion, premise in ordered_pairs(m, set(pos)):
        assert pos[conclusion][1] < pos[premise][1]
    # The layout untangles the grid the synthetic map starts on.
    assert count_crossings(m, pos) < count_crossings(m) * 0.7


def test_synthetic_subset_with_pinned_obstacles() -> None:
    m = synthetic_map(300, seed=3)
    # Pin every seventh claim where it is, lay out half the rest: nothing may overlap.
    for i, cid in enumerate(list(m.claims)):
        if i % 7 == 0:
            m.replace_claim(with_changes(m.claims[cid], pinned=True))
    subset = [cid for i, cid in enumerate(m.claims) if i % 2 == 0]
    pos = layered_layout(m, claim_ids=subset, direction="LR")
    assert set(pos) == {c for c in subset if not m.claims[c].pinned}
    assert moved_overlaps(m, pos) == []
