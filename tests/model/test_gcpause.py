"""gc_paused leaves what the block made in the oldest generation (no young collection walks it
afterwards), and cyclic garbage made in the block is still collected."""

from __future__ import annotations

import gc
import weakref

from argmap.model.gcpause import gc_paused


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_objects_made_in_the_block_go_to_the_oldest_generation() -> None:
    assert gc.isenabled()
    with gc_paused():
        made = [[i] for i in range(20_000)]
    assert gc.isenabled()
    assert gc.get_count()[0] < 700  # nothing left for the next young collection to walk
    oldest = {id(x) for x in gc.get_objects(generation=2)}
    assert all(id(x) in oldest for x in made[::1000])


def test_cyclic_garbage_from_the_block_is_still_collected() -> None:
    with gc_paused():
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
        del a, b
    assert gone() is not None  # a cycle: reference counting alone cannot free it
    gc.collect()
    assert gone() is None


def test_nested_blocks_end_as_they_began() -> None:
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
