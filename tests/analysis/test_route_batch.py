"""A big map's routes made in a worker process (argmap/analysis/route_batch.py): the routes as
sent, the worker itself (a real process), routing only some arrows, and which routes an edit
made stale."""

from __future__ import annotations

import io
import pickle
import random
import subprocess
import sys
from pathlib import Path

from argmap.analysis import route_batch
from argmap.analysis.route_batch import (
    FRAME,
    changed_cards,
    drawn_points,
    outline_points,
    pack,
    stale_routes,
    unpack,
)
from argmap.analysis.routing import Arrow, route_map, snap_ends
from tests.analysis.test_routing import random_arrows, scattered_cards

ROOT = Path(__file__).resolve().parents[2]


def a_map(seed: int = 1, n: int = 40) -> tuple[list[Arrow], dict]:
    rng = random.Random(seed)
    rects = scattered_cards(rng, n)
    return random_arrows(rng, sorted(rects), n + n // 2), rects


def replies(data: bytes) -> list:
    out, k = [], 0
    while k < len(data):
        (size,) = FRAME.unpack_from(data, k)
        out.append(pickle.loads(data[k + FRAME.size : k + FRAME.size + size]))
        k += FRAME.size + size
    return out


def test_a_packed_route_unpacks_to_the_same_route() -> None:
    arrows, rects = a_map()
    routes = route_map(arrows, rects, "curved") | route_map(arrows, rects, "orthogonal")
    assert any(len(r.commands) > 3 for r in routes.values())
    for route in routes.values():
        packed = pack(route)
        assert unpack(packed) == route
        assert outline_points(packed) == [cmd[-1] for cmd in route.commands]
        left, top, right, bottom = packed.box
        e = 1e-6  # a Bézier lies in the hull of its points (but for rounding)
        assert all(
            left - e <= x <= right + e and top - e <= y <= bottom + e
            for x, y in drawn_points(packed)
        )


def test_routing_only_some_arrows_gives_their_routes_in_the_whole_batch() -> None:
    arrows, rects = a_map(seed=2)
    whole = route_map(arrows, rects, "curved")
    some = {a.id for a in arrows[::5]}
    assert route_map(arrows, rects, "curved", only=some) == {k: whole[k] for k in some}
    # An undercut alone, aiming where the arrow it attacks is drawn already.
    undercut = next(a for a in arrows if a.undercut and a.target in whole)
    aims = {undercut.target: whole[undercut.target].midpoint()}
    alone = route_map(arrows, rects, "curved", only={undercut.id}, aims=aims)
    assert alone == {undercut.id: whole[undercut.id]}


def test_the_worker_reports_progress_and_sends_the_routes_in_chunks(monkeypatch) -> None:
    arrows, rects = a_map(seed=3, n=60)
    monkeypatch.setattr(route_batch, "CHUNK", 25)
    request = pickle.dumps((arrows, rects, "curved", None, {}))
    out = io.BytesIO()
    route_batch.serve(io.BytesIO(request), out)
    messages = replies(out.getvalue())
    kinds = [m[0] for m in messages]
    assert kinds[0] == "progress" and kinds[-1] == "done"
    assert kinds.count("routes") == -(-len(arrows) // 25)
    assert ("progress", len(arrows), len(arrows)) in messages
    sent = {rid: unpack(p) for m in messages if m[0] == "routes" for rid, p in m[1].items()}
    assert sent == route_map(arrows, rects, "curved")


def test_the_worker_process_routes_a_request_from_its_stdin() -> None:
    arrows, rects = a_map(seed=4)
    request = pickle.dumps((arrows, rects, "orthogonal", {arrows[0].id, arrows[1].id}, {}))
    done = subprocess.run(
        [sys.executable, "-m", "argmap.analysis.route_batch"],
        input=request,
        capture_output=True,
        timeout=120,
        cwd=ROOT,
        check=True,
    )
    messages = replies(done.stdout)
    assert messages[-1] == ("done", 2)
    sent = {rid: unpack(p) for m in messages if m[0] == "routes" for rid, p in m[1].items()}
    assert sent == route_map(arrows, rects, "orthogonal", only={arrows[0].id, arrows[1].id})


def test_a_card_that_only_shrank_about_its_centre_is_no_change() -> None:
    before = {"a": (0.0, 0.0, 240.0, 120.0), "b": (400.0, 0.0, 640.0, 100.0), "c": (0, 0, 1, 1)}
    after = {
        "a": (0.0, 10.0, 240.0, 110.0),  # its real height: a little shorter, same centre
        "b": (420.0, 0.0, 660.0, 100.0),  # moved
        "d": (900.0, 0.0, 1140.0, 90.0),  # added ("c" removed)
    }
    cards, areas = changed_cards(before, after)
    assert cards == {"b", "c", "d"}
    assert sorted(areas) == sorted([before["b"], after["b"], before["c"], after["d"]])


def test_an_edit_makes_stale_the_routes_it_touches_and_no_others() -> None:
    # A row of cards: p -> t passes above q; r ends at q, whose fan also holds s's arrow.
    rects = {
        "p": (0.0, 0.0, 240.0, 100.0),
        "q": (400.0, 0.0, 640.0, 100.0),
        "t": (800.0, 0.0, 1040.0, 100.0),
        "x": (0.0, 400.0, 240.0, 500.0),
        "y": (800.0, 400.0, 1040.0, 500.0),
        "s": (400.0, -400.0, 640.0, -300.0),
    }
    arrows = [
        Arrow("pt", "p", "t"),
        Arrow("xq", "x", "q"),
        Arrow("sq", "s", "q"),
        Arrow("xy", "x", "y"),
        Arrow("u", "s", "pt", True),  # undercuts p -> t
    ]
    routes = {rid: pack(r) for rid, r in route_map(arrows, rects, "curved").items()}
    by_id = {a.id: a for a in arrows}
    boxes = {rid: p.box for rid, p in routes.items()}

    def stale(after: dict, now: dict | None = None) -> set[str] | None:
        cards, areas = changed_cards(rects, after)
        return stale_routes(
            now or by_id, by_id, cards, areas, boxes, lambda rid: drawn_points(routes[rid])
        )

    assert stale(dict(rects)) == set()
    # x moves a little: its arrows; q's fan changes with xq, so sq too; xy's far end at y.
    moved = dict(rects, x=(20.0, 420.0, 260.0, 520.0))
    assert stale(moved) == {"xq", "xy", "sq"}
    # A card dropped onto pt's way (it detours round q): pt, and u, which aims at pt's middle.
    assert len(routes["pt"].ops) > 2
    mx, my = unpack(routes["pt"]).midpoint()
    near = stale(dict(rects, z=(mx - 40, my - 20, mx + 40, my + 20)))
    assert near is not None and near >= {"pt", "u"} and not near & {"xq", "xy"}
    far = stale(dict(rects, z=(5000.0, 5000.0, 5240.0, 5100.0)))
    assert far == set()
    # A relation added at t: the fan at t changes for pt, so pt and its undercut.
    added = dict(by_id, yt=Arrow("yt", "y", "t"))
    assert stale(dict(rects), added) == {"yt", "pt", "u", "xy"}


def test_snapped_ends_reach_the_real_card_straight_on() -> None:
    arrows, rects = a_map(seed=5)
    routes = route_map(arrows, rects, "curved")
    a = next(a for a in arrows if not a.undercut and a.id in routes)
    route = routes[a.id]
    assert snap_ends(route, rects[a.source], rects[a.target]) == route  # on the border already
    s, t = rects[a.source], rects[a.target]
    shrunk = (s[0] + 8, s[1] + 8, s[2] - 8, s[3] - 8)
    tighter = (t[0] + 8, t[1] + 8, t[2] - 8, t[3] - 8)
    snapped = snap_ends(route, shrunk, tighter)
    start, end = snapped.commands[0][1], snapped.tip
    assert shrunk[0] <= start[0] <= shrunk[2] and shrunk[1] <= start[1] <= shrunk[3]
    assert tighter[0] <= end[0] <= tighter[2] and tighter[1] <= end[1] <= tighter[3]
    # The route as it was, carried on from the card and to it (8 px, straight on).
    assert snapped.commands[1:-1] == (("L", route.commands[0][1]), *route.commands[1:])
    first = route.commands[0][1]
    assert abs(abs(start[0] - first[0]) + abs(start[1] - first[1]) - 8) < 1e-9
    assert snapped.tail == route.tip  # the head points on along the route's last piece
