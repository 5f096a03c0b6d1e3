"""An `.argmap` document's claims and relations checked and made a field at a time: the fast
way a big map is read.

Reading 100,000 claims the general way walks 250,000 JSON objects five times (the schema or
fast check, the string limits, the cross-references, making the values, building the map),
each visit a Python loop and a cache miss. Here each object is visited once, in C: the values
of every field are gathered into columns (`fastcheck.columns`), each column is checked as the
schema and the cross-reference checks would check it (type sets, one regex over all ids, set
operations for references and duplicates), and the same columns are turned into the values
(enum lookups, `tuple`, `float` mapped over a column) and zipped into each value's fields.

Like the fast check this answers "certainly valid, and here is the map" or "not sure": any
doubt (a rare field such as anchors or schemes, a doubtful value, a broken reference, a cycle
of undercuts, nesting deeper than the limit) returns None and the caller takes the general
path, which finds the problem and reports it exactly as before. So it changes how fast a file
loads, never what is accepted, which message a bad file gets, or the values made (the tests
compare every field with the general path's).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from itertools import repeat
from operator import is_, itemgetter
from typing import Any

from argmap.io import limits
from argmap.io.fastcheck import MISSING, Checker, Columns
from argmap.model.map import id_levels
from argmap.model.types import (
    Claim,
    ClaimKind,
    Comment,
    Relation,
    RelationKind,
    Review,
    ReviewStatus,
    SourceRef,
)

_CLAIM_DEFAULTS = {f.name: f.default for f in fields(Claim)}
_RELATION_DEFAULTS = {f.name: f.default for f in fields(Relation)}
_SOURCE_FIELDS = tuple(f.name for f in fields(SourceRef))
# JSON depth of a claim's or relation's comment list: the document, its claims list, the claim
COMMENTS_DEPTH = 4


@dataclass
class Plain:
    """The claims and relations of a document, certainly valid and plain: each field's
    column (MISSING where an item leaves an optional field out), the positions of the
    relations in the order `build_map` adds them (None: the file's order), and the relations'
    (source, target, kind) set, which the map keeps."""

    claims: dict[str, Columns]
    claims_optional: frozenset[str]
    relations: dict[str, Columns]
    relations_optional: frozenset[str]
    order: list[int] | None
    keys: set[tuple[str, str, str]]

    def claim_ids(self) -> Columns:
        return self.claims.get("id", ())

    def relation_column(self, key: str) -> Columns:
        """A relation field's values in build order (MISSING where left out)."""
        values = self.relations.get(key, ())
        if self.order is None or not values:
            return values
        return list(map(values.__getitem__, self.order))


def plain(claims: Any, relations: Any, checker: Checker) -> Plain | None:
    """The columns of the claims and relations when they are certainly valid under the schema,
    the cross-reference checks and the map's invariants, and use only the common fields;
    None when not sure."""
    if type(claims) is not list or type(relations) is not list:
        return None
    got_claims = checker.claim_columns(claims)
    if got_claims is None:
        return None
    got_relations = checker.relation_columns(relations, ends_are_ids=True)
    if got_relations is None:
        return None
    ccols, copt = got_claims
    rcols, ropt = got_relations
    if not all(
        _comments_fit(cols.get("comments", ())) for cols in (ccols, rcols)
    ):
        return None
    claim_ids = set(ccols.get("id", ()))
    ids = rcols.get("id", ())
    relation_ids = set(ids)
    if len(claim_ids) != len(claims) or len(relation_ids) != len(relations):
        return None  # an id used twice
    if not claim_ids.isdisjoint(relation_ids):
        return None
    if not relations:
        return Plain(ccols, copt, rcols, ropt, None, set())
    sources, targets, kinds = rcols["source"], rcols["target"], rcols["kind"]
    if not claim_ids.issuperset(sources):
        return None
    keys = set(zip(sources, targets, kinds, strict=True))
    if len(keys) != len(relations):
        return None  # a second relation of a kind between the same two
    if claim_ids.issuperset(targets):
        return Plain(ccols, copt, rcols, ropt, None, keys)
    # Undercuts: attacks on another relation of the map, added after it (build_map's order).
    for rid, target, kind in zip(ids, targets, kinds, strict=True):
        if target not in claim_ids and (
            kind != "attack" or target not in relation_ids or target == rid
        ):
            return None
    order = [i for level in id_levels(ids, targets, claim_ids) for i in level]
    if len(order) != len(relations):
        return None  # a cycle of undercuts
    return Plain(ccols, copt, rcols, ropt, order, keys)


def _comments_fit(values: Iterable[Any]) -> bool:
    """Whether every comment thread nests within limits.MAX_JSON_DEPTH (the other fields of a
    certainly valid claim or relation are at most 5 deep)."""
    deepest = limits.MAX_JSON_DEPTH
    return all(json_depth(v, COMMENTS_DEPTH) <= deepest for v in values if v and v is not MISSING)


def json_depth(value: Any, level: int = 1) -> int:
    """How deep arrays and objects nest in a parsed JSON value counted as the bytes would be
    (`value` itself at `level`; a scalar is `level - 1`), without recursion."""
    deepest = level - 1
    stack = [(value, level)]
    while stack:
        item, at = stack.pop()
        kind = type(item)
        if kind is dict:
            inner: Iterable[Any] = item.values()
        elif kind is list:
            inner = item
        else:
            continue
        deepest = max(deepest, at)
        stack.extend((x, at + 1) for x in inner if type(x) is dict or type(x) is list)
    return deepest


# -- making the values --------------------------------------------------------------------


def comment_from_dict(d: dict[str, Any]) -> Comment:
    """A comment and its replies from (schema-checked) JSON; threads are bounded by the JSON
    depth limit, far from the recursion limit."""
    return Comment(
        id=d["id"],
        author=d["author"],
        time=d["time"],
        text=d["text"],
        resolved=d.get("resolved", False),
        replies=tuple(comment_from_dict(r) for r in d.get("replies", ())),
    )


def review_from_dict(d: dict[str, Any] | None) -> Review | None:
    if d is None:
        return None
    return Review(ReviewStatus(d["status"]), d.get("by", ""), d.get("at", ""))


def made_without_init(
    cls: type, names: Sequence[str], columns: Sequence[Iterable[Any]], count: int
) -> list[Any]:
    """`count` frozen dataclass values with the fields `names` taken from `columns` (each
    value already of the field's type) and the others at their defaults, made in C without
    running `__init__`: each value's `__dict__` a copy of the defaults (all fields, in field
    order) updated from its row, set on an empty instance by `object.__setattr__`. Equal,
    field for field, to `cls(**fields)`."""
    template = {f.name: f.default for f in fields(cls)}
    dicts = list(map(dict.copy, repeat(template, count)))
    rows = zip(*columns, strict=True) if columns else repeat((), count)
    for _ in map(dict.update, dicts, map(zip, repeat(names), rows)):
        pass
    out = list(map(object.__new__, repeat(cls, count)))
    for _ in map(object.__setattr__, out, repeat("__dict__"), dicts):
        pass
    return out


_CLAIM_KINDS: dict[Any, ClaimKind] = {k.value: k for k in ClaimKind} | {MISSING: ClaimKind.CLAIM}
_RELATION_KINDS: dict[Any, RelationKind] = {k.value: k for k in RelationKind}
_FLOAT_FIELDS = frozenset({"base_score", "x", "y"})


def claims(found: Plain) -> list[Claim]:
    """The claims, in the file's order."""
    cols, optional = found.claims, found.claims_optional
    names, values = [], []
    for key in _CLAIM_DEFAULTS:
        if key not in cols:
            continue
        column = cols[key]
        if key == "kind":
            column = list(map(_CLAIM_KINDS.__getitem__, column))
        else:
            column = _filled(column, _CLAIM_DEFAULTS[key], key in optional)
        if key in _FLOAT_FIELDS:
            column = list(map(float, column))
        elif key == "tags":
            column = list(map(tuple, column))
        elif key == "source":
            column = _sources(column)
        elif key == "comments":
            column = _comment_tuples(column)
        elif key == "review":
            column = _reviews(column)
        if not _all_default(column, _CLAIM_DEFAULTS[key]):
            names.append(key)
            values.append(column)
    return made_without_init(Claim, names, values, len(cols.get("id", ())))


def relations(found: Plain) -> list[Relation]:
    """The relations, in the order `build_map` adds them."""
    cols, optional = found.relations, found.relations_optional
    names, values = [], []
    for key in _RELATION_DEFAULTS:
        if key not in cols:
            continue
        column = found.relation_column(key)
        if key == "kind":
            column = list(map(_RELATION_KINDS.__getitem__, column))
        else:
            column = _filled(column, _RELATION_DEFAULTS[key], key in optional)
        if key == "comments":
            column = _comment_tuples(column)
        elif key == "review":
            column = _reviews(column)
        if not _all_default(column, _RELATION_DEFAULTS[key]):
            names.append(key)
            values.append(column)
    return made_without_init(Relation, names, values, len(cols.get("id", ())))


def _all_default(column: Columns, default: Any) -> bool:
    """Whether every value of a column is the field's default object itself ("", None, False
    and () are single objects), so the field needs no pass of its own. Identity, not
    equality: -0.0 equals the default 0.0 and must be kept."""
    return default is not MISSING and all(map(is_, column, repeat(default)))


def _filled(values: Columns, default: Any, optional: bool) -> Columns:
    return [default if v is MISSING else v for v in values] if optional else values


def _comment_tuples(values: Columns) -> Columns:
    if not any(values):
        return list(repeat((), len(values)))
    return [tuple(map(comment_from_dict, v)) if v else () for v in values]


def _reviews(values: Columns) -> Columns:
    if not any(v is not None for v in values):
        return values
    return list(map(review_from_dict, values))


def _sources(values: Columns) -> Columns:
    """SourceRefs from a column of (checked) source objects and nulls; equal sources (claims
    drawn from one paragraph) share one immutable value."""
    refs = [v for v in values if v is not None]
    if not refs:
        return values
    if set(map(len, refs)) == {3}:  # every field written: gathered in C
        document, paragraph, span = zip(*map(itemgetter(*_SOURCE_FIELDS), refs), strict=True)
    else:
        document = tuple(map(itemgetter("document"), refs))
        paragraph = tuple(map(dict.get, refs, repeat("paragraph")))
        span = tuple(map(dict.get, refs, repeat("span")))
    if any(s is not None for s in span):
        span = tuple(None if s is None else tuple(s) for s in span)
    keys = list(zip(document, paragraph, span, strict=True))
    distinct = list(dict.fromkeys(keys))
    made = made_without_init(
        SourceRef, _SOURCE_FIELDS, list(zip(*distinct, strict=True)), len(distinct)
    )
    shared = dict(zip(distinct, made, strict=True))
    if len(refs) == len(values):
        return list(map(shared.__getitem__, keys))
    it = map(shared.__getitem__, keys)
    return [None if v is None else next(it) for v in values]
