"""Shortcuts a desktop user expects, and quitting: each found broken when tried as a new user
would (issue 20), driven with real key presses on the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap.model import Claim
from argmap.model.edits import AddClaim
from argmap.ui.document import Document
from argmap.ui.main_window import MainWindow
from tests.ui.conftest import small_map

CTRL = Qt.KeyboardModifier.ControlModifier


def _bindings(action) -> list[str]:
    return [s.toString() for s in action.shortcuts()]


def test_no_action_binds_a_key_twice(window):
    seen: dict[str, str] = {}
    for key, action in window.context.actions.items():
        names = _bindings(action)
        assert len(names) == len(set(names)), key
        for name in names:
            assert name not in seen, f"{name} is bound to {seen.get(name)} and {key}"
            seen[name] = key


def test_ctrl_q_quits(qtbot, window):
    assert _bindings(window.quit_action).count("Ctrl+Q") == 1
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_ctrl_y_redoes(qtbot, window):
    m = window.document.model
    window.document.push(AddClaim(Claim("n1", "New")), "Add claim")
    window.document.undo_stack.undo()
    assert "n1" not in m.claims
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Y, CTRL)
    assert "n1" in m.claims


def test_ctrl_f_puts_the_cursor_in_the_outline_search(qtbot, window):
    window.docks["outline"].hide()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_F, CTRL)
    assert window.docks["outline"].isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.outline.search)
    qtbot.keyClicks(window.outline.search, "kursk")
    assert window.outline.search.text() == "kursk"


def test_ctrl_w_closes_the_map_and_leaves_an_empty_one(qtbot, window):
    assert window.document.model.claims
    assert QKeySequence("Ctrl+W") in window.close_action.shortcuts()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_W, CTRL)
    assert not window.document.model.claims
    assert window.isVisible()


def test_enter_in_the_search_goes_to_the_next_match(qtbot, window):
    search = window.outline.search
    search.setFocus()
    qtbot.keyClicks(search, "washington")  # claims "b" (holder) ...
    window.document.push(
        AddClaim(Claim("w2", "Washington again", holder="Washington", x=600, y=600)), "Add"
    )
    qtbot.waitUntil(lambda: "w2" in window.outline._items)
    search.setText("")
    qtbot.keyClicks(search, "washington")
    order = window.outline.matches_in_order()
    assert len(order) == 2
    chosen = []
    for _ in range(3):
        qtbot.keyClick(search, Qt.Key.Key_Return)
        chosen.append(window.scene.selected_claim_ids())
    assert chosen == [[order[0]], [order[1]], [order[0]]]  # next, next, and round again


def test_quit_then_discard_closes_without_errors(qtbot):
    window = MainWindow(Document(small_map()))  # its own window: this test deletes it
    window.show()
    qtbot.waitExposed(window)
    window.document.push(AddClaim(Claim("n1", "Unsaved")), "Add claim")
    assert window.document.modified

    def discard() -> None:
        box = window.findChild(QMessageBox, "save-prompt")
        if box is None:
            QTimer.singleShot(20, discard)
            return
        box.button(QMessageBox.StandardButton.Discard).click()

    QTimer.singleShot(0, discard)
    window.quit_action.trigger()
    assert not window.isVisible()
    # Deleting the window and its document must not call into deleted objects (a lambda on
    # the undo stack raised "Signal source has been deleted"; pytest-qt fails on it).
    document = window.document
    window.deleteLater()
    document.deleteLater()
    qtbot.wait(50)
