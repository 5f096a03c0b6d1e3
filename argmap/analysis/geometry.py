"""Card geometry without Qt: an estimate of a card's size from its text, and rectangle tests.

The canvas measures cards with its real font metrics and passes those sizes to the layout; the
command line, imports and tests have no fonts, so they use this estimate. It follows the card
design: a fixed width, a header and padding, and one text line per ~32 characters, wrapped at
word boundaries the way Qt wraps a card's text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from argmap.model.types import Claim

CARD_WIDTH = 240.0
CARD_BASE_HEIGHT = 56.0  # header (kind, holder) and padding
LINE_HEIGHT = 18.0
CHARS_PER_LINE = 32

Size = tuple[float, float]
Point = tuple[float, float]


@functools.lru_cache(maxsize=1 << 16)  # the opening view and the canvas ask per claim
def wrapped_line_count(text: str, width: int = CHARS_PER_LINE) -> int:
    """Lines the text takes when wrapped at word boundaries to `width` characters (at least 1).

    Explicit line breaks start a new line; a word longer than a line is broken, as Qt does
    with `WrapAtWordBoundaryOrAnywhere`. Greedy, like Qt's own wrapping, and without
    `textwrap` because the layout calls this for thousands of claims.
    """
    lines = 0
    for paragraph in text.split("\n"):
        used = 0  # characters on the current line; 0 means the line is still empty
        para_lines = 1
        for word in paragraph.split():
            n = len(word)
            if used and used + 1 + n <= width:
                used += 1 + n
                continue
            if used:  # the word does not fit: it starts a new line
                para_lines += 1
            # A word longer than a line fills whole lines and leaves the rest on the last one.
            extra, rest = divmod(n, width)
            if rest == 0 and extra:
                extra, rest = extra - 1, width
            para_lines += extra
            used = rest
        lines += para_lines
    return max(1, lines)


def wrap_lines(text: str, width: int = CHARS_PER_LINE) -> list[str]:
    """The card's text wrapped greedily at word boundaries, as the canvas wraps it.

    The lines themselves (GraphML's yEd labels need them); `wrapped_line_count` counts the
    same lines without building them.

    >>> wrap_lines("Troops freed by the Kursk withdrawal now hold the line at Pokrovsk")
    ['Troops freed by the Kursk', 'withdrawal now hold the line at', 'Pokrovsk']
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            while len(word) > width:  # a word longer than a line is broken, as Qt does
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:width])
                word = word[width:]
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines or [""]


def estimated_card_size(claim: Claim) -> Size:
    """(width, height) of the claim's card, estimated from its text: 240 × (56 + 18 × lines).

    >>> estimated_card_size(Claim("a", "Troops were freed"))
    (240.0, 74.0)
    """
    return (CARD_WIDTH, CARD_BASE_HEIGHT + LINE_HEIGHT * wrapped_line_count(claim.text))


def rects_overlap(a: Point, sa: Size, b: Point, sb: Size) -> bool:
    """Whether two centred rectangles share interior area (touching edges do not count)."""
    return (
        abs(a[0] - b[0]) * 2 < sa[0] + sb[0] - 1e-9 and abs(a[1] - b[1]) * 2 < sa[1] + sb[1] - 1e-9
    )


def overlaps(positions: Mapping[str, Point], sizes: Mapping[str, Size]) -> list[tuple[str, str]]:
    """Pairs of ids whose cards (centred at `positions`, of `sizes`) overlap, each pair sorted.

    A sweep over the cards sorted by left edge compares a card only with those that start
    before it ends, so a laid-out map of 5,000 cards is checked in milliseconds, not the
    12 million pair tests of the naive loop.
    """
    boxes = []
    for cid, (x, y) in positions.items():
        w, h = sizes[cid]
        boxes.append((x - w / 2, x + w / 2, y - h / 2, y + h / 2, cid))
    boxes.sort(key=lambda b: (b[0], b[4]))
    found: list[tuple[str, str]] = []
    for i, (left, right, top, bottom, cid) in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            left2, right2, top2, bottom2, cid2 = boxes[j]
            if left2 >= right - 1e-9:
                break
            if top2 < bottom - 1e-9 and top < bottom2 - 1e-9 and right2 > left + 1e-9:
                found.append((cid, cid2) if cid < cid2 else (cid2, cid))
    return sorted(found)



