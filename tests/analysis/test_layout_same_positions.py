"""The layout made faster draws the same pictures: every map of the corpus gets the positions
main's layout gave it at 933c403, to the last digit.

The fingerprints in tests/data/layout/positions-933c403.json were written by that commit's
code (`PYTHONPATH=<checkout of 933c403> python tests/analysis/layout_corpus.py --write ...`);
the crossing minimisation then got faster without changing a single swap (its work budget
counts the same units, so the same restarts run).
"""

from __future__ import annotations

import json

import pytest

from argmap.analysis import layout
from tests.analysis import layout_corpus

EXPECTED: dict[str, dict[str, str]] = json.loads(layout_corpus.FINGERPRINTS.read_text())
CASES = list(layout_corpus.corpus())


def test_the_corpus_is_the_one_fingerprinted() -> None:
    assert sorted(name for name, _, _ in CASES) == sorted(EXPECTED)


@pytest.mark.parametrize(("name", "make", "kwargs"), CASES, ids=[c[0] for c in CASES])
def test_same_positions_as_before(
    name: str, make, kwargs: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Maps of over SMALL_MAP nodes got a bigger budget after 933c403 (fewer crossings in
    # the time the faster steps saved): with 933c403's budget they give its positions.
    monkeypatch.setattr(layout, "BIG_MAP_BUDGET", 150_000)
    m = make()
    assert layout_corpus.map_fingerprint(m) == EXPECTED[name]["map"], (
        f"{name} reads differently from the map fingerprinted at 933c403 (a reader changed?): "
        "its layout cannot be compared; write the fingerprints again with 933c403's layout"
    )
    positions = layout.layered_layout(m, move_pinned=True, **kwargs)
    assert layout_corpus.fingerprint(positions) == EXPECTED[name]["positions"]


def test_a_changed_position_changes_the_fingerprint() -> None:
    positions = {"a": (0.0, 1.0), "b": (2.5, 3.0)}
    moved = {"a": (0.0, 1.0), "b": (2.5, 3.0000000000000004)}
    assert layout_corpus.fingerprint(positions) != layout_corpus.fingerprint(moved)
