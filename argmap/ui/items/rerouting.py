"""Re-routing arrows together: each once, each after the arrow it aims at.

Its own module so that cards, arrows and the scene can all use it (the arrow module imports the
card module, so the card module cannot import it back).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.ui.items.relation_item import RelationItem


def adjust_all(items: Iterable[RelationItem]) -> None:
    """Re-route these arrows and every undercut aiming at them, down whole chains, each
    arrow once and after the arrow it aims at.

    Linear in the arrows re-routed: adjusting each arrow with its own chain of undercuts
    re-routed a chain once per arrow of it that touches the moved card (a card in a chain of
    4,000 undercuts moved in 121 s). An arrow hidden by `route` passes nothing on, as before.
    """
    asked = tuple(items)
    todo: set[RelationItem] = set()
    stack = list(asked)
    while stack:  # everything downstream of the given arrows
        item = stack.pop()
        if item not in todo:
            todo.add(item)
            stack.extend(item.undercuts)
    if not todo:
        return
    index = next(iter(todo)).index
    relation_items = index.relation_items
    # Start from the arrows whose attacked arrow is not re-routed; go down breadth first.
    queue = deque(
        item for item in todo if relation_items.get(item.relation.target) not in todo
    )
    done: set[RelationItem] = set()
    # No card moves while these arrows are routed: each card's ports are fanned once.
    outer = index.port_memo
    if outer is None:
        index.port_memo = {}
    try:
        while queue:
            item = queue.popleft()
            done.add(item)
            if item.route():
                queue.extend(u for u in item.undercuts if u in todo and u not in done)
        for item in asked:  # asked for, though an arrow above it was hidden
            if item not in done and item in todo:
                done.add(item)
                item.route()
    finally:
        if outer is None:
            index.port_memo = None
