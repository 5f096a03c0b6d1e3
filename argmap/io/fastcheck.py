"""A fast check of an `.argmap` document's claims and relations, for loading big maps quickly.

The schema check (fastjsonschema, resources/argmap.schema.json) costs ~13 µs a claim: 1.3 s of
a 100,000-claim load. Almost every claim of a real file uses only the common fields, so this
module checks those directly, in one pass with set operations and exact type tests, at least
as strictly as the schema (ids end at \\Z, numbers are finite). It answers only "certainly
valid" or "not sure": a claim or relation with any other field (anchors, grading, schemes...)
or any doubtful value makes the caller run the full schema check, which finds the error and
its JSON path exactly as before. So the fast path can change how quickly a file loads, never
what is accepted or which message a bad file gets.

The fields this module knows are taken only where the schema still declares them (a field
the schema dropped is "not sure", so the schema decides).
"""

from __future__ import annotations

import math
import re
from typing import Any

_ID = re.compile(r"[A-Za-z0-9_.:\-]+\Z")
_COMMENT_KEYS = frozenset({"id", "author", "time", "text", "resolved", "replies"})
_REVIEW_KEYS = frozenset({"status", "by", "at"})
_SOURCE_KEYS = frozenset({"document", "paragraph", "span"})
_CLAIM_KEYS = frozenset(
    {"id", "text", "kind", "title", "holder", "tags", "notes", "source", "base_score", "x", "y"}
    | {"pinned", "comments", "review"}
)
_RELATION_KEYS = frozenset(
    {"id", "source", "target", "kind", "label", "notes", "link", "comments", "review"}
)


class Checker:
    """The fast check, with the known fields cut to what the schema declares."""

    def __init__(self, schema: dict[str, Any]) -> None:
        defs = schema.get("$defs", {})

        def declared(name: str, known: frozenset[str]) -> frozenset[str]:
            return known & frozenset(defs.get(name, {}).get("properties", {}))

        self.claim_keys = declared("claim", _CLAIM_KEYS)
        self.relation_keys = declared("relation", _RELATION_KEYS)
        self.comment_keys = declared("comment", _COMMENT_KEYS)
        self.review_keys = declared("review", _REVIEW_KEYS)
        self.source_keys = declared("source_ref", _SOURCE_KEYS)

        def enum(name: str, field: str) -> frozenset[str]:
            values = defs.get(name, {}).get("properties", {}).get(field, {}).get("enum", ())
            return frozenset(v for v in values if type(v) is str)

        # The allowed words are the schema's own, so a kind added there is known here too.
        self.kinds = enum("claim", "kind")
        self.relation_kinds = enum("relation", "kind")
        self.statuses = enum("review", "status")

    def claims_and_relations(self, claims: Any, relations: Any) -> bool:
        """True only when every claim and relation is certainly valid under the schema."""
        if type(claims) is not list or type(relations) is not list:
            return False
        claim_keys, relation_keys, ident = self.claim_keys, self.relation_keys, _ID.match
        for c in claims:
            if type(c) is not dict or not c.keys() <= claim_keys:
                return False
            cid, text = c.get("id"), c.get("text")
            if type(cid) is not str or type(text) is not str or ident(cid) is None:
                return False
            if len(c) > 2 and not self._claim_rest(c):
                return False
        for r in relations:
            if type(r) is not dict or not r.keys() <= relation_keys:
                return False
            rid, source, target = r.get("id"), r.get("source"), r.get("target")
            if type(rid) is not str or type(source) is not str or type(target) is not str:
                return False
            if ident(rid) is None or ident(source) is None or ident(target) is None:
                return False
            if r.get("kind") not in self.relation_kinds:
                return False
            if len(r) > 4 and not self._relation_rest(r):
                return False
        return True

    def _claim_rest(self, c: dict[str, Any]) -> bool:
        for key, value in c.items():
            if key in ("id", "text"):
                continue
            if key in ("title", "holder", "notes"):
                ok = type(value) is str
            elif key == "kind":
                ok = value in self.kinds
            elif key in ("x", "y"):
                ok = _number(value) and math.isfinite(value)
            elif key == "base_score":
                ok = _number(value) and 0 <= value <= 1
            elif key == "pinned":
                ok = type(value) is bool
            elif key == "tags":
                ok = type(value) is list and all(type(t) is str for t in value)
            elif key == "source":
                ok = value is None or self._source(value)
            elif key == "comments":
                ok = self._comments(value)
            elif key == "review":
                ok = value is None or self._review(value)
            else:
                ok = False
            if not ok:
                return False
        return True

    def _relation_rest(self, r: dict[str, Any]) -> bool:
        for key, value in r.items():
            if key in ("id", "source", "target", "kind"):
                continue
            if key in ("label", "notes"):
                ok = type(value) is str
            elif key == "link":
                ok = value is None or type(value) is str
            elif key == "comments":
                ok = self._comments(value)
            elif key == "review":
                ok = value is None or self._review(value)
            else:
                ok = False
            if not ok:
                return False
        return True

    def _source(self, s: Any) -> bool:
        if type(s) is not dict or not s.keys() <= self.source_keys:
            return False
        if type(s.get("document")) is not str:
            return False
        paragraph = s.get("paragraph")
        if paragraph is not None and not (type(paragraph) is int and paragraph >= 1):
            return False
        span = s.get("span")
        return span is None or (
            type(span) is list
            and len(span) == 2
            and all(type(n) is int and n >= 0 for n in span)
        )

    def _review(self, r: Any) -> bool:
        return (
            type(r) is dict
            and r.keys() <= self.review_keys
            and r.get("status") in self.statuses
            and type(r.get("by", "")) is str
            and type(r.get("at", "")) is str
        )

    def _comments(self, comments: Any) -> bool:
        # Iterative: a thread's depth is bounded by the JSON nesting limit, but no recursion
        # is needed to walk it.
        if type(comments) is not list:
            return False
        stack = list(comments)
        keys = self.comment_keys
        while stack:
            c = stack.pop()
            if type(c) is not dict or not c.keys() <= keys:
                return False
            cid = c.get("id")
            if type(cid) is not str or _ID.match(cid) is None:
                return False
            if not (
                type(c.get("author")) is str
                and type(c.get("time")) is str
                and type(c.get("text")) is str
                and type(c.get("resolved", False)) is bool
            ):
                return False
            replies = c.get("replies", [])
            if type(replies) is not list:
                return False
            stack.extend(replies)
        return True


def _number(value: Any) -> bool:
    return type(value) is float or type(value) is int
