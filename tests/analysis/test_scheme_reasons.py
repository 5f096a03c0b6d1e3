"""`schemes.reasons` gathers only the reasons of supports with a scheme (one pass over the
relations instead of a linked-relations search per relation): the same reasons in the same
order as walking every support, on random maps with schemes on some supports (linked ones
included) and on the seed map."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.schemes import open_questions, reasons
from argmap.io import native
from argmap.model import ArgumentMap, build_map
from argmap.model.reasons import lead
from argmap.model.types import RelationKind, with_changes
from tests.strategies import maps

SEED = Path(__file__).resolve().parents[2] / "seeds" / "peace-talks.argmap"


def every_support_walked(m: ArgumentMap) -> list[list]:
    """The reasons found by walking every support in id order (what `reasons` did)."""
    seen: set[str] = set()
    out = []
    for rid in sorted(m.relations):
        r = m.relations[rid]
        if rid in seen or r.kind is not RelationKind.SUPPORT:
            continue
        group = sorted(m.linked(r), key=lambda x: x.id)
        seen.update(x.id for x in group)
        if lead(group).scheme:
            out.append(group)
    return out


@st.composite
def maps_with_schemes(draw: st.DrawFn) -> ArgumentMap:
    m = draw(maps())
    relations = []
    for r in m.relations_in_order():
        if r.kind is RelationKind.SUPPORT and r.target in m.claims and draw(st.booleans()):
            r = with_changes(r, scheme=draw(st.sampled_from(["expert_opinion", "aif:Custom"])))
        relations.append(r)
    return build_map(m.claims.values(), relations)


@settings(max_examples=150, deadline=None)
@given(maps_with_schemes())
def test_reasons_as_walking_every_support(m: ArgumentMap) -> None:
    assert reasons(m) == every_support_walked(m)


def test_seed_map_reasons_and_questions() -> None:
    m = native.read(SEED)
    found = reasons(m)
    assert found and found == every_support_walked(m)
    assert any(len(group) > 1 for group in found)  # linked premises among them
    assert open_questions(m, exceptions=True)
