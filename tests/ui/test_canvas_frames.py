"""What the canvas draws at overview zoom, checked in the pixels of real views (offscreen):
the overview item is indexed and drawn, quick frames while zooming, the minimap never leaves
the canvas with a stale picture, and Qt's item index stays shallow on big maps."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, QSettings
from PySide6.QtGui import QColor, QImage

from argmap.model import RelationKind
from argmap.model.edits import MoveClaims
from argmap.model.synthetic import synthetic_map
from argmap.ui.document import Document
from argmap.ui.main_window import MainWindow
from argmap.ui.theme import box_colour


def close(c: QColor, colour: QColor, tolerance: int) -> bool:
    """Whether two colours differ by at most `tolerance` in every channel."""
    return (
        abs(c.red() - colour.red()) <= tolerance
        and abs(c.green() - colour.green()) <= tolerance
        and abs(c.blue() - colour.blue()) <= tolerance
    )


def colour_count(image: QImage, colour: QColor, tolerance: int = 6) -> int:
    """Pixels (every second row and column) within `tolerance` of `colour`."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return sum(
        close(image.pixelColor(x, y), colour, tolerance)
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    )


def near(image: QImage, point, colour: QColor, radius: int = 3, tolerance: int = 40) -> bool:
    """Whether a pixel within `radius` of `point` has about this colour."""
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            x, y = point.x() + dx, point.y() + dy
            inside = 0 <= x < image.width() and 0 <= y < image.height()
            if inside and close(image.pixelColor(x, y), colour, tolerance):
                return True
    return False


def grab(view) -> QImage:
    return view.viewport().grab().toImage()


def show_minimap(window, qtbot):
    minimap = window.features["minimap"].view
    window.context.docks["minimap"].show()
    window.context.docks["minimap"].raise_()
    qtbot.waitUntil(lambda: minimap.isVisible() and minimap.viewport().width() > 50)
    return minimap


@pytest.fixture
def big_window(qtbot):
    QSettings().remove("window")
    win = MainWindow(Document(synthetic_map(1200, 1800, seed=3)))
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()


def test_the_overview_is_in_the_index_and_draws_the_cards_at_fit(big_window, qtbot):
    window, scene = big_window, big_window.scene
    window.view.fit_map()
    scene.overview.settle()
    scene.labels.settle()
    assert scene.overview_mode
    # Its bounds are set by the scene, never changed while Qt's index asks for them (which
    # left it out of the index: a map at fit zoom showed labels over an empty canvas).
    assert scene.overview in scene.items(window.view.visible_scene_rect())
    image = grab(window.view)
    theme = scene.theme
    from argmap.model import ClaimKind

    boxes = sum(colour_count(image, box_colour(theme, k)) for k in ClaimKind)
    assert boxes > 500
    # Qt's BSP index is kept shallower than Qt's own choice (2^ceil(log2 n) leaves).
    items = len(scene.claim_items) + len(scene.relation_items)
    assert 0 < scene.bspTreeDepth() <= math.ceil(math.log2(items)) - 4


def test_zoom_steps_draw_the_cards_quickly_and_the_arrows_once_zooming_pauses(window, qtbot):
    scene, view = window.scene, window.view
    theme = scene.theme
    view.set_zoom(0.2)
    view.centerOn(0, 250)
    scene.overview.settle()
    view.set_zoom(0.25)  # a zoom step: the overview is zooming
    assert scene.overview_mode and scene.overview.zooming
    image = grab(view)
    card = view.mapFromScene(scene.claim_items["a"].scene_rect().center())
    assert near(image, card, box_colour(theme, scene.claim_items["a"].claim.kind), 1, 6)
    middle = view.mapFromScene(QPointF(-75, 125))  # halfway along a -> t (a support)
    support = theme.relation[RelationKind.SUPPORT]
    assert not near(image, middle, support)
    scene.overview.settle()
    image = grab(view)
    assert near(image, middle, support)
    assert near(image, card, box_colour(theme, scene.claim_items["a"].claim.kind), 1, 6)


