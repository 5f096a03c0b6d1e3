"""Automatic layered layout: conclusions on one side, their premises in layers beneath.

`layered_layout(map)` returns new card centres; the app wraps them in one `MoveClaims` edit
(one undo step), and imports without positions call it before the map is shown. Pure Python
plus igraph, no Qt.

How it works (see docs/layout.md for the measurements behind the choices):

1. **Graph.** One node per claim being laid out (the claims asked for, minus pinned ones);
   one edge per relation from its conclusion to its premise, so conclusions come first.
   An undercut (an attack on a relation) is not an edge of the map's graph; here it becomes
   an edge from the undercut relation's conclusion to the undercutting claim, so the
   undercutter sits in the layer of the premises it argues about, next to them.
2. **Layers.** Per weakly connected component: cycles (mutual attacks, support circles) are
   broken by reversing an approximate minimum feedback arc set (igraph, Eades–Lin–Smyth),
   restricted to edges inside strongly connected components so that no edge outside a cycle
   ever points upward; then network-simplex layers (least total edge length; longest path
   on big components), theses that argue for nothing else on top.
3. **Order.** Long edges get dummy nodes (while there are at most DUMMY_BUDGET of them),
   then Graphviz dot's crossing minimisation from several starting orders
   (argmap.analysis.ordering; our own code: igraph's Sugiyama sweep gives a node without
   neighbours on the sweep's side the position of an unrelated node, which scatters leaves).
   **Coordinates.** Brandes–Köpf (argmap.analysis.placement), long edges' end cards aligned
   over their dummy chains. Long arrows are drawn straight from card to card, not through
   their dummies, so the best few orders are each placed in Brandes–Köpf's five ways and the
   drawing with the fewest drawn crossings (plus straight arrows over cards) is kept.
4. **Components** are packed side by side, larger first, in shelves about 1.6 times wider
   than tall.
5. **Placement.** The block's top-left corner goes where the top-left corner of the laid-out
   claims was. Claims that stay (pinned, or not asked for) are obstacles: moved cards are
   visited along each layer and pushed further along it until they clear every obstacle
   and every card already placed by half a gap. The result never overlaps.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

from argmap.analysis import layering, ordering, placement
from argmap.analysis.geometry import (
    Point,
    Size,
    estimated_card_size,
    overlaps,
    rects_overlap,
    segment_hits_rect,
)
from argmap.analysis.routing import cells_along, fold_chain
from argmap.model.errors import ModelError
from argmap.model.gcpause import gc_paused
from argmap.model.map import ArgumentMap
from argmap.model.types import ClaimKind, Relation

Direction = Literal["TB", "BT", "LR", "RL"]
DIRECTIONS: tuple[str, ...] = ("TB", "BT", "LR", "RL")
SHELF_ASPECT = 1.6  # width : height of the area the components are packed into
DUMMY_BUDGET = 30_000  # long edges get dummy nodes for ordering while there are this few
DUMMY_WIDTH = 20.0  # room a long edge takes where it passes a layer
UNDERCUT_TRIAL_LIMIT = 1_500  # claims per component up to which both cluster choices are tried
SMALL_MAP = 3_000  # nodes (dummies included) up to which the ordering gets its full budget
BIG_MAP_BUDGET = 250_000  # the ordering's work on bigger maps (README: tree-like 1,000 in 0.15 s)
# ... and on those whose long edges are left out of the ordering (past DUMMY_BUDGET): more work
# there did not reliably draw fewer crossings (tree-like 5,000, seed 3: 127,356 -> 127,510).
PARTIAL_MAP_BUDGET = 150_000
BK_LIMIT = 15_000  # nodes (dummies included) up to which Brandes–Köpf places the cards
PLACEMENT_ROUNDS = 4  # down-and-up passes pulling each card over its neighbours
DRAWN_CANDIDATES = 4  # orders placed and counted as drawn, on maps up to SMALL_MAP nodes
DRAWN_CHOICE_LIMIT = 8_000  # nodes (dummies included) up to which drawings are counted
DRAWN_CHOICE_RELATIONS = 2_000  # and relations (counting costs more with more crossings)

__all__ = [
    "DIRECTIONS",
    "arrows_through_cards",
    "count_crossings",
    "layered_layout",
    "needs_layout",
    "overlaps",
    "rects_overlap",
]

# Layout frame: u runs along a layer, v across layers (v = 0 at the conclusions). These map a
# frame point to canvas coordinates (y grows downwards) and back; all are isometries, so
# rectangles stay rectangles, with width and height swapped for LR and RL.
_TO_XY: dict[str, Callable[[float, float], Point]] = {
    "TB": lambda u, v: (u, v),  # conclusions on top, arrows point up
    "BT": lambda u, v: (u, -v),  # conclusions at the bottom, arrows point down
    "LR": lambda u, v: (-v, u),  # premises left, conclusions right: arrows run left to right
    "RL": lambda u, v: (v, u),  # conclusions left, premises to their right
}
_FROM_XY: dict[str, Callable[[float, float], Point]] = {
    "TB": lambda x, y: (x, y),
    "BT": lambda x, y: (x, -y),
    "LR": lambda x, y: (y, -x),
    "RL": lambda x, y: (y, x),
}


def needs_layout(m: ArgumentMap) -> bool:
    """Whether a map arrived without positions: two or more claims, all at one point.

    Formats without geometry (Argdown, plain GraphML, CSV) put every claim at (0, 0);
    such a map is laid out before it is shown.
    """
    positions = {c.pos for c in m.claims.values()}
    return len(m.claims) > 1 and len(positions) == 1


def layered_layout(
    m: ArgumentMap,
    *,
    direction: str = "TB",
    claim_ids: Iterable[str] | None = None,
    sizes: Mapping[str, Size] | None = None,
    spacing: tuple[float, float] = (60.0, 80.0),
    move_pinned: bool = False,
    keep_groups: bool = False,
) -> dict[str, Point]:
    """New card centres for the claims in `claim_ids` (default all), pinned claims excepted
    (unless `move_pinned`: then pins are ignored, as `argmap layout` does by default).

    `keep_groups`: each group (section) gets an interval of its own along the layers, so
    group frames never overlap each other or a card of no group (a claim in several groups
    goes in the first by id). Off by default: on maps whose groups span several components
    it costs many crossings (docs/layout.md).

    `direction`: "TB" conclusions on top and premises below (arrows point up), "BT" the
    reverse, "LR" premises on the left and conclusions on the right (arrows run left to
    right), "RL" conclusions on the left. `spacing` is (gap between neighbours in a layer,
    gap between layers) in pixels. `sizes` maps claim id to (width, height); missing ones are
    estimated from the text. Only claims that move are in the result; every other claim keeps
    its place and no moved card overlaps any card.

    >>> from argmap.model import Claim, Relation, build_map
    >>> m = build_map([Claim("t", "Thesis"), Claim("p", "Premise")], [Relation("r", "p", "t")])
    >>> pos = layered_layout(m)
    >>> pos["t"][1] < pos["p"][1]
    True
    """
    if direction not in _TO_XY:
        raise ModelError(f"unknown layout direction {direction!r} (use {', '.join(DIRECTIONS)})")
    gap_u, gap_v = (float(spacing[0]), float(spacing[1]))
    if gap_u < 0 or gap_v < 0:
        raise ModelError(f"layout spacing {spacing!r} must not be negative")
    claims = m.claims
    wanted = list(claims) if claim_ids is None else list(dict.fromkeys(claim_ids))
    for cid in wanted:
        if cid not in claims:
            raise ModelError(f"no claim with id {cid!r} to lay out")
    free = [cid for cid in wanted if move_pinned or not claims[cid].pinned]
    if not free:
        return {}
    given = sizes or {}
    if keep_groups:
        boxes = _group_boxes(m, free)
        if boxes:
            return _grouped_layout(m, free, boxes, direction, given, spacing)

    def size_of(cid: str) -> Size:
        s = given.get(cid)
        return (float(s[0]), float(s[1])) if s is not None else estimated_card_size(claims[cid])

    all_sizes = {cid: size_of(cid) for cid in claims}
    swap = direction in ("LR", "RL")
    frame_size = {cid: ((h, w) if swap else (w, h)) for cid, (w, h) in all_sizes.items()}

    index = {cid: i for i, cid in enumerate(free)}
    edges = _layering_edges(m, index)
    order = {rid: i for i, rid in enumerate(m.relations)}  # each component reads its own
    with gc_paused():
        blocks = [
            _layout_component(comp, edges_of, free, frame_size, m, gap_u, gap_v, order)
            for comp, edges_of in _components(len(free), edges)
        ]
    frame = _pack(blocks, gap_u, gap_v, SHELF_ASPECT if not swap else 1 / SHELF_ASPECT)

    # Anchor: the new block's top-left corner where the old one was (in canvas coordinates).
    to_xy = _TO_XY[direction]
    new_xy = {cid: to_xy(u, v) for cid, (u, v) in frame.items()}
    old = {cid: claims[cid].pos for cid in free}
    return _settle(m, free, old, new_xy, direction, frame_size.__getitem__, spacing)


# -- groups as boxes ------------------------------------------------------------------------

GROUP_MARGIN = 18.0  # the canvas frames a group this far around its cards (items/group_item.py)
GROUP_HEADER = 26.0  # and adds a header above them


def _group_boxes(m: ArgumentMap, free: list[str]) -> dict[str, list[str]]:
    """The laid-out claims of each group with any (each claim in its first group by id)."""
    free_set = set(free)
    taken: set[str] = set()
    boxes: dict[str, list[str]] = {}
    for gid in sorted(m.groups):
        members = [c for c in m.groups[gid].claims if c in free_set and c not in taken]
        if members:
            taken.update(members)
            boxes[gid] = members
    return boxes


def _grouped_layout(
    m: ArgumentMap,
    free: list[str],
    boxes: dict[str, list[str]],
    direction: str,
    sizes: Mapping[str, Size],
    spacing: tuple[float, float],
) -> dict[str, Point]:
    """The plain layered layout, then every group made a column of its own, as dot draws
    clusters: rows (layers) stay, each row's cards are ordered by their group's place (the
    mean position of its cards) and then as before, and each group gets an interval along the
    rows as wide as its widest row plus its frame, so no frame overlaps another or a card.
    Runs of claims in no group between two groups share an interval without a frame."""
    claims = m.claims
    gap_u = float(spacing[0])
    options = {"direction": direction, "sizes": sizes, "spacing": spacing}
    flat = layered_layout(m, claim_ids=free, move_pinned=True, **options)
    to_xy, from_xy = _TO_XY[direction], _FROM_XY[direction]
    swap = direction in ("LR", "RL")

    def frame_size(cid: str) -> Size:
        s = sizes.get(cid)
        w, h = (float(s[0]), float(s[1])) if s is not None else estimated_card_size(claims[cid])
        return (h, w) if swap else (w, h)

    uv = {cid: from_xy(*flat[cid]) for cid in free}
    group_of = {c: gid for gid, members in boxes.items() for c in members}
    best: tuple[int, dict[str, Point]] | None = None
    # Where a group goes along the rows: its cards' mean, median or leftmost place (the one
    # with the fewest crossings wins).
    rules = (
        lambda us: sum(us) / len(us),
        lambda us: sorted(us)[len(us) // 2],
        min,
    )
    for rule in rules:
        centre = {gid: rule([uv[c][0] for c in ms]) for gid, ms in boxes.items()}
        placed = _columns(boxes, free, uv, group_of, centre, frame_size, gap_u, swap)
        xy = {cid: to_xy(u, v) for cid, (u, v) in placed.items()}
        crossings = count_crossings(m, xy, only=_relations_among(m, set(free)))
        if best is None or crossings < best[0]:
            best = (crossings, xy)
    assert best is not None
    out = best[1]
    return _settle(m, free, flat, out, direction, frame_size, spacing)


def _relations_among(m: ArgumentMap, ids: set[str]) -> list[str]:
    return [
        r.id
        for r in m.relations_in_order()
        if r.source in ids and (r.target in ids or r.target in m.relations)
    ]


def _columns(
    boxes: dict[str, list[str]],
    free: list[str],
    uv: dict[str, Point],
    group_of: dict[str, str],
    centre: dict[str, float],
    frame_size: Callable[[str], Size],
    gap_u: float,
    swap: bool,
) -> dict[str, Point]:
    """Cards placed along their rows, each unit (a group, or a run of loose claims between
    groups) in an interval of its own, units in the order of `centre`."""
    order = sorted(
        [(centre[gid], 0, gid) for gid in boxes]
        + [(uv[c][0], 1, c) for c in free if c not in group_of]
    )
    unit_of: dict[str, str] = {}
    units: list[tuple[str, bool]] = []  # (key, framed)
    for _, loose, key in order:
        if not loose:
            units.append((key, True))
            for c in boxes[key]:
                unit_of[c] = key
        else:
            if not units or units[-1][1]:
                units.append((f"__loose:{len(units)}", False))
            unit_of[key] = units[-1][0]
    # Rows: cards whose extents across the layers overlap (one layer, or layers of packed
    # components that happen to share a height) are placed along one row, never on top of
    # each other.
    rows: dict[int, dict[str, list[str]]] = {}
    band, band_end = -1, float("-inf")
    for low, high, cid in sorted(
        (uv[c][1] - frame_size(c)[1] / 2, uv[c][1] + frame_size(c)[1] / 2, c) for c in free
    ):
        if low >= band_end - 1e-9:
            band += 1
        band_end = max(band_end, high) if low < band_end - 1e-9 else high
        rows.setdefault(band, {}).setdefault(unit_of[cid], []).append(cid)
    width: dict[str, float] = {}
    for row in rows.values():
        for key, members in row.items():
            members.sort(key=lambda c: uv[c][0])
            w = sum(frame_size(c)[0] for c in members) + gap_u * (len(members) - 1)
            width[key] = max(width.get(key, 0.0), w)
    margin = GROUP_MARGIN if not swap else GROUP_MARGIN + GROUP_HEADER / 2
    out_uv: dict[str, Point] = {}
    cursor = 0.0
    for key, framed in units:
        pad = margin if framed else 0.0
        mid = cursor + pad + width[key] / 2
        for row in rows.values():
            members = row.get(key)
            if not members:
                continue
            w = sum(frame_size(c)[0] for c in members) + gap_u * (len(members) - 1)
            u = mid - w / 2
            for c in members:
                cw = frame_size(c)[0]
                out_uv[c] = (u + cw / 2, uv[c][1])
                u += cw + gap_u
        cursor += width[key] + 2 * pad + gap_u
    return out_uv


def _settle(
    m: ArgumentMap,
    free: list[str],
    anchor: Mapping[str, Point],
    out: dict[str, Point],
    direction: str,
    frame_size: Callable[[str], Size],
    spacing: tuple[float, float],
) -> dict[str, Point]:
    """The laid-out block moved so its top-left corner is where the cards at `anchor` had
    theirs, then cleared of the claims that stay put (pinned, or not laid out)."""
    claims = m.claims
    gap_u, gap_v = float(spacing[0]), float(spacing[1])
    to_xy, from_xy = _TO_XY[direction], _FROM_XY[direction]
    swap = direction in ("LR", "RL")
    all_sizes = {cid: frame_size(cid) for cid in claims}
    canvas_sizes = {c: ((h, w) if swap else (w, h)) for c, (w, h) in all_sizes.items()}
    old_box = _box((anchor[c], canvas_sizes[c]) for c in free)
    new_box = _box((out[c], canvas_sizes[c]) for c in free)
    dx, dy = round(old_box[0] - new_box[0]), round(old_box[1] - new_box[1])
    out = {cid: (x + dx, y + dy) for cid, (x, y) in out.items()}
    free_set = set(free)
    fixed = [cid for cid in claims if cid not in free_set]
    if fixed:
        frame = {cid: from_xy(x, y) for cid, (x, y) in out.items()}
        obstacles = [(from_xy(*claims[c].pos), all_sizes[c]) for c in fixed]
        frame = _clear_obstacles(frame, all_sizes, obstacles, gap_u / 2 + 1, gap_v / 2 + 1)
        out = {cid: to_xy(u, v) for cid, (u, v) in frame.items()}
    return {cid: out[cid] for cid in free}


# -- graph --------------------------------------------------------------------------------


def _layering_edges(m: ArgumentMap, index: Mapping[str, int]) -> list[tuple[int, int]]:
    """Edges conclusion → premise between laid-out claims, without loops or duplicates."""
    out: dict[tuple[int, int], None] = {}
    final = m.final_claims()
    for r in m.relations.values():
        target = final.get(r.id)
        if target is None or r.source == target:
            continue
        a, b = index.get(target), index.get(r.source)
        if a is not None and b is not None:
            out[(a, b)] = None
    return list(out)


def _components(
    n: int, edges: list[tuple[int, int]]
) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """Weakly connected components (node lists in input order) with their edges."""
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    nodes: dict[int, list[int]] = {}
    for v in range(n):
        nodes.setdefault(find(v), []).append(v)
    comp_edges: dict[int, list[tuple[int, int]]] = {root: [] for root in nodes}
    for a, b in edges:
        comp_edges[find(a)].append((a, b))
    return [(nodes[root], comp_edges[root]) for root in nodes]


def _layers(
    n: int, edges: list[tuple[int, int]], is_thesis: list[bool]
) -> tuple[list[int], list[tuple[int, int]]]:
    """A layer per node (0 = conclusions) and the edges with cycles broken (each pointing
    down): ranks of least total edge length (network simplex), theses raised to the top."""
    acyclic = layering.acyclic_edges(n, edges)
    layer = layering.ranks(n, acyclic)
    has_parent = [False] * n
    for _, b in acyclic:
        has_parent[b] = True
    for v in range(n):
        if is_thesis[v] and not has_parent[v]:
            layer[v] = 0
    return layer, acyclic


def _layout_component(
    nodes: list[int],
    edges: list[tuple[int, int]],
    free: list[str],
    frame_size: Mapping[str, Size],
    m: ArgumentMap,
    gap_u: float,
    gap_v: float,
    order: Mapping[str, int],
) -> tuple[dict[str, Point], Size]:
    """Frame positions for one component, its bounding box from (0, 0), and the box's size.
    `order`: each relation's place in the map, so a component visits only its own relations
    (in that order) instead of all the map's (quadratic on maps of many components)."""
    ids = [free[v] for v in nodes]
    if len(nodes) == 1:
        su, sv = frame_size[ids[0]]
        return {ids[0]: (su / 2, sv / 2)}, (su, sv)
    local = {v: i for i, v in enumerate(nodes)}
    local_edges = [(local[a], local[b]) for a, b in edges]
    is_thesis = [m.claims[cid].kind is ClaimKind.THESIS for cid in ids]
    layer, acyclic = _layers(len(nodes), local_edges, is_thesis)
    heights = [frame_size[cid][1] for cid in ids]
    widths = [frame_size[cid][0] for cid in ids]
    own = sorted((r for cid in ids for r in m.relations_out_of(cid)), key=lambda r: order[r.id])
    clusters = _link_clusters(own, ids, m, undercuts=True)
    plain = _link_clusters(own, ids, m, undercuts=False)
    orders = _order(len(nodes), layer, acyclic, clusters)
    if plain != clusters and len(nodes) <= UNDERCUT_TRIAL_LIMIT:
        # Undercutters next to the premise they argue about usually cross least, but not
        # always (the seed map: 15 against 12): lay out both ways, keep the better drawing.
        orders += _order(len(nodes), layer, acyclic, plain)
    rels = [r.id for r in own]
    card_sizes = {cid: frame_size[cid] for cid in ids}
    n_all = orders[0][3]
    # Counting drawn crossings is quadratic where many lines overlap (a long chain of
    # undercuts between two cards: 100,000 of them would take hours): big ones take the
    # first order as placed.
    if n_all > DRAWN_CHOICE_LIMIT or len(rels) > DRAWN_CHOICE_RELATIONS:
        rows, lay, proper, n_all = orders[0]
        w = widths + [DUMMY_WIDTH] * (n_all - len(nodes))
        above, below = _neighbours(n_all, lay, proper)
        if n_all <= BK_LIMIT:
            across = placement.place(rows, above, below, w, gap_u, len(nodes))
        else:
            across = _place(rows, lay, proper, w, gap_u, len(nodes))
        pos, extent = _frame_positions(ids, lay, across, widths, heights, gap_v)
    else:
        # Long edges are drawn straight from card to card, not through the dummy nodes the
        # ordering counted on, so each candidate order and each of Brandes–Köpf's packings
        # crosses differently once drawn: count the drawn crossings and the straight arrows
        # over cards, keep the fewest of both together (ties: fewer crossings, then the
        # earlier, so the balanced placement of the best order wins them).
        best: tuple[tuple[int, int], dict[str, Point], Size] | None = None
        for rows, lay, proper, n_all in orders:
            w = widths + [DUMMY_WIDTH] * (n_all - len(nodes))
            above, below = _neighbours(n_all, lay, proper)
            for across in placement.place_variants(rows, above, below, w, gap_u, len(nodes)):
                pos, extent = _frame_positions(ids, lay, across, widths, heights, gap_v)
                crossings = count_crossings(m, pos, rels)
                through = (
                    len(arrows_through_cards(m, pos, card_sizes, only=rels))
                    if n_all <= SMALL_MAP
                    else 0  # big maps: crossings only (time)
                )
                score = (crossings + through, crossings)
                if best is None or score < best[0]:
                    best = (score, pos, extent)
                if score == (0, 0):
                    break
            if best is not None and best[0] == (0, 0):
                break
        assert best is not None
        _, pos, extent = best
    return pos, extent


