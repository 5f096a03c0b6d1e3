"""The evaluation in the app: the overlay, what-if assumptions, "why?" and the checks panel.

A feature module: `install(context)` gives a window one `EvaluationController`:

- **Overlay.** A toolbar combo box picks the semantics (Off, Grounded, Preferred (credulous),
  Stable, DF-QuAD, Quadratic energy; remembered in QSettings). After every change of the
  model the map is evaluated again — through a 0-ms single-shot timer, so a burst of changes
  (a paste, an undo of a composite edit) computes once — and each card gets its label colour
  and badge (extension semantics) or its strength bar and number (gradual semantics).
- **Speed.** When the last evaluation took at most `BACKGROUND_AFTER_MS` (20 ms), the next
  one runs on the GUI thread: the result is on screen in the same frame as the edit. A
  slower one — and the first one of a map of more than `BACKGROUND_CLAIMS` claims, whose
  cost is not known yet — runs on a worker thread on a copy of the map (quadratic energy
  takes ~80 ms on a 1,000-claim map: too long to freeze typing); a result that an edit made
  stale is thrown away and computed again. `benchmarks/bench_evaluation_ui.py` has figures.
- **What-if.** "Assume accepted / rejected", "What-if score…" and "Clear assumption" put
  *assumptions* (`evaluate(..., overrides=...)`) in the controller, never in the map. Each is
  a `QUndoCommand` on the document's own undo stack, so Ctrl+Z walks back through edits and
  assumptions in the order they were made — the one history a user sees in the History
  panel. The price: the window shows itself modified after an assumption, although saving
  writes the same map (assumptions are never saved; they end with the window's document).
  Cards under an assumption are drawn with a dashed border and a "what-if" badge, and the
  status bar says "What-if: N assumptions — Clear all".
- **Why?** highlights the attackers that decide a claim's label (red) and the claims that
  defend it (green), with their relations, until Esc or a click on empty canvas.

The checks panel is a feature of its own (`features/checks.py`); the text of labels and
summaries is in `evaluation_labels.py`, the what-if undo step and dialog in `what_if.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from argmap.analysis.evaluation import Evaluation, why
from argmap.model.errors import ArgmapError
from argmap.model.map import ArgumentMap
from argmap.ui.background import BACKGROUND_CLAIMS, follow_model, run_in_background
from argmap.ui.context import FeatureContext
from argmap.ui.evaluation_labels import (
    BACKGROUND_AFTER_MS,
    GRADUAL,
    SEMANTICS_CHOICES,
    SEMANTICS_NAMES,
    SETTINGS_KEY,
    Overlay,
    describe_assumption,
    legend_entries,
    live_overrides,
    overlay_for,
    shown_labels,
    summary,
    timed_evaluation,
    why_text,
)
from argmap.ui.features.what_if import AssumeCommand, ScoreDialog
from argmap.ui.items.claim_item import ClaimItem
from argmap.ui.items.relation_item import RelationItem

BUSY_AFTER_MS = 500
"""A background evaluation running longer than this shows "Evaluating… Cancel"."""

# -- the controller --------------------------------------------------------------------------


class EvaluationController(QObject):
    """The evaluation overlay, what-if assumptions and "why?" of one window."""

    evaluated = Signal()  # a new overlay is on screen (or the overlay was switched off)

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context)
        self.context = context
        self.settings = QSettings("argmap", "argmap")
        self.semantics: str | None = None
        self.overrides: dict[str, str | float] = {}
        self.evaluation: Evaluation | None = None
        self.problem: str | None = None
        self.last_ms = 0.0
        self.background_claims = BACKGROUND_CLAIMS
        self.score_dialog: ScoreDialog | None = None
        self.why_claim: str | None = None
        self._preview: tuple[str, float] | None = None
        self._busy = False  # a background job is running
        self._stale = False  # the running job's answer is for an older map or setting
        self._cancelled = False  # the running job was given up (Cancel in the status bar)
        self._fresh = False  # the overlay shows the map and settings as they are now
        self._why_items: list[ClaimItem | RelationItem] = []
        self._stop_following: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.recompute)
        self._make_widgets()
        context.extend_context_menu(self.extend_menu)
        context.document_changed.connect(self._rebind)
        context.view.installEventFilter(self)
        context.view.viewport().installEventFilter(self)
        self._rebind()
        remembered = str(self.settings.value(SETTINGS_KEY, "off"))
        self.set_semantics(remembered if remembered in SEMANTICS_NAMES else None, remember=False)

    def close(self) -> None:
        """The window is closing: stop following its map, drop pending work."""
        self._timer.stop()
        if self._stop_following is not None:
            self._stop_following()
            self._stop_following = None

    def dialog_parent(self) -> QWidget:
        return self.context.window

    # -- widgets ---------------------------------------------------------------------------

    def _make_widgets(self) -> None:
        ctx = self.context
        caption = QLabel(" Evaluation: ")
        self.combo = QComboBox()
        self.combo.setObjectName("evaluation-combo")
        self.combo.setToolTip(
            "Label the claims (grounded, preferred, stable) or weigh them (DF-QuAD, "
            "quadratic energy); recomputed after every edit"
        )
        for text, name in SEMANTICS_CHOICES:
            self.combo.addItem(text, name)
        caption.setBuddy(self.combo)
        ctx.add_toolbar_widget(caption)
        ctx.add_toolbar_widget(self.combo, separator=False)
        self.combo.currentIndexChanged.connect(lambda i: self.set_semantics(self.combo.itemData(i)))
        # The same choice in the View menu, for the keyboard.
        self.menu = QMenu("E&valuation", ctx.window)
        self.menu.setObjectName("evaluation-menu")
        self.action_group = QActionGroup(self)
        self.semantics_actions: dict[str | None, QAction] = {}
        for text, name in SEMANTICS_CHOICES:
            act = self.menu.addAction(text)
            act.setCheckable(True)
            act.triggered.connect(lambda checked=False, n=name: self.set_semantics(n))
            self.action_group.addAction(act)
            self.semantics_actions[name] = act
        self.menu.addSeparator()
        self.clear_all_action = self.menu.addAction("Clear All What-If Assumptions")
        self.clear_all_action.triggered.connect(lambda checked=False: self.clear_all())
        ctx.menus["view"].addSeparator()
        ctx.menus["view"].addMenu(self.menu)
        ctx.menus["view.evaluation"] = self.menu
        # Status bar: what the overlay shows, and the assumptions in force.
        self.status_label = QLabel()
        self.status_label.setObjectName("evaluation-status")
        self.what_if_label = QLabel()
        self.what_if_label.setObjectName("what-if-status")
        self.what_if_label.setTextFormat(Qt.TextFormat.RichText)
        self.what_if_label.linkActivated.connect(lambda _link: self.clear_all())
        # Permanent: a "why?" message or a hint in the status bar must not hide that the map
        # shows a hypothesis.
        ctx.add_status_widget(self.what_if_label, permanent=True)
        ctx.add_status_widget(self.status_label)
        self.what_if_label.hide()
        self.status_label.hide()
        # The legend: what the overlay's colours mean (each card also says it in words).
        self.legend = QLabel()
        self.legend.setObjectName("evaluation-legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        ctx.add_status_widget(self.legend, permanent=True)
        self.legend.hide()
        # A long evaluation (a big map, a hard semantics) says so, and can be given up.
        self.busy = QWidget(objectName="evaluation-busy")
        row = QHBoxLayout(self.busy)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Evaluating…"))
        self.cancel_button = QToolButton(text="Cancel", objectName="evaluation-cancel")
        self.cancel_button.setToolTip("Give up this evaluation: the overlay goes off")
        self.cancel_button.clicked.connect(lambda: self.cancel())
        row.addWidget(self.cancel_button)
        ctx.add_status_widget(self.busy, permanent=True)
        self.busy.hide()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self.busy.show)

    # -- following the window and its document ---------------------------------------------

    @property
    def model(self) -> ArgumentMap:
        return self.context.model

    def _rebind(self) -> None:
        """A new document: follow its map; the old one's assumptions end with it."""
        if self._stop_following is not None:
            self._stop_following()
        self._stop_following = follow_model(self.model, self._model_changed)
        self.overrides = {}
        self._preview = None
        self.why_claim, self._why_items = None, []
        self._stale = self._busy
        self._fresh = False
        self._update_what_if()
        self.schedule()

    def _model_changed(self, *args: Any) -> None:
        if len(args) == 1 and hasattr(args[0], "base_score") and self.overrides:
            self._update_what_if()  # an assumed claim deleted, or back by undo
        if len(args) == 2 and hasattr(args[0], "base_score"):
            old, new = args
            # Evaluation reads a claim's base score only: moving or retyping a card
            # changes nothing it shows.
            if old.base_score == new.base_score:
                return
        self._fresh = False
        self.schedule()

    def schedule(self) -> None:
        """Evaluate once the current burst of changes is over (0 ms: the next event loop)."""
        self._fresh = False
        self._timer.start()

    # -- choosing the semantics -------------------------------------------------------------

    def set_semantics(self, name: str | None, remember: bool = True) -> None:
        """Switch the overlay (None: off); the choice is remembered for the next window."""
        if name is not None and name not in SEMANTICS_NAMES:
            raise ValueError(f"unknown semantics {name!r}")
        changed = name != self.semantics
        self.semantics = name
        index = self.combo.findData(name)
        if self.combo.currentIndex() != index:
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(index)
            self.combo.blockSignals(False)
        self.semantics_actions[name].setChecked(True)
        if remember:
            self.settings.setValue(SETTINGS_KEY, name or "off")
        if changed:
            self.last_ms = 0.0
            self.clear_why()
            self.schedule()

    # -- computing --------------------------------------------------------------------------

    def current_overrides(self) -> dict[str, str | float]:
        overrides = live_overrides(self.model, self.overrides)
        if self._preview is not None and self._preview[0] in self.model.claims:
            overrides[self._preview[0]] = self._preview[1]
        return overrides

    def recompute(self) -> None:
        """Evaluate the map now (small maps) or on the worker thread (big or slow ones)."""
        if self.semantics is None:
            self._show(None, None)
            return
        if self._busy:
            self._stale = True  # the running job is out of date; run again when it ends
            return
        m, semantics, overrides = self.model, self.semantics, self.current_overrides()
        unknown = self.last_ms == 0.0  # a new map or semantics: how long it takes is unknown
        slow = self.last_ms > BACKGROUND_AFTER_MS
        if slow or (unknown and len(m.claims) > self.background_claims):
            snapshot = m.copy()
            self._busy = True
            self._busy_timer.start()
            run_in_background(
                lambda: timed_evaluation(snapshot, semantics, overrides), self._finished
            )
            return
        try:
            result = timed_evaluation(m, semantics, overrides)
        except ArgmapError as exc:
            self._show(None, exc)
            return
        self._show_result(result)

    def _finished(self, result: tuple[Evaluation, float] | None, error: Exception | None) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the worker computed
        self._busy = False
        self._busy_timer.stop()
        self.busy.hide()
        if self._cancelled:
            # Given up: the overlay went off when Cancel was pressed, and this answer is
            # dropped. A semantics chosen since then is computed now.
            self._cancelled = False
            if self._stale:
                self._stale = False
                self.recompute()
            return
        if self._stale:
            self._stale = False
            self.recompute()
            return
        if error is not None and not isinstance(error, ArgmapError):
            raise error  # a programming error: not hidden
        if error is not None:
            self._show(None, error)
        else:
            assert result is not None
            self._show_result(result)

    def cancel(self) -> None:
        """Give up the evaluation running on the worker thread: the overlay goes off (the map
        is not touched; the job's result, when it comes, is dropped)."""
        if not self._busy:
            return
        self._cancelled = True
        self._busy_timer.stop()
        self.busy.hide()
        self.set_semantics(None)
        self.context.status("Evaluation cancelled: the overlay is off", 4000)

    def _show_result(self, result: tuple[Evaluation, float]) -> None:
        ev, ms = result
        self.last_ms = ms
        self._show(ev, None)

    def _show(self, ev: Evaluation | None, error: Exception | None) -> None:
        """Put the overlay on the cards (or take it off)."""
        self.evaluation = ev
        self._fresh = True
        self.problem = None
        credulous = self.semantics == "preferred"
        overlay: Overlay = overlay_for(ev, credulous) if ev is not None else {}
        live = live_overrides(self.model, self.overrides)
        if self._preview is not None:
            live[self._preview[0]] = self._preview[1]
        scene = self.context.scene
        # Every claim's look, for the cards made later (a big map's canvas makes them as the
        # view reaches them) and the overview's colours of those not made yet.
        looks = scene.index.overlay
        looks.clear()
        for cid in set(overlay) | set(live):
            label, strength = overlay.get(cid, (None, None))
            note = describe_assumption(live[cid]) if cid in live else ""
            looks[cid] = (label, strength, cid in live, note)
        for cid, item in scene.claim_items.items():
            label, strength = overlay.get(cid, (None, None))
            hypothetical = cid in live
            note = describe_assumption(live[cid]) if hypothetical else ""
            if (item.overlay_label, item.overlay_strength, item.overlay_hypothetical) != (
                label,
                strength,
                hypothetical,
            ) or item.overlay_note != note:
                item.overlay_note = note
                item.set_overlay(label, strength, hypothetical)
        # Below readable zoom one batched item draws every card (it may colour by label).
        scene.overview.invalidate()
        if error is not None:
            name = SEMANTICS_NAMES.get(self.semantics or "", self.semantics)
            self.problem = f"{name}: {error} — overlay hidden"
            self.status_label.setText(self.problem)
            self.status_label.setToolTip(str(error))
            self.status_label.setVisible(True)
        elif ev is not None:
            self.status_label.setText(summary(ev, credulous))
            self.status_label.setToolTip(f"computed in {self.last_ms:.1f} ms")
            self.status_label.setVisible(True)
        else:
            self.status_label.setVisible(False)
        self._update_legend(ev is not None and error is None)
        self.evaluated.emit()

    def _update_legend(self, shown: bool) -> None:
        entries = legend_entries(self.semantics) if shown else []
        if not entries:
            self.legend.hide()
            return
        theme = self.context.theme
        colours = {"in": theme.label_in, "out": theme.label_out, "undecided": theme.label_undecided}
        self.legend.setText(
            "&nbsp;&nbsp;".join(
                f'<span style="color:{colours[key].name()}">■</span>&nbsp;{words}'
                for key, words in entries
            )
        )
        self.legend.setToolTip("Card borders and badges: the overlay's reading of each claim")
        self.legend.show()

    # -- what-if ------------------------------------------------------------------------------

    def assume(self, claim_id: str, value: str | float | None) -> None:
        """Assume a label ("in"/"out"), a base score, or nothing (None); one undo step."""
        if self.overrides.get(claim_id) == value:
            return
        if value is None:
            text = "Clear assumption"
        elif isinstance(value, str):
            text = f"Assume {'accepted' if value == 'in' else 'rejected'}"
        else:
            text = f"What-if score {value:.2f}"
        if self.semantics is None:
            # A what-if with the overlay off would show nothing: turn it on.
            self.set_semantics("dfquad" if isinstance(value, float) else "grounded", remember=False)
        elif isinstance(value, float) and self.semantics not in GRADUAL:
            self.set_semantics("dfquad", remember=False)
        self.context.document.undo_stack.push(AssumeCommand(self, {claim_id: value}, text))

    def clear_all(self) -> None:
        """Drop every assumption (one undo step)."""
        if self.overrides:
            n = len(self.overrides)
            changes = dict.fromkeys(self.overrides)
            self.context.document.undo_stack.push(
                AssumeCommand(self, changes, f"Clear {n} assumption{'s' if n > 1 else ''}")
            )

    def apply_assumptions(self, changes: Mapping[str, str | float | None]) -> None:
        """Set or drop assumptions (called by the undo commands only)."""
        for cid, value in changes.items():
            if value is None:
                self.overrides.pop(cid, None)
            else:
                self.overrides[cid] = value
        self._update_what_if()
        self.schedule()

    def preview(self, claim_id: str | None, value: float = 0.0) -> None:
        """A score shown while the slider moves, before it becomes an undoable assumption."""
        self._preview = None if claim_id is None else (claim_id, value)
        self.schedule()

    def open_score_dialog(self, claim_id: str) -> ScoreDialog:
        if self.semantics not in GRADUAL:
            self.set_semantics("dfquad", remember=False)
        dialog = ScoreDialog(self, claim_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.score_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "score_dialog", None))
        dialog.open()
        return dialog

    def _update_what_if(self) -> None:
        n = len(live_overrides(self.model, self.overrides))
        if n:
            self.what_if_label.setText(
                f"<b>What-if:</b> {n} assumption{'s' if n > 1 else ''} — "
                "<a href='clear'>Clear all</a>"
            )
        self.what_if_label.setVisible(bool(n))
        self.clear_all_action.setEnabled(bool(self.overrides))

    # -- why? ---------------------------------------------------------------------------------

    def is_current(self) -> bool:
        """Whether the overlay on screen is that of the map and settings as they are now."""
        return self._fresh and not self._timer.isActive() and not self._busy

    def current_evaluation(self) -> Evaluation | None:
        """The evaluation of the map as it is now (computed here if the shown one is stale)."""
        if self.semantics is None:
            return None
        if self.is_current() and self.evaluation is not None:
            return self.evaluation
        try:
            ev, _ms = timed_evaluation(self.model, self.semantics, self.current_overrides())
        except ArgmapError as exc:
            self.context.status(str(exc), 8000)
            return None
        return ev

    def show_why(self, claim_id: str) -> None:
        """Highlight what decides the claim: attackers red, defenders and supporters green."""
        self.clear_why()
        ev = self.current_evaluation()
        scene = self.context.scene
        if ev is None or claim_id not in self.model.claims:
            return
        credulous = self.semantics == "preferred"
        w = why(self.model, claim_id, shown_labels(ev, credulous))
        t = self.context.theme
        against = set(w.attackers)
        besides = set(w.defenders) | (set(w.supporters) if ev.is_gradual else set())
        marks: dict[str, QColor] = {c: t.label_in for c in besides}
        marks.update({c: t.label_out for c in against})
        for cid, colour in marks.items():
            item = scene.claim_item(cid)
            if item is not None:
                self._mark(item, colour)
        for rid in w.relations:
            rel = self.model.relations.get(rid)
            item = scene.relation_item(rid)
            if rel is None or item is None:
                continue
            if ev.is_gradual:
                colour = t.label_out if rel.kind.value == "attack" else t.label_in
            else:
                colour = t.label_out if rel.source in against else t.label_in
            self._mark(item, colour)
        self.why_claim = claim_id
        self.context.status(why_text(self.model, w), 0)

    def _mark(self, item: ClaimItem | RelationItem, colour: QColor) -> None:
        item.highlight = colour
        item.update()
        self._why_items.append(item)

    def clear_why(self) -> None:
        if self.why_claim is None and not self._why_items:
            return
        for item in self._why_items:
            item.highlight = None
            item.update()
        self._why_items = []
        self.why_claim = None
        self.context.clear_status()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Esc, or a click on empty canvas, ends a "why?" highlight."""
        if self.why_claim is not None:
            if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                if event.key() == Qt.Key.Key_Escape:
                    self.clear_why()
            elif (
                event.type() == QEvent.Type.MouseButtonPress
                and watched is self.context.view.viewport()
            ):
                under = self.context.view.items(event.position().toPoint())
                if not any(isinstance(i, ClaimItem | RelationItem) for i in under):
                    self.clear_why()
        return False

    # -- the context menu -----------------------------------------------------------------------

    def extend_menu(self, menu: QMenu, item_id: str | None) -> None:
        """Why?, the what-if entries for a claim; "Clear all" on empty canvas."""
        m = self.model
        if item_id is not None and item_id in m.claims:
            menu.addSeparator()
            why_act = menu.addAction("Why?")
            why_act.setObjectName("evaluation-why")
            why_act.setEnabled(self.semantics is not None)
            if self.semantics is None:
                why_act.setText("Why? (choose an evaluation first)")
            why_act.triggered.connect(lambda checked=False: self.show_why(item_id))
            what_if = menu.addMenu("What-&If")
            what_if.setObjectName("evaluation-what-if")
            current = self.overrides.get(item_id)
            for text, name, value in (
                ("Assume &Accepted", "assume-accepted", "in"),
                ("Assume &Rejected", "assume-rejected", "out"),
            ):
                act = what_if.addAction(text)
                act.setObjectName(name)
                act.setCheckable(True)
                act.setChecked(current == value)
                act.triggered.connect(
                    lambda checked=False, v=value: self.assume(item_id, v if checked else None)
                )
            score = what_if.addAction("What-If &Score…")
            score.setObjectName("what-if-score")
            score.triggered.connect(lambda checked=False: self.open_score_dialog(item_id))
            what_if.addSeparator()
            clear = what_if.addAction("&Clear Assumption")
            clear.setObjectName("clear-assumption")
            clear.setEnabled(current is not None)
            clear.triggered.connect(lambda checked=False: self.assume(item_id, None))
        elif item_id is None and self.overrides:
            menu.addSeparator()
            menu.addAction(self.clear_all_action)


def install(context: FeatureContext) -> EvaluationController:
    """Give a window its evaluation overlay, what-if and "why?"."""
    return EvaluationController(context)
