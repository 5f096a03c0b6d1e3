"""The checks panel widget: `check(map)` findings grouped by kind; a click chooses one.

What keeps it in step with the map is the checks feature (`argmap/ui/features/checks.py`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.analysis.checks import CHECKS, Finding
from argmap.ui.plain import tooltip

TITLES = {
    "circular-support": ("Circular support", "claims that support each other in a circle"),
    "self-attack": ("Self-attack", "a claim that attacks itself"),
    "unsupported-thesis": ("Unsupported thesis", "a thesis with no support relation into it"),
    "isolated-claim": ("Isolated claim", "a claim with no relation at all"),
    "evidence-free": (
        "Evidence-free thesis",
        "a supported thesis whose support chains hold no evidence claim",
    ),
    "no-source": ("No source", "an evidence claim or plain claim with no source reference"),
    "undecided-mutual-attack": (
        "Undecided mutual attack",
        "two claims attacking each other, both left undecided: the map does not say who wins",
    ),
}
FINDING_ROLE = Qt.ItemDataRole.UserRole


class ChecksPanel(QWidget):
    """A tree: one branch per kind of finding, one leaf per finding."""

    finding_chosen = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("checks-summary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("checks-tree")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.itemExpanded.connect(lambda i: self._collapsed.discard(i.text(0).split(" (")[0]))
        self.tree.itemCollapsed.connect(lambda i: self._collapsed.add(i.text(0).split(" (")[0]))
        self._collapsed: set[str] = set()
        self.findings: list[Finding] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)

    def show_findings(self, findings: list[Finding]) -> None:
        """Replace the tree; branches keep the open/closed state the user gave them."""
        self.findings = list(findings)
        self.tree.clear()
        by_code: dict[str, list[Finding]] = {}
        for f in findings:
            by_code.setdefault(f.code, []).append(f)
        for code in CHECKS:
            group = by_code.get(code)
            if not group:
                continue
            title, explanation = TITLES.get(code, (code, ""))
            branch = QTreeWidgetItem([f"{title} ({len(group)})"])
            branch.setToolTip(0, f"{code}: {explanation}")
            for f in group:
                leaf = QTreeWidgetItem([f.message])
                leaf.setToolTip(0, tooltip(f.message))  # messages quote claim texts
                leaf.setData(0, FINDING_ROLE, f)
                branch.addChild(leaf)
            self.tree.addTopLevelItem(branch)
            branch.setExpanded(title not in self._collapsed)
        n = len(findings)
        self.summary.setText(
            "No findings: every check passes." if not n else f"{n} finding{'s' if n > 1 else ''}"
        )

    def show_problem(self, message: str) -> None:
        self.summary.setText(message)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if isinstance(finding, Finding):
            self.finding_chosen.emit(finding)
