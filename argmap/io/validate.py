"""One validation of a map, whatever it was read from: what argmap accepts it can save, and
what it saves it reads back.

The `.argmap` reader checks a document against resources/argmap.schema.json and its
cross-references (argmap/io/native.py). Every other reader (GraphML in all its dialects, ICCMA,
Argdown, AIF) builds an `ArgumentMap` and hands it here, where the same rules are applied to
the built values:

- every id (claims, relations, groups, sources, comments, group members) matches `ID_PATTERN`;
- every string (any field of any value, tuples of strings included) is at most
  `limits.MAX_TEXT_CHARS` characters and holds no lone UTF-16 surrogate (UTF-8 cannot encode
  one, so the save would fail);
- a source reference's paragraph is a whole number from 1 and its span two whole numbers from 0;
- comment threads nest at most `limits.MAX_COMMENT_DEPTH` levels (deeper, the saved file would
  pass the JSON nesting limit);
- at most `limits.MAX_CLAIMS` claims and `limits.MAX_RELATIONS` relations, and the map's
  `.argmap` text under `limits.MAX_FILE_BYTES` (checked exactly only when a cheap bound says
  it could be over);
- the rest (base scores, finite positions, references, undercuts only by attacks, one relation
  of a kind between two ends) the model itself enforces while the map is built.

Two ways to use it:

- `validate_map(m, name)`: strict, for files that claim to be argmap's own (GraphML written by
  argmap): the first problem raises a `FormatError` naming the file and the place.
- `repair_map(m, name)`: lenient, for files from other tools: each bad value is repaired
  (a string cut to the limit, a lone surrogate replaced by U+FFFD, a bad comment id renumbered,
  a paragraph below 1 dropped) or dropped (a source document with a bad id, replies nested too
  deep), and each repair is one warning naming the place. What cannot be repaired (too many
  claims, a map too big to save) still raises.

Places read like `claim 'c1' comments[0].author`, `relation 'r2' label`, `map sources[1].id`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from enum import Enum
from functools import cache
from typing import Any

from argmap.io import limits
from argmap.model.errors import FormatError, ModelError
from argmap.model.map import ArgumentMap, build_map
from argmap.model.types import ID_PATTERN, Comment, SourceDocument, SourceRef

Warn = Callable[[str], None]
_PLAIN = frozenset((int, float, bool, type(None)))


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


class _Problem(Exception):
    """A value that breaks a rule: where, why, and (when it can be repaired) the repair."""

    def __init__(self, place: str, reason: str, limit: bool) -> None:
        super().__init__(reason)
        self.place = place
        self.reason = reason
        self.limit = limit  # past one of limits.py's limits: a LimitError


class _Walker:
    """One walk over a map's values. Strict: the first problem raises. Lenient: each problem
    is repaired or dropped, reported through `warn`, and the repaired value returned."""

    def __init__(self, warn: Warn | None) -> None:
        self.warn = warn
        self.repairs = 0

    def problem(self, place: str, reason: str, what_was_done: str, limit: bool = False) -> None:
        if self.warn is None:
            raise _Problem(place, reason, limit)
        self.repairs += 1
        self.warn(f"{place}: {reason}; {what_was_done}")

    # -- leaves ---------------------------------------------------------------------------

    def string(self, value: str, place: str) -> str:
        if len(value) <= 64 and value.isascii():  # the usual case, decided at C speed
            return value
        reason = limits.bad_string(value)
        if reason is None:
            return value
        if len(value) > limits.MAX_TEXT_CHARS:
            self.problem(place, reason, f"cut to {limits.MAX_TEXT_CHARS:,} characters", True)
            value = value[: limits.MAX_TEXT_CHARS]
        if limits.bad_string(value) is not None:
            self.problem(place, limits.bad_string(value) or "", "replaced by U+FFFD", True)
            value = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)
        return value

    def ident(self, value: str, place: str, fresh: Callable[[], str] | None) -> str | None:
        """An id; a bad one is renumbered with `fresh`, or dropped (None) without one."""
        if isinstance(value, str) and ID_PATTERN.match(value):
            return value
        reason = f"invalid id {value!r:.60} (letters, digits and _ . : - only)"
        if fresh is None:
            self.problem(place, reason, "left out")
            return None
        new = fresh()
        self.problem(place, reason, f"renamed {new!r}")
        return new

    # -- values ---------------------------------------------------------------------------

    def value(self, value: Any, place: str) -> Any:
        """Any dataclass value: every string field and tuple of strings checked; comments,
        source references and nested values by their own rules. Returns the value, repaired
        (a new value) or unchanged (the same object)."""
        changes: dict[str, Any] = {}
        joined = place.endswith(("]", "."))
        for name in _field_names(type(value)):
            item = getattr(value, name)
            kind = type(item)
            if kind in _PLAIN or (kind is str and len(item) <= 64 and item.isascii()):
                continue  # the common case, without making the place's text
            at = f"{place}.{name}" if joined else f"{place} {name}"
            new = self.field(item, at, name)
            if new is not item:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value

    def field(self, item: Any, at: str, name: str) -> Any:
        kind = type(item)
        if kind is str:
            return self.string(item, at)
        if kind in _PLAIN or isinstance(item, Enum):  # most fields: decided without a walk
            return item
        if kind is tuple:
            if not item:
                return item
            if name == "comments":
                return self.comments(item, at, 1)
            return self.items(item, at)
        if kind is SourceRef:
            return self.source_ref(item, at)
        if "__dataclass_fields__" in kind.__dict__:
            return self.value(item, at)
        return item

    def items(self, values: tuple[Any, ...], at: str) -> tuple[Any, ...]:
        out = []
        changed = False
        for i, v in enumerate(values):
            new = self.field(v, f"{at}[{i}]", "")
            changed = changed or new is not v
            out.append(new)
        return tuple(out) if changed else values

    def source_ref(self, ref: SourceRef, at: str) -> SourceRef:
        ref = self.value(ref, at)
        paragraph, span = ref.paragraph, ref.span
        if paragraph is not None and (type(paragraph) is not int or paragraph < 1):
            self.problem(f"{at}.paragraph", f"paragraph {paragraph!r} is not 1 or more", "left out")
            paragraph = None
        if span is not None and not (
            len(span) == 2 and all(type(n) is int and n >= 0 for n in span)
        ):
            self.problem(f"{at}.span", f"span {span!r} is not two numbers from 0", "left out")
            span = None
        if paragraph is ref.paragraph and span is ref.span:
            return ref
        return SourceRef(ref.document, paragraph, span)

    def comments(self, comments: tuple[Comment, ...], at: str, depth: int) -> tuple[Comment, ...]:
        out: list[Comment] = []
        changed = False
        for i, c in enumerate(comments):
            place = f"{at}[{i}]"
            cid = self.ident(
                self.string(c.id, f"{place}.id"),
                f"{place}.id",
                lambda: self._fresh_comment_id(comments),
            )
            replies = c.replies
            if replies and depth >= limits.MAX_COMMENT_DEPTH:
                self.problem(
                    f"{place}.replies",
                    f"replies nested more than {limits.MAX_COMMENT_DEPTH} levels deep",
                    f"{self._count(replies)} reply(ies) left out",
                    True,
                )
                replies = ()
            elif replies:
                replies = self.comments(replies, f"{place}.replies", depth + 1)
            fixed = Comment(
                cid or c.id,
                self.string(c.author, f"{place}.author"),
                self.string(c.time, f"{place}.time"),
                self.string(c.text, f"{place}.text"),
                c.resolved,
                replies,
            )
            if fixed != c:
                changed = True
                out.append(fixed)
            else:
                out.append(c)
        return tuple(out) if changed else comments

    @staticmethod
    def _count(comments: tuple[Comment, ...]) -> int:
        n, stack = 0, list(comments)
        while stack:
            c = stack.pop()
            n += 1
            stack.extend(c.replies)
        return n

    @staticmethod
    def _fresh_comment_id(siblings: tuple[Comment, ...]) -> str:
        used = {c.id for c in siblings}
        n = len(siblings) + 1
        while f"k{n}" in used:
            n += 1
        return f"k{n}"


def _walk(m: ArgumentMap, name: str, warn: Warn | None) -> ArgumentMap:
    """Check (warn=None) or repair (warn given) every value of a map; the map it describes."""
    limits.check_count("claims", len(m.claims), limits.MAX_CLAIMS, name)
    limits.check_count("relations", len(m.relations), limits.MAX_RELATIONS, name)
    w = _Walker(warn)
    try:
        info = w.value(m.info, "map")
        sources: list[SourceDocument] = []
        for i, s in enumerate(info.sources):
            if w.ident(s.id, f"map sources[{i}].id", None) is not None:
                sources.append(s)
        if len(sources) != len(info.sources):
            info = dataclasses.replace(info, sources=tuple(sources))
        # Claim, relation and group ids, and the references between them, the model checks.
        claims = [w.value(c, f"claim {cid!r:.60}") for cid, c in m.claims.items()]
        relations = [w.value(r, f"relation {rid!r:.60}") for rid, r in m.relations.items()]
        groups = [w.value(g, f"group {gid!r:.60}") for gid, g in m.groups.items()]
        views = [w.value(v, f"view {vid!r:.60}") for vid, v in m.views.items()]
    except _Problem as p:
        error = limits.LimitError if p.limit else FormatError
        raise error(p.reason, file=name, place=p.place) from None
    if w.repairs:
        try:
            m = build_map(claims, relations, groups, info, views)
        except ModelError as exc:  # a repair cannot make a sound map unsound; kept as a guard
            raise FormatError(exc.reason, file=name) from None
    if size_bound(m, strings=False) > limits.MAX_FILE_BYTES:
        check_size(m, name)  # huge: refused before the (then large) document is made
    doc = _check_as_written(m, name)
    _check_written_size(doc, m, name)
    return m


def _check_written_size(doc: dict[str, Any], m: ArgumentMap, name: str) -> None:
    """The map's `.argmap` text under MAX_FILE_BYTES, measured on the document just checked
    (orjson writes it in a few milliseconds; json when orjson is missing or would not write
    the very bytes argmap saves, see native.dumps)."""
    from argmap.io import native

    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency
        orjson = None
    if orjson is not None and native._plain_floats(m):
        size = len(orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)) + 1
    else:
        size = len(native.dumps(m).encode("utf-8", "surrogatepass"))
    _refuse_if_too_large(size, name)


def _check_as_written(m: ArgumentMap, name: str) -> dict[str, Any]:
    """The last word: the map as the `.argmap` writer writes it passes the `.argmap` reader's
    schema and reference checks. Rules the walk above does not know (patterns of fields other
    features add to the schema, such as an anchor's sha256) are caught here, so nothing argmap
    accepts fails on the next open. Places are turned from JSON paths into claim and relation
    ids: `$.claims[15].anchors[0].sha256` → `claim 'c7' anchors[0].sha256`."""
    from argmap.io import native

    doc = native.to_dict(m)
    try:
        native.validate(doc, name)
        return doc
    except FormatError as exc:
        place = exc.place or ""
        match = re.match(r"\$\.(claims|relations|groups|views)\[(\d+)\]\.?", place)
        if match:
            item = doc[match.group(1)][int(match.group(2))]
            what = match.group(1)[:-1]
            rest = place[match.end() :]
            place = f"{what} {item.get('id')!r:.60}" + (f" {rest}" if rest else "")
        elif place.startswith("$."):
            place = "map " + place[2:]
        raise FormatError(exc.reason, file=name, place=place or None) from None


def validate_map(m: ArgumentMap, name: str) -> ArgumentMap:
    """Refuse a map that could not be saved as `.argmap` and read back; returns it.

    The first problem raises a FormatError (a LimitError for a limit) naming the file and the
    place. For argmap's own files in any format: a value there that breaks a rule is damage.
    """
    return _walk(m, name, None)


def repair_map(m: ArgumentMap, name: str, warn: Warn) -> ArgumentMap:
    """The map with every bad value repaired or dropped, each change reported through `warn`
    with its place; for files from other tools. Counts and size past the limits still raise."""
    return _walk(m, name, warn)


# -- size -----------------------------------------------------------------------------------

# Upper bounds of the canonical .argmap text per item, beyond its strings (field names,
# punctuation, indentation, numbers): measured at 288 bytes for a claim with an 8-character id
# and text, 218 for a relation; a comment ~150.
_CLAIM_BYTES = 400
_RELATION_BYTES = 320
_OTHER_BYTES = 200
_STRING_FACTOR = 6  # a character escaped as \u00XX takes six bytes


def _strings(m: ArgumentMap) -> Iterator[str]:
    for value in (*m.claims.values(), *m.relations.values(), *m.groups.values(), m.info):
        stack: list[Any] = [value]
        while stack:
            v = stack.pop()
            if type(v) is str:
                yield v
            elif type(v) is tuple:
                stack.extend(v)
            elif dataclasses.is_dataclass(v) and not isinstance(v, type):
                stack.extend(getattr(v, f.name) for f in dataclasses.fields(v))


def size_bound(m: ArgumentMap, *, strings: bool = True) -> int:
    """An upper bound of the map's `.argmap` size in bytes, without writing it (without
    `strings`: a lower bound, the fixed cost of its items alone)."""
    items = len(m.groups) + len(m.info.sources)
    items += sum(len(c.comments) for c in m.claims.values())
    items += sum(len(r.comments) for r in m.relations.values())
    fixed = _CLAIM_BYTES * len(m.claims) + _RELATION_BYTES * len(m.relations)
    fixed += _OTHER_BYTES * items
    if fixed > limits.MAX_FILE_BYTES or not strings:
        return fixed
    # Replies are counted by their strings' share only: fixed cost per reply is in the factor.
    return fixed + _STRING_FACTOR * sum(len(s) + 16 for s in _strings(m))


def check_size(m: ArgumentMap, name: str) -> None:
    """Refuse a map whose `.argmap` text would pass MAX_FILE_BYTES: argmap could save it but
    never open the file again. Exact (the text written) only when the bound says it might."""
    if size_bound(m) <= limits.MAX_FILE_BYTES:
        return
    from argmap.io import native

    size = len(native.dumps(m).encode("utf-8", "surrogatepass"))
    _refuse_if_too_large(size, name)


def _refuse_if_too_large(size: int, name: str) -> None:
    """The one message for a map whose `.argmap` text (`size` bytes) argmap could not reopen."""
    if size > limits.MAX_FILE_BYTES:
        raise limits.LimitError(
            f"the map is too large to save ({size / 2**20:.0f} MB as .argmap; argmap reads "
            f"files up to {limits.MAX_FILE_BYTES / 2**20:.0f} MB)",
            file=name,
        )
