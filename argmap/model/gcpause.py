"""Pause Python's cyclic garbage collector while a reader, a writer or an analysis makes a big
map or framework (one helper for io and analysis alike).

Reading a 100,000-claim `.argmap` allocates millions of containers (the parsed JSON, then the
claims and relations); each 700 allocations start a collection, and the older generations are
rescanned again and again as they grow: a third of the load time, for no garbage (nothing
made while reading is cyclic garbage). Building a Dung framework or DF-QuAD's lists from a
100,000-claim map is the same (it tripled the time of DF-QuAD). CPython's own guidance for
such bursts is to disable the collector around them; reference counting still frees
everything at once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The collector off inside the block, and back on after it if it was on before.

    Safe with threads: a block entered while another has the collector off leaves it off, and
    whichever block turned it off turns it back on, so the collector always ends as it began.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Everything made in the block sits in the youngest generation, which the next
            # collection would walk whole (0.3 s after reading a 100,000-claim map), and the
            # middle one again later. Freezing then unfreezing moves it all to the oldest
            # generation in two list splices, without walking it; full collections still
            # look there, so cyclic garbage is found as before.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
