"""A big map's canvas makes card and arrow items only where they are drawn one by one (lazy
mode, `MapScene.lazy_from`): it opens with a few items, draws the rest from the model, and
every gesture and feature still reaches any claim. Real windows, real mouse events, pixels
read from grabs of the canvas."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import QColor, QImage

from argmap.model import ClaimKind, RelationKind
from argmap.model.synthetic import synthetic_map
from argmap.model.types import with_changes
from argmap.ui import pictures
from argmap.ui.document import Document
from argmap.ui.items.levels import DIM
from argmap.ui.main_window import MainWindow
from argmap.ui.scene import MapScene
from tests.ui.helpers import LEFT, click, drag, handle, vp

CTRL = Qt.KeyboardModifier.ControlModifier

N = 3000  # claims: above MapScene.lazy_from, small enough for a quick test
FAR_TEXT = "Zanzibar ferries keep sailing"


def big_map():
    m = synthetic_map(N, seed=3)
    # The claim farthest from the theses (which sit on top): a unique text to find it by.
    far = max(m.claims.values(), key=lambda c: c.x + c.y)
    m.replace_claim(with_changes(far, text=FAR_TEXT))
    return m, far.id


def open_window(qtbot, m) -> MainWindow:
    QSettings().remove("window")
    win = MainWindow(Document(m))
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.view._opening_camera is not None)  # the queued opening view
    return win


def close_window(win) -> None:
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()


def share_of(image: QImage, rect: QRectF, colour: QColor, tolerance: int = 12) -> float:
    """The share of the pixels in `rect` (viewport pixels) of about this colour."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    hits = total = 0
    for y in range(int(rect.top()), int(rect.bottom()), 2):
        for x in range(int(rect.left()), int(rect.right()), 2):
            if 0 <= x < image.width() and 0 <= y < image.height():
                total += 1
                c = image.pixelColor(x, y)
                hits += (
                    abs(c.red() - colour.red()) <= tolerance
                    and abs(c.green() - colour.green()) <= tolerance
                    and abs(c.blue() - colour.blue()) <= tolerance
                )
    return hits / max(total, 1)


def card_pixels(win, claim_id: str) -> QRectF:
    """The card's body (below its header, inside its border) in viewport pixels."""
    rect = win.scene.claim_items[claim_id].scene_rect().adjusted(6, 24, -6, -6)
    return win.view.mapFromScene(rect).boundingRect().toRectF()


def test_a_big_map_opens_with_few_items_framed_on_its_theses(qtbot):
    m, _ = big_map()
    assert N > MapScene.lazy_from
    win = open_window(qtbot, m)
    try:
        scene = win.scene
        assert scene.lazy
        assert len(scene.claim_items) + len(scene.relation_items) < N / 10
        theses = [c for c in m.claims.values() if c.kind is ClaimKind.THESIS]
        shown = win.view.visible_scene_rect()
        assert all(shown.contains(QPointF(c.x, c.y)) for c in theses)
        scene.overview.settle()
        scene.labels.settle()
        # The theses' labels come first in the first picture (all that fit without
        # overlapping: 60 theses share the window), over the overview's cards.
        placed = scene.labels.placed_ids()
        ids = {c.id for c in theses}
        labelled = [cid for cid in placed if cid in ids]
        assert len(labelled) >= len(ids) / 3
        assert placed[: len(labelled)] == labelled
        image = win.view.viewport().grab().toImage()
        thesis = theses[0]
        colour = scene.theme.card_accent[ClaimKind.THESIS]
        p = vp(win, (thesis.x, thesis.y))
        label = QRectF(p.x() - 60, p.y() - 14, 120, 28)
        assert share_of(image, label, colour, 40) > 0.02  # the thesis label's frame and mark
    finally:
        close_window(win)


