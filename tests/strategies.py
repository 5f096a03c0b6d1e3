"""Hypothesis strategies for random maps and random edit sequences."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Comment,
    Group,
    MapInfo,
    Relation,
    RelationKind,
    Review,
    ReviewStatus,
    SourceDocument,
    SourceRef,
    View,
)

ids = st.from_regex(r"[a-z][a-z0-9_.:-]{0,6}", fullmatch=True)
texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
floats = st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3))
scores = st.floats(0, 1).map(lambda v: round(v, 4))

comments = st.builds(
    Comment,
    id=ids,
    author=texts,
    time=st.just("2026-11-25T08:00:00Z"),
    text=texts,
    resolved=st.booleans(),
    replies=st.lists(
        st.builds(Comment, id=ids, author=texts, time=st.just("2026-11-25T09:00:00Z"), text=texts),
        max_size=2,
    ).map(tuple),
)
reviews = st.none() | st.builds(Review, st.sampled_from(list(ReviewStatus)), texts, texts)


def claims(claim_id: str) -> st.SearchStrategy[Claim]:
    return st.builds(
        Claim,
        id=st.just(claim_id),
        text=texts,
        kind=st.sampled_from(list(ClaimKind)),
        title=st.just("") | texts,
        holder=texts,
        tags=st.lists(texts, max_size=3).map(tuple),
        notes=texts,
        source=st.none()
        | st.builds(
            SourceRef,
            st.just("doc"),
            st.none() | st.integers(1, 30),
            st.none() | st.tuples(st.integers(0, 50), st.integers(50, 99)),
        ),
        base_score=scores,
        x=floats,
        y=floats,
        pinned=st.booleans(),
        comments=st.lists(comments, max_size=2).map(tuple),
        review=reviews,
        collapsed=st.booleans(),
    )


def views(
    view_id: str, claim_ids: list[str], spots: list[tuple[float, float]]
) -> st.SearchStrategy[View]:
    """A valid saved view naming some of these claims, centred near one of the spots (claim
    positions), with unknown fields from a newer argmap now and then."""
    near = st.sampled_from(spots or [(0.0, 0.0)])
    named = st.sampled_from(claim_ids) if claim_ids else st.nothing()
    return st.builds(
        View,
        id=st.just(view_id),
        name=texts,
        zoom=st.none() | st.floats(0.02, 6.0).map(lambda v: round(v, 4)),
        center=st.none() | near.map(lambda p: (p[0] + 100.5, p[1] - 40.25)),
        focus=st.none() | named,
        depth=st.integers(0, 5),
        collapsed=st.lists(named, unique=True, max_size=3).map(tuple) if claim_ids else st.just(()),
        evaluation=st.none() | st.sampled_from(["grounded", "dfquad"]),
        extra=st.sampled_from([(), (("layers", '["notes"]'),), (("pitch", "1.5"),)]),
    )


@st.composite
def maps(draw: st.DrawFn, max_claims: int = 8) -> ArgumentMap:
    """A random valid map: claims, relations (undercuts and links included) and groups."""
    claim_ids = draw(st.lists(ids, min_size=0, max_size=max_claims, unique=True))
    m = ArgumentMap(
        MapInfo(
            title=draw(texts),
            description=draw(texts),
            authors=tuple(draw(st.lists(texts, max_size=2))),
            sources=(SourceDocument("doc", draw(texts), draw(texts), "2025-03-14", ""),),
            created="2026-11-25T08:00:00Z",
            modified="2026-11-25T08:00:00Z",
        )
    )
    for cid in claim_ids:
        m.add_claim(draw(claims(cid)))
    if len(claim_ids) >= 1:
        for n in range(draw(st.integers(0, 2 * len(claim_ids)))):
            src = draw(st.sampled_from(claim_ids))
            targets = claim_ids + [r for r in m.relations if m.relations[r].target in m.claims]
            tgt = draw(st.sampled_from(targets))
            kind = (
                RelationKind.ATTACK
                if tgt in m.relations
                else draw(st.sampled_from(list(RelationKind)))
            )
            rid = f"r{n}"
            if m.has_id(rid) or (src, tgt, kind) in {
                (r.source, r.target, r.kind) for r in m.relations.values()
            }:
                continue
            m.add_relation(
                Relation(
                    rid,
                    src,
                    tgt,
                    kind,
                    draw(texts),
                    draw(texts),
                    draw(st.none() | st.sampled_from(["L1", "L2"])),
                    tuple(draw(st.lists(comments, max_size=1))),
                    draw(reviews),
                )
            )
        for g in range(draw(st.integers(0, 2))):
            members = draw(st.lists(st.sampled_from(claim_ids), unique=True, max_size=4))
            m.add_group(Group(f"g{g}", draw(texts), tuple(members), draw(st.booleans())))
    for v in range(draw(st.integers(0, 2))):
        spots = [c.pos for c in m.claims.values()]
        m.add_view(draw(views(f"v{v}", claim_ids, spots)))
    return m
