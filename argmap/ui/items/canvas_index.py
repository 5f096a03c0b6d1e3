"""CanvasIndex: the items of one canvas by id, and what an item may ask of the canvas.

Items never import the scene (orange-canvas-core's rule for `canvas/items/`): an arrow needs
to know where its ends are drawn, a group frame needs its members, a card needs to say that
it moved. The scene owns one `CanvasIndex`, fills its dictionaries and sets its callbacks;
every item is handed the index. So items can be built and tested on a bare
`QGraphicsScene` with an index of their own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QDataStream, QPointF, QRectF
from PySide6.QtGui import QPolygonF

from argmap.analysis import routing
from argmap.analysis.geometry import CARD_WIDTH, estimated_card_size
from argmap.analysis.route_batch import PackedRoute, unpack
from argmap.model.map import ArgumentMap
from argmap.model.types import Claim, Relation

if TYPE_CHECKING:
    from argmap.ui.items.claim_item import ClaimItem
    from argmap.ui.items.group_item import GroupItem
    from argmap.ui.items.relation_item import RelationItem


def _nothing(*args: object) -> None:
    return None


class CanvasIndex:
    """Items by id, where arrows end, and the gestures items hand back to their canvas."""

    def __init__(self, model: Callable[[], ArgumentMap]) -> None:
        self._model = model
        self.claim_items: dict[str, ClaimItem] = {}
        self.relation_items: dict[str, RelationItem] = {}
        self.group_items: dict[str, GroupItem] = {}
        # claim id -> the collapsed group hiding it
        self.hidden_in: dict[str, GroupItem] = {}
        # claim id -> the collapsed claim whose subtree hides it (arrows to it are not drawn)
        self.folded_into: dict[str, str] = {}
        # Set by the scene: one batched item draws everything (cards then skip painting).
        self.overview_mode = False
        # How arrows are drawn: one of `routing.STYLES` (set by the scene).
        self.arrows = "straight"
        # Set while the model moves cards (a layout, an undo): their arrows are routed once, in
        # a batch (`MapScene.flush_routes`), not each time one of their ends moves.
        self.defer_routes = False
        # Routes of the whole map computed in one batch (`routing.route_map`) while the scene
        # re-routes everything; None otherwise (each arrow routes itself).
        self.batch_routes: dict[str, routing.Route] | None = None
        # Routes from a worker process that arrow items take a slice at a time
        # (`MapScene.routes_arrived`); an arrow routed for a change before its slice drops its.
        self.batch_later: dict[str, routing.Route] = {}
        # Routes made in a worker process (`BackgroundRouting`) for arrows that have no item
        # yet (a lazy canvas), packed; an arrow item made later takes its own out of here.
        self.map_routes: dict[str, PackedRoute] = {}
        # Set while arrows are routed because they (or a card at their end) were just made:
        # they take their kept routes; any other re-route is for a change, which drops them.
        self.making = False
        # Arrows made from kept routes since the router last checked them against the map:
        # one an edit made stale in between is routed again then (`BackgroundRouting`).
        self.taken: set[str] = set()
        self._outlines: dict[str, QPolygonF] = {}  # their polylines, read when first drawn
        # The shown cards as the router's obstacles, built when first asked for; a dragged
        # card updates its place, anything else (cards added, hidden, resized) drops it.
        self._cards: routing.RectIndex | None = None
        # Each card's fanned ports while a group of arrows is re-routed with no card moving
        # in between (`rerouting.adjust_all`); None otherwise. Without it every arrow at a card
        # with n arrows fanned all n again: a drag step of a card with 1,000 arrows took
        # minutes once such maps opened routed.
        self.port_memo: dict[str, dict[object, tuple[tuple[float, float], str]]] | None = None
        # A big map's canvas makes card and arrow items only where they are drawn one by one
        # (`MapScene`, lazy mode); the rest of the map is known here from the model alone:
        # where an unmade card is (`card_rect`), whether it is dimmed or coloured.
        self.lazy = False
        # Claims a focus keeps (empty: no focus; the rest is dimmed), set by the focus feature.
        self.kept: set[str] = set()
        # The evaluation overlay per claim: (label, strength, hypothetical, note), set by the
        # evaluation feature; cards made later take theirs from here.
        self.overlay: dict[str, tuple[str | None, float | None, bool, str]] = {}
        # Estimated cards of claims without an item, by claim id (with the claim's value).
        self._estimates: dict[str, tuple[object, QRectF]] = {}
        self._boxes: dict[str, tuple[object, routing.Rect]] = {}  # the same as tuples
        self._bounds: QRectF | None = None  # `cards_bounds`, until the cards change
        # Callbacks set by the scene (no-ops for items on a bare scene):
        self.card_moved: Callable[[], None] = _nothing  # a card's position changed
        self.card_selected: Callable[[], None] = _nothing  # a card's selection changed
        self.commit_moves: Callable[[str], None] = _nothing  # end of a drag: one undo step
        self.toggle_group: Callable[[str], None] = _nothing  # collapse/expand a group

    @property
    def model(self) -> ArgumentMap:
        return self._model()

    def anchor_rect(self, claim_id: str) -> QRectF | None:
        """Where arrows to a claim end: its card, or the card of the collapsed group hiding it
        (None in a collapsed subtree: its arrows are hidden with it)."""
        if claim_id in self.folded_into:
            return None
        group = self.hidden_in.get(claim_id)
        if group is not None:
            return group.collapsed_rect()
        return self.card_rect(claim_id)

    def card_rect(self, claim_id: str) -> QRectF | None:
        """A claim's card: its item's, or (no item made yet) where the model puts it, with the
        height estimated from its text (None: no such claim)."""
        item = self.claim_items.get(claim_id)
        if item is not None:
            return item.scene_rect()
        claim = self.model.claims.get(claim_id)
        return None if claim is None else self.estimated_rect(claim)

    def estimated_rect(self, claim: Claim, copy: bool = True) -> QRectF:
        """Where the model puts a claim's card, its height estimated from its text (cached
        per claim value: values are immutable, a move or an edit makes a new one); `copy`
        False: the cached rectangle itself, for a caller that never changes it."""
        known = self._estimates.get(claim.id)
        if known is None or known[0] is not claim:
            _, h = estimated_card_size(claim)
            rect = QRectF(claim.x - CARD_WIDTH / 2, claim.y - h / 2, CARD_WIDTH, h)
            known = self._estimates[claim.id] = (claim, rect)
        return QRectF(known[1]) if copy else known[1]

    def estimated_box(self, claim: Claim) -> routing.Rect:
        """`estimated_rect` as (left, top, right, bottom), cached the same way."""
        known = self._boxes.get(claim.id)
        if known is None or known[0] is not claim:
            r = self.estimated_rect(claim, copy=False)
            known = self._boxes[claim.id] = (claim, (r.left(), r.top(), r.right(), r.bottom()))
        return known[1]

    def card_shown(self, claim_id: str) -> bool:
        """Whether a claim's card is drawn (not in a collapsed group or subtree)."""
        item = self.claim_items.get(claim_id)
        if item is not None:
            return item.isVisible()
        return claim_id not in self.hidden_in and claim_id not in self.folded_into

    def dimmed(self, item_id: str) -> bool:
        """Outside the focus (claims; see `relation_dimmed` for arrows)."""
        return bool(self.kept) and item_id not in self.kept

    def relation_dimmed(self, relation: Relation) -> bool:
        kept = self.kept
        if not kept:
            return False
        inside = relation.source in kept and (
            relation.target in kept or relation.target in self.model.relations
        )
        return not inside

    def relation_end(
        self, relation: Relation, memo: dict[str, QPointF | None] | None = None
    ) -> QPointF | None:
        """Where a relation's line ends for the overview: the centre of its conclusion's card,
        or for an undercut the middle of the arrow it attacks (`memo` shares the middles of
        a chain of undercuts between calls: without it a long chain is walked per arrow)."""
        target = relation.target
        if target in self.model.relations:
            item = self.relation_items.get(target)
            if item is not None:
                return item.midpoint() if item.isVisible() else None
            return self._rough_middle(target, memo)
        rect = self.anchor_rect(target)
        return rect.center() if rect is not None else None

    def linked_sources(self, relation: Relation) -> list[QPointF]:
        """Centres of the premises linked with this relation (for the junction point)."""
        points = []
        for r in self.model.linked(relation):
            rect = self.anchor_rect(r.source)
            if rect is not None:
                points.append(rect.center())
        return points

    def target_relation(self, relation: Relation) -> RelationItem | None:
        """The arrow an undercut aims at (None when the relation ends at a claim)."""
        return self.relation_items.get(relation.target)

    # -- routing -----------------------------------------------------------------------------

    def anchor_key(self, claim_id: str) -> str:
        """The obstacle an arrow end sits on: the card, or the collapsed group hiding it."""
        group = self.hidden_in.get(claim_id)
        return f"group:{group.group.id}" if group is not None else claim_id

    def ports(self, claim_id: str) -> dict[object, tuple[tuple[float, float], str]]:
        """Where the arrows at a card meet it, fanned out per side (see `routing.fan_ports`);
        keys as in `routing.plan_ends`."""
        memo = self.port_memo
        if memo is not None:
            found = memo.get(claim_id)
            if found is None:
                found = memo[claim_id] = self._ports(claim_id)
            return found
        return self._ports(claim_id)

    def _ports(self, claim_id: str) -> dict[object, tuple[tuple[float, float], str]]:
        rect = self.anchor_rect(claim_id)
        if rect is None or claim_id not in self.model.claims:
            return {}
        ends: list[tuple[object, tuple[float, float]]] = []
        seen: set[object] = set()
        middles: dict[str, QPointF | None] = {}
        # From the model, not the card's arrow items: a lazy canvas fans a card's ports for
        # every arrow it will have, made or not, so an arrow made later lands in its place.
        for r in self.model.relations_of(claim_id):
            if r.source == r.target:
                continue
            if r.source == claim_id:
                if r.target in self.model.relations:
                    far = self._rough_middle(r.target, middles)
                    if far is None:
                        continue
                else:
                    other = self.anchor_rect(r.target)
                    if other is None:
                        continue
                    far = other.center()
                ends.append(((r.id, "s"), (far.x(), far.y())))
            if r.target == claim_id:
                other = self.anchor_rect(r.source)
                if other is None:
                    continue
                sources = self.linked_sources(r) if r.link is not None else []
                if len(sources) > 1:
                    key: object = (r.link, r.target)
                    if key in seen:
                        continue
                    seen.add(key)
                    far = QPointF(
                        sum(p.x() for p in sources) / len(sources),
                        sum(p.y() for p in sources) / len(sources),
                    )
                else:
                    key, far = (r.id, "t"), other.center()
                ends.append((key, (far.x(), far.y())))
        box = (rect.left(), rect.top(), rect.right(), rect.bottom())
        if claim_id in self.hidden_in:  # a collapsed group: no fan, one port per side
            return {key: routing.fan_ports(box, [(key, far)])[key] for key, far in ends}
        return routing.fan_ports(box, ends)


    def _rough_middle(
        self, relation_id: str, memo: dict[str, QPointF | None] | None = None
    ) -> QPointF | None:
        """Halfway between an arrow's ends' centres (an undercut's port faces it; the same
        point `routing.route_map` uses, so a batch and a single arrow agree). Down a chain of
        undercuts by a loop, not recursion; `memo` shares a chain's points between calls."""
        rels = self.model.relations

        def attacked(rid: str) -> str | None:
            target = rels[rid].target
            return target if target in rels else None

        def halfway(rid: str, far: QPointF | None) -> QPointF | None:
            src = self.anchor_rect(rels[rid].source)
            return None if far is None or src is None else (src.center() + far) / 2

        def base(rid: str) -> QPointF | None:
            dst = self.anchor_rect(rels[rid].target)
            return halfway(rid, dst.center() if dst is not None else None)

        return routing.fold_chain(
            relation_id, attacked, base, halfway, {} if memo is None else memo
        )

    def cards(self) -> routing.RectIndex:
        """The shown cards and collapsed groups, for routing one arrow around them."""
        if self._cards is None:
            self._cards = routing.RectIndex(self.shown_rects())
        return self._cards

    def cards_changed(self) -> None:
        """Cards were added, removed, hidden, shown or resized: rebuild the obstacles."""
        self._cards = None
        self._bounds = None

    def card_moved_to(self, claim_id: str) -> None:
        """A card moved (a drag step): move its obstacle."""
        self._bounds = None
        if self._cards is None:
            return
        if claim_id in self.hidden_in or claim_id in self.folded_into:
            self._cards = None  # a collapsed group's card follows its members
            return
        item = self.claim_items.get(claim_id)
        if item is not None and claim_id in self._cards.rects:
            r = item.scene_rect()
            self._cards.move(claim_id, (r.left(), r.top(), r.right(), r.bottom()))

    def routing_input(
        self, whole_map: bool = False
    ) -> tuple[list[routing.Arrow], dict[str, routing.Rect]]:
        """The shown cards (and collapsed groups) and arrows, as `routing.route_map` takes them:
        the arrows made, or with `whole_map` every relation's (a lazy canvas's unmade ones
        too, for the worker process that routes a big map)."""
        rects = self.shown_rects()
        arrows = []
        model = self.model
        claims, folded = model.claims, self.folded_into
        if whole_map:
            relations: Iterable[Relation] = model.relations.values()
            attacked: Container[str] = model.relations
        else:
            relations = (item.relation for item in self.relation_items.values())
            attacked = self.relation_items
        hidden = self.hidden_in
        arrow = routing.Arrow
        for r in relations:
            rid, s, t = r.id, r.source, r.target
            if s not in claims or s in folded:  # no card to start from
                continue
            group = hidden.get(s)  # `anchor_key`, inline: 30,000 arrows on a big map
            source = s if group is None else f"group:{group.group.id}"
            if t in attacked:
                arrows.append(arrow(rid, source, t, True))
                continue
            if t not in claims or t in folded:
                continue
            group = hidden.get(t)
            target = t if group is None else f"group:{group.group.id}"
            if target == source:
                continue
            linked = r.link is not None and len(self.linked_sources(r)) > 1
            link = (r.link, r.target) if linked else None
            arrows.append(arrow(rid, source, target, False, link))
        return arrows, rects

    # -- routes made in a worker process (`BackgroundRouting`) -----------------------------

    def keep_route(self, relation_id: str, packed: PackedRoute) -> None:
        self.map_routes[relation_id] = packed
        self._outlines.pop(relation_id, None)

    def drop_route(self, relation_id: str) -> None:
        self.map_routes.pop(relation_id, None)
        self._outlines.pop(relation_id, None)

    def drop_routes(self) -> None:
        self.map_routes.clear()
        self._outlines.clear()

    def kept_route(self, relation_id: str) -> routing.Route | None:
        """The kept route of an arrow item being routed: while it is being made (`making`);
        else it is routed for a change, and the kept route, stale now, is dropped."""
        if not self.making:
            self.drop_route(relation_id)
            return None
        packed = self.map_routes.get(relation_id)
        if packed is None:
            return None
        self.taken.add(relation_id)
        return unpack(packed)

    def route_outline(self, relation_id: str) -> QPolygonF | None:
        """A kept route as a polyline through its corners (what the overview draws)."""
        found = self._outlines.get(relation_id)
        if found is None:
            packed = self.map_routes.get(relation_id)
            if packed is None:
                return None
            found = QPolygonF()
            QDataStream(QByteArray(packed.outline)) >> found
            self._outlines[relation_id] = found
        return found

    def drawn_middle(self, relation_id: str) -> routing.Point | None:
        """Where undercuts of an arrow aim: the middle of its item, or of its kept route."""
        item = self.relation_items.get(relation_id)
        if item is not None:
            mid = item.midpoint()
            return (mid.x(), mid.y())
        packed = self.map_routes.get(relation_id)
        return unpack(packed).midpoint() if packed is not None else None

    def shown_rects(self) -> dict[str, routing.Rect]:
        """Each shown card's rect, and each collapsed group's (keyed as `anchor_key` says)."""
        rects: dict[str, routing.Rect] = {}
        items, hidden, folded = self.claim_items, self.hidden_in, self.folded_into
        for cid, item in items.items():
            if item.isVisible() and cid not in hidden and cid not in folded:
                r = item.scene_rect()
                rects[cid] = (r.left(), r.top(), r.right(), r.bottom())
        if self.lazy:  # the cards not made yet, where the model puts them
            box = self.estimated_box
            for cid, claim in self.model.claims.items():
                if cid not in items and cid not in hidden and cid not in folded:
                    rects[cid] = box(claim)
        for gid, group in self.group_items.items():
            hides = any(self.hidden_in.get(c) is group for c in group.group.claims)
            if group.group.collapsed and hides:
                r = group.collapsed_rect()
                rects[f"group:{gid}"] = (r.left(), r.top(), r.right(), r.bottom())
        return rects

    def shown_cards(self) -> list[tuple[str, QRectF]]:
        """Every shown card and its rect: the items', and in lazy mode the model's for claims
        without an item yet."""
        out = [
            (cid, item.scene_rect()) for cid, item in self.claim_items.items() if item.isVisible()
        ]
        if self.lazy:
            items, hidden, folded = self.claim_items, self.hidden_in, self.folded_into
            estimated = self.estimated_rect
            for cid, claim in self.model.claims.items():
                if cid not in items and cid not in hidden and cid not in folded:
                    out.append((cid, estimated(claim)))
        return out

    def cards_bounds(self) -> QRectF:
        """The rectangle around every shown card (`shown_cards`; empty without cards); kept
        until a card is added, removed, hidden, shown, resized or moved (`forget_bounds`):
        the minimap asks for it several times while a window opens."""
        if self._bounds is None:
            self._bounds = self._cards_bounds()
        return QRectF(self._bounds)

    def forget_bounds(self) -> None:
        self._bounds = None

    def _cards_bounds(self) -> QRectF:
        left = top = math.inf
        right = bottom = -math.inf
        for _, r in self.shown_cards():
            left, top = min(left, r.left()), min(top, r.top())
            right, bottom = max(right, r.right()), max(bottom, r.bottom())
        return QRectF(left, top, right - left, bottom - top) if left <= right else QRectF()

    def centre_finder(self) -> Callable[[str], QPointF | None]:
        """`anchor_rect(cid).center()` for many claims at once (the overview's thousands of
        lines): a made card's position, else the model's, without making rectangles."""
        claims, items = self.model.claims, self.claim_items
        hidden, folded = self.hidden_in, self.folded_into

        def centre(cid: str) -> QPointF | None:
            if cid in folded:
                return None
            group = hidden.get(cid)
            if group is not None:
                return group.collapsed_rect().center()
            item = items.get(cid)
            if item is not None:
                return item.pos()  # a card is centred on its position
            claim = claims.get(cid)
            return QPointF(claim.x, claim.y) if claim is not None else None

        return centre
