"""The neighbourhood of a claim: what stays in view when the canvas focuses on it.

Claims within `depth` relations of the focus, in either direction (premises and conclusions;
an undercut counts as a relation between its premise and both ends of the inference it
attacks). Breadth first and iterative, so depth and map size have no recursion limit.

>>> from argmap.model import ArgumentMap, Claim, Relation
>>> m = ArgumentMap()
>>> for cid in "abcd":
...     m.add_claim(Claim(cid, cid))
>>> m.add_relation(Relation("r1", "b", "a")); m.add_relation(Relation("r2", "c", "b"))
>>> m.add_relation(Relation("r3", "d", "c"))
>>> sorted(neighbourhood(m, "b", 1)), sorted(neighbourhood(m, "b", 2))
(['a', 'b', 'c'], ['a', 'b', 'c', 'd'])
>>> neighbours(m, "b")
['a', 'c']
"""

from __future__ import annotations

from collections import deque

from argmap.model.map import ArgumentMap


def neighbours(m: ArgumentMap, claim_id: str) -> list[str]:
    """The claims one relation away (premises, conclusions, undercut ends), sorted by id."""
    out: set[str] = set()
    for r in m.relations_of(claim_id):
        ends = {r.source, r.target}
        if r.target in m.relations:  # an undercut: its premise and the attacked inference
            attacked = m.relations[r.target]
            ends = {r.source, attacked.source, attacked.target}
        out |= {e for e in ends if e in m.claims}
        out |= {u.source for u in m.undercuts_of(r.id)}  # attacks on an inference it is in
    out.discard(claim_id)
    return sorted(out)


def neighbourhood(m: ArgumentMap, claim_id: str, depth: int) -> set[str]:
    """The focus and every claim within `depth` relations of it."""
    seen = {claim_id}
    queue: deque[tuple[str, int]] = deque([(claim_id, 0)])
    while queue:
        cid, d = queue.popleft()
        if d >= depth:
            continue
        for other in neighbours(m, cid):
            if other not in seen:
                seen.add(other)
                queue.append((other, d + 1))
    return seen


__all__ = ["neighbourhood", "neighbours"]
