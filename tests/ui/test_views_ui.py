"""Saved views, the remembered last view, the opening view and zoomed-out labels, in a real
window driven offscreen."""

from __future__ import annotations

import json

from PySide6.QtCore import QPointF

from argmap.io import native
from argmap.model import ClaimKind
from argmap.model.edits import AddView, RemoveClaim
from argmap.ui.document import Document
from argmap.ui.items.levels import TEXT_ZOOM
from argmap.ui.main_window import MainWindow
from tests.ui.conftest import small_map


def centre_of(window) -> QPointF:
    view = window.view
    return view.mapToScene(view.viewport().rect().center())


def open_window(qtbot, path) -> MainWindow:
    win = MainWindow(Document.open(path))
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def close_window(win) -> None:
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()


def test_save_rename_delete_are_undoable_and_saved_in_the_file(window, tmp_path):
    views = window.features["views"]
    window.view.set_zoom(0.5)
    window.view.centerOn(QPointF(100, 200))
    here = centre_of(window)
    saved = views.save("Kursk")
    m = window.document.model
    assert m.views[saved.id].zoom == 0.5
    assert abs(m.views[saved.id].center[0] - here.x()) < 1 and saved.name == "Kursk"
    stack = window.document.undo_stack
    stack.undo()
    assert not m.views
    stack.redo()
    assert m.views[saved.id] == saved
    views.rename(saved.id, "Kursk pull-out")
    assert m.views[saved.id].name == "Kursk pull-out"
    stack.undo()
    assert m.views[saved.id].name == "Kursk"
    views.delete(saved.id)
    assert not m.views
    stack.undo()
    path = tmp_path / "m.argmap"
    window.document.save(path)
    assert native.read(path).views == m.views
    assert json.loads(path.read_text(encoding="utf-8"))["views"][0]["name"] == "Kursk"


def test_choosing_a_view_in_the_menu_moves_the_camera_and_sets_the_overlay(window, qtbot):
    views = window.features["views"]
    window.view.set_zoom(0.4)
    window.view.centerOn(QPointF(-150, 500))
    window.features["evaluation"].set_semantics("grounded", remember=False)
    saved = views.save("Evidence")
    window.features["evaluation"].set_semantics(None, remember=False)
    window.view.set_zoom(1.5)
    window.view.centerOn(QPointF(150, 0))
    views.menu.aboutToShow.emit()  # what opening the menu does
    action = next(a for a in views.menu.actions() if a.objectName() == f"apply-view-{saved.id}")
    assert "Evidence" in action.text()
    action.trigger()
    assert abs(window.view.zoom() - 0.4) < 1e-6
    # The view scrolls by whole pixels: the centre is kept to a pixel or two of the screen.
    assert (centre_of(window) - QPointF(*saved.center)).manhattanLength() < 3 / 0.4
    assert window.features["evaluation"].semantics == "grounded"


def test_a_view_naming_a_deleted_claim_opens_with_a_warning(qtbot, tmp_path):
    doc = native.to_dict(small_map())
    doc["views"] = [{"id": "v1", "name": "Old", "focus": "gone", "zoom": 0.7}]
    path = tmp_path / "stale.argmap"
    path.write_text(json.dumps(doc), encoding="utf-8")
    win = open_window(qtbot, path)
    try:
        assert win.document.model.views["v1"].focus is None
        message = win.statusBar().currentMessage()
        assert "stale.argmap: view 'Old': claim 'gone' no longer exists" in message
    finally:
        close_window(win)


def test_the_last_view_of_a_file_is_remembered(qtbot, tmp_path):
    path = tmp_path / "remember.argmap"
    native.write(small_map(), path)
    win = open_window(qtbot, path)
    qtbot.wait(10)  # the opening view is queued
    win.view.set_zoom(0.8)
    win.view.centerOn(QPointF(-150, 500))
    where = centre_of(win)
    close_window(win)
    again = open_window(qtbot, path)
    try:
        qtbot.waitUntil(lambda: abs(again.view.zoom() - 0.8) < 1e-6)
        assert (centre_of(again) - where).manhattanLength() < 3 / 0.8
    finally:
        close_window(again)


