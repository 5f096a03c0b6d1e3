"""Schemes survive AIF both ways (AIF names on RA nodes; unknown ones kept as aif:<name>)."""

from __future__ import annotations

import json

from argmap.io import aif
from argmap.model import Claim, Relation, build_map


def _schemes_by_text(m):
    return {
        (m.claims[r.source].text, m.claims[r.target].text): r.scheme
        for r in m.relations.values()
        if r.target in m.claims
    }


def test_schemes_round_trip_through_aif():
    m = build_map(
        [Claim("e", "The envoy said so"), Claim("a", "Talks start"), Claim("f", "As in 1944"),
         Claim("p", "Both want a pause"), Claim("g", "Good people say so")],
        [Relation("r1", "e", "a", scheme="expert_opinion"),
         Relation("r2", "f", "a", scheme="analogy"),
         Relation("r3", "p", "a"),
         Relation("r4", "g", "a", scheme="aif:Argument From Moral Virtue")],
    )  # fmt: skip
    doc = json.loads(aif.dumps(m))
    ra = sorted(n["text"] for n in doc["AIF"]["nodes"] if n["type"] == "RA")
    assert ra == ["Analogy", "Argument From Moral Virtue", "Default Inference", "Expert Opinion"]
    again = aif.loads(aif.dumps(m))
    assert _schemes_by_text(again) == _schemes_by_text(m)
