"""The faster crossing minimisation does exactly what the plain one did: the same swaps, the
same rows and the same work counted, step by step, on random layered graphs with parallel
edges, nodes without edges and clusters.

`PlainOrdering` below is argmap.analysis.ordering.Ordering as it was at 933c403 (before
transposition kept its comparisons between visits, sifting and the exact order read a matrix
of pair crossings, and counts skipped unchanged layer pairs); the work budget decides how
many restarts run, so the work must be counted the same too.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from argmap.analysis import ordering
from argmap.analysis.ordering import EXACT_LIMIT, SIFT_LIMIT, _cross_both


class PlainOrdering:
    """The ordering steps as 933c403 ran them: every pair compared afresh on every visit,
    sifting pair by pair, subsets summed afresh in the exact order, a Fenwick tree per count."""

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


def random_layers(
    rng: random.Random,
) -> tuple[list[list[int]], list[list[int]], list[list[int]], list[object | None] | None]:
    """Layers of 1-14 nodes, edges between neighbouring layers, sparse or dense (some
    doubled, some nodes with none), clusters of two to four nodes in a layer on every other
    graph."""
    depth = rng.randint(2, 6)
    sizes = [rng.randint(1, 14) for _ in range(depth)]
    rows: list[list[int]] = []
    n = 0
    for size in sizes:
        rows.append(list(range(n, n + size)))
        n += size
    up: list[list[int]] = [[] for _ in range(n)]
    down: list[list[int]] = [[] for _ in range(n)]
    density = rng.choice([0.6, 1.0, 3.0])  # sparse: mostly one neighbour a side, as dummies
    for k in range(depth - 1):
        for _ in range(rng.randint(0, int(density * (len(rows[k]) + len(rows[k + 1]))))):
            a, b = rng.choice(rows[k]), rng.choice(rows[k + 1])
            for _ in range(2 if rng.random() < 0.1 else 1):
                down[a].append(b)
                up[b].append(a)
    cluster: list[object | None] | None = None
    if rng.random() < 0.5:
        cluster = [None] * n
        for row in rows:
            free = list(row)
            rng.shuffle(free)
            while len(free) >= 2 and rng.random() < 0.6:
                key = ("c", free[0])
                for v in free[: rng.randint(2, 4)]:
                    cluster[v] = key
                free = free[4:]
    for row in rows:
        rng.shuffle(row)
    return rows, up, down, cluster


def same_state(a: PlainOrdering, b: ordering.Ordering) -> bool:
    return a.rows == b.rows and a.pos == b.pos and a.work == b.work


@pytest.mark.parametrize("seed", range(200))
def test_every_step_does_what_the_plain_step_did(seed: int) -> None:
    rng = random.Random(seed)
    rows, up, down, cluster = random_layers(rng)
    plain = PlainOrdering([list(r) for r in rows], up, down, cluster)
    fast = ordering.Ordering([list(r) for r in rows], up, down, cluster)
    for o in (plain, fast):
        for row in o.rows:
            o.keep_clusters(row)
        o.renumber_all()
    assert same_state(plain, fast)
    for step in range(30):
        what = rng.choice(["median", "transpose", "ties", "sift", "exact", "count"])
        if what == "median":
            down_, rev = rng.random() < 0.5, rng.random() < 0.5
            plain.median_sweep(down_, rev)
            fast.median_sweep(down_, rev)
        elif what in ("transpose", "ties"):
            assert plain.transpose(what == "ties") == fast.transpose(what == "ties")
        elif what == "sift":
            plain.sift()
            fast.sift()
        elif what == "exact":
            plain.exact_small_layers()
            fast.exact_small_layers()
        else:
            assert plain.crossings() == fast.crossings()
        assert same_state(plain, fast), (step, what)


def plain_candidate_orders(
    rows: list[list[int]],
    up: list[list[int]],
    down: list[list[int]],
    cluster: Sequence[object | None] | None = None,
    budget: int = ordering.WORK_BUDGET,
    made: list[PlainOrdering] | None = None,
) -> list[tuple[int, list[list[int]]]]:
    """ordering.candidate_orders as 933c403 ran it: every start refined, also one equal to an
    earlier start; the Orderings made are appended to `made`."""
    starts = ordering.initial_orders(rows, up, down)
    # Depth-first from the top and from the bottom differ most; breadth-first orders mostly
    # end where the depth-first ones do, so they come last.
    starts = [starts[0], starts[2], starts[1], starts[3]]
    fixed = len(starts)
    total = fixed + ordering.EXTRA_STARTS
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
            starts.append(ordering.shuffled_order(rows, up, down, r))
        start = starts[r]
        o = PlainOrdering([list(x) for x in start], up, down, cluster)
        if made is not None:
            made.append(o)
        o.limit = budget - spent
        for row in o.rows:
            o.keep_clusters(row)
        o.renumber_all()
        o.transpose()
        current = o.crossings()
        best, best_rows = current, o.snapshot()
        trying = 0
        for it in range(ordering.MAX_ROUNDS):
            if trying >= ordering.STALE_LIMIT or current == 0 or spent + o.work > budget:
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


@pytest.mark.parametrize("seed", range(40))
def test_candidate_orders_as_before(seed: int) -> None:
    """The whole search, under budgets small enough to stop it part way: the same orders from
    the same starts as 933c403's search with its plain steps, though a start equal to an
    earlier one is not refined again while the budget would not stop it sooner."""
    rng = random.Random(1000 + seed)
    rows, up, down, cluster = random_layers(rng)
    for budget in (1_000, 5_000, 20_000, 200_000):
        fast = ordering.candidate_orders([list(r) for r in rows], up, down, cluster, budget)
        plain = plain_candidate_orders([list(r) for r in rows], up, down, cluster, budget)
        assert fast == plain, budget


def test_an_equal_start_is_not_refined_again_unless_the_budget_would_stop_it_sooner(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Over many graphs and budgets: some equal starts are taken as they ended (fewer
    Orderings made), some run again at the end of the budget, the search and the work
    counted are always those of the plain search (each start the plain search made has
    its twin: a fresh one, or the earlier start's)."""
    made: list[ordering.Ordering] = []

    class Fast(ordering.Ordering):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(ordering, "Ordering", Fast)
    saved = 0
    for seed in range(60):
        rng = random.Random(5000 + seed)
        rows, up, down, cluster = random_layers(rng)
        for budget in (3_000, 30_000, 300_000):
            made.clear()
            fast = ordering.candidate_orders([list(r) for r in rows], up, down, cluster, budget)
            plain_made: list[PlainOrdering] = []
            plain = plain_candidate_orders(
                [list(r) for r in rows], up, down, cluster, budget, plain_made
            )
            assert fast == plain
            fast_work = {o.work for o in made}
            assert {o.work for o in plain_made} == fast_work
            saved += len(plain_made) - len(made)
    assert saved > 0


def test_a_run_is_taken_again_only_where_it_would_go_the_same_way() -> None:
    """`_Run.same_with` against refining the start again with more of the budget spent
    before it (sampled, and on both sides of each check's last passing value): wherever it
    says the run goes the same way, it does (same order, crossings and work), and further
    on the run does change."""
    differ = 0
    for seed in range(25):
        rng = random.Random(9000 + seed)
        rows, up, down, cluster = random_layers(rng)
        start = ordering.initial_orders(rows, up, down)[0]
        budget = rng.choice([2_000, 10_000, 40_000])
        run = ordering._refine(start, up, down, cluster, budget, 0)
        edges = {budget - run.within_most + d for d in (-1, 0, 1)}
        edges |= {budget - run.within_less + d for d in (-1, 0, 1)}
        spents = set(range(0, budget + 1, max(1, budget // 97))) | edges
        for spent in sorted(x for x in spents if 0 <= x <= budget):
            again = ordering._refine(start, up, down, cluster, budget, spent)
            if run.same_with(spent, budget):
                assert (again.best, again.rows, again.work) == (run.best, run.rows, run.work)
            elif (again.best, again.rows, again.work) != (run.best, run.rows, run.work):
                differ += 1
    assert differ > 0  # taking the run again there would have been wrong
