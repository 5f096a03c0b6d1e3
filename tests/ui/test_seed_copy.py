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


def test_the_untitled_copy_finds_its_source_text_beside_the_file_it_came_from(
    qtbot, tmp_path, monkeypatch
):
    """The example map keeps its article as a path relative to seeds/; the untitled copy has
    no folder of its own, so it looks beside the file it was copied from (it showed "not
    found" on the app's opening map)."""
    from argmap.io import registry
    from argmap.model import ArgumentMap
    from argmap.model.types import MapInfo, SourceDocument
    from argmap.ui import app

    folder = tmp_path / "seeds"
    folder.mkdir()
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "article.txt").write_text("Talks open in spring.\n", encoding="utf-8")
    source = SourceDocument("doc", "The article", path="../texts/article.txt")
    m = ArgumentMap(MapInfo(title="Example", sources=(source,)))
    m.add_claim(Claim("c1", "Talks will open"))
    seed = folder / "example.argmap"
    registry.write(m, seed)
    monkeypatch.setattr(app, "SEED", seed)

    document = app.open_start_document(None)
    assert document.path is None and document.origin == seed
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    sources = window.features["sources"]
    assert sources.texts["doc"].text.startswith("Talks open in spring.")
    assert "doc" in sources.pane.views
