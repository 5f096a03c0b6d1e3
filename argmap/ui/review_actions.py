"""Review in the app: author name, comment / reply / resolve / status as undoable steps.

Every action builds its edit with `argmap.analysis.review` and pushes it through
`window.scene.push`, so it lands on the undo stack like any other change (Ctrl+Z takes it
back) and a merge later sees it as an ordinary field change. `install_review(window)` is the
one call MainWindow makes: it adds the Review dock, the menu entries (Edit → Author Name…,
File → Compare with… / Compare with Last Saved) and the canvas context-menu entries.
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDockWidget, QInputDialog, QMenu

from argmap.analysis import review
from argmap.model.errors import ModelError
from argmap.model.types import ReviewStatus

if TYPE_CHECKING:
    from argmap.ui.main_window import MainWindow

AUTHOR_KEY = "author"
STATUS_LABELS = {
    ReviewStatus.ACCEPTED: "Accepted",
    ReviewStatus.DISPUTED: "Disputed",
    ReviewStatus.NEEDS_EVIDENCE: "Needs evidence",
    ReviewStatus.UNREVIEWED: "Unreviewed",
}


def system_user() -> str:
    """The login name; the author of comments until the user sets another one."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry / no login name (containers)
        return "anonymous"


def author_name(window: MainWindow) -> str:
    """The name put on comments and statuses: the `author` setting, else the system user."""
    value = window.settings.value(AUTHOR_KEY, "")
    name = str(value).strip() if value else ""
    return name or system_user()


def set_author_name(window: MainWindow, name: str) -> None:
    """Remember the author name (an empty name falls back to the system user)."""
    window.settings.setValue(AUTHOR_KEY, name.strip())
    window.statusBar().showMessage(f"Comments are now signed “{author_name(window)}”", 4000)


def ask_author_name(window: MainWindow) -> QInputDialog:
    """Edit → Author Name…: a window-modal dialog opened with open(), not exec().

    It never blocks the event loop, so tests (and scripts) can fill and accept it.
    """
    dialog = QInputDialog(window)
    dialog.setObjectName("author-dialog")
    dialog.setWindowTitle("Author name")
    dialog.setLabelText("Name on your comments and review statuses:")
    dialog.setTextValue(author_name(window))
    dialog.textValueSelected.connect(lambda text: set_author_name(window, text))
    dialog.finished.connect(dialog.deleteLater)
    window.author_dialog = dialog
    dialog.open()
    return dialog


# -- the actions ------------------------------------------------------------------------------


def _label(window: MainWindow, item_id: str) -> str:
    return "relation" if item_id in window.document.model.relations else "claim"


def add_comment(window: MainWindow, item_id: str, text: str) -> str | None:
    """Start a comment thread on a claim or relation; returns the new comment's id."""
    text = text.strip()
    m = window.document.model
    if not text or (item_id not in m.claims and item_id not in m.relations):
        return None
    cid = review.next_comment_id(m)
    edit = review.add_comment(m, item_id, text, author_name(window), review.utc_now(), cid)
    return cid if window.scene.push(edit, f"Comment on {_label(window, item_id)}") else None


def reply(window: MainWindow, item_id: str, comment_id: str, text: str) -> str | None:
    """Answer a comment (or a reply); returns the reply's id."""
    text = text.strip()
    m = window.document.model
    if not text:
        return None
    rid = review.next_comment_id(m)
    try:
        edit = review.reply(
            m, item_id, comment_id, text, author_name(window), review.utc_now(), rid
        )
    except ModelError as exc:
        window.show_error(str(exc))
        return None
    return rid if window.scene.push(edit, "Reply to comment") else None


def set_resolved(window: MainWindow, item_id: str, comment_id: str, resolved: bool) -> bool:
    """Resolve (or reopen) a comment thread."""
    try:
        edit = review.set_resolved(window.document.model, item_id, comment_id, resolved)
    except ModelError as exc:
        window.show_error(str(exc))
        return False
    return window.scene.push(edit, "Resolve comment" if resolved else "Reopen comment")


def set_status(window: MainWindow, item_ids: list[str], status: ReviewStatus) -> bool:
    """Set the review status of claims and relations, signed and dated; one undo step."""
    m = window.document.model
    ids = [i for i in item_ids if i in m.claims or i in m.relations]
    edits = []
    for i in ids:
        item = m.claims.get(i) or m.relations.get(i)
        if item.review is not None and item.review.status is status:
            continue  # already so: keep who set it and when
        edits.append(review.set_review(m, i, status, author_name(window), review.utc_now()))
    if not edits:
        return False
    text = f"Set status: {STATUS_LABELS[status].lower()}"
    if len(edits) == 1:
        return window.scene.push(edits[0], text)
    from argmap.model.edits import Composite

    return window.scene.push(Composite(tuple(edits), text), text)


