"""The column-by-column read of plain `.argmap` files (argmap/io/native_columns.py) gives what
the general read gives: the same map, field by field and index by index, for every written
map, and the same one-line error for every damaged document; and it is taken for plain maps.

The general read here is the read as it was before the column path: `_parse_fast` refused,
so the bytes are scanned for nesting, parsed, checked by the schema (or fast check) and the
cross-references, and built by `build_map`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.io import limits, native, native_columns, native_relations
from argmap.model.errors import ArgmapError
from argmap.model.map import ArgumentMap
from argmap.model.synthetic import chain_map, synthetic_map
from argmap.model.types import (
    Comment,
    Group,
    Relation,
    RelationKind,
    Review,
    ReviewStatus,
    View,
    with_changes,
)
from tests.io.test_bad_files import BAD, SEEDS, mutations, native_field_swaps
from tests.strategies import maps


def _value(v: Any) -> Any:
    """A value with its type and repr, so that 0.0 and -0.0, 1 and 1.0, a list and a tuple
    differ."""
    return (type(v).__name__, repr(v))


def snapshot(m: ArgumentMap) -> dict[str, Any]:
    """Everything a map holds, in order: each value's fields with their types, and the
    indexes the map keeps (their order too: relations come out of them in that order)."""

    def fields(x: Any) -> list[Any]:
        return [(k, _value(v)) for k, v in vars(x).items()]

    return {
        "info": fields(m.info),
        "claims": [(k, fields(c)) for k, c in m._claims.items()],
        "relations": [(k, fields(r)) for k, r in m._relations.items()],
        "groups": [(k, fields(g)) for k, g in m._groups.items()],
        "views": [(k, fields(v)) for k, v in m._views.items()],
        "succ": [(a, [(b, list(keys)) for b, keys in nb.items()]) for a, nb in m._succ.items()],
        "pred": [(a, [(b, list(keys)) for b, keys in nb.items()]) for a, nb in m._pred.items()],
        "shared": all(
            m._succ[a][b] is m._pred[b][a] for a, nb in m._succ.items() for b in nb
        ),
        "keys": sorted(m._keys),
        "undercuts": sorted((k, sorted(v)) for k, v in m._undercuts.items()),
        "undercut_sources": sorted((k, list(v)) for k, v in m._undercut_sources.items()),
        "problems": m.check_invariants(),
    }


def outcome(data: bytes, *, general: bool) -> tuple[Any, ...]:
    """What reading the bytes gives: the map's snapshot and warnings, or the error line."""
    with pytest.MonkeyPatch.context() as mp:
        if general:
            mp.setattr(native, "_parse_fast", lambda data: None)
        try:
            m, warnings = native.loads_with_report(data, name="f.argmap")
        except ArgmapError as exc:
            return ("error", type(exc).__name__, str(exc))
    return ("map", snapshot(m), warnings)


def takes_columns(data: bytes) -> bool:
    return native.read_document(data, "f.argmap")[1] is not None


def plain_seed() -> bytes:
    """A plain map (no anchors, schemes or grading) using every field the column path takes:
    titles, comments with replies, reviews, collapsed claims, sources with spans, a chain of
    undercuts listed before what they attack, links, groups and a view with a field from a
    newer argmap."""
    m = synthetic_map(12, 18)
    thread = Comment("k1", "ana", "2026-11-25T08:00:00Z", "why?", False, (
        Comment("k2", "bo", "2026-11-25T09:00:00Z", "because", True),
    ))
    first = m.claims["c3"]
    m.replace_claim(with_changes(
        first, title="Short", comments=(thread,), collapsed=True,
        review=Review(ReviewStatus.DISPUTED, "ana", "2026-11-25"),
        source=with_changes(first.source, span=(0, 4)), x=-0.0, base_score=1,
    ))
    target = next(iter(m.relations))
    m.add_relation(Relation("a2", "c5", target, RelationKind.ATTACK, comments=(thread,)))
    m.add_relation(Relation("a1", "c6", "a2", RelationKind.ATTACK, link="L1", notes="n"))
    m.add_group(Group("g1", "group", ("c1", "c2")))
    m.add_view(View("v1", "view", 0.5, (10.0, 20.0), "c1", extra=(("layers", '["notes"]'),)))
    return native.dumps_bytes(m)


