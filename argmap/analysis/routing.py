"""Edge routing without Qt: arrows drawn around the cards they do not belong to.

An arrow leaves its source card through a *port* on the side facing its target and enters the
target through a port on the side facing the source. Several arrows on one side of a card are
fanned out along it (ordered by where their other ends lie, so fanned arrows do not cross each
other near the card). Between the ports the arrow goes straight when nothing is in the way;
otherwise it is searched on the sparse grid of the cards' edge lines (A* with a cost per bend,
the "orthogonal visibility graph" of connector routers such as libavoid) and drawn

- ``orthogonal``: horizontal and vertical segments with rounded corners, or
- ``curved``: the grid path pulled tight (corners dropped while the shortcut stays clear of
  every card) and drawn as a Catmull-Rom spline through what is left.

Every result is checked against the cards it may not cross; a spline that cuts a card falls
back to the rounded polyline, and that to the plain polyline, which clears every card by
construction. ``straight`` is the old drawing (centre to centre, clipped at the borders).

The canvas (`argmap/ui/items/relation_item.py`) calls `route` for one arrow with its own
obstacle query (the scene's item index), so dragging re-routes only the arrows it touches;
`route_map` routes a whole map for the command line, benchmarks and tests, and
`flatten` gives the polyline `layout.arrows_through_cards` measures.
"""

from __future__ import annotations

import functools
import heapq
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol, TypeVar

from argmap.analysis.geometry import clip_segment, estimated_card_size
from argmap.model.map import ArgumentMap

V = TypeVar("V")

STYLES = ("straight", "curved", "orthogonal")
DEFAULT_STYLE = "curved"

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, top, right, bottom
# A drawing command: ("M", p) move, ("L", p) line, ("Q", c, p) quadratic, ("C", c1, c2, p) cubic.
Command = tuple

MARGIN = 12.0  # how far a detour keeps from a card
STUB = MARGIN + 6.0  # how far an arrow runs straight out of (into) a card side
PORT_SPACING = 22.0  # between fanned arrows on one side
CORNER = 10.0  # radius of an orthogonal route's rounded corners
JUNCTION_GAP = 34.0  # linked premises meet this far from their conclusion's card
# Grid nodes one search may take off its queue: a count, not seconds, so the same map always
# gives the same picture.
SEARCH_BUDGET = 20_000
DETOUR_PIECE = 256.0  # a detour looks for the first card in the way this far at a time
DETOUR_DEPTH = 14  # detours one inside another at most (and cards crossed, to try one)


class Obstacles(Protocol):
    """Where the cards are: every (id, rect) whose rect meets the query rect."""

    def query(self, rect: Rect) -> Iterable[tuple[str, Rect]]: ...


class RectIndex:
    """Card rects in a uniform grid, for the command line and tests (the canvas asks its
    scene's own index instead)."""

    def __init__(self, rects: Mapping[str, Rect], cell: float = 256.0) -> None:
        self.rects = dict(rects)
        self.cell = cell
        self.grid: dict[tuple[int, int], list[str]] = {}
        for cid, r in self.rects.items():
            for key in self._cells(r):
                self.grid.setdefault(key, []).append(cid)

    def _cells(self, r: Rect) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(r[0] / c), math.floor(r[2] / c) + 1):
            for j in range(math.floor(r[1] / c), math.floor(r[3] / c) + 1):
                yield (i, j)

    def move(self, cid: str, rect: Rect) -> None:
        """A card moved (or was added): file it under the cells it now covers."""
        old = self.rects.get(cid)
        if old is not None:
            for key in self._cells(old):
                cell = self.grid.get(key)
                if cell is not None and cid in cell:
                    cell.remove(cid)
        self.rects[cid] = rect
        for key in self._cells(rect):
            self.grid.setdefault(key, []).append(cid)

    def near_segment(self, a: Point, b: Point, width: float) -> list[tuple[str, Rect]]:
        """The cards in the cells within `width` of the segment a–b (a superset of the cards
        that near it), without visiting the cells of its whole bounding box: the cells are
        walked along the segment (Amanatides & Woo), and for a thin band along its two edges
        as well, lengthened by `width` at both ends."""
        return self._gather(self._cells_near(a, b, width))

    def near_polyline(self, points: Sequence[Point], width: float) -> list[tuple[str, Rect]]:
        """`near_segment` for every piece of a polyline, the cards gathered once (a finely
        sampled curve has hundreds of short pieces in the same few cells)."""
        c = self.cell
        cells: set[tuple[int, int]] = set()
        i, n = 0, len(points)
        if n == 2:  # one short piece (most asks: a detour's pieces): its box of cells
            (ax, ay), (bx, by) = points
            lo_x, hi_x = (ax, bx) if ax < bx else (bx, ax)
            lo_y, hi_y = (ay, by) if ay < by else (by, ay)
            if hi_x - lo_x <= c and hi_y - lo_y <= c:
                floor = math.floor
                rows = range(floor((lo_y - width) / c), floor((hi_y + width) / c) + 1)
                for ci in range(floor((lo_x - width) / c), floor((hi_x + width) / c) + 1):
                    for cj in rows:
                        cells.add((ci, cj))
                return self._gather(cells)
        while i < n - 1:
            a, b = points[i], points[i + 1]
            if abs(b[0] - a[0]) > c or abs(b[1] - a[1]) > c:
                cells |= self._cells_near(a, b, width)
                i += 1
                continue
            # A run of short pieces: the cells of their bounding box, while it stays within a
            # cell's size (one walk per piece cost more than the rest of the test).
            # (Comparisons, not min() and max(): this loop runs over every sampled point of
            # every curve the router checks.)
            lo_x, hi_x = (a[0], b[0]) if a[0] < b[0] else (b[0], a[0])
            lo_y, hi_y = (a[1], b[1]) if a[1] < b[1] else (b[1], a[1])
            j = i + 1
            while j + 1 < n:
                qx, qy = points[j + 1]
                nlo_x = qx if qx < lo_x else lo_x
                nhi_x = qx if qx > hi_x else hi_x
                nlo_y = qy if qy < lo_y else lo_y
                nhi_y = qy if qy > hi_y else hi_y
                if nhi_x - nlo_x > c or nhi_y - nlo_y > c:
                    break
                lo_x, hi_x, lo_y, hi_y = nlo_x, nhi_x, nlo_y, nhi_y
                j += 1
            for ci in range(math.floor((lo_x - width) / c), math.floor((hi_x + width) / c) + 1):
                for cj in range(
                    math.floor((lo_y - width) / c), math.floor((hi_y + width) / c) + 1
                ):
                    cells.add((ci, cj))
            i = j
        return self._gather(cells)

    def _cells_near(self, a: Point, b: Point, width: float) -> set[tuple[int, int]]:
        c = self.cell
        cells: set[tuple[int, int]] = set()
        if width == 0:
            cells.update(cells_along(a, b, c))
        elif width <= c / 2:
            length = math.dist(a, b)
            ux, uy = ((b[0] - a[0]) / length, (b[1] - a[1]) / length) if length else (1.0, 0.0)
            a2 = (a[0] - ux * width, a[1] - uy * width)
            b2 = (b[0] + ux * width, b[1] + uy * width)
            for off in ((0.0, 0.0), (-uy * width, ux * width), (uy * width, -ux * width)):
                p = (a2[0] + off[0], a2[1] + off[1])
                q = (b2[0] + off[0], b2[1] + off[1])
                cells.update(cells_along(p, q, c))
        else:
            # A wide band: row by row of cells, the x-range the segment takes over the row's
            # heights (widened by `width` above and below), widened by `width` sideways. A
            # square of cells around every cell along the segment visited each cell many
            # times (seconds for the long arrows of a 5,000-claim map).
            (ax, ay), (bx, by) = a, b
            lo_y, hi_y = min(ay, by), max(ay, by)
            for j in range(math.floor((lo_y - width) / c), math.floor((hi_y + width) / c) + 1):
                y0, y1 = max(lo_y, j * c - width), min(hi_y, (j + 1) * c + width)
                if by == ay:
                    x0, x1 = min(ax, bx), max(ax, bx)
                else:
                    xa = ax + (bx - ax) * (y0 - ay) / (by - ay)
                    xb = ax + (bx - ax) * (y1 - ay) / (by - ay)
                    x0, x1 = min(xa, xb), max(xa, xb)
                for i in range(math.floor((x0 - width) / c), math.floor((x1 + width) / c) + 1):
                    cells.add((i, j))
        return cells

    def _gather(self, cells: Iterable[tuple[int, int]]) -> list[tuple[str, Rect]]:
        seen: set[str] = set()
        out = []
        get, rects = self.grid.get, self.rects
        for key in cells:
            for cid in get(key, ()):
                if cid not in seen:
                    seen.add(cid)
                    out.append((cid, rects[cid]))
        return out

    def query(self, rect: Rect) -> list[tuple[str, Rect]]:
        seen: set[str] = set()
        out = []
        left, top, right, bottom = rect
        for key in self._cells(rect):
            for cid in self.grid.get(key, ()):
                if cid in seen:
                    continue
                seen.add(cid)
                r = self.rects[cid]
                if r[0] <= right and r[2] >= left and r[1] <= bottom and r[3] >= top:
                    out.append((cid, r))
        return out


