"""Making and checking anchors (passages of a source document that claims are drawn from).

The checks here need nothing but the anchors and, where given, the text they were made on;
re-anchoring on a changed text is argmap/analysis/anchoring.py.

>>> a = make_anchor("doc", "Talks resume in May. Kyiv agrees.", 0, 19)
>>> a.exact, a.suffix
('Talks resume in May', '. Kyiv agrees.')
>>> without_quote(a).exact is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from argmap.model.sourcetext import sha256_text
from argmap.model.types import Anchor

if TYPE_CHECKING:
    from argmap.model.map import ArgumentMap

CONTEXT_CHARS = 32
"""Characters of prefix and suffix kept with a quote: the Hypothesis client keeps 32, enough to
tell apart repeated phrases ("the Kremlin said") without storing much of the source."""


def make_anchor(source: str, text: str, start: int, end: int, *, quote: bool = True) -> Anchor:
    """An anchor on text[start:end] of a normalised text, with its quote unless `quote` is off."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"passage [{start}, {end}) is not inside a text of {len(text)} characters")
    exact = text[start:end]
    anchor = Anchor(source, start, end, sha256_text(exact))
    return with_quote(anchor, text) if quote else anchor


def with_quote(anchor: Anchor, text: str) -> Anchor:
    """The anchor with exact, prefix and suffix taken from `text` at its positions."""
    s, e = anchor.start, anchor.end
    return replace(
        anchor,
        exact=text[s:e],
        prefix=text[max(0, s - CONTEXT_CHARS) : s],
        suffix=text[e : e + CONTEXT_CHARS],
        sha256=sha256_text(text[s:e]),
    )


def without_quote(anchor: Anchor) -> Anchor:
    """The anchor keeping positions and digest only (the text's words left out)."""
    return replace(anchor, exact=None, prefix="", suffix="")


def anchor_problem(anchors: Iterable[Anchor]) -> tuple[int, str] | None:
    """The first problem of one item's anchors as (index, reason), or None.

    An anchor must cover at least one character; its quote, when kept, must have the length of
    its positions and the digest it claims; two anchors of one item must not overlap in one
    source (one passage anchored twice is a mistake, and coverage would count it twice).
    """
    seen: dict[str, list[tuple[int, int, int]]] = {}
    for i, a in enumerate(anchors):
        if a.start < 0 or a.end <= a.start:
            return i, f"empty anchor [{a.start}, {a.end})"
        if a.exact is not None:
            if len(a.exact) != a.end - a.start:
                return i, (f"quote of {len(a.exact)} characters for positions [{a.start}, {a.end})")
            if a.sha256 and sha256_text(a.exact) != a.sha256:
                return i, "wrong digest: sha256 is not the digest of the quoted text"
        for j, s, e in seen.get(a.source, ()):
            if a.start < e and s < a.end:
                return i, f"overlaps anchor {j + 1} ([{s}, {e}) in source {a.source!r})"
        seen.setdefault(a.source, []).append((i, a.start, a.end))
    return None


def text_problem(anchor: Anchor, text: str) -> str | None:
    """Why an anchor cannot have been made on `text` (the version its source's digest names),
    or None: beyond the end, or the passage there has another digest."""
    if anchor.end > len(text):
        return f"anchor [{anchor.start}, {anchor.end}) is beyond the end of the text ({len(text)})"
    if anchor.sha256 and sha256_text(text[anchor.start : anchor.end]) != anchor.sha256:
        return f"wrong digest: the text at [{anchor.start}, {anchor.end}) is not the anchored one"
    return None


def map_anchor_problem(m: ArgumentMap) -> tuple[str, str] | None:
    """The first anchor of a map that names no source of the map, or does not fit the text its
    source stores (source digest, positions, passage digest): (where, reason), or None."""
    from argmap.model.sourcetext import normalise, sha256_text

    texts: dict[str, str | None] = {}
    for s in m.info.sources:
        if s.id in texts:
            return f"source {s.id}", f"duplicate source id {s.id!r}"
        if s.text is not None:
            if normalise(s.text) != s.text:
                return f"source {s.id}", "source text is not normalised"
            if s.sha256 and sha256_text(s.text) != s.sha256:
                return f"source {s.id}", "wrong digest: sha256 is not the digest of the text"
        texts[s.id] = s.text
    for item in [*m.claims.values(), *m.relations.values()]:
        for i, a in enumerate(item.anchors):
            where = f"{item.id} anchor {i + 1}"
            if a.source not in texts:
                return where, f"source {a.source!r} is not a source document of this map"
            text = texts[a.source]
            reason = None if text is None else text_problem(a, text)
            if reason is not None:
                return where, reason
    return None


__all__ = [
    "map_anchor_problem",
    "CONTEXT_CHARS",
    "anchor_problem",
    "make_anchor",
    "text_problem",
    "with_quote",
    "without_quote",
]
