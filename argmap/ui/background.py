"""Work off the GUI thread, and following a map's changes: shared by the app's features.

`run_in_background` runs a job on the app's one worker thread and reports back on the GUI
thread; `follow_model` connects one slot to every change signal of a map. The evaluation
overlay and the checks panel both use them, and neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from argmap.model.map import ArgumentMap

# A map of more claims than this is evaluated or checked on the worker thread the first time.
BACKGROUND_CLAIMS = 300


class _Relay(QObject):
    """Lives on the GUI thread; a signal emitted from the worker is delivered there (queued)."""

    done = Signal(object, object)


_relay: _Relay | None = None
_executor: ThreadPoolExecutor | None = None


def run_in_background(job: Callable[[], Any], done: Callable[[Any, Exception | None], None]):
    """Run `job()` on the one worker thread; call `done(result, error)` on the GUI thread.

    One thread for every window and panel: jobs queue rather than compete for the GIL with
    each other. `job` must touch no Qt object and no live map (give it a copy).
    """
    global _relay, _executor
    if _relay is None:
        _relay = _Relay()
        _relay.done.connect(lambda callback, outcome: callback(*outcome))
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-eval")
    relay = _relay

    def work() -> None:
        try:
            outcome = (job(), None)
        except Exception as exc:  # delivered to the GUI thread, which decides what it means
            outcome = (None, exc)
        relay.done.emit(done, outcome)

    assert _executor is not None
    return _executor.submit(work)


def follow_model(m: ArgumentMap, slot: Callable[..., None]) -> Callable[[], None]:
    """Call `slot(*args)` on every change of the map; returns the function that stops it."""
    signals = m.change_signals(info=False)
    for s in signals:
        s.connect(slot)

    def stop() -> None:
        for s in signals:
            s.disconnect(slot)

    return stop
