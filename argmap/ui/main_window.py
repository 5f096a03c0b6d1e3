"""MainWindow: menus, toolbar, docks, file actions and the canvas of one document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QUndoView,
)

from argmap.io import registry
from argmap.model.errors import ArgmapError
from argmap.model.progress import Cancelled
from argmap.model.types import RelationKind
from argmap.ui.context import FeatureContext
from argmap.ui.docks.inspector import Inspector
from argmap.ui.docks.outline import Outline
from argmap.ui.document import Document
from argmap.ui.editing import EditingScene
from argmap.ui.editor import MapEditor
from argmap.ui.features import install_all
from argmap.ui.file_dialogs import open_filter
from argmap.ui.long_work import run_here, run_long
from argmap.ui.theme import apply_palette, system_theme, theme_named
from argmap.ui.view import MapView

MAX_RECENT = 8


class MainWindow(QMainWindow):
    """One window, one document, composed of features.

    The window holds the canvas, the file and editing actions, the Outline, Inspector and
    History docks. Everything else (evaluation overlay, checks, review, compare, the disk
    watcher, recovery, ...) is a feature module installed with `install(context)`
    (`argmap/ui/features/`): it gets `self.context` (a `FeatureContext`) and never this class.
    Installed features are in `self.features`, by key.
    """

    def __init__(self, document: Document | None = None) -> None:
        super().__init__()
        self.settings = QSettings("argmap", "argmap")
        self.theme = theme_named(str(self.settings.value("appearance", "system")))
        apply_palette(self.theme)
        self.document = document or Document()
        self.scene: EditingScene | None = None
        self.error_box: QMessageBox | None = None
        self.context_menu: QMenu | None = None
        self.view = MapView()
        self.context = FeatureContext(self, self.view, self.settings)
        self.context.bind(self.set_document, self.show_error)
        self.editor = MapEditor(self.context)
        self.features = self.context.features
        self.setCentralWidget(self.view)
        self.setAcceptDrops(True)
        self.resize(1440, 900)
        self._make_actions()
        self._make_menus()
        self._make_docks()
        self._make_toolbar()
        self.zoom_label = QLabel()
        # A fixed size for the widest zoom ("600 %"): a label whose size may change asks the
        # status bar to lay itself out again on every zoom step.
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.zoom_label.setText("600 %")
        hint = self.zoom_label.sizeHint()
        self.zoom_label.setFixedSize(hint.width() + 8, hint.height())
        self.zoom_label.setText(f"{self.view.zoom() * 100:.0f} %")
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f} %"))
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._system_scheme_changed)
        self.set_document(self.document)
        install_all(self.context)

    # -- document -----------------------------------------------------------------------------

    def set_document(self, document: Document) -> None:
        """Show a document (the old one's scene stops following its model)."""
        if self.scene is not None:
            # The old scene announces nothing while it dies (its items' removal would
            # otherwise reach the docks through selectionChanged).
            self.scene.blockSignals(True)
            self.scene.disconnect_model()
            self.scene.deleteLater()
        self.document = document
        self.scene = EditingScene(document, self.theme, parent=self)
        self.scene.problem.connect(self.show_error)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.context_menu_requested.connect(self.show_context_menu)
        self.view.setScene(self.scene)
        self.inspector.set_scene(self.scene)
        self.outline.set_scene(self.scene)
        self.undo_view.setStack(document.undo_stack)
        document.modified_changed.connect(self._update_title)
        document.path_changed.connect(self._update_title)
        document.undo_stack.indexChanged.connect(self._update_counts)
        self._bind_undo_actions()
        self._update_title()
        self._update_counts()
        self._selection_changed()
        QTimer.singleShot(0, self.view.opening_view)
        self.context.set_current(document, self.scene, self.theme)

    def show_context_menu(self, screen_pos: QPoint, item_id: str | None) -> None:
        """The canvas's context menu for a claim, a relation, or empty canvas (item_id None)."""
        menu = QMenu(self)
        menu.setObjectName("canvas-context-menu")
        m = self.document.model
        if item_id is not None and item_id in m.claims:
            for act in (
                self.edit_text_action,
                self.support_child_action,
                self.attack_child_action,
                None,
                self.copy_action,
                self.cut_action,
                self.duplicate_action,
                self.delete_action,
                None,
                self.group_action,
            ):
                menu.addSeparator() if act is None else menu.addAction(act)
        elif item_id is not None and item_id in m.relations:
            menu.addAction(self.delete_action)
        else:
            for act in (
                self.new_claim_action,
                self.paste_action,
                None,
                self.select_all_action,
                self.layout_action,
                self.fit_action,
            ):
                menu.addSeparator() if act is None else menu.addAction(act)
        for extend in self.context.menu_extenders:
            extend(menu, item_id)
        self.context_menu = menu
        menu.popup(screen_pos)

    def _bind_undo_actions(self) -> None:
        stack = self.document.undo_stack
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        self.undo_action.setEnabled(stack.canUndo())
        self.redo_action.setEnabled(stack.canRedo())
        self._undo_text_changed(stack.undoText())
        self._redo_text_changed(stack.redoText())

    def _undo_text_changed(self, text: str) -> None:
        self.undo_action.setText(f"&Undo {text}".strip())

    def _redo_text_changed(self, text: str) -> None:
        self.redo_action.setText(f"&Redo {text}".strip())

    def _update_title(self, *args) -> None:
        self.setWindowTitle(f"{self.document.display_name()}[*] — argmap")
        self.setWindowModified(self.document.modified)

    def _update_counts(self, *args) -> None:
        m = self.document.model
        self.count_label.setText(f"{len(m.claims)} claims · {len(m.relations)} relations")

    def _selection_changed(self) -> None:
        scene = self.scene
        if scene is None:
            return
        claims = scene.selected_claim_ids()
        one = len(claims) == 1
        for action in (self.support_child_action, self.attack_child_action, self.edit_text_action):
            action.setEnabled(one)
        has = bool(claims or scene.selected_relation_ids())
        for action in (
            self.delete_action,
            self.copy_action,
            self.cut_action,
            self.duplicate_action,
        ):
            action.setEnabled(has)
        self.group_action.setEnabled(bool(claims))
        if one:
            self.outline.show_claim(claims[0])

    # -- building the window -----------------------------------------------------------------

    def _make_docks(self) -> None:
        self.inspector = Inspector()
        self.outline = Outline()
        self.outline.claim_chosen.connect(self.reveal_claim)
        self.undo_view = QUndoView()
        self.undo_view.setEmptyLabel("Opened")
        self.docks = self.context.docks
        self.context.add_dock("outline", "Outline", self.outline, area="left")
        self.context.add_dock("inspector", "Inspector", self.inspector)
        self.context.add_dock("history", "History", self.undo_view)
        self.resizeDocks(
            [self.docks["outline"], self.docks["inspector"]], [330, 340], Qt.Orientation.Horizontal
        )
        self.tabifyDockWidget(self.docks["inspector"], self.docks["history"])
        self.docks["inspector"].raise_()

    def _action(self, key: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        """One of the window's own actions, registered under `key` in the feature context."""
        return self.context.add_action(key, text, slot, shortcut, tip)

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey  # noqa: N806
        a = self._action
        self.new_action = a("file.new", "&New", self.new_document, K.New, "Start an empty map")
        self.open_action = a("file.open", "&Open…", self.open_dialog, K.Open, "Open a map")
        self.save_action = a("file.save", "&Save", self.save, K.Save, "Save the map")
        self.save_as_action = a(
            "file.save_as", "Save &As…", self.save_as, K.SaveAs, "Save under a new name"
        )
        self.export_action = a(
            "file.export", "&Export…", self.export_dialog, "Ctrl+E", "Export a picture or GraphML"
        )
        self.quit_action = a(
            "file.quit",
            "&Quit",
            self.close,
            [K.Quit, "Ctrl+Q"],  # Ctrl+Q also where the platform's Quit is another key
            "Quit argmap",
        )
        self.undo_action = a("edit.undo", "&Undo", lambda: self.document.undo_stack.undo(), K.Undo)
        self.redo_action = a(
            "edit.redo", "&Redo", lambda: self.document.undo_stack.redo(), [K.Redo, "Ctrl+Y"]
        )
        self.close_action = a(
            "file.close",
            "&Close",
            self.close_document,
            K.Close,
            "Close the map (an empty one opens)",
        )
        self.find_action = a(
            "edit.find", "&Find…", self.focus_search, K.Find, "Search the claims (Outline panel)"
        )
        self.cut_action = a("edit.cut", "Cu&t", self.editor.cut, K.Cut)
        self.copy_action = a("edit.copy", "&Copy", self.editor.copy, K.Copy)
        self.paste_action = a("edit.paste", "&Paste", self.editor.paste, K.Paste)
        self.duplicate_action = a("edit.duplicate", "D&uplicate", self.editor.duplicate, "Ctrl+D")
        self.delete_action = a(
            "edit.delete",
            "&Delete",
            lambda: self.scene.delete_selection(),
            [QKeySequence(K.Delete), QKeySequence("Backspace")],
        )
        self.select_all_action = a(
            "edit.select_all", "Select &All", self.editor.select_all, K.SelectAll
        )
        self.edit_text_action = a(
            "edit.edit_text",
            "&Edit Text",
            self.editor.edit_text,
            "F2",
            "Edit the claim's text in place",
        )
        self.new_claim_action = a(
            "insert.new_claim",
            "New &Claim",
            self.editor.new_claim,
            "N",
            "Add a claim (or double-click the canvas)",
        )
        self.support_child_action = a(
            "insert.support_child",
            "Add &Supporting Claim",
            lambda: self.editor.add_child(RelationKind.SUPPORT),
            "S",
            "Add a premise that supports the selected claim",
        )
        self.attack_child_action = a(
            "insert.attack_child",
            "Add &Attacking Claim",
            lambda: self.editor.add_child(RelationKind.ATTACK),
            "A",
            "Add an objection that attacks the selected claim",
        )
        self.group_action = a(
            "insert.group", "&Group Selection", self.editor.group_selection, "Ctrl+G"
        )
        self.ungroup_action = a("insert.ungroup", "&Ungroup", self.editor.ungroup, "Ctrl+Shift+G")
        self.collapse_action = a(
            "insert.collapse", "Collapse/Expand Group", self.editor.toggle_group, "Ctrl+Shift+C"
        )
        self.rename_group_action = a(
            "insert.rename_group", "Rename Group…", self.editor.rename_group
        )
        self.zoom_in_action = a(
            "view.zoom_in",
            "Zoom &In",
            self.view.zoom_in,
            [QKeySequence(K.ZoomIn), QKeySequence("Ctrl+=")],
        )
        self.zoom_out_action = a("view.zoom_out", "Zoom &Out", self.view.zoom_out, K.ZoomOut)
        self.fit_action = a("view.fit", "&Fit Map", self.view.fit_map, "Ctrl+0")
        self.actual_size_action = a(
            "view.actual_size", "Actual &Size", self.view.actual_size, "Ctrl+1"
        )
        self.layout_action = a(
            "view.layout",
            "&Layout Top-Down",
            lambda: self.editor.auto_layout("TB"),
            "Ctrl+L",
            "Lay out the selection, or the whole map, in layers",
        )
        self.layout_lr_action = a(
            "view.layout_lr",
            "Layout &Left-Right",
            lambda: self.editor.auto_layout("LR"),
            "Ctrl+Shift+L",
        )
        self.layout_groups_action = a(
            "view.layout_groups",
            "Layout Keeps &Groups Together",
            self._keep_groups_toggled,
            None,
            "Automatic layout gives each group (section) a band of its own, so frames never "
            "overlap (can cost crossings)",
        )
        self.layout_groups_action.setCheckable(True)
        self.layout_groups_action.setChecked(
            str(self.settings.value("layout/keep_groups", "false")) == "true"
        )
        self.appearance_actions = {}
        for name in ("system", "light", "dark"):
            act = a(
                f"view.appearance.{name}", name.capitalize(), lambda n=name: self.set_appearance(n)
            )
            act.setCheckable(True)
            act.setChecked(str(self.settings.value("appearance", "system")) == name)
            self.appearance_actions[name] = act
        self.about_action = a("help.about", "&About argmap", self.about)

    def _keep_groups_toggled(self) -> None:
        """Remembered for the next automatic layouts (and sessions)."""
        on = self.layout_groups_action.isChecked()
        self.settings.setValue("layout/keep_groups", "true" if on else "false")
        self.statusBar().showMessage(
            "Automatic layout keeps groups together" if on else "Automatic layout ignores groups",
            4000,
        )

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for act in (self.new_action, self.open_action):
            file_menu.addAction(act)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        for act in (self.save_action, self.save_as_action, self.export_action):
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        edit = bar.addMenu("&Edit")
        for act in (
            self.undo_action,
            self.redo_action,
            None,
            self.cut_action,
            self.copy_action,
            self.paste_action,
            self.duplicate_action,
            self.delete_action,
            None,
            self.select_all_action,
            self.edit_text_action,
            self.find_action,
        ):
            edit.addSeparator() if act is None else edit.addAction(act)
        insert = bar.addMenu("&Insert")
        for act in (
            self.new_claim_action,
            self.support_child_action,
            self.attack_child_action,
            None,
            self.group_action,
            self.ungroup_action,
            self.collapse_action,
            self.rename_group_action,
        ):
            insert.addSeparator() if act is None else insert.addAction(act)
        view = bar.addMenu("&View")
        for act in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_action,
            self.actual_size_action,
            None,
            self.layout_action,
            self.layout_lr_action,
            self.layout_groups_action,
        ):
            view.addSeparator() if act is None else view.addAction(act)
        view.addSeparator()
        appearance = view.addMenu("A&ppearance")
        for act in self.appearance_actions.values():
            appearance.addAction(act)
        panels = view.addMenu("&Panels")
        panels.setObjectName("menu-view.panels")
        self.view_menu = view
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)
        menus = self.context.menus
        for key, menu in (
            ("file", file_menu),
            ("edit", edit),
            ("insert", insert),
            ("view", view),
            ("view.appearance", appearance),
            ("view.panels", panels),
            ("help", help_menu),
        ):
            menu.setObjectName(f"menu-{key}")
            menus[key] = menu

    def _make_toolbar(self) -> None:
        tb = QToolBar("Main")
        tb.setObjectName("toolbar-main")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(tb)
        self.context.toolbar = tb
        for act in (
            self.new_action,
            self.open_action,
            self.save_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            self.new_claim_action,
            self.support_child_action,
            self.attack_child_action,
            self.delete_action,
            None,
            self.layout_action,
            self.fit_action,
        ):
            tb.addSeparator() if act is None else tb.addAction(act)
        self.toolbar = tb

    # -- file actions ---------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Tell the user what went wrong; the open document is untouched."""
        self.statusBar().showMessage(message, 8000)
        box = QMessageBox(
            QMessageBox.Icon.Warning, "argmap", message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("error-box")
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.error_box = box
        box.open()

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; False when the user cancels."""
        if not self.document.modified:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "argmap",
            f"Save changes to “{self.document.display_name()}” before closing?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("save-prompt")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_document(self) -> None:
        if self.maybe_save():
            self.set_document(Document())

    def close_document(self) -> None:
        """Close the map (asking to save); the window stays with an empty map."""
        self.new_document()

    def focus_search(self) -> None:
        """Ctrl+F: show the Outline panel and put the cursor in its search box."""
        dock = self.docks["outline"]
        dock.show()
        dock.raise_()
        self.outline.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.outline.search.selectAll()

    def open_dialog(self) -> None:
        start = str(self.document.path.parent) if self.document.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open map", start, open_filter())
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Open a file in this window; on error show it and keep the current document."""
        if not self.maybe_save():
            return False
        try:
            model, warnings = run_long(
                self, f"Opening {path.name}…", lambda progress: Document.read(path, progress)
            )
        except Cancelled:
            self.statusBar().showMessage(f"Opening {path.name} cancelled", 4000)
            return False
        except ArgmapError as exc:
            self.show_error(str(exc))
            return False
        document = Document.from_read(path, model, warnings)
        self.set_document(document)
        self._add_recent(path)
        self.statusBar().showMessage(f"Opened {path}", 4000)
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        start = str(self.document.path or Path.home() / (self.document.name_hint or "map.argmap"))
        path, _ = QFileDialog.getSaveFileName(self, "Save map", start, "argmap map (*.argmap)")
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != ".argmap":
            target = (
                target.with_suffix(target.suffix + ".argmap")
                if target.suffix
                else target.with_suffix(".argmap")
            )
        return self._save_to(target)

    def _save_to(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except (ArgmapError, OSError) as exc:
            self.show_error(f"{path}: could not save: {exc}")
            return False
        self._add_recent(path)
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def export_dialog(self) -> None:
        from argmap.ui.export_dialog import ExportDialog

        selected = self.scene.selected_claim_ids()
        dialog = ExportDialog(self, has_selection=bool(selected))
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        ext = dialog.extension()
        base = self.document.path.with_suffix("") if self.document.path else Path.home() / "map"
        path, _ = QFileDialog.getSaveFileName(self, "Export", str(base) + ext, f"*{ext}")
        if not path:
            return
        target = Path(path) if Path(path).suffix.lower() == ext else Path(path + ext)
        options = dialog.options()
        if dialog.selection_only.isChecked() and dialog.selection_only.isVisible():
            options["claim_ids"] = selected
        self.export_to(target, **options)

    def export_to(self, path: Path, **options) -> bool:
        """Export the map; pictures are drawn from this canvas, exactly as shown."""
        try:
            if path.suffix.lower() in (".png", ".svg", ".pdf"):
                from argmap.io.atomic import write_bytes_atomic
                from argmap.ui import pictures

                ext = path.suffix.lower()
                render = {
                    ".png": pictures.png_image,
                    ".svg": pictures.render_svg,
                    ".pdf": pictures.render_pdf,
                }[ext]
                options.setdefault("appearance", self.theme.name)
                label = f"Exporting {path.name}…"
                model = self.document.model

                def draw(progress):
                    # Drawn on this thread (Qt paints items only here), in slices with a
                    # progress dialog and Cancel; nothing is written before the end.
                    return render(model, scene=self.scene, progress=progress, **options)

                data = run_here(self, label, draw)
                if ext == ".png":  # compressing a big picture takes seconds: off this thread
                    image = data
                    data = run_long(self, label, lambda progress: pictures.encode_png(image))
                write_bytes_atomic(path, data)
            else:
                model = self.document.model  # the dialog is window-modal: nothing edits it

                def write(progress) -> None:
                    # Into a file beside the target first: a cancelled export leaves no file.
                    draft = path.with_name(f".{path.name}.export-draft{path.suffix}")
                    try:
                        registry.write(model, draft, **options)
                        progress(1, 1)  # raises Cancelled if the user gave up meanwhile
                        draft.replace(path)
                    finally:
                        draft.unlink(missing_ok=True)

                run_long(self, f"Exporting {path.name}…", write)
        except Cancelled:
            self.statusBar().showMessage(f"Export of {path.name} cancelled", 4000)
            return False
        except (ArgmapError, OSError) as exc:
            self.show_error(f"{path}: could not export: {exc}")
            return False
        self.statusBar().showMessage(f"Exported {path}", 4000)
        return True

    def _add_recent(self, path: Path) -> None:
        recent = [p for p in self.recent_files() if p != str(path.resolve())]
        recent.insert(0, str(path.resolve()))
        self.settings.setValue("recent", recent[:MAX_RECENT])

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in (value or [])]

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            self.recent_menu.addAction("(none)").setEnabled(False)
        for i, name in enumerate(files, 1):
            act = self.recent_menu.addAction(f"&{i} {Path(name).name}  —  {Path(name).parent}")
            act.triggered.connect(lambda checked=False, n=name: self.open_path(Path(n)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.maybe_save():
            self.scene.blockSignals(True)
            for feature in self.features.values():
                feature.close()  # the recovery feature removes its copy: a clean close
            event.accept()
        else:
            event.ignore()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_path(Path(files[0]))

    # -- editing actions ------------------------------------------------------------------------

    def reveal_claim(self, claim_id: str) -> None:
        """Select a claim and centre it (opening a collapsed group that hides it)."""
        if claim_id in self.scene.model.claims:
            self.context.reveal(claim_id)

    # -- appearance -----------------------------------------------------------------------------

    def set_appearance(self, name: str, remember: bool = True) -> None:
        """Light, dark or the system's; remembered unless `remember` is False (--appearance)."""
        if remember:
            self.settings.setValue("appearance", name)
        for key, act in self.appearance_actions.items():
            act.setChecked(key == name)
        self.theme = theme_named(name)
        apply_palette(self.theme)
        self.scene.set_theme(self.theme)
        self.context.set_theme(self.theme)

    def _system_scheme_changed(self, *args) -> None:
        if str(self.settings.value("appearance", "system")) == "system":
            self.theme = system_theme()
            apply_palette(self.theme)
            self.scene.set_theme(self.theme)
            self.context.set_theme(self.theme)

    def about(self) -> None:
        from argmap import __version__

        QMessageBox.about(
            self,
            "About argmap",
            f"argmap {__version__}\nArgument maps: claims joined by support and attack.",
        )
