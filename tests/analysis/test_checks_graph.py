"""The support-graph checks (circular support, evidence-free theses) on plain dicts agree with
networkx's strongly connected components and ancestors, and need no recursion."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.checks import _support_links, check
from argmap.analysis.graphs import strong_components
from argmap.model import Claim, ClaimKind, Relation, RelationKind, build_map
from tests.strategies import maps


def support_digraph(m) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(m.claims)
    for r in m.relations.values():
        if r.kind is RelationKind.SUPPORT and r.target in m.claims:
            g.add_edge(r.source, r.target)
    return g


@st.composite
def support_maps(draw):
    """Claims of every kind with random supports (cycles and self-supports included)."""
    n = draw(st.integers(1, 12))
    kinds = draw(st.lists(st.sampled_from(list(ClaimKind)), min_size=n, max_size=n))
    claims = [Claim(f"c{i}", kind=k) for i, k in enumerate(kinds)]
    pairs = draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))
    relations = [
        Relation(f"r{j}", f"c{a}", f"c{b}", RelationKind.SUPPORT)
        for j, (a, b) in enumerate(sorted(pairs))
    ]
    return build_map(claims, relations)


@settings(max_examples=200, deadline=None)
@given(st.one_of(support_maps(), maps()))
def test_components_and_ancestors_match_networkx(m) -> None:
    g = support_digraph(m)
    succ, pred = _support_links(m)
    got = sorted(sorted(c) for c in strong_components(succ))
    assert got == sorted(sorted(c) for c in nx.strongly_connected_components(g))
    circles = {f.claims for f in check(m) if f.code == "circular-support"}
    expected = {
        tuple(sorted(c))
        for c in nx.strongly_connected_components(g)
        if len(c) > 1 or any(g.has_edge(x, x) for x in c)
    }
    assert circles == expected
    free = {f.claims[0] for f in check(m) if f.code == "evidence-free"}
    theses = [c for c, x in m.claims.items() if x.kind is ClaimKind.THESIS]
    assert free == {
        t
        for t in theses
        if nx.ancestors(g, t) - {t}
        and not any(m.claims[b].kind is ClaimKind.EVIDENCE for b in nx.ancestors(g, t) - {t})
    }


def test_a_long_support_circle_is_one_finding() -> None:
    n = 30_000
    claims = [Claim(f"c{i}") for i in range(n)]
    relations = [
        Relation(f"r{i}", f"c{i}", f"c{(i + 1) % n}", RelationKind.SUPPORT) for i in range(n)
    ]
    found = [f for f in check(build_map(claims, relations)) if f.code == "circular-support"]
    assert len(found) == 1
    assert len(found[0].claims) == n and len(found[0].relations) == n