def current_status(window: MainWindow, item_id: str) -> ReviewStatus:
    m = window.document.model
    item = m.claims.get(item_id) or m.relations.get(item_id)
    if item is None or item.review is None:
        return ReviewStatus.UNREVIEWED
    return item.review.status


# -- installing into the window ---------------------------------------------------------------


def _extend_context_menu(window: MainWindow, menu: QMenu, item_id: str | None) -> None:
    """Claims and relations get "Add Comment…" and "Set Status ▸"."""
    m = window.document.model
    if item_id is None or (item_id not in m.claims and item_id not in m.relations):
        return
    menu.addSeparator()
    comment = menu.addAction("Add Comment…")
    comment.setObjectName("add-comment-action")
    comment.triggered.connect(lambda checked=False: window.review_panel.start_comment(item_id))
    status_menu = menu.addMenu("Set Status")
    status_menu.setObjectName("set-status-menu")
    group = QActionGroup(status_menu)
    chosen = set(window.scene.selected_claim_ids() + window.scene.selected_relation_ids())
    targets = sorted(chosen) if item_id in chosen else [item_id]
    now = current_status(window, item_id)
    for status, label in STATUS_LABELS.items():
        act = QAction(label, status_menu)
        act.setCheckable(True)
        act.setChecked(status is now)
        group.addAction(act)
        act.triggered.connect(lambda checked=False, s=status: set_status(window, targets, s))
        status_menu.addAction(act)


def _find_menu(window: MainWindow, title: str) -> QMenu | None:
    for action in window.menuBar().actions():
        if action.menu() is not None and action.text().replace("&", "") == title:
            return action.menu()
    return None


def install_review(window: MainWindow) -> None:
    """Add the Review dock, menu entries and context-menu entries to a MainWindow."""
    from argmap.ui import compare
    from argmap.ui.docks.review import ReviewPanel

    panel = ReviewPanel(window)
    window.review_panel = panel
    dock = QDockWidget("Review", window)
    dock.setObjectName("dock-review")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    if "inspector" in window.docks:
        window.tabifyDockWidget(window.docks["inspector"], dock)
        window.docks["inspector"].raise_()
    window.docks["review"] = dock
    window.author_dialog = None
    window.author_action = window._action(
        "Author &Name…", lambda: ask_author_name(window), tip="The name put on your comments"
    )
    window.compare_action = window._action(
        "Compare &with…",
        lambda: compare.compare_with_dialog(window),
        tip="Mark what differs from another version of the map",
    )
    window.compare_saved_action = window._action(
        "Compare with &Last Saved",
        lambda: compare.compare_with_saved(window),
        tip="Mark what changed since the file was last saved",
    )
    edit_menu = _find_menu(window, "Edit")
    if edit_menu is not None:
        edit_menu.addSeparator()
        edit_menu.addAction(window.author_action)
    file_menu = _find_menu(window, "File")
    if file_menu is not None:
        before = window.quit_action
        file_menu.insertAction(before, window.compare_action)
        file_menu.insertAction(before, window.compare_saved_action)
        file_menu.insertSeparator(before)
        file_menu.aboutToShow.connect(lambda: _update_compare_saved(window))
    view_menu = getattr(window, "view_menu", None)
    if view_menu is not None:
        panels = next(
            (
                a.menu()
                for a in view_menu.actions()
                if a.menu() is not None and a.text().replace("&", "") == "Panels"
            ),
            None,
        )
        if panels is not None:
            panels.addAction(dock.toggleViewAction())
    window.context_menu_extenders.append(
        lambda menu, item_id: _extend_context_menu(window, menu, item_id)
    )
    window.document_changed.connect(lambda: _document_changed(window))
    _document_changed(window)


def _update_compare_saved(window: MainWindow) -> None:
    doc = window.document
    window.compare_saved_action.setEnabled(doc.path is not None and doc.modified)


def _document_changed(window: MainWindow) -> None:
    from argmap.ui import compare

    compare.end_compare(window)
    window.review_panel.set_scene(window.scene)
    _update_compare_saved(window)
    window.document.modified_changed.connect(lambda *a: _update_compare_saved(window))
