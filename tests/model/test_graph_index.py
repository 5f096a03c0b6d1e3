"""The map's own adjacency index against a networkx MultiDiGraph changed the same way.

The map used to keep a networkx MultiDiGraph and walk it; it now keeps plain dicts laid out
the same way (faster to build). Relations into and out of a claim must still come out in the
order networkx gave, whatever sequence of additions and removals made the map: layouts,
evaluation and files depend on that order.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import ArgumentMap, Claim, ModelError, Relation, RelationKind, build_map

IDS = "abcdef"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.booleans(),  # add (True) or remove (False)
            st.sampled_from(IDS),
            st.sampled_from(IDS),
            st.sampled_from(list(RelationKind)),
        ),
        max_size=60,
    )
)
def test_relation_order_is_networkx_order(steps):
    m = ArgumentMap()
    shadow = nx.MultiDiGraph()
    for cid in IDS:
        m.add_claim(Claim(cid))
        shadow.add_node(cid)
    for n, (add, source, target, kind) in enumerate(steps):
        if add:
            rid = f"r{n}"
            try:
                m.add_relation(Relation(rid, source, target, kind))
            except ModelError:
                continue
            shadow.add_edge(source, target, key=rid)
        else:
            into = m.relations_into(target)
            if not into:
                continue
            gone = into[len(into) // 2]
            m.remove_relation(gone.id)
            shadow.remove_edge(gone.source, gone.target, key=gone.id)
    assert m.check_invariants() == []
    for cid in IDS:
        assert [r.id for r in m.relations_into(cid)] == [
            k for _, _, k in shadow.in_edges(cid, keys=True)
        ]
        assert [r.id for r in m.relations_out_of(cid)] == [
            k for _, _, k in shadow.out_edges(cid, keys=True)
        ]
        assert m.premises(cid) == list(shadow.predecessors(cid))
        assert m.in_degree(cid) == shadow.in_degree(cid)
    assert sorted(m.graph.edges(keys=True)) == sorted(shadow.edges(keys=True))
    assert set(m.graph.nodes) == set(shadow.nodes)


def test_build_map_gives_the_order_of_adding_one_by_one():
    claims = [Claim(c) for c in IDS]
    relations = [
        Relation("u1", "c", "r2", RelationKind.ATTACK),  # an undercut before its target
        Relation("r1", "a", "b"),
        Relation("r2", "c", "b", RelationKind.ATTACK),
        Relation("r3", "a", "b", RelationKind.ATTACK),
        Relation("u2", "d", "u1", RelationKind.ATTACK),
        Relation("r4", "e", "a"),
    ]
    built = build_map(claims, relations)
    slow = ArgumentMap()
    for c in claims:
        slow.add_claim(c)
    for rid in ("r1", "r2", "r3", "r4", "u1", "u2"):
        slow.add_relation(next(r for r in relations if r.id == rid))
    assert list(built.relations) == list(slow.relations)
    for cid in IDS:
        assert built.relations_into(cid) == slow.relations_into(cid)
        assert built.relations_out_of(cid) == slow.relations_out_of(cid)
    assert [r.id for r in built.relations_into("b")] == ["r1", "r3", "r2"]
    assert built.check_invariants() == []
