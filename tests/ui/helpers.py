"""Driving the real window as a user does: mouse presses, drags and keys on the view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from argmap.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def vp(window: MainWindow, scene_point: QPointF | tuple[float, float]) -> QPoint:
    """A scene point in viewport coordinates."""
    if isinstance(scene_point, tuple):
        scene_point = QPointF(*scene_point)
    return window.view.mapFromScene(scene_point)


def send_mouse(window, kind, pos: QPoint, button, buttons, modifiers=NO_MOD) -> None:
    viewport = window.view.viewport()
    glob = viewport.mapToGlobal(pos)
    event = QMouseEvent(kind, QPointF(pos), QPointF(glob), button, buttons, modifiers)
    QApplication.sendEvent(viewport, event)


def drag(qtbot, window, start, end, modifiers=NO_MOD, steps: int = 8) -> None:
    """Press at `start`, move in steps to `end` with the button held, release (scene points)."""
    a, b = vp(window, start), vp(window, end)
    qtbot.mousePress(window.view.viewport(), LEFT, modifiers, a)
    for i in range(1, steps + 1):
        p = QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps)
        send_mouse(window, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, LEFT, modifiers)
    qtbot.mouseRelease(window.view.viewport(), LEFT, modifiers, b)


def click(qtbot, window, point, modifiers=NO_MOD) -> None:
    qtbot.mouseClick(window.view.viewport(), LEFT, modifiers, vp(window, point))


def double_click(qtbot, window, point) -> None:
    qtbot.mouseDClick(window.view.viewport(), LEFT, NO_MOD, vp(window, point))


def card_centre(window, claim_id: str) -> QPointF:
    return window.scene.claim_items[claim_id].pos()


def handle(window, claim_id: str) -> QPointF:
    item = window.scene.claim_items[claim_id]
    return item.mapToScene(item.handle_center())
