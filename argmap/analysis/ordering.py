"""Crossing minimisation for the layered layout: the order of the nodes in each layer.

Graphviz dot's scheme (Gansner et al. 1993, section 3; `mincross.c`) with more work where the
map is small:

- **starting orders**: depth-first from the conclusions (siblings together) and from the
  premises, breadth-first from both, then depth-first orders with the children shuffled by a
  seeded generator while the budget lasts;
- **rounds** per start, as dot's `mincross`: a weighted-median sweep (the median of the
  neighbours' positions, biased towards the side where they are packed; down and up in turn,
  equal medians swapped on two rounds of four) followed by **transposition** to convergence
  (swap neighbours while that removes crossings with both neighbouring layers; equal pairs
  swapped on the other two rounds), the best order so far kept on `<=`;
- **sifting** (Matuszewski et al. 1999): each node in turn moves to the place in its layer
  where it crosses least, given everything else;
- **exact** placement of small layers: a layer of at most EXACT_LIMIT nodes is ordered
  optimally against both its neighbouring layers by dynamic programming over subsets;
- the best orders over all starts are returned, fewest crossings first (the layout places a
  few of them and keeps the drawing that crosses least).

The work is measured in node visits, not seconds, so the same map always gives the same
order (a time budget would make the picture depend on the machine's load): maps up to a
few hundred nodes get every start and many rounds, big maps one start.

Clusters: nodes may carry a cluster key (linked premises of one inference, claims of one
group); a layer always keeps the nodes of a cluster together, ordered among themselves.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

WORK_BUDGET = 3_000_000  # node-and-edge visits spent on restarts and refinement
EXACT_LIMIT = 7  # layers up to this many nodes are ordered exactly
MAX_ROUNDS = 24  # median sweeps per restart (dot's MaxIter)
STALE_LIMIT = 8  # rounds without improvement before a restart ends (dot's MinQuit)
SIFT_LIMIT = 60  # layers up to this many nodes are sifted
EXTRA_STARTS = 16  # shuffled starts after the four fixed ones, while the budget lasts


class Ordering:
    """The layers of a proper layered graph (every edge joins neighbouring layers).

    `rows[k]` lists the nodes of layer k; `up[v]`/`down[v]` the neighbours of v in the layer
    above and below. `cluster[v]` (or None) ties nodes that must stay together in a layer.
    """

    def __init__(
        self,
        rows: list[list[int]],
        up: list[list[int]],
        down: list[list[int]],
        cluster: Sequence[object | None] | None = None,
    ) -> None:
        self.rows = rows
        self.up = up
        self.down = down
        self.n = len(up)
        self.cluster = cluster
        self.pos = [0] * self.n
        self.renumber_all()
        self.work = 0
        self.limit = 1 << 62  # work at which a transposition pass stops early

    # -- bookkeeping ----------------------------------------------------------------------

    def renumber(self, row: list[int]) -> None:
        pos = self.pos
        for i, v in enumerate(row):
            pos[v] = i

    def renumber_all(self) -> None:
        for row in self.rows:
            self.renumber(row)

    def crossings_between(self, k: int) -> int:
        """Crossings between layer k and layer k + 1 (inversions, Fenwick tree)."""
        if k + 1 >= len(self.rows):
            return 0
        pos, down = self.pos, self.down
        size = len(self.rows[k + 1])
        ends: list[int] = []
        for v in self.rows[k]:
            d = down[v]
            if len(d) == 1:
                ends.append(pos[d[0]])
            elif d:
                ends.extend(sorted(pos[w] for w in d))
        self.work += len(ends) + size
        tree = [0] * (size + 1)
        count = 0
        for seen, p in enumerate(ends):
            i, not_greater = p + 1, 0
            while i:
                not_greater += tree[i]
                i &= i - 1
            count += seen - not_greater
            i = p + 1
            while i <= size:
                tree[i] += 1
                i += i & -i
        return count

    def crossings(self) -> int:
        return sum(self.crossings_between(k) for k in range(len(self.rows) - 1))

    def snapshot(self) -> list[list[int]]:
        return [list(r) for r in self.rows]

    def restore(self, rows: list[list[int]]) -> None:
        self.rows = [list(r) for r in rows]
        self.renumber_all()

    # -- pair costs -----------------------------------------------------------------------

    def pair_cost(self, v: int, w: int, k: int) -> int:
        """Crossings between edges of v and edges of w (to both neighbouring layers) when v
        is left of w."""
        pos = self.pos
        total = 0
        for side in (self.up, self.down):
            a, b = side[v], side[w]
            if not a or not b:
                continue
            self.work += len(a) + len(b)
            if len(a) == 1 and len(b) == 1:
                if pos[a[0]] > pos[b[0]]:
                    total += 1
                continue
            pb = sorted(pos[x] for x in b)
            # pairs (x in a, y in b) with pos x > pos y
            for x in a:
                px = pos[x]
                lo, hi = 0, len(pb)
                while lo < hi:
                    mid = (lo + hi) // 2
                    if pb[mid] < px:
                        lo = mid + 1
                    else:
                        hi = mid
                total += lo
        return total

    # -- steps ----------------------------------------------------------------------------

    def median_sweep(self, downwards: bool, reverse: bool = False) -> None:
        """Sort each layer by the weighted median of its neighbours in the layer before
        (dot); `reverse`: nodes with equal medians swap their order instead of keeping it."""
        depth = len(self.rows)
        seq = range(1, depth) if downwards else range(depth - 2, -1, -1)
        side = self.up if downwards else self.down
        pos = self.pos
        for k in seq:
            row = self.rows[k]
            key: dict[int, float] = {}
            for v in row:
                nb = side[v]
                if not nb:
                    key[v] = -1.0
                    continue
                ps = sorted(pos[w] for w in nb)
                m = len(ps)
                half = m // 2
                if m % 2:
                    key[v] = float(ps[half])
                elif m == 2:
                    key[v] = (ps[0] + ps[1]) / 2
                else:
                    left = ps[half - 1] - ps[0]
                    right = ps[-1] - ps[half]
                    if left + right == 0:
                        key[v] = (ps[half - 1] + ps[half]) / 2
                    else:
                        key[v] = (ps[half - 1] * right + ps[half] * left) / (left + right)
            self.work += len(row) * 2
            # Nodes without neighbours on this side keep their place (dot): the others are
            # sorted around them.
            fixed = [(i, v) for i, v in enumerate(row) if key[v] < 0]
            sign = -1 if reverse else 1
            movable = sorted(
                (v for v in row if key[v] >= 0), key=lambda v: (key[v], sign * pos[v])
            )
            if fixed:
                out: list[int] = []
                it = iter(movable)
                fi = 0
                for i in range(len(row)):
                    if fi < len(fixed) and fixed[fi][0] == i:
                        out.append(fixed[fi][1])
                        fi += 1
                    else:
                        out.append(next(it))
                row[:] = out
            else:
                row[:] = movable
            self.keep_clusters(row, key)
            self.renumber(row)

    def keep_clusters(self, row: list[int], key: dict[int, float] | None = None) -> None:
        """Bring each cluster's nodes together where most of them are (stable otherwise)."""
        cluster = self.cluster
        if cluster is None:
            return
        groups: dict[object, list[int]] = {}
        for v in row:
            c = cluster[v]
            if c is not None:
                groups.setdefault(c, []).append(v)
        if not any(len(g) > 1 for g in groups.values()):
            return
        # Each node's slot: its index; a cluster sits at the mean index of its members.
        slot: dict[object, float] = {}
        for c, members in groups.items():
            slot[c] = sum(row.index(v) for v in members) / len(members)
        seen: set[object] = set()
        entries: list[tuple[float, int, list[int]]] = []
        for i, v in enumerate(row):
            c = cluster[v]
            if c is None:
                entries.append((float(i), i, [v]))
            elif c not in seen:
                seen.add(c)
                entries.append((slot[c], i, groups[c]))
        entries.sort(key=lambda t: (t[0], t[1]))
        row[:] = [v for _, _, members in entries for v in members]

    def transpose(self, ties: bool = False) -> bool:
        """Swap neighbours in the layers while that reduces crossings with both neighbouring
        layers (with `ties`, also when it leaves them equal: dot's way off plateaus), until a
        whole pass gains nothing; True if any swap removed crossings.

        As in dot, a layer is looked at again only when it or a neighbouring layer changed,
        and each node's sorted neighbour positions are cached per layer until the layer
        they live in changes.
        """
        rows, pos, up, down = self.rows, self.pos, self.up, self.down
        cluster = self.cluster
        depth = len(rows)
        candidate = [len(r) > 1 for r in rows]
        stale_up = [True] * depth  # the cached positions of the layer above are out of date
        stale_down = [True] * depth
        ups: list[list[int]] = [[] for _ in range(self.n)]
        downs: list[list[int]] = [[] for _ in range(self.n)]
        improved_any = False
        work = 0
        while True:
            delta = 0
            for k in range(depth):
                if not candidate[k]:
                    continue
                candidate[k] = False
                row = rows[k]
                if stale_up[k]:
                    stale_up[k] = False
                    for v in row:
                        nb = up[v]
                        ups[v] = [pos[nb[0]]] if len(nb) == 1 else sorted(pos[u] for u in nb)
                if stale_down[k]:
                    stale_down[k] = False
                    for v in row:
                        nb = down[v]
                        downs[v] = [pos[nb[0]]] if len(nb) == 1 else sorted(pos[u] for u in nb)
                changed = False
                size = len(row)
                work += size
                ua = [ups[v] for v in row]
                da = [downs[v] for v in row]
                # One neighbour above and below (most nodes, and every dummy): the position
                # itself, so a pair is compared without a merge.
                u1 = [a[0] if len(a) == 1 else -1 for a in ua]
                d1 = [a[0] if len(a) == 1 else -1 for a in da]
                for i in range(size - 1):
                    j = i + 1
                    if cluster is not None:
                        cv, cw = cluster[row[i]], cluster[row[j]]
                        if cv != cw and (cv is not None or cw is not None):
                            continue  # would split a cluster
                    c0 = c1 = 0
                    x, y = u1[i], u1[j]
                    if x >= 0 and y >= 0:
                        if x > y:
                            c0 = 1
                        elif y > x:
                            c1 = 1
                    elif ua[i] and ua[j]:
                        c0, c1 = _cross_both(ua[i], ua[j])
                        work += len(ua[i]) + len(ua[j])
                    x, y = d1[i], d1[j]
                    if x >= 0 and y >= 0:
                        if x > y:
                            c0 += 1
                        elif y > x:
                            c1 += 1
                    elif da[i] and da[j]:
                        g, s_ = _cross_both(da[i], da[j])
                        c0 += g
                        c1 += s_
                        work += len(da[i]) + len(da[j])
                    if c1 < c0 or (ties and c1 == c0 and c0 > 0):
                        v, w = row[i], row[j]
                        row[i], row[j] = w, v
                        pos[v], pos[w] = j, i
                        ua[i], ua[j] = ua[j], ua[i]
                        da[i], da[j] = da[j], da[i]
                        u1[i], u1[j] = u1[j], u1[i]
                        d1[i], d1[j] = d1[j], d1[i]
                        delta += c0 - c1
                        changed = True
                if changed:
                    candidate[k] = True
                    if k > 0:
                        candidate[k - 1] = len(rows[k - 1]) > 1
                        stale_down[k - 1] = True
                    if k + 1 < depth:
                        candidate[k + 1] = len(rows[k + 1]) > 1
                        stale_up[k + 1] = True
            if delta > 0:
                improved_any = True
            if delta < 1 or self.work + work > self.limit:
                break
        self.work += work
        return improved_any

    def sift(self) -> None:
        """Move each node of a small layer to its best place in the layer, one at a time
        (Matuszewski et al.). The sorted neighbour positions of the layer's nodes live in
        other layers, so they are gathered once per layer; a pair's crossings both ways
        come from one merge."""
        pos, up, down = self.pos, self.up, self.down
        for row in self.rows:
            size = len(row)
            if size < 3 or size > SIFT_LIMIT:
                continue
            ups = {v: sorted(pos[u] for u in up[v]) for v in row}
            downs = {v: sorted(pos[u] for u in down[v]) for v in row}
            self.work += 2 * size * size
            for v in list(row):
                uv, dv = ups[v], downs[v]
                i = row.index(v)
                others = row[:i] + row[i + 1 :]
                # cost of v at slot j = sum over u before: c(u, v) + over u after: c(v, u)
                before: list[int] = []
                after: list[int] = []
                for u in others:
                    g, s_ = _cross_both(ups[u], uv) if uv else (0, 0)
                    g2, s2 = _cross_both(downs[u], dv) if dv else (0, 0)
                    before.append(g + g2)
                    after.append(s_ + s2)
                cost = sum(after)
                best, best_j = cost, 0
                for j in range(len(others)):
                    cost += before[j] - after[j]
                    if cost < best:
                        best, best_j = cost, j + 1
                current = sum(before[:i]) + sum(after[i:])
                if best < current:
                    others.insert(best_j, v)
                    row[:] = others
                    self.keep_clusters(row)  # a node may not leave its cluster
                    self.renumber(row)

    def exact_small_layers(self) -> None:
        """Order every layer of at most EXACT_LIMIT nodes optimally against its neighbours."""
        for k, row in enumerate(self.rows):
            if 3 <= len(row) <= EXACT_LIMIT:
                self.exact_layer(k)
                self.keep_clusters(row)  # clusters come back together (best kept by count)
                self.renumber(row)

    def exact_layer(self, k: int) -> None:
        """Order layer k optimally against both neighbouring layers: dynamic programming
        over the subsets of its nodes (which node comes last), 2^size × size² steps."""
        row = self.rows[k]
        size = len(row)
        if size:
            cost = [[self.pair_cost(u, v, k) if u != v else 0 for v in row] for u in row]
            full = (1 << size) - 1
            # before[v][mask]: crossings of v with the nodes of mask all placed left of v.
            best = [0] + [1 << 60] * full
            choice = [0] * (full + 1)
            for mask in range(1, full + 1):
                b = 1 << 60
                pick = -1
                m = mask
                while m:
                    low = m & -m
                    j = low.bit_length() - 1
                    m ^= low
                    rest = mask ^ low
                    c = best[rest]
                    r = rest
                    while r:
                        lb = r & -r
                        c += cost[lb.bit_length() - 1][j]
                        r ^= lb
                    if c < b:
                        b, pick = c, j
                best[mask] = b
                choice[mask] = pick
            self.work += (full + 1) * size * size
            order: list[int] = []
            mask = full
            while mask:
                j = choice[mask]
                order.append(row[j])
                mask ^= 1 << j
            order.reverse()
            row[:] = order
            self.renumber(row)