def _frame_positions(
    ids: list[str],
    layer: list[int],
    across: list[float],
    widths: list[float],
    heights: list[float],
    gap_v: float,
) -> tuple[dict[str, Point], Size]:
    """Frame positions of a component's cards from their places along the layers (a layer
    as tall as its tallest card), shifted so the block starts at u = 0, and the block's size."""
    depth = max(layer[: len(ids)]) + 1
    band = [0.0] * depth
    for i in range(len(ids)):
        band[layer[i]] = max(band[layer[i]], heights[i])
    top = [0.0] * depth
    for k in range(1, depth):
        top[k] = top[k - 1] + band[k - 1] + gap_v
    left = min(across[i] - widths[i] / 2 for i in range(len(ids)))
    right = max(across[i] + widths[i] / 2 for i in range(len(ids)))
    pos = {cid: (across[i] - left, top[layer[i]] + band[layer[i]] / 2) for i, cid in enumerate(ids)}
    return pos, (right - left, top[-1] + band[-1])


def _neighbours(
    n: int, layer: list[int], edges: list[tuple[int, int]]
) -> tuple[list[list[int]], list[list[int]]]:
    """Each node's neighbours in layers above and in layers below (same-layer ones dropped)."""
    above: list[list[int]] = [[] for _ in range(n)]
    below: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges:
        if layer[a] < layer[b]:
            below[a].append(b)
            above[b].append(a)
        elif layer[b] < layer[a]:
            below[b].append(a)
            above[a].append(b)
    return above, below


