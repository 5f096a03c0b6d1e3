"""Review dock: what needs a reviewer's attention, and the comment threads of the selection.

The upper list gathers open comment threads, disputed claims, claims that need evidence and
claims nobody has reviewed, filtered by author and by status; choosing an entry selects and
centres its claim (or relation) on the canvas. The lower part shows the threads and review
status of the one selected claim or relation, with a plain editor (non-modal, so typing a
comment never blocks the canvas) and Comment / Reply / Resolve buttons. Every change is pushed
through `argmap.ui.review_actions`, so it is one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.analysis.review import all_comments, open_comments
from argmap.model.map import ArgumentMap
from argmap.model.types import Claim, Comment, Relation, ReviewStatus
from argmap.ui import review_actions
from argmap.ui.docks.fill_when_shown import FillWhenShown
from argmap.ui.plain import tooltip
from argmap.ui.review_actions import STATUS_LABELS

if TYPE_CHECKING:
    from argmap.ui.context import FeatureContext

ID_ROLE = Qt.ItemDataRole.UserRole
COMMENT_ROLE = Qt.ItemDataRole.UserRole + 1
ANYONE = ""

# Status filter: key → (label, which sections it shows).
STATUS_FILTERS = {
    "attention": ("Everything open", ("comments", "disputed", "needs_evidence", "unreviewed")),
    "comments": ("Open comments", ("comments",)),
    "disputed": ("Disputed", ("disputed",)),
    "needs_evidence": ("Needs evidence", ("needs_evidence",)),
    "unreviewed": ("Unreviewed", ("unreviewed",)),
    "accepted": ("Accepted", ("accepted",)),
}
SECTION_TITLES = {
    "comments": "Open comments",
    "disputed": "Disputed",
    "needs_evidence": "Needs evidence",
    "unreviewed": "Unreviewed claims",
    "accepted": "Accepted",
}
# Above this many entries a section starts folded (a fresh 5,000-claim map is all unreviewed).
FOLD_ABOVE = 60


def short(text: str, width: int = 56) -> str:
    text = " ".join(text.split()) or "(empty)"
    return text if len(text) <= width else text[: width - 1] + "…"


def when_text(stamp: str) -> str:
    """`2026-11-25T09:37:13Z` as `2026-11-25 09:37 UTC` (what a list has room for)."""
    if len(stamp) >= 16 and stamp[10] == "T":
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp


def describe(m: ArgumentMap, item_id: str) -> str:
    """A claim's text, or a relation as `premise → conclusion`, short enough for a list."""
    if item_id in m.claims:
        return short(m.claims[item_id].text)
    r = m.relations.get(item_id)
    if r is None:
        return item_id

    def end(i: str) -> str:
        return short(m.claims[i].text, 24) if i in m.claims else f"[{i}]"

    sign = "+" if r.kind.value == "support" else "−"
    return f"{end(r.source)} {sign}→ {end(r.target)}"


def _walk(comments) -> list[Comment]:
    out = []
    for c in comments:
        out.append(c)
        out.extend(_walk(c.replies))
    return out


def authors(m: ArgumentMap) -> list[str]:
    """Everyone who commented, replied or set a status, sorted case-insensitively."""
    names = {c.author for _, c in all_comments(m) if c.author}
    for items in (m.claims, m.relations):
        names.update(i.review.by for i in items.values() if i.review is not None and i.review.by)
    return sorted(names, key=str.casefold)


