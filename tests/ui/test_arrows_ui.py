"""Routed arrows on the canvas: re-routed while and after dragging, View ▸ Arrows, exports."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QPainterPath

from argmap.analysis import routing
from argmap.model import ArgumentMap, Claim, MapInfo, Relation
from argmap.model.edits import MoveClaims
from argmap.ui import pictures
from argmap.ui.scene import MapScene
from tests.ui.helpers import LEFT, send_mouse, vp


def path_points(path: QPainterPath, n: int = 300) -> list[tuple[float, float]]:
    return [(p.x(), p.y()) for p in (path.pointAtPercent(k / n) for k in range(n + 1))]


def crosses_card(window, relation_id: str, claim_id: str) -> bool:
    """Whether the arrow as drawn passes through the card."""
    r = window.scene.claim_items[claim_id].scene_rect()
    rect = (r.left(), r.top(), r.right(), r.bottom())
    points = path_points(window.scene.relation_items[relation_id]._path)
    return any(routing.crosses(p, q, rect) for p, q in zip(points, points[1:], strict=False))


@pytest.fixture
def curved(window):
    """The window's canvas with curved arrows (the default), restored afterwards."""
    window.features["arrows"].set_style("curved", remember=False)
    yield window
    # Remembered too: a style chosen from the menu in a test would follow the next windows.
    window.features["arrows"].set_style(routing.DEFAULT_STYLE)
    MapScene.default_arrows = routing.DEFAULT_STYLE


def test_dragging_a_card_reroutes_its_arrows_live_and_others_on_drop(qtbot, curved) -> None:
    window = curved
    scene = window.scene
    assert scene.arrows == "curved"
    # e supports a (r3). Drag e right of b, level with a: the straight line e–a would run
    # through b. The arrow follows the drag around b while the button is still held.
    start = scene.claim_items["e"].pos()
    goal = QPointF(450, 250)
    window.view.centerOn(QPointF(150, 300))
    a, b = vp(window, start), vp(window, goal)
    qtbot.mousePress(window.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, a)
    for i in range(1, 9):
        p = QPoint(a.x() + (b.x() - a.x()) * i // 8, a.y() + (b.y() - a.y()) * i // 8)
        send_mouse(window, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, LEFT)
    assert scene.claim_items["e"].pos() == goal
    assert window.document.model.claims["e"].pos != (450, 250)  # not dropped yet
    centre_line = (
        (goal.x(), goal.y()),
        (scene.claim_items["a"].pos().x(), scene.claim_items["a"].pos().y()),
    )
    rb = scene.claim_items["b"].scene_rect()
    assert routing.crosses(*centre_line, (rb.left(), rb.top(), rb.right(), rb.bottom()))
    assert not crosses_card(window, "r3", "b")  # routed around b during the drag
    qtbot.mouseRelease(window.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, b)
    assert window.document.model.claims["e"].pos == (450, 250)
    assert not crosses_card(window, "r3", "b")
    # Now drop b between a and e's old place... first put e back under a by undo.
    window.document.undo_stack.undo()
    assert scene.claim_items["e"].pos() == start
    assert not crosses_card(window, "r3", "b")
    # Drag b into the gap between a and e: r3 is not b's arrow, it is re-routed on the drop.
    drop = QPointF(-150, 375)
    window.view.centerOn(QPointF(0, 300))
    a, b = vp(window, scene.claim_items["b"].pos()), vp(window, drop)
    qtbot.mousePress(window.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, a)
    for i in range(1, 9):
        p = QPoint(a.x() + (b.x() - a.x()) * i // 8, a.y() + (b.y() - a.y()) * i // 8)
        send_mouse(window, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, LEFT)
    qtbot.mouseRelease(window.view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, b)
    assert window.document.model.claims["b"].pos == (-150, 375)
    qtbot.waitUntil(lambda: not crosses_card(window, "r3", "b"), timeout=3000)
    assert not crosses_card(window, "r2", "a")  # b's own arrow to t goes around a
    for rid in ("r1", "r2", "r3"):
        assert scene.relation_items[rid].isVisible()


def test_view_menu_switches_arrows_and_remembers(qtbot, curved) -> None:
    window = curved
    scene = window.scene
    scene.push(MoveClaims.of({"b": (-150, 375)}), "Move")  # b in the way of r3 (e under a)
    scene.flush_routes()
    assert not crosses_card(window, "r3", "b")
    window.context.actions["view.arrows.orthogonal"].trigger()
    assert scene.arrows == "orthogonal"
    assert QSettings("argmap", "argmap").value("arrows") == "orthogonal"
    assert MapScene.default_arrows == "orthogonal"  # the next map opens with it
    assert window.context.actions["view.arrows.orthogonal"].isChecked()
    assert not crosses_card(window, "r3", "b")
    window.context.actions["view.arrows.straight"].trigger()
    assert scene.arrows == "straight"
    assert crosses_card(window, "r3", "b")  # straight from card to card, through b
    item = scene.relation_items["r3"]
    assert item._path.elementCount() == 2
    window.context.actions["view.arrows.curved"].trigger()
    assert QSettings("argmap", "argmap").value("arrows") == "curved"
    assert not crosses_card(window, "r3", "b")


def blocked_map() -> ArgumentMap:
    m = ArgumentMap(MapInfo(title="Blocked"))
    m.add_claim(Claim("t", "Talks will stall", x=0, y=0))
    m.add_claim(Claim("p", "Both sides harden their lines", x=0, y=600))
    m.add_claim(Claim("x", "A card in the way", x=0, y=300))
    m.add_relation(Relation("r", "p", "t"))
    return m


def test_exports_draw_the_routed_arrows(qapp) -> None:
    m = blocked_map()
    straight = pictures.render_svg(m, arrows="straight").decode()
    curved = pictures.render_svg(m, arrows="curved").decode()
    orthogonal = pictures.render_svg(m, arrows="orthogonal").decode()
    assert len({straight, curved, orthogonal}) == 3  # each picture draws its own arrows
    png = pictures.render_png(m, arrows="orthogonal", scale=1.0)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError):
        MapScene(__import__("argmap.ui.document", fromlist=["Document"]).Document(m)).set_arrows(
            "wavy"
        )


def test_a_map_too_big_to_route_opens_straight_until_routed_in_the_background(
    qtbot, curved, monkeypatch
) -> None:
    window = curved
    monkeypatch.setattr(MapScene, "routing_limit", 2)  # the small map's 3 relations: "big"
    window.features["arrows"]._apply()  # what opening a document does
    scene = window.scene
    assert scene.arrows == "straight" and scene.routing_limited
    assert window.features["arrows"].progress_label.text().startswith("Routing arrows…")
    fresh = MapScene(scene.document)  # a canvas made for a picture: straight, no worker
    assert fresh.arrows == "straight" and fresh.routing_limited and not fresh.router.active
    fresh.disconnect_model()
    window.context.actions["view.arrows.orthogonal"].trigger()  # another style: routed anew
    assert scene.arrows == "straight" and scene.router.style == "orthogonal"
    qtbot.waitUntil(lambda: scene.router.applied and not scene.router.active, timeout=120_000)
    assert scene.arrows == "orthogonal" and not scene.routing_limited
    assert not crosses_card(window, "r3", "b")
