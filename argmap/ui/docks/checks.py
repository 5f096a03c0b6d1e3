"""The checks panel: `check(map)` findings grouped by kind; a click selects their claims.

The findings are computed again a moment (`CHECKS_DELAY_MS`) after the last edit of a burst,
not after every keystroke of it; on big maps on the worker thread, like the evaluation, so a
check of a 5,000-claim map (~175 ms) never freezes the canvas.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.analysis.checks import CHECKS, Finding, check
from argmap.model.errors import ArgmapError
from argmap.model.map import ArgumentMap
from argmap.ui.evaluation import (
    BACKGROUND_CLAIMS,
    CHECKS_DELAY_MS,
    follow_model,
    run_in_background,
)
from argmap.ui.plain import tooltip

if TYPE_CHECKING:
    from argmap.ui.main_window import MainWindow

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


class ChecksController:
    """Keeps a window's checks panel in step with its map (debounced, big maps off-thread)."""

    def __init__(self, window: MainWindow, panel: ChecksPanel) -> None:
        self.window = window
        self.panel = panel
        self.background_claims = BACKGROUND_CLAIMS
        self._stop: Callable[[], None] | None = None
        self._busy = False
        self._stale = False
        self.timer = QTimer(panel)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECKS_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        panel.finding_chosen.connect(self.select_finding)
        window.document_changed.connect(self.rebind)
        self.rebind()

    @property
    def model(self) -> ArgumentMap:
        return self.window.document.model

    def rebind(self) -> None:
        if self._stop is not None:
            self._stop()
        self._stop = follow_model(self.model, self._changed)
        self._stale = self._busy
        self.refresh()

    def _changed(self, *args: Any) -> None:
        if len(args) == 2 and hasattr(args[0], "x"):
            old, new = args
            if (old.x, old.y) != (new.x, new.y) and _same_but_position(old, new):
                return  # a move: no check looks at positions
        self.timer.start()

    def refresh(self) -> None:
        """Run the checks now (on the worker thread for big maps)."""
        self.timer.stop()
        if self._busy:
            self._stale = True
            return
        m = self.model
        if len(m.claims) > self.background_claims:
            snapshot = m.copy()
            self._busy = True
            run_in_background(lambda: check(snapshot), self._finished)
            return
        try:
            findings = check(m)
        except ArgmapError as exc:
            self.panel.show_problem(f"Checks stopped: {exc}")
            return
        self.panel.show_findings(findings)

    def _finished(self, findings: list[Finding] | None, error: Exception | None) -> None:
        if not shiboken6.isValid(self.panel):
            return  # the window closed while the worker checked
        self._busy = False
        if self._stale:
            self._stale = False
            self.refresh()
            return
        if error is not None and not isinstance(error, ArgmapError):
            raise error
        if error is not None:
            self.panel.show_problem(f"Checks stopped: {error}")
        else:
            self.panel.show_findings(findings or [])

    def select_finding(self, finding: Finding) -> None:
        """Select the finding's claims and relations, and bring the first claim into view."""
        scene = self.window.scene
        if scene is None:
            return
        ids = [
            i
            for i in (*finding.claims, *finding.relations)
            if i in self.model.claims or i in self.model.relations
        ]
        scene.select_ids(ids)
        first = next((scene.claim_items[c] for c in finding.claims if c in scene.claim_items), None)
        if first is not None:
            self.window.view.centerOn(first)


def _same_but_position(old, new) -> bool:
    from argmap.model.types import with_changes

    return with_changes(old, x=new.x, y=new.y) == new


def install_checks(window: MainWindow) -> ChecksController:
    """A "Checks" dock, tabbed with the History panel, listed under View ▸ Panels."""
    panel = ChecksPanel()
    dock = QDockWidget("Checks", window)
    dock.setObjectName("dock-checks")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    if "history" in window.docks:
        window.tabifyDockWidget(window.docks["history"], dock)
    if "inspector" in window.docks:
        window.docks["inspector"].raise_()
    window.docks["checks"] = dock
    panels = next(
        (
            a.menu()
            for a in window.view_menu.actions()
            if a.menu() is not None and a.menu().title() == "&Panels"
        ),
        None,
    )
    if panels is not None:
        panels.addAction(dock.toggleViewAction())
    controller = ChecksController(window, panel)
    window.checks_panel = panel
    window.checks = controller
    return controller
