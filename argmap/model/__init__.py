"""The argument model: pure Python, no Qt. See map.py for the invariants, edits.py for changes."""

from argmap.model.errors import ArgmapError, FormatError, ModelError, UsageError
from argmap.model.map import ArgumentMap, build_map
from argmap.model.types import (
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
    with_changes,
)

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "Claim",
    "ClaimKind",
    "Comment",
    "FormatError",
    "Group",
    "MapInfo",
    "ModelError",
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