def _link_clusters(
    relations: list[Relation], ids: list[str], m: ArgumentMap, undercuts: bool
) -> list[object | None]:
    """A cluster key per node: linked premises of one inference share one, so the ordering
    keeps them side by side under their conclusion; an undercutter joins the cluster of the
    premise whose inference it attacks, so its arrow to that inference's middle is short and
    crosses nothing (27 of 29 crossings on a generated 500-claim Argdown map, before)."""
    where = {cid: i for i, cid in enumerate(ids)}
    out: list[object | None] = [None] * len(ids)
    for r in relations:  # the relations out of these claims, in the map's order
        if r.link is not None and r.source in where and out[where[r.source]] is None:
            out[where[r.source]] = (r.target, r.link)
    for r in relations if undercuts else ():
        attacked = m.relations.get(r.target)
        if attacked is None or r.source not in where or attacked.source not in where:
            continue
        premise, undercutter = where[attacked.source], where[r.source]
        if out[undercutter] is not None or premise == undercutter:
            continue
        if out[premise] is None:
            out[premise] = ("undercut", attacked.source)
        out[undercutter] = out[premise]
    return out


def _order(
    n: int,
    layer: list[int],
    edges: list[tuple[int, int]],
    clusters: list[object | None],
) -> list[tuple[list[list[int]], list[int], list[tuple[int, int]], int]]:
    """The nodes of each layer in orders with few crossings (argmap.analysis.ordering), the
    best first.

    Long edges pass through a chain of dummy nodes, one per layer they cross, while there
    are at most DUMMY_BUDGET of them; past that (tangled maps of thousands of claims) long
    edges are left out of the ordering. Returns the rows (dummies included, so placement
    can keep long edges straight), the layers and edges of that proper graph, and its size.
    """
    long_total = sum(layer[b] - layer[a] - 1 for a, b in edges if layer[b] - layer[a] > 1)
    layer = list(layer)
    proper: list[tuple[int, int]] = []
    n_all = n
    split = long_total <= DUMMY_BUDGET
    for a, b in edges:
        if layer[b] - layer[a] == 1:
            proper.append((a, b))
        elif split:
            prev = a
            for k in range(layer[a] + 1, layer[b]):
                layer.append(k)
                proper.append((prev, n_all))
                prev = n_all
                n_all += 1
            proper.append((prev, b))
    up: list[list[int]] = [[] for _ in range(n_all)]
    down: list[list[int]] = [[] for _ in range(n_all)]
    for a, b in proper:
        down[a].append(b)
        up[b].append(a)
    depth = max(layer) + 1
    rows: list[list[int]] = [[] for _ in range(depth)]
    for v in range(n_all):
        rows[layer[v]].append(v)
    cluster = clusters + [None] * (n_all - n) if any(c is not None for c in clusters) else None
    if n_all <= SMALL_MAP:
        budget = ordering.WORK_BUDGET
    else:
        budget = BIG_MAP_BUDGET if split else PARTIAL_MAP_BUDGET
    found = ordering.candidate_orders(rows, up, down, cluster, budget)
    keep = DRAWN_CANDIDATES if n_all <= SMALL_MAP else 1
    return [(rws, layer, proper, n_all) for _, rws in found[:keep]]


