"""Gradual semantics against values worked out by hand, and their invariants on random maps."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings

from argmap.analysis.gradual import dfquad, quadratic_energy, strengths
from argmap.model import Claim, Relation, RelationKind, UsageError, build_map
from tests.strategies import maps

S, A = RelationKind.SUPPORT, RelationKind.ATTACK


def test_dfquad_tree_by_hand() -> None:
    # t (0.5) supported by s1 (0.6) and s2 (0.5), attacked by a (0.8); d (0.5) attacks a.
    # Leaves keep their base: s1 = 0.6, s2 = 0.5, d = 0.5.
    # a: va = 0.5, vs = 0 -> 0.8 - 0.8 * 0.5 = 0.4.
    # t: va = 0.4, vs = 1 - (1 - 0.6)(1 - 0.5) = 0.8 > va -> 0.5 + 0.5 * (0.8 - 0.4) = 0.7.
    m = build_map(
        [
            Claim("t", base_score=0.5),
            Claim("s1", base_score=0.6),
            Claim("s2", base_score=0.5),
            Claim("a", base_score=0.8),
            Claim("d", base_score=0.5),
        ],
        [
            Relation("r1", "s1", "t", S),
            Relation("r2", "s2", "t", S),
            Relation("r3", "a", "t", A),
            Relation("r4", "d", "a", A),
        ],
    )
    res = dfquad(m)
    assert res.converged and res.iterations == 1
    assert res.strengths["a"] == pytest.approx(0.4)
    assert res.strengths["t"] == pytest.approx(0.7)
    assert res.strengths["s1"] == 0.6


def test_dfquad_equal_attack_and_support_leave_the_base() -> None:
    # va = vs = 0.5: v0 - v0 * 0 = v0.
    m = build_map(
        [Claim("t", base_score=0.3), Claim("a"), Claim("s")],
        [Relation("r1", "a", "t", A), Relation("r2", "s", "t", S)],
    )
    assert dfquad(m).strengths["t"] == pytest.approx(0.3)


def test_undercut_scales_the_inference() -> None:
    # b (1.0) supports t (0.2) through r1; u (0.75) undercuts r1.
    # r1 contributes 1.0 * (1 - 0.75) = 0.25; t = 0.2 + 0.8 * 0.25 = 0.4.
    m = build_map(
        [Claim("t", base_score=0.2), Claim("b", base_score=1.0), Claim("u", base_score=0.75)],
        [Relation("r1", "b", "t", S), Relation("r2", "u", "r1", A)],
    )
    assert dfquad(m).strengths["t"] == pytest.approx(0.4)
    # Undercut of the undercut, by w (1.0): r2 contributes 0.75 * 0 = 0, r1 is whole again:
    # t = 0.2 + 0.8 * 1.0 = 1.0.
    m2 = build_map(
        [*m.claims.values(), Claim("w", base_score=1.0)],
        [*m.relations.values(), Relation("r3", "w", "r2", A)],
    )
    assert dfquad(m2).strengths["t"] == pytest.approx(1.0)


def test_linked_premises_count_once_as_the_weakest() -> None:
    # p1 (0.9) and p2 (0.3) jointly attack t (0.6): contribution min = 0.3 -> 0.6 - 0.18 = 0.42.
    m = build_map(
        [Claim("t", base_score=0.6), Claim("p1", base_score=0.9), Claim("p2", base_score=0.3)],
        [Relation("r1", "p1", "t", A, link="L"), Relation("r2", "p2", "t", A, link="L")],
    )
    assert dfquad(m).strengths["t"] == pytest.approx(0.42)


def test_dfquad_cycle_converges_to_the_fixed_point() -> None:
    # a and b (0.5 each) attack each other: s = 0.5 * (1 - s) -> s = 1/3.
    m = build_map(
        [Claim("a"), Claim("b")], [Relation("r1", "a", "b", A), Relation("r2", "b", "a", A)]
    )
    res = dfquad(m, tolerance=1e-12)
    assert res.converged and not res.acyclic and res.iterations > 1
    assert res.strengths["a"] == pytest.approx(1 / 3, abs=1e-9)
    capped = dfquad(m, tolerance=1e-12, max_iterations=3)
    assert not capped.converged and capped.iterations == 3 and capped.residual > 1e-12


def test_quadratic_energy_by_hand() -> None:
    # a (1.0) attacks b (0.5): E = -1, h = 1 / 2 -> 0.5 - 0.5 * 0.5 = 0.25.
    m = build_map(
        [Claim("a", base_score=1.0), Claim("b", base_score=0.5)], [Relation("r", "a", "b", A)]
    )
    assert quadratic_energy(m).strengths["b"] == pytest.approx(0.25)
    # Mutual attack at base 1.0: s = 1 - s^2 / (1 + s^2) = 1 / (1 + s^2), so s^3 + s - 1 = 0.
    cyc = build_map(
        [Claim("a", base_score=1.0), Claim("b", base_score=1.0)],
        [Relation("r1", "a", "b", A), Relation("r2", "b", "a", A)],
    )
    res = quadratic_energy(cyc, tolerance=1e-12)
    s = res.strengths["a"]
    assert res.converged and s**3 + s - 1 == pytest.approx(0, abs=1e-9)


def test_overrides() -> None:
    m = build_map(
        [Claim("a", base_score=1.0), Claim("b", base_score=0.5)], [Relation("r", "a", "b", A)]
    )
    # a re-scored to 0.2: b = 0.5 - 0.5 * 0.2 = 0.4; a forced out: b keeps 0.5.
    assert dfquad(m, overrides={"a": 0.2}).strengths["b"] == pytest.approx(0.4)
    assert dfquad(m, overrides={"a": "out"}).strengths["b"] == pytest.approx(0.5)
    assert dfquad(m, overrides={"b": "in"}).strengths["b"] == 1.0
    for bad in ({"zz": 0.3}, {"a": 1.5}, {"a": "maybe"}):
        with pytest.raises(UsageError):
            dfquad(m, overrides=bad)


@settings(max_examples=40, deadline=None)
@given(maps(max_claims=8))
def test_strengths_stay_in_unit_interval(m) -> None:
    for sem in ("dfquad", "qe"):
        res = strengths(m, sem)
        assert set(res.strengths) == set(m.claims)
        for v in res.strengths.values():
            assert -1e-12 <= v <= 1 + 1e-12 and not math.isnan(v)
        # A claim nothing points at keeps its base score.
        for cid, c in m.claims.items():
            if not m.relations_into(cid):
                assert res.strengths[cid] == c.base_score


def test_dfquad_agrees_with_formal_argumentation_on_random_maps() -> None:
    """An independent DF-QuAD (formal-argumentation) on random bipolar maps, cyclic ones too."""
    pytest.importorskip("argumentation.gradual.dfquad", reason="formal-argumentation missing")
    import random

    from argumentation.gradual.dfquad import dfquad_strengths
    from argumentation.gradual.gradual import WeightedBipolarGraph

    rng = random.Random(5)
    for _ in range(150):
        n = rng.randint(1, 10)
        claims = [Claim(f"c{i}", base_score=round(rng.random(), 3)) for i in range(n)]
        pairs = {(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 2 * n))}
        acyclic = rng.random() < 0.5
        rels = [
            Relation(f"r{k}", f"c{a}", f"c{b}", rng.choice((S, A)))
            for k, (a, b) in enumerate(sorted(pairs))
            if a != b and (not acyclic or a > b)
        ]
        m = build_map(claims, rels)
        graph = WeightedBipolarGraph(
            frozenset(m.claims),
            {c.id: c.base_score for c in claims},
            frozenset((r.source, r.target) for r in rels if r.kind is A),
            frozenset((r.source, r.target) for r in rels if r.kind is S),
        )
        theirs = dfquad_strengths(graph, tolerance=1e-12, max_iterations=20_000)
        ours = dfquad(m, tolerance=1e-12, max_iterations=20_000)
        if ours.converged and theirs.converged:
            for c in m.claims:
                assert ours.strengths[c] == pytest.approx(theirs.strengths[c], abs=1e-8)
        if acyclic:
            assert ours.converged and ours.acyclic


def test_warm_start_reaches_the_same_fixed_point_sooner() -> None:
    from argmap.model.synthetic import synthetic_map

    m = synthetic_map(80, seed=3)  # cross links make it cyclic
    base = dfquad(m)
    assert not base.acyclic and base.converged
    cold = dfquad(m, overrides={"c5": 0.95})
    warm = dfquad(m, overrides={"c5": 0.95}, start=base.strengths)
    assert warm.converged and warm.iterations < cold.iterations
    for c in m.claims:
        assert warm.strengths[c] == pytest.approx(cold.strengths[c], abs=1e-7)
