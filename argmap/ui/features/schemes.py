"""The schemes feature: argument schemes and evidence grades in the inspector, and the Key
assumptions dock.

- Below the inspector's fields (`Inspector.add_section`): for a selected support, its reason's
  scheme chooser, premise roles and critical questions, each answerable (open / yes / no with
  a note) or raised as an undercut, rebuttal or premise attack in one step; for a selected
  claim, its evidence grade (reliability A-F, credibility 1-6) and the base score it gives.
- A "Key assumptions" dock (View ▸ Panels, Ctrl+Alt+K): the assumptions the chosen thesis
  rests on, ranked by how much each matters (argmap/analysis/key_assumptions.py), kept in step
  with the map a moment after each edit; a click selects the claim or reason.

Every change is one edit on the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer

from argmap.analysis.evaluation import evaluate
from argmap.analysis.key_assumptions import key_assumptions
from argmap.model.errors import ArgmapError
from argmap.model.types import ClaimKind
from argmap.ui.background import BACKGROUND_CLAIMS, follow_model, run_in_background
from argmap.ui.context import FeatureContext
from argmap.ui.docks.key_assumptions import KeyAssumptionsPanel
from argmap.ui.docks.reason_panel import ReasonPanel

KEY_DELAY_MS = 400


class SchemesFeature:
    """Wires the reason panel and the Key assumptions dock to the window's document."""

    def __init__(self, context: FeatureContext) -> None:
        self.context = context
        self.reason_panel = ReasonPanel(push=self._push)
        self.reason_panel.claim_raised.connect(self._reveal)
        inspector = context.docks["inspector"].widget()
        inspector.add_section(self.reason_panel)
        self.key_panel = KeyAssumptionsPanel()
        self.key_dock = context.add_dock(
            "key_assumptions", "Key assumptions", self.key_panel, area="right"
        )
        # Hidden until asked for (View ▸ Key Assumptions, Ctrl+Alt+K, or View ▸ Panels): the
        # canvas keeps its room in the default layout.
        self.key_dock.hide()
        self.key_dock.visibilityChanged.connect(lambda shown: shown and self.refresh_keys())
        self.key_panel.thesis_chosen.connect(lambda _: self.refresh_keys())
        self.key_panel.item_chosen.connect(self._reveal)
        context.add_action(
            "view.key_assumptions",
            "&Key Assumptions",
            self.show_keys,
            "Ctrl+Alt+K",
            "What the chosen thesis rests on, the assumption that matters most first",
            menu="view",
        )
        self.background_claims = BACKGROUND_CLAIMS
        self.timer = QTimer(self.key_panel)
        self.timer.setSingleShot(True)
        self.timer.setInterval(KEY_DELAY_MS)
        self.timer.timeout.connect(self.refresh_keys)
        self._stop: Callable[[], None] | None = None
        self._busy = False
        self._stale = False
        context.document_changed.connect(self.rebind)
        self.rebind()

    def _push(self, edit: Any, text: str) -> bool:
        return self.context.scene.push(edit, text)

    def _reveal(self, item_id: str) -> None:
        self.context.reveal(item_id)

    def show_keys(self) -> None:
        self.key_dock.show()
        self.key_dock.raise_()
        selected = [c for c in self.context.scene.selected_claim_ids() if self._is_thesis(c)]
        if selected:
            self.key_panel.set_theses(self.context.model, selected[0])
        self.refresh_keys()

    def _is_thesis(self, cid: str) -> bool:
        c = self.context.model.claims.get(cid)
        return c is not None and c.kind is ClaimKind.THESIS

    def _selection_changed(self) -> None:
        """Follow the selection to the thesis it leads to (a thesis itself, or the first
        thesis a selected claim or reason reaches)."""
        m = self.context.model
        ids = self.context.selected_ids()
        if len(ids) != 1:
            return
        start = ids[0]
        if start in m.relations:
            start = m.relations[start].target
        thesis = _thesis_reached(m, start)
        if thesis is not None and thesis != self.key_panel.thesis_id:
            self.key_panel.set_theses(m, thesis)
            self.refresh_keys()

    def rebind(self) -> None:
        if self._stop is not None:
            self._stop()
        self.context.scene.selectionChanged.connect(self._selection_changed)
        self.reason_panel.set_scene(self.context.scene)
        self._stop = follow_model(self.context.model, self._changed)
        self._stale = self._busy
        self.refresh_keys()

    def _changed(self, *args: Any) -> None:
        self.timer.start()

    def refresh_keys(self) -> None:
        """Recompute the chosen thesis's key assumptions (off-thread on big maps)."""
        self.timer.stop()
        if not self.key_dock.isVisible():
            # Nobody is looking: weighing every assumption costs four evaluations each (seconds
            # on a big map, on the one worker thread the overlay also waits for). Done when
            # the panel is shown.
            return
        if self._busy:
            self._stale = True
            return
        m = self.context.model
        thesis = self.key_panel.set_theses(m, self.key_panel.thesis_id)
        if thesis is None:
            self.key_panel.show_assumptions([], None)
            return
        if len(m.claims) > self.background_claims:
            snapshot = m.copy()
            self._busy = True
            run_in_background(lambda: _compute(snapshot, thesis), self._finished)
            return
        try:
            self.key_panel.show_assumptions(*_compute(m, thesis))
        except ArgmapError as exc:
            self.key_panel.show_problem(f"Key assumptions stopped: {exc}")

    def _finished(self, result, error: Exception | None) -> None:
        if not shiboken6.isValid(self.key_panel):
            return
        self._busy = False
        if self._stale:
            self._stale = False
            self.refresh_keys()
            return
        if error is not None and not isinstance(error, ArgmapError):
            raise error
        if error is not None:
            self.key_panel.show_problem(f"Key assumptions stopped: {error}")
        else:
            self.key_panel.show_assumptions(*result)

    def close(self) -> None:
        self.timer.stop()
        if self._stop is not None:
            self._stop()
            self._stop = None


def _thesis_reached(m, start: str) -> str | None:
    """The nearest thesis reached from `start` along relations (itself if a thesis); among
    equally near ones the first by id."""
    frontier, seen = [start], {start}
    while frontier:
        theses = sorted(
            c for c in frontier if c in m.claims and m.claims[c].kind is ClaimKind.THESIS
        )
        if theses:
            return theses[0]
        nxt = []
        for cid in frontier:
            targets = (
                [r.target for r in m.relations_out_of(cid)]
                if cid in m.claims
                else [m.relations[cid].target]
            )
            for t in targets:
                if t not in seen:
                    seen.add(t)
                    nxt.append(t)
        frontier = nxt
    return None


def _compute(m, thesis: str):
    return key_assumptions(m, thesis), evaluate(m, "dfquad").strengths[thesis]


def install(context: FeatureContext) -> SchemesFeature:
    return SchemesFeature(context)
