"""Saved views and collapsed claims in .argmap files: defaults left out, unknown view fields
kept, views that no longer fit the map repaired with a one-line warning, never refused."""

from __future__ import annotations

import json

import pytest

from argmap.cli import main
from argmap.io import native
from argmap.model import Claim, FormatError, View, with_changes


def doc_with_views(views: list[dict]) -> dict:
    return {
        "format": "argmap",
        "version": 1,
        "claims": [{"id": "a", "text": "A", "x": 0, "y": 0}, {"id": "b", "text": "B", "x": 400}],
        "relations": [{"id": "r1", "source": "a", "target": "b", "kind": "support"}],
        "views": views,
    }


def test_files_without_views_or_collapsed_claims_are_byte_identical(seed_path):
    data = seed_path.read_bytes()
    assert native.dumps(native.read(seed_path)).encode("utf-8") == data
    text = data.decode("utf-8")
    assert '"views"' not in text and '"collapsed": true' not in text


def test_views_and_collapsed_claims_round_trip(tmp_path, seed_path):
    m = native.read(seed_path)
    some = sorted(m.claims)[:3]
    m.replace_claim(with_changes(m.claim(some[0]), collapsed=True))
    m.add_view(
        View(
            "v1",
            "Ceasefire",
            zoom=0.65,
            center=(100.0, -50.5),
            focus=some[1],
            depth=2,
            collapsed=(some[0],),
            evaluation="grounded",
        )
    )
    m.add_view(View("v2", "Everything"))
    path = tmp_path / "m.argmap"
    native.write(m, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["views"] == [
        {
            "id": "v1",
            "name": "Ceasefire",
            "zoom": 0.65,
            "center": [100.0, -50.5],
            "focus": some[1],
            "depth": 2,
            "collapsed": [some[0]],
            "evaluation": "grounded",
        },
        {"id": "v2", "name": "Everything"},  # defaults left out
    ]
    assert [c["id"] for c in doc["claims"] if c.get("collapsed")] == [some[0]]
    again, warnings = native.read_with_report(path)
    assert again == m and warnings == []
    native.write(again, path)
    assert json.loads(path.read_text(encoding="utf-8")) == doc


def test_unknown_view_fields_from_a_newer_argmap_are_kept(tmp_path):
    newer = {
        "id": "v1",
        "name": "N",
        "zoom": 1.0,
        "layers": ["notes", "scores"],
        "pitch": {"deg": 30},
    }
    path = tmp_path / "newer.argmap"
    path.write_text(json.dumps(doc_with_views([newer])), encoding="utf-8")
    m, warnings = native.read_with_report(path)
    assert warnings == []
    assert dict(m.views["v1"].extra) == {"layers": '["notes", "scores"]', "pitch": '{"deg": 30}'}
    native.write(m, path)
    assert json.loads(path.read_text(encoding="utf-8"))["views"] == [newer]


def test_a_view_naming_deleted_claims_opens_repaired_with_one_warning(tmp_path, capsys):
    path = tmp_path / "stale.argmap"
    views = [
        {"id": "v1", "name": "Old focus", "focus": "gone", "collapsed": ["a", "gone2"]},
        {"id": "v2", "name": "Lost", "zoom": 0, "center": [1e12, 0]},
        {"id": "v3", "name": "Fine", "zoom": 0.5},
    ]
    path.write_text(json.dumps(doc_with_views(views)), encoding="utf-8")
    m, warnings = native.read_with_report(path)
    assert m.views["v1"] == View("v1", "Old focus", collapsed=("a",))
    assert m.views["v2"] == View("v2", "Lost", zoom=0.02)
    assert m.views["v3"] == View("v3", "Fine", zoom=0.5)
    assert len(warnings) == 2 and all("\n" not in w for w in warnings)
    assert warnings[0].startswith("view 'Old focus': claim 'gone' no longer exists")
    assert warnings[1].startswith("view 'Lost': zoom 0.0 is impossible")
    # The command line reads it too, and says so in one line per view on stderr.
    assert main(["info", str(path)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [f"argmap: warning: {path}: {w}" for w in warnings]


def test_nan_and_infinite_zoom_written_by_hand_are_repaired(tmp_path):
    path = tmp_path / "nan.argmap"
    text = json.dumps(doc_with_views([{"id": "v1", "zoom": 1.0, "center": [0, 0]}]))
    path.write_text(text.replace('"zoom": 1.0', '"zoom": NaN').replace("[0, 0]", "[Infinity, 0]"))
    m, warnings = native.read_with_report(path)
    assert m.views["v1"].zoom is None and m.views["v1"].center is None
    assert len(warnings) == 1 and "zoom nan is impossible" in warnings[0]
    written = native.dumps(m)  # the repaired view is plain JSON again
    assert "NaN" not in written and "Infinity" not in written


@pytest.mark.parametrize(
    ("view", "place", "message"),
    [
        ({"id": "v1", "zoom": "big"}, "$.views[0].zoom", "expected number or null"),
        ({"id": "v1", "center": [1]}, "$.views[0].center", "expected 2 items"),
        ({"name": "no id"}, "$.views[0]", "missing field 'id'"),
        ({"id": "v 1"}, "$.views[0].id", "invalid id"),
    ],
)
def test_views_of_the_wrong_type_are_refused_with_the_place(view, place, message):
    with pytest.raises(FormatError) as err:
        native.loads(json.dumps(doc_with_views([view])), name="m.argmap")
    assert err.value.place == place and message in str(err.value)


def test_duplicate_view_ids_are_refused():
    with pytest.raises(FormatError, match=r"\$\.views\[1\]\.id: duplicate view id 'v1'"):
        native.loads(json.dumps(doc_with_views([{"id": "v1"}, {"id": "v1"}])), name="m.argmap")


def test_collapsed_must_be_a_boolean():
    doc = doc_with_views([])
    doc["claims"][0]["collapsed"] = "yes"
    with pytest.raises(FormatError, match=r"\$\.claims\[0\]\.collapsed: expected boolean"):
        native.loads(json.dumps(doc), name="m.argmap")
    assert Claim("x").collapsed is False
