"""A big map opens with straight arrows and is routed in a worker process: the routes arrive
and are drawn on the arrow items, the overview and arrow items made later; a drag during the
routing is not lost; closing the window ends the worker. Real windows, real mouse events, a
real worker process (the limits are lowered on the class to keep the map small)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QPainterPath

from argmap.analysis.layout import arrows_through_cards
from argmap.analysis.route_batch import unpack
from argmap.model.synthetic import synthetic_map
from argmap.ui.document import Document
from argmap.ui.main_window import MainWindow
from argmap.ui.scene import MapScene
from tests.ui.helpers import LEFT, send_mouse, vp

N = 300  # claims (450 relations), on a grid with cross links: straight arrows cross cards
WAIT_MS = 120_000  # for the worker (a busy machine); the wait ends as soon as it is done


@pytest.fixture
def big(monkeypatch):
    """This small map counts as big: routed in the background, and drawn lazily."""
    monkeypatch.setattr(MapScene, "routing_limit", 100)
    monkeypatch.setattr(MapScene, "lazy_from", 100)
    MapScene.default_arrows = "curved"
    yield synthetic_map(N, seed=5)


def open_window(qtbot, m) -> MainWindow:
    QSettings().remove("window")
    QSettings().remove("arrows")
    win = MainWindow(Document(m))
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def close_window(win) -> None:
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()


def path_points(path: QPainterPath, n: int = 400) -> list[tuple[float, float]]:
    return [(p.x(), p.y()) for p in (path.pointAtPercent(k / n) for k in range(n + 1))]


def drawn(scene) -> dict[str, list[tuple[float, float]]]:
    """Every arrow as the canvas draws it: the items' paths, the overview's polylines of the
    arrows without an item (only those routed: straight ones are left out)."""
    out = {
        rid: path_points(item.line())
        for rid, item in scene.relation_items.items()
        if item.isVisible()
    }
    for rid in scene.model.relations:
        outline = scene.index.route_outline(rid)
        if rid not in out and outline is not None:
            out[rid] = [(p.x(), p.y()) for p in outline]
    return out


def through_cards(scene, paths) -> list[tuple[str, str]]:
    """(relation, claim) for each drawn arrow crossing a card it does not belong to: the
    cards made where they are, the others where the model puts them (estimated sizes)."""
    positions, sizes = {}, {}
    for cid, claim in scene.model.claims.items():
        item = scene.claim_items.get(cid)
        if item is not None:
            r = item.scene_rect()
            positions[cid] = (r.center().x(), r.center().y())
            sizes[cid] = (r.width(), r.height())
        else:
            positions[cid] = claim.pos
    return arrows_through_cards(scene.model, positions, sizes, paths=paths, only=list(paths))


def routed(scene, qtbot) -> None:
    """Until the worker's routes are applied and nothing is left to route."""
    qtbot.waitUntil(lambda: scene.router.applied and not scene.router.active, timeout=WAIT_MS)


def test_a_big_map_opens_straight_then_its_routes_arrive(qtbot, big) -> None:
    win = open_window(qtbot, big)
    try:
        scene = win.scene
        assert scene.lazy and scene.routing_limited and scene.arrows == "straight"
        progress = win.features["arrows"].progress
        assert progress.isVisible()
        assert "Routing arrows…" in win.features["arrows"].progress_label.text()
        straight = {
            r.id: [scene.model.claims[r.source].pos, scene.model.claims[r.target].pos]
            for r in scene.model.relations.values()
            if r.target in scene.model.claims
        }
        assert len(through_cards(scene, straight)) > 50  # the test can see a crossing
        routed(scene, qtbot)
        assert scene.arrows == "curved" and not scene.routing_limited
        assert not progress.isVisible()
        # The overview draws every arrow routed, around the cards.
        paths = drawn(scene)
        assert len(paths) == len(scene.model.relations)
        assert through_cards(scene, paths) == []
        assert scene.overview.routed_count() == len(scene.model.relations)
        # At 100 % on a region the arrows made there take their routes from the worker.
        far = max(scene.model.claims.values(), key=lambda c: c.x + c.y)
        kept = {
            r.id: unpack(scene.index.map_routes[r.id])
            for r in scene.model.relations_of(far.id)
        }
        win.view.set_zoom(1.0)
        win.view.centerOn(QPointF(*far.pos))
        qtbot.waitUntil(lambda: far.id in scene.claim_items)
        for rid, route in kept.items():
            item = scene.relation_items[rid]
            elements = item.line()
            points = {
                (round(elements.elementAt(i).x, 6), round(elements.elementAt(i).y, 6))
                for i in range(elements.elementCount())
            }
            inner = [p for cmd in route.commands[1:-1] for p in cmd[1:]]
            assert all((round(x, 6), round(y, 6)) in points for x, y in inner)
        assert any(len(route.commands) > 2 for route in kept.values())  # routed, not straight
        assert through_cards(scene, drawn(scene)) == []
    finally:
        close_window(win)


