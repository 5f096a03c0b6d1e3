"""The .argmap format: byte-identical round trips, validation errors with file and JSON path."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.io import native
from argmap.model import FormatError
from argmap.model.synthetic import synthetic_map
from tests.strategies import maps


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(maps())
def test_round_trip_is_byte_identical(tmp_path_factory, m):
    path = tmp_path_factory.mktemp("rt") / "m.argmap"
    native.write(m, path)
    first = path.read_bytes()
    again = native.read(path)
    assert again == m
    native.write(again, path)
    assert path.read_bytes() == first


def test_output_is_canonical_and_sorted(tmp_path):
    m = synthetic_map(30, seed=3)
    path = tmp_path / "s.argmap"
    native.write(m, path)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and text.startswith('{\n  "authors"')
    doc = json.loads(text)
    assert [c["id"] for c in doc["claims"]] == sorted(c["id"] for c in doc["claims"])
    assert [r["id"] for r in doc["relations"]] == sorted(r["id"] for r in doc["relations"])
    assert doc["format"] == "argmap" and doc["version"] == 1


def test_one_claim_edit_is_a_small_diff(tmp_path):
    from argmap.model import with_changes

    m = synthetic_map(50, seed=4)
    before = native.dumps(m).splitlines()
    m.replace_claim(with_changes(m.claim("c7"), text="A new wording."))
    after = native.dumps(m).splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1


def valid_doc() -> dict:
    return {
        "format": "argmap",
        "version": 1,
        "claims": [{"id": "a", "text": "A"}, {"id": "b", "text": "B", "kind": "thesis"}],
        "relations": [{"id": "r1", "source": "a", "target": "b", "kind": "support"}],
    }


def test_minimal_hand_written_file_loads_with_defaults():
    m = native.loads(json.dumps(valid_doc()), name="hand.argmap")
    assert m.claim("a").base_score == 0.5 and m.claim("b").kind.value == "thesis"


def mutate(path_and_value):
    doc = valid_doc()
    path, value = path_and_value
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(doc)


@pytest.mark.parametrize(
    "change, place, reason",
    [
        ((["claims", 1, "kind"], "opinion"), "$.claims[1].kind", '"opinion" is not one of'),
        ((["claims", 0, "text"], 5), "$.claims[0].text", "expected string, got number"),
        ((["claims", 0, "text"], KeyError), "$.claims[0]", "missing field 'text'"),
        ((["claims", 0, "colour"], "red"), "$.claims[0]", "unknown field 'colour'"),
        ((["claims", 0, "base_score"], 2), "$.claims[0].base_score", "out of range"),
        ((["claims", 0, "id"], "a b"), "$.claims[0].id", "invalid id"),
        ((["relations", 0, "target"], "zz"), "$.relations[0].target", "not a claim or relation"),
        ((["relations", 0, "source"], "zz"), "$.relations[0].source", "not a claim"),
        ((["claims", 1, "id"], "a"), "$.claims[1].id", "duplicate id 'a'"),
        ((["relations", 0, "id"], "a"), "$.relations[0].id", "duplicate id 'a'"),
        ((["version"], 99), "$.version", "version 99 is newer"),
        ((["version"], "1"), "$.version", "version must be a whole number"),
        ((["version"], 0), "$.version", "unknown version 0"),
        ((["format"], "other"), "$.format", "not an argmap file"),
        ((["claims"], {}), "$.claims", "expected array, got object"),
        ((["relations"], KeyError), "$", "missing field 'relations'"),
    ],
)
def test_validation_errors_name_file_and_json_path(change, place, reason):
    with pytest.raises(FormatError) as info:
        native.loads(mutate(change), name="bad.argmap")
    message = str(info.value)
    assert message.startswith(f"bad.argmap: {place}: ")
    assert reason in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b'{"format": "argmap", "version": 1, "claims": [', "line 1 column"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2]", "expected a JSON object, got array"),
        (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
    ],
)
def test_broken_bytes_give_one_line_errors(data, reason):
    with pytest.raises(FormatError) as info:
        native.read(data, name="x.argmap")
    assert reason in str(info.value) and str(info.value).startswith("x.argmap")


def test_missing_file_is_a_format_error(tmp_path):
    with pytest.raises(FormatError, match="no such file"):
        native.read(tmp_path / "nope.argmap")


def test_claim_title_is_written_only_when_set(tmp_path):
    """Claim.title came after version 1: files without titles stay byte-identical."""
    from argmap.model import with_changes

    m = synthetic_map(5, seed=1)
    before = native.dumps(m)
    assert all("title" not in c for c in json.loads(before)["claims"])
    m.replace_claim(with_changes(m.claim("c1"), title="Short label"))
    text = native.dumps(m)
    assert text.count('"title": "Short label"') == 1
    assert native.loads(text).claim("c1").title == "Short label"
    m.replace_claim(with_changes(m.claim("c1"), title=""))
    assert native.dumps(m) == before
    doc = valid_doc()
    doc["claims"][0]["title"] = 3
    with pytest.raises(FormatError, match=r"\$\.claims\[0\]\.title"):
        native.loads(json.dumps(doc))
