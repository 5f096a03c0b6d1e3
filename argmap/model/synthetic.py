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


def tree_like_map(n_claims: int, seed: int = 0, relations_per_claim: float = 1.3) -> ArgumentMap:
    """An analyst-shaped map for layout benchmarks: a few theses, each claim arguing about a
    recent claim (so arguments grow as trees), cross links to nearby claims up to
    `relations_per_claim` relations per claim, and a few cycles (about one per 50 claims).
    Unlike `synthetic_map`, cross links stay local, as they do in maps people draw.
    """
    rng = random.Random(seed)
    m = ArgumentMap(MapInfo(title=f"Tree-like map of {n_claims} claims (seed {seed})"))
    for i in range(n_claims):
        kind = (
            ClaimKind.THESIS
            if i == 0 or rng.random() < 0.02
            else rng.choice((ClaimKind.CLAIM, ClaimKind.EVIDENCE, ClaimKind.ASSUMPTION))
        )
        text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 14)))
        m.add_claim(Claim(f"c{i}", text.capitalize() + ".", kind))
    keys: set[tuple[int, int]] = set()

    def add(a: int, b: int) -> None:
        if a == b or (a, b) in keys:
            return
        keys.add((a, b))
        kind = RelationKind.SUPPORT if rng.random() < 0.65 else RelationKind.ATTACK
        m.add_relation(Relation(f"r{len(keys)}", f"c{a}", f"c{b}", kind))

    for i in range(1, n_claims):
        parent = rng.randrange(max(0, i - 8), i) if rng.random() < 0.8 else rng.randrange(i)
        add(i, parent)
    target = int(relations_per_claim * n_claims)
    cycles = 0
    attempts = 0
    while len(keys) < target and n_claims > 2 and attempts < 20 * target:
        attempts += 1
        a = rng.randrange(1, n_claims)
        if cycles < max(2, n_claims // 50) and a + 1 < n_claims:
            add(a, rng.randrange(a + 1, min(n_claims, a + 10)))  # back to a later claim
            cycles += 1
        else:
            add(a, rng.randrange(max(0, a - 20), a))
    return m