def _cross_both(a: list[int], b: list[int]) -> tuple[int, int]:
    """For sorted lists: (pairs x in a, y in b with x > y; pairs with x < y)."""
    if len(a) == 1 and len(b) == 1:
        x, y = a[0], b[0]
        return (1, 0) if x > y else (0, 1) if x < y else (0, 0)
    greater = less = 0
    i = 0
    nb = len(b)
    for x in a:
        while i < nb and b[i] < x:
            i += 1
        j = i
        while j < nb and b[j] == x:
            j += 1
        greater += i
        less += nb - j
    return greater, less


def _cross(a: list[int], b: list[int]) -> int:
    """Pairs (x in a, y in b) with x > y, for sorted lists: the crossings between the edges
    of a node with neighbours at positions a and one at b when the first is on the left."""
    if not a or not b:
        return 0
    count = j = 0
    nb = len(b)
    for x in a:
        while j < nb and b[j] < x:
            j += 1
        count += j
    return count


def shuffled_order(
    rows_by_layer: list[list[int]], up: list[list[int]], down: list[list[int]], seed: int
) -> list[list[int]]:
    """A depth-first order from the top or the bottom (by the seed's parity), roots and
    children in an order shuffled by a generator seeded with `seed`."""
    rng = random.Random(seed)
    depth = len(rows_by_layer)
    layer = [0] * len(up)
    for k, row in enumerate(rows_by_layer):
        for v in row:
            layer[v] = k
    from_top = seed % 2 == 0
    roots = [v for row in (rows_by_layer if from_top else rows_by_layer[::-1]) for v in row]
    nxt = down if from_top else up
    rows: list[list[int]] = [[] for _ in range(depth)]
    seen = [False] * len(up)
    rng.shuffle(roots)
    roots.sort(key=lambda v: layer[v] if from_top else -layer[v])
    for root in roots:
        if seen[root]:
            continue
        seen[root] = True
        stack = [root]
        while stack:
            v = stack.pop()
            rows[layer[v]].append(v)
            kids = list(dict.fromkeys(w for w in nxt[v] if not seen[w]))  # parallel edges
            rng.shuffle(kids)
            for w in kids:
                seen[w] = True
                stack.append(w)
    return rows


