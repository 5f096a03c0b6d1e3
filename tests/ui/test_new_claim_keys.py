"""S and A from the Outline, and Esc on a new claim (issue 20: found as a new user would)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from argmap.ui.docks.outline import ID_ROLE


def _pick_in_outline(qtbot, window, claim_id: str) -> None:
    tree = window.outline.tree
    item = window.outline._items[claim_id]
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tree.currentItem().data(0, ID_ROLE) == claim_id
    assert QApplication.focusWidget() is tree


def test_s_after_picking_in_the_outline_types_into_the_new_card(qtbot, window):
    _pick_in_outline(qtbot, window, "a")
    assert window.scene.selected_claim_ids() == ["a"]
    before = set(window.document.model.claims)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S)
    new = set(window.document.model.claims) - before
    assert len(new) == 1
    (child,) = new
    assert window.scene.editor is not None and window.scene.editor.claim_id == child
    # The keys reach the editor: "s" is a letter here, not a second Add Supporting Claim.
    qtbot.keyClicks(QApplication.focusWidget(), "sanctions bite")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert set(window.document.model.claims) - before == {child}
    assert window.document.model.claims[child].text == "sanctions bite"


def test_escape_after_n_or_s_discards_the_empty_claim(qtbot, window):
    before = dict(window.document.model.claims)
    steps = window.document.undo_stack.count()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_N)
    assert len(window.document.model.claims) == len(before) + 1
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    assert dict(window.document.model.claims) == before
    assert window.document.undo_stack.count() == steps

    _pick_in_outline(qtbot, window, "t")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert dict(window.document.model.claims) == before
    assert window.document.undo_stack.count() == steps

    # A claim that was typed into stays when a later edit of it is cancelled.
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_N)
    cid = window.scene.editor.claim_id
    qtbot.keyClicks(window.view.viewport(), "Kept")
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Return)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_F2)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    assert window.document.model.claims[cid].text == "Kept"