def _place(
    rows: list[list[int]],
    layer: list[int],
    edges: list[tuple[int, int]],
    widths: list[float],
    gap: float,
    n_real: int,
) -> list[float]:
    """A position along the layer for every node: each layer keeps its order and its gaps,
    and each card sits as near as it can to the mean position of its neighbours.

    Rounds of passes down (towards neighbours above) and up (towards neighbours below); in
    each pass a layer is placed by isotonic regression (pool adjacent violators), the
    least-squares placement that respects the order and the gaps, in linear time. Dummy
    nodes (where a long edge passes a layer, index >= n_real) aim at the straight line
    between the edge's two cards, so the drawn line follows the path the ordering counted
    its crossings on; they need only a third of the gap.
    """
    n = len(layer)
    above, below = _neighbours(n, layer, edges)
    guide: dict[int, tuple[int, int, float]] = {}
    for d in range(n_real, n):
        if d in guide:
            continue
        chain = [d]
        top = above[d][0]
        while top >= n_real:
            chain.append(top)
            top = above[top][0]
        bottom = below[d][0]
        while bottom >= n_real:
            chain.append(bottom)
            bottom = below[bottom][0]
        span = layer[bottom] - layer[top]
        for c in chain:
            guide[c] = (top, bottom, (layer[c] - layer[top]) / span)
    x = [0.0] * n
    for row in rows:  # start packed from 0
        for v, off in zip(row, _offsets(row, widths, gap, n_real), strict=True):
            x[v] = off
    depth = len(rows)
    for _ in range(PLACEMENT_ROUNDS):
        for downwards in (True, False):
            sequence = range(1, depth) if downwards else range(depth - 2, -1, -1)
            side = above if downwards else below
            for k in sequence:
                _fit_row(rows[k], side, x, widths, gap, n_real, guide)
    return x


