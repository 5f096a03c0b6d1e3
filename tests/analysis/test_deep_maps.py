"""Maps as deep as they are long: nothing walks the map's depth by recursion.

A chain of claims (each supporting the one before) is the deepest map of its size; a chain of
undercuts (each attacking the inference of the one before) is the deepest chain of relations.
Python's recursion limit is 1,000, so chains far past it prove every walk is a loop.
"""

from __future__ import annotations

import sys

import pytest

from argmap.analysis.checks import check
from argmap.analysis.diff import diff_maps, outline
from argmap.analysis.evaluation import evaluate
from argmap.analysis.layout import count_crossings, layered_layout
from argmap.io import registry
from argmap.model.synthetic import chain_map
from argmap.model.types import RelationKind

DEEP = 100_000


@pytest.fixture(scope="module")
def chain():
    return chain_map(DEEP)


def test_a_chain_of_100000_claims_saves_loads_lays_out_and_evaluates(chain, tmp_path):
    assert DEEP > 50 * sys.getrecursionlimit()
    path = tmp_path / "chain.argmap"
    registry.write(chain, path)
    assert registry.read(path) == chain

    pos = layered_layout(chain)
    assert len(pos) == DEEP
    ys = [pos[f"c{i}"][1] for i in range(0, DEEP, 997)]
    assert ys == sorted(ys)  # thesis on top, each premise a layer below its conclusion

    grounded = evaluate(chain, "grounded").labels
    assert set(grounded.values()) == {"in"}  # supports only: everything stands
    strengths = evaluate(chain, "dfquad").strengths
    # Each support lifts the base score 0.5 towards 1: strengths rise up the chain.
    assert strengths[f"c{DEEP - 1}"] == 0.5
    assert strengths[f"c{DEEP - 2}"] == pytest.approx(0.75)
    assert strengths["c0"] > 0.999


def test_a_chain_of_attacks_alternates_in_and_out():
    # Grounded on a chain of attacks: the last claim is unattacked, so labels alternate.
    m = chain_map(20_001, kind=RelationKind.ATTACK)
    labels = evaluate(m, "grounded", support="none").labels
    assert labels["c20000"] == "in" and labels["c19999"] == "out"
    assert labels["c0"] == "in"
    assert evaluate(m, "preferred").labels["c0"] == "in"


def test_a_chain_of_5000_undercuts_reads_evaluates_and_converts(tmp_path):
    m = chain_map(50, undercuts=5_000)
    path = tmp_path / "undercuts.argmap"
    registry.write(m, path)
    back = registry.read(path)  # build_map adds undercuts round by round: linear, not quadratic
    assert back == m
    assert back.check_invariants() == []
    # The last undercut stands unattacked; down the chain they alternate in force, so x0
    # (an even number of steps below it) holds, cancels r1, and c1 no longer supports c0.
    labels = evaluate(m, "grounded").labels
    assert labels["u4999"] == "in"
    for semantics in ("dfquad", "qe", "stable", "preferred"):
        evaluate(m, semantics)
    strengths = evaluate(m, "dfquad").strengths
    assert 0.0 <= strengths["c0"] <= 1.0
    check(m)
    assert count_crossings(m) >= 0
    layered_layout(m)
    graphml = tmp_path / "undercuts.graphml"
    registry.write(m, graphml)
    assert registry.read(graphml) == m
    assert diff_maps(m, back).is_empty
    assert "Doubt 4999" in outline(m)


def test_100000_undercuts_in_a_chain_or_on_one_arrow_lay_out():
    """Laying out took hours on these (drawn crossings counted for every candidate order of
    a component of 100,000 overlapping lines; a cluster's slot found by list.index per
    member): now every step is linear. The two cards end apart, each undercut at its source."""
    from argmap.model.map import build_map
    from argmap.model.types import Claim, Relation

    n = 100_000
    claims = [Claim("a", "conclusion"), Claim("b", "premise")]
    chained = [Relation("r0", "b", "a", RelationKind.SUPPORT)] + [
        Relation(f"u{i}", "ab"[i % 2], f"u{i - 1}" if i > 1 else "r0", RelationKind.ATTACK)
        for i in range(1, n + 1)
    ]
    flat = [Relation("r0", "b", "a", RelationKind.SUPPORT)] + [
        Relation(f"u{i}", f"c{i}", "r0", RelationKind.ATTACK) for i in range(n)
    ]
    objections = [Claim(f"c{i}", f"objection {i}") for i in range(n)]
    for m in (build_map(claims, chained), build_map(claims + objections, flat)):
        pos = layered_layout(m)
        assert set(pos) == set(m.claims)
        assert pos["a"] != pos["b"]
