"""The Key assumptions dock: what a thesis rests on, the assumption that matters most first.

Lists `key_assumptions(map, thesis)` (argmap/analysis/key_assumptions.py): assumption claims
and the assumption questions of the schemes of the reasons below the thesis, open or granted,
with how many label flips of the thesis denying each causes and how far its strength moves.
A click selects the claim or the reason on the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.analysis.key_assumptions import KeyAssumption
from argmap.model.grading import likelihood_words
from argmap.model.map import ArgumentMap
from argmap.model.types import ClaimKind

STATE_TEXT = {"assumed": "assumption claim", "open": "open question", "yes": "granted (yes)"}


class KeyAssumptionsPanel(QWidget):
    """A thesis chooser and the ranked list of its key assumptions."""

    thesis_chosen = Signal(str)
    item_chosen = Signal(str)  # a claim id or a relation id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.thesis = QComboBox()
        self.thesis.setObjectName("key-thesis")
        self.thesis.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.thesis.setMinimumContentsLength(20)
        self.thesis.activated.connect(lambda _: self.thesis_chosen.emit(self.thesis_id or ""))
        self.strength = QLabel()
        self.strength.setObjectName("key-strength")
        self.strength.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("key-list")
        self.tree.setHeaderLabels(["Assumption", "State", "Flips", "Δ strength"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(self._clicked)
        self.note = QLabel()
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Thesis"))
        top.addWidget(self.thesis, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.strength)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note)

    @property
    def thesis_id(self) -> str | None:
        return self.thesis.currentData()

    def set_theses(self, m: ArgumentMap, chosen: str | None) -> str | None:
        """Fill the chooser with the map's theses; returns the one chosen (kept if possible)."""
        theses = sorted(
            (c for c in m.claims.values() if c.kind is ClaimKind.THESIS), key=lambda c: c.id
        )
        self.thesis.blockSignals(True)
        self.thesis.clear()
        for c in theses:
            self.thesis.addItem(_short(c.text, 60), c.id)
            self.thesis.setItemData(self.thesis.count() - 1, c.text, Qt.ItemDataRole.ToolTipRole)
        index = self.thesis.findData(chosen) if chosen else -1
        self.thesis.setCurrentIndex(index if index >= 0 else (0 if theses else -1))
        self.thesis.blockSignals(False)
        return self.thesis_id

    def show_assumptions(self, keys: list[KeyAssumption], strength: float | None) -> None:
        self.tree.clear()
        if strength is not None:
            self.strength.setText(
                f"DF-QuAD strength {strength:.2f}: <b>{likelihood_words(strength)}</b>"
            )
        else:
            self.strength.setText("")
        for k in keys:
            item = QTreeWidgetItem(
                [k.text, STATE_TEXT.get(k.state, k.state), str(k.label_flips),
                 f"{k.strength_change:.3f}"]
            )  # fmt: skip
            item.setData(0, Qt.ItemDataRole.UserRole, k.relation or k.item)
            item.setToolTip(0, f"{k.item}: {k.text}")
            for col in (2, 3):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
            self.tree.addTopLevelItem(item)
        if keys:
            self.note.setText(
                "Flips: how many of the two answers (or in/out) change the thesis's label; "
                "Δ: the largest change of its strength."
            )
        elif self.thesis_id:
            self.note.setText("This thesis rests on no assumption claim or scheme assumption.")
        else:
            self.note.setText("The map has no thesis.")

    def show_problem(self, text: str) -> None:
        self.tree.clear()
        self.note.setText(text)

    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        target = item.data(0, Qt.ItemDataRole.UserRole)
        if target:
            self.item_chosen.emit(target)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
