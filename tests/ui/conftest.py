"""A real main window on a small map, shown offscreen, cleaned up without prompts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from argmap.model import ArgumentMap, Claim, ClaimKind, MapInfo, Relation, RelationKind
from argmap.ui.document import Document
from argmap.ui.main_window import MainWindow


def small_map() -> ArgumentMap:
    m = ArgumentMap(MapInfo(title="Small"))
    m.add_claim(Claim("t", "Talks will stall", ClaimKind.THESIS, "the author", x=0, y=0))
    m.add_claim(Claim("a", "Both sides harden their lines", x=-150, y=250, holder="Kyiv"))
    m.add_claim(Claim("b", "Washington wants a quick deal", x=150, y=250, holder="Washington"))
    m.add_claim(
        Claim("e", "Kursk pull-out was forced", ClaimKind.EVIDENCE, x=-150, y=500, tags=("kursk",))
    )
    m.add_relation(Relation("r1", "a", "t", RelationKind.SUPPORT))
    m.add_relation(Relation("r2", "b", "t", RelationKind.ATTACK))
    m.add_relation(Relation("r3", "e", "a", RelationKind.SUPPORT))
    return m


@pytest.fixture(autouse=True)
def _application_names(qapp):
    """The app's own names (pytest-qt calls its app "pytest-qt-qapp"), so settings and
    app-data paths are those the app itself uses."""
    qapp.setOrganizationName("argmap")
    qapp.setApplicationName("argmap")


@pytest.fixture
def window(qtbot):
    # Each test starts with the first panel layout, not the one the last test's window left.
    QSettings().remove("window")
    win = MainWindow(Document(small_map()))
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.view.set_zoom(1.0)
    win.view.centerOn(0, 250)
    win.view.setFocus()
    yield win
    # Closed here rather than by qtbot.addWidget, which closes before this teardown runs and
    # so would meet the save prompt of a modified map.
    if win.scene.editor is not None:
        win.scene.editor.cancel()
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()