def review_entries(m: ArgumentMap, section: str, author: str = ANYONE) -> list[tuple]:
    """(item id, comment id or None, text, tooltip) of one section, filtered by author.

    A thread matches an author who started it or replied in it; a status matches who set it;
    never-reviewed claims have no author, so an author filter hides them.
    """
    out: list[tuple] = []
    if section == "comments":
        for item_id, thread in open_comments(m):
            people = {c.author for c in _walk([thread])}
            if author and author not in people:
                continue
            n = len(_walk(thread.replies))
            more = f"  ({n} repl{'y' if n == 1 else 'ies'})" if n else ""
            out.append(
                (
                    item_id,
                    thread.id,
                    f"{thread.author}: {short(thread.text, 48)}{more}"
                    f"\n    on {describe(m, item_id)}",
                    f"{thread.author}, {thread.time}\n{thread.text}",
                )
            )
        return out
    wanted = ReviewStatus(section) if section != "unreviewed" else ReviewStatus.UNREVIEWED
    groups: tuple = (m.claims,) if section == "unreviewed" else (m.claims, m.relations)
    for items in groups:
        for item_id in sorted(items):
            item: Claim | Relation = items[item_id]
            status = item.review.status if item.review is not None else ReviewStatus.UNREVIEWED
            if status is not wanted:
                continue
            by = item.review.by if item.review is not None else ""
            if author and by != author:
                continue
            when = f"\n    {by}, {when_text(item.review.at)}" if by else ""
            out.append((item_id, None, describe(m, item_id) + when, getattr(item, "text", "")))
    return out


