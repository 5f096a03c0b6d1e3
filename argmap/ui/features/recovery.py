"""Autosave and crash recovery.

While a document has unsaved changes, a recovery copy is written every minute to the
platform's app-data folder (`recovery/`), with a small JSON note beside it: which file it
belongs to, when it was written, by which process, and what it holds. A clean save or a clean
close removes the copy. On the next start after a crash, the app offers the copies left by
processes that are gone, showing what each holds and when it was saved.

A feature module: `install(context)` starts the autosaver of a window; `close()` (a clean
close of the window) removes its copy.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from argmap.io import native
from argmap.io.atomic import write_bytes_atomic
from argmap.model.errors import ArgmapError
from argmap.ui.context import FeatureContext
from argmap.ui.document import Document, now_utc

INTERVAL_MS = int(os.environ.get("ARGMAP_AUTOSAVE_MS", "60000"))


def recovery_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".argmap") / "recovery"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class RecoveryCopy:
    """A recovery copy found on disk."""

    map_path: Path
    note_path: Path
    original: str  # the file it belongs to ("" for an untitled map)
    saved_at: str
    title: str
    claims: int
    relations: int

    def describe(self) -> str:
        where = self.original or "an untitled map"
        return (
            f"{where} — “{self.title or 'untitled'}”, {self.claims} claims and "
            f"{self.relations} relations, saved {self.saved_at.replace('T', ' ')}"
        )

    def discard(self) -> None:
        for p in (self.map_path, self.note_path):
            p.unlink(missing_ok=True)


def orphaned_copies() -> list[RecoveryCopy]:
    """Copies left by processes that are no longer running (newest first)."""
    found = []
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    for note_path in folder.glob("*.json"):
        try:
            note = json.loads(note_path.read_text(encoding="utf-8"))
            pid = int(note["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        map_path = note_path.with_suffix(".argmap")
        if not map_path.exists() or (pid != os.getpid() and _alive(pid)) or pid == os.getpid():
            continue
        found.append(
            RecoveryCopy(
                map_path,
                note_path,
                str(note.get("original", "")),
                str(note.get("saved_at", "")),
                str(note.get("title", "")),
                int(note.get("claims", 0)),
                int(note.get("relations", 0)),
            )
        )
    return sorted(found, key=lambda c: c.saved_at, reverse=True)


class Autosaver(QObject):
    """Writes the window's document to a recovery copy while it has unsaved changes."""

    def __init__(self, context: FeatureContext, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(context)
        self.context = context
        self.key = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()
        self.last_error: str | None = None
        context.document_changed.connect(self._follow)
        self._follow()

    @property
    def map_path(self) -> Path:
        return recovery_dir() / f"{self.key}.argmap"

    @property
    def note_path(self) -> Path:
        return recovery_dir() / f"{self.key}.json"

    def _follow(self) -> None:
        doc = self.context.document
        doc.modified_changed.connect(self._modified_changed)
        self._modified_changed(doc.modified)

    def _modified_changed(self, modified: bool) -> None:
        if not modified:
            self.remove()

    def autosave(self) -> bool:
        """Write the recovery copy now if there are unsaved changes; True when written."""
        doc = self.context.document
        if not doc.modified:
            return False
        m = doc.model
        try:
            recovery_dir().mkdir(parents=True, exist_ok=True)
            # No .bak for recovery copies: the copy itself is the safety net.
            write_bytes_atomic(self.map_path, native.dumps(m).encode("utf-8"), backup=False)
            note = {
                "pid": os.getpid(),
                "original": str(doc.path or ""),
                "saved_at": now_utc(),
                "title": m.info.title,
                "claims": len(m.claims),
                "relations": len(m.relations),
            }
            note_text = json.dumps(note, indent=2).encode("utf-8")
            write_bytes_atomic(self.note_path, note_text, backup=False)
        except (OSError, ArgmapError) as exc:
            # Autosave must never interrupt work: say it in the status bar.
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            self.last_error = f"{self.map_path}: autosave failed: {reason or exc}"
            self.context.status(self.last_error, 8000)
            return False
        self.last_error = None
        return True

    def remove(self) -> None:
        self.map_path.unlink(missing_ok=True)
        self.note_path.unlink(missing_ok=True)

    def close(self) -> None:
        """A clean close of the window leaves no recovery copy."""
        self.timer.stop()
        self.remove()


def install(context: FeatureContext) -> Autosaver:
    """Autosave the window's unsaved work to a recovery copy every minute."""
    return Autosaver(context)


def offer_recovery(
    context: FeatureContext, copies: list[RecoveryCopy] | None = None
) -> QMessageBox | None:
    """Ask (non-blocking) whether to restore the newest orphaned copy; None when there is none.

    Restore opens the copy as a modified document bound to its original file (so Save writes
    there); Discard deletes it; Later keeps it for the next start.
    """
    copies = orphaned_copies() if copies is None else copies
    if not copies:
        return None
    copy = copies[0]
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Recover unsaved work",
        "argmap was not closed properly. A recovery copy was found:\n\n"
        f"{copy.describe()}\n\nRestore it?",
        parent=context.window,
    )
    box.setObjectName("recovery-box")
    box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the map's title
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)

    def answered(button) -> None:
        if button is restore:
            restore_copy(context, copy)
        elif button is discard:
            copy.discard()

    box.buttonClicked.connect(answered)
    box.open()
    return box


def restore_copy(context: FeatureContext, copy: RecoveryCopy) -> bool:
    """Open a recovery copy as an unsaved document of its original file."""
    try:
        m = native.read(copy.map_path)
    except ArgmapError as exc:
        context.show_error(str(exc))
        return False
    original = Path(copy.original) if copy.original else None
    document = Document(m, original)
    # Unsaved until the user saves: mark the stack dirty with an index that cannot be clean.
    document.undo_stack.setClean()
    document.undo_stack.resetClean()
    context.show_document(document)
    copy.discard()
    context.status("Restored unsaved work — save it to keep it", 8000)
    return True
