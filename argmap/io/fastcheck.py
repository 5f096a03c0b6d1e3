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
from collections.abc import Callable, Iterable
from itertools import chain, repeat
from operator import itemgetter
from typing import Any

_ID = re.compile(r"[A-Za-z0-9_.:\-]+\Z")
_COMMENT_KEYS = frozenset({"id", "author", "time", "text", "resolved", "replies"})
_REVIEW_KEYS = frozenset({"status", "by", "at"})
_SOURCE_KEYS = frozenset({"document", "paragraph", "span"})
_CLAIM_KEYS = frozenset(
    {"id", "text", "kind", "title", "holder", "tags", "notes", "source", "base_score", "x", "y"}
    | {"pinned", "comments", "review", "collapsed"}
)
_CLAIM_REQUIRED = frozenset({"id", "text"})
_RELATION_REQUIRED = frozenset({"id", "source", "target", "kind"})
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
        """True only when every claim and relation is certainly valid under the schema.

        Checked field by field over all items at once (`columns`: the values of one field
        gathered in C, their types collected in a set, ids matched joined in one regex run):
        C-speed loops instead of a Python loop over each claim's fields. Rare values (a
        source's span, comments, reviews) are checked item by item."""
        if type(claims) is not list or type(relations) is not list:
            return False
        return (
            self.claim_columns(claims) is not None
            and self.relation_columns(relations) is not None
        )

    def claim_columns(
        self, claims: list[Any]
    ) -> tuple[dict[str, Columns], frozenset[str]] | None:
        """`columns` of the claims when every claim is certainly valid under the schema, else
        None."""
        return self._checked(claims, self.claim_keys, _CLAIM_REQUIRED, self._claim_field)

    def relation_columns(
        self, relations: list[Any], *, ends_are_ids: bool = False
    ) -> tuple[dict[str, Columns], frozenset[str]] | None:
        """`claim_columns` for relations. With `ends_are_ids` the sources and targets are only
        checked to be strings: the caller checks that each is a claim's or relation's id
        (valid ids by then), which the id pattern cannot add to."""
        field_ok = self._relation_field
        if ends_are_ids:

            def field_ok(key: str, values: list[Any]) -> bool:
                if key in ("source", "target"):
                    return _all_of_type(values, str)
                return self._relation_field(key, values)

        return self._checked(relations, self.relation_keys, _RELATION_REQUIRED, field_ok)

    @staticmethod
    def _checked(
        items: list[Any],
        known: frozenset[str],
        required: frozenset[str],
        field_ok: Callable[[str, Columns], bool],
    ) -> tuple[dict[str, Columns], frozenset[str]] | None:
        gathered = columns(items, known, required)
        if gathered is None:
            return None
        out, optional = gathered
        for key in sorted(out):
            values = out[key]
            if key in optional:
                values = [v for v in values if v is not MISSING]
            if not field_ok(key, values):
                return None
        return gathered

    def _claim_field(self, key: str, values: list[Any]) -> bool:
        if key == "id":
            return _ids(values)
        if key in ("text", "title", "holder", "notes"):
            return _all_of_type(values, str)
        if key == "kind":
            return _all_of_type(values, str) and set(values) <= self.kinds
        if key in ("x", "y"):
            return _numbers(values) and all(map(math.isfinite, values))
        if key == "base_score":
            return (
                _numbers(values)
                and all(map(math.isfinite, values))
                and 0 <= min(values)
                and max(values) <= 1
            )
        if key in ("pinned", "collapsed"):
            return _all_of_type(values, bool)
        if key == "tags":
            return _all_of_type(values, list) and _all_of_type(chain.from_iterable(values), str)
        if key == "source":
            return self._sources([v for v in values if v is not None])
        if key == "comments":
            return _all_of_type(values, list) and all(map(self._comments, filter(None, values)))
        if key == "review":
            return all(self._review(v) for v in values if v is not None)
        return False

    def _relation_field(self, key: str, values: list[Any]) -> bool:
        if key in ("id", "source", "target"):
            return _ids(values)
        if key == "kind":
            return _all_of_type(values, str) and set(values) <= self.relation_kinds
        if key in ("label", "notes"):
            return _all_of_type(values, str)
        if key == "link":
            return _all_of_type([v for v in values if v is not None], str)
        if key == "comments":
            return _all_of_type(values, list) and all(map(self._comments, filter(None, values)))
        if key == "review":
            return all(self._review(v) for v in values if v is not None)
        return False

    def _sources(self, sources: list[Any]) -> bool:
        """`_source` for each, the common fields gathered field by field."""
        if not sources:
            return True
        if not _all_of_type(sources, dict):
            return False
        if not all(map(self.source_keys.issuperset, sources)):
            return False
        if not _all_of_type(list(map(dict.get, sources, repeat("document"))), str):
            return False
        paragraphs = [p for p in map(dict.get, sources, repeat("paragraph")) if p is not None]
        if paragraphs and not (_all_of_type(paragraphs, int) and min(paragraphs) >= 1):
            return False
        spans = [s for s in map(dict.get, sources, repeat("span")) if s is not None]
        return all(map(self._source, [{"document": "", "span": span} for span in spans]))

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
            and type(r.get("status")) is str  # a list or object cannot be looked up in a set
            and r["status"] in self.statuses
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


