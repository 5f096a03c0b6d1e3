"""Short labels for cards too small to read, which of them matter most, and where they fit.

When the canvas is zoomed out below the level where a card's text can be read, each card may
show a short label drawn at a fixed screen size instead. Labels of neighbouring cards would
pile up, so `place_labels` keeps a label only where it overlaps no label placed before it
(centred on its card, else just above or below it), trying the most important claims first
(`label_order`): the theses, then the claims closest to a thesis and with the most reasons
behind them, then the rest. Everything here is pure and in plain numbers, so the canvas only
measures text and draws what this module chose.

>>> from argmap.model import ArgumentMap, Claim, ClaimKind, Relation
>>> m = ArgumentMap()
>>> m.add_claim(Claim("t", "Talks will fail this year", ClaimKind.THESIS))
>>> m.add_claim(Claim("a", "Moscow wants all four regions first", x=10))
>>> m.add_relation(Relation("r", "a", "t"))
>>> label_order(m)
['t', 'a']
>>> place_labels([("t", 0, 0, 100, 20), ("a", 10, 5, 100, 20), ("b", 300, 0, 100, 20)])
[('t', 0, 0), ('b', 300, 0)]
>>> place_labels([("t", 0, 0, 100, 20), ("a", 10, 5, 100, 20)], shifts=(0, -1, 1))
[('t', 0, 0), ('a', 10, 25.0)]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

from argmap.model.map import ArgumentMap
from argmap.model.types import Claim, ClaimKind

# A label is at most this many characters: about three or four words at a readable size.
LABEL_CHARS = 28


def short_label(claim: Claim, max_chars: int = LABEL_CHARS) -> str:
    """The claim's title if it has one, else its first words, cut at a word and marked "…".

    >>> short_label(Claim("c", "Russia will not accept any deal that leaves Kyiv an army"))
    'Russia will not accept any…'
    """
    title = " ".join(claim.title.split())
    if title:
        return title if len(title) <= max_chars else _cut(title, max_chars)
    return _cut(" ".join(claim.text.split()), max_chars)


def _cut(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    words = text[:max_chars].rsplit(" ", 1)
    head = words[0] if len(words) > 1 and words[0] else text[: max_chars - 1]
    return head.rstrip(",;:.—-– ") + "…"


def thesis_distances(m: ArgumentMap) -> dict[str, int]:
    """Relations from each claim to the nearest thesis along premise → conclusion (breadth
    first from the theses, iterative: maps are arbitrarily deep). Claims that reach no thesis
    are left out."""
    dist: dict[str, int] = {}
    queue: deque[str] = deque()
    for c in m.claims.values():
        if c.kind is ClaimKind.THESIS:
            dist[c.id] = 0
            queue.append(c.id)
    while queue:
        cid = queue.popleft()
        for premise in m.premises(cid):
            if premise not in dist:
                dist[premise] = dist[cid] + 1
                queue.append(premise)
    return dist


def label_order(m: ArgumentMap) -> list[str]:
    """Claim ids, most important first: theses, then claims by how near they are to a thesis
    (fewest relations away), then by how many reasons argue about them (supports and attacks
    into them: a claim much argued over is a crux of the debate), then claims that reach no
    thesis, by the same count; ties by id, so the order is stable."""
    dist = thesis_distances(m)
    far = len(m.claims) + 1
    def key(cid: str) -> tuple[int, int, str]:
        return (dist.get(cid, far), -m.in_degree(cid), cid)

    return sorted(m.claims, key=key)


def place_labels(
    candidates: Iterable[tuple[str, float, float, float, float]],
    gap: float = 0.0,
    shifts: Sequence[float] = (0.0,),
) -> list[tuple[str, float, float]]:
    """Greedy decluttering: for each candidate, in the order given (most important first),
    the first place where its label box overlaps no label accepted before it, or none.

    Each candidate is `(id, centre x, centre y, width, height)` in one unit (screen pixels or
    scene units at one zoom); `gap` is kept free around every box. `shifts` are the places
    tried, as vertical offsets in label heights plus the gap (0: centred on the card, -1 just
    above, 1 just below). Returns `(id, x, y)`: the centres of the labels placed. A grid of
    cells the size of the largest box makes each test look at a few neighbours only, so
    placing n labels costs about n steps, not n².
    """
    items = list(candidates)
    if not items:
        return []
    cell = max(max(w, h) for _, _, _, w, h in items) + 2 * gap
    cell = cell if cell > 0 else 1.0
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    placed: list[tuple[str, float, float]] = []

    def free(left: float, top: float, right: float, bottom: float) -> bool:
        for gx in range(int(left // cell), int(right // cell) + 1):
            for gy in range(int(top // cell), int(bottom // cell) + 1):
                for ol, ot, orr, ob in grid.get((gx, gy), ()):
                    if left < orr and ol < right and top < ob and ot < bottom:
                        return False
        return True

    for cid, x, cy, w, h in items:
        for shift in shifts:
            y = cy + shift * (h + gap) if shift else cy
            left, top = x - w / 2 - gap, y - h / 2 - gap
            right, bottom = x + w / 2 + gap, y + h / 2 + gap
            if not free(left, top, right, bottom):
                continue
            box = (left + gap, top + gap, right - gap, bottom - gap)
            for gx in range(int(left // cell), int(right // cell) + 1):
                for gy in range(int(top // cell), int(bottom // cell) + 1):
                    grid.setdefault((gx, gy), []).append(box)
            placed.append((cid, x, y))
            break
    return placed


def overlapping_pairs(boxes: Sequence[tuple[float, float, float, float]]) -> int:
    """How many pairs of (centre x, centre y, width, height) boxes overlap (for tests and
    benchmarks: n² time, use on small sets)."""
    count = 0
    for i, (x1, y1, w1, h1) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            if abs(x1 - x2) * 2 < w1 + w2 and abs(y1 - y2) * 2 < h1 + h2:
                count += 1
    return count


__all__ = [
    "LABEL_CHARS",
    "label_order",
    "overlapping_pairs",
    "place_labels",
    "short_label",
    "thesis_distances",
]
