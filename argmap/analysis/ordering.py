"""Crossing minimisation for the layered layout: the order of the nodes in each layer.

Graphviz dot's scheme (Gansner et al. 1993, section 3) with more work where the map is small:

- **initial orders**: depth-first from the conclusions (siblings together), breadth-first,
  and the same from the other end; each is a restart;
- **sweeps**: weighted-median sweeps down and up (the median of the neighbours' positions,
  biased towards the side where they are packed, as dot), each followed by **transposition**
  (swap neighbours while that removes crossings with both neighbouring layers);
- **sifting** (Matuszewski et al. 1999): each node in turn moves to the place in its layer
  where it crosses least, given everything else;
- **exact** placement of small layers: a layer of at most EXACT_LIMIT nodes is ordered
  optimally against both its neighbouring layers by dynamic programming over subsets;
- the order with the fewest crossings over all restarts is kept.

The work is measured in node visits, not seconds, so the same map always gives the same
order (a time budget would make the picture depend on the machine's load): maps up to a
few hundred nodes get every restart and many rounds, big maps a few median sweeps.

Clusters: nodes may carry a cluster key (linked premises of one inference, claims of one
group); a layer always keeps the nodes of a cluster together, ordered among themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

WORK_BUDGET = 100_000  # node-and-edge visits spent on restarts and refinement
EXACT_LIMIT = 7  # layers up to this many nodes are ordered exactly
MAX_ROUNDS = 24  # median sweeps per restart (dot's MaxIter)
STALE_LIMIT = 8  # rounds without improvement before a restart ends (dot's MinQuit)
SIFT_LIMIT = 60  # layers up to this many nodes are sifted


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

    def median_sweep(self, downwards: bool) -> None:
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
            movable = sorted((v for v in row if key[v] >= 0), key=lambda v: (key[v], pos[v]))
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
        """Swap neighbours in every layer while that reduces crossings (or, with `ties`, does
        not increase them: dot's way out of plateaus); True if any swap was made."""
        improved_any = False
        cluster = self.cluster
        pos, up, down = self.pos, self.up, self.down
        for row in self.rows:
            if len(row) < 2:
                continue
            # Neighbours live in other layers, so their sorted positions stay put while
            # this layer is transposed.
            ups = {v: sorted(pos[u] for u in up[v]) for v in row}
            downs = {v: sorted(pos[u] for u in down[v]) for v in row}
            self.work += 4 * len(row)
            for _ in range(8 if ties else 20):
                improved = False
                for i in range(len(row) - 1):
                    v, w = row[i], row[i + 1]
                    if cluster is not None and cluster[v] != cluster[w] and (
                        cluster[v] is not None or cluster[w] is not None
                    ):
                        continue  # would split a cluster
                    uv, uw, dv, dw = ups[v], ups[w], downs[v], downs[w]
                    c0 = _cross(uv, uw) + _cross(dv, dw)
                    if c0 == 0 and not ties:
                        continue
                    c1 = _cross(uw, uv) + _cross(dw, dv)
                    self.work += len(uv) + len(uw) + len(dv) + len(dw)
                    if c1 < c0 or (ties and c1 == c0 and c0 > 0):
                        row[i], row[i + 1] = w, v
                        pos[v], pos[w] = i + 1, i
                        if c1 < c0:
                            improved = True
                            improved_any = True
                if not improved:
                    break
        return improved_any

    def sift(self) -> None:
        """Move each node of a small layer to its best place in the layer, one at a time."""
        for k, row in enumerate(self.rows):
            if len(row) < 3 or len(row) > SIFT_LIMIT:
                continue
            for v in list(row):
                i = row.index(v)
                others = row[:i] + row[i + 1 :]
                # cost of v at slot j = sum over u before: c(u, v) + over u after: c(v, u)
                before = [self.pair_cost(u, v, k) for u in others]
                after = [self.pair_cost(v, u, k) for u in others]
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
    size = len(up) + sum(len(d) for d in down)
    starts = initial_orders(rows, up, down)
    best_rows: list[list[int]] | None = None
    best = -1
    work = 0
    for r, start in enumerate(starts):
        o = Ordering([list(x) for x in start], up, down, cluster)
        for row in o.rows:
            o.keep_clusters(row)
        o.renumber_all()
        current = o.crossings()
        local_best, local_rows = current, o.snapshot()
        stale = 0
        for it in range(MAX_ROUNDS):
            if current == 0:
                break
            o.median_sweep(downwards=it % 2 == 0)
            if size * 40 < budget:
                o.transpose(ties=it % 4 < 2)
            current = o.crossings()
            if current < local_best:
                local_best, local_rows, stale = current, o.snapshot(), 0
            else:
                stale += 1
                if stale >= STALE_LIMIT:
                    break
            if work + o.work > budget:
                break
        o.restore(local_rows)
        if local_best and work + o.work < budget:
            o.sift()
            o.exact_small_layers()
            o.transpose()
            current = o.crossings()
            if current < local_best:
                local_best, local_rows = current, o.snapshot()
        work += o.work
        if best < 0 or local_best < best:
            best, best_rows = local_best, local_rows
        if best == 0 or work > budget * (r + 1) / len(starts) * 1.5 or work > budget:
            break
    assert best_rows is not None
    return best_rows
