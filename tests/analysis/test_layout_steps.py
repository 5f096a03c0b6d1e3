"""The layered layout's steps on their own: optimal layers, crossing minimisation, placement.

Each is checked against brute force on small inputs (every rank assignment, every order of
a layer), and the whole layout against the figures it reaches on the seed map.
"""

from __future__ import annotations

import itertools
import random

import pytest

from argmap.analysis import layering, ordering, placement
from argmap.analysis.layout import arrows_through_cards, count_crossings, layered_layout
from argmap.model import Claim, Relation
from argmap.model.map import build_map
from argmap.model.synthetic import tree_like_map


def random_dag(rng: random.Random, n: int) -> list[tuple[int, int]]:
    """A connected DAG on n nodes: a random tree plus a few more forward edges."""
    edges = {(rng.randrange(i), i) for i in range(1, n)}
    for _ in range(rng.randrange(n + 1)):
        a, b = sorted(rng.sample(range(n), 2))
        edges.add((a, b))
    return sorted(edges)


@pytest.mark.parametrize("seed", range(40))
def test_network_simplex_finds_the_shortest_total_edge_length(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randrange(3, 7)
    edges = random_dag(rng, n)
    rank = layering.ranks(n, edges)
    assert min(rank) == 0
    assert all(rank[b] >= rank[a] + 1 for a, b in edges)
    best = min(
        sum(r[b] - r[a] for a, b in edges)
        for r in itertools.product(range(n), repeat=n)
        if all(r[b] >= r[a] + 1 for a, b in edges)
    )
    assert sum(rank[b] - rank[a] for a, b in edges) == best


def test_network_simplex_beats_longest_path_on_tree_like_maps() -> None:
    rng = random.Random(5)
    n = 300
    edges = sorted({(rng.randrange(max(0, i - 8), i), i) for i in range(1, n)})
    edges += [(a, min(n - 1, a + rng.randrange(2, 30))) for a in range(0, n, 7)]
    edges = sorted(set(edges))
    longest = layering.longest_path_ranks(n, edges)
    simplex = layering.ranks(n, edges)
    length = lambda r: sum(r[b] - r[a] for a, b in edges)  # noqa: E731
    assert all(simplex[b] > simplex[a] for a, b in edges)
    assert length(simplex) < length(longest)


def test_acyclic_edges_reverse_only_cycle_edges() -> None:
    edges = [(0, 1), (1, 2), (2, 0), (2, 3)]  # cycle 0-1-2, then 3 below
    out = layering.acyclic_edges(4, edges)
    assert (2, 3) in out
    assert len(out) == 4
    rank = layering.longest_path_ranks(4, out)  # raises on a cycle
    assert rank[3] > rank[2]


def two_layers(rng: random.Random, top: int, bottom: int, m: int) -> ordering.Ordering:
    n = top + bottom
    up: list[list[int]] = [[] for _ in range(n)]
    down: list[list[int]] = [[] for _ in range(n)]
    for a, b in {(rng.randrange(top), top + rng.randrange(bottom)) for _ in range(m)}:
        down[a].append(b)
        up[b].append(a)
    return ordering.Ordering([list(range(top)), list(range(top, n))], up, down)


@pytest.mark.parametrize("seed", range(15))
def test_exact_layer_order_is_optimal(seed: int) -> None:
    rng = random.Random(seed)
    o = two_layers(rng, 4, 6, 14)
    row = o.rows[1]
    best = None
    for perm in itertools.permutations(row):
        o.rows[1] = list(perm)
        o.renumber(o.rows[1])
        c = o.crossings()
        best = c if best is None else min(best, c)
    o.rows[1] = list(row)
    o.renumber(o.rows[1])
    o.exact_layer(1)
    assert sorted(o.rows[1]) == sorted(row)
    assert o.crossings() == best


@pytest.mark.parametrize("seed", range(10))
def test_minimise_crossings_keeps_the_nodes_and_never_worsens(seed: int) -> None:
    rng = random.Random(seed)
    o = two_layers(rng, 12, 15, 40)
    before = o.crossings()
    rows = ordering.minimise_crossings(o.rows, o.up, o.down)
    assert [sorted(r) for r in rows] == [sorted(r) for r in o.rows]
    after = ordering.Ordering(rows, o.up, o.down).crossings()
    assert after <= before


def test_clusters_stay_together() -> None:
    rng = random.Random(3)
    o = two_layers(rng, 6, 9, 25)
    cluster: list[object | None] = [None] * 15
    for v in (6, 10, 14):
        cluster[v] = "linked"
    rows = ordering.minimise_crossings(o.rows, o.up, o.down, cluster)
    where = sorted(rows[1].index(v) for v in (6, 10, 14))
    assert where[2] - where[0] == 2


def test_placement_keeps_gaps_and_straightens_long_edges() -> None:
    # 0 on top, 3 at the bottom, joined through dummies 4 and 5; 1 and 2 beside them.
    rows = [[0], [1, 4], [2, 5], [3]]
    up = [[], [0], [1], [5], [0], [4]]
    down = [[4, 1], [2], [], [], [5], [3]]
    widths = [240.0, 240.0, 240.0, 240.0, 20.0, 20.0]
    x = placement.place(rows, up, down, widths, 60.0, 4)
    assert x[4] == pytest.approx(x[5])  # the long edge runs straight down
    assert x[4] - x[1] >= (240 + 20) / 2 + 20 - 1e-9


def test_linked_premises_sit_side_by_side() -> None:
    claims = [Claim("t", "Thesis")] + [Claim(f"p{i}", f"Premise {i}") for i in range(6)]
    rels = [Relation(f"r{i}", f"p{i}", "t") for i in range(6)]
    rels[1] = Relation("r1", "p1", "t", link="L")
    rels[4] = Relation("r4", "p4", "t", link="L")
    rels[5] = Relation("r5", "p5", "t", link="L")
    m = build_map(claims, rels)
    pos = layered_layout(m)
    row = sorted((f"p{i}" for i in range(6)), key=lambda c: pos[c][0])
    where = sorted(row.index(c) for c in ("p1", "p4", "p5"))
    assert where[2] - where[0] == 2


# Crossings Graphviz dot draws on tree_like_map(n, seed) with the same graph, card sizes and
# gaps (`benchmarks/bench_layout.py --engines dot`, straight arrows between card centres).
DOT_TREE_CROSSINGS = {
    50: (12, 10, 12, 9, 14),
    200: (163, 131, 190, 150, 110),
    500: (640, 1208, 684, 656, 924),
}


@pytest.mark.parametrize("seed", range(5))
def test_tree_like_maps_of_50_cross_no_more_than_dot(seed: int) -> None:
    m = tree_like_map(50, seed)
    assert count_crossings(m, layered_layout(m)) <= DOT_TREE_CROSSINGS[50][seed]


@pytest.mark.parametrize("seed", (0, 4))
def test_tree_like_maps_of_200_cross_at_most_a_tenth_more_than_dot(seed: int) -> None:
    """Seed 4 is where dot does best against us (110; before dot's mincross rounds and the
    drawn choice this layout drew 143)."""
    m = tree_like_map(200, seed)
    assert count_crossings(m, layered_layout(m)) <= 1.1 * DOT_TREE_CROSSINGS[200][seed]


@pytest.mark.parametrize("seed", (1, 3))
def test_tree_like_maps_of_500_cross_at_most_a_tenth_more_than_dot(seed: int) -> None:
    """The two 500-claim maps where dot does best against us (1,208 and 656 crossings; with
    half the ordering's work budget seed 3 drew 742, 1.13× dot's)."""
    m = tree_like_map(500, seed)
    assert count_crossings(m, layered_layout(m)) <= 1.1 * DOT_TREE_CROSSINGS[500][seed]


def test_generated_argdown_map_that_dot_draws_without_crossings() -> None:
    """dot draws the Argdown reader's generated 300-claim map with no crossing (this layout
    drew 2 before)."""
    from pathlib import Path

    from argmap.io import registry

    path = Path(__file__).resolve().parents[1] / "data" / "argdown" / "14-generated-300.argdown"
    m = registry.read(path)
    assert count_crossings(m, layered_layout(m)) == 0


def test_same_picture_in_another_process() -> None:
    """No order of a set or of a hash leaks into the layout: two interpreters with other
    hash seeds lay out the same map identically."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json; from argmap.model.synthetic import tree_like_map;"
        "from argmap.analysis.layout import layered_layout;"
        "m = tree_like_map(150, 3); print(json.dumps(sorted(layered_layout(m).items())))"
    )
    outs = []
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        outs.append(json.loads(done.stdout))
    assert outs[0] == outs[1]
    m = tree_like_map(150, 3)
    assert [[c, list(p)] for c, p in sorted(layered_layout(m).items())] == outs[0]


def test_result_does_not_depend_on_anything_but_the_map() -> None:
    m = tree_like_map(120, 7)
    assert layered_layout(m) == layered_layout(m.copy())
    assert arrows_through_cards(m, layered_layout(m)) == arrows_through_cards(
        m, layered_layout(m)
    )


def test_undercutters_sit_beside_the_premise_they_argue_about() -> None:
    """A generated Argdown map with 12 undercuts: dot draws it with 1 crossing; before
    undercutters joined their premise's cluster this layout drew 29 (undercut arrows end at
    the middle of the arrow they attack)."""
    from pathlib import Path

    from argmap.io import registry

    path = Path(__file__).resolve().parents[1] / "data" / "argdown" / "15-generated-500.argdown"
    m = registry.read(path)
    assert sum(1 for r in m.relations.values() if m.is_undercut(r)) >= 10
    assert count_crossings(m, layered_layout(m)) <= 1


def test_groups_are_laid_out_as_boxes_that_never_overlap() -> None:
    from dataclasses import replace

    from argmap.analysis.geometry import estimated_card_size, overlaps
    from argmap.model import Group
    from tests.seed.test_seed_layout import frame_overlaps

    for seed in range(6):
        m = tree_like_map(60, seed=seed)
        rng = random.Random(seed)
        ids = sorted(m.claims)
        rng.shuffle(ids)
        # Four groups of neighbours-by-id, a fifth of the claims in none, one pinned claim.
        chunk = len(ids) // 5
        for k in range(4):
            m.add_group(Group(f"g{k}", f"Group {k}", tuple(ids[k * chunk : (k + 1) * chunk])))
        pinned = ids[-1]
        m.replace_claim(replace(m.claims[pinned], pinned=True, x=-5000.0, y=-5000.0))
        sizes = {cid: estimated_card_size(c) for cid, c in m.claims.items()}
        pos = layered_layout(m, keep_groups=True)
        assert pinned not in pos
        everything = {cid: pos.get(cid, c.pos) for cid, c in m.claims.items()}
        assert overlaps(everything, sizes) == []
        assert frame_overlaps(m, everything, sizes) == []
        assert layered_layout(m, keep_groups=True) == pos  # the same map, the same picture
        flat = layered_layout(m)
        assert {c: round(y) for c, (_, y) in flat.items()} == {
            c: round(y) for c, (_, y) in pos.items()
        }  # the layers stay; only the order along them changes


def test_groups_kept_apart_on_a_map_of_packed_components() -> None:
    """The Argdown reader's generated 500-claim map: three groups across many components,
    which the layout packs in shelves (rows of different components at different heights).
    Before rows were merged by their cards' extents, 329 cards overlapped here."""
    from pathlib import Path

    from argmap.analysis.geometry import estimated_card_size, overlaps
    from argmap.io import registry
    from tests.seed.test_seed_layout import frame_overlaps

    path = Path(__file__).resolve().parents[1] / "data" / "argdown" / "15-generated-500.argdown"
    m = registry.read(path)
    assert len(m.groups) >= 3
    sizes = {cid: estimated_card_size(c) for cid, c in m.claims.items()}
    pos = layered_layout(m, keep_groups=True)
    assert overlaps(pos, sizes) == []
    assert frame_overlaps(m, pos, sizes) == []
    assert count_crossings(m, pos) < 100  # dot with the groups as clusters: 501
