"""Synthetic maps for benchmarks and tests: tree-like, with cross links, positioned on a grid.

Deterministic for a given seed, so benchmark figures compare like with like.
"""

from __future__ import annotations

import math
import random

from argmap.model.map import ArgumentMap
from argmap.model.types import (
    Claim,
    ClaimKind,
    MapInfo,
    Relation,
    RelationKind,
    SourceDocument,
    SourceRef,
)

_WORDS = (
    "troops ceasefire talks border security guarantee drones industry sanctions front line "
    "withdrawal sovereignty referendum peacekeepers demilitarisation treaty alliance artillery "
    "supply negotiations territory occupation reserves winter offensive economy aid"
).split()


def synthetic_map(n_claims: int, n_relations: int | None = None, seed: int = 1) -> ArgumentMap:
    """A map of `n_claims` claims and about `n_relations` relations (default 1.5 per claim).

    Every claim but the first supports or attacks an earlier one (a forest of arguments), and
    the remaining relations join random pairs, as analysts' maps have cross links.
    """
    rng = random.Random(seed)
    if n_relations is None:
        n_relations = n_claims * 3 // 2
    m = ArgumentMap(
        MapInfo(
            title=f"Synthetic map of {n_claims} claims",
            sources=(SourceDocument("doc", "Synthetic source"),),
        )
    )
    cols = max(1, int(math.sqrt(n_claims)))
    kinds = list(ClaimKind)
    for i in range(n_claims):
        text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 18)))
        m.add_claim(
            Claim(
                id=f"c{i}",
                text=text.capitalize() + ".",
                kind=ClaimKind.THESIS if i % 50 == 0 else rng.choice(kinds[1:]),
                holder=rng.choice(("Kyiv", "Moscow", "Washington", "the author")),
                tags=(rng.choice(("kursk", "nato", "drones", "land")),),
                source=SourceRef("doc", rng.randint(1, 26)),
                base_score=round(rng.random(), 2),
                x=float((i % cols) * 300),
                y=float((i // cols) * 200),
            )
        )
    keys: set[tuple[int, int, RelationKind]] = set()
    count = 0

    def add(a: int, b: int, kind: RelationKind) -> None:
        nonlocal count
        if a == b or (a, b, kind) in keys:
            return
        keys.add((a, b, kind))
        m.add_relation(Relation(f"r{count}", f"c{a}", f"c{b}", kind))
        count += 1

    for i in range(1, n_claims):
        if count >= n_relations:
            break
        parent = rng.randrange(max(0, i - 60), i) if i % 50 else i - 1
        add(i, parent, RelationKind.SUPPORT if rng.random() < 0.7 else RelationKind.ATTACK)
    while count < n_relations and n_claims > 1:
        a, b = rng.randrange(n_claims), rng.randrange(n_claims)
        add(a, b, RelationKind.SUPPORT if rng.random() < 0.6 else RelationKind.ATTACK)
    return m


def chain_map(
    n_claims: int, *, undercuts: int = 0, kind: RelationKind = RelationKind.SUPPORT
) -> ArgumentMap:
    """The deepest map of `n_claims` claims: claim i+1 supports (or attacks) claim i, so the
    map is one path as deep as it is long; `undercuts` more claims form a chain of undercuts
    (the first undercuts the relation into the thesis, each next one undercuts the one before).

    Deep maps are where recursion over the map's depth breaks: tests and benchmarks build them
    to prove that nothing does.
    """
    m = ArgumentMap(MapInfo(title=f"Chain of {n_claims} claims"))
    for i in range(n_claims):
        m.add_claim(
            Claim(
                id=f"c{i}",
                text=f"Step {i} of the chain.",
                kind=ClaimKind.THESIS if i == 0 else ClaimKind.CLAIM,
                x=0.0,
                y=float(i * 160),
            )
        )
    for i in range(1, n_claims):
        m.add_relation(Relation(f"r{i}", f"c{i}", f"c{i - 1}", kind))
    previous = "r1"
    for j in range(undercuts if n_claims > 1 else 0):
        m.add_claim(
            Claim(id=f"u{j}", text=f"Doubt {j} about the step below.", x=400.0, y=float(j * 160))
        )
        m.add_relation(Relation(f"x{j}", f"u{j}", previous, RelationKind.ATTACK))
        previous = f"x{j}"
    return m
