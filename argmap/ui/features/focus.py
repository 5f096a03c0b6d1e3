"""Focus on a claim: its neighbourhood stays, the rest of the map dims.

*View ▸ Focus on Claim* (F) focuses the selected claim: the claims within *depth* relations of
it (premises and conclusions, `argmap.analysis.neighbourhood`) and the arrows among them stay,
everything else is drawn faint. `Alt+=` / `Alt+-` widen and narrow the depth (1 to 9). With a
focus, `Alt+Right` / `Alt+Left` step the focus to the next / previous neighbour along a
relation, and `Alt+Up` goes back along the trail (not Alt+Backspace: that is Undo on Linux),
which the status bar shows as breadcrumbs (click one to go back to it). *Clear Focus*
(Ctrl+Shift+F) ends it.
Focus is a way of looking, not an edit: it is not on the undo stack, and saved views keep it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from argmap.analysis.labels import short_label
from argmap.analysis.neighbourhood import neighbourhood, neighbours
from argmap.ui.context import FeatureContext
from argmap.ui.items.levels import DIM  # opacity of what is outside the focus

MAX_DEPTH = 9


class Focus:
    """The focus, its depth, the trail of earlier focuses, and the dimming."""

    def __init__(self, context: FeatureContext) -> None:
        self.context = context
        self.claim: str | None = None
        self.depth = 1
        self.trail: list[str] = []  # earlier focuses, oldest first
        self.kept: set[str] = set()
        add = context.add_action
        add("view.focus", "&Focus on Claim", self.focus_selected, "F", menu="view")
        add("view.focus_wider", "Focus &Wider", lambda: self.set_depth(self.depth + 1), "Alt+=")
        add(
            "view.focus_narrower",
            "Focus &Narrower",
            lambda: self.set_depth(self.depth - 1),
            "Alt+-",
        )
        add("view.focus_next", "Focus on &Next Neighbour", lambda: self.step(1), "Alt+Right")
        add(
            "view.focus_previous", "Focus on &Previous Neighbour", lambda: self.step(-1), "Alt+Left"
        )
        add("view.focus_back", "Focus &Back", self.back, "Alt+Up")
        add("view.focus_clear", "&Clear Focus", self.clear, "Ctrl+Shift+F")
        for key in (
            "view.focus_wider",
            "view.focus_narrower",
            "view.focus_next",
            "view.focus_previous",
            "view.focus_back",
            "view.focus_clear",
        ):
            context.add_to_menu("view", context.actions[key])
        self.crumbs = QLabel()
        self.crumbs.setObjectName("focus-breadcrumbs")
        self.crumbs.setTextFormat(Qt.TextFormat.RichText)
        self.crumbs.linkActivated.connect(self._crumb_clicked)
        context.add_status_widget(self.crumbs)
        context.document_changed.connect(self._document_changed)
        self._update_actions()
        if context._document is not None:  # noqa: SLF001 - the window's first document
            self._document_changed()

    # -- state ---------------------------------------------------------------------------------

    def focus(self, claim_id: str | None, depth: int | None = None, remember: bool = True) -> None:
        """Focus on a claim (None: no focus); the old focus goes on the trail."""
        model = self.context.model
        if claim_id is not None and claim_id not in model.claims:
            claim_id = None
        if remember and self.claim is not None and claim_id not in (None, self.claim):
            self.trail.append(self.claim)
        if claim_id is None:
            self.trail.clear()
        self.claim = claim_id
        if depth is not None:
            self.depth = max(0, min(MAX_DEPTH, depth))
        self.refresh()
        if claim_id is not None:
            self.context.reveal(claim_id)

    def focus_selected(self) -> None:
        ids = self.context.scene.selected_claim_ids()
        if ids:
            self.focus(ids[0])
        else:
            self.context.status("Select a claim to focus on")

    def set_depth(self, depth: int) -> None:
        if self.claim is not None:
            self.depth = max(1, min(MAX_DEPTH, depth))
            self.refresh()

    def step(self, direction: int) -> None:
        """Move the focus to the next (1) or previous (-1) neighbour of the current focus,
        in the order of their ids, after the last focus when coming back along it."""
        if self.claim is None:
            return
        around = neighbours(self.context.model, self.claim)
        if not around:
            self.context.status("The focused claim has no relations")
            return
        previous = self.trail[-1] if self.trail else None
        start = around.index(previous) if previous in around else (-1 if direction > 0 else 0)
        self.focus(around[(start + direction) % len(around)])

    def back(self) -> None:
        if self.trail:
            self.focus(self.trail.pop(), remember=False)

    def clear(self) -> None:
        if self.claim is not None:
            self.focus(None)

    # -- drawing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Dim what is outside the focus (or nothing), and show the trail."""
        scene = self.context.scene
        model = self.context.model
        if self.claim is not None and self.claim not in model.claims:
            self.claim, self.trail = None, [c for c in self.trail if c in model.claims]
        kept = set() if self.claim is None else neighbourhood(model, self.claim, self.depth)
        self.kept = kept
        scene.index.kept = set(kept)  # cards and arrows made later dim themselves
        for cid, item in scene.claim_items.items():
            item.setOpacity(1.0 if not kept or cid in kept else DIM)
        for item in scene.relation_items.values():
            r = item.relation
            inside = r.source in kept and (r.target in kept or r.target in model.relations)
            item.setOpacity(1.0 if not kept or inside else DIM)
        scene.overview.invalidate()  # the batched overview draws the dimming too
        scene.labels.invalidate()  # and labels are for what the focus keeps
        self._show_trail()
        self._update_actions()

    def _show_trail(self) -> None:
        if self.claim is None:
            self.crumbs.clear()
            return
        model = self.context.model
        links = [
            f'<a href="{i}">{_html(short_label(model.claims[cid], 22))}</a>'
            for i, cid in enumerate(self.trail)
            if cid in model.claims
        ]
        here = f"<b>{_html(short_label(model.claims[self.claim], 28))}</b>"
        self.crumbs.setText("Focus: " + " › ".join([*links, here]) + f" (depth {self.depth})")

    def _crumb_clicked(self, link: str) -> None:
        index = int(link)
        target = self.trail[index]
        del self.trail[index:]
        self.focus(target, remember=False)

    def _update_actions(self) -> None:
        on = self.claim is not None
        for key in (
            "view.focus_wider",
            "view.focus_narrower",
            "view.focus_next",
            "view.focus_previous",
            "view.focus_clear",
        ):
            self.context.actions[key].setEnabled(on)
        self.context.actions["view.focus_back"].setEnabled(bool(self.trail))

    def _document_changed(self) -> None:
        self.claim, self.trail, self.kept = None, [], set()
        self.crumbs.clear()
        self._update_actions()
        model = self.context.model
        for signal in (
            model.claim_added,
            model.claim_removed,
            model.relation_added,
            model.relation_removed,
        ):
            signal.connect(self._model_changed)

    def _model_changed(self, *args: object) -> None:
        if self.claim is not None:
            self.refresh()

    def close(self) -> None:
        pass


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def install(context: FeatureContext) -> Focus:
    return Focus(context)