def test_a_drag_during_routing_is_kept_and_undo_routes_around_cards(qtbot, big) -> None:
    win = open_window(qtbot, big)
    try:
        scene = win.scene
        m = scene.model
        hub = max(m.claims, key=lambda cid: len(m.relations_of(cid)))
        win.view.set_zoom(1.0)
        win.view.centerOn(QPointF(*m.claims[hub].pos))
        qtbot.waitUntil(lambda: hub in scene.claim_items)
        # The worker has the map's geometry: the drag below comes after it (events sent
        # straight to the viewport, so no reply is read before the drop).
        qtbot.waitUntil(lambda: scene.router.process is not None, timeout=WAIT_MS)
        start = scene.claim_items[hub].pos()
        goal = start + QPointF(-420, 150)  # left of the map: its arrows pass its first column
        a, b = vp(win, start), vp(win, goal)
        viewport = win.view.viewport()
        send_mouse(win, QEvent.Type.MouseButtonPress, a, LEFT, LEFT)
        for i in range(1, 9):
            p = a + (b - a) * i / 8
            send_mouse(win, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, LEFT)
        send_mouse(win, QEvent.Type.MouseButtonRelease, b, LEFT, Qt.MouseButton.NoButton)
        assert viewport is win.view.viewport()
        moved = m.claims[hub].pos
        assert abs(moved[0] - goal.x()) < 5 and abs(moved[1] - goal.y()) < 5  # dropped there
        assert scene.router.process is not None and not scene.router.applied  # still routing
        routed(scene, qtbot)
        assert m.claims[hub].pos == moved  # the drop is kept
        own = {r.id for r in m.relations_of(hub)}
        paths = drawn(scene)
        assert own <= set(paths)
        assert through_cards(scene, paths) == []
        # Undo puts the card back; its arrows (and those it made stale) go around cards.
        win.document.undo_stack.undo()
        assert m.claims[hub].pos == (start.x(), start.y())
        qtbot.waitUntil(lambda: scene.claim_items[hub].pos() == start)
        qtbot.waitUntil(lambda: not scene.router.active, timeout=WAIT_MS)
        scene.flush_routes()
        paths = drawn(scene)
        assert own <= set(paths)
        assert through_cards(scene, paths) == []
    finally:
        close_window(win)


def test_closing_the_window_while_routing_ends_the_worker(qtbot, big) -> None:
    win = open_window(qtbot, big)
    scene = win.scene
    qtbot.waitUntil(lambda: scene.router.process is not None, timeout=WAIT_MS)
    pid = scene.router.pid()
    assert pid and Path(f"/proc/{pid}").exists()
    close_window(win)
    assert scene.router.process is None
    assert not Path(f"/proc/{pid}").exists()  # killed and reaped, no zombie left
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_stop_leaves_the_arrows_straight_and_the_menu_routes_them(qtbot, big) -> None:
    win = open_window(qtbot, big)
    try:
        scene = win.scene
        qtbot.waitUntil(lambda: scene.router.process is not None, timeout=WAIT_MS)
        pid = scene.router.pid()
        qtbot.mouseClick(win.features["arrows"].stop_button, Qt.MouseButton.LeftButton)
        assert not scene.router.active and scene.arrows == "straight"
        assert not Path(f"/proc/{pid}").exists()
        assert not win.features["arrows"].progress.isVisible()
        assert "Routing stopped" in win.statusBar().currentMessage()
        win.context.actions["view.arrows.orthogonal"].trigger()
        assert scene.arrows == "straight" and scene.router.active
        routed(scene, qtbot)
        assert scene.arrows == "orthogonal"
        assert through_cards(scene, drawn(scene)) == []
    finally:
        win.features["arrows"].set_style("curved")
        close_window(win)
