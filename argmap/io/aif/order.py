"""Undercuts after what they undercut: the one ordering AIF's reader and writer both need."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def targets_first(items: list[T], target_of: Callable[[T], int | None]) -> list[T]:
    """`items` ordered so that each comes after the item it aims at (`target_of(item)`: that
    item's index, or None). Linear and without recursion: undercut chains can be as long as
    the map; a cycle is broken where it is entered.

    >>> aims = {"x2": 1, "x1": 2}  # x2 undercuts x1, which undercuts r
    >>> targets_first(["x2", "x1", "r"], aims.get)
    ['r', 'x1', 'x2']
    """
    done: set[int] = set()
    order: list[T] = []
    for start in range(len(items)):
        stack, seen = [start], {start}
        while stack:
            top = stack[-1]
            if top in done:
                stack.pop()
                continue
            after = target_of(items[top])
            if after is not None and after not in done and after not in seen:
                stack.append(after)
                seen.add(after)
                continue
            done.add(top)
            order.append(items[top])
            stack.pop()
    return order
