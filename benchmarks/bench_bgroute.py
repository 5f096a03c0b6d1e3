"""A big map's arrows routed in the background: time from opening to routed arrows, and the
window's frames meanwhile (a worker process, compared with the app's worker thread).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_bgroute.py [--sizes 5000 20000]
        [--maps synthetic tree_like] [--thread-up-to 5000] [--pan-seconds 4]
        [--routing-limit N]

For each map (`synthetic_map(n)`: a grid with map-wide cross links; `tree_like_map(n)` laid
out by `layered_layout`: local links) a real main window (1600x1000, offscreen, fresh
settings) opens it, as the app does, and prints:
- **open → routed**: wall time from making the window to the worker's routes applied
  (`BackgroundRouting.applied`), the worker's CPU (reaped children's rusage), and the time the
  window spent applying them (`MapScene.routes_arrived`, on the GUI thread; the arrow items
  then take theirs in slices between frames). The worker is stopped at first while the frames
  with straight arrows are measured, then started again: the time counts from then;
- **frames**: pan steps through the event loop (a scroll of 40 px, then `processEvents`, as
  `bench_canvas.py` does) at 15 % (the overview draws the map) and at 100 % (arrow items),
  centred on the claim with most relations, wall time, median / 95th percentile / worst:
  straight arrows with nothing routing, straight while the worker routes, routed afterwards;
- **thread**: the same pan steps while `routing.route_map` runs on the app's worker thread
  (`background.run_in_background`) instead: what the window would feel with a thread holding
  the GIL (maps up to `--thread-up-to` claims; the thread cannot be stopped, so it runs to the
  end).
Prints the load average first and last: other processes slow every figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="bench-bgroute-config-")

from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from argmap.analysis import routing  # noqa: E402
from argmap.analysis.layout import layered_layout  # noqa: E402
from argmap.model.edits import MoveClaims  # noqa: E402
from argmap.model.synthetic import synthetic_map, tree_like_map  # noqa: E402


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def make_map(kind: str, n: int):
    if kind == "synthetic":
        return synthetic_map(n)
    m = tree_like_map(n, seed=0)
    MoveClaims.of(layered_layout(m)).apply(m)
    return m


def stats(times: list[float]) -> str:
    if not times:
        return "–"
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return f"{statistics.median(ms):.1f} / {p95:.1f} / {ms[-1]:.0f} ms ({len(ms)})"


class Panner:
    """Pan steps through the event loop, at a zoom, centred on a claim."""

    def __init__(self, app, window, hub: str) -> None:
        self.app, self.window, self.hub = app, window, hub
        self.k = 0

    def place(self, where: str) -> None:
        view = self.window.view
        view.set_zoom(float(where.rstrip(" %")) / 100)
        view.centerOn(QPointF(*self.window.scene.model.claims[self.hub].pos))
        view.settle()
        self.app.processEvents()

    def step(self) -> float:
        bar = self.window.view.horizontalScrollBar()
        self.k += 1
        start = time.perf_counter()
        bar.setValue(bar.value() + (40 if self.k % 2 else -40))
        self.app.processEvents()
        return time.perf_counter() - start

    def while_(self, busy, seconds: float) -> list[float]:
        """Steps for `seconds` or until `busy()` is False."""
        times = []
        end = time.perf_counter() + seconds
        while busy() and time.perf_counter() < end:
            times.append(self.step())
            time.sleep(0.005)  # a user's pace leaves the loop idle now and then
        return times


def run(app, kind: str, n: int, pan_seconds: float, thread: bool) -> None:
    from argmap.ui.background import run_in_background
    from argmap.ui.document import Document
    from argmap.ui.main_window import MainWindow
    from argmap.ui.scene import MapScene

    m = make_map(kind, n)
    hub = max(m.claims, key=lambda cid: len(m.relations_of(cid)))
    applying: list[float] = []
    arrived = MapScene.routes_arrived

    def timed_arrival(scene, style, batch) -> None:
        start = time.perf_counter()
        arrived(scene, style, batch)
        applying.append(time.perf_counter() - start)

    sliced = MapScene._route_slice

    def timed_slice(scene) -> None:
        start = time.perf_counter()
        sliced(scene)
        slices.append(time.perf_counter() - start)

    slices: list[float] = []
    MapScene.routes_arrived = timed_arrival  # type: ignore[method-assign]
    MapScene._route_slice = timed_slice  # type: ignore[method-assign]
    cpu0, start = children_cpu(), time.perf_counter()
    window = MainWindow(Document(m))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    scene = window.scene
    router = scene.router
    panner = Panner(app, window, hub)

    def busy() -> bool:  # straight until the routes arrive; a small map is routed at once
        return scene.routing_limited or router.active

    straight = {}
    if router.active:  # the frames with straight arrows, nothing routing: stop, then go on
        router.stop()
        for where in ("15 %", "100 %"):
            panner.place(where)
            straight[where] = panner.while_(lambda: True, min(pan_seconds, 3.0))
        cpu0, start = children_cpu(), time.perf_counter()
        scene.route_in_background(0)
    panner.place("15 %")
    during = {"15 %": panner.while_(busy, pan_seconds)}
    panner.place("100 %")
    during["100 %"] = panner.while_(busy, pan_seconds)
    while busy():
        app.processEvents()
        time.sleep(0.01)
    routed = time.perf_counter() - start
    worker_cpu = children_cpu() - cpu0
    MapScene.routes_arrived = arrived  # type: ignore[method-assign]
    MapScene._route_slice = sliced  # type: ignore[method-assign]
    print(
        f"{kind} {len(m.claims):,} claims, {len(m.relations):,} relations: open → routed "
        f"{routed:.1f} s wall, worker {worker_cpu:.1f} s CPU, applying "
        f"{sum(applying) * 1000:.0f} ms on the GUI thread (arrow items: {len(slices)} slices, "
        f"{sum(slices) * 1000:.0f} ms, the longest {max(slices, default=0) * 1000:.0f} ms); "
        f"{len(scene.index.map_routes):,} routes kept, {len(scene.relation_items):,} arrow items"
    )
    idle = {}
    for where in ("15 %", "100 %"):
        panner.place(where)
        idle[where] = panner.while_(lambda: True, min(pan_seconds, 3.0))
    results = {}
    if thread:
        arrows, rects = scene.index.routing_input(whole_map=True)
        done: list[float] = []
        t0 = time.perf_counter()
        run_in_background(
            lambda: routing.route_map(arrows, rects, "curved"),
            lambda result, error: done.append(time.perf_counter() - t0),
        )
        for where in ("15 %", "100 %"):
            panner.place(where)
            results[where] = panner.while_(lambda: not done, pan_seconds)
        while not done:
            app.processEvents()
            time.sleep(0.01)
        print(f"  route_map on the worker thread: {done[0]:.1f} s wall")
    for where in ("15 %", "100 %"):
        if straight:
            print(f"  pan step at {where:<6} straight, idle        {stats(straight[where])}")
        print(f"  pan step at {where:<6} straight, process     {stats(during[where])}")
        print(f"  pan step at {where:<6} routed, idle          {stats(idle[where])}")
        if thread:
            print(f"  pan step at {where:<6} routed, thread        {stats(results[where])}")
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[5000, 20000])
    parser.add_argument("--maps", nargs="*", default=["synthetic", "tree_like"])
    parser.add_argument("--thread-up-to", type=int, default=5000)
    parser.add_argument("--pan-seconds", type=float, default=4.0)
    parser.add_argument(
        "--routing-limit", type=int, help="MapScene.routing_limit (above: routed in the background)"
    )
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if args.routing_limit is not None:
        from argmap.ui.scene import MapScene

        MapScene.routing_limit = args.routing_limit
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for n in args.sizes:
        for kind in args.maps:
            run(app, kind, n, args.pan_seconds, n <= args.thread_up_to)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
