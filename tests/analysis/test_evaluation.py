"""How supports, linked premises and undercuts take part in extension semantics; `why`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from argmap.analysis.evaluation import evaluate, why
from argmap.analysis.framework import from_map
from argmap.model import Claim, Relation, RelationKind, UsageError, build_map
from tests.strategies import maps

S, A = RelationKind.SUPPORT, RelationKind.ATTACK


def mk(claims: str, *rels: tuple[str, str, str, RelationKind] | tuple) -> object:
    return build_map(
        [Claim(c) for c in claims.split()],
        [Relation(r[0], r[1], r[2], r[3], link=r[4] if len(r) > 4 else None) for r in rels],
    )


def labels(m, sem="grounded", **kw) -> dict[str, str]:
    return evaluate(m, sem, **kw).labels


def test_attack_only_map_is_its_own_framework() -> None:
    m = mk("a b c", ("r1", "a", "b", A), ("r2", "b", "c", A), ("r3", "c", "b", A))
    fw = from_map(m)
    assert fw.names == ["a", "b", "c"]
    assert sorted(fw.edges()) == [(0, 1), (1, 2), (2, 1)]
    assert labels(m) == {"a": "in", "b": "out", "c": "in"}


def test_necessary_support_claim_falls_with_its_only_reason() -> None:
    # s supports t; x attacks s: s is out, so t has no accepted reason left.
    m = mk("t s x", ("r1", "s", "t", S), ("r2", "x", "s", A))
    assert labels(m) == {"t": "out", "s": "out", "x": "in"}
    # A second, standing reason keeps t in.
    m2 = mk("t s s2 x", ("r1", "s", "t", S), ("r2", "x", "s", A), ("r3", "s2", "t", S))
    assert labels(m2)["t"] == "in"
    # Without supports the claim needs none: an unattacked claim with no reasons is in.
    assert labels(m, support="none")["t"] == "in"


def test_undercut_cancels_the_inference_not_the_premise() -> None:
    # s supports t through r1; u undercuts r1: s stays in, t loses its only reason.
    m = mk("t s u", ("r1", "s", "t", S), ("r2", "u", "r1", A))
    assert labels(m) == {"t": "out", "s": "in", "u": "in"}
    # An undercut attack: a attacks t through r1, u undercuts r1, so t stands.
    m2 = mk("t a u", ("r1", "a", "t", A), ("r2", "u", "r1", A))
    assert labels(m2) == {"t": "in", "a": "in", "u": "in"}
    # The undercut is itself undercut by w: the attack works again.
    m3 = mk("t a u w", ("r1", "a", "t", A), ("r2", "u", "r1", A), ("r3", "w", "r2", A))
    assert labels(m3)["t"] == "out"


def test_linked_attack_needs_every_premise() -> None:
    m = mk("t p1 p2 x", ("r1", "p1", "t", A, "L"), ("r2", "p2", "t", A, "L"))
    assert labels(m)["t"] == "out"
    m.add_relation(Relation("r3", "x", "p2", A))
    assert labels(m)["t"] == "in"


def test_readings_of_support_differ_as_documented() -> None:
    # a supports b; c attacks b.  Deductive: mediated attack c -> a (accepting a commits to
    # b, which c defeats).  Necessary and bipolar: a is untouched.
    m = mk("a b c", ("r1", "a", "b", S), ("r2", "c", "b", A))
    assert labels(m, support="deductive") == {"a": "out", "b": "out", "c": "in"}
    assert labels(m, support="necessary") == {"a": "in", "b": "out", "c": "in"}
    assert labels(m, support="bipolar") == {"a": "in", "b": "out", "c": "in"}
    # a supports b; d attacks a.  Bipolar: secondary attack d -> b; deductive: b stands.
    m2 = mk("a b d", ("r1", "a", "b", S), ("r2", "d", "a", A))
    assert labels(m2, support="bipolar")["b"] == "out"
    assert labels(m2, support="necessary")["b"] == "out"
    assert labels(m2, support="deductive")["b"] == "in"
    # a supports b, b attacks c: supported attack a -> c in deductive and bipolar.
    m3 = mk("a b c", ("r1", "a", "b", S), ("r2", "b", "c", A))
    assert (0, 2) in from_map(m3, support="deductive").edges()
    assert (0, 2) in from_map(m3, support="bipolar").edges()
    with pytest.raises(UsageError):
        from_map(m3, support="telepathic")


def test_circular_support_alone_is_undecided_under_grounded() -> None:
    m = mk("a b", ("r1", "a", "b", S), ("r2", "b", "a", S))
    assert labels(m) == {"a": "undec", "b": "undec"}
    # Preferred lets the circle stand or fall as a whole (a known limit of the flattening,
    # reported by `argmap check` as circular support).
    assert evaluate(m, "preferred").extensions == [[], ["a", "b"]]


def test_multiple_extensions_give_sceptical_labels() -> None:
    m = mk("a b c", ("r1", "a", "b", A), ("r2", "b", "a", A), ("r3", "b", "c", A))
    ev = evaluate(m, "preferred")
    assert ev.extensions == [["a", "c"], ["b"]]
    assert ev.labels == {"a": "undec", "b": "undec", "c": "undec"}
    assert len(ev.labellings) == 2
    assert evaluate(m, "grounded").extensions == [[]]
    odd = mk("a b c", ("r1", "a", "b", A), ("r2", "b", "c", A), ("r3", "c", "a", A))
    st = evaluate(odd, "stable")
    assert st.extensions == [] and set(st.labels.values()) == {"undec"}


def test_overrides_force_labels() -> None:
    m = mk("a b c", ("r1", "a", "b", A), ("r2", "b", "c", A))
    assert labels(m, overrides={"a": "out"}) == {"a": "out", "b": "in", "c": "out"}
    assert labels(m, overrides={"b": "in"}) == {"a": "in", "b": "in", "c": "out"}
    with pytest.raises(UsageError):
        evaluate(m, overrides={"zz": "in"})
    with pytest.raises(UsageError):
        evaluate(m, "nonsense")


def test_why_names_attackers_and_defenders() -> None:
    m = mk("t a d s", ("r1", "a", "t", A), ("r2", "d", "a", A), ("r3", "s", "t", S))
    ev = evaluate(m)
    w = why(m, "t", ev)
    assert (w.label, w.attackers, w.supporters) == ("in", ["a"], ["s"])
    assert w.defenders == ["d", "s"]  # d defeats a; s defeats "t lacks support"
    assert "r2" in w.relations
    wa = why(m, "a", ev)
    assert (wa.label, wa.attackers) == ("out", ["d"])
    g = why(m, "t", evaluate(m, "dfquad"))
    assert g.attackers == ["a"] and g.supporters == ["s"] and g.strength is not None


@settings(max_examples=40, deadline=None)
@given(maps(max_claims=7))
def test_every_semantics_runs_and_grounded_is_inside_preferred(m) -> None:
    for support in ("necessary", "deductive", "bipolar", "none"):
        g = evaluate(m, "grounded", support=support)
        assert set(g.labels) == set(m.claims)
        grounded_in = set(g.extensions[0])
        for ext in evaluate(m, "preferred", support=support).extensions:
            assert grounded_in <= set(ext)
        for ext in evaluate(m, "stable", support=support).extensions:
            assert ext in evaluate(m, "preferred", support=support).extensions


def test_why_through_an_undercut() -> None:
    # a attacks t through r1, u undercuts r1: t stays in, and u is what defends it.
    m = mk("t a u", ("r1", "a", "t", A), ("r2", "u", "r1", A))
    w = why(m, "t", evaluate(m))
    assert (w.label, w.attackers, w.defenders) == ("in", ["a"], ["u"])
    assert "r2" in w.relations
