"""Review actions are invertible edits; queries find open threads and disputed items."""

from __future__ import annotations

import re

import pytest

from argmap.analysis import review
from argmap.io import native
from argmap.model import (
    ArgumentMap,
    Claim,
    ModelError,
    Relation,
    RelationKind,
    ReviewStatus,
)

T1, T2 = "2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z"


def small_map() -> ArgumentMap:
    m = ArgumentMap()
    m.add_claim(Claim("t", "Talks should resume"))
    m.add_claim(Claim("a", "Both sides are exhausted"))
    m.add_relation(Relation("r1", "a", "t", RelationKind.SUPPORT))
    return m


def test_comment_reply_resolve_review_round_trip_and_undo() -> None:
    m = small_map()
    before = m.copy()
    undo = [review.add_comment(m, "a", "Source?", "Ann", T1).apply(m)]
    (cid,) = [c.id for c in m.claims["a"].comments]
    undo.append(review.reply(m, "a", cid, "The UN report", "Bo", T2).apply(m))
    rid = m.claims["a"].comments[0].replies[0].id
    undo.append(review.reply(m, "a", rid, "Which page?", "Ann", T2).apply(m))
    undo.append(review.set_resolved(m, "a", cid).apply(m))
    undo.append(review.set_review(m, "r1", ReviewStatus.DISPUTED, "Bo", T2).apply(m))
    undo.append(review.add_comment(m, "r1", "Does not follow", "Bo", T2).apply(m))

    thread = m.claims["a"].comments[0]
    assert (thread.author, thread.text, thread.resolved) == ("Ann", "Source?", True)
    assert thread.replies[0].text == "The UN report"
    assert thread.replies[0].replies[0].text == "Which page?"
    assert len({c.id for _, c in review.all_comments(m)}) == 4  # ids are unique
    assert [(i, c.text) for i, c in review.open_comments(m)] == [("r1", "Does not follow")]
    assert [x.id for x in review.needs_attention(m)] == ["r1"]
    assert native.loads(native.dumps(m)) == m

    for inverse in reversed(undo):
        inverse.apply(m)
    assert m == before


def test_bad_targets_are_model_errors() -> None:
    m = small_map()
    with pytest.raises(ModelError, match="no claim or relation with id 'x'"):
        review.add_comment(m, "x", "?", "Ann", T1)
    with pytest.raises(ModelError, match="'a' has no comment 'cm9'"):
        review.set_resolved(m, "a", "cm9")
    with pytest.raises(ModelError, match="'a' has no comment 'cm9'"):
        review.reply(m, "a", "cm9", "?", "Ann", T1)


def test_utc_now_is_iso_utc() -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", review.utc_now())
