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
    # An argument as one unit (Argdown's `<Title>`): its premises support it jointly (one
    # link) and it supports its conclusion; an undercut attacks that last relation.
    ARGUMENT = "argument"


class RelationKind(StrEnum):
    SUPPORT = "support"
    ATTACK = "attack"


class Answer(StrEnum):
    """The state of a critical question (questions are phrased so that *yes* keeps the reason)."""

    OPEN = "open"
    YES = "yes"
    NO = "no"


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
class Anchor:
    """A passage of a source document that a claim or relation is drawn from.

    Stored as the W3C Web Annotation model stores a text target: a TextPositionSelector
    (`start`, `end`: [start, end) in the source's normalised text, see model/sourcetext.py) and a
    TextQuoteSelector (`exact` with its `prefix` and `suffix` context). The quote fields may be
    left out (`exact` None): then `sha256` of the exact passage still tells whether the text at
    the positions is the passage the anchor was made on, without the map holding the words (the
    seed map must not copy its article). Positions alone cannot survive an edit of the source;
    the quote and its context let argmap/analysis/anchoring.py find the passage again.
    """

    source: str  # id of a SourceDocument of the map
    start: int
    end: int
    sha256: str = ""  # hex SHA-256 of the exact passage (UTF-8)
    exact: str | None = None
    prefix: str = ""
    suffix: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def has_quote(self) -> bool:
        return self.exact is not None


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
class QuestionAnswer:
    """A critical question of a reason's scheme as the analyst has dealt with it.

    `claim` is the claim the question was raised as (an undercut, rebuttal or premise attack):
    from then on that claim, not the answer, carries the question in the evaluation.
    """

    id: str
    state: Answer = Answer.OPEN
    note: str = ""
    claim: str = ""


@dataclass(frozen=True)
class Claim:
    """A statement of the reasoning, drawn as a card."""

    id: str
    text: str = ""
    kind: ClaimKind = ClaimKind.CLAIM
    # A short label ("Kursk forced", Argdown's statement title `[Title]`): what a card shows
    # when zoomed out; empty means none. Kept separate from `text` so the statement stays whole.
    title: str = ""
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
    anchors: tuple[Anchor, ...] = ()
    # Evidence grading (Admiralty code): source reliability A-F and information credibility
    # 1-6; "" and 0 mean not graded. A graded claim's base score comes from the grading table
    # (argmap/model/grading.py), not from `base_score`.
    reliability: str = ""
    credibility: int = 0
    collapsed: bool = False  # the subtree below it is folded into it on the canvas

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
    anchors: tuple[Anchor, ...] = ()
    # The reason's argument scheme (argmap/model/schemes.py) and its critical questions; the
    # relations of one linked-premise reason carry the same scheme and answers. `role` is the
    # premise role this relation's source plays in the scheme.
    scheme: str = ""
    role: str = ""
    questions: tuple[QuestionAnswer, ...] = ()

    def answer(self, question_id: str) -> QuestionAnswer:
        """The question's answer, open when not recorded."""
        for a in self.questions:
            if a.id == question_id:
                return a
        return QuestionAnswer(question_id)


@dataclass(frozen=True)
class Group:
    """A labelled frame around a set of claims (a section, a line of argument)."""

    id: str
    label: str = ""
    claims: tuple[str, ...] = ()
    collapsed: bool = False


@dataclass(frozen=True)
class View:
    """A named way of looking at the map: where the camera is and what is shown.

    `zoom` and `center` are None when the view does not fix them (the app then frames the
    focus, or the theses). `focus` is a claim whose neighbourhood to `depth` relations stays
    while the rest dims; `collapsed` are the claims whose subtrees are folded; `evaluation`
    names the semantics of the evaluation overlay (None: off). `extra` keeps the fields a newer
    argmap wrote that this one does not know, as (name, canonical JSON) pairs, so that opening
    and saving a newer file never drops them.
    """

    id: str
    name: str = ""
    zoom: float | None = None
    center: tuple[float, float] | None = None
    focus: str | None = None
    depth: int = 1
    collapsed: tuple[str, ...] = ()
    evaluation: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    def claim_ids(self) -> set[str]:
        """The claims this view names."""
        return {*self.collapsed, *([self.focus] if self.focus is not None else [])}


@dataclass(frozen=True)
class SourceDocument:
    """A document the map's claims point into.

    `sha256` identifies the normalised text the anchors were made on; `text` holds that text
    (so a shared map is complete) or is None when the map keeps only the reference (`path`,
    relative to the map file, or `url`) and the text is read from the file when needed.
    """

    id: str
    title: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    path: str = ""  # the file it was attached from, relative to the map's folder ("/" separated)
    media_type: str = ""  # text/plain, text/markdown, text/html, application/pdf; "" = pasted
    sha256: str = ""  # of the normalised text; "" when no text was ever attached
    text: str | None = None  # the normalised text, or None (reference only)

    @property
    def has_text(self) -> bool:
        return self.text is not None


@dataclass(frozen=True)
class MapInfo:
    """The map's own metadata (everything but its claims, relations and groups)."""

    title: str = ""
    description: str = ""
    authors: tuple[str, ...] = ()
    sources: tuple[SourceDocument, ...] = ()
    created: str = ""
    modified: str = ""
    # This map's own cells of the evidence-grading table, e.g. (("B2", 0.7),), sorted.
    grading: tuple[tuple[str, float], ...] = ()


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
    "Anchor",
    "Answer",
    "Claim",
    "ClaimKind",
    "Comment",
    "Group",
    "MapInfo",
    "QuestionAnswer",
    "Relation",
    "RelationKind",
    "Review",
    "ReviewStatus",
    "SourceDocument",
    "SourceRef",
    "View",
    "changed_fields",
    "field",
    "with_changes",
]
