"""The argument model: pure Python, no Qt. See map.py for the invariants, edits.py for changes."""

from argmap.model.errors import ArgmapError, FormatError, ModelError, UsageError
from argmap.model.map import ArgumentMap, build_map
from argmap.model.types import (
    Answer,
    Claim,
    ClaimKind,
    Comment,
    Group,
    MapInfo,
    QuestionAnswer,
    Relation,
    RelationKind,
    Review,
    ReviewStatus,
    SourceDocument,
    SourceRef,
    View,
    with_changes,
)

__all__ = [
    "Answer",
    "ArgmapError",
    "ArgumentMap",
    "Claim",
    "ClaimKind",
    "Comment",
    "FormatError",
    "Group",
    "MapInfo",
    "ModelError",
    "QuestionAnswer",
    "Relation",
    "RelationKind",
    "Review",
    "ReviewStatus",
    "SourceDocument",
    "SourceRef",
    "UsageError",
    "View",
    "build_map",
    "with_changes",
]
