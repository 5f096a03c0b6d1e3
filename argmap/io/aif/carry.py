"""argmap's own fields inside AIF JSON, where OVA and AIFdb ignore them.

AIF has no place for a claim's id, kind, title, notes, tags, review, comments, anchors or
evidence grades, nor for a reason's critical-question answers, roles, labels or notes. argmap
writes them as an extra `"argmap"` object on the AIF node they belong to (an I-node: its
claim; an RA/CA/MA node: the relations it stands for) and the map's own fields (title,
authors, sources, groups, views, grading) as a top-level `"argmap"` object. OVA3's importer
builds its nodes from `nodeID`, `type`, `text` (and `OVA.nodes` positions) only, and reads the
top-level `AIF`, `OVA` and `text` keys only, so these objects are ignored there without
harm (docs/aif.md has the evidence). Values equal to a new claim's or relation's defaults are
left out, so a plain map's file stays close to what OVA itself writes.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from argmap.io import native
from argmap.model.map import ArgumentMap
from argmap.model.types import Claim, Relation

KEY = "argmap"
# Carried elsewhere in AIF: the claim's text is the I-node's text, its position OVA's x/y;
# a relation's ends are the AIF edges.
_CLAIM_ELSEWHERE = ("text", "x", "y")
# never left out, whatever the defaults say
_CLAIM_ALWAYS = ("id", "kind")
_RELATION_ALWAYS = ("id", "source", "target", "kind")


@cache
def _claim_defaults() -> dict[str, Any]:
    return native.claim_to_dict(Claim("x", ""))


@cache
def _relation_defaults() -> dict[str, Any]:
    return native.relation_to_dict(Relation("x", "a", "b"))


def _delta(
    d: dict[str, Any], defaults: dict[str, Any], elsewhere: tuple[str, ...], always: tuple[str, ...]
) -> dict:
    return {
        k: v
        for k, v in d.items()
        if k not in elsewhere and (k in always or k not in defaults or defaults[k] != v)
    }


def _flat(d: dict[str, Any]) -> dict[str, Any]:
    """Comment threads as one list in reading order, each with its `depth`: AIF puts the
    claim four JSON levels deeper than `.argmap` does, and a thread as deep as argmap allows
    would pass the 64-level JSON limit if it stayed nested."""
    if not d.get("comments"):
        return d
    flat: list[dict[str, Any]] = []
    stack = [(c, 0) for c in reversed(d["comments"])]
    while stack:
        c, depth = stack.pop()
        flat.append({**{k: v for k, v in c.items() if k != "replies"}, "depth": depth})
        stack.extend((r, depth + 1) for r in reversed(c.get("replies", [])))
    return {**d, "comments": flat}


def _nested(d: dict[str, Any]) -> dict[str, Any]:
    """The comment threads of a carried object back as `.argmap` nests them."""
    flat = d.get("comments")
    if not isinstance(flat, list) or not any(isinstance(c, dict) and "depth" in c for c in flat):
        return d  # none, or nested as `.argmap` nests them (written by hand)
    roots: list[dict[str, Any]] = []
    path: list[dict[str, Any]] = []  # the last comment of each depth so far
    for c in flat:
        depth = c.get("depth") if isinstance(c, dict) else None
        if type(depth) is not int or not 0 <= depth <= len(path):
            raise ValueError(f"comment depth {depth!r} does not follow the comment before it")
        item = {**{k: v for k, v in c.items() if k != "depth"}, "replies": []}
        (path[depth - 1]["replies"] if depth else roots).append(item)
        del path[depth:]
        path.append(item)
    return {**d, "comments": roots}


def claim_extra(c: Claim) -> dict[str, Any]:
    """What an I-node carries of its claim beyond its text and position."""
    return _flat(
        _delta(native.claim_to_dict(c), _claim_defaults(), _CLAIM_ELSEWHERE, _CLAIM_ALWAYS)
    )


def relation_extra(r: Relation) -> dict[str, Any]:
    """What an RA/CA/MA node carries of one of its relations, ends included (the reader
    trusts them only where the AIF edges agree)."""
    return _flat(_delta(native.relation_to_dict(r), _relation_defaults(), (), _RELATION_ALWAYS))


def map_extra(m: ArgumentMap) -> dict[str, Any]:
    """The map's own fields: everything of its `.argmap` document but claims and relations."""
    doc = native.to_dict(m)
    for key in ("format", "version", "claims", "relations"):
        doc.pop(key, None)
    return {k: v for k, v in doc.items() if v not in ("", [], {}, None)}


def claim_dict(extra: dict[str, Any], cid: str, text: str, x: float, y: float) -> dict[str, Any]:
    """A claim's `.argmap` object from an I-node's carried fields and its AIF values."""
    extra = _nested(extra)
    out = {**_claim_defaults(), **{k: v for k, v in extra.items() if k not in _CLAIM_ELSEWHERE}}
    out.update(id=cid, text=text, x=x, y=y)
    return out


def relation_dict(extra: dict[str, Any], **values: Any) -> dict[str, Any]:
    """A relation's `.argmap` object from carried fields and the values AIF decides."""
    return {**_relation_defaults(), **_nested(extra), **values}
