"""Undo commands: thin wrappers around the model's invertible edits.

`redo()` applies the edit, `undo()` applies its inverse; each application returns the edit that
reverses it, so a command always holds the exact edit for its next step. The first application
happens in `Document.push`, before the command enters the stack, so that an invalid edit raises
to the caller (and a dialog) instead of leaving a broken command on the stack.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from argmap.model.edits import Edit
from argmap.model.map import ArgumentMap


class EditCommand(QUndoCommand):
    """One undoable step: an edit that has already been applied once."""

    def __init__(self, model: ArgumentMap, inverse: Edit, text: str) -> None:
        super().__init__(text)
        self._model = model
        self._inverse: Edit = inverse
        self._redo: Edit | None = None
        self._first = True

    def redo(self) -> None:
        if self._first:  # applied by Document.push already
            self._first = False
            return
        assert self._redo is not None
        self._inverse = self._redo.apply(self._model)

    def undo(self) -> None:
        self._redo = self._inverse.apply(self._model)
