"""A big map's arrows routed away from the window: the worker process, the routes as it sends
them, and which routes an edit made stale.

A canvas of more relations than `MapScene.routing_limit` opens with straight arrows and hands
the map's geometry (cards as rectangles, arrows as `routing.Arrow`, no live map) to a worker
process, `python -m argmap.analysis.route_batch` (started by `argmap/ui/route_process.py`). It
routes the whole map with `routing.route_map` (150 s of CPU for a 20,000-claim map with
map-wide cross links: on the GUI thread, or on a thread holding the GIL, the window would
freeze or stutter), reports its progress and sends the routes back packed: per arrow two
`bytes` (commands and coordinates) and an outline the overview reads in one call, so the
window unpacks a route only when an arrow item is made from it.

Edits go on while it routes. `stale_routes` says which routes an edit made wrong: arrows at
a card that moved or changed size, at a card whose fan of ports changed with it, passing
where a card was or now is, and undercuts aiming at any of them.

The protocol: the request is one pickle on the worker's stdin, ``(arrows, rects, style, only,
aims)`` as `routing.route_map` takes them; the replies on its stdout are frames (an 8-byte
little-endian length, then a pickle): ``("progress", done, total)``, ``("routes", {id:
PackedRoute})`` in chunks, and ``("done", count)`` last.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
import time
from array import array
from collections.abc import Callable, Mapping
from typing import BinaryIO, NamedTuple

from argmap.analysis.routing import (
    MARGIN,
    Arrow,
    Command,
    Point,
    Rect,
    Route,
    crosses,
    flatten,
    route_map,
)

CHUNK = 2000  # routes per reply frame: the window unpickles one frame per event-loop turn
FRAME = struct.Struct("<Q")
_ARITY = {"M": 1, "L": 1, "Q": 2, "C": 3}


class PackedRoute(NamedTuple):
    """One routed arrow as the worker sends it and the canvas keeps it."""

    ops: bytes  # one letter per command: M, L, Q or C
    coords: bytes  # the commands' points, float64 in native order
    tail: Point
    tip: Point
    junction: Point | None
    box: Rect  # around every point of the commands (a Bézier lies inside its control points)
    # The polyline through each command's end point, as Qt's QDataStream writes a QPolygonF
    # (big-endian count, then x, y doubles): the overview reads it in one call.
    outline: bytes


def pack(route: Route) -> PackedRoute:
    ops = bytearray()
    coords = array("d")
    ends: list[float] = []
    for cmd in route.commands:
        ops += cmd[0].encode()
        for point in cmd[1:]:
            coords.extend(point)
        ends.extend(cmd[-1])
    xs, ys = coords[0::2], coords[1::2]
    box = (min(xs), min(ys), max(xs), max(ys))
    outline = struct.pack(f">I{len(ends)}d", len(ends) // 2, *ends)
    return PackedRoute(
        bytes(ops), coords.tobytes(), route.tail, route.tip, route.junction, box, outline
    )


def unpack(packed: PackedRoute) -> Route:
    coords = array("d")
    coords.frombytes(packed.coords)
    commands: list[Command] = []
    k = 0
    for op in packed.ops.decode():
        n = _ARITY[op]
        points = tuple((coords[k + 2 * i], coords[k + 2 * i + 1]) for i in range(n))
        commands.append((op, *points))  # type: ignore[arg-type]
        k += 2 * n
    return Route(tuple(commands), packed.tail, packed.tip, packed.junction)


def outline_points(packed: PackedRoute) -> list[Point]:
    """The polyline of `outline` as points (the lazy canvas files arrows by it)."""
    n = struct.unpack_from(">I", packed.outline)[0]
    flat = struct.unpack_from(f">{2 * n}d", packed.outline, 4)
    return list(zip(flat[0::2], flat[1::2], strict=True))


# -- what an edit made stale --------------------------------------------------------------


def changed_cards(
    before: Mapping[str, Rect], after: Mapping[str, Rect]
) -> tuple[set[str], list[Rect]]:
    """Cards added, removed, moved or resized, and the rectangles where they were and are.

    A card that only shrank about its centre is not a change: a lazy canvas estimates the
    height of a card it has not made from its text, always a little too tall, and the card
    made later takes its real one. Every route clear of the estimate is clear of the card,
    and the fans of ports around it face the same centre; the canvas draws its own arrows'
    ends onto its real border (`snap_ends`).
    """
    cards: set[str] = set()
    areas: list[Rect] = []
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old == new or (old is not None and new is not None and _shrank(old, new)):
            continue
        cards.add(key)
        areas.extend(r for r in (old, new) if r is not None)
    return cards, areas


def _shrank(old: Rect, new: Rect) -> bool:
    centred = abs(old[0] + old[2] - new[0] - new[2]) < 0.01 and abs(
        old[1] + old[3] - new[1] - new[3]
    ) < 0.01
    return centred and new[0] >= old[0] and new[1] >= old[1] and new[2] <= old[2]


def stale_routes(
    now: Mapping[str, Arrow],
    before: Mapping[str, Arrow],
    cards: set[str],
    areas: list[Rect],
    boxes: Mapping[str, Rect],
    drawn: Callable[[str], list[Point]],
) -> set[str] | None:
    """The arrows of `now` whose routes an edit made wrong (None: too many to say, route
    everything again).

    `before` and `now`: the arrows when the routes were made and at present; `cards` and
    `areas`: `changed_cards`; `boxes`: the bounding boxes of the routes kept (by arrow id)
    and `drawn(id)` a kept route's polyline. An arrow is stale when it changed, when a card
    at its ends changed, when the fan of ports at one of its cards changed (an arrow at the
    card came or went, or its other end's centre moved), when its route passes where a card
    was or now is, and when the arrow it undercuts is stale.
    """
    if len(areas) > 400:
        return None
    changed = {rid for rid in now.keys() | before.keys() if now.get(rid) != before.get(rid)}
    undercuts: dict[str, list[str]] = {}
    for rid, a in now.items():
        if a.undercut:
            undercuts.setdefault(a.target, []).append(rid)

    def down_chains(found: set[str]) -> set[str]:
        stack = list(found)
        while stack:
            for u in undercuts.get(stack.pop(), ()):
                if u not in found:
                    found.add(u)
                    stack.append(u)
        return found

    def ends(a: Arrow) -> tuple[str, ...]:
        return (a.source,) if a.undercut else (a.source, a.target)

    # Arrows whose far ends moved (an undercut's port faces the middle of the arrow it
    # attacks, down whole chains), and the cards whose fans change with them.
    moved = down_chains(
        {rid for rid, a in now.items() if any(e in cards for e in ends(a))} | changed
    )
    refan = set(cards)
    for rid in moved:
        for a in (now.get(rid), before.get(rid)):
            if a is not None:
                refan.update(ends(a))
    stale = {rid for rid, a in now.items() if any(e in refan for e in ends(a))}
    stale.update(rid for rid in changed if rid in now)
    if areas:
        grown = [(r[0] - MARGIN, r[1] - MARGIN, r[2] + MARGIN, r[3] + MARGIN) for r in areas]
        around = (  # all of them: most routes lie elsewhere, one test each
            min(r[0] for r in grown),
            min(r[1] for r in grown),
            max(r[2] for r in grown),
            max(r[3] for r in grown),
        )
        for rid, box in boxes.items():
            if rid in stale or rid not in now or not _overlap(box, around):
                continue
            near = [r for r in grown if _overlap(box, r)]
            if near and _passes(drawn(rid), near):
                stale.add(rid)
    return down_chains(stale)


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _passes(points: list[Point], rects: list[Rect]) -> bool:
    return any(
        crosses(p, q, r) for p, q in zip(points, points[1:], strict=False) for r in rects
    )


def drawn_points(packed: PackedRoute) -> list[Point]:
    """A kept route's drawn line, finely enough to test it against a card."""
    return flatten(unpack(packed).commands, 6)


# -- the worker process ---------------------------------------------------------------------


def _send(out: BinaryIO, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(FRAME.pack(len(data)))
    out.write(data)
    out.flush()


def serve(source: BinaryIO, out: BinaryIO) -> None:
    """Read one request from `source`, route it, write the replies to `out`."""
    arrows, rects, style, only, aims = pickle.load(source)
    last = [0.0]
    parent = os.getppid()

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] > 0.1:
            last[0] = now
            if os.getppid() != parent:  # the window died without stopping it
                raise SystemExit(1)
            _send(out, ("progress", done, total))

    routes = route_map(arrows, rects, style, only=only, aims=aims, progress=progress)
    found = list(routes.items())
    for i in range(0, len(found), CHUNK):
        _send(out, ("routes", {rid: pack(r) for rid, r in found[i : i + CHUNK]}))
    _send(out, ("done", len(found)))


def main() -> None:
    """The worker: `python -m argmap.analysis.route_batch` (request on stdin)."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the replies
    try:
        os.nice(5)  # the window's thread comes first on a busy machine
    except OSError:
        pass
    serve(sys.stdin.buffer, out)


if __name__ == "__main__":
    # Run as the module's own name, not as __main__: the routes are pickled with the class
    # `argmap.analysis.route_batch.PackedRoute`, which is what the window unpickles.
    from argmap.analysis import route_batch

    route_batch.main()