def cells_along(a: Point, b: Point, c: float) -> list[tuple[int, int]]:
    """The grid cells (of size c) the segment a–b passes, in order (Amanatides & Woo)."""
    i, j = math.floor(a[0] / c), math.floor(a[1] / c)
    i_end, j_end = math.floor(b[0] / c), math.floor(b[1] / c)
    dx, dy = b[0] - a[0], b[1] - a[1]
    step_i = 1 if dx > 0 else -1
    step_j = 1 if dy > 0 else -1
    t_max_i = ((i + (step_i > 0)) * c - a[0]) / dx if dx else math.inf
    t_max_j = ((j + (step_j > 0)) * c - a[1]) / dy if dy else math.inf
    t_di = c / abs(dx) if dx else math.inf
    t_dj = c / abs(dy) if dy else math.inf
    out = [(i, j)]
    for _ in range(abs(i_end - i) + abs(j_end - j)):
        if t_max_i < t_max_j:
            i += step_i
            t_max_i += t_di
        else:
            j += step_j
            t_max_j += t_dj
        out.append((i, j))
    return out


@dataclass(frozen=True)
class Route:
    """One arrow as drawn: commands from its start to its tip; the head points from `tail`
    to `tip`; `junction` is where linked premises meet (None otherwise)."""

    commands: tuple[Command, ...]
    tail: Point
    tip: Point
    junction: Point | None = None

    def polyline(self, steps: int = 10) -> list[Point]:
        return flatten(self.commands, steps)

    def midpoint(self) -> Point:
        """Halfway along the drawn arrow (where undercuts aim and labels sit)."""
        return point_along(self.polyline(), 0.5)


def snap_ends(route: Route, source: Rect, target: Rect | None) -> Route:
    """The route with its ends on the cards' borders: a route made around a card estimated
    taller than the card turned out (a lazy canvas's unmade cards) starts and ends on the
    estimate's border; it is carried on straight to the card's (ports sit on the middle of a
    side or fanned along it, and the route leaves the side at right angles, so the piece added
    runs on in the route's own direction). `target` None: an undercut's tip stays."""
    commands = list(route.commands)
    tail, tip = route.tail, route.tip
    start = commands[0][1]
    onto = _nearest_on(source, start)
    if onto != start:
        commands[0] = ("L", start)
        commands.insert(0, ("M", onto))
    if target is not None:
        onto = _nearest_on(target, tip)
        if onto != tip:
            commands.append(("L", onto))
            tail, tip = tip, onto
    if len(commands) == len(route.commands):
        return route
    return Route(tuple(commands), tail, tip, route.junction)


def _nearest_on(rect: Rect, p: Point) -> Point:
    """The point of the rect nearest to `p` (`p` itself when inside or on the border)."""
    return (min(max(p[0], rect[0]), rect[2]), min(max(p[1], rect[1]), rect[3]))


# -- geometry ------------------------------------------------------------------------------


def crosses(a: Point, b: Point, rect: Rect, margin: float = 0.0) -> bool:
    """Whether a–b passes through the inside of `rect` grown by `margin` (touching the border
    does not count)."""
    clipped = clip_segment(a, b, rect, -margin + 1e-6)
    return clipped is not None and clipped[0] < clipped[1]


def flatten(commands: Sequence[Command], steps: int = 10) -> list[Point]:
    """The drawn path as a polyline (curves sampled at `steps` points each)."""
    out: list[Point] = []
    append = out.append
    cur: Point = (0.0, 0.0)
    for cmd in commands:
        op = cmd[0]
        if op in ("M", "L"):
            cur = cmd[1]
            append(cur)
        elif op == "Q":
            (x0, y0), (cx, cy), p = cur, cmd[1], cmd[2]
            px, py = p
            for a, b, d in _quadratic_weights(steps):
                append((a * x0 + b * cx + d * px, a * y0 + b * cy + d * py))
            cur = p
        elif op == "C":
            (x0, y0), (c1x, c1y), (c2x, c2y), p = cur, cmd[1], cmd[2], cmd[3]
            px, py = p
            for a, b, c, d in _cubic_weights(steps):
                append(
                    (a * x0 + b * c1x + c * c2x + d * px, a * y0 + b * c1y + c * c2y + d * py)
                )
            cur = p
    return out


@functools.cache
def _quadratic_weights(steps: int) -> tuple[tuple[float, float, float], ...]:
    """Bernstein weights of a quadratic at t = 1/steps ... 1 (flatten samples thousands of
    curves at the same few step counts)."""
    out = []
    for k in range(1, steps + 1):
        t = k / steps
        s = 1 - t
        out.append((s * s, 2 * s * t, t * t))
    return tuple(out)