def _offsets(row: list[int], widths: list[float], gap: float, n_real: int) -> list[float]:
    """Each node's least distance from the row's first node, in order, gaps kept."""
    out = []
    off = 0.0
    prev = -1
    for v in row:
        if prev >= 0:
            g = gap if v < n_real and prev < n_real else gap / 3
            off += (widths[prev] + widths[v]) / 2 + g
        out.append(off)
        prev = v
    return out


def _fit_row(
    row: list[int],
    side: list[list[int]],
    x: list[float],
    widths: list[float],
    gap: float,
    n_real: int,
    guide: Mapping[int, tuple[int, int, float]],
) -> None:
    """Place one layer in order, gaps kept, nearest (least squares) to its neighbours' mean;
    a card without neighbours on that side weighs little and stays near where it is."""
    offsets = _offsets(row, widths, gap, n_real)
    # Blocks of the pool-adjacent-violators algorithm: [weighted sum, weight, count].
    blocks: list[list[float]] = []
    for i, v in enumerate(row):
        if v >= n_real:
            top, bottom, f = guide[v]
            target, weight = x[top] + (x[bottom] - x[top]) * f, 2.0
        else:
            nbrs = side[v]
            if nbrs:
                target, weight = sum(x[w] for w in nbrs) / len(nbrs), float(len(nbrs))
            else:
                target, weight = x[v], 0.01
        blocks.append([(target - offsets[i]) * weight, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, w, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += w
            blocks[-1][2] += c
    i = 0
    for s, w, c in blocks:
        y = s / w
        for _ in range(int(c)):
            x[row[i]] = y + offsets[i]
            i += 1


def _pack(
    blocks: list[tuple[dict[str, Point], Size]], gap_u: float, gap_v: float, aspect: float
) -> dict[str, Point]:
    """Components side by side along the layers, larger first, in shelves of about
    `aspect` (u : v); each shelf starts below the tallest block of the previous one."""
    if not blocks:
        return {}
    order = sorted(range(len(blocks)), key=lambda i: (-len(blocks[i][0]), i))
    extents = [extent for _, extent in blocks]
    sep_u, sep_v = 2 * gap_u, 2 * gap_v
    area = sum((w + sep_u) * (h + sep_v) for w, h in extents)
    shelf_limit = max(max(w for w, _ in extents), math.sqrt(area * aspect))
    out: dict[str, Point] = {}
    u = v = shelf_height = 0.0
    for i in order:
        w, h = extents[i]
        if u > 0 and u + w > shelf_limit:
            u, v, shelf_height = 0.0, v + shelf_height + sep_v, 0.0
        for cid, (pu, pv) in blocks[i][0].items():
            out[cid] = (pu + u, pv + v)
        u += w + sep_u
        shelf_height = max(shelf_height, h)
    return out


def _box(rects: Iterable[tuple[Point, Size]]) -> tuple[float, float, float, float]:
    left = top = math.inf
    right = bottom = -math.inf
    for (x, y), (w, h) in rects:
        left, top = min(left, x - w / 2), min(top, y - h / 2)
        right, bottom = max(right, x + w / 2), max(bottom, y + h / 2)
    return (left, top, right, bottom)


def _clear_obstacles(
    frame: dict[str, Point],
    frame_size: Mapping[str, Size],
    obstacles: list[tuple[Point, Size]],
    margin_u: float,
    margin_v: float,
) -> dict[str, Point]:
    """Push moved cards along their layer (+u) until each clears every obstacle and every
    card already placed by the margins. Visiting cards in u order keeps each layer's order."""
    cell = 2 * max(max(s) for s in frame_size.values()) + 2 * max(margin_u, margin_v)
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def cells(r: tuple[float, float, float, float]) -> Iterable[tuple[int, int]]:
        for i in range(math.floor(r[0] / cell), math.floor(r[1] / cell) + 1):
            for j in range(math.floor(r[2] / cell), math.floor(r[3] / cell) + 1):
                yield (i, j)

    def insert(r: tuple[float, float, float, float]) -> None:
        # Obstacles far larger than a card would fill many cells; cards are never that big.
        for key in cells(r):
            grid.setdefault(key, []).append(r)

    for (u, v), (su, sv) in obstacles:
        insert(
            (
                u - su / 2 - margin_u,
                u + su / 2 + margin_u,
                v - sv / 2 - margin_v,
                v + sv / 2 + margin_v,
            )
        )
    out: dict[str, Point] = {}
    for cid in sorted(frame, key=lambda c: (frame[c][0], frame[c][1], c)):
        u, v = frame[cid]
        su, sv = frame_size[cid]
        while True:
            r = (u - su / 2, u + su / 2, v - sv / 2, v + sv / 2)
            hit = -math.inf
            for key in cells(r):
                for o in grid.get(key, ()):
                    if o[0] < r[1] and r[0] < o[1] and o[2] < r[3] and r[2] < o[3]:
                        hit = max(hit, o[1])
            if hit == -math.inf:
                break
            u = math.ceil(hit + su / 2)
        out[cid] = (u, v)
        insert(
            (
                u - su / 2 - margin_u,
                u + su / 2 + margin_u,
                v - sv / 2 - margin_v,
                v + sv / 2 + margin_v,
            )
        )
    return out


# -- measurements -------------------------------------------------------------------------


def count_crossings(
    m: ArgumentMap,
    positions: Mapping[str, Point] | None = None,
    only: Iterable[str] | None = None,
) -> int:
    """How many pairs of relation lines cross, drawn straight between card centres.

    Positions default to the claims' own; an undercut is drawn to the midpoint of the
    relation it attacks. Lines that share a claim (or an undercut and its target) never
    count, nor do lines that only touch. Used to compare layouts in benchmarks/bench_layout.py.
    """
    wanted = list(m.relations) if only is None else list(only)
    ends = relation_segments(m, positions, wanted)
    segs = []
    for rid in wanted:
        r = m.relations[rid]
        seg = ends.get(rid)
        if seg is None:
            continue
        touching = {r.source, rid, r.target}
        (ax, ay), (bx, by) = seg
        segs.append((min(ax, bx), max(ax, bx), min(ay, by), max(ay, by), ax, ay, bx, by, touching))
    segs.sort(key=lambda s: s[0])
    count = 0
    for i, s in enumerate(segs):
        x0, x1, y0, y1, ax, ay, bx, by, touch = s
        for j in range(i + 1, len(segs)):
            t = segs[j]
            if t[0] > x1:
                break
            if t[2] > y1 or t[3] < y0 or not touch.isdisjoint(t[8]):
                continue
            cx, cy, dx, dy = t[4], t[5], t[6], t[7]
            d1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
            d2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax)
            if d1 * d2 >= 0:
                continue
            d3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx)
            d4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx)
            if d3 * d4 < 0:
                count += 1
    return count


