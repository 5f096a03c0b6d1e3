"""Cruxes answer each what-if over the claims between the changed claim and the target
(argmap.analysis.what_if); these tests hold them to whole-map evaluations with overrides."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.cruxes import cruxes, influencers
from argmap.analysis.evaluation import evaluate
from argmap.analysis.framework import from_map
from argmap.analysis.semantics import IN, OUT
from argmap.analysis.what_if import GradualWhatIf, GroundedWhatIf
from argmap.model.synthetic import synthetic_map, tree_like_map
from tests.strategies import maps


def by_definition(m, targets, semantics, gradual, support):
    """Cruxes as their definition reads: every what-if a whole re-evaluation of the map."""
    base_labels = evaluate(m, semantics, support=support).labels
    base_eval = evaluate(m, gradual)
    base = base_eval.strengths
    out = {}
    for t in targets:
        got = {}
        for c in influencers(m, t, support=support):
            labs = [
                evaluate(m, semantics, support=support, overrides={c: f}).labels[t]
                for f in ("in", "out")
            ]
            what_ifs = [
                evaluate(m, gradual, overrides={c: v}, start=base, tolerance=1e-9)
                for v in (0.0, 1.0)
            ]
            # A cyclic map whose iteration does not converge (a claim attacking itself
            # oscillates) has no answer to compare: it depends on where the iteration stops.
            converged = base_eval.converged and all(w.converged for w in what_ifs)
            change = max(abs(w.strengths[t] - base[t]) for w in what_ifs) if converged else None
            flips = sum(1 for lab in labs if lab != base_labels[t])
            got[c] = (flips, labs[0], labs[1], change)
        out[t] = got
    return out


def assert_same(m, semantics="grounded", gradual="dfquad", support="necessary"):
    targets = sorted(m.claims)
    got = cruxes(m, targets, semantics=semantics, gradual=gradual, support=support)
    want = by_definition(m, targets, semantics, gradual, support)
    for t in targets:
        mine = {c.claim: c for c in got[t]}
        assert set(mine) == set(want[t]), t
        for c, (flips, if_in, if_out, change) in want[t].items():
            x = mine[c]
            assert (x.label_flips, x.label_if_in, x.label_if_out) == (flips, if_in, if_out), (t, c)
            if change is not None:
                assert x.strength_change == pytest.approx(change, abs=1e-5), (t, c)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    maps(max_claims=8),
    st.sampled_from(["necessary", "deductive", "bipolar", "none"]),
    st.sampled_from(["dfquad", "qe"]),
)
def test_cruxes_equal_whole_map_reevaluations_on_random_maps(m, support, gradual):
    assert_same(m, support=support, gradual=gradual)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_claims=6))
def test_other_semantics_still_reevaluate_the_whole_map(m):
    assert_same(m, semantics="complete")


@pytest.mark.parametrize("make", [lambda: synthetic_map(150, 225), lambda: tree_like_map(150)])
def test_what_ifs_on_maps_with_big_cycles_match_whole_map_evaluation(make):
    """The synthetic map is one big strongly connected tangle (cyclic components solved as
    a whole); the tree-like one mostly acyclic with a few cycles."""
    m = make()
    fw = from_map(m)
    base = evaluate(m, "grounded")
    strengths = evaluate(m, "dfquad").strengths
    labels_if = GroundedWhatIf(fw, base.raw[0])
    strength_if = GradualWhatIf(m, "dfquad", strengths, tolerance=1e-9, max_iterations=10_000)
    rng = random.Random(7)
    ids = sorted(m.claims)
    for _ in range(40):
        c, t = rng.choice(ids), rng.choice(ids)
        for forced, name in ((IN, "in"), (OUT, "out")):
            want = evaluate(m, "grounded", overrides={c: name}).labels[t]
            got = labels_if.label(fw.index[c], forced, fw.index[t])
            assert {IN: "in", OUT: "out"}.get(got, "undec") == want, (c, t, name)
        for score in (0.0, 1.0):
            want = evaluate(
                m, "dfquad", overrides={c: score}, start=strengths, tolerance=1e-9
            ).strengths[t]
            got = strength_if.strength(strength_if.index[c], score, strength_if.index[t])
            assert got == pytest.approx(want, abs=1e-6), (c, t, score)
    # Nothing of the base is left changed by the what-ifs.
    assert strength_if.s == [strengths[c] for c in m.claims]
