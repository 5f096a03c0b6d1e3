"""What-if assumptions: the undo step that changes them, and the score slider dialog.

An assumption lives in the evaluation feature, never in the map; each change of them is a
`QUndoCommand` on the document's own stack, so Ctrl+Z walks back through edits and
assumptions in the order they were made.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSlider, QVBoxLayout, QWidget

from argmap.model.map import ArgumentMap


class Assumptions(Protocol):
    """What the undo step and the dialog need of the evaluation feature."""

    overrides: dict[str, str | float]

    @property
    def model(self) -> ArgumentMap: ...

    def dialog_parent(self) -> QWidget: ...

    def apply_assumptions(self, changes: Mapping[str, str | float | None]) -> None: ...

    def preview(self, claim_id: str | None, value: float = 0.0) -> None: ...

    def assume(self, claim_id: str, value: str | float | None) -> None: ...


class AssumeCommand(QUndoCommand):
    """A what-if step: changes the controller's assumptions and nothing in the map."""

    def __init__(
        self,
        controller: Assumptions,
        changes: Mapping[str, str | float | None],
        text: str,
    ) -> None:
        super().__init__(text)
        self._controller = weakref.ref(controller)
        self.after = dict(changes)
        self.before = {c: controller.overrides.get(c) for c in changes}

    def redo(self) -> None:
        controller = self._controller()
        if controller is not None:
            controller.apply_assumptions(self.after)

    def undo(self) -> None:
        controller = self._controller()
        if controller is not None:
            controller.apply_assumptions(self.before)


# -- the what-if score dialog ----------------------------------------------------------------


class ScoreDialog(QDialog):
    """A slider for a claim's base score; the map follows the slider while it moves."""

    def __init__(self, controller: Assumptions, claim_id: str) -> None:
        super().__init__(controller.dialog_parent())
        self.setObjectName("what-if-score")
        self.setWindowTitle("What-if score")
        self.controller = controller
        self.claim_id = claim_id
        claim = controller.model.claims[claim_id]
        current = controller.overrides.get(claim_id)
        start = current if isinstance(current, int | float) else claim.base_score
        text = " ".join(claim.text.split())
        title = QLabel(f"What if “{text[:80]}{'…' if len(text) > 80 else ''}” were rated:")
        title.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the claim
        title.setWordWrap(True)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setValue(round(start * 100))
        self.value_label = QLabel()
        note = QLabel(
            f"The map's base score is {claim.base_score:.2f}. Base scores count in DF-QuAD "
            "and quadratic energy; the map itself is not changed."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (title, self.slider, self.value_label, note, buttons):
            layout.addWidget(w)
        self.slider.valueChanged.connect(self._moved)
        self._moved(self.slider.value())

    def value(self) -> float:
        return self.slider.value() / 100

    def _moved(self, _value: int) -> None:
        self.value_label.setText(f"Score: {self.value():.2f}")
        self.controller.preview(self.claim_id, self.value())

    def done(self, result: int) -> None:  # noqa: D102 (Qt API)
        self.controller.preview(None)
        if result == QDialog.DialogCode.Accepted:
            self.controller.assume(self.claim_id, self.value())
        super().done(result)
