"""MapScene: builds canvas items from the model and keeps them in step through its signals.

The scene never changes claim data directly: gestures become edits pushed on the document's
undo stack; the model announces the change; the handlers below update only the items it
touches (never a rebuild on a small change).

Layers (each imports only those below it): `items/` (cards, arrows, frames, the overview;
they reach the canvas through a `CanvasIndex`, never this module) → `MapScene` (this module:
items from the model, selection, edits from gestures; enough to draw a picture) →
`interactions.py` (gestures) → `editing.py` (`EditingScene`: the scene the window edits,
which forwards mouse and key events to the current gesture).
"""

from __future__ import annotations

import math
import time
from collections import deque

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from argmap.analysis import routing
from argmap.analysis.folding import folded_subtrees
from argmap.analysis.geometry import estimated_card_size, free_spot
from argmap.analysis.regions import RegionGrid
from argmap.analysis.route_batch import outline_points
from argmap.model.edits import (
    AddClaim,
    AddRelation,
    Edit,
    MoveClaims,
    RemoveClaim,
    RemoveRelation,
    UpdateClaim,
    UpdateGroup,
)
from argmap.model.errors import ModelError
from argmap.model.types import Claim, ClaimKind, Group, Relation, RelationKind, with_changes
from argmap.ui.background_routing import BackgroundRouting
from argmap.ui.document import Document
from argmap.ui.items.canvas_index import CanvasIndex
from argmap.ui.items.claim_item import ClaimItem
from argmap.ui.items.group_item import GroupItem
from argmap.ui.items.label_layer import LabelLayer
from argmap.ui.items.levels import DIM
from argmap.ui.items.overview_item import OverviewItem
from argmap.ui.items.relation_item import RelationItem
from argmap.ui.items.rerouting import adjust_all
from argmap.ui.theme import LIGHT, Theme

CHILD_GAP_Y = 90.0
SLICE_S = 0.02  # arrow items take routes that arrived in slices this long, between frames
# Room around the map, so the view can centre any card and zoom around any point.
SCENE_MARGIN = 3000.0


