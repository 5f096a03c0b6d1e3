"""Three-way merge: properties over random maps and one hand-written case per rule and conflict."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.merge import CONFLICT_TAG, NOTE_PREFIX, markers, merge_maps
from argmap.cli import main
from argmap.io import native
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Comment,
    Group,
    MapInfo,
    Relation,
    RelationKind,
    Review,
    ReviewStatus,
    with_changes,
)
from argmap.model.edits import RemoveClaim
from tests.strategies import maps

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def base_map() -> ArgumentMap:
    m = ArgumentMap(MapInfo(title="Peace talks", authors=("Ann",)))
    m.add_claim(Claim("t", "Talks should resume in May", ClaimKind.THESIS, x=0, y=0))
    m.add_claim(Claim("a", "Both sides are exhausted", tags=("military", "old"), x=-100, y=150))
    m.add_claim(Claim("b", "The front line is frozen", x=100, y=150))
    m.add_relation(Relation("r1", "a", "t", RelationKind.SUPPORT))
    m.add_relation(Relation("r2", "b", "t", RelationKind.ATTACK))
    m.add_group(Group("g1", "Military", ("a", "b")))
    return m


def edited(m: ArgumentMap, claim_id: str, **changes: object) -> ArgumentMap:
    out = m.copy()
    out.replace_claim(with_changes(out.claims[claim_id], **changes))
    return out


def assert_loads(m: ArgumentMap) -> None:
    assert native.loads(native.dumps(m)) == m


# -- properties -------------------------------------------------------------------------------


@FAST
@given(maps(), maps())
def test_merge_with_unchanged_theirs_is_ours(base: ArgumentMap, x: ArgumentMap) -> None:
    result = merge_maps(base, x, base)
    assert result.clean, result.conflicts
    assert result.map == x


@FAST
@given(maps(), maps())
def test_merge_with_unchanged_ours_is_theirs(base: ArgumentMap, y: ArgumentMap) -> None:
    result = merge_maps(base, base, y)
    assert result.clean, result.conflicts
    assert result.map == y


@FAST
@given(maps(), maps(), maps())
def test_any_merge_is_a_valid_map_and_its_edits_reproduce_it(
    base: ArgumentMap, x: ArgumentMap, y: ArgumentMap
) -> None:
    result = merge_maps(base, x, y)
    assert_loads(result.map)
    ours = x.copy()
    result.edits().apply(ours)
    assert ours == result.map
    for conflict in result.conflicts:
        assert str(conflict)


@FAST
@given(maps())
def test_merging_a_map_with_itself_changes_nothing(x: ArgumentMap) -> None:
    result = merge_maps(x, x, x)
    assert result.clean and result.map == x


# -- clean merges ---------------------------------------------------------------------------


def test_different_claims_and_different_fields_merge_cleanly() -> None:
    base = base_map()
    ours = edited(base, "t", text="Talks should resume in June")
    ours.replace_claim(with_changes(ours.claims["b"], holder="Bo"))
    theirs = edited(base, "a", text="Both armies are exhausted")
    theirs.replace_claim(with_changes(theirs.claims["b"], kind=ClaimKind.EVIDENCE))
    result = merge_maps(base, ours, theirs)
    assert result.clean
    c = result.map.claims
    assert c["t"].text == "Talks should resume in June"
    assert c["a"].text == "Both armies are exhausted"
    assert (c["b"].holder, c["b"].kind) == ("Bo", ClaimKind.EVIDENCE)


def test_positions_never_conflict_and_ours_wins() -> None:
    base = base_map()
    ours = edited(base, "a", x=1.0, y=2.0)
    theirs = edited(base, "a", x=50.0, y=60.0)
    theirs.replace_claim(with_changes(theirs.claims["b"], x=7.0))
    result = merge_maps(base, ours, theirs)
    assert result.clean
    assert result.map.claims["a"].pos == (1.0, 2.0)
    assert result.map.claims["b"].pos == (7.0, 150.0)  # only theirs moved it


def test_additions_on_both_sides_are_kept() -> None:
    base = base_map()
    ours, theirs = base.copy(), base.copy()
    ours.add_claim(Claim("e1", "A ceasefire held in 2024", ClaimKind.EVIDENCE))
    ours.add_relation(Relation("r3", "e1", "t", RelationKind.SUPPORT))
    theirs.add_claim(Claim("e2", "Elections are due", ClaimKind.EVIDENCE))
    theirs.add_relation(Relation("r4", "e2", "r1", RelationKind.ATTACK))  # an undercut
    result = merge_maps(base, ours, theirs)
    assert result.clean
    assert {"e1", "e2"} <= set(result.map.claims)
    assert {"r3", "r4"} <= set(result.map.relations)
    assert [r.id for r in result.map.undercuts_of("r1")] == ["r4"]


def test_tags_merge_as_sets_and_groups_by_member() -> None:
    base = base_map()
    ours = edited(base, "a", tags=("military", "old", "economy"))
    theirs = edited(base, "a", tags=("military",))  # removed "old"
    theirs.replace_group(Group("g1", "Military", ("a",)))
    result = merge_maps(base, ours, theirs)
    assert result.clean
    assert result.map.claims["a"].tags == ("military", "economy")
    assert result.map.groups["g1"].claims == ("a",)


def test_comments_merge_by_id() -> None:
    c1 = Comment("cm1", "Ann", "2026-11-25T08:00:00Z", "Source?")
    base = edited(base_map(), "a", comments=(c1,))
    ours = edited(base, "a", comments=(with_changes(c1, resolved=True),))
    reply = Comment("cm3", "Bo", "2026-11-25T10:00:00Z", "See the report")
    theirs = edited(
        base,
        "a",
        comments=(
            with_changes(c1, replies=(reply,)),
            Comment("cm2", "Bo", "2026-11-25T09:00:00Z", "Which front?"),
        ),
    )
    result = merge_maps(base, ours, theirs)
    assert result.clean
    merged = result.map.claims["a"].comments
    assert [c.id for c in merged] == ["cm1", "cm2"]
    assert merged[0].resolved and merged[0].replies == (reply,)


def test_the_same_relation_added_twice_is_kept_once() -> None:
    base = base_map()
    ours, theirs = base.copy(), base.copy()
    ours.add_relation(Relation("r7", "a", "b", RelationKind.SUPPORT))
    theirs.add_relation(Relation("r9", "a", "b", RelationKind.SUPPORT))
    theirs.add_claim(Claim("u", "Only locally"))
    theirs.add_relation(Relation("r10", "u", "r9", RelationKind.ATTACK))
    result = merge_maps(base, ours, theirs)
    assert result.clean, result.conflicts
    assert "r7" in result.map.relations and "r9" not in result.map.relations
    assert result.map.relations["r10"].target == "r7"


# -- conflicts ------------------------------------------------------------------------------


def test_both_changed_the_text_differently() -> None:
    base = base_map()
    ours = edited(base, "t", text="Talks should resume in June")
    theirs = edited(base, "t", text="Talks should resume in July", holder="Bo")
    result = merge_maps(base, ours, theirs)
    assert [(c.kind, c.where) for c in result.conflicts] == [("changed-both", "claim t")]
    t = result.map.claims["t"]
    assert t.text == markers("Talks should resume in June", "Talks should resume in July")
    assert t.text.startswith("<<<<<<< ours\n") and t.text.endswith("\n>>>>>>> theirs")
    assert t.holder == "Bo"  # the field only theirs changed still merges
    assert CONFLICT_TAG in t.tags
    assert t.notes.startswith(NOTE_PREFIX) and "both changed the text" in t.notes
    assert_loads(result.map)


def test_deleted_on_one_side_edited_on_the_other() -> None:
    base = base_map()
    ours = base.copy()
    RemoveClaim("b").apply(ours)
    theirs = edited(base, "b", text="The front line has been frozen since 2023")
    result = merge_maps(base, ours, theirs)
    kinds = {(c.kind, c.where) for c in result.conflicts}
    assert ("delete-edit", "claim b") in kinds
    b = result.map.claims["b"]
    assert b.text == "The front line has been frozen since 2023"
    assert CONFLICT_TAG in b.tags and "deleted in ours, edited in theirs" in b.notes
    # Its relation was deleted in ours and unchanged in theirs: it goes.
    assert "r2" not in result.map.relations
    assert_loads(result.map)


def test_a_deleted_claim_that_was_only_moved_stays_deleted() -> None:
    base = base_map()
    ours = base.copy()
    RemoveClaim("b").apply(ours)
    theirs = edited(base, "b", x=500.0)
    result = merge_maps(base, ours, theirs)
    assert result.clean and "b" not in result.map.claims


def test_both_added_the_same_id_with_different_content() -> None:
    base = base_map()
    ours, theirs = base.copy(), base.copy()
    ours.add_claim(Claim("n", "Sanctions work", x=5))
    theirs.add_claim(Claim("n", "Sanctions fail", ClaimKind.EVIDENCE, x=9))
    result = merge_maps(base, ours, theirs)
    assert {c.kind for c in result.conflicts} == {"add-add"}
    n = result.map.claims["n"]
    assert n.text == markers("Sanctions work", "Sanctions fail")
    assert n.kind is ClaimKind.CLAIM and n.x == 5  # ours kept, theirs told in the note
    assert "both sides added this id" in n.notes and "theirs evidence" in n.notes


def test_a_relation_into_a_claim_deleted_on_the_other_side_restores_it() -> None:
    base = base_map()
    ours = base.copy()
    ours.add_claim(Claim("e", "Artillery fire fell by half", ClaimKind.EVIDENCE))
    ours.add_relation(Relation("r5", "e", "b", RelationKind.SUPPORT))
    theirs = base.copy()
    RemoveClaim("b").apply(theirs)
    result = merge_maps(base, ours, theirs)
    assert ("restored", "claim b") in {(c.kind, c.where) for c in result.conflicts}
    b = result.map.claims["b"]
    assert CONFLICT_TAG in b.tags and "restored because relation r5 uses it" in b.notes
    assert result.map.relations["r5"].target == "b"
    assert "r2" not in result.map.relations  # deleted in theirs, untouched in ours
    assert result.map.groups["g1"].claims == ("a",)  # the membership went with the delete
    assert_loads(result.map)


def test_review_disagreement_is_a_conflict_and_relations_show_it_on_the_label() -> None:
    base = base_map()
    ours, theirs = base.copy(), base.copy()
    ours.replace_relation(
        with_changes(ours.relations["r1"], review=Review(ReviewStatus.ACCEPTED, "Ann", "t1"))
    )
    theirs.replace_relation(
        with_changes(theirs.relations["r1"], review=Review(ReviewStatus.DISPUTED, "Bo", "t2"))
    )
    result = merge_maps(base, ours, theirs)
    assert [c.where for c in result.conflicts] == ["relation r1"]
    r1 = result.map.relations["r1"]
    assert r1.review.status is ReviewStatus.ACCEPTED
    assert r1.label.startswith("[conflict]") and "theirs disputed by Bo" in r1.notes


# -- command line ---------------------------------------------------------------------------


def test_cli_merge(tmp_path: Path, capsys) -> None:
    base = base_map()
    paths = {n: tmp_path / f"{n}.argmap" for n in ("base", "ours", "theirs", "out")}
    native.write(base, paths["base"])
    native.write(edited(base, "t", text="June"), paths["ours"])
    native.write(edited(base, "a", text="Exhausted"), paths["theirs"])
    args = ["merge", *(str(paths[n]) for n in ("base", "ours", "theirs")), "-o", str(paths["out"])]
    assert main(args) == 0
    merged = native.read(paths["out"])
    assert (merged.claims["t"].text, merged.claims["a"].text) == ("June", "Exhausted")

    native.write(edited(base, "t", text="July"), paths["theirs"])
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "CONFLICT (claim t): both changed the text" in err
    assert CONFLICT_TAG in native.read(paths["out"]).claims["t"].tags

    # git passes an empty base when both branches added the file.
    paths["base"].write_bytes(b"")
    assert main(args) == 1
    assert "add-add" not in err  # the kinds are internal; the message names the id
    assert "both sides added this id" in capsys.readouterr().err

    paths["theirs"].write_text("{}", encoding="utf-8")
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"argmap: {paths['theirs']}") and "\n" not in err


def derive(m: ArgumentMap, data: st.DataObject) -> ArgumentMap:
    """A random descendant of a map: claims edited, moved or deleted, claims and relations added."""
    out = m.copy()
    for cid in sorted(m.claims):
        action = data.draw(st.sampled_from(["keep", "keep", "delete", "text", "tags", "move"]))
        if action == "delete":
            RemoveClaim(cid).apply(out)
        elif action == "text":
            out.replace_claim(with_changes(out.claims[cid], text=data.draw(st.sampled_from("xy"))))
        elif action == "tags":
            out.replace_claim(with_changes(out.claims[cid], tags=("t", data.draw(st.text("ab")))))
        elif action == "move":
            out.replace_claim(with_changes(out.claims[cid], x=data.draw(st.sampled_from([1, 2]))))
    for rid in sorted(m.relations):
        if rid in out.relations and data.draw(st.booleans()):
            out.replace_relation(with_changes(out.relations[rid], label=data.draw(st.text("ab"))))
    for _ in range(data.draw(st.integers(0, 2))):
        new_id = data.draw(st.sampled_from(["n1", "n2", "n3"]))
        if out.has_id(new_id):
            continue
        out.add_claim(Claim(new_id, data.draw(st.sampled_from(["p", "q"]))))
        targets = sorted(out.claims) + sorted(out.relations)
        target = data.draw(st.sampled_from(targets))
        kind = RelationKind.ATTACK if target in out.relations else RelationKind.SUPPORT
        rid = data.draw(st.sampled_from(["s1", "s2", "s3"]))
        if target != new_id and not out.has_id(rid):
            out.add_relation(Relation(rid, new_id, target, kind))
    return out


@FAST
@given(maps(max_claims=5), st.data())
def test_merging_two_descendants_gives_a_valid_map(base: ArgumentMap, data) -> None:
    ours, theirs = derive(base, data), derive(base, data)
    result = merge_maps(base, ours, theirs)
    assert_loads(result.map)
    for cid in set(ours.claims) & set(theirs.claims) - set(base.claims):
        assert cid in result.map.claims  # added on both sides: kept
    for conflict in result.conflicts:  # every claim in conflict carries the tag
        what, item_id = conflict.where.split(" ", 1)
        if what == "claim":
            assert CONFLICT_TAG in result.map.claims[item_id].tags
    applied = ours.copy()
    result.edits().apply(applied)
    assert applied == result.map


def test_views_merge_by_part_and_follow_deleted_claims() -> None:
    from argmap.model import View

    base = ArgumentMap()
    for cid in ("a", "b", "c"):
        base.add_claim(Claim(cid, cid.upper()))
    base.add_view(View("v1", "Talks", zoom=0.5, center=(0.0, 0.0), focus="a", collapsed=("a",)))
    base.add_view(View("v2", "Two", zoom=1.0))
    ours, theirs = base.copy(), base.copy()
    ours.replace_view(
        View("v1", "Talks", zoom=0.9, center=(10.0, 5.0), focus="a", collapsed=("a", "b"))
    )
    theirs.replace_view(
        View("v1", "Peace talks", zoom=0.5, center=(0.0, 0.0), focus="c", depth=3, collapsed=())
    )
    ours.replace_view(View("v2", "Two", zoom=2.0))
    theirs.replace_view(View("v2", "Two", zoom=3.0))
    result = merge_maps(base, ours, theirs)
    assert result.map.views["v1"] == View(
        "v1", "Peace talks", zoom=0.9, center=(10.0, 5.0), focus="c", depth=3, collapsed=("b",)
    )
    assert result.map.views["v2"].zoom == 2.0  # both moved the camera: ours
    assert [str(c) for c in result.conflicts] == ["view v2: both changed the camera: kept ours"]
    applied = ours.copy()
    result.edits().apply(applied)
    assert applied == result.map


def test_a_view_loses_a_claim_deleted_on_the_other_side() -> None:
    from argmap.model import View
    from argmap.model.edits import RemoveClaim

    base = ArgumentMap()
    for cid in ("a", "b"):
        base.add_claim(Claim(cid, cid.upper()))
    base.add_view(View("v1", "Talks"))
    ours, theirs = base.copy(), base.copy()
    ours.replace_view(View("v1", "Talks", focus="b", collapsed=("a", "b")))
    RemoveClaim("b").apply(theirs)
    result = merge_maps(base, ours, theirs)
    assert "b" not in result.map.claims
    assert result.map.views["v1"] == View("v1", "Talks", collapsed=("a",))
    assert result.map.check_invariants() == []


def test_claim_titles_merge_and_conflict_as_short_labels() -> None:
    base = base_map()
    ours = edited(base, "t", title="Resume")
    theirs = edited(base, "a", title="Exhausted")
    result = merge_maps(base, ours, theirs)
    assert result.clean
    assert (result.map.claims["t"].title, result.map.claims["a"].title) == ("Resume", "Exhausted")
    clash = merge_maps(base, ours, edited(base, "t", title="Restart"))
    assert not clash.clean
    t = clash.map.claims["t"]
    assert t.title == "Resume" and "both changed the title" in t.notes
    assert_loads(clash.map)
