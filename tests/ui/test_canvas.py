"""The canvas driven as a user drives it, asserting on the model: create, connect, edit, drag,
delete, undo and redo; outline search; groups; clipboard; keyboard navigation."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication, QMenu

from argmap.model import RelationKind
from argmap.ui.items.claim_item import ClaimItem
from tests.ui.helpers import card_centre, click, double_click, drag, handle, vp

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def model(window):
    return window.document.model


def test_double_click_on_empty_canvas_creates_and_edits_a_claim(qtbot, window):
    before = set(model(window).claims)
    double_click(qtbot, window, (400, 100))
    new = set(model(window).claims) - before
    assert len(new) == 1
    (cid,) = new
    assert abs(model(window).claims[cid].x - 400) < 2 and abs(model(window).claims[cid].y - 100) < 2
    assert window.scene.editor is not None
    qtbot.keyClicks(window.view.viewport(), "Drones changed the war")
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Return)
    assert model(window).claims[cid].text == "Drones changed the war"
    assert window.scene.editor is None
    # Two undo steps: the text, then the claim.
    window.document.undo_stack.undo()
    assert model(window).claims[cid].text == ""
    window.document.undo_stack.undo()
    assert cid not in model(window).claims


def test_key_n_creates_a_claim_and_typing_does_not_trigger_shortcuts(qtbot, window):
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_N)
    assert window.scene.editor is not None
    cid = window.scene.editor.claim_id
    # Letters that are shortcuts elsewhere (N, S, A) must go into the text while editing.
    qtbot.keyClicks(window.view.viewport(), "NATO asks")
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Return)
    assert model(window).claims[cid].text == "NATO asks"
    assert len(model(window).claims) == 5


def test_support_and_attack_children_with_one_key(qtbot, window):
    click(qtbot, window, card_centre(window, "b"))
    assert window.scene.selected_claim_ids() == ["b"]
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_S)
    child = window.scene.editor.claim_id
    qtbot.keyClicks(window.view.viewport(), "The US can cut aid")
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Return)
    rel = [r for r in model(window).relations.values() if r.source == child]
    assert len(rel) == 1 and rel[0].target == "b" and rel[0].kind is RelationKind.SUPPORT
    assert model(window).claims[child].y > model(window).claims["b"].y  # premises below
    # The new child is selected: A adds an objection to it.
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_A)
    objection = window.scene.editor.claim_id
    rel = [r for r in model(window).relations.values() if r.source == objection]
    assert rel[0].target == child and rel[0].kind is RelationKind.ATTACK
    # Esc on the new, still empty objection takes it away again, leaving no undo step.
    steps = window.document.undo_stack.count()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    assert objection not in model(window).claims
    assert not any(r.source == objection for r in model(window).relations.values())
    assert window.document.undo_stack.count() == steps - 1
    assert not window.document.undo_stack.canRedo()
    # Each child was one undo step (claim + relation together), its text another.
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert child not in model(window).claims
    assert not any(r.source == child for r in model(window).relations.values())


def test_drag_from_handle_with_shift_makes_an_attack(qtbot, window):
    drag(qtbot, window, handle(window, "e"), card_centre(window, "b"), modifiers=SHIFT)
    rel = [r for r in model(window).relations.values() if r.source == "e" and r.target == "b"]
    assert len(rel) == 1 and rel[0].kind is RelationKind.ATTACK
    window.document.undo_stack.undo()
    assert not any(r.source == "e" and r.target == "b" for r in model(window).relations.values())


def test_drag_from_handle_asks_supports_or_attacks(qtbot, window):
    drag(qtbot, window, handle(window, "e"), card_centre(window, "b"))
    menu = window.scene.interaction.menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    supports = next(a for a in menu.actions() if "Supports" in a.text())
    supports.trigger()
    menu.close()
    rel = [r for r in model(window).relations.values() if r.source == "e" and r.target == "b"]
    assert len(rel) == 1 and rel[0].kind is RelationKind.SUPPORT
    assert window.scene.interaction is None


def test_drop_on_an_arrow_makes_an_undercut(qtbot, window):
    arrow = window.scene.relation_items["r1"]
    drag(qtbot, window, handle(window, "b"), arrow.midpoint())
    undercut = [r for r in model(window).relations.values() if r.target == "r1"]
    assert len(undercut) == 1 and undercut[0].source == "b"
    assert undercut[0].kind is RelationKind.ATTACK


def test_connecting_twice_reports_a_clear_error_and_changes_nothing(qtbot, window):
    before = model(window).copy()
    drag(
        qtbot,
        window,
        handle(window, "a"),
        card_centre(window, "t"),
        modifiers=Qt.KeyboardModifier.ControlModifier,
    )
    assert model(window) == before
    assert window.error_box is not None and "already has a support" in window.error_box.text()
    window.error_box.close()


def test_drag_a_card_is_one_undo_step(qtbot, window):
    start = card_centre(window, "b")
    drag(qtbot, window, start, start + QPointF(120, 40))
    claim = model(window).claims["b"]
    assert (claim.x, claim.y) == (270.0, 290.0)
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert (model(window).claims["b"].x, model(window).claims["b"].y) == (150.0, 250.0)
    assert window.scene.claim_items["b"].pos() == QPointF(150, 250)
    window.document.undo_stack.redo()
    assert window.scene.claim_items["b"].pos() == QPointF(270, 290)


def test_drag_a_multi_selection_moves_all_in_one_step(qtbot, window):
    click(qtbot, window, card_centre(window, "a"))
    click(qtbot, window, card_centre(window, "e"), modifiers=CTRL)
    assert window.scene.selected_claim_ids() == ["a", "e"]
    drag(qtbot, window, card_centre(window, "a"), card_centre(window, "a") + QPointF(-60, 0))
    assert model(window).claims["a"].x == -210 and model(window).claims["e"].x == -210
    assert window.document.undo_stack.count() == 1


def test_rubber_band_selects(qtbot, window):
    drag(qtbot, window, (-320, 170), (330, 340))
    assert window.scene.selected_claim_ids() == ["a", "b"]


def test_arrows_follow_a_dragged_card(qtbot, window):
    arrow = window.scene.relation_items["r3"]
    before = arrow.boundingRect()
    drag(qtbot, window, card_centre(window, "e"), card_centre(window, "e") + QPointF(-200, 0))
    assert arrow.boundingRect() != before
    # The arrow still starts on e's card border.
    start = arrow.shape().boundingRect()
    assert start.intersects(window.scene.claim_items["e"].scene_rect())


def test_f2_edits_in_place_and_escape_cancels(qtbot, window):
    click(qtbot, window, card_centre(window, "a"))
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_F2)
    assert window.scene.editor is not None
    qtbot.keyClicks(window.view.viewport(), "Something else")
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    assert model(window).claims["a"].text == "Both sides harden their lines"
    assert window.document.undo_stack.count() == 0
    double_click(qtbot, window, card_centre(window, "a"))
    qtbot.keyClicks(window.view.viewport(), "Positions harden")
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Return)
    assert model(window).claims["a"].text == "Positions harden"


def test_delete_a_claim_with_its_relations_and_undo(qtbot, window):
    click(qtbot, window, card_centre(window, "a"))
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert "a" not in model(window).claims
    assert set(model(window).relations) == {"r2"}
    assert "a" not in window.scene.claim_items and "r1" not in window.scene.relation_items
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)
    assert "a" in model(window).claims and set(model(window).relations) == {"r1", "r2", "r3"}
    assert "r1" in window.scene.relation_items
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL | SHIFT)
    assert "a" not in model(window).claims


def test_delete_a_relation(qtbot, window):
    arrow = window.scene.relation_items["r2"]
    click(qtbot, window, arrow.midpoint())
    assert window.scene.selected_relation_ids() == ["r2"]
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Backspace)
    assert "r2" not in model(window).relations and "b" in model(window).claims


def test_copy_paste_and_duplicate(qtbot, window):
    click(qtbot, window, card_centre(window, "a"))
    click(qtbot, window, card_centre(window, "e"), modifiers=CTRL)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_C, CTRL)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_V, CTRL)
    m = model(window)
    assert len(m.claims) == 6
    pasted = window.scene.selected_claim_ids()
    assert len(pasted) == 2 and not {"a", "e"} & set(pasted)
    texts = sorted(m.claims[c].text for c in pasted)
    assert texts == sorted([m.claims["a"].text, m.claims["e"].text])
    # The relation between the two copied claims came along, between the copies.
    inner = [r for r in m.relations.values() if r.source in pasted and r.target in pasted]
    assert len(inner) == 1
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_D, CTRL)
    assert len(m.claims) == 8
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert len(m.claims) == 4


def test_paste_into_another_map(qtbot, window):
    from argmap.ui.document import Document

    click(qtbot, window, card_centre(window, "t"))
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_C, CTRL)
    window.set_document(Document())
    assert len(model(window).claims) == 0
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_V, CTRL)
    assert [c.text for c in model(window).claims.values()] == ["Talks will stall"]


def test_arrow_keys_move_the_selection_to_neighbours(qtbot, window):
    click(qtbot, window, card_centre(window, "a"))
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Right)
    assert window.scene.selected_claim_ids() == ["b"]
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Up)
    assert window.scene.selected_claim_ids() == ["t"]
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Down)
    assert window.scene.selected_claim_ids() in (["a"], ["b"])


def test_outline_search_selects_and_centres_the_claim(qtbot, window):
    window.outline.search.setFocus()
    qtbot.keyClicks(window.outline.search, "#kursk")
    qtbot.keyClick(window.outline.search, Qt.Key.Key_Return)
    assert window.scene.selected_claim_ids() == ["e"]
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert (centre - card_centre(window, "e")).manhattanLength() < 10  # pixel rounding
    # Holder search; non-matching rows are hidden.
    window.outline.search.clear()
    qtbot.keyClicks(window.outline.search, "washington")
    visible = [cid for cid, item in window.outline._items.items() if not item.isHidden()]
    assert "b" in visible and "e" not in visible


def test_outline_is_a_tree_from_the_thesis_down(qtbot, window):
    tree = window.outline.tree
    assert tree.topLevelItemCount() == 1
    root = tree.topLevelItem(0)
    assert "Talks will stall" in root.text(0)
    children = sorted(root.child(i).text(0) for i in range(root.childCount()))
    assert children[0].startswith("+ ") and children[1].startswith("− ")


def test_inspector_edits_are_undoable(qtbot, window):
    click(qtbot, window, card_centre(window, "a"))
    insp = window.inspector
    assert insp.id_label.text() == "a"
    insp.kind.setCurrentIndex(insp.kind.findData("assumption"))
    insp.kind.activated.emit(insp.kind.currentIndex())
    assert model(window).claims["a"].kind.value == "assumption"
    insp.holder.setFocus()
    insp.holder.selectAll()
    qtbot.keyClicks(insp.holder, "Moscow")
    qtbot.keyClick(insp.holder, Qt.Key.Key_Return)
    assert model(window).claims["a"].holder == "Moscow"
    insp.tags.setFocus()
    qtbot.keyClicks(insp.tags, "land, nato")
    qtbot.keyClick(insp.tags, Qt.Key.Key_Return)
    assert model(window).claims["a"].tags == ("land", "nato")
    insp.title.setFocus()
    qtbot.keyClicks(insp.title, "Hard lines")
    qtbot.keyClick(insp.title, Qt.Key.Key_Return)
    assert model(window).claims["a"].title == "Hard lines"
    window.document.undo_stack.undo()
    assert model(window).claims["a"].title == ""
    assert insp.title.text() == ""
    assert window.document.undo_stack.count() == 4
    window.document.undo_stack.undo()
    assert model(window).claims["a"].tags == ()
    assert insp.tags.text() == ""  # the inspector follows the model


def test_group_moves_with_its_claims_and_collapses(qtbot, window):
    click(qtbot, window, card_centre(window, "a"))
    click(qtbot, window, card_centre(window, "e"), modifiers=CTRL)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_G, CTRL)
    (gid,) = model(window).groups
    group_item = window.scene.group_items[gid]
    header = group_item.header_rect().center()
    window.scene.clearSelection()
    drag(qtbot, window, header, header + QPointF(0, 100))
    assert model(window).claims["a"].y == 350 and model(window).claims["e"].y == 600
    assert window.document.undo_stack.undoText().startswith("Move group")
    double_click(qtbot, window, group_item.header_rect().center())
    assert model(window).groups[gid].collapsed
    assert not window.scene.claim_items["a"].isVisible()
    # Arrows to hidden claims end at the collapsed card.
    r2 = window.scene.relation_items["r1"]
    assert r2.isVisible()
    window.document.undo_stack.undo()
    assert window.scene.claim_items["a"].isVisible()


def test_wheel_zooms_around_the_cursor(qtbot, window):
    from PySide6.QtGui import QWheelEvent

    target = card_centre(window, "b")
    pos = vp(window, target)
    before = window.view.zoom()
    event = QWheelEvent(
        QPointF(pos),
        QPointF(window.view.viewport().mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(window.view.viewport(), event)
    assert window.view.zoom() > before * 1.3
    # The point under the cursor stays under the cursor.
    assert (window.view.mapToScene(pos) - target).manhattanLength() < 4
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_0, CTRL)
    assert window.view.zoom() <= 1.0


def test_low_zoom_draws_boxes_not_text(qtbot, window):
    window.view.set_zoom(0.1)
    image = window.view.grab()
    assert not image.isNull()  # painting at tiny zoom takes the cheap path without errors
    assert isinstance(window.scene.claim_items["t"], ClaimItem)


def test_right_click_opens_a_context_menu_for_the_claim(qtbot, window):
    from PySide6.QtGui import QContextMenuEvent

    from tests.ui.helpers import vp

    pos = vp(window, card_centre(window, "b"))
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, window.view.viewport().mapToGlobal(pos)
    )
    QApplication.sendEvent(window.view.viewport(), event)
    assert window.scene.selected_claim_ids() == ["b"]
    menu = window.context_menu
    assert menu is not None and menu.isVisible()
    texts = [a.text() for a in menu.actions()]
    assert any("Supporting" in t for t in texts)
    next(a for a in menu.actions() if a.text() == "&Delete").trigger()
    menu.close()
    assert "b" not in window.document.model.claims
