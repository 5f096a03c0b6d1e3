"""The JSON-valued attributes of argmap's GraphML (source, comments, review, authors, sources,
groups, views): decoded with their types checked. argmap's own files are refused when one does not
decode; files from elsewhere take them only when they do."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from argmap.io import limits
from argmap.model.errors import ModelError
from argmap.model.grading import check_override
from argmap.model.types import (
    Anchor,
    Answer,
    Comment,
    Group,
    QuestionAnswer,
    Review,
    ReviewStatus,
    SourceDocument,
    SourceRef,
)


class Bad(Exception):
    """A value that does not decode; strict reading turns it into a FormatError."""


def expect(value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise Bad(f"{what} has the wrong type ({type(value).__name__})")
    return value


def str_list(value: Any) -> list[str]:
    expect(value, list, "the list")
    for v in value:
        expect(v, str, "an item")
    return value


def fields(value: Any, what: str, required: Iterable[str]) -> dict[str, Any]:
    expect(value, dict, what)
    for name in required:
        if name not in value:
            raise Bad(f"{what} has no {name!r}")
    return value


def source_ref(value: Any) -> SourceRef | None:
    if value is None:
        return None
    d = fields(value, "the source", ("document",))
    paragraph = d.get("paragraph")
    if paragraph is not None:
        expect(paragraph, int, "paragraph")
    span = d.get("span")
    if span is not None:
        expect(span, list, "span")
        if len(span) != 2:
            raise Bad("span must be two numbers")
        span = (expect(span[0], int, "span"), expect(span[1], int, "span"))
    return SourceRef(expect(d["document"], str, "document"), paragraph, span)


def comment(value: Any) -> Comment:
    d = fields(value, "a comment", ("id", "author", "time", "text"))
    return Comment(
        id=expect(d["id"], str, "a comment id"),
        author=expect(d["author"], str, "a comment author"),
        time=expect(d["time"], str, "a comment time"),
        text=expect(d["text"], str, "a comment text"),
        resolved=expect(d.get("resolved", False), bool, "resolved"),
        replies=tuple(comments_list(d.get("replies", []))),
    )


def comments_list(value: Any) -> list[Comment]:
    return [comment(v) for v in expect(value, list, "the comments")]


def review(value: Any) -> Review | None:
    if value is None:
        return None
    d = fields(value, "the review", ("status",))
    try:
        status = ReviewStatus(d["status"])
    except ValueError:
        raise Bad(f"status {d['status']!r} is not one of: {', '.join(ReviewStatus)}") from None
    return Review(status, expect(d.get("by", ""), str, "by"), expect(d.get("at", ""), str, "at"))


_SHA256 = re.compile(r"[0-9a-f]{64}")


def digest(value: Any) -> str:
    """A sha256 digest as .argmap's schema allows it (64 lower-case hex digits), or ""."""
    text = expect(value, str, "sha256")
    if text and not _SHA256.fullmatch(text):
        raise Bad("sha256 is not 64 lower-case hexadecimal digits")
    return text


def sources(value: Any) -> list[SourceDocument]:
    """Source documents as .argmap writes them (the text as a list of paragraphs)."""
    out = []
    for v in expect(value, list, "the sources"):
        d = fields(v, "a source", ("id",))
        text = d.get("text")
        out.append(
            SourceDocument(
                *(expect(d.get(k, ""), str, k) for k in ("id", "title", "author", "date", "url")),
                path=expect(d.get("path", ""), str, "path"),
                media_type=expect(d.get("media_type", ""), str, "media_type"),
                sha256=digest(d.get("sha256", "")),
                text=None if text is None else "\n".join(str_list(text)),
            )
        )
    return out