def test_zooming_into_a_far_region_makes_and_draws_its_cards(qtbot):
    m, far = big_map()
    win = open_window(qtbot, m)
    try:
        scene = win.scene
        assert far not in scene.claim_items
        claim = m.claims[far]
        win.view.set_zoom(1.0)
        win.view.centerOn(QPointF(claim.x, claim.y))
        assert far in scene.claim_items
        made = len(scene.claim_items)
        assert made < N / 5
        # Its neighbours in view are made too, and all of them drawn as cards with text.
        shown = win.view.visible_scene_rect()
        near = [c for c in m.claims.values() if shown.contains(QPointF(c.x, c.y))]
        assert len(near) > 3 and all(c.id in scene.claim_items for c in near)
        qtbot.wait(20)
        image = win.view.viewport().grab().toImage()
        fill = scene.theme.card_fill[claim.kind]
        assert share_of(image, card_pixels(win, far), fill) > 0.5
        # Panning on makes the next cards as they come into view.
        win.view.horizontalScrollBar().setValue(win.view.horizontalScrollBar().value() - 900)
        assert len(scene.claim_items) > made
        shown = win.view.visible_scene_rect()
        assert all(
            c.id in scene.claim_items
            for c in m.claims.values()
            if shown.contains(QPointF(c.x, c.y))
        )
    finally:
        close_window(win)


def test_search_and_go_to_a_far_claim_then_drag_it_and_undo(qtbot):
    m, far = big_map()
    win = open_window(qtbot, m)
    try:
        scene = win.scene
        # Ctrl+F, type, Enter: the Outline's search goes to the claim far from the view.
        qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        search = win.outline.search
        qtbot.waitUntil(search.hasFocus)
        qtbot.keyClicks(search, "Zanzibar")
        qtbot.keyClick(search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: scene.selected_claim_ids() == [far])
        item = scene.claim_items[far]
        assert win.view.visible_scene_rect().contains(item.pos())
        # Drag the card that was made for it, then undo the move.
        win.view.set_zoom(1.0)
        win.view.centerOn(item)
        start = QPointF(item.pos().x() + 40, item.pos().y() + 10)  # on the card, off its text
        before = (m.claims[far].x, m.claims[far].y)
        drag(qtbot, win, start, start + QPointF(160, 90))
        moved = m.claims[far]
        assert (round(moved.x - before[0]), round(moved.y - before[1])) == (160, 90)
        assert item.pos() == QPointF(moved.x, moved.y)
        win.document.undo_stack.undo()
        assert (m.claims[far].x, m.claims[far].y) == before
        assert item.pos() == QPointF(*before)
        # Its arrows were made with it and follow it.
        for relation in m.relations_of(far):
            arrow = scene.relation_items[relation.id]
            assert arrow.line().boundingRect().adjusted(-2, -2, 2, 2).intersects(
                item.scene_rect()
            )
    finally:
        close_window(win)


def test_clicks_and_rubber_bands_on_the_overview_select_cards_not_made_yet(qtbot):
    m, _ = big_map()
    win = open_window(qtbot, m)
    try:
        scene = win.scene
        assert scene.overview_mode
        # A click on a card the overview draws selects it.
        target = min(
            (c for c in m.claims.values() if c.kind is ClaimKind.CLAIM),
            key=lambda c: abs(c.x - 4000) + abs(c.y - 3000),
        )
        win.view.centerOn(QPointF(target.x, target.y))
        assert target.id not in scene.claim_items
        click(qtbot, win, QPointF(target.x, target.y))
        assert scene.selected_claim_ids() == [target.id]
        # A rubber band from outside the map selects the cards it covers (made for it).
        win.view.centerOn(QPointF(1500, 1200))
        band = QRectF(QPointF(-500, -500), QPointF(2600, 2200))
        drag(qtbot, win, band.topLeft(), band.bottomRight(), steps=12)
        chosen = set(scene.selected_claim_ids())
        inside = {c.id for c in m.claims.values() if band.contains(QPointF(c.x, c.y))}
        assert inside and inside <= chosen
        index = scene.index
        assert all(index.card_rect(cid).intersects(band) for cid in chosen)
    finally:
        close_window(win)


