"""Opening a big map: panels that list every claim fill when they are first shown, not at
start (the Outline and Review lists took seconds on 20,000 claims), and then work as always."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from argmap.model.synthetic import synthetic_map
from argmap.ui.docks.fill_when_shown import LAZY_CLAIMS
from argmap.ui.document import Document
from argmap.ui.main_window import MainWindow


def test_hidden_panels_of_a_big_map_fill_when_shown(qtbot):
    QSettings().remove("window")
    m = synthetic_map(LAZY_CLAIMS + 200, LAZY_CLAIMS, seed=5)
    win = MainWindow(Document(m))
    try:
        win.resize(1400, 900)
        outline, review = win.outline, win.features["review"].panel
        assert outline.tree.topLevelItemCount() == 0  # nothing shown yet: nothing filled
        assert review.list.topLevelItemCount() == 0
        win.show()
        qtbot.waitExposed(win)
        docks = win.context.docks
        # The Outline is the front tab: it fills once in view; the Review, behind it, waits.
        qtbot.waitUntil(lambda: outline.tree.topLevelItemCount() > 0)
        assert len(outline._items) == len(m.claims)
        assert review.visibleRegion().isEmpty() and review.list.topLevelItemCount() == 0
        docks["review"].raise_()
        qtbot.waitUntil(lambda: review.list.topLevelItemCount() > 0)
        # Behind another tab now, the Outline puts off the rebuild a new claim asks for.
        from argmap.model import Claim
        from argmap.model.edits import AddClaim

        win.document.push(AddClaim(Claim("new", "A late claim", x=0, y=-400)), "New claim")
        qtbot.waitUntil(lambda: outline._stale)
        assert outline.visibleRegion().isEmpty() and "new" not in outline._items
        win.scene.select_ids(["c7"])
        docks["outline"].raise_()
        qtbot.waitUntil(lambda: "new" in outline._items)
        assert outline.tree.currentItem() is outline._items["c7"]  # the canvas's selection
        # A search reads the tree: it fills it first, even behind another tab.
        docks["review"].raise_()
        win.document.push(AddClaim(Claim("later", "Another late claim", x=0, y=-600)), "New")
        qtbot.waitUntil(lambda: outline._stale)
        outline.search.setText("Another late claim")
        assert outline.matches_in_order() == ["later"]
    finally:
        win.document.undo_stack.setClean()
        win.close()
        win.deleteLater()


def test_small_maps_fill_their_panels_at_once(qtbot, window):
    assert len(window.outline._items) == len(window.document.model.claims)


def test_a_big_map_is_checked_when_the_checks_panel_comes_into_view(qtbot):
    QSettings().remove("window")
    m = synthetic_map(LAZY_CLAIMS + 200, LAZY_CLAIMS, seed=5)
    win = MainWindow(Document(m))
    try:
        win.resize(1400, 900)
        win.show()
        qtbot.waitExposed(win)
        checks = win.features["checks"]
        panel = checks.panel
        assert panel.visibleRegion().isEmpty()  # behind the History tab
        qtbot.wait(checks.timer.interval() + 100)
        assert checks._deferred and not checks._busy and panel.findings == []
        win.context.docks["checks"].raise_()
        qtbot.waitUntil(lambda: not checks._deferred and not checks._busy, timeout=20000)
        from argmap.analysis.checks import check

        assert [f.message for f in panel.findings] == [f.message for f in check(m)]
    finally:
        win.document.undo_stack.setClean()
        win.close()