PLAIN = plain_seed()


def test_plain_seed_takes_the_column_path_and_reads_alike() -> None:
    assert takes_columns(PLAIN)
    assert outcome(PLAIN, general=False) == outcome(PLAIN, general=True)
    assert outcome(PLAIN, general=False)[0] == "map"


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(maps())
def test_written_maps_take_the_column_path_and_read_alike(m: ArgumentMap) -> None:
    data = native.dumps_bytes(m)
    assert takes_columns(data)
    fast = outcome(data, general=False)
    assert fast == outcome(data, general=True)
    assert native.loads(data) == m  # and it is the map that was written


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(native_field_swaps(PLAIN) | mutations(PLAIN) | native_field_swaps(SEEDS["argmap"]))
def test_damaged_documents_get_the_same_map_or_error(data: bytes) -> None:
    assert outcome(data, general=False) == outcome(data, general=True)


def test_the_bad_file_corpus_gets_the_same_errors() -> None:
    paths = sorted(BAD.glob("*.argmap"))
    assert len(paths) >= 30
    for path in paths:
        data = path.read_bytes()
        fast = outcome(data, general=False)
        assert fast[0] == "error", path.name
        assert fast == outcome(data, general=True), path.name


def _with_comment_thread(levels: int, *, on: str = "claims") -> bytes:
    """The plain seed with a comment thread `levels` deep on its first claim or relation."""
    doc = json.loads(PLAIN)
    comment: dict[str, Any] = {"id": "d0", "author": "a", "time": "", "text": "t", "replies": []}
    for i in range(1, levels):
        comment = {"id": f"d{i}", "author": "a", "time": "", "text": "t", "replies": [comment]}
    doc[on][0]["comments"] = [comment]
    return json.dumps(doc).encode()


@pytest.mark.parametrize("on", ["claims", "relations"])
@pytest.mark.parametrize("levels", [1, 29, 30, 31, 40])
def test_comment_threads_at_the_depth_limit(on: str, levels: int) -> None:
    """A thread 30 levels deep nests 64 deep in the file (the limit): read; 31 is refused as
    too deep, with the same place as the nesting scan gives."""
    data = _with_comment_thread(levels, on=on)
    assert limits.json_depth_exceeds(data) == (levels > 30)
    if levels <= 30:
        assert takes_columns(data)
    fast = outcome(data, general=False)
    assert fast == outcome(data, general=True)
    assert (fast[0] == "error") == (levels > 30)
    if levels > 30:
        assert "nested too deeply" in fast[2]


@pytest.mark.parametrize("depth", [55, 60, 61, 62, 80])
def test_deep_unknown_view_fields(depth: int) -> None:
    """The rest of the document is measured too: a newer argmap's view field nested deep."""
    doc = json.loads(PLAIN)
    value: Any = []
    for _ in range(depth):
        value = [value]
    doc["views"][0]["later"] = value
    data = json.dumps(doc).encode()
    fast = outcome(data, general=False)
    assert fast == outcome(data, general=True)
    assert (fast[0] == "error") == limits.json_depth_exceeds(data)


def test_a_chain_of_undercuts_listed_before_what_it_attacks() -> None:
    m = chain_map(30, undercuts=40)
    doc = native.to_dict(m)
    doc["relations"].reverse()  # each undercut before the relation it attacks
    data = json.dumps(doc).encode()
    assert takes_columns(data)
    fast = outcome(data, general=False)
    assert fast == outcome(data, general=True)
    order = [k for k, _ in fast[1]["relations"]]
    assert order[-40:] == [f"x{j}" for j in range(40)]  # each after what it attacks