def test_the_seed_map_opens_on_its_theses_with_their_labels(qtbot, seed_path):
    win = MainWindow(Document.open(seed_path))
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    try:
        qtbot.wait(50)  # the docks settle (the viewport's size with them)
        win.view.fit_map()
        fit = win.view.zoom()
        win.view.opening_view()
        shown = win.view.visible_scene_rect()
        theses = [i for i in win.scene.claim_items.values() if i.claim.kind is ClaimKind.THESIS]
        assert theses, shown
        for i in theses:
            assert shown.contains(i.scene_rect()), (i.claim.id, shown, win.view.viewport().size())
        cards = list(win.scene.claim_items.values())
        if all(shown.contains(i.scene_rect()) for i in cards):
            # The whole map reads nearly as well as the theses alone (camera.WHOLE_MAP_SHARE):
            # it opens whole, about at fit (a little below: room for the outer labels).
            assert win.view.zoom() >= 0.8 * fit
        else:
            assert win.view.zoom() > fit  # closer than fit-to-everything
            middle = shown.center().y()  # the theses above it, the map below them
            assert all(i.scene_rect().bottom() < middle for i in theses)
        labels = win.scene.labels
        assert labels.isVisible() == (win.view.zoom() < TEXT_ZOOM)
        placed = set(labels.placed_ids())
        assert {i.claim.id for i in theses} <= placed
    finally:
        close_window(win)


def test_labels_never_overlap_on_screen_and_give_way_to_card_text(qtbot, seed_path):
    win = MainWindow(Document.open(seed_path))
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    try:
        labels = win.scene.labels
        for zoom in (0.08, 0.15, 0.3, 0.5):
            win.view.set_zoom(zoom)
            labels.settle()
            boxes = labels.screen_boxes(win.view)
            assert len(boxes) >= 10
            for i, a in enumerate(boxes):
                for b in boxes[i + 1 :]:
                    assert not a.intersects(b), (zoom, a, b)
        win.view.set_zoom(1.0)
        assert not labels.isVisible()
        win.view.set_zoom(0.3)
        assert labels.isVisible()
    finally:
        close_window(win)


def test_export_a_saved_view_draws_what_the_window_would(tmp_path, seed_path, capsys):
    from PySide6.QtGui import QImage

    from argmap.cli import main
    from argmap.model import View

    m = native.read(seed_path)
    m.add_view(View("v1", "Overview", zoom=0.15))
    m.add_view(View("v2", "Neutrality", zoom=1.0, center=(3960.0, 0.0)))
    path = tmp_path / "views.argmap"
    native.write(m, path)
    for name, out in (("Overview", "o.png"), ("v2", "n.png")):
        assert main(["export", "png", str(path), "--view", name, "-o", str(tmp_path / out)]) == 0
        image = QImage(str(tmp_path / out))
        assert (image.width(), image.height()) == (1600, 1000)
    assert main(["export", "svg", str(path), "--view", "Overview", "--size", "800x500"]) == 0
    svg = path.with_suffix(".svg").read_text(encoding="utf-8")
    assert 'width="800"' in svg or "width='800'" in svg or 'width="800px"' in svg
    # The zoomed-out view carries the short labels (the canvas draws them below TEXT_ZOOM);
    # at 100 % the card text itself.
    assert "Demands barely overlap" in svg  # the title of a thesis
    assert main(["export", "pdf", str(path), "--view", "nope"]) == 2
    assert "no saved view 'nope' (the map's views: Neutrality, Overview)" in capsys.readouterr().err