def initial_orders(
    rows_by_layer: list[list[int]], up: list[list[int]], down: list[list[int]]
) -> list[list[list[int]]]:
    """Starting orders: depth-first from the top (siblings together) and breadth-first, each
    also from the bottom."""
    depth = len(rows_by_layer)
    n = len(up)
    layer = [0] * n
    for k, row in enumerate(rows_by_layer):
        for v in row:
            layer[v] = k
    out = []
    for from_top in (True, False):
        starts = [v for row in (rows_by_layer if from_top else rows_by_layer[::-1]) for v in row]
        nxt = down if from_top else up
        for dfs in (True, False):
            rows: list[list[int]] = [[] for _ in range(depth)]
            seen = [False] * n
            for root in starts:
                if seen[root]:
                    continue
                seen[root] = True
                frontier = [root]
                head = 0
                while head < len(frontier) if not dfs else frontier:
                    if dfs:
                        v = frontier.pop()
                    else:
                        v = frontier[head]
                        head += 1
                    rows[layer[v]].append(v)
                    kids = reversed(nxt[v]) if dfs else nxt[v]
                    for w in kids:
                        if not seen[w]:
                            seen[w] = True
                            frontier.append(w)
            out.append(rows)
    return out


def minimise_crossings(
    rows: list[list[int]],
    up: list[list[int]],
    down: list[list[int]],
    cluster: Sequence[object | None] | None = None,
    budget: int = WORK_BUDGET,
) -> list[list[int]]:
    """Rows (same nodes, new order in each layer) with few crossings; deterministic."""
    return candidate_orders(rows, up, down, cluster, budget)[0][1]


