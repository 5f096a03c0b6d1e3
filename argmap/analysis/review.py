"""Review actions as edits: comment, reply, resolve, set a review status; and review queries.

Each action returns an `UpdateClaim` or `UpdateRelation` (never changes the map itself), so the
app pushes it on the undo stack like any other edit and a merge sees it as a field change.
Author and time are passed in (`utc_now()` gives the time) so that tests and scripts are
reproducible.

>>> from argmap.model import ArgumentMap, Claim
>>> m = ArgumentMap(); m.add_claim(Claim("c1", "Talks resume in May"))
>>> edit = add_comment(m, "c1", "Source?", "Ann", "2026-11-25T08:00:00Z")
>>> _ = edit.apply(m)
>>> [(c.id, c.text) for _, c in open_comments(m)]
[('cm1', 'Source?')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from argmap.model.edits import UpdateClaim, UpdateRelation
from argmap.model.errors import ModelError
from argmap.model.map import ArgumentMap
from argmap.model.types import Claim, Comment, Relation, Review, ReviewStatus, with_changes

# Statuses that ask for attention in the review dock and the report.
OPEN_STATUSES = (ReviewStatus.DISPUTED, ReviewStatus.NEEDS_EVIDENCE)


def utc_now() -> str:
    """The current time as ISO 8601 UTC with seconds, the form stored in comments."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _walk(comments: Iterable[Comment]) -> Iterator[Comment]:
    for c in comments:
        yield c
        yield from _walk(c.replies)


def all_comments(m: ArgumentMap) -> Iterator[tuple[str, Comment]]:
    """Every comment and reply of the map with the id of the claim or relation it is on."""
    for items in (m.claims, m.relations):
        for item_id in sorted(items):
            for c in _walk(items[item_id].comments):
                yield item_id, c


def next_comment_id(m: ArgumentMap, prefix: str = "cm") -> str:
    """A comment id not used anywhere in the map (ids stay unique so merges pair them)."""
    used = {c.id for _, c in all_comments(m)}
    n = len(used) + 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


def _item(m: ArgumentMap, item_id: str) -> Claim | Relation:
    if item_id in m.claims:
        return m.claims[item_id]
    if item_id in m.relations:
        return m.relations[item_id]
    raise ModelError(f"no claim or relation with id {item_id!r}")


def _update(item: Claim | Relation) -> UpdateClaim | UpdateRelation:
    return UpdateClaim(item) if isinstance(item, Claim) else UpdateRelation(item)


def add_comment(
    m: ArgumentMap,
    item_id: str,
    text: str,
    author: str,
    time: str,
    comment_id: str | None = None,
) -> UpdateClaim | UpdateRelation:
    """The edit that starts a comment thread on a claim or relation."""
    item = _item(m, item_id)
    comment = Comment(comment_id or next_comment_id(m), author, time, text)
    return _update(with_changes(item, comments=(*item.comments, comment)))


def _replace_comment(
    comments: tuple[Comment, ...], comment_id: str, change: dict[str, object]
) -> tuple[tuple[Comment, ...], bool]:
    out, found = [], False
    for c in comments:
        if not found and c.id == comment_id:
            c, found = with_changes(c, **change), True
        elif not found:
            replies, found = _replace_comment(c.replies, comment_id, change)
            if found:
                c = with_changes(c, replies=replies)
        out.append(c)
    return tuple(out), found


def _change_comment(
    m: ArgumentMap, item_id: str, comment_id: str, **change: object
) -> UpdateClaim | UpdateRelation:
    item = _item(m, item_id)
    comments, found = _replace_comment(item.comments, comment_id, change)
    if not found:
        raise ModelError(f"{item_id!r} has no comment {comment_id!r}")
    return _update(with_changes(item, comments=comments))


def reply(
    m: ArgumentMap,
    item_id: str,
    comment_id: str,
    text: str,
    author: str,
    time: str,
    reply_id: str | None = None,
) -> UpdateClaim | UpdateRelation:
    """The edit that answers a comment (or a reply) of a thread."""
    item = _item(m, item_id)
    target = next((c for c in _walk(item.comments) if c.id == comment_id), None)
    if target is None:
        raise ModelError(f"{item_id!r} has no comment {comment_id!r}")
    answer = Comment(reply_id or next_comment_id(m), author, time, text)
    return _change_comment(m, item_id, comment_id, replies=(*target.replies, answer))


def set_resolved(
    m: ArgumentMap, item_id: str, comment_id: str, resolved: bool = True
) -> UpdateClaim | UpdateRelation:
    """The edit that resolves (or reopens) a comment thread."""
    return _change_comment(m, item_id, comment_id, resolved=resolved)


def set_review(
    m: ArgumentMap, item_id: str, status: ReviewStatus, by: str, at: str
) -> UpdateClaim | UpdateRelation:
    """The edit that sets a claim's or relation's review status, with who and when."""
    item = _item(m, item_id)
    return _update(with_changes(item, review=Review(ReviewStatus(status), by, at)))


def open_comments(m: ArgumentMap) -> list[tuple[str, Comment]]:
    """Unresolved top-level comments (threads), with the id of the item they are on."""
    out = []
    for items in (m.claims, m.relations):
        for item_id in sorted(items):
            out.extend((item_id, c) for c in items[item_id].comments if not c.resolved)
    return out


def needs_attention(m: ArgumentMap) -> list[Claim | Relation]:
    """Claims, then relations, whose review status is disputed or needs evidence."""
    items: list[Claim | Relation] = []
    for group in (m.claims, m.relations):
        items.extend(
            group[k]
            for k in sorted(group)
            if group[k].review is not None and group[k].review.status in OPEN_STATUSES
        )
    return items


__all__ = [
    "OPEN_STATUSES",
    "add_comment",
    "all_comments",
    "needs_attention",
    "next_comment_id",
    "open_comments",
    "reply",
    "set_resolved",
    "set_review",
    "utc_now",
]
