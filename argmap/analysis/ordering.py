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

Speed: transposition compares again only the pairs whose answer can have changed since a
layer's last visit, sifting and the exact order read a matrix of pair crossings counted once
per layer, and a crossing count recounts only the layer pairs whose order changed. The work
is still counted as the plain steps counted it, so a budget stops the search at the same
place and the orders are the same, swap for swap (tests/analysis/test_ordering_same_steps.py
holds the plain steps and compares).
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate
from operator import sub
from typing import NamedTuple

WORK_BUDGET = 3_000_000  # node-and-edge visits spent on restarts and refinement
EXACT_LIMIT = 7  # layers up to this many nodes are ordered exactly
MAX_ROUNDS = 24  # median sweeps per restart (dot's MaxIter)
STALE_LIMIT = 8  # rounds without improvement before a restart ends (dot's MinQuit)
SIFT_LIMIT = 60  # layers up to this many nodes are sifted
EXTRA_STARTS = 16  # shuffled starts after the four fixed ones, while the budget lasts
NO_CHECK = -(1 << 62)


class Ordering:
    """The layers of a proper layered graph (every edge joins neighbouring layers).

    `rows[k]` lists the nodes of layer k; `up[v]`/`down[v]` the neighbours of v in the layer
    above and below. `cluster[v]` (or None) ties nodes that must stay together in a layer.

    `work` counts node and edge visits as the first version of each step counted them (the
    steps got faster, the count did not change), so a budget of work gives the same
    restarts, and so the same picture, as before.
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
        # Most nodes (every dummy) have one neighbour on a side: a pair of them is compared
        # by that neighbour's position alone, without gathering and sorting positions.
        self.up1 = [a[0] if len(a) == 1 else -1 for a in up]
        self.down1 = [a[0] if len(a) == 1 else -1 for a in down]
        self.n_up = [len(a) for a in up]
        self.n_down = [len(a) for a in down]
        # Nodes with several neighbours on a side: only pairs with one cost work to compare,
        # and only their sorted neighbour positions are kept between comparisons.
        self.heavy = [a > 1 or b > 1 for a, b in zip(self.n_up, self.n_down, strict=True)]
        self.down_many = [[z for z in a if self.n_up[z] > 1] for a in down]
        self.up_many = [[z for z in a if self.n_down[z] > 1] for a in up]
        self.touches = [bool(a or b) for a, b in zip(self.down_many, self.up_many, strict=True)]
        self.up_sets = [frozenset(a) if len(a) > 1 else None for a in up]
        self.down_sets = [frozenset(a) if len(a) > 1 else None for a in down]
        # Layers whose order decides something about clusters (two members of one cluster
        # in the layer): keep_clusters has nothing to do in the others.
        self.clustered = [False] * self.n
        if cluster is not None:
            for row in rows:
                keys = [cluster[v] for v in row if cluster[v] is not None]
                if len(set(keys)) < len(keys):
                    for v in row:
                        self.clustered[v] = True
        # The crossings between each pair of layers as last counted, and the layers they
        # were counted on: a layer pair neither of whose orders changed is not counted again.
        self.counted: list[list[int] | None] = [None] * len(rows)
        self.counts = [0] * len(rows)
        self.crossing_work = sum(
            sum(self.n_down[v] for v in rows[k]) + len(rows[k + 1]) for k in range(len(rows) - 1)
        )
        self.pos = [0] * self.n
        self.renumber_all()
        self.work = 0
        self.limit = 1 << 62  # work at which a transposition pass stops early
        self.within = NO_CHECK  # the most work a check against the limit found within it

    # -- bookkeeping ----------------------------------------------------------------------

    def renumber(self, row: list[int]) -> None:
        pos = self.pos
        for i, v in enumerate(row):
            pos[v] = i

    def renumber_all(self) -> None:
        for row in self.rows:
            self.renumber(row)

    def crossings_between(self, k: int) -> int:
        """Crossings between layer k and layer k + 1: inversions of the lower ends of the
        edges taken in the order of their upper ends."""
        if k + 1 >= len(self.rows):
            return 0
        pos, down = self.pos, self.down
        ends: list[int] = []
        for v in self.rows[k]:
            d = down[v]
            if len(d) == 1:
                ends.append(pos[d[0]])
            elif d:
                ends.extend(sorted([pos[w] for w in d]))
        self.work += len(ends) + len(self.rows[k + 1])
        return _inversions(ends)

    def crossings(self) -> int:
        """All crossings. Only the layer pairs with a layer whose order changed since the
        last count are counted again; the work is that of counting every pair."""
        rows, counted, counts = self.rows, self.counted, self.counts
        depth = len(rows)
        changed = [rows[k] != counted[k] for k in range(depth)]
        work = self.work
        for k in range(depth - 1):
            if changed[k] or changed[k + 1]:
                counts[k] = self.crossings_between(k)
        for k in range(depth):
            if changed[k]:
                counted[k] = list(rows[k])
        self.work = work + self.crossing_work
        return sum(counts)

    def snapshot(self) -> list[list[int]]:
        return [list(r) for r in self.rows]

    def restore(self, rows: list[list[int]]) -> None:
        self.rows = [list(r) for r in rows]
        self.renumber_all()

    # -- pair costs -----------------------------------------------------------------------

    def _sorted_positions(self, side: list[list[int]], v: int) -> list[int]:
        pos = self.pos
        nb = side[v]
        return [pos[nb[0]]] if len(nb) == 1 else sorted([pos[u] for u in nb])

    def cost_matrix(self, row: list[int]) -> list[list[int]]:
        """`left[a][b]`: the crossings between the edges of row[a] and those of row[b] (to
        both neighbouring layers) when row[a] is left of row[b]. One comparison per pair
        gives both directions; sifting and the exact order read the matrix instead of
        counting each pair once per node moved."""
        size = len(row)
        pos, up1, down1 = self.pos, self.up1, self.down1
        ups = [self._sorted_positions(self.up, v) for v in row]
        downs = [self._sorted_positions(self.down, v) for v in row]
        u1 = [pos[w] if w >= 0 else -1 for w in (up1[v] for v in row)]
        d1 = [pos[w] if w >= 0 else -1 for w in (down1[v] for v in row)]
        left = [[0] * size for _ in range(size)]
        for a in range(size):
            la, ua, da, pa, qa = left[a], ups[a], downs[a], u1[a], d1[a]
            for b in range(a + 1, size):
                g = s_ = 0
                pb = u1[b]
                if pa >= 0 and pb >= 0:
                    if pa > pb:
                        g = 1
                    elif pb > pa:
                        s_ = 1
                elif ua and ups[b]:
                    g, s_ = _cross_both(ua, ups[b])
                qb = d1[b]
                if qa >= 0 and qb >= 0:
                    if qa > qb:
                        g += 1
                    elif qb > qa:
                        s_ += 1
                elif da and downs[b]:
                    g2, s2 = _cross_both(da, downs[b])
                    g += g2
                    s_ += s2
                la[b] = g
                left[b][a] = s_
        return left

    def _pair_work(self, v: int, w: int) -> int:
        """The work transposition counts for comparing neighbours v and w: the lengths of
        their neighbour lists on each side where both have some and not both just one
        (nothing for a pair it may not swap: that would split a cluster)."""
        if not (self.heavy[v] or self.heavy[w]):
            return 0
        cluster = self.cluster
        if cluster is not None and cluster[v] != cluster[w]:
            return 0
        work = 0
        a, b = self.n_up[v], self.n_up[w]
        if a and b and a + b > 2:
            work = a + b
        a, b = self.n_down[v], self.n_down[w]
        if a and b and a + b > 2:
            work += a + b
        return work

    def _row_work(self, row: list[int]) -> int:
        heavy = self.heavy
        pair_work = self._pair_work
        total = 0
        for i in range(len(row) - 1):
            v, w = row[i], row[i + 1]
            if heavy[v] or heavy[w]:
                total += pair_work(v, w)
        return total

    # -- steps ----------------------------------------------------------------------------

    def median_sweep(self, downwards: bool, reverse: bool = False) -> None:
        """Sort each layer by the weighted median of its neighbours in the layer before
        (dot); `reverse`: nodes with equal medians swap their order instead of keeping it."""
        depth = len(self.rows)
        seq = range(1, depth) if downwards else range(depth - 2, -1, -1)
        side = self.up if downwards else self.down
        one = self.up1 if downwards else self.down1
        pos = self.pos
        key: list[float] = [0.0] * self.n
        for k in seq:
            row = self.rows[k]
            fixed = False
            for v in row:
                w = one[v]
                if w >= 0:
                    key[v] = pos[w]  # an int sorts as its float would
                    continue
                nb = side[v]
                if not nb:
                    key[v] = -1.0
                    fixed = True
                    continue
                ps = sorted([pos[w] for w in nb])
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
            # Equal medians keep their order (a stable sort of the row as it is) or swap it
            # (a stable sort of the row reversed). Nodes without neighbours on this side
            # keep their place (dot): the others are sorted around them.
            movable = [v for v in row if key[v] >= 0] if fixed else list(row)
            if reverse:
                movable.reverse()
            movable.sort(key=key.__getitem__)
            if fixed:
                it = iter(movable)
                row[:] = [v if key[v] < 0 else next(it) for v in row]
            else:
                row[:] = movable
            self.keep_clusters(row)
            self.renumber(row)

    def keep_clusters(self, row: list[int]) -> None:
        """Bring each cluster's nodes together where most of them are (stable otherwise)."""
        cluster = self.cluster
        if cluster is None or not row or not self.clustered[row[0]]:
            return
        groups: dict[object, list[int]] = {}
        for v in row:
            c = cluster[v]
            if c is not None:
                groups.setdefault(c, []).append(v)
        if not any(len(g) > 1 for g in groups.values()):
            return
        # Each node's slot: its index; a cluster sits at the mean index of its members.
        at = {v: i for i, v in enumerate(row)}  # (row.index per member was quadratic)
        slot: dict[object, float] = {}
        for c, members in groups.items():
            slot[c] = sum(at[v] for v in members) / len(members)
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

        As in dot, a layer is looked at again only when it or a neighbouring layer changed.
        Looking again, only the pairs whose answer may have changed are compared: a pair
        found not worth swapping stays so until one of its nodes gets a new neighbour in the
        row, or two nodes it is joined to in a neighbouring layer swap so that its edges
        cross more (only the edges of those two cross differently), so each swap marks just
        those pairs. The work counted is that of comparing every pair, as dot's pass does.
        """
        rows, pos, up, down = self.rows, self.pos, self.up, self.down
        up1, down1, n_up, n_down = self.up1, self.down1, self.n_up, self.n_down
        heavy, down_many, up_many = self.heavy, self.down_many, self.up_many
        touches = self.touches
        up_sets, down_sets = self.up_sets, self.down_sets
        cluster = self.cluster
        pair_work = self._pair_work
        depth = len(rows)
        candidate = [len(r) > 1 for r in rows]
        # Sorted positions of the neighbours of nodes with several (None: to gather).
        ups: list[list[int] | None] = [None] * self.n
        downs: list[list[int] | None] = [None] * self.n
        # Per layer: the pairs (by index of the left node) to compare on the next visit,
        # None before the first visit (every pair); and the work of comparing every pair.
        marked: list[set[int] | None] = [None] * depth
        totals: list[int | None] = [None] * depth
        improved_any = False
        work = 0
        while True:
            delta = 0
            for k in range(depth):
                if not candidate[k]:
                    continue
                candidate[k] = False
                row = rows[k]
                size = len(row)
                marks = marked[k]
                total: int | None = None
                todo: Sequence[int]
                if marks is None:
                    todo = range(size - 1)
                else:
                    total = totals[k]
                    if total is None:
                        total = self._row_work(row)
                    if not marks:
                        totals[k] = total
                        work += size + total
                        continue
                    todo = sorted(marks)
                first_total = total
                new_marks: set[int] = set()
                below = rows[k + 1] if k + 1 < depth else None
                above = rows[k - 1] if k else None
                marks_below = marked[k + 1] if below is not None else None
                marks_above = marked[k - 1] if above is not None else None
                compared = 0  # work of the pairs compared
                replaced = 0  # work of the pairs of the row they stand for
                changed = False
                last = -1
                for i in todo:
                    if i <= last:
                        continue
                    moved = -1  # a node a swap moved right: the pair it replaced was (moved, y)
                    while True:
                        x = row[i]
                        y = row[i + 1]
                        if cluster is not None and cluster[x] != cluster[y]:
                            if moved >= 0:
                                replaced += pair_work(moved, y)
                            break  # would split a cluster
                        c0 = c1 = w = 0
                        a = up1[x]
                        b = up1[y]
                        if a >= 0 and b >= 0:
                            a = pos[a]
                            b = pos[b]
                            if a > b:
                                c0 = 1
                            elif b > a:
                                c1 = 1
                        elif n_up[x] and n_up[y]:
                            c0, c1, w = _side(x, y, a, b, up, ups, pos)
                        a = down1[x]
                        b = down1[y]
                        if a >= 0 and b >= 0:
                            a = pos[a]
                            b = pos[b]
                            if a > b:
                                c0 += 1
                            elif b > a:
                                c1 += 1
                        elif n_down[x] and n_down[y]:
                            g, s_, w2 = _side(x, y, a, b, down, downs, pos)
                            c0 += g
                            c1 += s_
                            w += w2
                        compared += w
                        if moved < 0:
                            replaced += w
                        elif heavy[moved] or heavy[y]:
                            replaced += pair_work(moved, y)
                        if not (c1 < c0 or (ties and c1 == c0 and c0 > 0)):
                            break
                        if total is not None:
                            if i:
                                left = row[i - 1]
                                if heavy[left] or heavy[x] or heavy[y]:
                                    total += pair_work(left, y) - pair_work(left, x)
                            if i + 2 < size:
                                right = row[i + 2]
                                if heavy[right] or heavy[x] or heavy[y]:
                                    total += pair_work(x, right) - pair_work(y, right)
                        row[i] = y
                        row[i + 1] = x
                        pos[x] = i + 1
                        pos[y] = i
                        delta += c0 - c1
                        changed = True
                        if i:
                            new_marks.add(i - 1)
                        if c0 == c1:
                            new_marks.add(i)  # a tie swapped: swapped back next time
                        if touches[x] or touches[y]:
                            for z in down_many[x] + down_many[y]:
                                ups[z] = None
                            for z in up_many[x] + up_many[y]:
                                downs[z] = None
                        # x moved right past y: in a neighbouring layer, a pair whose left
                        # node is joined to x and right node to y now crosses more when
                        # left as it is, so it may want to swap; every other pair crosses
                        # as before or less.
                        if marks_below is not None:
                            a = down1[x]
                            b = down1[y]
                            if a >= 0 and b >= 0:  # one neighbour each
                                a = pos[a]
                                if pos[b] - a == 1:
                                    marks_below.add(a)
                            else:
                                _mark_pairs(x, y, down, down_sets, below, pos, marks_below)
                        if marks_above is not None:
                            a = up1[x]
                            b = up1[y]
                            if a >= 0 and b >= 0:
                                a = pos[a]
                                if pos[b] - a == 1:
                                    marks_above.add(a)
                            else:
                                _mark_pairs(x, y, up, up_sets, above, pos, marks_above)
                        i += 1
                        if i + 1 >= size:
                            break
                        moved = y
                    last = i
                marked[k] = new_marks
                if first_total is None:
                    work += size + compared
                    totals[k] = None
                else:
                    work += size + first_total - replaced + compared
                    totals[k] = total
                if changed:
                    candidate[k] = True
                    if k > 0:
                        candidate[k - 1] = len(rows[k - 1]) > 1
                    if k + 1 < depth:
                        candidate[k + 1] = len(rows[k + 1]) > 1
            if delta > 0:
                improved_any = True
            if delta < 1 or self.work + work > self.limit:
                break
            self.within = self.work + work
        self.work += work
        return improved_any

    def sift(self) -> None:
        """Move each node of a small layer to its best place in the layer, one at a time
        (Matuszewski et al.). The neighbouring layers stay as they are while a layer is
        sifted, so the crossings of every pair of its nodes are counted once
        (`cost_matrix`), and a node's cost in every place is one running sum over the row:
        moving v past u changes the crossings by left[u][v] - left[v][u]."""
        for row in self.rows:
            size = len(row)
            if size < 3 or size > SIFT_LIMIT:
                continue
            self.work += 2 * size * size
            left = self.cost_matrix(row)
            right = [list(col) for col in zip(*left, strict=True)]  # right[a][b] == left[b][a]
            nodes = list(row)
            local = {v: a for a, v in enumerate(nodes)}
            order = list(range(size))  # the row by index in nodes
            for a in range(size):
                i = order.index(a)
                # sums[t]: the cost of v placed before order[t] (v itself adds nothing, so
                # sums[i] == sums[i + 1] is its place now), up to a constant.
                steps = map(sub, map(right[a].__getitem__, order), map(left[a].__getitem__, order))
                sums = list(accumulate(steps, initial=0))
                best = min(sums)
                if best < sums[i]:
                    t = sums.index(best)  # the first best place, as counted without v
                    del order[i]
                    order.insert(t if t <= i else t - 1, a)
                    row[:] = [nodes[b] for b in order]
                    self.keep_clusters(row)  # a node may not leave its cluster
                    self.renumber(row)
                    order = [local[u] for u in row]

    def exact_small_layers(self) -> None:
        """Order every layer of at most EXACT_LIMIT nodes optimally against its neighbours."""
        for k, row in enumerate(self.rows):
            if 3 <= len(row) <= EXACT_LIMIT:
                self.exact_layer(k)
                self.keep_clusters(row)  # clusters come back together (best kept by count)
                self.renumber(row)

    def exact_layer(self, k: int) -> None:
        """Order layer k optimally against both neighbouring layers: dynamic programming
        over the subsets of its nodes (which node comes last). The crossings of a node with
        every subset of the others come from sums built once per node, so the program takes
        2^size × size steps (the work counted is the 2^size × size² of summing them afresh)."""
        row = self.rows[k]
        size = len(row)
        if not size:
            return
        cost = self.cost_matrix(row)
        self.work += _pair_cost_work(self.n_up, row) + _pair_cost_work(self.n_down, row)
        full = (1 << size) - 1
        # before[j][mask]: crossings of node j with the nodes of mask all placed left of it.
        before: list[list[int]] = []
        for j in range(size):
            sums = [0]
            for r in range(size):
                c = cost[r][j]
                sums += [s + c for s in sums]
            before.append(sums)
        best = [0] + [1 << 60] * full
        choice = [0] * (full + 1)
        for mask in range(1, full + 1):
            b = 1 << 60
            pick = -1
            m = mask
            while m:
                low = m & -m
                m ^= low
                j = low.bit_length() - 1
                rest = mask ^ low
                c = best[rest] + before[j][rest]
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


def _mark_pairs(
    x: int,
    y: int,
    side: list[list[int]],
    sets: list[frozenset[int] | None],
    row: list[int],
    pos: list[int],
    marks: set[int],
) -> None:
    """x, left of y in a layer, moved right past it: mark the pairs of neighbours in the
    neighbouring layer `row` whose left node is joined to x and right node to y (`side`:
    the neighbours in that layer; `sets`: the same as sets, for nodes with several). Only
    edges of x and y cross differently, and a pair joined the other way round now crosses
    less when left as it is, so stays unswapped."""
    nx, ny = side[x], side[y]
    if not nx or not ny:
        return
    if len(nx) <= len(ny):
        to_y = sets[y] or ny
        top = len(row) - 1
        for z in nx:
            p = pos[z]
            if p < top and row[p + 1] in to_y:
                marks.add(p)
    else:
        to_x = sets[x] or nx
        for z in ny:
            p = pos[z]
            if p and row[p - 1] in to_x:
                marks.add(p - 1)


def _side(
    x: int,
    y: int,
    one_x: int,
    one_y: int,
    side: list[list[int]],
    cache: list[list[int] | None],
    pos: list[int],
) -> tuple[int, int, int]:
    """Crossings between the edges of x and of y on one side, x left of y and y left of x,
    and the work transposition counts for it, when one of them has several neighbours there
    (`one_x`/`one_y`: the only neighbour, or -1). Sorted positions of several neighbours are
    kept in `cache` until a neighbour moves; one neighbour against several is two binary
    searches."""
    if one_x >= 0:
        sb = cache[y]
        if sb is None:
            sb = cache[y] = sorted([pos[u] for u in side[y]])
        p = pos[one_x]
        return bisect_left(sb, p), len(sb) - bisect_right(sb, p), 1 + len(sb)
    sa = cache[x]
    if sa is None:
        sa = cache[x] = sorted([pos[u] for u in side[x]])
    if one_y >= 0:
        q = pos[one_y]
        return len(sa) - bisect_right(sa, q), bisect_left(sa, q), len(sa) + 1
    sb = cache[y]
    if sb is None:
        sb = cache[y] = sorted([pos[u] for u in side[y]])
    g, s_ = _cross_both(sa, sb)
    return g, s_, len(sa) + len(sb)


def _pair_cost_work(counts: list[int], row: list[int]) -> int:
    """The work of counting one side's crossings pair by pair for every ordered pair of
    the row (both lengths, where both nodes have neighbours on that side)."""
    having = [counts[v] for v in row if counts[v]]
    return 2 * (len(having) - 1) * sum(having) if having else 0


def _inversions(seq: list[int]) -> int:
    """Pairs i < j with seq[i] > seq[j]: each value counts the greater ones before it in a
    sorted list (binary search and insertion in C; faster in Python than a Fenwick tree for
    the rows of a layout)."""
    seen: list[int] = []
    count = 0
    for n, p in enumerate(seq):
        i = bisect_right(seen, p)
        count += n - i
        seen.insert(i, p)
    return count


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
    runs: dict[tuple[tuple[int, ...], ...], _Run] = {}
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
        # A start equal to an earlier one (on trees breadth-first often orders as depth-first
        # does) ends where that one ended, with the same work, unless the budget now stops
        # it sooner: then it runs again.
        start = tuple(tuple(x) for x in starts[r])
        run = runs.get(start)
        if run is None or not run.same_with(spent, budget):
            run = runs[start] = _refine(starts[r], up, down, cluster, budget, spent)
        spent += run.work
        key = tuple(tuple(x) for x in run.rows)
        if key not in seen:
            seen.add(key)
            found.append((run.best, run.rows))
        if run.best == 0:
            break
    found.sort(key=lambda t: t[0])
    return found


class _Run(NamedTuple):
    """What refining one start gave: the best order and its crossings, the work it took, and
    the most work each kind of budget check found within the budget (`> budget` stops the
    rounds and transposition, `< budget` keeps the refinement going)."""

    best: int
    rows: list[list[int]]
    work: int
    within_most: int
    within_less: int

    def same_with(self, spent: int, budget: int) -> bool:
        """Whether the run would go the same way had `spent` (at least what it was) been
        spent before it: a check that stopped it stops it again, and every check it passed
        still passes."""
        return spent + self.within_most <= budget and spent + self.within_less < budget


def _refine(
    start: list[list[int]],
    up: list[list[int]],
    down: list[list[int]],
    cluster: Sequence[object | None] | None,
    budget: int,
    spent: int,
) -> _Run:
    """One start refined as dot's `mincross` does (see `candidate_orders`), `spent` of the
    budget gone before it."""
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
        if trying >= STALE_LIMIT or current == 0:
            break
        if spent + o.work > budget:
            break
        o.within = o.work
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
    within_less = NO_CHECK
    while best:
        if spent + o.work >= budget:
            break
        within_less = o.work
        o.sift()
        o.exact_small_layers()
        o.transpose()
        current = o.crossings()
        if current >= best:
            break
        best, best_rows = current, o.snapshot()
    return _Run(best, best_rows, o.work, o.within, within_less)
