"""Grounded labelling on numpy rows (attack_arrays) against the queue algorithm on lists, and
frameworks built from arrays against `Framework.from_edges`."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import attack_arrays, semantics
from argmap.analysis.framework import Framework


@st.composite
def frameworks(draw, max_n: int = 40) -> tuple[int, list[tuple[int, int]]]:
    n = draw(st.integers(0, max_n))
    if n == 0:
        return 0, []
    edge = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    return n, draw(st.lists(edge, max_size=3 * n))


def queue_grounded(fw: Framework, monkeypatch: pytest.MonkeyPatch) -> bytearray:
    monkeypatch.setattr(semantics, "ARRAYS_FROM", 10**9)
    return semantics.grounded_labelling(fw)


@settings(max_examples=300, deadline=None)
@given(frameworks(), st.sampled_from([0, 1, 3, 64]))
def test_rows_grounded_equals_queue(case, small: int) -> None:
    """Every frontier size: all in numpy (0), numpy then queue (1, 3), mostly queue (64)."""
    n, edges = case
    fw = Framework.from_edges(n, edges)
    with pytest.MonkeyPatch.context() as mp:
        expected = queue_grounded(fw, mp)
        mp.setattr(attack_arrays, "SMALL_FRONTIER", small)
        got = attack_arrays.grounded(*attack_arrays.rows_of_lists(fw.targets))
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(frameworks())
def test_from_arrays_equals_from_edges(case) -> None:
    n, edges = case
    names = [f"x{i}" for i in range(n)]
    fw = Framework.from_arrays(names, [a for a, _ in edges], [b for _, b in edges])
    assert fw.names == names
    assert fw.targets == Framework.from_edges(names, edges).targets
    offsets, flat = attack_arrays.rows_of_lists(fw.targets)
    assert attack_arrays.lists_of_rows(offsets, flat) == fw.targets


def test_big_frameworks_take_the_arrays_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above ARRAYS_FROM, `grounded_labelling` uses the rows (a long chain: the queue finishes
    it; random attacks: wide frontiers) and gives the queue's labelling."""
    n = semantics.ARRAYS_FROM + 5
    rng = random.Random(3)
    chain = [(i, i + 1) for i in range(n - 1)]
    wide = [(rng.randrange(n), rng.randrange(n)) for _ in range(2 * n)]
    calls = []
    real = attack_arrays.grounded
    monkeypatch.setattr(attack_arrays, "grounded", lambda *a: calls.append(1) or real(*a))
    for edges in (chain, wide, chain + wide):
        fw = Framework.from_edges(n, edges)
        fast = semantics.grounded_labelling(fw)
        with pytest.MonkeyPatch.context() as mp:
            assert fast == queue_grounded(fw, mp)
    assert len(calls) == 3
    assert list(semantics.grounded_labelling(Framework.from_edges(n, chain))[:4]) == [1, 2, 1, 2]
