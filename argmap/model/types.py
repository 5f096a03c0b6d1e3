"""The data a map holds: claims, relations, groups, sources and review data.

Plain dataclasses with value semantics, so edits can snapshot them and the diff/merge tools can
compare them field by field. Frozen: a change is always a new value passed through an edit
operation, never a mutation behind the model's back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

# \Z, not $: `$` also matches before a final newline, and "c1\n" is no id (the schema's pattern
# refuses it, so a map holding one could be saved but never opened again).
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:\-]+\Z")


class ClaimKind(StrEnum):
    THESIS = "thesis"
    CLAIM = "claim"
    EVIDENCE = "evidence"
    ASSUMPTION = "assumption"


class RelationKind(StrEnum):
    SUPPORT = "support"
    ATTACK = "attack"


class ReviewStatus(StrEnum):
    UNREVIEWED = "unreviewed"
    ACCEPTED = "accepted"
    DISPUTED = "disputed"
    NEEDS_EVIDENCE = "needs_evidence"


@dataclass(frozen=True)
class SourceRef:
    """Where a claim comes from: a document of the map and a paragraph (1-based)."""

    document: str
    paragraph: int | None = None
    span: tuple[int, int] | None = None  # character offsets [start, end) in the paragraph


@dataclass(frozen=True)
class Comment:
    """One comment of a review thread; replies are comments too."""

    id: str
    author: str
    time: str  # ISO 8601, UTC
    text: str
    resolved: bool = False
    replies: tuple[Comment, ...] = ()


@dataclass(frozen=True)
class Review:
    """A review status with who set it and when."""

    status: ReviewStatus = ReviewStatus.UNREVIEWED
    by: str = ""
    at: str = ""


@dataclass(frozen=True)
class Claim:
    """A statement of the reasoning, drawn as a card."""

    id: str
    text: str = ""
    kind: ClaimKind = ClaimKind.CLAIM
    holder: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    source: SourceRef | None = None
    base_score: float = 0.5
    x: float = 0.0
    y: float = 0.0
    pinned: bool = False
    comments: tuple[Comment, ...] = ()
    review: Review | None = None

    @property
    def pos(self) -> tuple[float, float]:
        return (self.x, self.y)


@dataclass(frozen=True)
class Relation:
    """A support or attack from a premise to a conclusion (`source` → `target`).

    `target` is a claim id, or a relation id: an attack on a relation is an **undercut**, it
    denies the inference rather than the conclusion. Relations into the same target that share a
    `link` are **linked premises**: they support (or attack) only jointly.
    """

    id: str
    source: str
    target: str
    kind: RelationKind = RelationKind.SUPPORT
    label: str = ""
    notes: str = ""
    link: str | None = None
    comments: tuple[Comment, ...] = ()
    review: Review | None = None


@dataclass(frozen=True)
class Group:
    """A labelled frame around a set of claims (a section, a line of argument)."""

    id: str
    label: str = ""
    claims: tuple[str, ...] = ()
    collapsed: bool = False


@dataclass(frozen=True)
class SourceDocument:
    """A document the map's claims point into."""

    id: str
    title: str = ""
    author: str = ""
    date: str = ""
    url: str = ""


@dataclass(frozen=True)
class MapInfo:
    """The map's own metadata (everything but its claims, relations and groups)."""

    title: str = ""
    description: str = ""
    authors: tuple[str, ...] = ()
    sources: tuple[SourceDocument, ...] = ()
    created: str = ""
    modified: str = ""


def changed_fields(old: Any, new: Any) -> list[str]:
    """Names of the dataclass fields whose values differ between two values of one type."""
    return [f.name for f in fields(old) if getattr(old, f.name) != getattr(new, f.name)]


def with_changes(value: Any, **changes: Any) -> Any:
    """A copy of a frozen dataclass with some fields replaced (tags and lists become tuples)."""
    for key, item in list(changes.items()):
        if isinstance(item, list):
            changes[key] = tuple(item)
    return replace(value, **changes)


__all__ = [
    "ID_PATTERN",
    "Claim",
    "ClaimKind",
    "Comment",
    "Group",
    "MapInfo",
    "Relation",
    "RelationKind",
    "Review",
    "ReviewStatus",
    "SourceDocument",
    "SourceRef",
    "changed_fields",
    "field",
    "with_changes",
]