def test_focus_dims_cards_made_later_and_export_draws_every_claim(qtbot, tmp_path):
    m, far = big_map()
    win = open_window(qtbot, m)
    try:
        scene = win.scene
        thesis = next(c.id for c in m.claims.values() if c.kind is ClaimKind.THESIS)
        focus = win.features["focus"]
        focus.focus(thesis, 1)
        assert far not in focus.kept
        claim = m.claims[far]
        win.view.set_zoom(1.0)
        win.view.centerOn(QPointF(claim.x, claim.y))
        assert scene.claim_items[far].opacity() == DIM
        focus.clear()
        assert scene.claim_items[far].opacity() == 1.0
        # A picture of the whole map from the window's canvas draws every claim.
        svg = pictures.render_svg(m, scene=scene).decode()
        assert len(scene.claim_items) == len(m.claims)
        assert len(scene.relation_items) == len(m.relations)
        assert "Zanzibar" in svg
        assert scene.lazy and win.view.isVisible()
    finally:
        close_window(win)


def test_small_maps_make_every_item_at_once(qtbot, window):
    scene = window.scene
    assert not scene.lazy
    assert set(scene.claim_items) == set(window.document.model.claims)
    assert LEFT  # (helpers imported for the big-map tests)


def test_connecting_drags_zoomed_out_drop_on_cards_and_arrows_not_made_yet(qtbot):
    m, _ = big_map()
    win = open_window(qtbot, m)
    try:
        scene, view = win.scene, win.view
        view.set_zoom(0.25)
        assert scene.overview_mode
        source = min(
            (c for c in m.claims.values() if c.kind is ClaimKind.CLAIM),
            key=lambda c: abs(c.x - 4000) + abs(c.y - 3000),
        )
        view.centerOn(QPointF(source.x, source.y))
        click(qtbot, win, QPointF(source.x, source.y))  # made by the click on the overview
        shown = view.visible_scene_rect().adjusted(200, 200, -200, -200)
        linked = {r.target for r in m.relations.values() if r.source == source.id}
        target = next(
            c
            for c in m.claims.values()
            if shown.contains(QPointF(c.x, c.y))
            and c.id not in scene.claim_items
            and c.id not in linked
            and abs(c.x - source.x) > 800
        )
        before = set(m.relations)
        drag(qtbot, win, handle(win, source.id), QPointF(target.x, target.y), modifiers=CTRL)
        made = [r for rid, r in m.relations.items() if rid not in before]
        assert [(r.source, r.target, r.kind) for r in made] == [
            (source.id, target.id, RelationKind.SUPPORT)
        ]
        win.document.undo_stack.undo()
        assert set(m.relations) == before

        # An arrow the overview draws, between two cards not made: a short upright one.
        index = scene.index

        def upright(rid: str) -> bool:
            r = m.relations[rid]
            if r.target not in m.claims or {r.source, r.target} & set(scene.claim_items):
                return False
            a, b = m.claims[r.source], m.claims[r.target]
            return shown.contains(QPointF(a.x, a.y)) and abs(a.x - b.x) < 2 and 0 < a.y - b.y < 400

        rid = next(rid for rid in m.relations if upright(rid))
        rel = m.relations[rid]
        low, high = index.card_rect(rel.source), index.card_rect(rel.target)
        middle = QPointF(m.claims[rel.source].x, (low.top() + high.bottom()) / 2)
        assert low.top() - high.bottom() > 20 and rid not in scene.relation_items
        before = set(m.relations)
        drag(qtbot, win, handle(win, source.id), middle)
        made = [r for r_id, r in m.relations.items() if r_id not in before]
        assert [(r.source, r.target, r.kind) for r in made] == [
            (source.id, rid, RelationKind.ATTACK)
        ]
    finally:
        close_window(win)
