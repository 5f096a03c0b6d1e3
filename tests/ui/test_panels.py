"""The window gives the canvas most of its room, and remembers how the user arranged the panels
(issue 20: "the canvas gets at least 70 % of a 1600×1000 window by default")."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from argmap.ui.document import Document
from argmap.ui.main_window import MainWindow
from tests.ui.conftest import small_map


def _open(qtbot, width=1600, height=1000) -> MainWindow:
    win = MainWindow(Document(small_map()))
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    for _ in range(3):
        QApplication.processEvents()
    return win


def _close(win: MainWindow) -> None:
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()
    QApplication.processEvents()


def _column(win: MainWindow) -> list[QDockWidget]:
    return [d for d in win.findChildren(QDockWidget) if d.objectName() != "dock-minimap"]


def test_the_canvas_gets_most_of_a_1600_by_1000_window(qtbot):
    QSettings().remove("window")
    win = _open(qtbot)
    try:
        viewport = win.view.viewport()
        share = viewport.width() * viewport.height() / (win.width() * win.height())
        assert share >= 0.70, f"canvas {viewport.width()}×{viewport.height()}: {share:.0%}"
        # One column: every visible panel is a tab of the same group (the same place), so the
        # empty Inspector takes no column of its own.
        shown = [d for d in _column(win) if d.isVisible() or win.tabifiedDockWidgets(d)]
        places = {(d.x(), d.width()) for d in shown if not d.visibleRegion().isEmpty()}
        assert len(places) == 1, places
        inspector = win.docks["inspector"]
        assert inspector in win.tabifiedDockWidgets(win.docks["outline"])
        assert win.dockWidgetArea(inspector) == Qt.DockWidgetArea.RightDockWidgetArea
        # The minimap sits below the column, not in it, and the key-assumptions panel stays
        # hidden until asked for.
        minimap = win.docks["minimap"]
        assert minimap.isVisible() and minimap.y() > win.docks["outline"].y()
        assert minimap not in win.tabifiedDockWidgets(win.docks["outline"])
        assert not win.docks["key_assumptions"].isVisible()
    finally:
        _close(win)


def test_the_users_panel_layout_is_remembered_and_can_be_reset(qtbot):
    QSettings().remove("window")
    win = _open(qtbot)
    history = win.docks["history"]
    history.toggleViewAction().trigger()  # what View ▸ Panels ▸ History does
    assert not history.isVisible()
    win.docks["checks"].setFloating(True)
    _close(win)

    again = _open(qtbot)
    try:
        assert not again.docks["history"].isVisible()
        assert again.docks["checks"].isFloating()
        again.context.actions["view.reset_panels"].trigger()
        QApplication.processEvents()
        assert not again.docks["checks"].isFloating()
        assert again.docks["checks"] in again.tabifiedDockWidgets(again.docks["outline"])
        viewport = again.view.viewport()
        assert viewport.width() >= 0.7 * again.width()
    finally:
        _close(again)
    QSettings().remove("window")


def test_the_opening_view_frames_again_while_nobody_has_moved_it(qtbot):
    QSettings().remove("window")
    win = _open(qtbot, 900, 700)
    try:
        view = win.view
        view.opening_view()
        before = view.zoom()
        win.resize(1600, 1000)  # the window maximised before the user touched the canvas
        QApplication.processEvents()
        assert view.zoom() > before  # framed for the bigger canvas
        # Once the user zooms, a resize keeps the user's camera.
        view.zoom_in()
        mine = view.zoom()
        win.resize(1200, 800)
        QApplication.processEvents()
        assert view.zoom() == mine
    finally:
        _close(win)