def relation_segments(
    m: ArgumentMap,
    positions: Mapping[str, Point] | None = None,
    only: Iterable[str] | None = None,
) -> dict[str, tuple[Point, Point]]:
    """Each relation as the straight segment it is drawn as: from its source's centre to its
    target's centre, or for an undercut to the midpoint of the relation it attacks. `only`:
    just these relations (and the relations they undercut), so a layout can measure one
    component of a big map without walking all of it."""
    given = positions or {}
    claims = m.claims

    def where(cid: str) -> Point:
        p = given.get(cid)
        return p if p is not None else claims[cid].pos

    relations = m.relations
    ends: dict[str, tuple[Point, Point] | None] = {}

    def attacked(rid: str) -> str | None:
        target = relations[rid].target
        return target if target in relations else None

    def base(rid: str) -> tuple[Point, Point] | None:
        r = relations[rid]  # None: a dangling undercut, not drawn
        return (where(r.source), where(r.target)) if r.target in claims else None

    def step(rid: str, below: tuple[Point, Point] | None) -> tuple[Point, Point] | None:
        if below is None:
            return None
        (ax, ay), (bx, by) = below
        return (where(relations[rid].source), ((ax + bx) / 2, (ay + by) / 2))

    for rid in relations if only is None else only:
        r = relations[rid]
        if r.target in claims:  # most relations: no chain to walk
            ends[rid] = (where(r.source), where(r.target))
        else:
            fold_chain(rid, attacked, base, step, ends)
    return {rid: seg for rid, seg in ends.items() if seg is not None}