def free_spot(
    want: Point,
    size: Size,
    obstacles: Iterable[tuple[float, float, float, float]],
    gap: float = 24.0,
    step: float = 40.0,
    rings: int = 40,
) -> Point:
    """The centre nearest `want` where a card of `size` overlaps none of `obstacles`
    (`(left, top, width, height)` rectangles: cards, group titles), keeping `gap` clear.

    Candidates lie on square rings of `step` around `want`, nearest first (ties: below,
    then right, the way a map grows). New cards land in free space instead of on top of others.

    >>> free_spot((0, 0), (100, 40), [(-60, -30, 120, 60)])
    (0.0, 80.0)
    >>> free_spot((0, 0), (100, 40), [])
    (0.0, 0.0)
    """
    w, h = size
    x0, y0 = want
    reach = (rings + 1) * step + max(w, h) + gap
    near = [
        (left - gap, top - gap, left + width + gap, top + height + gap)
        for left, top, width, height in obstacles
        if left - reach < x0 < left + width + reach and top - reach < y0 < top + height + reach
    ]

    def free(x: float, y: float) -> bool:
        left, top, right, bottom = x - w / 2, y - h / 2, x + w / 2, y + h / 2
        return all(
            right <= ol or left >= orr or bottom <= ot or top >= ob for ol, ot, orr, ob in near
        )

    for ring in range(rings + 1):
        spots = [
            (dx * step, dy * step)
            for dx in range(-ring, ring + 1)
            for dy in range(-ring, ring + 1)
            if max(abs(dx), abs(dy)) == ring
        ]
        spots.sort(key=lambda d: (d[0] ** 2 + d[1] ** 2, -d[1], -d[0]))
        for dx, dy in spots:
            if free(x0 + dx, y0 + dy):
                return (float(x0 + dx), float(y0 + dy))
    return (float(x0), float(y0))  # nowhere free nearby: where it was asked for

def bounding_box(rects: Iterable[tuple[Point, Size]]) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) around centred rectangles, or None when there are none."""
    left = top = float("inf")
    right = bottom = float("-inf")
    for (x, y), (w, h) in rects:
        left = min(left, x - w / 2)
        top = min(top, y - h / 2)
        right = max(right, x + w / 2)
        bottom = max(bottom, y + h / 2)
    if left == float("inf"):
        return None
    return (left, top, right, bottom)


def clip_segment(
    a: Point, b: Point, rect: tuple[float, float, float, float], shrink: float = 0.0
) -> tuple[float, float] | None:
    """Liang–Barsky: the parameters (t0, t1) along a–b of the part inside `rect` (left, top,
    right, bottom) shrunk by `shrink` on every side (grown when negative), or None when the
    segment misses it. The project's one clipping routine: card tests, the router and the
    canvas (which cuts long arrows to the visible part) all use it."""
    left, top = rect[0] + shrink, rect[1] + shrink
    right, bottom = rect[2] - shrink, rect[3] - shrink
    x1, y1 = a
    dx, dy = b[0] - x1, b[1] - y1
    u0, u1 = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return None
            continue
        u = q / p
        if p < 0:
            if u > u1:
                return None
            u0 = max(u0, u)
        else:
            if u < u0:
                return None
            u1 = min(u1, u)
    return (u0, u1)


def segment_hits_rect(
    a: Point, b: Point, centre: Point, size: Size, margin: float = 0.0
) -> bool:
    """Whether the segment a–b passes through the inside of a centred rectangle grown by
    `margin` on every side (touching the border does not count)."""
    hw, hh = size[0] / 2 + margin - 1e-6, size[1] / 2 + margin - 1e-6
    rect = (centre[0] - hw, centre[1] - hh, centre[0] + hw, centre[1] + hh)
    clipped = clip_segment(a, b, rect)
    return clipped is not None and clipped[0] < clipped[1]