@pytest.mark.parametrize(
    "change",
    [
        "cycle of undercuts",
        "undercut by a support",
        "self undercut",
        "duplicate relation",
        "claim and relation share an id",
        "duplicate claim",
        "missing source",
        "score as a whole number",
        "unknown group member",
    ],
)
def test_refusals_after_the_schema_alike(change: str) -> None:
    doc = json.loads(native.dumps_bytes(chain_map(6, undercuts=3)))
    rels, claims = doc["relations"], doc["claims"]
    by_id = {r["id"]: r for r in rels}
    if change == "cycle of undercuts":
        by_id["x0"]["target"] = "x2"
    elif change == "undercut by a support":
        by_id["x1"]["kind"] = "support"
    elif change == "self undercut":
        by_id["x1"]["target"] = "x1"
    elif change == "duplicate relation":
        rels.append({**rels[0], "id": "again"})
    elif change == "claim and relation share an id":
        rels[0]["id"] = claims[0]["id"]
    elif change == "duplicate claim":
        claims.append(dict(claims[0]))
    elif change == "missing source":
        rels[0]["source"] = "nowhere"
    elif change == "score as a whole number":
        claims[0]["base_score"] = 1
    else:
        doc["groups"] = [{"id": "g", "label": "", "claims": ["c1", "zz"], "collapsed": False}]
    data = json.dumps(doc).encode()
    fast = outcome(data, general=False)
    assert fast == outcome(data, general=True)
    assert (fast[0] == "map") == (change == "score as a whole number")


def test_lean_eval_read_takes_the_column_path(tmp_path: Path) -> None:
    path = tmp_path / "plain.argmap"
    path.write_bytes(PLAIN)
    lean = native_relations.read(path)
    m = native.read(path)
    assert lean is not None
    assert lean.claims == {c.id: c.text for c in m.claims.values()}
    assert list(lean.relations.items()) == list(m.relations.items())


# -- the string scan -----------------------------------------------------------------------

_PIECES = st.sampled_from(["w", "é", "\\\"", "\\\\", "\\n", "\\u00e9", "\"", "{", "[", " "])


@settings(max_examples=60, deadline=None)
@given(
    before=st.integers(0, 120_000),
    pieces=st.lists(st.tuples(st.integers(0, limits.MAX_TEXT_CHARS), _PIECES), max_size=30),
    extra=st.integers(1, 3),
)
def test_the_string_scan_never_misses_a_long_string(before: int, pieces, extra: int) -> None:
    """A string of more than MAX_TEXT_CHARS characters anywhere in the bytes, whatever
    escapes, quotes outside it and brackets it holds, is always flagged for the exact walk."""
    chars = ["w"] * (limits.MAX_TEXT_CHARS + extra)
    for at, piece in pieces:
        if piece != '"':  # a raw quote would end the string; escapes stay inside it
            chars[at] = piece
    text = "".join(chars)
    doc = ('{"a": "' + "x" * before + '", "b": [1, "' + text + '"]}').encode()
    value = json.loads(doc)["b"][1]
    assert len(value) > limits.MAX_TEXT_CHARS
    assert limits.strings_may_be_bad(doc)
    with pytest.raises(limits.LimitError):
        limits.check_strings(json.loads(doc), "f", doc)


def test_the_string_scan_passes_ordinary_files() -> None:
    """No false alarm on a big ordinary file (else every load would pay the exact walk)."""
    data = native.dumps_bytes(synthetic_map(3000, 4500))
    assert len(data) > 10 * limits.MAX_TEXT_CHARS
    assert not limits.strings_may_be_bad(data)
    assert limits.strings_may_be_bad(data.replace(b'"c1"', b'"\\udc00"', 1))


def test_json_depth_counts_as_the_scan_does() -> None:
    for value in ([], {}, [[]], {"a": [{"b": 1}]}, [1, [2, [3, [4]]], {}], "s", 3, None):
        data = json.dumps(value).encode()
        depth = native_columns.json_depth(value)
        assert not limits.json_depth_exceeds(data, depth)
        assert depth == 0 or limits.json_depth_exceeds(data, depth - 1)
