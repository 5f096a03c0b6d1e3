"""Which claims a collapsed claim folds away: the premises below it, all the way down.

A claim with `collapsed` set shows its subtree as a count on its card; the claims that support
or attack it, and theirs in turn, are hidden with their arrows. Walks are iterative (maps may
be chains of any depth) and a collapsed claim is never hidden by its own fold (cycles).

>>> from argmap.model import ArgumentMap, Claim, Relation
>>> m = ArgumentMap()
>>> for cid in ("t", "a", "b"):
...     m.add_claim(Claim(cid, cid, collapsed=cid == "a"))
>>> m.add_relation(Relation("r1", "a", "t")); m.add_relation(Relation("r2", "b", "a"))
>>> folded_subtrees(m)
{'b': 'a'}
"""

from __future__ import annotations

from argmap.model.map import ArgumentMap


def subtree(m: ArgumentMap, claim_id: str) -> set[str]:
    """The claims below a claim: its premises, theirs, ... (the claim itself left out)."""
    seen: set[str] = set()
    stack = [claim_id]
    while stack:
        for premise in m.premises(stack.pop()):
            if premise not in seen and premise != claim_id:
                seen.add(premise)
                stack.append(premise)
    return seen


def folded_subtrees(m: ArgumentMap) -> dict[str, str]:
    """Hidden claim -> the outermost collapsed claim that hides it.

    A collapsed claim inside another's subtree is hidden too, its subtree counted with the
    outer one; where collapsed claims hide each other (a cycle), the first by id stays shown.
    """
    roots = sorted(cid for cid, c in m.claims.items() if c.collapsed)
    below = {r: subtree(m, r) for r in roots}
    hidden: dict[str, str] = {}
    shown = [r for r in roots if not any(r in below[o] for o in roots if o != r)]
    pending = [r for r in roots if r not in shown]
    while True:
        for root in shown:
            for cid in below[root]:
                hidden.setdefault(cid, root)
        rest = [r for r in pending if r not in hidden]  # in a cycle of folds only
        if not rest:
            break
        shown, pending = rest[:1], rest[1:]
    for root in shown:
        hidden.pop(root, None)
    return hidden


__all__ = ["folded_subtrees", "subtree"]