@functools.cache
def _cubic_weights(steps: int) -> tuple[tuple[float, float, float, float], ...]:
    """Bernstein weights of a cubic at t = 1/steps ... 1."""
    out = []
    for k in range(1, steps + 1):
        t = k / steps
        s = 1 - t
        out.append((s * s * s, 3 * s * s * t, 3 * s * t * t, t * t * t))
    return tuple(out)


def point_along(points: Sequence[Point], fraction: float) -> Point:
    """The point at `fraction` of a polyline's length."""
    if not points:
        return (0.0, 0.0)
    lengths = [math.dist(p, q) for p, q in zip(points, points[1:], strict=False)]
    goal = sum(lengths) * fraction
    for (p, q), length in zip(zip(points, points[1:], strict=False), lengths, strict=True):
        if goal <= length and length > 0:
            t = goal / length
            return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)
        goal -= length
    return points[-1]


def border_point(rect: Rect, towards: Point) -> Point:
    """Where the line from the rect's centre towards a point leaves the rect."""
    cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return (cx, cy)
    hw, hh = (rect[2] - rect[0]) / 2, (rect[3] - rect[1]) / 2
    scale = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return (cx + dx * scale, cy + dy * scale)


def fold_chain(
    start: str,
    attacked: Callable[[str], str | None],
    base: Callable[[str], V],
    step: Callable[[str, V], V],
    memo: dict[str, V],
) -> V | None:
    """A value of a relation that depends on the relation it undercuts, down a chain of
    undercuts to a relation between two claims: `attacked(id)` is the relation an undercut
    aims at (None for a relation between claims), `base(id)` the value of the latter,
    `step(id, value below)` an undercut's. A loop, not recursion (chains can be as long as the
    map), each relation computed once into `memo`; None (nothing memoised) on a cycle.
    Undercut midpoints, drawn segments and ports all walk chains this way."""
    chain: list[str] = []
    on_chain: set[str] = set()
    key = start
    while key not in memo:
        below = attacked(key)
        if below is None:
            memo[key] = base(key)
            break
        if key in on_chain:
            return None  # a cycle of undercuts (the edits never make one)
        on_chain.add(key)
        chain.append(key)
        key = below
    value = memo[key]
    for k in reversed(chain):
        value = memo[k] = step(k, value)
    return memo[start]