class ReviewPanel(FillWhenShown, QWidget):
    """The Review dock's widget, bound to a window's feature context (it signs comments)."""

    def __init__(self, context: FeatureContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.scene = None
        self.model: ArgumentMap | None = None
        self.target: str | None = None  # the claim or relation whose threads are shown
        self._build()
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(100)
        self._rebuild_timer.timeout.connect(self.rebuild)

    # -- widgets ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.author_filter = QComboBox()
        self.author_filter.setObjectName("review-author-filter")
        self.author_filter.setToolTip("Only entries by this author")
        self.author_filter.currentIndexChanged.connect(lambda i: self.rebuild())
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("review-status-filter")
        for key, (label, _) in STATUS_FILTERS.items():
            self.status_filter.addItem(label, key)
        self.status_filter.currentIndexChanged.connect(lambda i: self.rebuild())
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.author_filter, 1)
        self.list = QTreeWidget()
        self.list.setObjectName("review-list")
        self.list.setHeaderHidden(True)
        self.list.setWordWrap(False)
        self.list.itemClicked.connect(self._entry_chosen)
        self.list.itemActivated.connect(self._entry_chosen)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.list)

        self.target_label = QLabel("Select a claim or a relation to comment on it.")
        self.target_label.setObjectName("review-target")
        self.target_label.setWordWrap(True)
        self.target_label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the claim
        bold = QFont(self.target_label.font())
        bold.setBold(True)
        self.target_label.setFont(bold)
        self.status_box = QComboBox()
        self.status_box.setObjectName("review-status")
        for status, label in STATUS_LABELS.items():
            self.status_box.addItem(label, status)
        self.status_box.activated.connect(self._status_chosen)
        self.status_note = QLabel()
        self.status_note.setObjectName("review-status-note")
        status_row = QHBoxLayout()
        status_row.addWidget(QLabel("Status:"))
        status_row.addWidget(self.status_box)
        status_row.addWidget(self.status_note, 1)
        self.threads = QTreeWidget()
        self.threads.setObjectName("review-threads")
        self.threads.setHeaderHidden(True)
        self.threads.setWordWrap(True)
        self.threads.currentItemChanged.connect(lambda *a: self._update_buttons())
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("review-editor")
        self.editor.setPlaceholderText("Write a comment or a reply (Ctrl+Enter comments)")
        self.editor.setMaximumHeight(90)
        self.editor.textChanged.connect(self._update_buttons)
        send = QShortcut(QKeySequence("Ctrl+Return"), self.editor)
        send.setContext(Qt.ShortcutContext.WidgetShortcut)
        send.activated.connect(self.comment)
        self.comment_button = QPushButton("Comment")
        self.comment_button.setObjectName("review-comment-button")
        self.comment_button.clicked.connect(self.comment)
        self.reply_button = QPushButton("Reply")
        self.reply_button.setObjectName("review-reply-button")
        self.reply_button.setToolTip("Answer the comment chosen above")
        self.reply_button.clicked.connect(self.reply)
        self.resolve_button = QPushButton("Resolve")
        self.resolve_button.setObjectName("review-resolve-button")
        self.resolve_button.setToolTip("Resolve (or reopen) the thread chosen above")
        self.resolve_button.clicked.connect(self.toggle_resolved)
        buttons = QHBoxLayout()
        buttons.addWidget(self.comment_button)
        buttons.addWidget(self.reply_button)
        buttons.addWidget(self.resolve_button)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.target_label)
        bottom_layout.addLayout(status_row)
        bottom_layout.addWidget(self.threads, 1)
        bottom_layout.addWidget(self.editor)
        bottom_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self._show_target(None)

    # -- following the document ------------------------------------------------------------

    def set_scene(self, scene) -> None:
        """Follow a (new) document's scene and model."""
        if self.model is not None:
            m = self.model
            for sig, slot in self._model_slots(m):
                try:
                    sig.disconnect(slot)
                except ValueError:
                    pass
        self.scene = scene
        if scene is None:  # the window is closing
            self.model = None
            return
        self.model = scene.model
        for sig, slot in self._model_slots(self.model):
            sig.connect(slot)
        scene.selectionChanged.connect(self._selection_changed)
        for relation in self.model.relations.values():
            if relation.comments:
                self._relation_badge(relation)
        self.rebuild()
        self._selection_changed()

    def _model_slots(self, m: ArgumentMap) -> list:
        return [
            (m.claim_added, self._schedule),
            (m.claim_removed, self._item_removed),
            (m.relation_added, self._relation_added),
            (m.relation_removed, self._item_removed),
            (m.claim_changed, self._item_changed),
            (m.relation_changed, self._item_changed),
        ]

    def _schedule(self, *args) -> None:
        self._rebuild_timer.start()

    def _relation_badge(self, relation: Relation) -> None:
        """Keep an arrow's comment badge in step (the scene does it for cards)."""
        item = self.scene.relation_items.get(relation.id) if self.scene is not None else None
        count = sum(1 for c in relation.comments if not c.resolved)
        if item is not None and item.comment_count != count:
            item.comment_count = count
            item.adjust()

    def _relation_added(self, relation: Relation) -> None:
        self._relation_badge(relation)
        self._schedule()

    def _item_removed(self, item) -> None:
        self._schedule()
        if item.id == self.target:
            self._show_target(None)

    def _item_changed(self, old, new) -> None:
        # Moves (many at once when dragging or laying out) change nothing shown here.
        review_changed = (old.comments, old.review) != (new.comments, new.review)
        shown_changed = review_changed or getattr(old, "text", None) != getattr(new, "text", None)
        if review_changed and isinstance(new, Relation):
            self._relation_badge(new)
        if review_changed:
            self.rebuild()  # at once: the list must agree with the canvas badges
        elif shown_changed:
            self._schedule()
        if new.id == self.target and shown_changed:
            self._show_target(new.id)

    # -- the list --------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Refill the filters' author list and the entries (keeping the current entry)."""
        m = self.model
        if m is None:
            return
        self._rebuild_timer.stop()
        if self.defer_fill(len(m.claims)):
            return
        chosen_author = self.author_filter.currentData() or ANYONE
        self.author_filter.blockSignals(True)
        self.author_filter.clear()
        self.author_filter.addItem("Any author", ANYONE)
        for name in authors(m):
            self.author_filter.addItem(name, name)
        index = self.author_filter.findData(chosen_author)
        self.author_filter.setCurrentIndex(max(index, 0))
        self.author_filter.blockSignals(False)
        author = self.author_filter.currentData() or ANYONE
        sections = STATUS_FILTERS[self.status_filter.currentData()][1]
        current = self.list.currentItem()
        keep = (
            (current.data(0, ID_ROLE), current.data(0, COMMENT_ROLE))
            if current is not None
            else None
        )
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        restore = None
        for section in sections:
            entries = review_entries(m, section, author)
            head = QTreeWidgetItem([f"{SECTION_TITLES[section]} ({len(entries)})"])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(head.font(0))
            font.setBold(True)
            head.setFont(0, font)
            self.list.addTopLevelItem(head)
            for item_id, comment_id, text, tip in entries:
                entry = QTreeWidgetItem([text])
                entry.setData(0, ID_ROLE, item_id)
                entry.setData(0, COMMENT_ROLE, comment_id)
                entry.setToolTip(0, tooltip(tip))
                head.addChild(entry)
                if keep == (item_id, comment_id):
                    restore = entry
            head.setExpanded(len(entries) <= FOLD_ABOVE)
        if restore is not None:
            self.list.blockSignals(True)
            self.list.setCurrentItem(restore)
            self.list.blockSignals(False)
        self.list.setUpdatesEnabled(True)

    def entries(self) -> list[tuple[str, str, str | None]]:
        """(section title, item id, comment id) of every entry shown: what a user sees."""
        self.ensure_filled()
        out = []
        for i in range(self.list.topLevelItemCount()):
            head = self.list.topLevelItem(i)
            title = head.text(0).rsplit(" (", 1)[0]
            for j in range(head.childCount()):
                e = head.child(j)
                out.append((title, e.data(0, ID_ROLE), e.data(0, COMMENT_ROLE)))
        return out

    def entry_item(self, item_id: str, comment_id: str | None = None) -> QTreeWidgetItem | None:
        self.ensure_filled()
        for i in range(self.list.topLevelItemCount()):
            head = self.list.topLevelItem(i)
            for j in range(head.childCount()):
                e = head.child(j)
                if e.data(0, ID_ROLE) == item_id and e.data(0, COMMENT_ROLE) == comment_id:
                    return e
        return None

    def _entry_chosen(self, entry: QTreeWidgetItem, column: int = 0) -> None:
        item_id = entry.data(0, ID_ROLE)
        if item_id is None:
            return
        self.reveal(item_id)
        comment_id = entry.data(0, COMMENT_ROLE)
        if comment_id is not None:
            self.choose_comment(comment_id)

    def reveal(self, item_id: str) -> None:
        """Select and centre a claim or relation on the canvas."""
        self.context.reveal(item_id)  # also opens a collapsed group hiding a claim

    # -- the selection's threads -----------------------------------------------------------

    def _selection_changed(self) -> None:
        scene = self.scene
        if scene is None:
            return
        ids = scene.selected_claim_ids() + scene.selected_relation_ids()
        self._show_target(ids[0] if len(ids) == 1 else None)

    def _show_target(self, item_id: str | None) -> None:
        m = self.model
        if m is not None and item_id is not None:
            item = m.claims.get(item_id) or m.relations.get(item_id)
        else:
            item = None
        keep = self.current_comment_id() if item_id == self.target else None
        self.target = item.id if item is not None else None
        self.threads.clear()
        enabled = item is not None
        for w in (self.status_box, self.threads, self.editor):
            w.setEnabled(enabled)
        if item is None:
            self.target_label.setText("Select one claim or relation to comment on it.")
            self.status_note.setText("")
            self._update_buttons()
            return
        what = "Claim" if isinstance(item, Claim) else "Relation"
        self.target_label.setText(f"{what}: {describe(m, item.id)}")
        self.target_label.setToolTip(tooltip(getattr(item, "text", "")))
        status = item.review.status if item.review is not None else ReviewStatus.UNREVIEWED
        self.status_box.setCurrentIndex(self.status_box.findData(status))
        if item.review is not None and item.review.by:
            self.status_note.setText(f"by {item.review.by}, {when_text(item.review.at)}")
        else:
            self.status_note.setText("")
        muted = QBrush(
            self.palette().color(self.palette().ColorGroup.Disabled, self.palette().ColorRole.Text)
        )

        def add(comment: Comment, parent) -> QTreeWidgetItem:
            state = "  ✓ resolved" if comment.resolved else ""
            when = when_text(comment.time)
            node = QTreeWidgetItem([f"{comment.author} · {when}{state}\n{comment.text}"])
            node.setData(0, COMMENT_ROLE, comment.id)
            node.setToolTip(0, tooltip(comment.text))
            if comment.resolved:
                node.setForeground(0, muted)
            if parent is None:
                self.threads.addTopLevelItem(node)
            else:
                parent.addChild(node)
            for r in comment.replies:
                add(r, node)
            return node

        for c in item.comments:
            add(c, None)
        self.threads.expandAll()
        if keep is not None:
            self.choose_comment(keep)
        self._update_buttons()

    def current_comment_id(self) -> str | None:
        node = self.threads.currentItem()
        return node.data(0, COMMENT_ROLE) if node is not None else None

    def _thread_of(self, node: QTreeWidgetItem) -> QTreeWidgetItem:
        while node.parent() is not None:
            node = node.parent()
        return node

    def choose_comment(self, comment_id: str) -> bool:
        """Make a comment of the shown threads the current one (Reply and Resolve act on it)."""
        stack = [self.threads.topLevelItem(i) for i in range(self.threads.topLevelItemCount())]
        while stack:
            node = stack.pop()
            if node.data(0, COMMENT_ROLE) == comment_id:
                self.threads.setCurrentItem(node)
                return True
            stack.extend(node.child(i) for i in range(node.childCount()))
        return False

    def _thread_comment(self) -> Comment | None:
        node = self.threads.currentItem()
        if node is None or self.target is None:
            return None
        top_id = self._thread_of(node).data(0, COMMENT_ROLE)
        item = self.model.claims.get(self.target) or self.model.relations.get(self.target)
        return next((c for c in item.comments if c.id == top_id), None)

    def _update_buttons(self) -> None:
        has_text = bool(self.editor.toPlainText().strip())
        has_target = self.target is not None
        chosen = self.threads.currentItem() is not None
        self.comment_button.setEnabled(has_target and has_text)
        self.reply_button.setEnabled(has_target and has_text and chosen)
        thread = self._thread_comment() if chosen else None
        self.resolve_button.setEnabled(thread is not None)
        self.resolve_button.setText(
            "Reopen" if thread is not None and thread.resolved else "Resolve"
        )

    # -- actions ---------------------------------------------------------------------------

    def start_comment(self, item_id: str) -> None:
        """Context menu "Add Comment…": show the item's threads, the cursor in the editor."""
        if self.scene is not None and item_id not in (
            self.scene.selected_claim_ids() + self.scene.selected_relation_ids()
        ):
            self.scene.select_ids([item_id])
        self._show_target(item_id)
        self.threads.setCurrentItem(None)
        dock = self.context.docks.get("review")
        if dock is not None:
            dock.show()
            dock.raise_()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def comment(self) -> str | None:
        """Start a thread on the shown item with the editor's text."""
        if self.target is None:
            return None
        cid = review_actions.add_comment(self.context, self.target, self.editor.toPlainText())
        if cid is not None:
            self.editor.clear()
            self.choose_comment(cid)
        return cid

    def reply(self) -> str | None:
        """Answer the chosen comment with the editor's text."""
        comment_id = self.current_comment_id()
        if self.target is None or comment_id is None:
            return None
        rid = review_actions.reply(self.context, self.target, comment_id, self.editor.toPlainText())
        if rid is not None:
            self.editor.clear()
            self.choose_comment(rid)
        return rid

    def toggle_resolved(self) -> bool:
        """Resolve the chosen thread, or reopen it when it is resolved."""
        thread = self._thread_comment()
        if thread is None or self.target is None:
            return False
        done = review_actions.set_resolved(
            self.context, self.target, thread.id, not thread.resolved
        )
        if done:
            self.choose_comment(thread.id)
        return done

    def _status_chosen(self, index: int) -> None:
        if self.target is not None:
            status = self.status_box.itemData(index)
            review_actions.set_status(self.context, [self.target], ReviewStatus(status))
            self._show_target(self.target)


__all__ = ["ReviewPanel", "authors", "describe", "review_entries"]
