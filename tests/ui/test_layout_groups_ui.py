"""View ▸ Layout Keeps Groups Together: Ctrl+L then gives each group a band of its own."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from argmap.model.map import build_map
from argmap.model.types import Claim, Group, Relation, RelationKind
from argmap.ui.document import Document
from argmap.ui.main_window import MainWindow


def interleaved():
    """A chain a1 <- b1 <- a2 <- b2 <- a3 <- b3, the a's in one group and the b's in another:
    laid out plainly the chain stands in one column and both frames cover each other."""
    names = ["a1", "b1", "a2", "b2", "a3", "b3"]
    claims = [Claim(n, f"claim {n}") for n in names]
    relations = [
        Relation(f"r{i}", names[i + 1], names[i], RelationKind.SUPPORT) for i in range(5)
    ]
    groups = [Group("ga", "Side A", ("a1", "a2", "a3")), Group("gb", "Side B", ("b1", "b2", "b3"))]
    return build_map(claims, relations, groups)


def frames_overlap(win) -> bool:
    a = win.scene.group_items["ga"].frame_rect()
    b = win.scene.group_items["gb"].frame_rect()
    return a.intersects(b)


def test_layout_keeps_groups_together_when_switched_on(qtbot):
    QSettings().remove("layout/keep_groups")
    win = MainWindow(Document(interleaved()))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert not win.layout_groups_action.isChecked()  # off by default

    qtbot.keyClick(win.view.viewport(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert frames_overlap(win)  # the plain layout: one column, frames over each other
    win.document.undo_stack.undo()

    win.layout_groups_action.trigger()
    assert QSettings().value("layout/keep_groups") == "true"
    before = {c: (v.x, v.y) for c, v in win.document.model.claims.items()}
    qtbot.keyClick(win.view.viewport(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not frames_overlap(win)
    win.document.undo_stack.undo()  # one undo step, as every layout
    assert {c: (v.x, v.y) for c, v in win.document.model.claims.items()} == before

    win.layout_groups_action.trigger()
    assert QSettings().value("layout/keep_groups") == "false"
    win.document.undo_stack.setClean()
