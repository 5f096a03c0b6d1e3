"""Team review in the app, driven as a user does: the Review dock, the canvas's context menu,
Edit → Author Name…, and File → Compare with… on a real window shown offscreen."""

from __future__ import annotations

import getpass
import re
from datetime import UTC, datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem

from argmap.analysis import review
from argmap.io import native, registry
from argmap.model import Claim, Relation, RelationKind, ReviewStatus
from argmap.model.types import with_changes
from argmap.ui.features.compare import ADDED, CHANGED, GhostClaimItem
from argmap.ui.items.claim_item import ClaimItem
from tests.ui.helpers import card_centre, click, drag, vp

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
UTC_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


# -- helpers: what a user does --------------------------------------------------------------


def panel(window):
    dock = window.docks["review"]
    dock.show()
    dock.raise_()
    return window.features["review"].panel


def undo(qtbot, window) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)


def click_row(qtbot, tree: QTreeWidget, item: QTreeWidgetItem) -> None:
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    assert rect.isValid(), "row not shown"
    qtbot.mouseClick(tree.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, rect.center())


def thread_row(p, comment_id: str) -> QTreeWidgetItem:
    assert p.choose_comment(comment_id)
    return p.threads.currentItem()


def write_comment(qtbot, p, text: str, button) -> None:
    p.editor.setFocus()
    qtbot.keyClicks(p.editor, text)
    qtbot.mouseClick(button, LEFT)


def set_author(window, name: str) -> None:
    """Edit → Author Name…, type a name, OK."""
    window.features["review"].author_action.trigger()
    dialog = window.features["review"].author_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue(name)
    dialog.accept()


def context_menu(qtbot, window, claim_id: str):
    pos = vp(window, card_centre(window, claim_id))
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, window.view.viewport().mapToGlobal(pos)
    )
    QApplication.sendEvent(window.view.viewport(), event)
    return window.context_menu


def view_centre(window):
    return window.view.mapToScene(window.view.viewport().rect().center())


# -- comments ---------------------------------------------------------------------------------


