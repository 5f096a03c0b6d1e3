"""The fast check of claims and relations (argmap/io/fastcheck.py) never accepts what the schema
refuses: it may only say "certainly valid" when fastjsonschema agrees."""

from __future__ import annotations

import json

import fastjsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from argmap.io import native
from argmap.model.errors import FormatError
from argmap.model.map import ArgumentMap
from tests.io.test_bad_files import SEEDS, native_field_swaps
from tests.io.test_native_columns import PLAIN
from tests.strategies import maps


def _schema_accepts(doc: dict) -> bool:
    try:
        native._validator()(doc)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(native_field_swaps(SEEDS["argmap"]))
def test_fast_check_is_never_looser_than_the_schema(data: bytes) -> None:
    doc = json.loads(data)
    if native._certainly_valid(doc):
        assert _schema_accepts(doc)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(maps())
def test_fast_check_takes_written_maps_when_the_schema_does(m: ArgumentMap) -> None:
    doc = native.to_dict(m)
    assert _schema_accepts(doc)
    checker = native._fast_checker()
    if all(c.keys() <= checker.claim_keys for c in doc["claims"]) and all(
        r.keys() <= checker.relation_keys for r in doc["relations"]
    ):
        assert native._certainly_valid(doc)  # the fast path is taken for common maps


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(native_field_swaps(SEEDS["argmap"]) | native_field_swaps(PLAIN))
def test_column_path_is_never_looser_than_the_schema(data: bytes) -> None:
    """The column read (argmap/io/native_columns.py) takes a document only when the schema
    accepts it whole."""
    doc = json.loads(data)
    if isinstance(doc, dict) and native._plain_parts(doc) is not None:
        assert _schema_accepts(doc)


def test_a_review_status_of_any_json_type_is_refused_as_the_schema_refuses_it() -> None:
    """A status that is an array or object is no set member: "not sure", never a TypeError
    (the schema then gives the message)."""
    doc = json.loads(PLAIN)
    claim = next(c for c in doc["claims"] if c.get("review"))
    for status in ([], {}, ["accepted"], None, 3, "maybe"):
        claim["review"]["status"] = status
        assert not native._certainly_valid(doc)
        assert native._plain_parts(doc) is None
        with pytest.raises(FormatError, match=r"review\.status"):
            native.loads(json.dumps(doc).encode())
