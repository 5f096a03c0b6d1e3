"""Coordinates along the layers: Brandes and Köpf's placement ("Fast and simple horizontal
coordinate assignment", Graph Drawing 2001), as the layered layout's last step.

Each node is aligned with the median of its neighbours in the layer above (or below) into
vertical blocks; long edges' dummy nodes are aligned first and never give way to a crossing
segment (type-1 conflicts), so a long edge is drawn as one straight vertical run. Blocks are
packed as tightly as the order and the gaps allow, in the four combinations of up/down and
left/right, and every node takes the mean of its two median candidates (the balanced layout
of the paper). Packing is a longest-path pass over the block graph instead of the paper's
classes and shifts (simpler, and correct where the published shift step is not: Brandes,
Walter and Zink, 2020); the balancing evens out its left or right bias. A last pass per layer
restores the gaps exactly, so no two cards ever overlap.
"""

from __future__ import annotations

from collections.abc import Sequence


def place(
    rows: list[list[int]],
    up: list[list[int]],
    down: list[list[int]],
    widths: Sequence[float],
    gap: float,
    n_real: int,
) -> list[float]:
    """A coordinate along the layer for every node (dummies are nodes >= n_real): the
    balanced mean of the four packings."""
    return place_variants(rows, up, down, widths, gap, n_real)[0]


def place_variants(
    rows: list[list[int]],
    up: list[list[int]],
    down: list[list[int]],
    widths: Sequence[float],
    gap: float,
    n_real: int,
) -> list[list[float]]:
    """The balanced placement first, then the four packings it is the mean of (up or down,
    left or right), each with the gaps kept: the layout draws long edges straight from card
    to card, which crosses other edges differently in each, so it may count and choose."""
    n = len(up)
    pos = [0] * n
    for row in rows:
        for i, v in enumerate(row):
            pos[v] = i

    def sep(a: int, b: int) -> float:
        g = gap if a < n_real and b < n_real else gap / 3
        return (widths[a] + widths[b]) / 2 + g

    marked = _type1_conflicts(rows, up, pos, n_real)
    candidates: list[list[float]] = []
    for vertical_down in (True, False):
        for left_to_right in (True, False):
            layers = rows if vertical_down else rows[::-1]
            layers = [r if left_to_right else r[::-1] for r in layers]
            neighbours = up if vertical_down else down
            order = [0] * n
            for row in layers:
                for i, v in enumerate(row):
                    order[v] = i
            root, align = _align(layers, neighbours, order, marked, vertical_down, n_real)
            x = _compact(layers, root, align, sep)
            if not left_to_right:
                x = [-c for c in x]
            candidates.append(x)
    # Shift every candidate so that its extent lines up with the narrowest one.
    extents = [(min(c), max(c)) for c in candidates]
    narrowest = min(range(4), key=lambda i: extents[i][1] - extents[i][0])
    lo, hi = extents[narrowest]
    for i, c in enumerate(candidates):
        # left-packed candidates align left edges, right-packed ones right edges
        d = lo - extents[i][0] if i in (0, 2) else hi - extents[i][1]
        candidates[i] = [v + d for v in c]
    out = [0.0] * n
    for v in range(n):
        xs = sorted(c[v] for c in candidates)
        out[v] = (xs[1] + xs[2]) / 2
    # Restore exact gaps: push right where the mean left two nodes too close.
    for row in rows:
        for i in range(1, len(row)):
            a, b = row[i - 1], row[i]
            need = out[a] + sep(a, b)
            if out[b] < need:
                out[b] = need
    return [out, *candidates]


def _type1_conflicts(
    rows: list[list[int]], up: list[list[int]], pos: list[int], n_real: int
) -> set[tuple[int, int]]:
    """Edges (upper, lower) that cross an inner segment (dummy to dummy): marked so that
    the alignment never prefers them over the straight run of a long edge."""
    marked: set[tuple[int, int]] = set()
    for k in range(1, len(rows) - 1):
        lower = rows[k + 1]
        k0 = 0
        scan = 0
        for l1, v in enumerate(lower):
            inner = next((u for u in up[v] if u >= n_real and v >= n_real), None)
            if l1 == len(lower) - 1 or inner is not None:
                k1 = pos[inner] if inner is not None else len(rows[k]) - 1
                while scan <= l1:
                    w = lower[scan]
                    for u in up[w]:
                        if pos[u] < k0 or pos[u] > k1:
                            if not (u >= n_real and w >= n_real):
                                marked.add((u, w))
                    scan += 1
                k0 = k1
    return marked


