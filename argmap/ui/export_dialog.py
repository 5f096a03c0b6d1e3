"""Export dialog: picture, GraphML or Argdown, with the options each format takes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
)

FORMATS = [
    ("PNG picture", ".png"),
    ("SVG picture (vector)", ".svg"),
    ("PDF document (vector)", ".pdf"),
    ("GraphML (yEd, networkx)", ".graphml"),
    ("Argdown text", ".argdown"),
]
HINTS = {
    ".graphml": "GraphML holds the whole map with every field; "
    "yEd shows it with the canvas colours.",
    ".argdown": "Argdown text: statements, arguments and relations; the other fields go into "
    "its {argmap: ...} metadata, positions are not kept.",
}
BACKGROUNDS = [("White", "white"), ("Transparent", "transparent"), ("Canvas colour", "theme")]
PAGES = [("One page the size of the map", "map"), ("A4", "A4"), ("A3", "A3"), ("Letter", "Letter")]


class ExportDialog(QDialog):
    """Chooses the format and its options; `extension()` and `options()` give the answer."""

    def __init__(self, parent=None, *, has_selection: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        form = QFormLayout(self)
        self.format = QComboBox()
        self.format.setObjectName("export-format")
        for label, ext in FORMATS:
            self.format.addItem(label, ext)
        self.scale = QDoubleSpinBox()
        self.scale.setObjectName("export-scale")
        self.scale.setRange(0.25, 8.0)
        self.scale.setSingleStep(0.5)
        self.scale.setValue(2.0)
        self.scale.setSuffix(" ×")
        self.background = QComboBox()
        self.background.setObjectName("export-background")
        for label, value in BACKGROUNDS:
            self.background.addItem(label, value)
        self.page = QComboBox()
        self.page.setObjectName("export-page")
        for label, value in PAGES:
            self.page.addItem(label, value)
        self.selection_only = QCheckBox("Only the selected claims")
        self.selection_only.setObjectName("export-selection")
        self.selection_only.setEnabled(has_selection)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow("Format", self.format)
        form.addRow("Scale (PNG)", self.scale)
        form.addRow("Background", self.background)
        form.addRow("Page (PDF)", self.page)
        form.addRow("", self.selection_only)
        form.addRow(self.hint)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(self._update)
        self._update()

    def extension(self) -> str:
        return self.format.currentData()

    def _update(self) -> None:
        ext = self.extension()
        picture = ext not in HINTS
        self.scale.setEnabled(ext == ".png")
        self.background.setEnabled(picture)
        self.page.setEnabled(ext == ".pdf")
        self.selection_only.setVisible(picture)
        self.hint.setText(HINTS.get(ext, ""))

    def options(self) -> dict:
        """Keyword options for `argmap.ui.pictures` (empty for GraphML)."""
        ext = self.extension()
        if ext in HINTS:
            return {}
        opts: dict = {"background": self.background.currentData()}
        if ext == ".png":
            opts["scale"] = self.scale.value()
        if ext == ".pdf":
            opts["page"] = self.page.currentData()
        return opts
