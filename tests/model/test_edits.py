"""Every edit operation and its inverse; random edit sequences undone in reverse."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.io import native
from argmap.model import (
    ArgumentMap,
    Claim,
    Group,
    MapInfo,
    ModelError,
    Relation,
    RelationKind,
    with_changes,
)
from argmap.model.edits import (
    AddClaim,
    AddGroup,
    AddRelation,
    Composite,
    MoveClaims,
    RemoveClaim,
    RemoveGroup,
    RemoveRelation,
    SetInfo,
    UpdateClaim,
    UpdateGroup,
    UpdateRelation,
)
from tests.strategies import claims, maps, texts


def small_map() -> ArgumentMap:
    m = ArgumentMap(MapInfo(title="t"))
    for cid in "abcd":
        m.add_claim(Claim(cid, cid.upper()))
    m.add_relation(Relation("r1", "a", "b"))
    m.add_relation(Relation("r2", "c", "b", RelationKind.ATTACK))
    m.add_relation(Relation("u1", "d", "r1", RelationKind.ATTACK))  # undercut of a -> b
    m.add_group(Group("g", "G", ("a", "b")))
    return m


@pytest.mark.parametrize(
    "edit",
    [
        AddClaim(Claim("e", "E")),
        RemoveClaim("a"),  # cascades: r1, its undercut u1, and the group membership
        RemoveClaim("d"),
        UpdateClaim(Claim("a", "changed", base_score=0.9)),
        MoveClaims.of({"a": (10, 20), "b": (-5, 3.5)}),
        AddRelation(Relation("r3", "a", "c", RelationKind.ATTACK)),
        RemoveRelation("r1"),
        UpdateRelation(Relation("r2", "c", "b", RelationKind.SUPPORT, label="now support")),
        AddGroup(Group("h", "H", ("c",))),
        RemoveGroup("g"),
        UpdateGroup(Group("g", "renamed", ("a",), collapsed=True)),
        SetInfo(MapInfo(title="new title")),
        Composite((AddClaim(Claim("e", "E")), AddRelation(Relation("r9", "e", "a")))),
    ],
    ids=lambda e: type(e).__name__,
)
def test_each_edit_is_undone_by_its_inverse(edit):
    m = small_map()
    before = m.copy()
    inverse = edit.apply(m)
    assert m != before
    redo = inverse.apply(m)
    assert m == before
    redo.apply(m)
    assert m != before


def test_remove_claim_cascades_relations_undercuts_and_groups():
    m = small_map()
    RemoveClaim("a").apply(m)
    assert set(m.relations) == {"r2"}
    assert m.group("g").claims == ("b",)


@pytest.mark.parametrize(
    "bad, message",
    [
        (AddClaim(Claim("a", "again")), "duplicate id 'a'"),
        (AddClaim(Claim("r1", "clash with a relation id")), "duplicate id 'r1'"),
        (AddClaim(Claim("bad id", "x")), "invalid id"),
        (AddClaim(Claim("e", "x", base_score=1.5)), "not in [0, 1]"),
        (AddRelation(Relation("r5", "a", "zz")), "no claim or relation 'zz'"),
        (AddRelation(Relation("r5", "zz", "a")), "source 'zz' is not a claim"),
        (AddRelation(Relation("r5", "a", "b")), "already has a support relation"),
        (AddRelation(Relation("r5", "a", "r2", RelationKind.SUPPORT)), "only an attack"),
        (UpdateClaim(Claim("zz", "x")), "no claim with id 'zz'"),
        (RemoveRelation("zz"), "no relation"),
        (AddGroup(Group("h", "H", ("zz",))), "no claim 'zz'"),
    ],
)
def test_invariants_are_enforced_with_clear_errors(bad, message):
    m = small_map()
    before = m.copy()
    with pytest.raises(ModelError, match=message.replace("[", r"\[").replace("]", r"\]")):
        bad.apply(m)
    assert m == before


def test_low_level_remove_refuses_to_orphan_relations():
    m = small_map()
    with pytest.raises(ModelError, match="still has relations"):
        m.remove_claim("a")


def test_failed_composite_rolls_back():
    m = small_map()
    before = m.copy()
    with pytest.raises(ModelError):
        Composite((AddClaim(Claim("e", "E")), AddClaim(Claim("e", "again")))).apply(m)
    assert m == before


def test_signals_report_changes():
    m = small_map()
    seen = []
    m.claim_changed.connect(lambda old, new: seen.append(("changed", new.id)))
    m.claim_removed.connect(lambda c: seen.append(("removed", c.id)))
    m.relation_removed.connect(lambda r: seen.append(("rel-removed", r.id)))
    RemoveClaim("a").apply(m)
    assert ("removed", "a") in seen and ("rel-removed", "r1") in seen
    assert ("rel-removed", "u1") in seen


def test_graph_follows_the_relations():
    m = small_map()
    assert sorted(m.graph.edges(keys=True)) == [("a", "b", "r1"), ("c", "b", "r2")]
    assert [r.id for r in m.undercuts_of("r1")] == ["u1"]
    assert {r.id for r in m.relations_of("d")} == {"u1"}


@st.composite
def edit_for(draw: st.DrawFn, m: ArgumentMap):
    """One random edit that is valid for the map as it is now."""
    claim_ids = sorted(m.claims)
    rel_ids = sorted(m.relations)
    options = ["add_claim", "info"]
    if claim_ids:
        options += ["remove_claim", "update_claim", "move", "add_relation", "add_group"]
    if rel_ids:
        options += ["remove_relation", "update_relation"]
    if m.groups:
        options += ["remove_group", "update_group"]
    choice = draw(st.sampled_from(options))
    if choice == "add_claim":
        return AddClaim(draw(claims(m.new_id("n"))))
    if choice == "info":
        return SetInfo(MapInfo(title=draw(texts)))
    if choice == "remove_claim":
        return RemoveClaim(draw(st.sampled_from(claim_ids)))
    if choice == "update_claim":
        return UpdateClaim(draw(claims(draw(st.sampled_from(claim_ids)))))
    if choice == "move":
        moved = draw(st.lists(st.sampled_from(claim_ids), min_size=1, unique=True))
        return MoveClaims.of({c: (draw(st.integers(-500, 500)), 7.5) for c in moved})
    if choice == "add_relation":
        src = draw(st.sampled_from(claim_ids))
        tgt = draw(st.sampled_from(claim_ids))
        kind = draw(st.sampled_from(list(RelationKind)))
        if (src, tgt, kind) in {(r.source, r.target, r.kind) for r in m.relations.values()}:
            return SetInfo(m.info)
        return AddRelation(Relation(m.new_id("r"), src, tgt, kind))
    if choice == "add_group":
        members = draw(st.lists(st.sampled_from(claim_ids), unique=True, max_size=3))
        return AddGroup(Group(m.new_id("g"), "G", tuple(members)))
    if choice == "remove_relation":
        return RemoveRelation(draw(st.sampled_from(rel_ids)))
    if choice == "update_relation":
        r = m.relations[draw(st.sampled_from(rel_ids))]
        return UpdateRelation(with_changes(r, label=draw(texts), notes=draw(texts)))
    gid = draw(st.sampled_from(sorted(m.groups)))
    if choice == "remove_group":
        return RemoveGroup(gid)
    return UpdateGroup(with_changes(m.groups[gid], label=draw(texts), collapsed=True))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_random_edit_sequences_undone_in_reverse_restore_the_map(data):
    m = data.draw(maps())
    original = m.copy()
    original_text = native.dumps(m)
    inverses = []
    for _ in range(data.draw(st.integers(1, 25))):
        edit = data.draw(edit_for(m))
        inverses.append(edit.apply(m))
    for inverse in reversed(inverses):
        inverse.apply(m)
    assert m == original
    assert native.dumps(m) == original_text


def test_check_invariants_finds_a_corrupted_index():
    m = small_map()
    assert m.check_invariants() == []
    del m._succ["a"]["b"]["r1"]  # simulate a bug that forgets the graph (both directions)
    assert "graph edges differ from the claim-to-claim relations" in m.check_invariants()


def test_check_invariants_finds_a_one_sided_edge():
    m = small_map()
    m._pred["b"]["a"] = {"r9": None}  # an edge known in one direction only
    assert "graph edges differ from the claim-to-claim relations" in m.check_invariants()


def test_graph_is_rebuilt_after_each_change():
    m = small_map()
    before = m.graph
    assert m.graph is before  # cached while nothing changes
    m.add_claim(Claim("z"))
    m.add_relation(Relation("r9", "z", "b", RelationKind.ATTACK))
    assert ("z", "b", "r9") in m.graph.edges(keys=True)
    assert m.premises("b") == ["a", "c", "z"] and m.in_degree("b") == 3
    m.remove_relation("r9")
    assert ("z", "b", "r9") not in m.graph.edges(keys=True)
    m.remove_claim("z")
    assert "z" not in m.graph