def arrows_through_cards(
    m: ArgumentMap,
    positions: Mapping[str, Point] | None = None,
    sizes: Mapping[str, Size] | None = None,
    paths: Mapping[str, list[Point]] | None = None,
    only: Iterable[str] | None = None,
) -> list[tuple[str, str]]:
    """(relation id, claim id) for every arrow that passes through a card it does not
    belong to: drawn straight (see `relation_segments`), or along `paths` (polylines by
    relation id) where given. Sizes default to the estimated card sizes. `only`: just these
    relations, and just the cards in `positions` as obstacles (one component being laid
    out, in its own frame)."""
    if only is not None and positions is not None:
        pos = dict(positions)
        wanted = list(only)
    else:
        pos = {cid: c.pos for cid, c in m.claims.items()}
        if positions:
            pos.update(positions)
        wanted = list(m.relations)
    given = sizes or {}
    size = {cid: given.get(cid) or estimated_card_size(m.claims[cid]) for cid in pos}
    cell = 400.0
    grid: dict[tuple[int, int], list[str]] = {}
    for cid, (x, y) in pos.items():
        w, h = size[cid]
        for i in range(math.floor((x - w / 2) / cell), math.floor((x + w / 2) / cell) + 1):
            for j in range(math.floor((y - h / 2) / cell), math.floor((y + h / 2) / cell) + 1):
                grid.setdefault((i, j), []).append(cid)
    segs = relation_segments(m, pos, wanted)
    found: list[tuple[str, str]] = []
    for rid in wanted:
        seg = segs.get(rid)
        if seg is None:
            continue
        # Its own cards: its ends; for an undercut its source and the ends of the attacked
        # arrow (a fixed few, as `routing.route_map` has them: chains stay linear).
        r = m.relations[rid]
        own = {r.source, r.target}
        if r.target in m.relations:
            attacked = m.relations[r.target]
            own.add(attacked.source)
            if attacked.target not in m.relations:
                own.add(attacked.target)
        line = paths[rid] if paths and rid in paths else list(seg)
        hit: set[str] = set()
        for a, b in zip(line, line[1:], strict=False):
            for key in cells_along(a, b, cell):
                for cid in grid.get(key, ()):
                    if cid in own or cid in hit:
                        continue
                    if segment_hits_rect(a, b, pos[cid], size[cid]):
                        hit.add(cid)
        found.extend((rid, cid) for cid in sorted(hit))
    return sorted(found)