Columns = list[Any] | tuple[Any, ...]


class _Missing:
    """The value of a field an item leaves out (a column holds one per such item)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def columns(
    items: list[Any], known: frozenset[str], required: frozenset[str]
) -> tuple[dict[str, Columns], frozenset[str]] | None:
    """Each field's values over all items, in item order, MISSING where an item leaves a field
    out, and the fields some items leave out; None when an item is not an object, lacks a
    required field or has one not `known`.

    Gathered in C and a row at a time: one `itemgetter` of every common field per item (each
    item's dict is visited once, which a 100,000-item list needs: a pass per field costs 5x
    more in cache misses), the rows turned into columns by `zip`; a field only some items have
    is gathered by `dict.get` on its own."""
    if not items:
        return {}, frozenset()
    if not _all_of_type(items, dict):
        return None
    first = tuple(items[0])
    out: dict[str, Columns] = {}
    if required <= frozenset(first) <= known and set(map(len, items)) == {len(first)}:
        # Every item has as many fields as the first: if each has all of the first's, each
        # has exactly those (the usual case: no key sets made)
        try:
            rows = list(map(itemgetter(*first), items))
        except KeyError:
            pass
        else:
            if len(first) == 1:
                rows = [(v,) for v in rows]
            out.update(zip(first, zip(*rows, strict=True), strict=True))
            return out, frozenset()
    shapes = set(map(tuple, items))  # each item's keys in its order
    keysets = set(map(frozenset, shapes))
    if not all(required <= keys <= known for keys in keysets):
        return None
    common = frozenset.intersection(*keysets)
    order = tuple(sorted(common))
    if len(order) == 1:
        out[order[0]] = list(map(itemgetter(order[0]), items))
    else:
        out.update(zip(order, zip(*map(itemgetter(*order), items), strict=True), strict=True))
    optional = frozenset.union(*keysets) - common
    for key in sorted(optional):
        out[key] = list(map(dict.get, items, repeat(key), repeat(MISSING)))
    return out, optional


def _number(value: Any) -> bool:
    return type(value) is float or type(value) is int


_NUMBER_TYPES = frozenset({int, float})
_IDS = re.compile(r"[A-Za-z0-9_.:\-]+(?:\n[A-Za-z0-9_.:\-]+)*")


def _all_of_type(values: Iterable[Any], kind: type) -> bool:
    """Every value exactly of this type (bool is not int here, as in the schema)."""
    return set(map(type, values)) <= {kind}


def _numbers(values: list[Any]) -> bool:
    return set(map(type, values)) <= _NUMBER_TYPES


def _ids(values: list[Any]) -> bool:
    """Every value a valid id (one regex run over all of them joined by line breaks; an id
    cannot hold a line break, so each line is one whole id)."""
    return _all_of_type(values, str) and _IDS.fullmatch("\n".join(values)) is not None
