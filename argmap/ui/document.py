"""Document: one open map with its undo stack, file path and modified state."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from argmap.io import registry
from argmap.model.edits import Composite, Edit
from argmap.model.map import ArgumentMap
from argmap.model.progress import Progress
from argmap.model.types import MapInfo, with_changes
from argmap.ui.commands import EditCommand


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Document(QObject):
    """The model, its undo stack and where it lives on disk.

    Every change goes through `push`, so undo, redo and the modified mark always agree.
    """

    path_changed = Signal()
    modified_changed = Signal(bool)
    saved = Signal(object)  # Path: a file was written by us (the disk watcher knows its content)
    model_replaced = Signal()

    def __init__(self, model: ArgumentMap | None = None, path: Path | None = None) -> None:
        super().__init__()
        # `is None`, not `or`: an empty map (no claims: falsy) keeps its title and sources.
        self.model = (
            model
            if model is not None
            else ArgumentMap(MapInfo(title="Untitled map", created=now_utc()))
        )
        self.path = path
        # A file name to offer when saving an untitled document (the example map opens as an
        # untitled copy of seeds/peace-talks.argmap, so Save never writes into the repository).
        self.name_hint: str | None = None
        # The file an untitled copy was made from: its folder is where the map's relative
        # paths (source texts) are looked for until the copy is saved somewhere.
        self.origin: Path | None = None
        self.warnings: list[str] = []  # what reading the file repaired (shown once opened)
        self.undo_stack = QUndoStack(self)
        # A bound slot, not a lambda: Qt drops the connection when this object goes, whereas
        # a lambda outliving it raised "Signal source has been deleted" on Quit → Discard.
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        if self.path:
            return self.path.name
        return f"Untitled copy of {self.name_hint}" if self.name_hint else "Untitled"

    def push(self, edit: Edit, text: str) -> None:
        """Apply an edit now (errors propagate, the map unchanged) and make it undoable."""
        inverse = edit.apply(self.model)
        self.undo_stack.push(EditCommand(self.model, inverse, text))

    def push_all(self, edits: list[Edit], text: str) -> None:
        """Several edits as one undo step."""
        if edits:
            self.push(edits[0] if len(edits) == 1 else Composite(tuple(edits), text), text)

    @classmethod
    def open(cls, path: Path, progress: Progress | None = None) -> Document:
        """Read a file (any registered format); raises ArgmapError, leaving nothing half-open.
        What the reader repaired or guessed (a saved view naming deleted claims, parts of a
        foreign GraphML file) is kept in `warnings` for the window to show."""
        return cls.from_read(path, *cls.read(path, progress))

    @staticmethod
    def read(path: Path, progress: Progress | None = None) -> tuple[ArgumentMap, list[str]]:
        """The pure half of `open`, safe on a worker thread (`argmap.ui.long_work`): the map
        read, laid out if it came without positions, and the reader's warnings."""
        model, warnings = registry.read_with_report(path)
        from argmap.analysis.layout import layered_layout, needs_layout
        from argmap.model.edits import MoveClaims

        if progress is not None:
            progress(1, 2)
        if needs_layout(model):
            # A map that arrives without positions is laid out once, as part of opening it.
            MoveClaims.of(layered_layout(model)).apply(model)
        if progress is not None:
            progress(2, 2)
        return model, list(warnings)

    @classmethod
    def from_read(cls, path: Path, model: ArgumentMap, warnings: list[str]) -> Document:
        """The document of a map `read` from `path` (on the GUI thread)."""
        native = path.suffix.lower() == ".argmap"
        document = cls(model, path if native else None)
        document.warnings = list(warnings)
        return document

    def save(self, path: Path | None = None) -> None:
        """Write the map (atomically); the document becomes clean and takes the new path."""
        target = path or self.path
        if target is None:
            raise ValueError("save() needs a path for an untitled document")
        stamp = now_utc()
        info = self.model.info
        # The save time is file metadata, not an edit: it is not put on the undo stack.
        self.model.set_info(
            with_changes(
                info,
                modified=stamp,
                created=info.created or stamp,
                authors=info.authors or (getpass.getuser(),),
            )
        )
        registry.write(self.model, target)
        if target.suffix.lower() == ".argmap":
            self.path = Path(target)
            self.undo_stack.setClean()
            self.path_changed.emit()
        self.saved.emit(Path(target))