def test_the_canvas_is_up_to_date_when_the_minimap_painted_first(window, qtbot):
    """Qt keeps one "repaint the cache" flag per item, not per view: when the minimap was a
    second view of the canvas's scene and painted first, the canvas kept its old picture (the
    overview without arrows after a zoom)."""
    scene, view = window.scene, window.view
    minimap = show_minimap(window, qtbot)
    view.set_zoom(0.2)
    view.centerOn(0, 250)
    view.viewport().repaint()  # drawn while zooming: no arrows
    scene.overview.settle()
    minimap.viewport().repaint()  # the minimap paints first
    image = grab(view)
    middle = view.mapFromScene(QPointF(-150, 375))  # halfway along e -> a (a support)
    assert near(image, middle, scene.theme.relation[RelationKind.SUPPORT])


def test_the_minimap_draws_the_map_and_follows_a_move(window, qtbot):
    scene = window.scene
    minimap = show_minimap(window, qtbot)
    window.view.centerOn(3000, 3000)  # the shown part's tint off the map
    minimap.fit()
    kind = scene.claim_items["b"].claim.kind
    colour = box_colour(scene.theme, kind)
    before = minimap.mapFromScene(scene.claim_items["b"].scene_rect().center())
    assert near(grab(minimap), before, colour, 1, 6)
    window.document.push(MoveClaims.of({"b": (150.0, 650.0)}), "Move")
    after = scene.claim_items["b"].scene_rect().center()
    qtbot.waitUntil(lambda: near(grab(minimap), minimap.mapFromScene(after), colour, 1, 6))
    assert not near(grab(minimap), minimap.mapFromScene(QPointF(150, 250)), colour, 1, 6)


def test_the_window_screenshot_shows_the_overview_arrows(qtbot, tmp_path):
    """`main.py --screenshot` of the whole window at overview zoom: the canvas part shows the
    arrows (the minimap, painted in the same grab, used to leave the canvas with the picture it
    had while zooming: cards without arrows)."""
    from argmap.io import native
    from argmap.ui.app import run_app
    from argmap.ui.theme import LIGHT

    path, shot = tmp_path / "big.argmap", tmp_path / "window.png"
    native.write(synthetic_map(1200, 1800, seed=3), path)  # opens at about 6 %
    args = [str(path), "--screenshot", str(shot), "--size", "1200x800", "--appearance", "light"]
    assert run_app(args) == 0
    image = QImage(str(shot))
    canvas = image.copy(0, 60, image.width() * 3 // 5, image.height() - 120)
    assert colour_count(canvas, LIGHT.relation[RelationKind.SUPPORT], tolerance=10) > 40


def test_copy_view_as_image_in_the_middle_of_a_zoom_has_the_arrows(window, qtbot):
    from PySide6.QtWidgets import QApplication

    scene, view = window.scene, window.view
    view.set_zoom(0.2)
    view.centerOn(0, 250)
    assert scene.overview.zooming  # a zoom step just happened: quick frames, no arrows
    window.features["views"].copy_image()
    image = QApplication.clipboard().image()
    middle = view.mapFromScene(QPointF(-150, 375))  # halfway along e -> a (a support)
    assert near(image, middle, scene.theme.relation[RelationKind.SUPPORT])


def test_a_wide_canvas_at_fit_draws_the_overview_from_its_cache(qtbot, monkeypatch):
    """The overview and the label layer each cache a viewport-sized picture: on a canvas
    without docks beside it, Qt's default 10 MB pixmap cache held only one of them, and every
    frame at fit drew the whole overview again (77 ms for 5,000 claims instead of 5)."""
    from PySide6.QtGui import QPixmapCache

    from argmap.ui.items.overview_item import OverviewItem

    QSettings().remove("window")
    QPixmapCache.setCacheLimit(10240)  # Qt's default, whatever earlier windows asked for
    win = MainWindow(Document(synthetic_map(1200, 1800, seed=3)))
    win.resize(1700, 1100)
    win.show()
    qtbot.waitExposed(win)
    try:
        for dock in win.context.docks.values():
            dock.hide()
        qtbot.waitUntil(lambda: win.view.viewport().width() > 1600)
        win.view.fit_map()
        win.view.settle()
        win.view.viewport().repaint()
        draws = []
        original = OverviewItem.draw
        monkeypatch.setattr(
            OverviewItem, "draw", lambda self, *a, **k: draws.append(1) or original(self, *a, **k)
        )
        for _ in range(3):
            win.view.viewport().repaint()
        assert win.scene.labels.isVisible() and win.scene.overview.isVisible()
        assert draws == []
    finally:
        win.document.undo_stack.setClean()
        win.close()
        win.deleteLater()
