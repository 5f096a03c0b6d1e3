"""Canvas figures for a synthetic map (default 5,000 claims / 7,500 relations).

    python benchmarks/bench_canvas.py [N_CLAIMS] [--routed]

Prints: time to open and show the window (document, scene, items, first paint), time to paint
one frame at fit-to-map, at 15 % and at 100 % zoom (synchronous repaint of the 1600x1000 view,
zoomed-out labels included), a frame during a zoom step, the label placement once zooming
pauses, time of one drag step of a claim with 20 relations (setPos and re-routing its arrows),
and peak RSS. A map of more than `MapScene.routing_limit` relations opens with straight arrows
and is routed by a worker process meanwhile; `--routed` waits for its routes first, so the
frames draw the routed arrows (the overview's polylines around the cards).
Frames print CPU time / wall time (the machine is shared: CPU is the figure to compare when
the load average, printed first and last, is high). Runs offscreen unless a display is set,
with settings of its own (a fresh folder): a window layout saved by an earlier run of the app
changes the canvas's size and so every figure.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="bench-canvas-config-")

from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from argmap.model import Relation, RelationKind  # noqa: E402
from argmap.model.synthetic import synthetic_map  # noqa: E402


def timed(action, n: int) -> tuple[float, float]:
    """Median CPU time and median wall time of `action()`, in ms."""
    cpu, wall = [], []
    for i in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        action(i)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return statistics.median(cpu) * 1000, statistics.median(wall) * 1000


def frame_times(app, window, n: int = 20) -> tuple[float, float]:
    """Median CPU and wall time of a synchronous repaint of the viewport (ms)."""
    viewport = window.view.viewport()
    return timed(lambda i: viewport.repaint(), n)


def event_loop_steps(app, window, zoom: float, hub: str) -> tuple[tuple, tuple]:
    """A zoom step and a pan step at `zoom` as the event loop paints them: the canvas and
    everything that follows it (the minimap's rectangle, the zoom in the status bar)."""
    view = window.view
    view.set_zoom(zoom)
    view.centerOn(window.scene.claim_item(hub))
    window.scene.overview.settle()
    window.scene.labels.settle()
    app.processEvents()

    def zoom_step(i: int) -> None:
        view.set_zoom(zoom * (1.02 + 0.02 * (i % 4)))
        app.processEvents()

    zooming = timed(zoom_step, 20)
    bar = view.horizontalScrollBar()

    def pan_step(i: int) -> None:
        bar.setValue(bar.value() + (40 if i % 2 else -40))
        app.processEvents()

    return zooming, timed(pan_step, 20)


def show(label: str, times: tuple[float, float], note: str = "") -> None:
    print(f"{label:<25}{times[0]:6.1f} ms CPU {times[1]:6.1f} ms wall {note}".rstrip())


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 5000
    app = QApplication.instance() or QApplication(sys.argv[:1])
    m = synthetic_map(n, n * 3 // 2, seed=11)
    hub = "c10"
    have = len(m.relations_of(hub))
    k = 0
    while len(m.relations_of(hub)) < 20:  # give one claim 20 relations for the drag figure
        src = f"c{100 + k}"
        if not any(r.source == src and r.target == hub for r in m.relations.values()):
            m.add_relation(Relation(f"hub{k}", src, hub, RelationKind.SUPPORT))
        k += 1
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    from argmap.ui.document import Document
    from argmap.ui.main_window import MainWindow

    start = time.perf_counter()
    window = MainWindow(Document(m))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    window.view.fit_map()
    window.view.viewport().repaint()
    opened = time.perf_counter() - start
    if "--routed" in sys.argv:
        waited = time.perf_counter()
        router = window.scene.router
        while router.active:
            app.processEvents()
            time.sleep(0.01)
        app.processEvents()
        print(f"routed in the background in {time.perf_counter() - waited:.1f} s more")

    print(f"load average: {os.getloadavg()[0]:.1f}")
    window.scene.overview.settle()
    window.scene.labels.settle()
    app.processEvents()
    fit_zoom = window.view.zoom()
    fit = frame_times(app, window)

    def zoom_step(i: int) -> None:  # wheel notches at overview zoom: the quick overview
        window.view.set_zoom(fit_zoom * (1.05 + 0.05 * (i % 4)))
        window.view.viewport().repaint()

    zooming = timed(zoom_step, 20)
    window.scene.overview.settle()  # zooming paused: the full overview is drawn once
    labels = window.scene.labels
    start = time.perf_counter()
    labels.settle()  # and the labels are placed for the new zoom
    placing = time.perf_counter() - start
    settle = timed(lambda i: window.view.viewport().repaint(), 1)
    window.view.set_zoom(0.15)
    window.view.centerOn(window.scene.claim_item(hub))
    window.scene.overview.settle()
    labels.settle()
    app.processEvents()
    at_015 = frame_times(app, window)
    shown_labels = len(labels.placed_ids())
    steps_015 = event_loop_steps(app, window, 0.15, hub)
    window.view.set_zoom(1.0)
    window.view.centerOn(window.scene.claim_item(hub))
    app.processEvents()
    full = frame_times(app, window)
    steps_100 = event_loop_steps(app, window, 1.0, hub)

    item = window.scene.claim_item(hub)
    origin = item.pos()
    steps = []
    for i in range(300):
        start = time.perf_counter()
        item.setPos(origin + QPointF(i % 50, (i * 3) % 40))
        steps.append(time.perf_counter() - start)
    item.setPos(origin)
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    print(
        f"map: {len(m.claims):,} claims, {len(m.relations):,} relations "
        f"(claim {hub} has {len(m.relations_of(hub))} relations, was {have})"
    )
    print(f"open and show            {opened:7.3f} s")
    show(f"frame at fit ({fit_zoom * 100:4.1f} %)", fit)
    show("frame while zooming", zooming, "(cards only, median of 20 steps)")
    print(f"labels placed on pause   {placing * 1000:7.1f} ms (whole map, once per zoom)")
    show("frame when zooming stops", settle, "(arrows drawn again, once)")
    show("frame at 15 %", at_015, f"({shown_labels:,} labels placed)")
    show("frame at 100 %", full)
    for name, (zooms, pans) in (("15 %", steps_015), ("100 %", steps_100)):
        show(f"zoom step at {name}", zooms, "(event loop: canvas, minimap, status bar)")
        show(f"pan step at {name}", pans, "(event loop)")
    print(f"drag step, 20 relations  {statistics.median(steps) * 1000:7.3f} ms (median of 300)")
    print(
        f"peak RSS                 {rss1 / 1024:7.0f} MiB (before the window {rss0 / 1024:.0f} MiB)"
    )
    print(f"load average: {os.getloadavg()[0]:.1f}")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