def centre(rect: Rect) -> Point:
    return ((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2)


_NORMALS = {"top": (0.0, -1.0), "bottom": (0.0, 1.0), "left": (-1.0, 0.0), "right": (1.0, 0.0)}


def side_facing(rect: Rect, towards: Point) -> str:
    """The side of the card an arrow towards a point leaves through (the one the line from the
    centre crosses)."""
    cx, cy = centre(rect)
    dx, dy = towards[0] - cx, towards[1] - cy
    hw, hh = max((rect[2] - rect[0]) / 2, 1e-9), max((rect[3] - rect[1]) / 2, 1e-9)
    if abs(dx) / hw > abs(dy) / hh:
        return "right" if dx > 0 else "left"
    return "bottom" if dy > 0 else "top"


def fan_ports(rect: Rect, ends: Sequence[tuple[object, Point]]) -> dict[object, tuple[Point, str]]:
    """Where each arrow end meets the card: (port, side) by key.

    `ends` are (key, the point the arrow heads for at its other end). Ends on one side are
    spread along it in the order of their other ends, `PORT_SPACING` apart (closer when the
    side is short), centred on the side.
    """
    by_side: dict[str, list[tuple[float, str, object]]] = {}
    for key, other in ends:
        side = side_facing(rect, other)
        along = other[0] if side in ("top", "bottom") else other[1]
        by_side.setdefault(side, []).append((along, repr(key), key))
    left, top, right, bottom = rect
    out: dict[object, tuple[Point, str]] = {}
    for side, items in by_side.items():
        items.sort(key=lambda t: (t[0], t[1]))
        n = len(items)
        horizontal = side in ("top", "bottom")
        length = (right - left) if horizontal else (bottom - top)
        spacing = min(PORT_SPACING, length * 0.8 / max(n - 1, 1))
        mid = (left + right) / 2 if horizontal else (top + bottom) / 2
        for k, (_, _, key) in enumerate(items):
            offset = (k - (n - 1) / 2) * spacing
            if side == "top":
                out[key] = ((mid + offset, top), side)
            elif side == "bottom":
                out[key] = ((mid + offset, bottom), side)
            elif side == "left":
                out[key] = ((left, mid + offset), side)
            else:
                out[key] = ((right, mid + offset), side)
    return out


def stub_point(port: Point, side: str | None, length: float) -> Point:
    if side is None:
        return port
    nx, ny = _NORMALS[side]
    return (port[0] + nx * length, port[1] + ny * length)


# -- routing one arrow ---------------------------------------------------------------------


def route(
    start: Point,
    start_side: str | None,
    end: Point,
    end_side: str | None,
    obstacles: Obstacles,
    own: Iterable[str] = (),
    style: str = DEFAULT_STYLE,
    end_stub: float = STUB,
) -> tuple[list[Command], Point]:
    """Commands from `start` to the point `end_stub` before `end` ... then to `end`, clear of
    every card but `own`; and the point the arrow head at `end` points from.

    Sides say which card side a port is on (None: a free point, as an undercut's aim).
    """
    own = set(own)
    if style == "straight":
        return [("M", start), ("L", end)], start
    s = stub_point(start, start_side, STUB)
    t = stub_point(end, end_side, end_stub)
    orthogonal = style == "orthogonal"
    # Straight when nothing is in the way (and, for orthogonal, when straight is orthogonal).
    aligned = abs(start[0] - end[0]) < 0.5 or abs(start[1] - end[1]) < 0.5
    if end_stub > STUB and t != end:  # linked premises: straight to the knot, then on
        direct = [start, t, end]
        aligned = abs(start[0] - t[0]) < 0.5 or abs(start[1] - t[1]) < 0.5
    else:
        direct = [start, end]
    if (not orthogonal or aligned) and _clear(direct, obstacles, own):
        return [("M", start), *(("L", p) for p in direct[1:])], direct[-2]
    if orthogonal:
        simple = _simple_orthogonal(s, start_side, t, end_side)
        if simple is not None and _clear([start, *simple, end], obstacles, own):
            points = [start, *simple, end]
        else:
            points = _banded(s, t, obstacles, own, orthogonal=True) or _searched(
                s, start_side, t, end_side, obstacles, own, bend=40.0
            )
            points = [start, *points, end] if points else [start, s, t, end]
        points = _simplify(points)
        return _rounded(points), points[-2]
    # Around the cards in the way by their corners; where that takes too many steps (a long
    # arrow across rows of cards), through the gaps between the rows; else a grid search.
    found = _detour(s, t, obstacles)
    pulled = _pull(found, obstacles, own) if found else None
    if not found:
        found = pulled = _banded(s, t, obstacles, own)
    if not found:
        found = _searched(s, start_side, t, end_side, obstacles, own, bend=4.0)
        if not found:
            return [("M", start), ("L", end)], start
        pulled = _pull(found, obstacles, own)
    assert pulled is not None
    inner = _simplify(pulled)
    points = _simplify([start, *inner, end])
    if len(points) == 2:
        return [("M", start), ("L", end)], start
    # Straight out of the card, a spline from stub to stub, straight into the card (or on
    # from the knot): a spline's ends would swing out of the short stubs.
    spline = [("M", start), *_spline(inner, start, end)[1:], ("L", end)]
    if inner[0] != start:
        spline.insert(1, ("L", inner[0]))
    if _drawn_clear(spline, obstacles, own):
        return spline, inner[-1]
    rounded = _rounded(points)
    if _drawn_clear(rounded, obstacles, own):
        return rounded, points[-2]
    return [("M", points[0]), *(("L", p) for p in points[1:])], points[-2]


def _drawn_clear(commands: Sequence[Command], obstacles: Obstacles, own: set[str]) -> bool:
    """Whether a drawn path clears the cards: finely sampled, and as `Route.polyline`
    samples it (what `arrows_through_cards` measures) with 2 px to spare. The cards are
    looked up once for both samplings: near the fine one, as far as the coarse one's chords
    can stray from it (`_chord_slack`) plus the 2 px."""
    fine, coarse = flatten(commands, 32), flatten(commands, 10)
    width = 2.0 + _chord_slack(commands)
    rects = [r for cid, r in _near(obstacles, fine, width) if cid not in own]
    return _clear_among(fine, rects) and _clear_among(coarse, rects, 2.0)


def _chord_slack(commands: Sequence[Command]) -> float:
    """How far the chords of a curve sampled at 10 and at 32 steps can lie from each other:
    a chord over a parameter step h strays at most h² / 8 · max |B''| from its curve, and
    |B''| of a quadratic is 2 |p - 2c + p0|, of a cubic at most 6 × its largest second
    difference of control points."""
    worst = 0.0
    cur: Point = (0.0, 0.0)
    for cmd in commands:
        op = cmd[0]
        if op == "Q":
            (cx, cy), p = cmd[1], cmd[2]
            worst = max(worst, 2 * math.hypot(p[0] - 2 * cx + cur[0], p[1] - 2 * cy + cur[1]))
        elif op == "C":
            c1, c2, p = cmd[1], cmd[2], cmd[3]
            first = math.hypot(c2[0] - 2 * c1[0] + cur[0], c2[1] - 2 * c1[1] + cur[1])
            second = math.hypot(p[0] - 2 * c2[0] + c1[0], p[1] - 2 * c2[1] + c1[1])
            worst = max(worst, 6 * max(first, second))
        cur = cmd[-1]
    return worst * (1 / 10**2 + 1 / 32**2) / 8


def _clear(
    points: Sequence[Point], obstacles: Obstacles, own: set[str], margin: float = 0.0
) -> bool:
    """Whether the polyline passes through no card but `own` (grown by `margin`)."""
    rects = [r for cid, r in _near(obstacles, points, margin) if cid not in own]
    return _clear_among(points, rects, margin)


def _clear_among(points: Sequence[Point], rects: Sequence[Rect], margin: float = 0.0) -> bool:
    """Whether the polyline passes through none of these cards (grown by `margin`)."""
    if not rects:
        return True
    # Pieces in runs of 8: only the cards near a run are tested against its pieces (a
    # finely sampled curve has hundreds of pieces, a long one dozens of cards nearby).
    for start in range(0, len(points) - 1, 8):
        run = points[start : start + 9]
        xs, ys = [p[0] for p in run], [p[1] for p in run]
        lo_x, hi_x = min(xs) - margin, max(xs) + margin
        lo_y, hi_y = min(ys) - margin, max(ys) + margin
        near = [
            r for r in rects if not (r[0] >= hi_x or r[2] <= lo_x or r[1] >= hi_y or r[3] <= lo_y)
        ]
        if not near:
            continue
        for a, b in zip(run, run[1:], strict=False):
            ax, ay = a
            bx, by = b
            lo_x, hi_x = (ax - margin, bx + margin) if ax < bx else (bx - margin, ax + margin)
            lo_y, hi_y = (ay - margin, by + margin) if ay < by else (by - margin, ay + margin)
            for r in near:
                if r[0] >= hi_x or r[2] <= lo_x or r[1] >= hi_y or r[3] <= lo_y:
                    continue
                if crosses(a, b, r, margin):
                    return False
    return True


def _near(obstacles: Obstacles, points: Sequence[Point], width: float) -> list[tuple[str, Rect]]:
    """The cards within `width` of a polyline, asked piece by piece: the bounding box of a
    long diagonal would hold most of a wide map."""
    found: dict[str, Rect] = {}
    whole = getattr(obstacles, "near_polyline", None)
    if whole is not None:
        return whole(points, width)
    along = getattr(obstacles, "near_segment", None)
    if along is not None:
        for a, b in zip(points, points[1:], strict=False):
            found.update(along(a, b, width))
        return list(found.items())
    piece = max(256.0, width)
    for a, b in zip(points, points[1:], strict=False):
        n = max(1, math.ceil(math.dist(a, b) / piece))
        for k in range(n):
            p = (a[0] + (b[0] - a[0]) * k / n, a[1] + (b[1] - a[1]) * k / n)
            q = (a[0] + (b[0] - a[0]) * (k + 1) / n, a[1] + (b[1] - a[1]) * (k + 1) / n)
            box = (
                min(p[0], q[0]) - width,
                min(p[1], q[1]) - width,
                max(p[0], q[0]) + width,
                max(p[1], q[1]) + width,
            )
            for cid, r in obstacles.query(box):
                found[cid] = r
    return list(found.items())


def _vertical(side: str | None) -> bool:
    return side in ("top", "bottom")


def _simple_orthogonal(
    s: Point, s_side: str | None, t: Point, t_side: str | None
) -> list[Point] | None:
    """The usual shape between two stubs: a Z through the middle of the gap (or an L)."""
    if _vertical(s_side) and (t_side is None or _vertical(t_side)):
        y = (s[1] + t[1]) / 2
        return [s, (s[0], y), (t[0], y), t]
    if s_side in ("left", "right") and (t_side is None or t_side in ("left", "right")):
        x = (s[0] + t[0]) / 2
        return [s, (x, s[1]), (x, t[1]), t]
    if _vertical(s_side):
        return [s, (s[0], t[1]), t]
    return [s, (t[0], s[1]), t]


def _searched(
    s: Point,
    s_side: str | None,
    t: Point,
    t_side: str | None,
    obstacles: Obstacles,
    own: set[str],
    bend: float,
) -> list[Point] | None:
    """A* on the grid of the cards' (grown) edge lines between two stubs, within a corridor
    along the straight line that widens when no way is found.

    The corridor keeps a long arrow across a wide map from searching (and building a grid
    over) every card in its bounding box: only the cards near its line count.
    """
    for width in (160.0, 600.0, 2400.0):
        window = (
            min(s[0], t[0]) - width,
            min(s[1], t[1]) - width,
            max(s[0], t[0]) + width,
            max(s[1], t[1]) + width,
        )
        grown = []
        for _, r in _near(obstacles, [s, t], width):
            c = centre(r)
            reach = width + math.hypot(r[2] - r[0], r[3] - r[1]) / 2 + MARGIN
            if _distance_to_segment(c, s, t) > reach:
                continue
            g = (r[0] - MARGIN, r[1] - MARGIN, r[2] + MARGIN, r[3] + MARGIN)
            if _inside(s, g) or _inside(t, g):
                g = (r[0] - 1, r[1] - 1, r[2] + 1, r[3] + 1)  # a card close by: hug it instead
                if _inside(s, g) or _inside(t, g):
                    continue
            grown.append(g)
        path = _astar(s, s_side, t, t_side, grown, window, bend, width)
        if path is not None:
            return path
        if path is None and len(grown) > 200:
            break  # a wider corridor would only be a bigger search of a crowded map
    return None


BAND_CORRIDOR = 1_200.0  # how far from its straight line a banded way looks for cards


def _banded(
    s: Point, t: Point, obstacles: Obstacles, own: set[str], orthogonal: bool = False
) -> list[Point] | None:
    """A way from s to t through the gaps between the rows of cards it passes, as a layered
    layout leaves them (the way Graphviz draws a long edge through its virtual nodes).

    The cards near the line are grouped into bands (rows: cards whose grown extents overlap
    across the layers; for maps laid out sideways, columns); between bands there is no card,
    so the way runs straight from band to band and crosses each band upright through the
    free gap nearest to where the line to the target would cross it, and is then pulled
    tight band by band. Two ends in one band go over or under it. No search: linear in the
    cards near the line, where the grid search of a long arrow over a map of thousands of
    cards took seconds. None when a band has no gap at an end or the way leaves the corridor
    into a card (the grid search takes over). `orthogonal`: not pulled; each slanted piece
    (always between two bands, in free space) becomes a step through the middle of the gap.
    """
    length = math.dist(s, t)
    corridor = BAND_CORRIDOR
    while True:
        near = [(cid, r) for cid, r in _near(obstacles, [s, t], corridor) if cid not in own]
        wander = False
        for upright in (True, False):

            def frame(p: Point, upright: bool = upright) -> Point:  # rows across y
                return p if upright else (p[1], p[0])

            rects = [_grown(r if upright else (r[1], r[0], r[3], r[2]), MARGIN) for _, r in near]
            way = _banded_frame(frame(s), frame(t), rects, orthogonal)
            if way is None:
                continue
            out = [frame(p) for p in way]
            if _clear(out, obstacles, own):
                return out
            # Into a card the corridor left out: the way wandered far from the line.
            wander = wander or any(_distance_to_segment(p, s, t) > corridor / 2 for p in out)
        if not wander or corridor > length / 2:
            return None
        corridor *= 3


def _banded_frame(
    a: Point, b: Point, grown: list[Rect], orthogonal: bool = False
) -> list[Point] | None:
    """`_banded` with rows across y, given the grown cards near the line."""
    flip = a[1] > b[1]
    if flip:
        a, b = b, a
    slack = 400.0  # cards a little above and below: the bands the ends sit in, whole
    rects = sorted(
        (g for g in grown if g[3] > a[1] - slack and g[1] < b[1] + slack),
        key=lambda g: (g[1], g[0]),
    )
    bands: list[list] = []  # [top, bottom, [(left, right), ...] merged]
    for g in rects:
        if bands and g[1] < bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], g[3])
            bands[-1][2].append((g[0], g[2]))
        else:
            bands.append([g[1], g[3], [(g[0], g[2])]])
    bands = [band for band in bands if band[1] > a[1] and band[0] < b[1]]
    for band in bands:
        merged: list[tuple[float, float]] = []
        for lo, hi in sorted(band[2]):
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
        band[2] = merged

    def blocked(x: float, blocks: list[tuple[float, float]]) -> bool:
        return any(lo < x < hi for lo, hi in blocks)

    if len(bands) == 1 and bands[0][0] < a[1] and bands[0][1] > b[1]:
        # Both ends in one band: out of it at each end, along its edge above or below.
        top, bottom, blocks = bands[0]
        if blocked(a[0], blocks) or blocked(b[0], blocks):
            return None
        over = (a[1] - top) + (b[1] - top) <= (bottom - a[1]) + (bottom - b[1])
        y = top if over else bottom
        path = [a, (a[0], y), (b[0], y), b]
        return path[::-1] if flip else path
    path = [a]
    for top, bottom, blocks in bands:
        cur = path[-1]
        mid = (top + bottom) / 2
        if top < a[1] or bottom > b[1]:
            if top < a[1] and bottom > b[1]:
                return None  # both ends in a band with others in between: not this way
            want = a[0] if top < a[1] else b[0]  # an end inside the band: cross at the end
            if blocked(want, blocks):
                return None
            x = want
        else:
            want = cur[0] + (b[0] - cur[0]) * (mid - cur[1]) / (b[1] - cur[1])
            x = want
            for lo, hi in blocks:
                if lo < want < hi:
                    # the nearer side of the blocked stretch; ties towards the target
                    nearer_left = (want - lo, abs(lo - b[0])) < (hi - want, abs(hi - b[0]))
                    x = lo if nearer_left else hi
                    break
        if top >= a[1]:
            path.append((x, top))
        if bottom <= b[1]:
            path.append((x, bottom))
    path.append(b)
    if orthogonal:
        stepped = [path[0]]
        for p, q in zip(path, path[1:], strict=False):
            if abs(p[0] - q[0]) > 1e-9 and abs(p[1] - q[1]) > 1e-9:
                mid = (p[1] + q[1]) / 2
                stepped += [(p[0], mid), (q[0], mid)]
            stepped.append(q)
        path = stepped
    else:
        path = _pull_banded(path, bands)
    return path[::-1] if flip else path


