"""The schema compiled ahead of time (argmap/io/schema_code.py) is the schema file's."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from argmap.io import native, schema_code
from argmap.io.schema_gen import generate

SEED = Path(__file__).resolve().parents[2] / "seeds" / "peace-talks.argmap"


def test_the_compiled_schema_module_is_up_to_date():
    """Regenerate with `python -m argmap.io.schema_gen` after changing the schema (the code
    itself may differ with fastjsonschema's version; the schema it was made from may not)."""
    raw = native.SCHEMA_PATH.read_bytes()
    assert schema_code.SCHEMA_SHA256 == hashlib.sha256(raw).hexdigest()
    assert f'SCHEMA_SHA256 = "{schema_code.SCHEMA_SHA256}"' in generate(raw)


def test_reading_uses_the_compiled_module_and_it_checks_like_the_schema():
    import fastjsonschema

    assert native._validator() is schema_code.validate
    compiled = fastjsonschema.compile(json.loads(native.SCHEMA_PATH.read_bytes()))
    good = json.loads(SEED.read_text(encoding="utf-8"))
    assert schema_code.validate(good) == compiled(good)
    bad = {**good, "claims": [{"id": "not an id!", "text": "x"}]}
    with pytest.raises(fastjsonschema.JsonSchemaValueException) as ours:
        schema_code.validate(bad)
    with pytest.raises(fastjsonschema.JsonSchemaValueException) as theirs:
        compiled(bad)
    assert str(ours.value) == str(theirs.value)
