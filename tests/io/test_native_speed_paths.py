"""The fast paths of the .argmap reader and writer give exactly what the general paths give.

Reading makes common claims and relations without running the dataclass `__init__`; writing
serialises claims and relations a chunk at a time with orjson and splices them in. Both must
be invisible: the same values, the same bytes as `json.dumps(indent=2, sort_keys=True)`.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from argmap.io import native
from argmap.model.synthetic import synthetic_map
from tests.strategies import maps


def _json_text(m) -> bytes:
    doc = native.to_dict(m)
    return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


@settings(max_examples=150, deadline=None)
@given(maps())
def test_writer_bytes_are_json_bytes(m):
    assert native.dumps_bytes(m) == _json_text(m)
    assert native.dumps(m).encode() == _json_text(m)


@pytest.mark.parametrize("n", [0, 1, 3, 2500])
def test_chunked_lists_are_json_lists(n, monkeypatch):
    monkeypatch.setattr(native, "_CHUNK", 2)  # many chunks, and a last one cut short
    m = synthetic_map(n, n * 3 // 2)
    assert native.dumps_bytes(m) == _json_text(m)


def test_a_title_holding_a_marker_is_written_the_general_way():
    m = synthetic_map(5, 6)
    from argmap.model.types import with_changes

    m.set_info(with_changes(m.info, title=native._MARKERS["claims"]))
    assert native._orjson_canonical(m) is None
    assert native.dumps_bytes(m) == _json_text(m)
    assert native.loads(native.dumps_bytes(m)) == m


@settings(max_examples=150, deadline=None)
@given(maps())
def test_quick_values_equal_general_values(m):
    doc = native.to_dict(m)
    for d in doc["claims"]:
        quick, general = native.claim_from_dict(d), native._claim_from_any_dict(d)
        assert quick == general and vars(quick) == vars(general)
        assert [type(v) for v in vars(quick).values()] == [type(v) for v in vars(general).values()]
    for d in doc["relations"]:
        quick, general = native.relation_from_dict(d), native._relation_from_any_dict(d)
        assert quick == general and vars(quick) == vars(general)
        assert hash(quick) == hash(general)