def candidate_orders(
    rows: list[list[int]],
    up: list[list[int]],
    down: list[list[int]],
    cluster: Sequence[object | None] | None = None,
    budget: int = WORK_BUDGET,
) -> list[tuple[int, list[list[int]]]]:
    """The best order found from each start that had budget left, fewest crossings first:
    (crossings between neighbouring layers, rows). The caller may place several and keep the
    drawing that crosses least (long edges are drawn straight, not through their dummies).

    Each start is refined as Graphviz dot's `mincross` does: rounds of a median sweep (down
    and up in turn; equal medians swapped on two rounds of four) followed by transposition
    (equal pairs swapped on the other two), the best order so far kept (`<=`, so plateaus
    are crossed), a start given up after MinQuit rounds without a 0.5 % gain. Then sifting,
    exact small layers and transposition on the best order while work is left.
    """
    starts = initial_orders(rows, up, down)
    # Depth-first from the top and from the bottom differ most; breadth-first orders mostly
    # end where the depth-first ones do, so they come last.
    starts = [starts[0], starts[2], starts[1], starts[3]]
    fixed = len(starts)
    total = fixed + EXTRA_STARTS
    found: list[tuple[int, list[list[int]]]] = []
    seen: set[tuple[tuple[int, ...], ...]] = set()
    spent = 0
    for r in range(total):
        # Each start gets its share of the budget; one that the earlier starts used up is
        # not made (big maps: one or two starts; a 50-claim map: all of them).
        if r and spent > budget * r / (fixed if r < fixed else total):
            break
        if r == len(starts):
            # More starts while the budget lasts: depth-first orders with the children
            # shuffled by a seeded generator (the same map gives the same picture).
            starts.append(shuffled_order(rows, up, down, r))
        start = starts[r]
        o = Ordering([list(x) for x in start], up, down, cluster)
        o.limit = budget - spent
        for row in o.rows:
            o.keep_clusters(row)
        o.renumber_all()
        o.transpose()
        current = o.crossings()
        best, best_rows = current, o.snapshot()
        trying = 0
        for it in range(MAX_ROUNDS):
            if trying >= STALE_LIMIT or current == 0 or spent + o.work > budget:
                break
            trying += 1
            reverse = it % 4 < 2
            o.median_sweep(downwards=it % 2 == 0, reverse=reverse)
            o.transpose(ties=not reverse)
            current = o.crossings()
            if current <= best:
                if current < 0.995 * best:
                    trying = 0
                best, best_rows = current, o.snapshot()
        o.restore(best_rows)
        while best and spent + o.work < budget:
            o.sift()
            o.exact_small_layers()
            o.transpose()
            current = o.crossings()
            if current >= best:
                break
            best, best_rows = current, o.snapshot()
        spent += o.work
        key = tuple(tuple(x) for x in best_rows)
        if key not in seen:
            seen.add(key)
            found.append((best, best_rows))
        if best == 0:
            break
    found.sort(key=lambda t: t[0])
    return found
