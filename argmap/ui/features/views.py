"""Saved views and the remembered last view of each file.

View ▸ Copy View as Image puts the canvas as shown on the clipboard. View ▸ Saved Views lists
the map's named views (kept in the .argmap file, see docs/format.md):
choosing one moves the canvas to its zoom and centre, focuses the claim it names and switches
the evaluation overlay it names; *Save Current View…* adds one, *Rename View…* and *Delete
View…* change them. Adding, renaming and deleting are edits of the map (one undo step each);
applying a view is not (it moves the camera), except that folding subtrees as the view has
them is (the claims' `collapsed` state belongs to the document). Warnings about views
repaired on reading (a focus claim that is gone) are shown in the status bar when the map
opens.

Separately from the saved views, the camera of each file is remembered in the settings when
the window moves on (another file, closing) and restored the next time the file opens.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QPointF, QTimer
from PySide6.QtWidgets import QInputDialog

from argmap.model.edits import AddView, Composite, RemoveView, UpdateClaim, UpdateView
from argmap.model.types import View, with_changes
from argmap.model.views import MAX_ZOOM, MIN_ZOOM, centre_is_possible
from argmap.ui.context import FeatureContext

SETTINGS_GROUP = "last-view"


def _key(path: Path) -> str:
    """A settings key for a file (its resolved path, hashed: keys must not hold slashes)."""
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"{SETTINGS_GROUP}/{digest}"


class SavedViews:
    """The Saved Views menu, its edits, and the last view per file."""

    def __init__(self, context: FeatureContext) -> None:
        self.context = context
        self.menu = context.add_menu("view.saved", "Saved &Views", "view")
        self.menu.setObjectName("menu-view.saved")
        self.menu.aboutToShow.connect(self.rebuild_menu)
        context.add_action(
            "view.save_view",
            "&Save Current View…",
            self.ask_save,
            "Ctrl+Alt+S",
            "Save the zoom, position and evaluation overlay as a named view of this map",
        )
        context.add_action(
            "view.copy_image",
            "&Copy View as Image",
            self.copy_image,
            "Ctrl+Alt+C",
            "Copy what the canvas shows (no panels) to the clipboard as a picture",
            menu="view",
        )
        context.add_action("view.rename_view", "&Rename View…", self.ask_rename)
        context.add_action("view.delete_view", "&Delete View…", self.ask_delete)
        self._path: Path | None = None
        self._camera: tuple[float, float, float] | None = None  # zoom, centre x, centre y
        view = context.view
        view.zoom_changed.connect(lambda _zoom: self._track())
        view.horizontalScrollBar().valueChanged.connect(lambda _v: self._track())
        view.verticalScrollBar().valueChanged.connect(lambda _v: self._track())
        context.document_changed.connect(self._document_changed)
        self.rebuild_menu()
        if context._document is not None:  # noqa: SLF001 - the window's first document
            self._document_changed()

    # -- the views of the map ------------------------------------------------------------------

    def views(self) -> list[View]:
        """The map's saved views, by name."""
        return sorted(self.context.model.views.values(), key=lambda v: (v.name.lower(), v.id))

    def find(self, name_or_id: str) -> View | None:
        views = self.context.model.views
        if name_or_id in views:
            return views[name_or_id]
        return next((v for v in views.values() if v.name == name_or_id), None)

    def capture(self, name: str) -> View:
        """The current canvas as a view named `name` (a new id)."""
        view = self.context.view
        centre = view.mapToScene(view.viewport().rect().center())
        evaluation = self.context.feature("evaluation")
        focus = self.context.feature("focus")
        model = self.context.model
        return View(
            id=model.new_id("v"),
            name=name,
            zoom=round(view.zoom(), 4),
            center=(round(centre.x(), 1), round(centre.y(), 1)),
            focus=getattr(focus, "claim", None),
            depth=getattr(focus, "depth", 1),
            collapsed=tuple(sorted(c.id for c in model.claims.values() if c.collapsed)),
            evaluation=getattr(evaluation, "semantics", None),
        )

    def save(self, name: str) -> View:
        """Save the current canvas as a named view (one undo step)."""
        view = self.capture(name)
        self.context.document.push(AddView(view), f"Save view “{name}”")
        return view

    def rename(self, view_id: str, name: str) -> None:
        old = self.context.model.view(view_id)
        self.context.document.push(UpdateView(with_changes(old, name=name)), "Rename view")

    def delete(self, view_id: str) -> None:
        name = self.context.model.view(view_id).name
        self.context.document.push(RemoveView(view_id), f"Delete view “{name}”")

    def apply(self, view_id: str) -> None:
        """Show a saved view: its focus and depth, its zoom and centre (the theses framed when
        it fixes neither), its evaluation overlay."""
        v = self.context.model.view(view_id)
        canvas = self.context.view
        self._apply_collapsed(v)
        focus = self.context.feature("focus")
        if focus is not None and hasattr(focus, "focus"):
            focus.focus(v.focus, v.depth)  # first: focusing centres its claim
        if v.zoom is None and v.center is None:
            canvas.opening_view()
        if v.zoom is not None:
            canvas.set_zoom(v.zoom)
        if v.center is not None:
            canvas.centerOn(QPointF(*v.center))
        evaluation = self.context.feature("evaluation")
        if evaluation is not None and hasattr(evaluation, "set_semantics"):
            known = v.evaluation in (None, "grounded", "preferred", "stable", "dfquad", "qe")
            if known:
                evaluation.set_semantics(v.evaluation, remember=False)
            else:
                self.context.status(f"View “{v.name}”: unknown evaluation {v.evaluation!r}")
        self.context.status(f"View “{v.name or v.id}”")

    def copy_image(self) -> None:
        """The canvas as it is shown, as a picture on the clipboard (what `--canvas-only`
        screenshots are)."""
        from PySide6.QtWidgets import QApplication

        self.context.view.settle()  # no quick frame of a zoom in progress: the full picture
        image = self.context.view.viewport().grab().toImage()
        QApplication.clipboard().setImage(image)
        self.context.status(f"Copied the view ({image.width()}×{image.height()} pixels)")

    def _apply_collapsed(self, v: View) -> None:
        """Fold and unfold subtrees as the view has them: the claims' `collapsed` fields are
        the document's, so this is an edit (one undo step), made only when something differs."""
        model = self.context.model
        folded = set(v.collapsed)
        edits = tuple(
            UpdateClaim(with_changes(c, collapsed=c.id in folded))
            for c in model.claims.values()
            if c.collapsed != (c.id in folded)
        )
        if edits:
            text = f"Apply view “{v.name or v.id}”"
            self.context.document.push(
                edits[0] if len(edits) == 1 else Composite(edits, text), text
            )

    # -- menu and dialogs -----------------------------------------------------------------------

    def rebuild_menu(self) -> None:
        menu = self.menu
        menu.clear()
        actions = self.context.actions
        menu.addAction(actions["view.save_view"])
        if self.context._document is None:  # noqa: SLF001 - built before the first document
            return
        views = self.views()
        if views:
            menu.addSeparator()
        for n, v in enumerate(views, 1):
            text = f"&{n} {v.name or v.id}" if n < 10 else (v.name or v.id)
            act = menu.addAction(text)
            act.setObjectName(f"apply-view-{v.id}")
            act.triggered.connect(lambda checked=False, vid=v.id: self.apply(vid))
        menu.addSeparator()
        for key in ("view.rename_view", "view.delete_view"):
            actions[key].setEnabled(bool(views))
            menu.addAction(actions[key])

    def _choose(self, title: str) -> View | None:
        views = self.views()
        if not views:
            return None
        names = [v.name or v.id for v in views]
        name, ok = QInputDialog.getItem(self.context.window, title, "View:", names, 0, False)
        return views[names.index(name)] if ok else None

    def ask_save(self) -> None:
        default = f"View {len(self.context.model.views) + 1}"
        name, ok = QInputDialog.getText(self.context.window, "Save View", "Name:", text=default)
        if ok and name.strip():
            self.save(name.strip())

    def ask_rename(self) -> None:
        v = self._choose("Rename View")
        if v is None:
            return
        name, ok = QInputDialog.getText(self.context.window, "Rename View", "Name:", text=v.name)
        if ok and name.strip():
            self.rename(v.id, name.strip())

    def ask_delete(self) -> None:
        v = self._choose("Delete View")
        if v is not None:
            self.delete(v.id)

    # -- the last view of each file -------------------------------------------------------------

    def _track(self) -> None:
        if self._path is None:
            return
        view = self.context.view
        try:
            if view.scene() is None:
                return
            centre = view.mapToScene(view.viewport().rect().center())
        except RuntimeError:  # the window is being torn down
            return
        self._camera = (view.zoom(), centre.x(), centre.y())

    def remember(self) -> None:
        """Store the camera of the file shown (called when the window moves on)."""
        if self._path is not None and self._camera is not None:
            self.context.settings.setValue(_key(self._path), list(self._camera))

    def _document_changed(self) -> None:
        self.remember()
        document = self.context.document
        self._path, self._camera = document.path, None
        for warning in document.warnings:
            self.context.status(f"{document.display_name()}: {warning}", 0)
        if document.path is not None:
            stored = self.context.settings.value(_key(document.path))
            # After the window's own opening view (queued before this), so this one wins.
            QTimer.singleShot(0, lambda: self._restore(stored))

    def _restore(self, stored: object) -> None:
        try:
            zoom, x, y = (float(v) for v in stored)  # type: ignore[union-attr]
        except (TypeError, ValueError):
            return  # nothing stored, or not three numbers: keep the opening view
        model = self.context.model
        if not (MIN_ZOOM <= zoom <= MAX_ZOOM and centre_is_possible((x, y), model.claims)):
            return
        self.context.view.set_zoom(zoom)
        self.context.view.centerOn(QPointF(x, y))

    def close(self) -> None:
        self.remember()


def install(context: FeatureContext) -> SavedViews:
    return SavedViews(context)