def _pull_banded(points: list[Point], bands: list[list]) -> list[Point]:
    """A banded way pulled tight: from each kept point on, as far as a straight line stays in
    the gaps of every band it crosses (the space between bands is free)."""
    tops = [band[0] for band in bands]

    def clear(p: Point, q: Point) -> bool:
        lo_y, hi_y = p[1], q[1]
        k = max(0, bisect_right(tops, lo_y) - 1)
        while k < len(bands) and bands[k][0] < hi_y:
            top, bottom, blocks = bands[k]
            k += 1
            if bottom <= lo_y:
                continue
            y0, y1 = max(top, lo_y), min(bottom, hi_y)
            if hi_y - lo_y < 1e-9:
                x0 = x1 = p[0]
            else:
                x0 = p[0] + (q[0] - p[0]) * (y0 - lo_y) / (hi_y - lo_y)
                x1 = p[0] + (q[0] - p[0]) * (y1 - lo_y) / (hi_y - lo_y)
            left, right = min(x0, x1), max(x0, x1)
            for lo, hi in blocks:
                if lo < right - 1e-9 and hi > left + 1e-9:
                    return False
        return True

    out = [points[0]]
    i, n = 0, len(points)
    while i < n - 1:
        j = i + 1
        while j + 1 < n and clear(points[i], points[j + 1]):
            j += 1
        out.append(points[j])
        i = j
    return out


