"""The source pane: the map's source documents beside the canvas, claims anchored to passages.

A "Source" dock shows each source with text as a tab (paragraph numbers in the margin),
anchored passages highlighted in the colour of their claim's kind, and, on request, the text
no anchor covers shaded. Select text and

- **Claim from Selection** (N in the pane, Ctrl+Shift+N, context menu): a new claim anchored
  to it, its text the selection for the analyst to rephrase (the inline editor opens), its
  holder and source filled; one undo step;
- **Anchor Selected Claim** (A in the pane, Ctrl+Shift+K, context menu): the selected claim
  (or relation) gets one more anchor; one undo step.

Clicking a highlight selects and centres its claim; selecting a claim scrolls the text to its
passage and flashes it. Sources are attached from files (File ▸ Attach Source…: text,
Markdown, HTML, PDF) or pasted text; a source that keeps only a reference is read from the
file it names (relative to the map, or beside it) or one given with `--source ID=FILE`; when
none is found, the pane says which file to attach (File ▸ Locate Source Text…). Where the text
differs from the one the anchors were made on, they are re-anchored for display and the pane
says how many moved, were found fuzzily or are lost.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu

from argmap.analysis.anchoring import AnchorReport, Status, coverage, fix_edits, reanchor_map
from argmap.io.sources import (
    LoadedText,
    locate,
    pasted_text,
    read_source_text,
    relative_path,
    source_document,
)
from argmap.model.anchors import make_anchor
from argmap.model.edits import AddAnchor, AddClaim, AddSource, RemoveAnchor, UpdateSource
from argmap.model.errors import ArgmapError
from argmap.model.sourcetext import ParagraphIndex
from argmap.model.types import Claim, ClaimKind, SourceRef, with_changes
from argmap.ui.context import FeatureContext
from argmap.ui.docks.source_pane import Highlight, SourcePane, SourceView

SOURCE_FILTER = "Sources (*.txt *.md *.markdown *.html *.htm *.pdf);;All files (*)"


class SourcesFeature:
    """Keeps the Source dock in step with the document, its sources and the selection."""

    def __init__(self, context: FeatureContext) -> None:
        self.context = context
        self.pane = SourcePane()
        self.dock = context.add_dock(
            "sources", "Source", self.pane, area="left", tab_with="outline"
        )
        self._presented = False
        self.given: dict[str, Path] = {}  # --source ID=FILE, and files located this session
        self.texts: dict[str, LoadedText] = {}
        self.reports: list[AnchorReport] = []
        self._model = None
        self._syncing = False
        self.claim_action = context.add_action(
            "sources.claim",
            "&Claim from Source Selection",
            self.claim_from_selection,
            "Ctrl+Shift+N",
            "A new claim anchored to the text selected in the Source pane",
            menu="insert",
        )
        self.anchor_action = context.add_action(
            "sources.anchor",
            "&Anchor Selected Claim to Source Selection",
            self.anchor_selected,
            "Ctrl+Shift+K",
            "Anchor the selected claim to the text selected in the Source pane",
            menu="insert",
        )
        self.reanchor_action = context.add_action(
            "sources.reanchor",
            "&Re-anchor to Shown Source Text",
            self.reanchor,
            None,
            "Store the anchors where they were found in the texts shown (moved, fuzzy)",
            menu="edit",
        )
        context.add_action(
            "sources.attach",
            "Attach &Source…",
            self.attach_file,
            None,
            "Attach a text, Markdown, HTML or PDF file as a source of the map",
            menu="file",
        )
        context.add_action(
            "sources.attach_reference",
            "Attach Source as &Reference…",
            lambda: self.attach_file(keep_text=False),
            None,
            "Attach a file as a source but store only its path and digest, not its text "
            "(for texts that must not be shared with the map)",
            menu="file",
        )
        context.add_action(
            "sources.paste",
            "Attach &Pasted Text as Source…",
            self.attach_pasted,
            None,
            "Paste the text of a source",
            menu="file",
        )
        context.add_action(
            "sources.locate",
            "&Locate Source Text…",
            self.locate_file,
            None,
            "Point a source that keeps only a reference to its file",
            menu="file",
        )
        self.pane.tabs.currentChanged.connect(lambda _i: self.refresh_highlights())
        context.document_changed.connect(self.rebind)
        context.theme_changed.connect(self.refresh_highlights)
        self.rebind()

    # -- following the document ------------------------------------------------------------------

    def rebind(self) -> None:
        if self._model is not None:
            for signal in self._model.change_signals():
                signal.disconnect(self._model_changed)
        self._model = self.context.model
        for signal in self._model.change_signals():
            signal.connect(self._model_changed)
        self.context.scene.selectionChanged.connect(self.follow_selection)
        self.reload()

    def _model_changed(self, *args: object) -> None:
        if args and hasattr(args[0], "sources"):  # the map info changed
            if args[0].sources != args[1].sources:
                self.reload()
        else:
            self.refresh_highlights()

    def close(self) -> None:
        if self._model is not None:
            for signal in self._model.change_signals():
                signal.disconnect(self._model_changed)
            self._model = None

    def set_given(self, given: dict[str, Path]) -> None:
        """Files to read sources from (the app's `--source ID=FILE`)."""
        self.given.update(given)
        self.reload()

    def _map_path(self) -> Path | None:
        return self.context.document.path

    def reload(self) -> None:
        """Read every source's text again and rebuild the tabs."""
        m = self.context.model
        self.texts = {}
        missing = []
        problems = []
        for source in m.info.sources:
            try:
                text = self._load(source.id)
            except ArgmapError as exc:
                problems.append(str(exc))
                continue
            if text is None:
                missing.append(source)
            else:
                self.texts[source.id] = text
        current = self.pane.current_view()
        keep = current.source_id if current is not None else None
        self.pane.clear()
        for source in m.info.sources:
            if source.id in self.texts:
                view = self.pane.add_view(source.id, source.title, self.texts[source.id].text)
                view.highlight_clicked.connect(self.reveal_item)
                view.menu_requested.connect(self._extend_menu)
                view.selection_made.connect(self._update_actions)
                view.command_key.connect(self._command)
        if keep is not None:
            self.pane.show_view(keep)
        if self.pane.views and not self._presented:
            self.present()
        lines = []
        for source in missing:
            wanted = source.path or "the document"
            lines.append(
                f"The text of “{source.title or source.id}” is not in the map and {wanted} was "
                "not found beside it: attach it with File ▸ Locate Source Text…"
            )
        if not m.info.sources:
            lines.append("This map has no sources: File ▸ Attach Source… shows a text here.")
        lines.extend(problems)
        self.pane.set_message("\n".join(lines))
        self.refresh_highlights()

    def present(self) -> None:
        """Bring the Source dock to the front of its column (once per window: after that the
        user's arrangement stands). The column keeps its width, so the canvas keeps its room;
        the user widens the column to read side by side."""
        self._presented = True
        self.dock.show()
        self.dock.raise_()

    def _load(self, source_id: str) -> LoadedText | None:
        source = next(s for s in self.context.model.info.sources if s.id == source_id)
        path = self.given.get(source_id)
        media_type = None
        if path is None and source.text is None:
            document = self.context.document
            path = locate(source, document.path or document.origin)
            media_type = source.media_type or None
        if path is not None:
            read = read_source_text(path, media_type)
            return LoadedText(source_id, read.text, str(path), source.text, read.sha256)
        if source.text is not None:
            return LoadedText(source_id, source.text, "<map>", source.text, source.sha256)
        return None

    def refresh_highlights(self) -> None:
        """Place every anchor in the texts shown and paint them in their claim's colour."""
        m = self.context.model
        texts = {sid: t.text for sid, t in self.texts.items()}
        old = {sid: t.stored for sid, t in self.texts.items() if t.stored is not None}
        self.reports = reanchor_map(m, texts, old) if texts else []
        theme = self.context.theme
        per_source: dict[str, list[Highlight]] = {sid: [] for sid in texts}
        for r in self.reports:
            if not r.placement.found:
                continue
            claim = m.claims.get(r.item)
            if claim is not None:
                colour = theme.card_accent[claim.kind]
            else:
                colour = theme.relation[m.relations[r.item].kind]
            per_source[r.anchor.source].append(
                Highlight(r.placement.start, r.placement.end, r.item, colour)
            )
        for sid, view in self.pane.views.items():
            spans = [(h.start, h.end) for h in per_source.get(sid, [])]
            uncovered = _uncovered(view.text, spans)
            view.set_highlights(per_source.get(sid, []), uncovered)
        counts = Counter(r.placement.status for r in self.reports)
        n = len(self.reports)
        parts = [f"{n} anchor{'' if n == 1 else 's'}"]
        view = self.pane.current_view()
        if view is not None and view.text:
            spans = [(h.start, h.end) for h in view.highlights]
            covered = sum(p.covered for p in coverage(view.text, spans))
            parts.append(f"{covered / len(view.text.replace(chr(10), '')):.0%} covered")
        for status in (Status.MOVED, Status.FUZZY, Status.LOST):
            if counts[status]:
                parts.append(f"{counts[status]} {status.value}")
        self.pane.status.setText(", ".join(parts) if self.reports else "")
        self._update_actions()

    # -- the canvas and the text follow each other --------------------------------------------

    def reveal_item(self, item_id: str) -> None:
        """A highlight was clicked: select and centre its claim (or relation)."""
        self._syncing = True
        try:
            self.context.reveal(item_id)
        finally:
            self._syncing = False

    def follow_selection(self) -> None:
        """One claim selected on the canvas: scroll the text to its first passage, flash it."""
        self._update_actions()
        if self._syncing:
            return
        ids = self.context.selected_ids()
        if len(ids) != 1:
            return
        for r in self.reports:
            if r.item == ids[0] and r.placement.found:
                view = self.pane.show_view(r.anchor.source)
                if view is not None:
                    view.scroll_to(r.placement.start, r.placement.end)
                return

    def _update_actions(self) -> None:
        view = self.pane.current_view()
        selected = view is not None and view.selected_range() is not None
        self.claim_action.setEnabled(selected)
        one = len(self.context.selected_ids()) == 1
        self.anchor_action.setEnabled(selected and one)

    def _command(self, name: str) -> None:
        """N or A pressed in the text: the same as the two actions."""
        if name == "claim":
            self.claim_from_selection()
        else:
            self.anchor_selected()

    def _extend_menu(self, menu: QMenu, position: int) -> None:
        menu.addAction(self.claim_action)
        menu.addAction(self.anchor_action)
        view = self.pane.current_view()
        if view is None:
            return
        for h in view.highlights_at(position):
            label = self._label(h.item)
            action = menu.addAction(f"Select “{label}”")
            action.triggered.connect(lambda checked=False, i=h.item: self.reveal_item(i))
            remove = menu.addAction(f"Remove Anchor of “{label}”")
            remove.triggered.connect(
                lambda checked=False, i=h.item, s=h.start: self.remove_anchor(i, view.source_id, s)
            )
        if self.reports and any(r.placement.status is not Status.EXACT for r in self.reports):
            menu.addSeparator()
            menu.addAction(self.reanchor_action)

    def _label(self, item_id: str) -> str:
        m = self.context.model
        claim = m.claims.get(item_id)
        text = claim.text if claim is not None else f"relation {item_id}"
        return text if len(text) <= 40 else text[:39] + "…"

    def remove_anchor(self, item_id: str, source_id: str, start: int) -> None:
        """Remove the anchor of an item painted at `start` in a source (one undo step)."""
        for r in self.reports:
            if r.item == item_id and r.anchor.source == source_id and r.placement.start == start:
                self.context.scene.push(RemoveAnchor(item_id, r.anchor), "Remove anchor")
                return

    def reanchor(self) -> None:
        """Store the anchors where they were found in the texts shown (one undo step): moved
        and fuzzy ones take their new places, each source records this version; lost anchors
        stay as they were and are reported."""
        versions = {sid: (t.text, t.sha256) for sid, t in self.texts.items()}
        edits = fix_edits(self.context.model, self.reports, versions)
        lost = sum(1 for r in self.reports if not r.placement.found)
        if lost:
            self.context.show_error(
                f"{lost} anchor(s) could not be found in the new text and were left as they "
                "were; anchor those claims again by hand"
            )
            edits = [e for e in edits if not isinstance(e, UpdateSource)]
        if not edits:
            self.context.status("The anchors already fit the texts shown")
            return
        self.context.document.push_all(edits, "Re-anchor to source text")
        self.reload()

    # -- making claims and anchors ---------------------------------------------------------------

    def _selection(self) -> tuple[SourceView, int, int] | None:
        view = self.pane.current_view()
        if view is None:
            return None
        found = view.selected_range()
        if found is None:
            return None
        return view, found[0], found[1]

    def _anchor(self, view: SourceView, start: int, end: int):
        """An anchor on the selection: with its quote when the map stores the source's text,
        positions and digest only when it keeps a reference (the text stays out of the map)."""
        loaded = self.texts[view.source_id]
        source = next(s for s in self.context.model.info.sources if s.id == view.source_id)
        if source.sha256 and loaded.sha256 != source.sha256:
            raise ArgmapError(
                f"the text shown for source {source.id!r} is not the version the map's anchors "
                "are made on; re-anchor first (argmap anchors MAP --fix)"
            )
        return make_anchor(view.source_id, view.text, start, end, quote=source.text is not None)

    def claim_from_selection(self) -> None:
        found = self._selection()
        if found is None:
            self.context.status("Select a passage in the Source pane first")
            return
        view, start, end = found
        try:
            anchor = self._anchor(view, start, end)
        except ArgmapError as exc:
            self.context.show_error(str(exc))
            return
        m = self.context.model
        paragraph = ParagraphIndex(view.text).paragraph_of(start)
        cid = m.new_id("c")
        x, y = self._place_new_card()
        claim = Claim(
            cid,
            view.text[start:end],
            ClaimKind.CLAIM,
            holder=self._holder(view.source_id),
            source=SourceRef(view.source_id, paragraph),
            x=x,
            y=y,
            anchors=(anchor,),
        )
        if self.context.scene.push(AddClaim(claim), "New claim from source"):
            self.context.scene.select_ids([cid])
            self.context.view.ensureVisible(self.context.scene.claim_item(cid), 60, 60)
            self.context.scene.start_edit(cid)

    def _place_new_card(self) -> tuple[float, float]:
        view = self.context.view
        centre: QPointF = view.mapToScene(view.viewport().rect().center())
        return round(centre.x(), 1), round(centre.y(), 1)

    def _holder(self, source_id: str) -> str:
        """Who asserts a claim drawn from this source: the holder most claims anchored in it
        have (the map's own convention), else the source's author, else "the author"."""
        m = self.context.model
        holders = Counter(
            c.holder
            for c in m.claims.values()
            if c.holder and any(a.source == source_id for a in c.anchors)
        )
        if holders:
            return holders.most_common(1)[0][0]
        source = next(s for s in m.info.sources if s.id == source_id)
        return source.author or "the author"

    def anchor_selected(self) -> None:
        found = self._selection()
        ids = self.context.selected_ids()
        if found is None or len(ids) != 1:
            self.context.status("Select one claim and a passage in the Source pane first")
            return
        view, start, end = found
        try:
            anchor = self._anchor(view, start, end)
        except ArgmapError as exc:
            self.context.show_error(str(exc))
            return
        self.context.scene.push(AddAnchor(ids[0], anchor), "Anchor to source")

    # -- attaching sources -----------------------------------------------------------------------

    def _new_source_id(self, stem: str) -> str:
        import re

        base = re.sub(r"[^A-Za-z0-9_.:-]+", "-", stem).strip("-") or "source"
        used = {s.id for s in self.context.model.info.sources}
        sid, n = base, 2
        while sid in used:
            sid, n = f"{base}-{n}", n + 1
        return sid

    def attach_file(self, path: Path | None = None, keep_text: bool = True) -> str | None:
        """Attach a file as a source (one undo step); errors as a dialog, the map untouched."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self.context.window, "Attach Source", "", SOURCE_FILTER
            )
            if not name:
                return None
            path = Path(name)
        try:
            read = read_source_text(path)
        except ArgmapError as exc:
            self.context.show_error(str(exc))
            return None
        map_path = self._map_path()
        rel = relative_path(path, map_path) if map_path else str(Path(path).resolve())
        sid = self._new_source_id(Path(path).stem)
        doc = source_document(sid, read, path=rel, keep_text=keep_text, title=Path(path).stem)
        if not keep_text:
            self.given[sid] = Path(path)
        if self.context.scene.push(AddSource(doc), "Attach source"):
            self.pane.show_view(sid)
            return sid
        return None

    def attach_pasted(self, text: str | None = None, title: str = "Pasted text") -> str | None:
        if text is None:
            text, ok = QInputDialog.getMultiLineText(
                self.context.window, "Attach Pasted Text", "Text of the source:"
            )
            if not ok:
                return None
        try:
            read = pasted_text(text)
        except ArgmapError as exc:
            self.context.show_error(str(exc))
            return None
        sid = self._new_source_id("pasted")
        doc = source_document(sid, read, title=title)
        if self.context.scene.push(AddSource(doc), "Paste source"):
            self.pane.show_view(sid)
            return sid
        return None

    def locate_file(self, source_id: str | None = None, path: Path | None = None) -> None:
        """Point a reference-only source at its file (its path is updated, one undo step)."""
        m = self.context.model
        waiting = [s for s in m.info.sources if s.id not in self.texts]
        source = next((s for s in m.info.sources if s.id == source_id), None) or (
            waiting[0] if waiting else None
        )
        if source is None:
            self.context.status("Every source's text is shown already")
            return
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self.context.window, f"Locate “{source.title or source.id}”", "", SOURCE_FILTER
            )
            if not name:
                return
            path = Path(name)
        try:
            read_source_text(path)
        except ArgmapError as exc:
            self.context.show_error(str(exc))
            return
        self.given[source.id] = Path(path)
        map_path = self._map_path()
        rel = relative_path(path, map_path) if map_path else source.path
        if rel != source.path:
            self.context.scene.push(UpdateSource(with_changes(source, path=rel)), "Locate source")
        else:
            self.reload()


def _uncovered(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ranges of each paragraph that no span covers (for shading)."""
    out: list[tuple[int, int]] = []
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    for p in coverage(text, spans):
        at = p.start
        for s, e in merged:
            if e <= at or s >= p.end:
                continue
            if s > at:
                out.append((at, s))
            at = max(at, e)
        if at < p.end:
            out.append((at, p.end))
    return out


def install(context: FeatureContext) -> SourcesFeature:
    """Give a window its Source dock and the actions that anchor claims to sources."""
    return SourcesFeature(context)