def anchors_list(value: Any) -> list[Anchor]:
    """Anchors as .argmap writes them: {source, selector: [position, quote?], sha256?}."""
    out = []
    for v in expect(value, list, "the anchors"):
        d = fields(v, "an anchor", ("source", "selector"))
        selectors = expect(d["selector"], list, "the selector")
        position = next(
            (
                x
                for x in selectors
                if isinstance(x, dict) and x.get("type") == "TextPositionSelector"
            ),
            None,
        )
        if position is None:
            raise Bad("an anchor without a TextPositionSelector")
        quote = next(
            (x for x in selectors if isinstance(x, dict) and x.get("type") == "TextQuoteSelector"),
            None,
        )
        start = expect(position.get("start"), int, "start")
        end = expect(position.get("end"), int, "end")
        if isinstance(start, bool) or isinstance(end, bool):
            raise Bad("start and end must be whole numbers")
        out.append(
            Anchor(
                expect(d["source"], str, "the anchor's source"),
                start,
                end,
                digest(d.get("sha256", "")),
                None if quote is None else expect(quote.get("exact"), str, "exact"),
                "" if quote is None else expect(quote.get("prefix", ""), str, "prefix"),
                "" if quote is None else expect(quote.get("suffix", ""), str, "suffix"),
            )
        )
    return out


def grading(value: Any) -> dict[str, float]:
    """A map's own grading cells: {"B2": 0.7}."""
    expect(value, dict, "an object of grade -> score")
    for code, score in value.items():
        try:
            check_override(code, score)
        except ModelError as exc:
            raise Bad(exc.reason) from None
    return {k: float(v) for k, v in value.items()}


def answers(value: Any) -> list[QuestionAnswer]:
    """Critical-question answers, as in .argmap: [{id, state?, note?, claim?}]."""
    out = []
    for item in expect(value, list, "a list of answers"):
        d = fields(item, "an answer", ("id",))
        try:
            state = Answer(d.get("state", "open"))
        except ValueError:
            raise Bad(f"answer state {d.get('state')!r} is not open, yes or no") from None
        out.append(
            QuestionAnswer(
                expect(d["id"], str, "a question id"),
                state,
                expect(d.get("note", ""), str, "a note"),
                expect(d.get("claim", ""), str, "a claim id"),
            )
        )
    return out


def groups(value: Any) -> list[Group]:
    out = []
    for v in expect(value, list, "the groups"):
        d = fields(v, "a group", ("id",))
        out.append(
            Group(
                expect(d["id"], str, "a group id"),
                expect(d.get("label", ""), str, "a group label"),
                tuple(str_list(d.get("claims", []))),
                expect(d.get("collapsed", False), bool, "collapsed"),
            )
        )
    return out


def views(value: Any) -> list[dict[str, Any]]:
    """Saved views as the .argmap file holds them (native.view_from_dict builds them), with
    the types of the known fields checked; unknown fields pass, as in .argmap files."""
    number = (int, float)
    out = []
    for v in expect(value, list, "the views"):
        d = fields(v, "a view", ("id",))
        expect(d["id"], str, "a view id")
        expect(d.get("name", ""), str, "a view name")
        for name in ("zoom", "focus", "evaluation", "center"):
            if d.get(name) is not None:
                kind = {"zoom": number, "center": list}.get(name, str)
                expect(d[name], kind, f"a view's {name}")
        if d.get("center") is not None:
            if len(d["center"]) != 2:
                raise Bad("a view's center is not [x, y]")
            for c in d["center"]:
                expect(c, number, "a view's center")
        expect(d.get("depth", 1), int, "a view's depth")
        str_list(d.get("collapsed", []))
        out.append(d)
    return out


JSON_DECODERS: dict[str, Callable[[Any], Any]] = {
    "source": source_ref,
    "comments": comments_list,
    "review": review,
    "anchors": anchors_list,
}


def json_fields(
    data: dict[str, str], lower: dict[str, str], used: set[str], names: Iterable[str]
) -> dict[str, Any]:
    """argmap's JSON attributes (source, comments, review) in a file without argmap's marker:
    taken when they decode, else left to the notes like any other attribute."""
    out: dict[str, Any] = {}
    for name in names:
        if name in lower:
            try:
                out[name] = JSON_DECODERS[name](limits.loads_json_value(data[lower[name]]))
            except (json.JSONDecodeError, Bad):
                continue
            used.add(lower[name])
    return out
