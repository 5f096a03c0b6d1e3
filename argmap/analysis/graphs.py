"""Graph walks shared by the analyses, written as loops (maps are as deep as they are long:
recursion over a chain of 100,000 claims overflowed)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def strong_components(
    succ: Mapping[N, Iterable[N]] | Sequence[Iterable[int]],
) -> list[list[N]]:
    """Strongly connected components of the graph `succ` (node -> successors; a sequence
    means nodes 0 .. len-1), by Tarjan's algorithm with an explicit stack.

    Components come out sinks first: a component's successors are in components listed
    before it, so the reversed list is a topological order of the condensation.
    """
    nodes = succ.keys() if isinstance(succ, Mapping) else range(len(succ))
    index: dict = {}
    low: dict = {}
    on_stack: set = set()
    stack: list = []
    out: list[list] = []
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(succ[root]))]
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(succ[w])))
                    break
                if w in on_stack and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work and low[v] < low[work[-1][0]]:
                    low[work[-1][0]] = low[v]
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    out.append(comp)
    return out


def reaching(pred: Mapping[N, Iterable[N]] | Sequence[Iterable[int]], start: N) -> set[N]:
    """The nodes from which a path leads to `start`, itself included, walking `pred`
    (node -> predecessors; a sequence means nodes 0 .. len-1)."""
    seen = {start}
    todo = [start]
    while todo:
        for p in pred[todo.pop()]:
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen
