"""Zoom steps at reading zoom (`argmap/ui/zoom_burst.py`), read from what the window shows
(the offscreen screen's copy of the window, not a fresh render): while the wheel keeps
turning the cards are drawn from scaled pixmaps and the scroll bars keep their picture; once
zooming pauses, the canvas is exactly what a fresh paint at the new scale draws (text and
arrows included) and the scroll bars show the new range."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem

from argmap.model import ArgumentMap, Claim, MapInfo, Relation, RelationKind
from argmap.ui.document import Document
from argmap.ui.items.claim_item import ClaimItem
from argmap.ui.main_window import MainWindow


def shown(widget) -> QImage:
    """What the screen shows of a widget now (the window's backing store): a repaint that
    was left out shows as the old picture, unlike `widget.grab()`, which paints anew."""
    window = widget.window()
    corner = widget.mapTo(window, QPoint(0, 0))
    full = window.screen().grabWindow(window.winId()).toImage()
    ratio = full.devicePixelRatio()
    return full.copy(
        int(corner.x() * ratio),
        int(corner.y() * ratio),
        int(widget.width() * ratio),
        int(widget.height() * ratio),
    ).convertToFormat(QImage.Format.Format_RGB32)


def wheel(view, notches: int = 1) -> None:
    """Turn the mouse wheel over the middle of the canvas, as a user does."""
    viewport = view.viewport()
    at = QPointF(viewport.width() / 2, viewport.height() / 2)
    event = QWheelEvent(
        at,
        viewport.mapToGlobal(at),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)
    QApplication.processEvents()


def fresh_paint(window) -> QImage:
    """The canvas painted from nothing at the current scale: every card's cache dropped."""
    cards = [i for i in window.scene.items() if isinstance(i, ClaimItem)]
    modes = [c.cacheMode() for c in cards]
    for card in cards:
        card.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    for card, mode in zip(cards, modes, strict=True):
        card.setCacheMode(mode)
    window.view.viewport().repaint()
    return shown(window.view.viewport())


def differing(a: QImage, b: QImage) -> int:
    """Pixels (every second row and column) that differ between two same-sized pictures."""
    assert a.size() == b.size()
    return sum(
        a.pixel(x, y) != b.pixel(x, y)
        for y in range(0, a.height(), 2)
        for x in range(0, a.width(), 2)
    )


def count_near(image: QImage, colour: QColor, tolerance: int = 40) -> int:
    """Pixels (every second row and column) within `tolerance` of `colour` in each channel."""
    n = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red()) <= tolerance
                and abs(c.green() - colour.green()) <= tolerance
                and abs(c.blue() - colour.blue()) <= tolerance
            ):
                n += 1
    return n


def settled(window, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.view.zoom_burst.active, timeout=3000)
    QApplication.processEvents()


def test_a_zoom_step_draws_cached_cards_and_the_pause_draws_them_crisply(window, qtbot):
    view = window.view
    settled(window, qtbot)
    before = view.zoom()
    wheel(view)
    assert view.zoom() > before * 1.1
    assert view.zoom_burst.active
    during = shown(view.viewport())
    settled(window, qtbot)
    after = shown(view.viewport())
    fresh = fresh_paint(window)
    # The frame of the step was the quick one (scaled pixmaps differ from a paint at the
    # new scale), and the picture once zooming paused is exactly a fresh paint.
    assert differing(during, fresh) > 50
    assert differing(after, fresh) == 0
    theme = window.theme
    assert count_near(after, QColor(theme.text), 60) > 100  # the cards' text
    assert count_near(after, QColor(theme.relation[RelationKind.SUPPORT]), 30) > 20  # arrows
    # No card is left on the zoom's scaled pixmaps.
    cards = [i for i in window.scene.items() if isinstance(i, ClaimItem)]
    assert all(c.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache for c in cards)


def test_zooming_out_step_by_step_caches_the_cards_coming_into_view(window, qtbot):
    view = window.view
    view.set_zoom(2.5)
    view.centerOn(window.scene.claim_items["a"])
    settled(window, qtbot)
    wheel(view, -1)
    wheel(view, -1)
    wheel(view, -1)
    shown_rect = view.mapToScene(view.viewport().rect()).boundingRect()
    visible = [
        i for i in window.scene.claim_items.values() if i.sceneBoundingRect().intersects(shown_rect)
    ]
    assert len(visible) == 4
    assert all(c.picture_scale is not None for c in visible)
    settled(window, qtbot)
    assert differing(shown(view.viewport()), fresh_paint(window)) == 0


def test_scroll_bars_show_the_new_range_once_zooming_pauses(window, qtbot):
    view = window.view
    bar = view.horizontalScrollBar()
    settled(window, qtbot)
    old = shown(bar)
    wheel(view)
    wheel(view)
    assert shown(bar) == old  # a step leaves the scroll bar's repaint for the pause
    settled(window, qtbot)
    now = shown(bar)
    assert now != old
    assert now == bar.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_the_window_screenshot_waits_for_no_pause(window, qtbot):
    """Copy View as Image in the middle of zooming copies the crisp picture."""
    view = window.view
    wheel(view)
    assert view.zoom_burst.active
    window.features["views"].copy_image()
    assert not view.zoom_burst.active
    copied = QApplication.clipboard().image().convertToFormat(QImage.Format.Format_RGB32)
    assert differing(copied, fresh_paint(window)) == 0


def test_a_long_arrow_seen_in_its_middle_is_drawn(qtbot):
    """Arrows longer than the view are cut to the part Qt says is exposed."""
    m = ArgumentMap(MapInfo(title="Long"))
    m.add_claim(Claim("a", "Far away premise", x=-3000, y=-2000))
    m.add_claim(Claim("b", "Far away conclusion", x=3000, y=2000))
    m.add_relation(Relation("r", "a", "b", RelationKind.SUPPORT))
    win = MainWindow(Document(m))
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    try:
        qtbot.waitUntil(lambda: win.view.viewport().width() > 600)
        win.scene.set_arrows("straight")  # one straight line through the middle of the view
        win.view.set_zoom(1.0)
        win.view.centerOn(0, 0)
        win.view.settle()
        image = win.view.viewport().grab().toImage()
        colour = QColor(win.theme.relation[RelationKind.SUPPORT])
        middle = win.view.mapFromScene(QPointF(0, 0))
        hits = [
            image.pixelColor(middle.x() + dx, middle.y() + dy)
            for dx in range(-3, 4)
            for dy in range(-3, 4)
        ]
        assert any(
            abs(c.red() - colour.red()) + abs(c.green() - colour.green()) < 60 for c in hits
        )
        assert count_near(image, colour, 30) > image.width() // 4  # across the whole view
        assert win.scene.relation_items["r"]._long  # the arrow was cut to its exposed part
    finally:
        win.document.undo_stack.setClean()
        win.close()
        win.deleteLater()
