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
