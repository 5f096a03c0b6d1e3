"""Review actions: author name, comment / reply / resolve / status as undoable steps.

Every action builds its edit with `argmap.analysis.review` and pushes it through
`context.scene.push`, so it lands on the undo stack like any other change (Ctrl+Z takes it
back) and a merge later sees it as an ordinary field change. The Review panel and the review
feature (`features/review.py`, which adds the dock, Edit → Author Name… and the context-menu
entries) both call these.
"""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import QInputDialog

from argmap.analysis import review
from argmap.model.edits import Composite
from argmap.model.errors import ModelError
from argmap.model.types import ReviewStatus
from argmap.ui.context import FeatureContext

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


def author_name(context: FeatureContext) -> str:
    """The name put on comments and statuses: the `author` setting, else the system user."""
    value = context.settings.value(AUTHOR_KEY, "")
    name = str(value).strip() if value else ""
    return name or system_user()


def set_author_name(context: FeatureContext, name: str) -> None:
    """Remember the author name (an empty name falls back to the system user)."""
    context.settings.setValue(AUTHOR_KEY, name.strip())
    context.status(f"Comments are now signed “{author_name(context)}”", 4000)


def ask_author_name(context: FeatureContext) -> QInputDialog:
    """Edit → Author Name…: a context-modal dialog opened with open(), not exec().

    It never blocks the event loop, so tests (and scripts) can fill and accept it.
    """
    dialog = QInputDialog(context.window)
    dialog.setObjectName("author-dialog")
    dialog.setWindowTitle("Author name")
    dialog.setLabelText("Name on your comments and review statuses:")
    dialog.setTextValue(author_name(context))
    dialog.textValueSelected.connect(lambda text: set_author_name(context, text))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


# -- the actions ------------------------------------------------------------------------------


def _label(context: FeatureContext, item_id: str) -> str:
    return "relation" if item_id in context.model.relations else "claim"


def add_comment(context: FeatureContext, item_id: str, text: str) -> str | None:
    """Start a comment thread on a claim or relation; returns the new comment's id."""
    text = text.strip()
    m = context.model
    if not text or (item_id not in m.claims and item_id not in m.relations):
        return None
    cid = review.next_comment_id(m)
    edit = review.add_comment(m, item_id, text, author_name(context), review.utc_now(), cid)
    return cid if context.scene.push(edit, f"Comment on {_label(context, item_id)}") else None


def reply(context: FeatureContext, item_id: str, comment_id: str, text: str) -> str | None:
    """Answer a comment (or a reply); returns the reply's id."""
    text = text.strip()
    m = context.model
    if not text:
        return None
    rid = review.next_comment_id(m)
    try:
        edit = review.reply(
            m, item_id, comment_id, text, author_name(context), review.utc_now(), rid
        )
    except ModelError as exc:
        context.show_error(str(exc))
        return None
    return rid if context.scene.push(edit, "Reply to comment") else None


def set_resolved(context: FeatureContext, item_id: str, comment_id: str, resolved: bool) -> bool:
    """Resolve (or reopen) a comment thread."""
    try:
        edit = review.set_resolved(context.model, item_id, comment_id, resolved)
    except ModelError as exc:
        context.show_error(str(exc))
        return False
    return context.scene.push(edit, "Resolve comment" if resolved else "Reopen comment")


def set_status(context: FeatureContext, item_ids: list[str], status: ReviewStatus) -> bool:
    """Set the review status of claims and relations, signed and dated; one undo step."""
    m = context.model
    ids = [i for i in item_ids if i in m.claims or i in m.relations]
    edits = []
    for i in ids:
        item = m.claims.get(i) or m.relations.get(i)
        if item.review is not None and item.review.status is status:
            continue  # already so: keep who set it and when
        edits.append(review.set_review(m, i, status, author_name(context), review.utc_now()))
    if not edits:
        return False
    text = f"Set status: {STATUS_LABELS[status].lower()}"
    if len(edits) == 1:
        return context.scene.push(edits[0], text)
    return context.scene.push(Composite(tuple(edits), text), text)


def current_status(context: FeatureContext, item_id: str) -> ReviewStatus:
    m = context.model
    item = m.claims.get(item_id) or m.relations.get(item_id)
    if item is None or item.review is None:
        return ReviewStatus.UNREVIEWED
    return item.review.status
