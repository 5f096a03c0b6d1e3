"""Changed on disk: notice when another program (a `git pull`, an editor) rewrites the open file.

A feature module (`install(context)`). The user is asked through a non-blocking question:
reload the file (the undo history goes, the unsaved changes too, after a warning), compare it
with the open map (the compare feature, when installed), or ignore it. Our own saves are
recognised by content, so they never trigger the question.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from argmap.io import registry
from argmap.model.errors import ArgmapError
from argmap.ui.context import FeatureContext
from argmap.ui.document import Document


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class DiskWatcher(QObject):
    """Watches the open document's file."""

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context)
        self.context = context
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed)
        self.known: str | None = None  # digest of what we loaded or saved
        self.box: QMessageBox | None = None
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(200)  # let a writer finish (git writes then renames)
        self._pending.timeout.connect(self.check)
        context.document_changed.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        doc = self.context.document
        doc.path_changed.connect(self._rewatch)
        doc.saved.connect(lambda _path: self._rewatch())  # what we wrote is the known content
        self._rewatch()

    def _rewatch(self) -> None:
        files = self.watcher.files()
        if files:
            self.watcher.removePaths(files)
        path = self.context.document.path
        if path is not None:
            self.known = _digest(path)
            if path.exists():
                self.watcher.addPath(str(path))

    def _changed(self, _path: str) -> None:
        self._pending.start()

    def check(self) -> bool:
        """Look at the file now; True when it changed behind our back (and the user is asked)."""
        path = self.context.document.path
        if path is None:
            return False
        if str(path) not in self.watcher.files() and path.exists():
            self.watcher.addPath(str(path))  # a rename-over replaced the watched inode
        digest = _digest(path)
        if digest is None or digest == self.known:
            return False
        self.known = digest
        self.ask(path)
        return True

    def ask(self, path: Path) -> None:
        doc = self.context.document
        extra = "\n\nYour unsaved changes would be lost on reload." if doc.modified else ""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "File changed on disk",
            f"{path} was changed by another program.{extra}",
            parent=self.context.window,
        )
        box.setObjectName("changed-on-disk-box")
        box.setTextFormat(Qt.TextFormat.PlainText)
        reload_button = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
        compare_button = None
        if self.context.feature("compare") is not None:
            compare_button = box.addButton("Compare…", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Ignore", QMessageBox.ButtonRole.RejectRole)

        def answered(button) -> None:
            if button is reload_button:
                self.reload(path)
            elif compare_button is not None and button is compare_button:
                self.compare(path)

        box.buttonClicked.connect(answered)
        self.box = box
        box.open()

    def reload(self, path: Path) -> bool:
        try:
            document = Document.open(path)
        except ArgmapError as exc:
            self.context.show_error(str(exc))
            return False
        self.context.show_document(document)
        self.context.status(f"Reloaded {path}", 4000)
        return True

    def compare(self, path: Path) -> None:
        compare = self.context.feature("compare")
        try:
            other = registry.read(path)
        except ArgmapError as exc:
            self.context.show_error(str(exc))
            return
        if compare is not None:
            compare.start(other, f"{path.name} on disk")

    def close(self) -> None:
        files = self.watcher.files()
        if files:
            self.watcher.removePaths(files)
        self._pending.stop()


def install(context: FeatureContext) -> DiskWatcher:
    """Watch the open document's file for changes by other programs."""
    return DiskWatcher(context)
