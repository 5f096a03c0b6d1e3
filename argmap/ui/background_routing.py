"""BackgroundRouting: a big map's arrows routed in a worker process, applied when they arrive,
and kept right while the map is edited.

A canvas of more relations than `MapScene.routing_limit` opens with straight arrows (routing
its arrows on the GUI thread held the window for minutes). Half a second after it is shown
(its first picture comes first), the map's geometry goes to a worker process
(`RouteProcess`, `argmap.analysis.route_batch`): a process, not the app's worker thread, as
routing is pure Python and a thread holding the GIL made every frame of the window wait
(README, "Routing big maps in the background"). The window shows "Routing arrows… N %" and
can stop it.

Edits go on meanwhile and are never lost: when the routes arrive, those an edit made stale
since the geometry was taken (`route_batch.stale_routes`: the arrow or a card at its ends
changed, a card came or went across its way, ...) are not applied. The arrow items the canvas
has made take the rest at once, the others are routed again alone; the arrows without an item
(a lazy canvas) keep their routes in `CanvasIndex.map_routes` for the overview, the minimap and
the arrow items made later, and those a later edit makes stale are dropped and routed again in
the next, short run (only those arrows: `route_map(only=...)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from argmap.analysis.route_batch import (
    PackedRoute,
    changed_cards,
    drawn_points,
    stale_routes,
    unpack,
)
from argmap.analysis.routing import Arrow, Rect
from argmap.ui.items.rerouting import adjust_all
from argmap.ui.route_process import RouteProcess

if TYPE_CHECKING:
    from argmap.ui.scene import MapScene

# After opening, after an edit: the first picture comes first, and edits in a row go together.
START_MS = 500
CHECK_MS = 150  # after an edit, the kept routes are checked against it

Geometry = tuple[dict[str, Arrow], dict[str, Rect]]


class BackgroundRouting(QObject):
    """The worker runs of one canvas, and what they leave it."""

    changed = Signal()  # a run started or ended, its routes were applied, or it was stopped
    progressed = Signal(int)  # percent of the running run

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self.scene = scene
        self.style: str | None = None  # the style being routed; None: not routing
        self.process: RouteProcess | None = None
        self.applied = False  # the first routes arrived: the arrows are routed
        self.runs = 0  # runs whose routes were applied
        self.percent = 0
        self.error: str | None = None
        self._snapshot: Geometry | None = None  # what the running worker was given
        self._basis: Geometry | None = None  # what the kept routes are right for
        self._pending: set[str] | None = set()  # arrows to route next (None: all)
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self._start)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_MS)
        self._check_timer.timeout.connect(self._check)

    # -- what the canvas and the window ask -----------------------------------------------

    @property
    def active(self) -> bool:
        """Whether arrows are being routed or wait to be (a run running or about to)."""
        return self.style is not None and (
            self.process is not None
            or self._start_timer.isActive()
            or self.scene.applying_routes()
        )

    def begin(self, style: str, delay: int = START_MS) -> None:
        """Route every arrow in `style`, starting in `delay` ms."""
        self._end_run()
        self.scene.stop_applying()
        self.style = style
        self.applied = False
        self.error = None
        self._basis = None
        self._pending = None
        self.scene.index.drop_routes()
        self._start_timer.start(delay)
        self.changed.emit()

    def stop(self) -> None:
        """The user stops it: arrows routed so far stay; those not routed yet stay straight."""
        self._end_run()
        self._pending = set()
        if not self.applied:
            self.style = None
        self.changed.emit()

    def close(self) -> None:
        """The canvas goes away: the worker with it, nothing announced."""
        self.blockSignals(True)
        self._end_run()
        self.scene.stop_applying()
        self.style = None

    def forget(self) -> None:
        """Arrows are drawn another way (straight, or a style routed on the GUI thread)."""
        self._end_run()
        self.scene.stop_applying()
        self.style = None
        self.applied = False
        self._basis = None
        self._pending = set()
        self.scene.index.drop_routes()

    def model_changed(self) -> None:
        """The map changed: check the kept routes against it soon (edits in a row once)."""
        if self.style is not None and self.applied:
            self._check_timer.start()

    def pid(self) -> int | None:
        return self.process.pid() if self.process is not None else None

    # -- runs -----------------------------------------------------------------------------

    def _end_run(self) -> None:
        self._start_timer.stop()
        self._check_timer.stop()
        if self.process is not None:
            self.process.stop()
            self.process.deleteLater()
            self.process = None
        self._snapshot = None

    def _geometry(self) -> tuple[list[Arrow], Geometry]:
        arrows, rects = self.scene.index.routing_input(whole_map=True)
        return arrows, ({a.id: a for a in arrows}, rects)

    def _start(self) -> None:
        if self.style is None or self.process is not None:
            return
        index = self.scene.index
        arrows, now = self._geometry()
        if self.applied:
            self._catch_up(now)
        only = None
        aims: dict[str, tuple[float, float]] = {}
        if self._pending is not None:
            only = {
                rid for rid in self._pending if rid in now[0] and rid not in index.relation_items
            }
            if not only:
                self._pending = set()
                return
            for rid in only:  # undercuts aim at arrows drawn already
                target = now[0][rid].target
                if now[0][rid].undercut and target not in only:
                    aim = index.drawn_middle(target)
                    if aim is not None:
                        aims[target] = aim
        self._pending = set()
        self._snapshot = now
        self.percent = 0
        self.process = RouteProcess((arrows, now[1], self.style, only, aims), self)
        self.process.progressed.connect(self._progressed)
        self.process.finished.connect(self._finished)
        self.process.failed.connect(self._failed)
        self.process.start()
        self.changed.emit()

    def _progressed(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent != self.percent:
            self.percent = percent
            self.progressed.emit(percent)

    def _failed(self, message: str) -> None:
        self._end_run()
        self.error = message
        if not self.applied:
            self.style = None
        self.changed.emit()

    def _finished(self, routes: dict[str, PackedRoute]) -> None:
        assert self._snapshot is not None and self.style is not None
        then = self._snapshot
        self._end_run()
        index = self.scene.index
        _, now = self._geometry()
        if self.applied:
            self._catch_up(now)
        stale = _stale(then, now, routes)
        if stale is None:  # the map changed too much meanwhile (a layout): route it again
            self._pending = None
            self._start_timer.start(START_MS)
            self.changed.emit()
            return
        first = not self.applied
        batch = {}
        stored: list[str] = []
        for rid, packed in routes.items():
            if rid not in now[0] or rid in stale:
                continue
            if rid in index.relation_items:  # made: routes itself after the first run
                if first:
                    batch[rid] = unpack(packed)
                continue
            index.keep_route(rid, packed)
            stored.append(rid)
        self._wait_for(rid for rid in stale if rid in now[0])
        self._basis = now
        self.applied = True
        self.runs += 1
        if first:
            self.scene.routes_arrived(self.style, batch)
        else:
            self.scene.routes_stored(stored)
        if self._pending is None or self._pending:
            self._start_timer.start(START_MS)
        self.changed.emit()

    # -- keeping routes right ---------------------------------------------------------------

    def _wait_for(self, rids) -> None:
        if self._pending is not None:
            made = self.scene.index.relation_items
            self._pending.update(rid for rid in rids if rid not in made)

    def _check(self) -> None:
        if self.style is None or not self.applied or self._basis is None:
            return
        _, now = self._geometry()
        dropped = self._catch_up(now)
        if dropped:
            self.scene.routes_stored([])
        if (self._pending is None or self._pending) and self.process is None:
            self._start_timer.start(START_MS)
            self.changed.emit()

    def _catch_up(self, now: Geometry) -> bool:
        """Drop the kept routes an edit made stale since they were made (they wait for the
        next run); True if any was dropped."""
        assert self._basis is not None
        index = self.scene.index
        kept = index.map_routes
        stale = _stale(self._basis, now, kept)
        self._basis = now
        if stale is None:
            self._pending = None
            gone = list(kept)
        else:
            gone = [rid for rid in kept if rid in stale or rid not in now[0]]
            self._wait_for(rid for rid in stale if rid in now[0])
        for rid in gone:
            index.drop_route(rid)
        # Arrow items made from a kept route after an edit made it stale: routed again.
        taken, index.taken = index.taken, set()
        again = [
            index.relation_items[rid]
            for rid in taken
            if rid in index.relation_items and (stale is None or rid in stale)
        ]
        if again:
            adjust_all(again)
        return bool(gone)


def _stale(then: Geometry, now: Geometry, routes: dict[str, PackedRoute]) -> set[str] | None:
    if then[0] == now[0] and then[1] == now[1]:
        return set()
    cards, areas = changed_cards(then[1], now[1])
    boxes = {rid: packed.box for rid, packed in routes.items()}
    return stale_routes(
        now[0], then[0], cards, areas, boxes, lambda rid: drawn_points(routes[rid])
    )
