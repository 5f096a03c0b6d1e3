"""The example map opens as an untitled copy: Ctrl+S asks where to save and never writes
into the repository's seeds/ folder (it did, overwriting seeds/peace-talks.argmap)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from argmap.model import Claim
from argmap.model.edits import AddClaim
from argmap.ui.app import SEED, open_start_document
from argmap.ui.main_window import MainWindow


def test_ctrl_s_on_the_example_map_asks_for_a_name_and_leaves_seeds_alone(qtbot):
    before = SEED.read_bytes()
    document = open_start_document(None)
    assert document.path is None and document.model.claims
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert "peace-talks.argmap" in window.windowTitle() and "Untitled" in window.windowTitle()
    document.push(AddClaim(Claim("n1", "An edit")), "Add claim")

    offered = []

    def cancel_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, cancel_dialog)
            return
        offered.append(dialog.selectedFiles())
        dialog.reject()

    QTimer.singleShot(0, cancel_dialog)
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert offered, "Ctrl+S did not ask for a file name"
    assert offered[0][0].endswith("peace-talks.argmap")
    assert SEED.read_bytes() == before
    assert document.modified
    document.undo_stack.setClean()
