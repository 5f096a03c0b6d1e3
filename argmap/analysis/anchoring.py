"""Re-anchoring: finding each anchored passage again in a changed version of its source.

An anchor (model/types.py `Anchor`) stores positions in the normalised text it was made on,
a SHA-256 of the passage and, optionally, the passage itself with some context. When the
source's text changes, every anchor is looked for in this order, as the Hypothesis client
does with the same W3C selectors:

1. **exact**: the passage is still at its positions (same quote, or same digest).
2. **moved**: the exact passage is found elsewhere: by its quote (several occurrences are told
   apart by the prefix/suffix context, then by closeness to where the neighbouring anchors went)
   or, for an anchor without quote, by its digest.
3. **fuzzy**: the quote, reworded, is found approximately near where it should be (then in the
   whole text), scored with rapidfuzz's `partial_ratio_alignment` in [0, 1]; the ends are then
   refined on the quote's first and last words and snapped to word boundaries.
4. **lost**: nothing scores at least `FUZZY_THRESHOLD`. A lost anchor keeps its old positions
   and is never moved: a wrong passage is worse than a reported loss.

Why rapidfuzz and not diff-match-patch (both measured, benchmarks/bench_anchors.py and the
README): diff-match-patch's Bitap match handles patterns of at most 32 characters in its Python
port and took 1.8 ms to place a 32-character head in a 4 KB window; rapidfuzz scores a whole
150-character quote against the same window in 0.03 ms and against 1 MB in 28 ms (C++).

>>> from argmap.model.anchors import make_anchor
>>> old = "Talks resume in May. Kyiv agrees to a truce."
>>> a = make_anchor("doc", old, 21, 44)
>>> reanchor(a, "Talks resume in May. Kyiv agrees to a truce.").status.value
'exact'
>>> r = reanchor(a, "New first line.\\nTalks resume in May. Kyiv agrees to a truce.")
>>> r.status.value, r.start
('moved', 37)
>>> r = reanchor(a, "Talks resume in May. Kyiv agrees to a brief truce.")
>>> r.status.value, r.score >= FUZZY_THRESHOLD, r.end - r.start
('fuzzy', True, 29)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from argmap.model.anchors import with_quote, without_quote
from argmap.model.map import ArgumentMap
from argmap.model.sourcetext import sha256_text
from argmap.model.types import Anchor

if TYPE_CHECKING:
    from argmap.model.edits import Edit

FUZZY_THRESHOLD = 0.75
"""Least similarity (rapidfuzz's normalised Indel similarity of the quote and the found passage)
at which a reworded passage counts as found. Measured on the seed article: a sentence with a
few words changed scores 0.80-0.95; the best window in an unrelated paragraph 0.45-0.65."""


_NEAR = 20_000  # characters either side of the expected place searched first


class Status(StrEnum):
    EXACT = "exact"
    MOVED = "moved"
    FUZZY = "fuzzy"
    LOST = "lost"


@dataclass(frozen=True)
class Placement:
    """Where an anchor is in the new text: status, positions and (fuzzy) score."""

    status: Status
    start: int
    end: int
    score: float = 1.0

    @property
    def found(self) -> bool:
        return self.status is not Status.LOST


@dataclass(frozen=True)
class AnchorReport:
    """One anchor of one item, with where it is now and the anchor to store after `--fix`."""

    item: str
    index: int
    anchor: Anchor
    placement: Placement
    fixed: Anchor  # the anchor on the new text (the old one when lost)

    def to_json(self) -> dict[str, object]:
        p = self.placement
        return {
            "item": self.item,
            "source": self.anchor.source,
            "status": p.status.value,
            "start": p.start,
            "end": p.end,
            "score": round(p.score, 4),
        }


def reanchor(
    anchor: Anchor, text: str, *, hint: int | None = None, old_text: str | None = None
) -> Placement:
    """Find one anchor in `text` (see the module's docstring for the order of the steps).

    `hint` is where the passage is expected (from neighbouring anchors); `old_text` is the text
    the anchor was made on, when the map stored it, which gives back a quote the anchor left out.
    """
    if anchor.exact is None and old_text is not None and _fits(anchor, old_text):
        anchor = with_quote(anchor, old_text)
    if _fits(anchor, text):
        return Placement(Status.EXACT, anchor.start, anchor.end)
    expected = anchor.start if hint is None else hint
    if anchor.exact is not None:
        found = _find_quote(anchor, text, expected)
        if found is not None:
            return Placement(Status.MOVED, found, found + anchor.length)
        return _find_fuzzy(anchor, text, expected)
    found = _find_digest(anchor, text, expected)
    if found is not None:
        return Placement(Status.MOVED, found, found + anchor.length)
    return Placement(Status.LOST, anchor.start, anchor.end, 0.0)


def _fits(anchor: Anchor, text: str) -> bool:
    """Whether the anchored passage is at the anchor's positions in `text`."""
    if anchor.end > len(text):
        return False
    passage = text[anchor.start : anchor.end]
    if anchor.exact is not None:
        return passage == anchor.exact
    return bool(anchor.sha256) and sha256_text(passage) == anchor.sha256


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> int:
    """How many characters of the stored prefix and suffix agree with the text around a match."""
    score = 0
    before = text[max(0, start - len(anchor.prefix)) : start]
    for a, b in zip(reversed(anchor.prefix), reversed(before), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(anchor.suffix, text[end : end + len(anchor.suffix)], strict=False):
        if a != b:
            break
        score += 1
    return score


def _find_quote(anchor: Anchor, text: str, expected: int) -> int | None:
    """The start of the exact quote in `text`, or None. One occurrence is taken as it is;
    among several, the one whose context agrees best, then the nearest to `expected`. Several
    occurrences none of whose context agrees are left to the fuzzy step, which weighs context."""
    exact = anchor.exact or ""
    # Near where it should be first: one occurrence there whose context agrees is the passage
    # (a search of the whole of a 1 MB text for each of 1,000 anchors cost half a second).
    lo = max(0, expected - _NEAR)
    near = text.find(exact, lo, expected + _NEAR + len(exact))
    if near != -1 and text.find(exact, near + 1, expected + _NEAR + len(exact)) == -1:
        if not (anchor.prefix or anchor.suffix) or _context_score(
            anchor, text, near, near + len(exact)
        ):
            return near
    hits = []
    at = text.find(exact)
    while at != -1:
        hits.append(at)
        at = text.find(exact, at + 1)
    if not hits:
        return None
    if len(hits) == 1:
        return hits[0]
    scored = [
        (_context_score(anchor, text, h, h + len(exact)), -abs(h - expected), h) for h in hits
    ]
    best = max(scored)
    if best[0] == 0 and (anchor.prefix or anchor.suffix):
        return None
    return best[2]


def _word_starts(text: str) -> Iterable[int]:
    yield 0
    for i in range(1, len(text)):
        if text[i - 1] in " \n":
            yield i


def _find_digest(anchor: Anchor, text: str, expected: int) -> int | None:
    """The start of a same-length passage with the anchor's digest (anchors without quote),
    nearest to `expected`; only word starts are tried in texts over 50,000 characters."""
    if not anchor.sha256:
        return None
    n = anchor.length
    starts = _word_starts(text) if len(text) > 50_000 else range(len(text) - n + 1)
    hits = [
        i for i in starts if i + n <= len(text) and sha256_text(text[i : i + n]) == anchor.sha256
    ]
    if not hits:
        return None
    return min(hits, key=lambda h: abs(h - expected))


def _find_fuzzy(anchor: Anchor, text: str, expected: int) -> Placement:
    """The best approximate match of the quote: first in a window around `expected`, then in
    the whole text; ends refined and snapped to words. LOST below FUZZY_THRESHOLD."""
    from rapidfuzz import fuzz

    exact = anchor.exact or ""
    cutoff = FUZZY_THRESHOLD * 100
    span = max(2000, 4 * len(exact))
    lo = max(0, expected - span)
    regions = [(lo, text[lo : expected + span + len(exact)])]
    if lo > 0 or expected + span + len(exact) < len(text):
        regions.append((0, text))
    for offset, region in regions:
        found = fuzz.partial_ratio_alignment(exact, region, score_cutoff=cutoff)
        if found is None or found.score < cutoff:
            continue
        start, end = offset + found.dest_start, offset + found.dest_end
        start, end = _refine(exact, text, start, end)
        score = fuzz.ratio(exact, text[start:end]) / 100
        if score < FUZZY_THRESHOLD:
            score = found.score / 100
            start, end = offset + found.dest_start, offset + found.dest_end
        start, end = _snap(text, start, end)
        return Placement(Status.FUZZY, start, end, score)
    return Placement(Status.LOST, anchor.start, anchor.end, 0.0)


def _refine(exact: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Fit a fuzzy match's ends to the passage: rapidfuzz returns a window of the quote's
    length, while the reworded passage may be longer or shorter or start a little earlier.
    The quote's blocks of 4+ equal characters (difflib, longest blocks first) in a region half
    a quote wider on each side give the first and last matched characters; quote characters
    before the first block (a reworded first word) widen the start by as many."""
    import difflib

    slack = max(8, len(exact) // 2)
    lo = max(0, start - slack)
    region = text[lo : end + slack]
    blocks = [
        b
        for b in difflib.SequenceMatcher(None, exact, region, autojunk=False).get_matching_blocks()
        if b.size >= 4
    ]
    if not blocks:
        return start, end
    first, last = blocks[0], blocks[-1]
    new_start = lo + max(0, first.b - first.a)
    new_end = lo + min(len(region), last.b + last.size + (len(exact) - last.a - last.size))
    return (new_start, new_end) if new_start < new_end else (start, end)


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a passage to whole words, without crossing a paragraph break."""
    while start > 0 and text[start - 1] not in " \n" and not text[start].isspace():
        start -= 1
    while end < len(text) and text[end] not in " \n" and not text[end - 1].isspace():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _moved_anchor(anchor: Anchor, text: str, p: Placement) -> Anchor:
    """The anchor placed at `p` in `text`, keeping the quote only if the old one kept it."""
    moved = with_quote(replace(anchor, start=p.start, end=p.end), text)
    return moved if anchor.exact is not None else without_quote(moved)


def reanchor_map(
    m: ArgumentMap,
    texts: Mapping[str, str],
    old_texts: Mapping[str, str] | None = None,
) -> list[AnchorReport]:
    """Every anchor of the map's claims and relations into a source of `texts`, placed in it.

    Anchors are placed source by source in the order of their old positions: first every
    exact and moved one, then the fuzzy ones with the position the nearest placed neighbour
    before them suggests (so a reworded passage is looked for where it should be).
    """
    old_texts = old_texts or {}
    items = [*m.claims.values(), *m.relations.values()]
    todo = [
        (item.id, i, a) for item in items for i, a in enumerate(item.anchors) if a.source in texts
    ]
    todo.sort(key=lambda t: (t[2].source, t[2].start, t[0], t[1]))
    placed: dict[tuple[str, int], Placement] = {}
    quoted: dict[tuple[str, int], Anchor] = {}
    for item_id, i, a in todo:
        old = old_texts.get(a.source)
        if a.exact is None and old is not None and _fits(a, old):
            a = with_quote(a, old)
        quoted[(item_id, i)] = a
        text = texts[a.source]
        if _fits(a, text):
            placed[(item_id, i)] = Placement(Status.EXACT, a.start, a.end)
    # In order of old position: each anchor not at its place is looked for where the nearest
    # placed anchor before it suggests (its old start shifted as that one's was).
    shift: dict[str, int] = {}
    for item_id, i, _ in todo:
        key = (item_id, i)
        a = quoted[key]
        p = placed.get(key)
        if p is None:
            p = reanchor(a, texts[a.source], hint=a.start + shift.get(a.source, 0))
            placed[key] = p
        if p.found:
            shift[a.source] = p.start - a.start
    reports = []
    for item_id, i, original in todo:
        p = placed[(item_id, i)]
        a = quoted[(item_id, i)]
        text = texts[a.source]
        if p.status is Status.LOST:
            fixed = original
        else:
            fixed = _moved_anchor(a, text, p)
            if original.exact is None:
                fixed = without_quote(fixed)
        reports.append(AnchorReport(item_id, i, original, p, fixed))
    reports.sort(key=lambda r: (r.item, r.index))
    return reports


def fix_edits(
    m: ArgumentMap,
    reports: Iterable[AnchorReport],
    new_versions: Mapping[str, tuple[str, str]],
    *,
    drop_lost: bool = False,
) -> list[Edit]:
    """The edits that store a re-anchoring: every found anchor moved to its new place, lost ones
    removed when `drop_lost` (else kept as they were), and each source in `new_versions`
    ({id: (normalised text, sha256)}) updated to that version (its text too when the map
    stores it). The command line's `--fix` and the app's Re-anchor apply them as one step.
    """
    from argmap.model.edits import UpdateClaim, UpdateRelation, UpdateSource
    from argmap.model.types import with_changes

    by_item: dict[str, list[AnchorReport]] = {}
    for r in reports:
        by_item.setdefault(r.item, []).append(r)
    edits: list[Edit] = []
    for item_id, rs in sorted(by_item.items()):
        item = m.claims.get(item_id) or m.relations[item_id]
        fixed = {r.index: r.fixed for r in rs if r.placement.found}
        lost = {r.index for r in rs if not r.placement.found} if drop_lost else set()
        anchors = tuple(fixed.get(i, a) for i, a in enumerate(item.anchors) if i not in lost)
        if anchors != item.anchors:
            new = with_changes(item, anchors=anchors)
            edits.append(UpdateClaim(new) if item_id in m.claims else UpdateRelation(new))
    for source in m.info.sources:
        version = new_versions.get(source.id)
        if version is not None and version[1] != source.sha256:
            text = version[0] if source.text is not None else None
            edits.append(UpdateSource(with_changes(source, sha256=version[1], text=text)))
    return edits


def counts(reports: Iterable[AnchorReport]) -> dict[str, int]:
    """How many anchors have each status (every status listed, zeros included)."""
    out = {s.value: 0 for s in Status}
    for r in reports:
        out[r.placement.status.value] += 1
    return out


# -- coverage ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphCoverage:
    number: int  # 1-based
    start: int
    end: int
    covered: int  # characters covered by at least one anchor

    @property
    def share(self) -> float:
        return self.covered / (self.end - self.start) if self.end > self.start else 0.0


def coverage(text: str, spans: Iterable[tuple[int, int]]) -> list[ParagraphCoverage]:
    """Per paragraph of a normalised text, how many of its characters some span covers."""
    from argmap.model.sourcetext import paragraph_spans

    merged: list[list[int]] = []
    for s, e in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = [s for s, _ in merged]
    out = []
    for n, (ps, pe) in enumerate(paragraph_spans(text), start=1):
        covered = 0
        k = max(0, bisect.bisect_right(starts, ps) - 1)
        while k < len(merged) and merged[k][0] < pe:
            s, e = merged[k]
            covered += max(0, min(e, pe) - max(s, ps))
            k += 1
        out.append(ParagraphCoverage(n, ps, pe, covered))
    return out


__all__ = [
    "FUZZY_THRESHOLD",
    "AnchorReport",
    "ParagraphCoverage",
    "Placement",
    "Status",
    "counts",
    "coverage",
    "fix_edits",
    "reanchor",
    "reanchor_map",
]
