"""Saved views in the model: invariants, the claim-removal cascade and its undo, repair."""

from __future__ import annotations

import math

import pytest

from argmap.model import ArgumentMap, Claim, ModelError, View
from argmap.model.edits import AddView, RemoveClaim, RemoveView, UpdateView
from argmap.model.views import MAX_ZOOM, MIN_ZOOM, repair


def small_map() -> ArgumentMap:
    m = ArgumentMap()
    for cid, x in (("a", 0.0), ("b", 300.0), ("c", 600.0)):
        m.add_claim(Claim(cid, cid.upper(), x=x, y=0.0))
    return m


def test_a_view_must_name_claims_of_the_map():
    m = small_map()
    with pytest.raises(ModelError, match="no claim 'zz'"):
        m.add_view(View("v1", focus="zz"))
    with pytest.raises(ModelError, match="no claim 'zz'"):
        m.add_view(View("v1", collapsed=("a", "zz")))
    with pytest.raises(ModelError, match="invalid id"):
        m.add_view(View("bad id"))
    m.add_view(View("v1", "Talks", zoom=0.5, focus="a", collapsed=("b",)))
    with pytest.raises(ModelError, match="duplicate view id"):
        m.add_view(View("v1"))
    for n in range(2, 7):
        m.add_view(View(f"v{n}"))
    assert m.new_id("v") == "v7"  # ids of views are taken too


def test_removing_a_claim_takes_it_out_of_views_and_undo_puts_it_back():
    m = small_map()
    m.add_view(View("v1", "Ceasefire", focus="b", depth=2, collapsed=("a", "b")))
    m.add_view(View("v2", "Other", focus="c"))
    before = m.copy()
    undo = RemoveClaim("b").apply(m)
    assert m.views["v1"].focus is None and m.views["v1"].collapsed == ("a",)
    assert m.views["v2"] == before.views["v2"]
    assert m.check_invariants() == []
    undo.apply(m)
    assert m == before


def test_view_edits_are_invertible_and_signal():
    m = small_map()
    seen: list[str] = []
    m.view_added.connect(lambda v: seen.append(f"+{v.id}"))
    m.view_changed.connect(lambda old, new: seen.append(f"~{old.name}>{new.name}"))
    m.view_removed.connect(lambda v: seen.append(f"-{v.id}"))
    undo_add = AddView(View("v1", "One")).apply(m)
    undo_rename = UpdateView(View("v1", "Two")).apply(m)
    assert m.views["v1"].name == "Two"
    undo_rename.apply(m)
    undo_remove = RemoveView("v1").apply(m)
    assert "v1" not in m.views
    undo_remove.apply(m)
    undo_add.apply(m)
    assert seen == ["+v1", "~One>Two", "~Two>One", "-v1", "+v1", "-v1"]
    assert not m.views


def test_views_count_in_equality_and_copy():
    m = small_map()
    other = m.copy()
    m.add_view(View("v1", zoom=1.0))
    assert m != other
    assert m.copy() == m


def test_a_sound_view_is_not_touched():
    m = small_map()
    view = View("v1", "Fine", zoom=0.3, center=(300.0, 0.0), focus="a", collapsed=("b",))
    assert repair(view, m.claims) == (view, None)


@pytest.mark.parametrize(
    ("zoom", "fixed"),
    [(0.0, MIN_ZOOM), (-3.0, MIN_ZOOM), (1e9, MAX_ZOOM), (math.nan, None), (math.inf, None)],
)
def test_impossible_zoom_is_clamped_or_dropped(zoom, fixed):
    view, warning = repair(View("v1", "Z", zoom=zoom), small_map().claims)
    assert view.zoom == fixed
    assert warning is not None and warning.startswith("view 'Z': zoom ")
    assert "\n" not in warning


@pytest.mark.parametrize("center", [(math.nan, 0.0), (0.0, math.inf), (5e9, 0.0), (0.0, -2e7)])
def test_impossible_centre_is_dropped(center):
    view, warning = repair(View("v1", zoom=1.0, center=center), small_map().claims)
    assert view.center is None and view.zoom == 1.0
    assert warning is not None and "centre" in warning and "off the map" in warning


def test_missing_claims_and_bad_depth_are_repaired_in_one_line():
    view, warning = repair(
        View("v7", focus="gone", depth=-4, collapsed=("a", "x1", "x2", "a")), small_map().claims
    )
    assert view == View("v7", focus=None, depth=0, collapsed=("a",))
    assert warning == (
        "view 'v7': claim 'gone' no longer exists (focus dropped); "
        "2 claims 'x1', 'x2' no longer exist (no longer collapsed); "
        "depth -4 is impossible (set to 0)"
    )
    assert repair(view, small_map().claims) == (view, None)