def test_comment_from_the_dock_is_signed_with_the_settings_author_and_undoes(qtbot, window):
    set_author(window, "Ann")
    assert window.settings.value("author") == "Ann"
    p = panel(window)
    click(qtbot, window, card_centre(window, "a"))
    assert p.target == "a" and p.editor.isEnabled()
    assert not p.comment_button.isEnabled()  # nothing written yet
    before = datetime.now(UTC).replace(microsecond=0)
    write_comment(qtbot, p, "Which sources say so?", p.comment_button)
    (comment,) = window.document.model.claims["a"].comments
    assert (comment.author, comment.text, comment.resolved) == (
        "Ann",
        "Which sources say so?",
        False,
    )
    assert UTC_TIME.match(comment.time)
    stamp = datetime.strptime(comment.time, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert before <= stamp <= datetime.now(UTC)
    assert p.editor.toPlainText() == ""  # ready for the next one
    assert window.scene.claim_items["a"].comment_count == 1  # the card's badge
    assert ("Open comments", "a", comment.id) in p.entries()
    assert "Ann" in [p.author_filter.itemText(i) for i in range(p.author_filter.count())]
    assert window.undo_action.text() == "&Undo Comment on claim"
    undo(qtbot, window)
    assert window.document.model.claims["a"].comments == ()
    assert window.scene.claim_items["a"].comment_count == 0
    assert not [e for e in p.entries() if e[0] == "Open comments"]
    assert p.threads.topLevelItemCount() == 0


def test_author_defaults_to_the_system_user(qtbot, window):
    window.settings.remove("author")
    p = panel(window)
    click(qtbot, window, card_centre(window, "t"))
    write_comment(qtbot, p, "Too strong?", p.comment_button)
    assert window.document.model.claims["t"].comments[0].author == getpass.getuser()


def test_reply_and_resolve_from_the_dock_each_undo(qtbot, window):
    set_author(window, "Ann")
    p = panel(window)
    click(qtbot, window, card_centre(window, "t"))
    write_comment(qtbot, p, "Stall until when?", p.comment_button)
    thread_id = window.document.model.claims["t"].comments[0].id
    set_author(window, "Bob")
    click_row(qtbot, p.threads, thread_row(p, thread_id))
    assert p.current_comment_id() == thread_id
    write_comment(qtbot, p, "Until the spring offensive.", p.reply_button)
    (thread,) = window.document.model.claims["t"].comments
    (answer,) = thread.replies
    assert (answer.author, answer.text) == ("Bob", "Until the spring offensive.")
    assert UTC_TIME.match(answer.time)
    undo(qtbot, window)
    assert window.document.model.claims["t"].comments[0].replies == ()
    # Resolve: the thread leaves the open list and the badge; Ctrl+Z brings both back.
    click_row(qtbot, p.threads, thread_row(p, thread_id))
    assert p.resolve_button.text() == "Resolve"
    qtbot.mouseClick(p.resolve_button, LEFT)
    assert window.document.model.claims["t"].comments[0].resolved
    assert window.scene.claim_items["t"].comment_count == 0
    assert ("Open comments", "t", thread_id) not in p.entries()
    assert p.resolve_button.text() == "Reopen"
    undo(qtbot, window)
    assert not window.document.model.claims["t"].comments[0].resolved
    assert window.scene.claim_items["t"].comment_count == 1
    assert ("Open comments", "t", thread_id) in p.entries()


def test_comment_on_a_relation_draws_a_badge_on_its_arrow(qtbot, window):
    p = panel(window)
    window.scene.select_ids(["r1"])  # as a click on the arrow does
    assert p.target == "r1" and p.target_label.text().startswith("Relation:")
    write_comment(qtbot, p, "Is this support or just correlation?", p.comment_button)
    assert len(window.document.model.relations["r1"].comments) == 1
    arrow = window.scene.relation_items["r1"]
    assert arrow.comment_count == 1
    assert arrow.boundingRect().contains(arrow._badge_rect())
    undo(qtbot, window)
    assert arrow.comment_count == 0


# -- status -----------------------------------------------------------------------------------


def test_set_status_from_the_context_menu_and_undo(qtbot, window):
    set_author(window, "Cleo")
    p = panel(window)
    menu = context_menu(qtbot, window, "b")
    assert window.scene.selected_claim_ids() == ["b"]
    status_menu = next(a.menu() for a in menu.actions() if a.text() == "Set Status")
    labels = [a.text() for a in status_menu.actions()]
    assert labels == ["Accepted", "Disputed", "Needs evidence", "Unreviewed"]
    assert next(a for a in status_menu.actions() if a.text() == "Unreviewed").isChecked()
    next(a for a in status_menu.actions() if a.text() == "Disputed").trigger()
    menu.close()
    r = window.document.model.claims["b"].review
    assert (r.status, r.by) == (ReviewStatus.DISPUTED, "Cleo") and UTC_TIME.match(r.at)
    assert ("Disputed", "b", None) in p.entries()
    assert p.status_box.currentData() == ReviewStatus.DISPUTED  # the dock shows it too
    assert "Cleo" in p.status_note.text()
    undo(qtbot, window)
    assert window.document.model.claims["b"].review is None
    assert ("Disputed", "b", None) not in p.entries()
    assert p.status_box.currentData() == ReviewStatus.UNREVIEWED


def test_set_status_from_the_dock(qtbot, window):
    p = panel(window)
    click(qtbot, window, card_centre(window, "e"))
    p.status_box.setCurrentIndex(p.status_box.findData(ReviewStatus.NEEDS_EVIDENCE))
    p.status_box.activated.emit(p.status_box.currentIndex())  # what choosing it emits
    assert window.document.model.claims["e"].review.status is ReviewStatus.NEEDS_EVIDENCE
    assert ("Needs evidence", "e", None) in p.entries()
    undo(qtbot, window)
    assert window.document.model.claims["e"].review is None


def test_add_comment_from_the_context_menu_opens_the_dock_editor(qtbot, window):
    window.docks["inspector"].raise_()
    menu = context_menu(qtbot, window, "a")
    next(a for a in menu.actions() if a.text() == "Add Comment…").trigger()
    menu.close()
    p = window.features["review"].panel
    qtbot.waitUntil(lambda: p.editor.hasFocus())
    assert p.target == "a" and p.isVisible()
    qtbot.keyClicks(p.editor, "Needs a date")
    qtbot.keyClick(p.editor, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter comments
    assert [c.text for c in window.document.model.claims["a"].comments] == ["Needs a date"]


# -- the list: filters and navigation -------------------------------------------------------


def seed_reviews(window) -> dict[str, str]:
    """Two reviewers' comments and statuses, set up as the edits the app would push."""
    m = window.document.model
    push = window.scene.push
    ids = {}
    push(review.add_comment(m, "t", "Stall how long?", "Ann", "2026-11-20T10:00:00Z"), "c")
    ids["ann_t"] = m.claims["t"].comments[-1].id
    push(review.add_comment(m, "a", "Says who?", "Bob", "2026-11-21T10:00:00Z"), "c")
    ids["bob_a"] = m.claims["a"].comments[-1].id
    push(review.reply(m, "t", ids["ann_t"], "Months.", "Bob", "2026-11-21T11:00:00Z"), "r")
    push(review.set_review(m, "b", ReviewStatus.DISPUTED, "Ann", "2026-11-22T09:00:00Z"), "s")
    push(review.set_review(m, "r3", ReviewStatus.DISPUTED, "Bob", "2026-11-22T09:00:00Z"), "s")
    push(review.set_review(m, "e", ReviewStatus.NEEDS_EVIDENCE, "Bob", "2026-11-22T10:00:00Z"), "s")
    push(review.set_review(m, "a", ReviewStatus.ACCEPTED, "Ann", "2026-11-22T11:00:00Z"), "s")
    return ids


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_filters_by_status_and_author_show_the_right_entries(qtbot, window):
    ids = seed_reviews(window)
    p = panel(window)
    assert [p.author_filter.itemText(i) for i in range(p.author_filter.count())] == [
        "Any author",
        "Ann",
        "Bob",
    ]
    everything = p.entries()
    assert ("Open comments", "t", ids["ann_t"]) in everything
    assert ("Open comments", "a", ids["bob_a"]) in everything
    assert {(s, i) for s, i, _ in everything if s != "Open comments"} == {
        ("Disputed", "b"),
        ("Disputed", "r3"),
        ("Needs evidence", "e"),
        ("Unreviewed claims", "t"),  # never reviewed
    }
    choose(p.status_filter, "disputed")
    assert p.entries() == [("Disputed", "b", None), ("Disputed", "r3", None)]
    choose(p.author_filter, "Bob")
    assert p.entries() == [("Disputed", "r3", None)]
    choose(p.status_filter, "comments")
    # Bob started the thread on a and replied in Ann's thread on t.
    assert p.entries() == [
        ("Open comments", "a", ids["bob_a"]),
        ("Open comments", "t", ids["ann_t"]),
    ]
    choose(p.author_filter, "Ann")
    assert p.entries() == [("Open comments", "t", ids["ann_t"])]
    choose(p.status_filter, "accepted")
    assert p.entries() == [("Accepted", "a", None)]
    choose(p.status_filter, "unreviewed")
    assert p.entries() == []  # nobody set "unreviewed"; an author filter hides unsigned claims
    choose(p.author_filter, "")
    assert p.entries() == [("Unreviewed claims", "t", None)]
    # The filter survives a change of the map.
    window.scene.push(review.set_review(window.document.model, "t", "accepted", "Ann", "x"), "s")
    assert p.entries() == []


def test_clicking_an_entry_selects_and_centres_the_claim_and_its_comment(qtbot, window):
    ids = seed_reviews(window)
    p = panel(window)
    window.view.centerOn(2500, 2500)
    entry = p.entry_item("a", ids["bob_a"])
    click_row(qtbot, p.list, entry)
    assert window.scene.selected_claim_ids() == ["a"]
    centre, card = view_centre(window), window.scene.claim_items["a"].pos()
    assert abs(centre.x() - card.x()) < 8 and abs(centre.y() - card.y()) < 8
    assert p.target == "a" and p.current_comment_id() == ids["bob_a"]
    # A relation entry selects the arrow.
    window.view.centerOn(2500, 2500)
    click_row(qtbot, p.list, p.entry_item("r3"))
    assert window.scene.selected_relation_ids() == ["r3"]
    mid = window.scene.relation_items["r3"].boundingRect().center()
    assert abs(view_centre(window).x() - mid.x()) < 8


# -- compare ----------------------------------------------------------------------------------


def other_version(window):
    """An older version: had claim z (since removed), lacked b, said t differently."""
    other = window.document.model.copy()
    other.remove_relation("r2")
    other.remove_claim("b")
    other.replace_claim(with_changes(other.claims["t"], text="Talks will collapse"))
    other.add_claim(Claim("z", "Europe will mediate", x=400, y=500))
    other.add_relation(Relation("rz", "z", "t", RelationKind.SUPPORT))
    return other


def test_compare_with_a_modified_copy_marks_and_ends_without_touching_the_map(
    qtbot, window, tmp_path
):
    path = tmp_path / "older.graphml"  # any readable format
    registry.write(other_version(window), path)
    before = window.document.model.copy()
    window.features["compare"].compare_action.trigger()  # File → Compare with…
    dialog = window.features["compare"].dialog
    assert dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()
    view = window.features["compare"].view
    assert view is not None
    qtbot.waitUntil(view.dock.isVisible)
    scene = window.scene
    assert scene.claim_items["b"].highlight == ADDED
    assert scene.claim_items["t"].highlight == CHANGED
    assert "text" in scene.claim_items["t"].toolTip()
    assert "Talks will collapse" in scene.claim_items["t"].toolTip()
    assert scene.claim_items["a"].highlight is None
    ghosts = [i for i in scene.items() if isinstance(i, GhostClaimItem)]
    assert [g.claim.id for g in ghosts] == ["z"] and ghosts[0].ghost
    assert (ghosts[0].pos().x(), ghosts[0].pos().y()) == (400, 500)
    assert "z" not in scene.claim_items and "rz" in view.ghost_lines
    assert view.entries() == {"Added": ["b", "r2"], "Changed": ["t"], "Removed": ["z", "rz"]}
    assert "older.graphml" in view.dock.windowTitle()
    # A ghost cannot be clicked, dragged or rubber-band selected.
    window.view.centerOn(400, 500)
    click(qtbot, window, (400, 500))
    drag(qtbot, window, (400, 500), (600, 700))
    assert not ghosts[0].isSelected() and (ghosts[0].pos().x(), ghosts[0].pos().y()) == (400, 500)
    drag(qtbot, window, (250, 420), (560, 600))
    assert scene.selectedItems() == []
    # Choosing a removed claim in the list centres its ghost.
    removed = view.list.topLevelItem(2).child(0)
    click_row(qtbot, view.list, removed)
    assert abs(view_centre(window).x() - 400) < 8
    # Nothing of this touched the document.
    assert window.document.model == before
    assert window.document.undo_stack.count() == 0 and not window.document.modified
    qtbot.mouseClick(view.end_button, LEFT)
    assert window.features["compare"].view is None
    assert all(i.highlight is None for i in scene.claim_items.values())
    assert scene.claim_items["t"].toolTip() == ""
    assert not [i for i in scene.items() if isinstance(i, GhostClaimItem)]
    assert not [i for i in scene.items() if i in view.ghost_lines.values()]
    assert set(scene.claim_items) == set(before.claims)
    assert all(isinstance(i, ClaimItem) for i in scene.claim_items.values())
    qtbot.waitUntil(lambda: window.findChild(type(view.dock), "dock-compare") is None)
    assert window.document.model == before and window.document.undo_stack.count() == 0


def test_compare_with_last_saved_follows_edits(qtbot, window, tmp_path):
    path = tmp_path / "m.argmap"
    assert window._save_to(path)
    assert not window.features["compare"].compare_saved_action.isEnabled()  # nothing to compare yet
    window.scene.set_claim_text("a", "Both sides dig in")
    assert window.features["compare"].compare_saved_action.isEnabled()
    window.features["compare"].compare_saved_action.trigger()
    view = window.features["compare"].view
    assert view.entries() == {"Changed": ["a"]}
    assert window.scene.claim_items["a"].highlight == CHANGED
    assert native.read(path).claims["a"].text == "Both sides harden their lines"
    # Undo while comparing: the marks follow the map (after a short pause).
    undo(qtbot, window)
    qtbot.waitUntil(lambda: view.entries() == {}, timeout=2000)
    assert window.scene.claim_items["a"].highlight is None
    assert "No differences" in view.summary.text()
    # Closing the dock ends the comparison too.
    view.dock.close()
    qtbot.waitUntil(lambda: window.features["compare"].view is None, timeout=2000)


def test_opening_another_map_ends_the_comparison(qtbot, window, tmp_path):
    window.features["compare"].start(other_version(window), "older")
    path = tmp_path / "x.argmap"
    native.write(other_version(window), path)
    assert window.open_path(path)
    assert window.features["compare"].view is None
    assert not [i for i in window.scene.items() if isinstance(i, GhostClaimItem)]


def test_compare_with_an_unreadable_file_shows_an_error(qtbot, window, tmp_path):
    bad = tmp_path / "bad.argmap"
    bad.write_text("{not json")
    assert window.features["compare"].with_path(bad) is None
    assert window.features["compare"].view is None
    assert window.error_box is not None and "bad.argmap" in window.error_box.text()
    window.error_box.close()


def test_context_menu_on_empty_canvas_has_no_review_entries(qtbot, window):
    pos = QPoint(5, 5)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, window.view.viewport().mapToGlobal(pos)
    )
    QApplication.sendEvent(window.view.viewport(), event)
    texts = [a.text() for a in window.context_menu.actions()]
    assert "Add Comment…" not in texts and "Set Status" not in texts
    window.context_menu.close()
