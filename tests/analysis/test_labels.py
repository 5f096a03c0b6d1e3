"""Labels for zoomed-out cards: short texts, importance order, and decluttering."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.labels import (
    label_order,
    overlapping_pairs,
    place_labels,
    short_label,
    thesis_distances,
)
from argmap.model import ArgumentMap, Claim, ClaimKind, Relation, RelationKind
from argmap.model.synthetic import synthetic_map

boxes = st.lists(
    st.tuples(st.floats(-500, 500), st.floats(-500, 500), st.floats(1, 120), st.floats(1, 40)),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(boxes, st.sampled_from([0.0, 4.0]), st.sampled_from([(0.0,), (0.0, -1.0, 1.0)]))
def test_placed_labels_never_overlap_and_every_dropped_one_would(items, gap, shifts):
    candidates = [(f"c{i}", x, y, w, h) for i, (x, y, w, h) in enumerate(items)]
    placed = place_labels(candidates, gap, shifts)
    size = {c[0]: c[3:] for c in candidates}
    where = {cid: (x, y) for cid, x, y in placed}
    # Boxes may touch: rounding of touching edges is not an overlap (hence the 1e-6).
    grown = [(x, y, size[c][0] + gap - 1e-6, size[c][1] + gap - 1e-6) for c, x, y in placed]
    assert overlapping_pairs(grown) == 0
    ids = [c for c, _, _ in placed]
    assert ids == [c[0] for c in candidates if c[0] in where]  # order kept
    if candidates:
        assert placed[0] == candidates[0][:3]  # the most important label: always, centred
    for cid, x, y, w, h in candidates:
        if cid in where:
            dy = where[cid][1] - y
            assert where[cid][0] == x and any(abs(dy - s * (h + gap)) < 1e-6 for s in shifts)
            continue
        for s in shifts:  # dropped: every place it could go meets an earlier, placed label
            earlier = [p for p in ids if int(p[1:]) < int(cid[1:])]
            assert any(
                abs(x - where[p][0]) * 2 < w + size[p][0] + 2 * gap + 1e-6
                and abs(y + s * (h + gap) - where[p][1]) * 2 < h + size[p][1] + 2 * gap + 1e-6
                for p in earlier
            )


def test_labels_of_a_dense_grid_thin_out_and_the_sparse_ones_all_stay():
    dense = [(f"d{i}", (i % 50) * 10.0, (i // 50) * 10.0, 60.0, 14.0) for i in range(2500)]
    placed = place_labels(dense)
    # 60 x 14 boxes fit at most (550 / 60) * (504 / 14) = 330 times in the grid's area.
    assert 100 < len(placed) <= 330
    assert overlapping_pairs([(x, y, 60.0, 14.0) for _, x, y in placed]) == 0
    sparse = [(f"s{i}", i * 100.0, 0.0, 60.0, 14.0) for i in range(100)]
    assert len(place_labels(sparse)) == 100
    # Two cards side by side: the second label goes above or below instead of away.
    pair = [("a", 0.0, 0.0, 60.0, 14.0), ("b", 30.0, 0.0, 60.0, 14.0)]
    assert place_labels(pair, shifts=(0.0, -1.0, 1.0)) == [("a", 0.0, 0.0), ("b", 30.0, -14.0)]


def test_short_label_prefers_the_title_and_cuts_at_a_word():
    c = Claim("c", "The ceasefire cannot hold without guarantees from outside powers")
    assert short_label(c) == "The ceasefire cannot hold…"
    assert short_label(c, max_chars=200) == c.text
    assert short_label(Claim("c", "Short")) == "Short"
    assert short_label(Claim("c", "Supercalifragilisticexpialidocious-ish"), 10) == "Supercali…"
    assert short_label(Claim("c", "long text " * 10, title="Guarantees")) == "Guarantees"
    assert short_label(Claim("c", "x", title="A title far too long to fit in a label")) == (
        "A title far too long to fit…"
    )


def test_theses_come_first_then_claims_near_a_thesis_and_much_argued():
    m = ArgumentMap()
    m.add_claim(Claim("t", "T", ClaimKind.THESIS))
    for cid in ("a", "b", "deep", "lone", "p1", "p2"):
        m.add_claim(Claim(cid, cid))
    m.add_relation(Relation("r1", "a", "t"))
    m.add_relation(Relation("r2", "b", "t", RelationKind.ATTACK))
    m.add_relation(Relation("r3", "deep", "a"))
    m.add_relation(Relation("r4", "p1", "b"))
    m.add_relation(Relation("r5", "p2", "b"))
    assert thesis_distances(m) == {"t": 0, "a": 1, "b": 1, "deep": 2, "p1": 2, "p2": 2}
    assert label_order(m) == ["t", "b", "a", "deep", "p1", "p2", "lone"]


def test_a_chain_of_twenty_thousand_claims_needs_no_recursion():
    m = ArgumentMap()
    m.add_claim(Claim("c0", "top", ClaimKind.THESIS))
    for i in range(1, 20000):
        m.add_claim(Claim(f"c{i}", "x"))
        m.add_relation(Relation(f"r{i}", f"c{i}", f"c{i - 1}"))
    assert thesis_distances(m)["c19999"] == 19999
    assert label_order(m)[:3] == ["c0", "c1", "c2"]


def test_order_covers_every_claim_once():
    m = synthetic_map(500, seed=2)
    order = label_order(m)
    assert sorted(order) == sorted(m.claims)