def _entered(a: Point, b: Point, r: Rect) -> float | None:
    """Where (0-1 along a–b) the segment enters card `r` in a detour's eyes (the card grown by
    half the margin), or None: it misses the card, or an end lies right by it (its own card,
    or a neighbour: not in the way)."""
    clipped = clip_segment(a, b, r, -MARGIN / 2 + 1e-6)
    if clipped is None or clipped[0] >= clipped[1]:
        return None
    if _inside(a, _grown(r, MARGIN / 2)) or _inside(b, _grown(r, MARGIN / 2)):
        return None
    return clipped[0]


def _detour(s: Point, t: Point, obstacles: Obstacles, budget: int = 60) -> list[Point] | None:
    """A way from s to t around the cards by corners: go straight, or around the first card in
    the way by whichever of its (grown) corners beside the line is shorter, recursively.

    Cheap where a few cards block a long arrow (the usual case after a layered layout); None
    when the budget of steps runs out, and the grid search takes over. None at once when the
    straight line crosses more cards than the detour goes round one inside another
    (`DETOUR_DEPTH`): such a detour almost always ran out of steps (650 of the 1,800 arrows of
    a 1,200-claim map with random links, a fifth of its routing time), and the way through
    the gaps between the rows of cards (`_banded`) is the one for it.
    """
    crossed = sum(1 for _, r in _near(obstacles, [s, t], MARGIN) if _entered(s, t, r) is not None)
    if crossed > DETOUR_DEPTH:
        return None
    left = [budget]

    def first_hit(a: Point, b: Point) -> Rect | None:
        """The card the segment enters first. Asked piece by piece from `a`, stopping once
        a card is entered within the pieces asked: a card entered earlier lies near an
        earlier piece (the pieces are asked `MARGIN` wide, the cards grown by half that).
        Asking for the whole segment at once gathered every card along a long arrow (most
        of the time of routing a 1,200-claim map) when the first card was near its start."""
        best, best_t = None, math.inf
        seen: set[str] = set()
        pieces = max(1, math.ceil(math.dist(a, b) / DETOUR_PIECE))
        dx, dy = b[0] - a[0], b[1] - a[1]
        for k in range(pieces):
            p = (a[0] + dx * k / pieces, a[1] + dy * k / pieces)
            q = (a[0] + dx * (k + 1) / pieces, a[1] + dy * (k + 1) / pieces)
            for cid, r in _near(obstacles, [p, q], MARGIN):
                if cid in seen:
                    continue
                seen.add(cid)
                entry = _entered(a, b, r)
                if entry is not None and entry < best_t:
                    best, best_t = r, entry
            if best_t <= (k + 1) / pieces:
                break
        return best

    def go(a: Point, b: Point, depth: int) -> list[Point] | None:
        left[0] -= 1
        if left[0] < 0 or depth > DETOUR_DEPTH:
            return None
        r = first_hit(a, b)
        if r is None:
            return [a, b]
        g = _grown(r, MARGIN)
        corners = [(g[0], g[1]), (g[2], g[1]), (g[2], g[3]), (g[0], g[3])]
        dx, dy = b[0] - a[0], b[1] - a[1]
        sides: dict[bool, Point] = {}
        for c in corners:  # the outermost corner on each side of the line
            cross = dx * (c[1] - a[1]) - dy * (c[0] - a[0])
            key = cross > 0
            if key not in sides or abs(cross) > abs(
                dx * (sides[key][1] - a[1]) - dy * (sides[key][0] - a[0])
            ):
                sides[key] = c
        options = sorted(sides.values(), key=lambda c: math.dist(a, c) + math.dist(c, b))
        for c in options:
            if any(_inside(c, _grown(o, MARGIN / 2)) for _, o in obstacles.query((*c, *c))):
                continue
            first = go(a, c, depth + 1)
            if first is None:
                continue
            second = go(c, b, depth + 1)
            if second is not None:
                return first + second[1:]
        return None

    return go(s, t, 0)


def _grown(r: Rect, margin: float) -> Rect:
    return (r[0] - margin, r[1] - margin, r[2] + margin, r[3] + margin)


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.dist(p, a)
    u = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - u * dx, p[1] - a[1] - u * dy)


def _inside(p: Point, r: Rect) -> bool:
    return r[0] < p[0] < r[2] and r[1] < p[1] < r[3]


