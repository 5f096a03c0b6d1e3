"""Attacks as flat integer arrays, and the grounded labelling computed on them with numpy.

A framework of a million arguments read from a file arrives as two arrays (attacker and
attacked index of each attack, in file order). Grouping them by attacker is one stable
`argsort` (compressed sparse rows: `offsets[a]:offsets[a + 1]` is the slice of `flat` that a
attacks), and the plain-Python adjacency lists `Framework.targets` are cut from that in C, far
faster than a million `list.append` calls.

The grounded labelling on those rows runs round by round over whole frontiers (every argument
that just became IN, then every argument that just became OUT) with array operations, so a
round costs a few numpy calls however wide it is. A long thin chain would make that one round
per step, so as soon as a frontier is small the rest is finished by the same queue algorithm
as `semantics.grounded_labelling`, over lists: never slower than the plain version by more
than the conversion. Both give the unique grounded labelling (tests compare them).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np

UNDEC, IN, OUT = 0, 1, 2  # as argmap.analysis.semantics
SMALL_FRONTIER = 64
"""Below this many new IN arguments a round's numpy overhead is more than its work: finish
with the queue over lists."""


def rows(n: int, heads: np.ndarray, tails: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, flat): the attacks grouped by attacker, each group in the given order."""
    heads = np.asarray(heads, dtype=np.int64)
    order = np.argsort(heads, kind="stable")
    flat = np.asarray(tails, dtype=np.int64)[order]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(heads, minlength=n), out=offsets[1:])
    return offsets, flat


def rows_of_lists(targets: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, flat) of adjacency lists."""
    lengths = np.fromiter(map(len, targets), dtype=np.int64, count=len(targets))
    offsets = np.zeros(len(targets) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    flat = np.fromiter(chain.from_iterable(targets), dtype=np.int64, count=int(offsets[-1]))
    return offsets, flat


def lists_of_rows(offsets: np.ndarray, flat: np.ndarray) -> list[list[int]]:
    """The adjacency lists of (offsets, flat), sliced in C."""
    values = flat.tolist()
    bounds = offsets.tolist()
    return list(map(values.__getitem__, map(slice, bounds[:-1], bounds[1:])))


def gather(offsets: np.ndarray, flat: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """The rows of `nodes`, concatenated."""
    starts = offsets[nodes]
    lengths = offsets[nodes + 1] - starts
    total = int(lengths.sum())
    if not total:
        return flat[:0]
    ends = np.cumsum(lengths)
    index = np.repeat(starts - (ends - lengths), lengths) + np.arange(total)
    return flat[index]


def grounded(offsets: np.ndarray, flat: np.ndarray) -> bytearray:
    """The grounded labelling (UNDEC/IN/OUT bytes) of the framework in rows form.

    >>> offsets, flat = rows(4, np.array([0, 1, 2, 3]), np.array([1, 2, 3, 3]))
    >>> list(grounded(offsets, flat))
    [1, 2, 1, 2]
    """
    n = len(offsets) - 1
    count = np.bincount(flat, minlength=n)  # attackers not yet OUT
    lab = np.zeros(n, dtype=np.uint8)
    new_in = np.flatnonzero(count == 0)
    lab[new_in] = IN
    while len(new_in) and len(new_in) >= SMALL_FRONTIER:
        hit = gather(offsets, flat, new_in)
        hit = np.unique(hit[lab[hit] == UNDEC])
        lab[hit] = OUT
        freed, times = np.unique(gather(offsets, flat, hit), return_counts=True)
        count[freed] -= times
        new_in = freed[(count[freed] == 0) & (lab[freed] == UNDEC)]
        lab[new_in] = IN
    labels = bytearray(lab.tobytes())
    if len(new_in):
        _finish(offsets, flat, count, labels, new_in.tolist())
    return labels


def _finish(
    offsets: np.ndarray, flat: np.ndarray, count: np.ndarray, lab: bytearray, queue: list[int]
) -> None:
    """The queue algorithm from a state where `queue` holds IN arguments not yet followed."""
    values, bounds, left = flat.tolist(), offsets.tolist(), count.tolist()
    for x in queue:  # grows while walked: a FIFO without pops
        for y in values[bounds[x] : bounds[x + 1]]:
            if lab[y] == UNDEC:
                lab[y] = OUT
                for z in values[bounds[y] : bounds[y + 1]]:
                    left[z] -= 1
                    if not left[z] and lab[z] == UNDEC:
                        lab[z] = IN
                        queue.append(z)