class MapScene(QGraphicsScene):
    """The canvas of one document."""

    # How new canvases draw arrows (one of `routing.STYLES`); the View menu's choice, set from
    # the settings before the first document is shown (features/arrows.py).
    default_arrows = routing.DEFAULT_STYLE
    # Above this many relations a canvas opens with straight arrows, and the window routes
    # them in a worker process (`route_in_background`). Routing a 5,000-claim map (6,500
    # relations) took two minutes when this was 1,500; now routing takes about 3 s of CPU at
    # 2,500 claims (3,250 relations) and the canvas builds 5,000 claims curved in 7-16 s on a
    # busy machine (benchmarks/bench_routing.py): maps up to about 3,000 claims open routed.
    # A lazy canvas (`lazy_from`) is routed in the background too, whatever its size: its
    # overview draws the arrows without an item, and only a worker routes those.
    routing_limit = 4000
    # Above this many claims the canvas is lazy: card and arrow items are made only where the
    # view shows cards one by one (and where a feature asks for one, `claim_item`); the
    # overview and the labels draw the rest of the map from the model. Making all 20,000
    # cards and 30,000 arrows of a big map took most of its 10 s start.
    lazy_from = 2500

    # Emitted when an action fails for a reason the user should see (an invalid relation, ...).
    problem = Signal(str)
    # Right click: where (screen) and on which claim or relation (None: empty canvas).
    context_menu_requested = Signal(QPoint, object)

    def __init__(
        self,
        document: Document,
        theme: Theme = LIGHT,
        parent=None,
        arrows: str | None = None,
        lazy: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.theme = theme
        self.document = document
        # What the items may ask of the canvas (they never import this module).
        self.index = CanvasIndex(lambda: self.document.model)
        # Lazy (`lazy_from`): None decides by the map's size; pictures ask for every item.
        self.lazy = len(document.model.claims) > self.lazy_from if lazy is None else lazy
        self.index.lazy = self.lazy
        # Lazy mode: the cards and arrows of the map by the grid cells they cross (model
        # geometry), built when the view first asks and again after the model changed.
        self._regions: RegionGrid | None = None
        self._fold_counts: dict[str, int] = {}
        style = arrows or self.default_arrows
        # The arrows asked for; drawn straight until routed when the map is too big to route
        # on opening (`routing_limited`).
        self.wanted_arrows = style
        # A big map's arrows routed in a worker process, applied when they arrive (to the
        # arrow items made, a slice at a time: `_to_route`).
        self.router = BackgroundRouting(self)
        self._to_route: deque[str] = deque()
        self._slice_timer = QTimer(self)
        self._slice_timer.setSingleShot(True)
        self._slice_timer.setInterval(0)
        self._slice_timer.timeout.connect(self._route_slice)
        # True when the arrows are straight only because the map is too big to route on opening.
        self.routing_limited = self._too_big_to_route(style)
        self.index.arrows = "straight" if self.routing_limited else style
        # Cards moved or resized since the arrows near them were last routed (claim ids and
        # the rects they left), handled together once the event loop is free: one layout
        # moves thousands of cards in one edit.
        self._reroute_claims: set[str] = set()
        self._reroute_rects: list[QRectF] = []
        self._reroute_timer = QTimer(self)
        self._reroute_timer.setSingleShot(True)
        self._reroute_timer.setInterval(0)
        self._reroute_timer.timeout.connect(self.flush_routes)
        self.claim_items: dict[str, ClaimItem] = self.index.claim_items
        self.relation_items: dict[str, RelationItem] = self.index.relation_items
        self.group_items: dict[str, GroupItem] = self.index.group_items
        self.index.card_moved = self._card_moved
        self.index.card_selected = self._card_selected
        self.index.commit_moves = self.commit_moves
        self.index.toggle_group = self.toggle_group_collapsed
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(QBrush(theme.background))
        self.overview = OverviewItem(self.index, theme, timer_parent=self)
        self.overview.setVisible(False)
        self.addItem(self.overview)
        self.labels = LabelLayer(self.index, theme, timer_parent=self)
        self.addItem(self.labels)
        self._connect_model()
        self.build()

    # -- building -----------------------------------------------------------------------------

    @property
    def model(self):
        return self.document.model

    @property
    def overview_mode(self) -> bool:
        return self.index.overview_mode

    def hidden_in(self, claim_id: str) -> str | None:
        """The collapsed group hiding a claim (None when its card is shown)."""
        group = self.index.hidden_in.get(claim_id)
        return group.group.id if group is not None else None

    def _new_claim_item(self, claim: Claim) -> ClaimItem:
        item = ClaimItem(claim, self.theme)
        item.index = self.index
        item.comment_count = _open_comments(claim)
        self.claim_items[claim.id] = item
        self.addItem(item)
        return item

    # -- items made when needed (lazy mode) ---------------------------------------------------

    def claim_item(self, claim_id: str) -> ClaimItem | None:
        """The card of a claim, made now if the canvas has not made it yet (with every arrow
        touching it, so that dragging it drags them); None when there is no such claim.
        What every feature that needs one particular card asks."""
        item = self.claim_items.get(claim_id)
        if item is not None or not self.lazy:
            return item
        claim = self.model.claims.get(claim_id)
        if claim is None:
            return None
        item = self._new_claim_item(claim)
        self._dress(item)
        touching = []
        for relation in self.model.relations_of(claim_id):
            rel = self.relation_items.get(relation.id)
            if rel is None:
                rel = self.relation_item(relation.id)
            else:
                item.relations.add(rel)
            if rel is not None:
                touching.append(rel)
        self.index.card_moved_to(claim_id)  # its real height, no longer the estimate
        self._route_made(touching)
        self._made_more()
        return item

    def relation_item(self, relation_id: str) -> RelationItem | None:
        """The arrow of a relation, made now if needed (and the arrows an undercut aims at,
        up its chain, by a loop); None when there is no such relation."""
        item = self.relation_items.get(relation_id)
        if item is not None or not self.lazy:
            return item
        relations = self.model.relations
        chain: list[str] = []
        rid: str | None = relation_id
        while rid is not None and rid in relations and rid not in self.relation_items:
            chain.append(rid)
            target = relations[rid].target
            rid = target if target in relations else None
        made = []
        for rid in reversed(chain):  # the attacked arrow first: an undercut aims at it
            rel = self._make_relation_item(relations[rid])
            rel.setOpacity(DIM if self.index.relation_dimmed(rel.relation) else 1.0)
            made.append(rel)
        self._route_made(made)
        self._made_more()
        return self.relation_items.get(relation_id)

    def _route_made(self, arrows: list[RelationItem]) -> None:
        """Route arrows just made (or at a card just made): with the routes a worker process
        made for them (`BackgroundRouting`), while nothing moved since; any other re-route
        is for a change, and routes them afresh."""
        self.index.making = True
        try:
            adjust_all(arrows)
        finally:
            self.index.making = False

    def _dress(self, item: ClaimItem) -> None:
        """A card made late takes the state its claim has on the canvas: hidden in a collapsed
        group or subtree, the fold badge, the focus's dimming, the evaluation overlay."""
        cid = item.claim.id
        index = self.index
        if cid in index.hidden_in or cid in index.folded_into:
            item.setVisible(False)
        item.folded_count = self._fold_counts.get(cid, 0)
        if index.kept and cid not in index.kept:
            item.setOpacity(DIM)
        look = index.overlay.get(cid)
        if look is not None:
            label, strength, hypothetical, note = look
            item.overlay_note = note
            item.set_overlay(label, strength, hypothetical)
        self._adopt(item)

    def _made_more(self) -> None:
        """Items were made: keep Qt's index shallow as their number doubles."""
        n = len(self.claim_items) + len(self.relation_items)
        if n >= 2 * self._tuned_at:
            self.tune_index()

    def regions(self) -> RegionGrid:
        """The map's cards and lines by grid cell (model geometry; lazy mode)."""
        if self._regions is None:
            cards = {}
            for cid, rect in self.index.shown_cards():
                cards[cid] = (rect.left(), rect.top(), rect.right(), rect.bottom())
            self._regions = RegionGrid(cards, self._lines)
        return self._regions

    def _lines(self) -> dict[str, list[tuple[float, float]]]:
        """Each relation's line as the overview draws it: its route's corners when a worker
        routed it, else centre to centre (the grid files them when a region is first asked
        for its arrows)."""
        index = self.index
        lines: dict[str, list[tuple[float, float]]] = {}
        middles: dict = {}
        centre = index.centre_finder()
        relations = self.model.relations
        kept = index.map_routes
        for relation in relations.values():
            packed = kept.get(relation.id)
            if packed is not None:
                lines[relation.id] = outline_points(packed)
                continue
            c = centre(relation.source)
            if c is None:
                continue
            if relation.target in relations:
                end = index.relation_end(relation, middles)
            else:
                end = centre(relation.target)
            if end is not None:
                lines[relation.id] = [(c.x(), c.y()), (end.x(), end.y())]
        return lines

    def show_region(self, rect: QRectF) -> None:
        """Make the cards and arrows in `rect` (scene coordinates) that are not made yet: the
        view calls this when it shows cards one by one (lazy mode; at overview zoom the
        overview item draws the map and nothing is made)."""
        if not self.lazy:
            return
        cards, lines = self.regions().query(
            (rect.left(), rect.top(), rect.right(), rect.bottom())
        )
        for cid in cards:
            if cid not in self.claim_items:
                self.claim_item(cid)
        for rid in lines:
            if rid not in self.relation_items:
                self.relation_item(rid)

    def make_all(self) -> None:
        """Make every card and arrow (lazy mode): for work on the whole scene at once, such
        as a picture of the whole map or routing every arrow around every card."""
        if not self.lazy:
            return
        for cid in list(self.model.claims):
            if cid not in self.claim_items:
                self.claim_item(cid)
        for rid in list(self.model.relations):
            if rid not in self.relation_items:
                self.relation_item(rid)

    def cards_at(self, rect: QRectF, arrows: bool = False) -> None:
        """Make the cards under `rect` (lazy mode, at any zoom): a click or a rubber band on
        the overview selects real items. With `arrows`, the arrows filed under it too: a
        connecting drag dropped on an arrow the overview draws makes an undercut of it."""
        if not self.lazy:
            return
        cards, lines = self.regions().query(
            (rect.left(), rect.top(), rect.right(), rect.bottom()), lines=arrows
        )
        for rid in lines:
            if rid not in self.relation_items:
                self.relation_item(rid)
        for cid in cards:
            if cid not in self.claim_items:
                found = self.index.card_rect(cid)
                if found is not None and found.intersects(rect):
                    self.claim_item(cid)

    def _model_moved(self, unmade: bool = False) -> None:
        """The model changed: the cards' bounds are stale, and with `unmade` (a change to a
        claim or relation without an item) the lazy canvas's grid of the map too. Changes
        to made items leave the grid: it is asked only for what is not made yet (rebuilding
        it after every drag cost 0.5 s at the next scroll of a 20,000-claim map)."""
        if unmade:
            self._regions = None
        self.index.forget_bounds()
        self.router.model_changed()

    def _card_moved(self) -> None:
        # Stale batches at any zoom (the minimap draws them too); the minimap itself hears of
        # the move from the model, once the card is dropped.
        self.overview.invalidate(notify=False)
        self.labels.invalidate()

    def _card_selected(self) -> None:
        if self.index.overview_mode:
            self.overview.update()

    def _model_connections(self) -> list:
        """(signal, slot) pairs: each change the model announces and the handler for it."""
        slots = (
            self._claim_added,
            self._claim_removed,
            self._claim_changed,
            self._relation_added,
            self._relation_removed,
            self._relation_changed,
            self._group_added,
            self._group_removed,
            self._group_changed,
        )
        return list(zip(self.model.change_signals(info=False), slots, strict=True))

    def _connect_model(self) -> None:
        for signal, slot in self._model_connections():
            signal.connect(slot)

    def disconnect_model(self) -> None:
        """Stop following the model (before the scene is thrown away); a routing worker
        process ends with it."""
        self.router.close()
        for signal, slot in self._model_connections():
            signal.disconnect(slot)

    def build(self) -> None:
        """Create every item (once, when a document is opened); in lazy mode only the groups
        and their members (a group's frame is drawn around its cards)."""
        self._tuned_at = 1
        if self.lazy:
            for group in self.model.groups.values():
                self._make_group_item(group)
            self._refresh_collapsed()
            self.grow_to(self.map_rect())
            self.tune_index()
            return
        for claim in self.model.claims.values():
            self._new_claim_item(claim)
        for relation in self.model.relations_in_order():
            self._make_relation_item(relation)
        for group in self.model.groups.values():
            self._make_group_item(group)
        self._refresh_collapsed()
        self.reroute_all()
        self.grow_to(self.map_rect())
        self.tune_index()

    def tune_index(self) -> None:
        """Keep Qt's BSP index shallow. Left to itself Qt splits the scene into 2^ceil(log2 n)
        leaves (16,384 for 5,000 claims), and a map-wide arrow sits in thousands of them, so
        every frame that shows the whole map walked millions of leaf entries (10 ms at fit on
        5,000 claims, with every item hidden); 2^(ceil(log2 n) - 5) leaves keep a frame at fit
        at 3 ms while finding the items at a point as fast as before (0.08 ms)."""
        n = len(self.claim_items) + len(self.relation_items) + len(self.group_items) + 2
        self._tuned_at = n
        depth = max(5, min(10, math.ceil(math.log2(n)) - 5))
        if depth != self.bspTreeDepth():
            self.setBspTreeDepth(depth)

    def map_rect(self) -> QRectF:
        """The shown cards, arrows and group frames (not the overview and label layers, which
        draw over the whole scene): what "fit to map" frames."""
        rect = QRectF()
        for collection in (self.claim_items, self.relation_items, self.group_items):
            for item in collection.values():
                if item.isVisible():
                    rect = rect.united(item.sceneBoundingRect())
        if self.lazy:  # and the cards not made yet
            rect = rect.united(self.index.cards_bounds())
        return rect

    def grow_to(self, rect: QRectF) -> None:
        """Grow the scene rect (never shrink it while editing: the view would jump)."""
        wanted = rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
        current = self.sceneRect()
        if not current.contains(wanted):
            self.setSceneRect(current.united(wanted) if not current.isEmpty() else wanted)
            self.overview.set_bounds(self.sceneRect())

    def set_overview(self, on: bool) -> None:
        """Draw all cards and arrows in one batch (tiny zoom) or each by itself (readable zoom)."""
        if on == self.overview_mode:
            return
        self.index.overview_mode = on
        flag = ClaimItem.GraphicsItemFlag.ItemHasNoContents
        for collection in (self.claim_items, self.relation_items):
            for item in collection.values():
                item.setFlag(flag, on)
        self.overview.invalidate()
        self.overview.setVisible(on)
        # The BSP index stays: switching to NoIndex made the overview frame cheaper (11 -> 0.2
        # ms on 5,000 claims) but after switching back Qt asked every item for its bounds on
        # every frame (5,018 boundingRect calls per frame at 100 %, measured).

    def _adopt(self, item) -> None:
        """A new card or arrow follows the current drawing mode."""
        if self.overview_mode:
            item.setFlag(ClaimItem.GraphicsItemFlag.ItemHasNoContents, True)
            self.overview.invalidate()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackgroundBrush(QBrush(theme.background))
        for collection in (self.claim_items, self.relation_items, self.group_items):
            for item in collection.values():
                item.set_theme(theme)
        self.overview.set_theme(theme)
        self.labels.set_theme(theme)

    # -- arrows ------------------------------------------------------------------------------

    @property
    def arrows(self) -> str:
        """How arrows are drawn: "straight", "curved" or "orthogonal"."""
        return self.index.arrows

    def set_arrows(self, style: str) -> None:
        """Draw every arrow straight, or routed around the cards (curved or orthogonal); a map
        with more than `routing_limit` relations, or a lazy canvas, is drawn straight until a
        worker process has routed it (`route_in_background`, started here)."""
        if style not in routing.STYLES:
            raise ValueError(f"unknown arrow style {style!r}")
        self.wanted_arrows = style
        big = self._too_big_to_route(style)
        if big and self.router.style == style:
            return  # being routed in the background already, or routed
        self.router.forget()
        self.routing_limited = big
        drawn = "straight" if big else style
        if drawn != self.index.arrows:
            self.index.arrows = drawn
            self._reroute_claims.clear()
            self._reroute_rects.clear()
            self.reroute_all()
            self.overview.invalidate()
        if big:
            self.route_in_background()

    def _too_big_to_route(self, style: str) -> bool:
        """Whether arrows drawn `style` are routed in a worker process, not on opening."""
        big = len(self.model.relations) > self.routing_limit or self.lazy
        return style != "straight" and big

    def route_in_background(self, delay: int | None = None) -> None:
        """Route the arrows in a worker process and draw them routed when they arrive (a
        big map: on the GUI thread it held the window for minutes); `delay` in ms (default:
        half a second, so a map just opened shows first)."""
        if delay is None:
            self.router.begin(self.wanted_arrows)
        else:
            self.router.begin(self.wanted_arrows, delay)

    def routes_arrived(self, style: str, batch: dict[str, routing.Route]) -> None:
        """The first routes of a worker process: the arrows are drawn `style` from now on;
        the arrow items made take theirs from `batch` (those an edit made stale meanwhile are
        routed alone), the others' are kept in the index (`CanvasIndex.map_routes`).

        The items take their routes a slice at a time, between frames: a 20,000-claim map
        seen at 100 % has thousands of map-wide arrows in view (5.6 s in one go). An arrow
        routed for a change before its slice comes drops its batch route (`RelationItem`),
        so a slice never draws one an edit made stale."""
        self.routing_limited = False
        self.index.arrows = style
        self._reroute_claims.clear()
        self._reroute_rects.clear()
        self.index.batch_later = batch
        made = self.relation_items
        self._to_route.extend(r.id for r in self.model.relations_in_order() if r.id in made)
        self._regions = None  # the grid files the routed lines
        self.routes_stored(None)
        self._route_slice()

    def stop_applying(self) -> None:
        """No more slices of arrived routes (the arrows are drawn another way now, or the
        canvas goes away)."""
        self._slice_timer.stop()
        self._to_route.clear()
        self.index.batch_later = {}

    def applying_routes(self) -> bool:
        """Whether arrow items are still taking the routes that arrived (`routes_arrived`)."""
        return bool(self._to_route)

    def _route_slice(self) -> None:
        index, queue, made = self.index, self._to_route, self.relation_items
        deadline = time.perf_counter() + SLICE_S
        index.batch_routes = index.batch_later
        try:  # in order: an undercut after the arrow it aims at
            while queue and time.perf_counter() < deadline:
                item = made.get(queue.popleft())
                if item is not None:
                    item.route()
        finally:
            index.batch_routes = None
        if queue:
            self._slice_timer.start()
            return
        index.batch_later = {}
        self.overview.invalidate()
        # Arrows whose routes pass through the view are made now (after a frame: filing
        # 30,000 routes in the lazy grid takes a while).
        for view in self.views():
            QTimer.singleShot(0, getattr(view, "show_region", lambda: None))
        self.router.changed.emit()

    def routes_stored(self, relation_ids: list[str] | None) -> None:
        """Routes were kept or dropped (None: every arrow's): the overview, the minimap and
        the lazy canvas's grid draw and find them."""
        self.overview.invalidate()
        if relation_ids and self._regions is not None:
            kept = self.index.map_routes
            for rid in relation_ids:
                self._regions.add_line(rid, outline_points(kept[rid]))

    def reroute_all(self) -> None:
        """Route every arrow again: in one batch (`routing.route_map` over the shown cards,
        many times faster than arrow by arrow through the scene's item index)."""
        self.index.cards_changed()
        if self.index.arrows != "straight":
            arrows, rects = self.index.routing_input()
            self.index.batch_routes = routing.route_map(arrows, rects, self.index.arrows)
        try:
            # In relations_in_order, so each undercut routes after the arrow it aims at: each
            # arrow once (adjust() re-routes the undercuts too, quadratic on long chains).
            for relation in self.model.relations_in_order():
                item = self.relation_items.get(relation.id)
                if item is not None:
                    item.route()
        finally:
            self.index.batch_routes = None

    def _reroute_later(self, claim_id: str, left: QRectF | None = None) -> None:
        if self.index.arrows == "straight":
            return
        self._reroute_claims.add(claim_id)
        if left is not None:
            self._reroute_rects.append(left)
        self._reroute_timer.start()

    def flush_routes(self) -> None:
        """Re-route the arrows a move made stale: those at the moved cards and at their
        neighbours (the fan of ports changes there), and those passing where a moved card
        was or now is. Dragging re-routes the dragged cards' own arrows live; this runs when
        the move lands in the model (drop, undo, layout)."""
        self._reroute_timer.stop()
        claims, rects = self._reroute_claims, self._reroute_rects
        self._reroute_claims, self._reroute_rects = set(), []
        if not claims or self.index.arrows == "straight":
            return
        if len(claims) * 4 > len(self.claim_items):
            self.reroute_all()
            return
        stale: dict[str, RelationItem] = {}
        near: set[str] = set()
        for cid in claims:
            item = self.claim_items.get(cid)
            if item is None:
                continue
            rects.append(item.scene_rect())
            for rel in item.relations:
                stale[rel.relation.id] = rel
                near.update((rel.relation.source, rel.relation.target))
        for cid in near:
            item = self.claim_items.get(cid)
            if item is not None:
                for rel in item.relations:
                    stale[rel.relation.id] = rel
        m = routing.MARGIN
        for rect in rects:
            for item in self.items(rect.adjusted(-m, -m, m, m)):
                if isinstance(item, RelationItem):
                    stale[item.relation.id] = item
        adjust_all(stale.values())

    # -- geometry (the index answers; kept here for the features that ask the scene) --------

    def anchor_rect(self, claim_id: str) -> QRectF | None:
        """Where arrows to a claim end: its card, or the card of the collapsed group hiding it."""
        return self.index.anchor_rect(claim_id)

    # -- model → items -----------------------------------------------------------------------

    def _claim_added(self, claim: Claim) -> None:
        self.labels.invalidate()
        self._model_moved()
        self.index.cards_changed()
        item = self._new_claim_item(claim)
        self._adopt(item)
        self.grow_to(item.scene_rect())
        if claim.collapsed:
            self._refresh_collapsed()
        if len(self.claim_items) & (len(self.claim_items) - 1) == 0:  # doubled: 2, 4, 8 ...
            self.tune_index()

    def _refold(self) -> None:
        """The relations changed: subtrees of collapsed claims may hold other claims now."""
        if self.index.folded_into or any(c.collapsed for c in self.model.claims.values()):
            self._refresh_collapsed()

    def _claim_removed(self, claim: Claim) -> None:
        self.labels.invalidate()
        self._model_moved()
        self.index.cards_changed()
        item = self.claim_items.pop(claim.id, None)
        if item is not None:
            self.removeItem(item)
            self.overview.invalidate()
        if self.index.folded_into.pop(claim.id, None) is not None or claim.collapsed:
            self._refresh_collapsed()

    def _claim_changed(self, old: Claim, new: Claim) -> None:
        self.labels.invalidate()
        if self.index.map_routes and (old.x, old.y, old.text) != (new.x, new.y, new.text):
            for r in self.model.relations_of(new.id):  # the rest when the router checks
                self.index.drop_route(r.id)
        if old.text != new.text:
            self.index.cards_changed()  # the card's height follows its text
        item = self.claim_items.get(new.id)
        self._model_moved(unmade=item is None)
        if item is None:  # lazy mode, no card made: the overview draws it from the model
            self._unmade_claim_changed(old, new)
            return
        item.comment_count = _open_comments(new)
        # A move from the model is routed in one batch when the edit is done (below); routed
        # arrow by arrow, a layout of 500 cards took 38 s.
        self.index.defer_routes = self.index.arrows != "straight"
        try:
            item.set_claim(new)
        finally:
            self.index.defer_routes = False
        for group in item.groups:
            group.adjust()
        if (old.x, old.y) != (new.x, new.y):
            self.grow_to(item.scene_rect())
        if (old.x, old.y) != (new.x, new.y) or old.text != new.text:
            self._reroute_later(new.id, item.scene_rect().translated(old.x - new.x, old.y - new.y))
        if old.kind != new.kind:
            self.overview.invalidate()
        if old.collapsed != new.collapsed:
            self._refresh_collapsed()

    def _unmade_claim_changed(self, old: Claim, new: Claim) -> None:
        """A claim without a card changed (an undo, a layout): the arrows made at its other
        ends follow it, the overview and the labels draw it anew."""
        if (old.x, old.y, old.text) != (new.x, new.y, new.text):
            self.index.cards_changed()
            adjust_all(
                self.relation_items[r.id]
                for r in self.model.relations_of(new.id)
                if r.id in self.relation_items
            )
            rect = self.index.card_rect(new.id)
            if rect is not None:
                self.grow_to(rect)
        self.overview.invalidate()
        if old.collapsed != new.collapsed:
            self._refresh_collapsed()

    def _wanted(self, relation: Relation) -> bool:
        """Whether a new relation gets its arrow item now: always, except on a lazy canvas
        where neither of its ends has an item (the overview draws it until then)."""
        return not self.lazy or any(
            end in self.claim_items or end in self.relation_items
            for end in (relation.source, relation.target)
        )

    def _make_relation_item(self, relation: Relation) -> RelationItem:
        item = RelationItem(relation, self.index, self.theme)
        item.comment_count = _open_comments(relation)  # the review badge
        self.relation_items[relation.id] = item
        self._attach(item)
        self.addItem(item)
        self._adopt(item)
        return item

    def _attach(self, item: RelationItem) -> None:
        r = item.relation
        for end in (r.source, r.target):
            if end in self.claim_items:
                self.claim_items[end].relations.add(item)
        if r.target in self.relation_items:
            self.relation_items[r.target].undercuts.add(item)

    def _detach(self, item: RelationItem) -> None:
        r = item.relation
        for end in (r.source, r.target):
            if end in self.claim_items:
                self.claim_items[end].relations.discard(item)
        if r.target in self.relation_items:
            self.relation_items[r.target].undercuts.discard(item)

    def _relation_added(self, relation: Relation) -> None:
        self.labels.invalidate()  # the order of importance follows the relations
        self._model_moved(unmade=not self._wanted(relation))
        if self._wanted(relation):
            item = self._make_relation_item(relation)
            item.setOpacity(DIM if self.index.relation_dimmed(relation) else 1.0)
            item.adjust()
        else:
            self.overview.invalidate()
        self._adjust_linked(relation)
        self._refold()
        self._reroute_ends(relation)

    def _relation_removed(self, relation: Relation) -> None:
        self.labels.invalidate()
        self.index.drop_route(relation.id)
        self._model_moved()
        item = self.relation_items.pop(relation.id, None)
        if item is not None:
            self._detach(item)
            self.removeItem(item)
            self.overview.invalidate()
        self._adjust_linked(relation)
        self._refold()
        self._reroute_ends(relation)

    def _relation_changed(self, old: Relation, new: Relation) -> None:
        self.labels.invalidate()
        self.index.drop_route(new.id)
        item = self.relation_items.get(new.id)
        self._model_moved(unmade=item is None)
        if item is None:  # lazy mode, no arrow made
            self.overview.invalidate()
            if self._wanted(new):
                self.relation_item(new.id)
            if (old.source, old.target) != (new.source, new.target):
                self._refold()
            return
        self._detach(item)
        item.relation = new
        self._attach(item)
        item.adjust()
        self.overview.invalidate()
        self._adjust_linked(old)
        self._adjust_linked(new)
        if (old.source, old.target) != (new.source, new.target):
            self._refold()
            self._reroute_ends(old)
            self._reroute_ends(new)

    def _reroute_ends(self, relation: Relation) -> None:
        """An arrow came or went: the ports fanned on its cards' sides change."""
        for end in (relation.source, relation.target):
            if end in self.claim_items:
                self._reroute_later(end)

    def _adjust_linked(self, relation: Relation) -> None:
        if relation.link is None or relation.target not in self.model.claims:
            return
        for r in self.model.relations_into(relation.target):
            if r.link == relation.link and r.id in self.relation_items:
                self.relation_items[r.id].adjust()

    def _make_group_item(self, group: Group) -> GroupItem:
        for cid in group.claims:  # a group's frame is drawn around its members' cards
            self.claim_item(cid)
        item = GroupItem(group, self.index, self.theme)
        self.group_items[group.id] = item
        for cid in group.claims:
            if cid in self.claim_items:
                self.claim_items[cid].groups.add(item)
        self.addItem(item)
        item.adjust()
        return item

    def _group_added(self, group: Group) -> None:
        self._make_group_item(group)
        self._refresh_collapsed()

    def _group_removed(self, group: Group) -> None:
        item = self.group_items.pop(group.id, None)
        if item is not None:
            for member in self.claim_items.values():
                member.groups.discard(item)
            self.removeItem(item)
        self._refresh_collapsed()

    def _group_changed(self, old: Group, new: Group) -> None:
        self._model_moved()
        for cid in new.claims:
            self.claim_item(cid)
        item = self.group_items[new.id]
        for cid in old.claims:
            if cid in self.claim_items:
                self.claim_items[cid].groups.discard(item)
        for cid in new.claims:
            if cid in self.claim_items:
                self.claim_items[cid].groups.add(item)
        item.set_group(new)
        if old.collapsed != new.collapsed or (new.collapsed and old.claims != new.claims):
            self._refresh_collapsed()

    def _refresh_collapsed(self) -> None:
        """Hide the claims of collapsed groups and of collapsed subtrees (the premises below a
        collapsed claim, all the way down), and re-route or hide the arrows that touch them."""
        self.labels.invalidate()
        self.index.cards_changed()
        hidden: dict[str, GroupItem] = {}
        for g in self.group_items.values():
            if g.group.collapsed:
                for cid in g.group.claims:
                    hidden.setdefault(cid, g)
        folded = folded_subtrees(self.model)
        counts: dict[str, int] = {}
        for root in folded.values():
            counts[root] = counts.get(root, 0) + 1
        changed = (set(hidden) ^ set(self.index.hidden_in)) | (
            set(folded) ^ set(self.index.folded_into)
        )
        self.index.hidden_in.clear()
        self.index.hidden_in.update(hidden)
        self.index.folded_into.clear()
        self.index.folded_into.update(folded)
        self._fold_counts = counts
        self._model_moved(unmade=bool(changed))  # cards shown or hidden
        for cid, item in self.claim_items.items():
            count = counts.get(cid, 0)
            if item.folded_count != count:
                item.folded_count = count
                item.update()
        stale: list[RelationItem] = []
        for cid in changed:
            item = self.claim_items.get(cid)
            if item is None:  # no card made (lazy): the arrows made at its other ends
                stale.extend(
                    self.relation_items[r.id]
                    for r in self.model.relations_of(cid)
                    if r.id in self.relation_items
                )
                continue
            shown = cid not in hidden and cid not in folded
            item.setVisible(shown)
            if not shown:
                item.setSelected(False)
            stale.extend(item.relations)
        if changed:
            stale.extend(  # undercuts of arrows now hidden
                rel for rel in self.relation_items.values() if self.model.is_undercut(rel.relation)
            )
        adjust_all(stale)
        for g in self.group_items.values():
            g.adjust()
        self.overview.invalidate()

    # -- selection ---------------------------------------------------------------------------

    def selected_claim_ids(self) -> list[str]:
        return sorted(i.claim.id for i in self.selectedItems() if isinstance(i, ClaimItem))

    def selected_relation_ids(self) -> list[str]:
        return sorted(i.relation.id for i in self.selectedItems() if isinstance(i, RelationItem))

    def selected_group_ids(self) -> list[str]:
        return sorted(i.group.id for i in self.selectedItems() if isinstance(i, GroupItem))

    def select_ids(self, ids: list[str] | set[str]) -> None:
        """Select exactly these claims and relations."""
        wanted = set(ids)
        self.blockSignals(True)
        self.clearSelection()
        for i in wanted:
            item = self.claim_item(i) or self.relation_item(i)
            if item is not None and item.isVisible():
                item.setSelected(True)
        self.blockSignals(False)
        self.selectionChanged.emit()

    # -- gestures → edits --------------------------------------------------------------------

    def push(self, edit: Edit, text: str) -> bool:
        """Push an edit; an invalid one is reported through `problem`, never half-applied."""
        try:
            self.document.push(edit, text)
        except ModelError as exc:
            self.problem.emit(str(exc))
            return False
        return True

    def commit_moves(self, text: str = "Move") -> None:
        """One undo step for every card whose position differs from the model's."""
        moved = {}
        for cid, item in self.claim_items.items():
            if not item.at_model_position():
                pos = item.pos()
                moved[cid] = (round(pos.x(), 1), round(pos.y(), 1))
        if moved:
            n = len(moved)
            label = text if text != "Move" else (f"Move {n} claims" if n > 1 else "Move claim")
            self.push(MoveClaims.of(moved), label)

    def new_claim(self, pos: QPointF, kind: ClaimKind = ClaimKind.CLAIM, text: str = "") -> str:
        """Add a claim centred at `pos`, or in the nearest free space (never on top of a card or
        a group's title); returns its id."""
        cid = self.model.new_id("c")
        x, y = self.free_spot((pos.x(), pos.y()), estimated_card_size(Claim(cid, text, kind)))
        claim = Claim(cid, text, kind, x=round(x, 1), y=round(y, 1))
        self.push(AddClaim(claim), "New claim")
        self.select_ids([cid])
        return cid

    def free_spot(self, want: tuple[float, float], size: tuple[float, float]):
        """Where a new card of `size` goes near `want`: clear of every shown card and group
        title (`argmap.analysis.geometry.free_spot`)."""
        obstacles = []
        for _, r in self.index.shown_cards():
            obstacles.append((r.left(), r.top(), r.width(), r.height()))
        for group in self.group_items.values():
            if group.isVisible():
                r = group.mapRectToScene(group.header_rect())
                obstacles.append((r.left(), r.top(), r.width(), r.height()))
        return free_spot(want, size, obstacles)

    def add_child(self, parent_id: str, kind: RelationKind) -> str | None:
        """A new premise supporting or attacking `parent_id`, placed below it; one undo step."""
        parent = self.model.claims.get(parent_id)
        if parent is None:
            return None
        below = [r.source for r in self.model.relations_into(parent_id)]
        item = self.claim_item(parent_id)
        assert item is not None
        x = parent.x + 270.0 * len(below) - (135.0 * len(below) if below else 0.0)
        y = parent.y + item.rect().height() / 2 + CHILD_GAP_Y + 60
        cid = self.model.new_id("c")
        x, y = self.free_spot((x, y), estimated_card_size(Claim(cid, "")))
        rid = self.model.new_id("r")
        while rid == cid or self.model.has_id(rid):
            rid = rid + "x"
        text = "Supporting claim" if kind is RelationKind.SUPPORT else "Objection"
        from argmap.model.edits import Composite

        edit = Composite(
            (
                AddClaim(Claim(cid, "", ClaimKind.CLAIM, x=round(x, 1), y=round(y, 1))),
                AddRelation(Relation(rid, cid, parent_id, kind)),
            )
        )
        if self.push(edit, f"Add {text.lower()}"):
            self.select_ids([cid])
            return cid
        return None

    def connect_claims(self, source: str, target: str, kind: RelationKind) -> str | None:
        rid = self.model.new_id("r")
        what = "Undercut" if target in self.model.relations else kind.value.capitalize()
        if self.push(AddRelation(Relation(rid, source, target, kind)), f"Connect ({what})"):
            self.select_ids([rid])
            return rid
        return None

    def set_claim_text(self, claim_id: str, text: str) -> None:
        claim = self.model.claims.get(claim_id)
        if claim is not None and claim.text != text:
            self.push(UpdateClaim(with_changes(claim, text=text)), "Edit text")

    def toggle_group_collapsed(self, group_id: str) -> None:
        group = self.model.groups[group_id]
        text = "Expand group" if group.collapsed else "Collapse group"
        self.push(UpdateGroup(with_changes(group, collapsed=not group.collapsed)), text)

    def delete_selection(self) -> None:
        """Delete the selected relations and claims (with their relations) as one step."""
        rels = self.selected_relation_ids()
        claims = self.selected_claim_ids()
        edits: list[Edit] = []
        gone: set[str] = set()
        for cid in claims:
            gone.update(r.id for r in self.model.relations_of(cid))
        for rid in rels:
            if rid not in gone:
                edits.append(RemoveRelation(rid))
        # Undercuts of removed relations go with them; skip ones already covered.
        edits = [e for e in edits if not _undercut_of_any(self.model, e.relation_id, rels)]
        edits += [RemoveClaim(cid) for cid in claims]
        if edits:
            n = len(claims) + len(rels)
            self.document.push_all(edits, f"Delete {n} item{'s' if n > 1 else ''}")

    # -- events ------------------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.commit_moves()

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        """Select what is under the cursor (unless it is selected already) and ask for a menu."""
        item_id = None
        for item in self.items(event.scenePos()):
            if isinstance(item, ClaimItem | RelationItem) and item.isVisible():
                if not item.isSelected():
                    self.clearSelection()
                    item.setSelected(True)
                item_id = item.claim.id if isinstance(item, ClaimItem) else item.relation.id
                break
        self._context_pos = event.scenePos()
        self.context_menu_requested.emit(event.screenPos(), item_id)
        event.accept()


def _open_comments(item: Claim | Relation) -> int:
    return sum(1 for c in item.comments if not c.resolved)


def _undercut_of_any(model, relation_id: str, others: list[str]) -> bool:
    r = model.relations.get(relation_id)
    return r is not None and r.target in others