def _astar(
    s: Point,
    s_side: str | None,
    t: Point,
    t_side: str | None,
    rects: list[Rect],
    window: Rect,
    bend: float,
    corridor: float,
) -> list[Point] | None:
    """Shortest path (length + `bend` per turn) along the lines through every rect edge,
    no farther than `corridor` from the line s–t. Ties go to the deeper node, so an open
    stretch is crossed along one path instead of every equally long staircase."""
    # Lines through every rect edge, the ends, and every half corridor: without the last, a
    # diagonal through open space would have no staircase inside the corridor.
    step = corridor / 2
    xs = {s[0], t[0], window[0], window[2], *(r[0] for r in rects), *(r[2] for r in rects)}
    ys = {s[1], t[1], window[1], window[3], *(r[1] for r in rects), *(r[3] for r in rects)}
    for lo, hi, lines in ((window[0], window[2], xs), (window[1], window[3], ys)):
        k = lo + step
        while k < hi:
            lines.add(k)
            k += step
    xs, ys = sorted(xs), sorted(ys)
    nx, ny = len(xs), len(ys)
    blocked = bytearray(nx * ny)  # bit 1: node inside; 2: edge to the right; 4: edge below
    for left, top, right, bottom in rects:
        i0, i1 = bisect_right(xs, left), bisect_left(xs, right)  # strictly inside in x
        j0, j1 = bisect_right(ys, top), bisect_left(ys, bottom)
        e0, e1 = bisect_left(xs, left), bisect_left(xs, right)  # edges within [left, right]
        f0, f1 = bisect_left(ys, top), bisect_left(ys, bottom)
        for j in range(j0, j1):
            row = j * nx
            for i in range(e0, e1):
                blocked[row + i] |= 2
            for i in range(i0, i1):
                blocked[row + i] |= 1
        for j in range(f0, f1):
            row = j * nx
            for i in range(i0, i1):
                blocked[row + i] |= 4
    si, sj = xs.index(s[0]), ys.index(s[1])
    ti, tj = xs.index(t[0]), ys.index(t[1])
    start_dir = 1 if _vertical(s_side) else 0 if s_side is not None else -1
    end_dir = 1 if _vertical(t_side) else 0 if t_side is not None else -1
    goal = tj * nx + ti
    tx, ty = t

    def h(node: int, d: int) -> float:
        """Manhattan distance plus the bends that are certainly still to come."""
        x, y = xs[node % nx], ys[node // nx]
        off_x, off_y = abs(x - tx) > 1e-9, abs(y - ty) > 1e-9
        turns = 1 if off_x and off_y else 1 if (off_x and d == 1) or (off_y and d == 0) else 0
        return abs(x - tx) + abs(y - ty) + turns * bend

    start = sj * nx + si
    best: dict[tuple[int, int], float] = {(start, start_dir): 0.0}
    came: dict[tuple[int, int], tuple[int, int]] = {}
    heap = [(h(start, start_dir), 0.0, start, start_dir)]
    done: set[tuple[int, int]] = set()
    far: dict[int, bool] = {}
    budget = SEARCH_BUDGET
    while heap:
        budget -= 1
        if budget < 0:
            return None  # a way this hard to find is drawn by the fallback
        _, g, node, d = heapq.heappop(heap)
        g = -g
        state = (node, d)
        if state in done:
            continue
        done.add(state)
        if node == goal:
            path = [node]
            while state in came:
                state = came[state]
                path.append(state[0])
            path.reverse()
            return [(xs[n % nx], ys[n // nx]) for n in path]
        i, j = node % nx, node // nx
        for di, dj, direction in ((1, 0, 0), (-1, 0, 0), (0, 1, 1), (0, -1, 1)):
            ni, nj = i + di, j + dj
            if not (0 <= ni < nx and 0 <= nj < ny):
                continue
            if di == 1 and blocked[node] & 2 or di == -1 and blocked[node - 1] & 2:
                continue
            if dj == 1 and blocked[node] & 4 or dj == -1 and blocked[node - nx] & 4:
                continue
            nxt = nj * nx + ni
            if blocked[nxt] & 1:
                continue
            out = far.get(nxt)
            if out is None:
                out = far[nxt] = _distance_to_segment((xs[ni], ys[nj]), s, t) > corridor
            if out:
                continue
            step = abs(xs[ni] - xs[i]) + abs(ys[nj] - ys[j])
            cost = g + step + (bend if d >= 0 and d != direction else 0.0)
            if nxt == goal and end_dir >= 0 and direction != end_dir:
                cost += bend
            key = (nxt, direction)
            if cost < best.get(key, math.inf):
                best[key] = cost
                came[key] = state
                heapq.heappush(heap, (cost + h(nxt, direction), -cost, nxt, direction))
    return None


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle one of three in a line."""
    out: list[Point] = []
    for p in points:
        if out and math.dist(out[-1], p) < 1e-6:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
            dot = (b[0] - a[0]) * (p[0] - b[0]) + (b[1] - a[1]) * (p[1] - b[1])
            if abs(cross) < 1e-6 and dot >= 0:
                out[-1] = p
                continue
        out.append(p)
    return out


def _pull(points: list[Point], obstacles: Obstacles, own: set[str]) -> list[Point]:
    """The path pulled tight: from each kept corner on along the path while the next corner
    is still in sight (keeping half the margin from every card, own cards included).

    Forward and greedy, so a grid path of hundreds of corners costs about one sight test per
    corner, not one per pair."""
    points = _simplify(points)
    out = [points[0]]
    i, n = 0, len(points)
    while i < n - 1:
        j = i + 1
        while j + 1 < n and _clear([points[i], points[j + 1]], obstacles, set(), MARGIN / 2):
            j += 1
        out.append(points[j])
        i = j
    return out


def _spline(points: Sequence[Point], before: Point, after: Point) -> list[Command]:
    """A smooth curve through the points, as cubic Béziers; `before` and `after` set the
    direction at its ends (the straight stubs it continues).

    Catmull–Rom directions, but each tangent no longer than the shorter of the two segments
    beside its point: points 40 px and 1,500 px apart would otherwise swing the curve far
    out of the way it was routed along."""
    ext = [before, *points, after]
    tangents = []
    for k in range(1, len(ext) - 1):
        (ax, ay), (bx, by), (cx, cy) = ext[k - 1], ext[k], ext[k + 1]
        dx, dy = cx - ax, cy - ay
        norm = math.hypot(dx, dy)
        reach = min(math.hypot(bx - ax, by - ay), math.hypot(cx - bx, cy - by))
        scale = reach / norm if norm else 0.0
        tangents.append((dx * scale, dy * scale))
    cmds: list[Command] = [("M", points[0])]
    for k in range(len(points) - 1):
        p1, p2 = points[k], points[k + 1]
        t1, t2 = tangents[k], tangents[k + 1]
        c1 = (p1[0] + t1[0] / 3, p1[1] + t1[1] / 3)
        c2 = (p2[0] - t2[0] / 3, p2[1] - t2[1] / 3)
        cmds.append(("C", c1, c2, p2))
    return cmds


def _rounded(points: Sequence[Point], radius: float = CORNER) -> list[Command]:
    """The polyline with each corner rounded (a quadratic curve at most `radius` long)."""
    cmds: list[Command] = [("M", points[0])]
    for k in range(1, len(points) - 1):
        p, v, q = points[k - 1], points[k], points[k + 1]
        d1, d2 = math.dist(p, v), math.dist(v, q)
        r = min(radius, d1 / 2, d2 / 2)
        if r <= 0.5:
            cmds.append(("L", v))
            continue
        a = (v[0] + (p[0] - v[0]) * r / d1, v[1] + (p[1] - v[1]) * r / d1)
        b = (v[0] + (q[0] - v[0]) * r / d2, v[1] + (q[1] - v[1]) * r / d2)
        cmds.append(("L", a))
        cmds.append(("Q", v, b))
    cmds.append(("L", points[-1]))
    return cmds


# -- a whole map ---------------------------------------------------------------------------


class Arrow(NamedTuple):
    """What the router needs of one relation: its source card, and its target card or (for an
    undercut) the relation it attacks; linked premises share `link` (the group's key). A named
    tuple: a canvas builds, compares and pickles 30,000 of them for a big map's worker."""

    id: str
    source: str
    target: str
    undercut: bool = False
    link: object | None = None


def plan_ends(
    arrows: Sequence[Arrow],
    rects: Mapping[str, Rect],
    aim: Callable[[Arrow], Point],
) -> dict[str, list[tuple[object, Point]]]:
    """Every card's arrow ends: (key, the point the arrow heads for at its other end).

    Keys: ``(id, "s")`` for an arrow's start, ``(id, "t")`` for its tip, and the link key for
    the one tip that linked premises share. `aim` gives an undercut's target point.
    """
    ends: dict[str, list[tuple[object, Point]]] = {}
    sources_of_link: dict[object, list[Point]] = {}
    for a in arrows:
        if a.link is not None and not a.undercut:
            sources_of_link.setdefault(a.link, []).append(centre(rects[a.source]))
    seen: set[object] = set()
    for a in arrows:
        if a.source not in rects or (not a.undercut and a.target not in rects):
            continue
        if a.source == a.target:
            continue
        far = aim(a) if a.undercut else centre(rects[a.target])
        ends.setdefault(a.source, []).append(((a.id, "s"), far))
        if a.undercut:
            continue
        if a.link is not None and len(sources_of_link[a.link]) > 1:
            if a.link in seen:
                continue
            seen.add(a.link)
            pts = sources_of_link[a.link]
            mean = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            ends.setdefault(a.target, []).append((a.link, mean))
        else:
            ends.setdefault(a.target, []).append(((a.id, "t"), centre(rects[a.source])))
    return ends


def route_map(
    arrows: Sequence[Arrow],
    rects: Mapping[str, Rect],
    style: str = DEFAULT_STYLE,
    only: Collection[str] | None = None,
    aims: Mapping[str, Point] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Route]:
    """Route every arrow of a map (undercuts after the arrows they attack).

    `only`: route just these arrows (ports are still fanned for every arrow, so each lands
    where it would in a whole batch): a canvas routing again the few arrows an edit made
    stale. `aims`: where undercuts of these arrows aim (the middles of arrows drawn already),
    instead of routing them again. `progress(done, total)` is called as the arrows are routed
    (a worker process reports it to the window).
    """
    index = RectIndex(rects)
    by_id = {a.id: a for a in arrows}
    routes: dict[str, Route] = {}
    straight_mid: dict[str, Point] = {}

    def halfway(rid: str, far: Point) -> Point:
        src = centre(rects[by_id[rid].source])
        return ((src[0] + far[0]) / 2, (src[1] + far[1]) / 2)

    def attacked(rid: str) -> str | None:
        a = by_id[rid]
        return a.target if a.undercut and a.target in by_id else None

    def own_mid(rid: str) -> Point:  # an undercut whose target is gone: halfway to itself
        a = by_id[rid]
        return halfway(rid, centre(rects[a.source if a.undercut else a.target]))

    def rough_mid(a: Arrow) -> Point:
        """Halfway between an arrow's source and its target's centre (an undercut's: the
        middle of the arrow it attacks)."""
        return fold_chain(a.id, attacked, own_mid, halfway, straight_mid)  # type: ignore[return-value]

    valid = [
        a
        for a in arrows
        if a.source in rects and (a.target in rects or (a.undercut and a.target in by_id))
    ]
    # Each undercut after the arrow it attacks (chains of undercuts can be as long as the
    # map): then every look-up below finds its target done, never recursing down a chain.
    depth: dict[str, int] = {}
    for a in valid:
        chain, x = [], a
        while x is not None and x.id not in depth and x.undercut and len(chain) <= len(by_id):
            chain.append(x)
            x = by_id.get(x.target)
        base = depth.get(x.id, 0) if x is not None else 0
        if x is not None and x.id not in depth:
            depth[x.id] = base = 0
        for k, y in enumerate(reversed(chain)):
            depth[y.id] = base + k + 1
    valid.sort(key=lambda a: depth[a.id])
    ends = plan_ends(valid, rects, lambda a: rough_mid(by_id[a.target]))
    ports = {cid: fan_ports(rects[cid], e) for cid, e in ends.items()}

    def owners(a: Arrow) -> set[str]:
        """The cards an arrow may touch: its ends; for an undercut its source and the cards
        at the ends of the arrow it attacks (a fixed few, so chains of undercuts stay linear)."""
        if not a.undercut:
            return {a.source, a.target}
        target = by_id.get(a.target)
        if target is None:
            return {a.source}
        return {a.source, target.source} if target.undercut else {a.source, *owners(target)}

    def do(a: Arrow, depth: int = 0) -> Route | None:
        if a.id in routes:
            return routes[a.id]
        if a.source == a.target:
            return None
        start, s_side = ports[a.source][(a.id, "s")]
        if a.undercut and aims is not None and a.target in aims:
            end, e_side, gap = aims[a.target], None, STUB
        elif a.undercut:
            target = by_id.get(a.target)
            attacked = do(target, depth + 1) if target is not None and depth < 50 else None
            if attacked is None:
                return None
            end, e_side, gap = attacked.midpoint(), None, STUB
        else:
            key = a.link if a.link is not None and a.link in ports[a.target] else (a.id, "t")
            end, e_side = ports[a.target][key]
            gap = JUNCTION_GAP if key == a.link else STUB
        cmds, tail = route(start, s_side, end, e_side, index, owners(a), style, gap)
        junction = stub_point(end, e_side, JUNCTION_GAP) if gap == JUNCTION_GAP else None
        if junction is not None and style != "straight":
            tail = junction
        routes[a.id] = Route(tuple(cmds), tail, end, junction)
        return routes[a.id]

    wanted = None if only is None else set(only)
    todo = valid if wanted is None else [a for a in valid if a.id in wanted]
    total = len(todo)
    every = max(1, total // 200)
    for n, a in enumerate(todo):
        do(a)
        if progress is not None and n % every == 0:
            progress(n, total)
    if progress is not None:
        progress(total, total)
    if wanted is not None:
        return {rid: r for rid, r in routes.items() if rid in wanted}
    return routes


def map_arrows(m: ArgumentMap) -> list[Arrow]:
    """The map's relations as the router sees them (linked premises keyed by link and target)."""
    out = []
    for r in m.relations.values():
        undercut = m.is_undercut(r)
        link = (r.link, r.target) if r.link is not None and not undercut else None
        out.append(Arrow(r.id, r.source, r.target, undercut, link))
    return out


def card_rects(
    m: ArgumentMap,
    positions: Mapping[str, Point] | None = None,
    sizes: Mapping[str, tuple[float, float]] | None = None,
) -> dict[str, Rect]:
    """Each card's rect: at `positions` (default: the claims' own), of `sizes` (default: the
    estimated card sizes)."""
    out = {}
    for cid, c in m.claims.items():
        x, y = (positions or {}).get(cid, c.pos)
        w, h = (sizes or {}).get(cid) or estimated_card_size(c)
        out[cid] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    return out


def routed_polylines(
    m: ArgumentMap,
    positions: Mapping[str, Point] | None = None,
    sizes: Mapping[str, tuple[float, float]] | None = None,
    style: str = DEFAULT_STYLE,
) -> dict[str, list[Point]]:
    """Every relation's arrow as drawn in `style`, as a polyline (for measurements)."""
    routes = route_map(map_arrows(m), card_rects(m, positions, sizes), style)
    return {rid: r.polyline() for rid, r in routes.items()}
