"""Compare view: mark on the canvas what differs between the open map and another version.

A feature module: `install(context)` returns a `CompareFeature` whose `start(other_map, title)`
colours the canvas by `diff_maps(other, current)`:
claims added since the other version get a green border, changed ones an amber border and a
tooltip naming the fields, and removed ones come back as *ghosts* (dashed, faded cards at
their old place that are not part of the model and cannot be selected or edited). Removed
relations are drawn as faded dashed lines. A "Compare" dock lists the differences and ends the
comparison. Nothing here pushes an edit: the document is only read. While it is open the
marks follow edits of the map (recomputed after a short pause).

File → "Compare with…" reads any readable format; "Compare with Last Saved" compares with the
file on disk, and the changed-on-disk prompt (the watcher feature) calls `start` with the disk
version.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QFileDialog,
    QGraphicsItem,
    QGraphicsPathItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.analysis.diff import MapDiff, diff_maps
from argmap.io import registry
from argmap.model.errors import ArgmapError
from argmap.model.map import ArgumentMap
from argmap.model.progress import Cancelled
from argmap.model.types import Claim
from argmap.ui.context import FeatureContext
from argmap.ui.docks.review import describe, short
from argmap.ui.file_dialogs import open_filter
from argmap.ui.items.claim_item import ClaimItem
from argmap.ui.items.relation_item import border_point
from argmap.ui.long_work import run_long
from argmap.ui.plain import tooltip

ADDED = QColor("#2e9e44")
CHANGED = QColor("#e69a00")
ID_ROLE = Qt.ItemDataRole.UserRole
FIELD_NAMES = {"x": "position", "y": "position", "base_score": "base score"}


class GhostClaimItem(ClaimItem):
    """A removed claim shown where it was: faded, dashed, and inert (no select, drag, connect)."""

    def __init__(self, claim: Claim, theme) -> None:
        super().__init__(claim, theme)
        self.ghost = True
        self.setFlags(QGraphicsItem.GraphicsItemFlag(0))
        self.setAcceptHoverEvents(False)
        self.setZValue(0.5)  # under the live cards it may overlap

    def on_handle(self, item_pos: QPointF) -> bool:
        return False  # a ghost is not a premise one can draw an arrow from


def _field_list(names: tuple[str, ...]) -> str:
    seen: list[str] = []
    for n in names:
        label = FIELD_NAMES.get(n, n)
        if label not in seen:
            seen.append(label)
    return ", ".join(seen)


class CompareDock(QDockWidget):
    """The comparison's dock: closing it (its title-bar button) ends the comparison."""

    ending = False

    def __init__(self, title: str, parent: QWidget, on_closed: Callable[[], None]) -> None:
        super().__init__(title, parent)
        self._on_closed = on_closed

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().closeEvent(event)
        if not self.ending:
            QTimer.singleShot(0, self._on_closed)