def _align(
    layers: list[list[int]],
    neighbours: list[list[int]],
    order: list[int],
    marked: set[tuple[int, int]],
    vertical_down: bool,
    n_real: int,
) -> tuple[list[int], list[int]]:
    """Vertical blocks: each node joined to a median neighbour in the previous layer.

    Long edges come first: a card at either end of a long edge is joined to the edge's
    dummy chain before any median is considered, so the card, the chain and (where the other
    end is free too) the other card form one straight vertical run. Between neighbouring
    layers only a long edge's straight line can cross differently from its dummy chain (short
    edges cross by order alone), so a long edge drawn straight over its chain crosses exactly
    what the ordering counted; a card pulled off its chain makes the straight arrow cut
    through other edges' places (tree-like maps: a third of all crossings).
    """
    n = len(order)
    root = list(range(n))
    align = list(range(n))

    taken = [False] * n  # u already joined to a node in the next layer

    def join(u: int, v: int) -> None:
        taken[u] = True
        align[u] = v
        root[v] = root[u]
        align[v] = root[v]

    for row in layers[1:]:
        # Phase 1: chain links (one end a dummy), left to right, never crossing each other.
        chosen: list[int] = [-1] * len(row)  # order of the upper partner, or -1
        r = -1
        for i, v in enumerate(row):
            nb = neighbours[v]
            links = [u for u in nb if u >= n_real or v >= n_real]
            if not links:
                continue
            links.sort(key=order.__getitem__)
            u = links[(len(links) - 1) // 2]
            edge = (u, v) if vertical_down else (v, u)
            if edge not in marked and r < order[u] and not taken[u]:
                join(u, v)
                chosen[i] = order[u]
                r = order[u]
        # Phase 2: medians for the rest, between the chain links on either side.
        limit = [1 << 60] * (len(row) + 1)
        for i in range(len(row) - 1, -1, -1):
            limit[i] = chosen[i] if chosen[i] >= 0 else limit[i + 1]
        r = -1
        for i, v in enumerate(row):
            if chosen[i] >= 0:
                r = chosen[i]
                continue
            nb = sorted(neighbours[v], key=order.__getitem__)
            if not nb:
                continue
            m = len(nb)
            medians = [nb[(m - 1) // 2]] if m % 2 else [nb[m // 2 - 1], nb[m // 2]]
            for u in medians:
                if align[v] != v:
                    break
                edge = (u, v) if vertical_down else (v, u)
                if edge not in marked and r < order[u] < limit[i + 1] and not taken[u]:
                    join(u, v)
                    r = order[u]
    return root, align


def _compact(
    layers: list[list[int]],
    root: list[int],
    align: list[int],
    sep: object,
) -> list[float]:
    """Left-most positions of the blocks: each block as far left as the blocks to the left
    of its members allow (a longest-path pass over the block graph)."""
    n = len(root)
    preds: dict[int, list[tuple[int, int, int]]] = {}
    for row in layers:
        for i in range(1, len(row)):
            a, b = row[i - 1], row[i]
            preds.setdefault(root[b], []).append((root[a], a, b))
    # Topological order of blocks: Kahn over the block graph.
    indeg: dict[int, int] = {}
    succ: dict[int, list[int]] = {}
    roots = sorted({root[v] for v in range(n)})
    for r in roots:
        indeg.setdefault(r, 0)
    for r, lst in preds.items():
        for ra, _, _ in lst:
            succ.setdefault(ra, []).append(r)
            indeg[r] += 1
    queue = [r for r in roots if indeg[r] == 0]
    xr: dict[int, float] = {}
    head = 0
    separation = sep  # callable
    while head < len(queue):
        r = queue[head]
        head += 1
        best = 0.0
        for ra, a, b in preds.get(r, ()):
            c = xr[ra] + separation(a, b)  # type: ignore[operator]
            if c > best:
                best = c
        xr[r] = best
        for s in succ.get(r, ()):
            indeg[s] -= 1
            if indeg[s] == 0:
                queue.append(s)
    return [xr[root[v]] for v in range(n)]