def test_copy_view_as_image_puts_the_canvas_on_the_clipboard(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().clear()
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    image = QApplication.clipboard().image()
    size = window.view.viewport().size()
    assert (image.width(), image.height()) == (size.width(), size.height())
    assert "Copied the view" in window.statusBar().currentMessage()


def test_collapsing_a_subtree_hides_it_with_a_count_and_undo_brings_it_back(
    window, qtbot, tmp_path
):
    from PySide6.QtCore import Qt

    from tests.ui.helpers import card_centre, click

    scene = window.scene
    click(qtbot, window, card_centre(window, "t"))
    assert scene.selected_claim_ids() == ["t"]
    qtbot.keyClick(window.view, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    m = window.document.model
    assert m.claims["t"].collapsed
    assert [cid for cid in ("a", "b", "e") if scene.claim_items[cid].isVisible()] == []
    assert not any(scene.relation_items[r].isVisible() for r in ("r1", "r2", "r3"))
    assert scene.claim_items["t"].folded_count == 3
    path = tmp_path / "folded.argmap"
    window.document.save(path)
    assert native.read(path).claims["t"].collapsed
    window.document.undo_stack.undo()
    assert all(scene.claim_items[cid].isVisible() for cid in ("a", "b", "e"))
    assert all(scene.relation_items[r].isVisible() for r in ("r1", "r2", "r3"))
    assert scene.claim_items["t"].folded_count == 0
    # A fold below a fold: collapsing "a" hides "e" only; then "t" folds all three.
    window.features["folding"].toggle(["a"])
    assert not scene.claim_items["e"].isVisible() and scene.claim_items["b"].isVisible()
    window.features["folding"].toggle(["t"])
    assert scene.claim_items["t"].folded_count == 3
    window.features["folding"].toggle(["t"])  # expand t: a stays folded
    assert scene.claim_items["a"].isVisible() and not scene.claim_items["e"].isVisible()
    assert window.features["folding"].toggle(["e"]) is False  # nothing below evidence


def test_focus_dims_the_rest_steps_along_relations_and_goes_back(window, qtbot):
    from PySide6.QtCore import Qt

    from tests.ui.helpers import card_centre, click

    alt = Qt.KeyboardModifier.AltModifier
    scene, focus = window.scene, window.features["focus"]
    click(qtbot, window, card_centre(window, "a"))
    qtbot.keyClick(window.view, Qt.Key.Key_F)
    assert focus.claim == "a" and focus.kept == {"a", "t", "e"}
    assert scene.claim_items["b"].opacity() < 0.5 and scene.claim_items["t"].opacity() == 1.0
    assert scene.relation_items["r2"].opacity() < 0.5  # b -> t: b is outside
    assert scene.relation_items["r1"].opacity() == 1.0
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, alt)  # wider: depth 2 reaches b
    assert focus.depth == 2 and scene.claim_items["b"].opacity() == 1.0
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, alt)
    assert focus.depth == 1
    qtbot.keyClick(window.view, Qt.Key.Key_Right, alt)  # a's neighbours: e, t
    assert focus.claim == "e" and focus.trail == ["a"]
    assert "Focus:" in focus.crumbs.text() and "Both sides harden" in focus.crumbs.text()
    qtbot.keyClick(window.view, Qt.Key.Key_Up, alt)
    assert focus.claim == "a" and focus.trail == []
    # A saved view keeps the focus and its depth, and brings them back.
    focus.set_depth(2)
    saved = window.features["views"].save("Around a")
    assert (saved.focus, saved.depth) == ("a", 2)
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert focus.claim is None and scene.claim_items["b"].opacity() == 1.0
    window.features["views"].apply(saved.id)
    assert (focus.claim, focus.depth) == ("a", 2)
    # Deleting the focused claim ends the focus; undo does not bring the focus back.
    window.document.push(RemoveClaim("a"), "Delete")
    assert focus.claim is None and all(i.opacity() == 1.0 for i in scene.claim_items.values())


def test_dragging_in_the_minimap_moves_the_main_view(window, qtbot):
    from PySide6.QtCore import QPoint, Qt

    minimap = window.features["minimap"].view
    window.context.docks["minimap"].show()
    window.context.docks["minimap"].raise_()
    qtbot.waitUntil(lambda: minimap.isVisible() and minimap.viewport().width() > 50)
    minimap.fit()
    shown = minimap.mapToScene(minimap.viewport().rect()).boundingRect()
    assert shown.contains(window.scene.claim_items["e"].scene_rect())  # the whole map
    target = minimap.mapFromScene(QPointF(-150, 500))  # claim e
    start = minimap.mapFromScene(QPointF(150, 0))
    viewport = minimap.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    assert (centre_of(window) - minimap.mapToScene(start)).manhattanLength() < 20
    for i in range(1, 6):
        p = QPoint(
            start.x() + (target.x() - start.x()) * i // 5,
            start.y() + (target.y() - start.y()) * i // 5,
        )
        qtbot.mouseMove(viewport, p)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=target)
    assert (centre_of(window) - minimap.mapToScene(target)).manhattanLength() < 20
    assert minimap.visible_rect().contains(QPointF(-150, 500))


def test_applying_a_view_folds_subtrees_as_it_has_them_in_one_undo_step(window):
    from argmap.model import View

    m = window.document.model
    window.document.push(AddView(View("v1", "Folded", collapsed=("a",))), "Add view")
    window.features["views"].apply("v1")
    assert m.claims["a"].collapsed and not window.scene.claim_items["e"].isVisible()
    window.document.undo_stack.undo()
    assert not m.claims["a"].collapsed and window.scene.claim_items["e"].isVisible()


def test_focus_dims_the_batched_overview_too(window):
    focus, overview = window.features["focus"], window.scene.overview
    window.view.set_zoom(0.1)  # the overview draws every card
    assert window.scene.overview_mode
    focus.focus("a")
    overview.ensure_batches()  # rebuilds the batches
    assert len(overview._dimmed) == 1  # b, outside a's neighbourhood
    assert overview.faint_count() == 1  # b -> t
    window.scene.labels.settle()
    assert set(window.scene.labels.placed_ids()) <= {"a", "t", "e"}  # no label for b
    focus.clear()
    overview.ensure_batches()
    assert overview._dimmed == [] and overview.faint_count() == 0