class CompareView:
    """One comparison shown on a window's canvas, with its dock; `end()` undoes every mark."""

    def __init__(
        self,
        context: FeatureContext,
        other: ArgumentMap,
        title: str,
        ignore_layout: bool = True,
        on_end: Callable[[], None] | None = None,
    ) -> None:
        self.context = context
        self.scene = context.scene
        self.model = context.model
        self._on_end = on_end or self.end
        self.other = other
        self.title = title
        self.ignore_layout = ignore_layout
        self.diff: MapDiff | None = None
        self.ghosts: dict[str, GhostClaimItem] = {}
        self.ghost_lines: dict[str, QGraphicsPathItem] = {}
        self._saved: dict[object, tuple] = {}  # item → (highlight, tooltip) before marking
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self._build_dock()
        for sig in self._signals():
            sig.connect(self._schedule)
        self.refresh()

    # -- the dock --------------------------------------------------------------------------

    def _build_dock(self) -> None:
        ctx = self.context
        panel = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("compare-summary")
        self.summary.setWordWrap(True)
        self.ignore_box = QCheckBox("Ignore moves")
        self.ignore_box.setObjectName("compare-ignore-layout")
        self.ignore_box.setToolTip("A claim that was only moved does not count as changed")
        self.ignore_box.setChecked(self.ignore_layout)
        self.ignore_box.toggled.connect(self._ignore_toggled)
        self.end_button = QPushButton("End comparison")
        self.end_button.setObjectName("compare-end")
        self.end_button.clicked.connect(lambda: self._on_end())
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.ignore_box)
        head.addWidget(self.end_button)
        self.list = QTreeWidget()
        self.list.setObjectName("compare-list")
        self.list.setHeaderHidden(True)
        self.list.itemClicked.connect(self._entry_chosen)
        self.list.itemActivated.connect(self._entry_chosen)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(head)
        layout.addWidget(self.list)
        self.dock = CompareDock(f"Compare with {self.title}", ctx.window, self._ended_by_dock)
        self.dock.setObjectName("dock-compare")
        self.dock.setWidget(panel)
        ctx.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        ctx.window.resizeDocks([self.dock], [190], Qt.Orientation.Vertical)

    def _ended_by_dock(self) -> None:
        if not self.dock.ending:
            self._on_end()

    def _ignore_toggled(self, on: bool) -> None:
        self.ignore_layout = on
        self.refresh()

    # -- following the model ---------------------------------------------------------------

    def _signals(self) -> list:
        return self.model.change_signals()

    def _schedule(self, *args) -> None:
        self._timer.start()

    # -- marks -----------------------------------------------------------------------------

    def _mark(self, item, colour: QColor | None, tip: str) -> None:
        if item not in self._saved:
            self._saved[item] = (item.highlight, item.toolTip())
        item.highlight = colour
        item.setToolTip(tooltip(tip))  # tips quote claim texts: never let Qt read them as HTML
        item.update()

    def _clear_marks(self) -> None:
        for item, (highlight, tip) in self._saved.items():
            if item.scene() is self.scene:  # not removed from the map meanwhile
                item.highlight = highlight
                item.setToolTip(tip)
                item.update()
        self._saved.clear()
        for item in [*self.ghosts.values(), *self.ghost_lines.values()]:
            if item.scene() is self.scene:
                self.scene.removeItem(item)
        self.ghosts.clear()
        self.ghost_lines.clear()

    def refresh(self) -> None:
        """Recompute the difference and redraw every mark."""
        self._timer.stop()
        self._clear_marks()
        d = diff_maps(self.other, self.model, ignore_layout=self.ignore_layout)
        self.diff = d
        scene, since = self.scene, f"since {self.title}"
        for cid in d.claims.added:
            item = scene.claim_item(cid)
            if item is not None:
                self._mark(item, ADDED, f"Added {since}")
        for change in d.claims.changed:
            item = scene.claim_item(change.id)
            if item is not None:
                tip = f"Changed {since}: {_field_list(change.fields)}"
                if "text" in change.fields:
                    tip += f"\nwas: {change.old.text}"
                self._mark(item, CHANGED, tip)
        for rid in d.relations.added:
            item = scene.relation_item(rid)
            if item is not None:
                # Keep support green and attack red: the arrow gets thicker, not recoloured.
                self._mark(item, scene.theme.relation[item.relation.kind], f"Added {since}")
        for change in d.relations.changed:
            item = scene.relation_item(change.id)
            if item is not None:
                tip = f"Changed {since}: {_field_list(change.fields)}"
                self._mark(item, scene.theme.relation[item.relation.kind], tip)
        for cid in d.claims.removed:
            ghost = GhostClaimItem(self.other.claims[cid], scene.theme)
            ghost.setToolTip(tooltip(f"Removed {since}\n{self.other.claims[cid].text}"))
            scene.addItem(ghost)
            self.ghosts[cid] = ghost
        for rid in d.relations.removed:
            line = self._ghost_line(rid)
            if line is not None:
                scene.addItem(line)
                self.ghost_lines[rid] = line
        self._fill_list()

    def _anchor(self, claim_id: str):
        ghost = self.ghosts.get(claim_id)
        if ghost is not None:
            return ghost.scene_rect()
        return self.scene.anchor_rect(claim_id)

    def _ghost_line(self, rid: str) -> QGraphicsPathItem | None:
        r = self.other.relations[rid]
        src = self._anchor(r.source)
        if src is None:
            return None
        target = self.scene.relation_item(r.target) if r.target in self.model.relations else None
        if target is not None:
            end = target.midpoint()
            start = border_point(src, end)
        else:
            tgt = self._anchor(r.target)
            if tgt is None or tgt == src:
                return None
            start, end = border_point(src, tgt.center()), border_point(tgt, src.center())
        path = QPainterPath(start)
        path.lineTo(end)
        colour = QColor(self.scene.theme.relation[r.kind])
        colour.setAlpha(110)
        pen = QPen(colour, 2.0, Qt.PenStyle.DashLine)
        line = QGraphicsPathItem(path)
        line.setPen(pen)
        line.setZValue(-0.5)
        line.setToolTip(f"Removed {'since ' + self.title}: relation {rid}")
        return line

    # -- the list --------------------------------------------------------------------------

    def _fill_list(self) -> None:
        d, m, old = self.diff, self.model, self.other
        self.list.clear()
        c, r = d.claims, d.relations
        if not d:
            self.summary.setText(f"No differences from {self.title}.")
        else:
            self.summary.setText(
                f"Since {self.title}: claims {len(c.added)} added, {len(c.changed)} changed,"
                f" {len(c.removed)} removed · relations {len(r.added)} added,"
                f" {len(r.changed)} changed, {len(r.removed)} removed"
            )
        sections = (
            ("Added", ADDED, [(i, describe(m, i)) for i in c.added + r.added]),
            (
                "Changed",
                CHANGED,
                [
                    (ch.id, f"{describe(m, ch.id)}  — {_field_list(ch.fields)}")
                    for ch in c.changed + r.changed
                ],
            ),
            ("Removed", QColor("#888888"), [(i, describe(old, i)) for i in c.removed + r.removed]),
        )
        for title, colour, rows in sections:
            if not rows:
                continue
            head = QTreeWidgetItem([f"{title} ({len(rows)})"])
            font = QFont(head.font(0))
            font.setBold(True)
            head.setFont(0, font)
            head.setForeground(0, colour)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addTopLevelItem(head)
            for item_id, text in rows:
                kind = "claim" if (item_id in m.claims or item_id in old.claims) else "relation"
                entry = QTreeWidgetItem([f"{kind} {item_id}: {short(text, 90)}"])
                entry.setData(0, ID_ROLE, item_id)
                head.addChild(entry)
            head.setExpanded(True)
        if d.info:
            head = QTreeWidgetItem([f"Map details changed: {', '.join(d.info)}"])
            self.list.addTopLevelItem(head)

    def entries(self) -> dict[str, list[str]]:
        """Section title → ids listed, as the user sees them."""
        out: dict[str, list[str]] = {}
        for i in range(self.list.topLevelItemCount()):
            head = self.list.topLevelItem(i)
            ids = [head.child(j).data(0, ID_ROLE) for j in range(head.childCount())]
            if ids:
                out[head.text(0).rsplit(" (", 1)[0]] = ids
        return out

    def _entry_chosen(self, entry: QTreeWidgetItem, column: int = 0) -> None:
        item_id = entry.data(0, ID_ROLE)
        if item_id is None:
            return
        ctx = self.context
        if item_id in self.ghosts:
            ctx.scene.clearSelection()
            ctx.view.centerOn(self.ghosts[item_id])
        elif item_id in self.ghost_lines:
            ctx.scene.clearSelection()
            ctx.view.centerOn(self.ghost_lines[item_id])
        else:
            ctx.reveal(item_id)  # also opens a collapsed group hiding a claim

    # -- ending ----------------------------------------------------------------------------

    def end(self) -> None:
        """Remove every mark, ghost and the dock; the map is as it was (it was never touched)."""
        self._timer.stop()
        for sig in self._signals():
            try:
                sig.disconnect(self._schedule)
            except ValueError:
                pass
        if self.scene is self.context.scene:
            self._clear_marks()
        else:  # the document was replaced: its scene and items are going away with it
            self._saved.clear()
            self.ghosts.clear()
            self.ghost_lines.clear()
        self.dock.ending = True
        self.context.window.removeDockWidget(self.dock)
        self.dock.deleteLater()


# -- the feature -------------------------------------------------------------------------------


class CompareFeature:
    """File → Compare with… / with Last Saved, and the one comparison shown at a time."""

    def __init__(self, context: FeatureContext) -> None:
        self.context = context
        self.view: CompareView | None = None
        self.dialog: QFileDialog | None = None
        self.compare_action = context.add_action(
            "file.compare",
            "Compare &with…",
            self.with_dialog,
            tip="Mark what differs from another version of the map",
            menu="file",
            before="file.quit",
        )
        self.compare_saved_action = context.add_action(
            "file.compare_saved",
            "Compare with &Last Saved",
            self.with_saved,
            tip="Mark what changed since the file was last saved",
            menu="file",
            before="file.quit",
        )
        quit_action = context.actions.get("file.quit")
        if quit_action is not None:
            context.menus["file"].insertSeparator(quit_action)
        context.menus["file"].aboutToShow.connect(self._update_saved_action)
        context.document_changed.connect(self._document_changed)
        self._document_changed()

    def _document_changed(self) -> None:
        self.end()
        self._update_saved_action()
        self.context.document.modified_changed.connect(lambda *a: self._update_saved_action())

    def _update_saved_action(self) -> None:
        doc = self.context.document
        self.compare_saved_action.setEnabled(doc.path is not None and doc.modified)

    def start(self, other_map: ArgumentMap, title: str, ignore_layout: bool = True) -> CompareView:
        """Show what differs between the open map and `other_map` (called "title" in the view)."""
        self.end()
        self.view = CompareView(self.context, other_map, title, ignore_layout, on_end=self.end)
        self.context.status(f"Comparing with {title}", 4000)
        return self.view

    def end(self) -> None:
        """End the comparison shown, if any."""
        view, self.view = self.view, None
        if view is not None:
            view.end()

    def with_path(self, path: Path) -> CompareView | None:
        """Compare with a map file in any readable format; a bad file is reported, not raised."""
        other = self._read(Path(path))
        return None if other is None else self.start(other, Path(path).name)

    def _read(self, path: Path) -> ArgumentMap | None:
        """The other map, read on a worker thread (progress and Cancel for big files)."""
        try:
            return run_long(
                self.context.window,
                f"Reading {path.name} to compare…",
                lambda progress: registry.read(path),
            )
        except Cancelled:
            self.context.status("Comparison cancelled", 4000)
        except ArgmapError as exc:
            self.context.show_error(str(exc))
        return None

    def with_dialog(self) -> QFileDialog:
        """File → Compare with…: choose another version of the map.

        The dialog is opened with open(), not exec(): it never blocks the event loop, so tests
        and scripts can answer it (`dialog`).
        """
        doc = self.context.document
        start = str(doc.path.parent) if doc.path else str(Path.home())
        dialog = QFileDialog(self.context.window, "Compare with", start, open_filter())
        dialog.setObjectName("compare-dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.fileSelected.connect(lambda path: self.with_path(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def with_saved(self) -> CompareView | None:
        """File → Compare with Last Saved: the open map against its file on disk."""
        path = self.context.document.path
        if path is None:
            self.context.status("The map has not been saved yet.", 4000)
            return None
        other = self._read(path)
        return None if other is None else self.start(other, "the last saved version")

    def close(self) -> None:
        self.end()


def install(context: FeatureContext) -> CompareFeature:
    """Give a window File → Compare with… and the compare view."""
    return CompareFeature(context)
