"""Undercut handling at scale: 100,000 chained and 100,000 flat undercuts.

    python benchmarks/bench_undercuts.py [N] [STEP ...]

A chain: claims a and b, b supports a (r0), u1 undercuts r0, u2 undercuts u1, ... (sources
alternate between a and b, as an argument and its rebuttals would). Flat: N claims each
undercutting r0. Each step (build, check_invariants, save and load .argmap, save and load
GraphML, evaluation, layout, drawing it on a canvas and moving a card, removing the supported
claim with its cascade and undoing it) is timed once; every step is linear, so 100,000
undercuts take seconds, not hours. A step that goes past 60 s is reported as a hang
(SIGALRM) and the run goes on.
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable

from argmap.model.map import ArgumentMap, build_map
from argmap.model.types import Claim, Relation, RelationKind

LIMIT_SECONDS = 60


def chain(n: int) -> ArgumentMap:
    """Two claims, a support, and n undercuts each attacking the one before."""
    claims = [Claim("a", "conclusion"), Claim("b", "premise", x=0.0, y=200.0)]
    relations = [Relation("r0", "b", "a", RelationKind.SUPPORT)]
    for i in range(1, n + 1):
        source = "a" if i % 2 else "b"
        target = f"u{i - 1}" if i > 1 else "r0"
        relations.append(Relation(f"u{i}", source, target, RelationKind.ATTACK))
    relations.reverse()  # undercuts before their targets: the worst order for a reader
    return build_map(claims, relations)


def flat(n: int) -> ArgumentMap:
    """Two claims, a support, and n claims each undercutting it."""
    claims = [Claim("a", "conclusion"), Claim("b", "premise", x=0.0, y=200.0)]
    claims += [Claim(f"c{i}", f"objection {i}", x=float(i), y=-200.0) for i in range(n)]
    relations = [Relation(f"u{i}", f"c{i}", "r0", RelationKind.ATTACK) for i in range(n)]
    relations.append(Relation("r0", "b", "a", RelationKind.SUPPORT))
    return build_map(claims, relations)


class Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hang()


def timed(label: str, func: Callable[[], object]) -> object:
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT_SECONDS)
    start = time.perf_counter()
    try:
        result = func()
    except Hang:
        print(f"  {label:<28} HANG (over {LIMIT_SECONDS} s)", flush=True)
        return None
    except RecursionError:
        print(f"  {label:<28} RecursionError", flush=True)
        return None
    finally:
        signal.alarm(0)
    print(f"  {label:<28} {time.perf_counter() - start:7.2f} s", flush=True)
    return result


def steps(make: Callable[[int], ArgumentMap], n: int, only: set[str]) -> None:
    import tempfile
    from pathlib import Path

    from argmap.analysis.evaluation import evaluate
    from argmap.analysis.layout import layered_layout
    from argmap.io import graphml, native
    from argmap.model.edits import RemoveClaim

    def want(step: str) -> bool:
        return not only or step in only

    m = timed("build", lambda: make(n))
    if m is None:
        return
    if want("invariants"):
        timed("check_invariants", m.check_invariants)
    if want("copy"):
        timed("copy", m.copy)
    with tempfile.TemporaryDirectory() as tmp:
        if want("native"):
            path = Path(tmp) / "m.argmap"
            timed("save .argmap", lambda: native.write(m, path))
            timed("load .argmap", lambda: native.read(path))
        if want("graphml"):
            path = Path(tmp) / "m.graphml"
            timed("save GraphML", lambda: graphml.write(m, path))
            timed("load GraphML", lambda: graphml.read(path))
    if want("evaluate"):
        timed("evaluate (grounded)", lambda: evaluate(m))
    if want("layout"):
        timed("layout", lambda: layered_layout(m))
    if want("canvas"):
        canvas(m)
    if want("cascade"):
        undo = timed("remove claim a (cascade)", lambda: RemoveClaim("a").apply(m))
        if undo is not None:
            timed("undo the removal", lambda: undo.apply(m))  # type: ignore[attr-defined]


def canvas(m: ArgumentMap) -> None:
    """Draw the map on a canvas (straight arrows, as a map this big opens) and move the card
    that most undercuts start from or aim at, the way one drag step does."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from argmap.ui.document import Document
    from argmap.ui.scene import MapScene

    app = QApplication.instance() or QApplication([])
    scene = timed(  # every item made: the figure is the whole canvas's
        "draw (build the canvas)", lambda: MapScene(Document(m), arrows="straight", lazy=False)
    )
    if scene is None:
        return
    card = scene.claim_items["a"]
    timed("move card a (one drag step)", lambda: card.setPos(card.pos() + QPointF(40, 0)))
    app.processEvents()
    scene.disconnect_model()  # the steps after this one time the model alone


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    only = set(sys.argv[2:])
    for label, make in (("chained", chain), ("flat", flat)):
        print(f"{n:,} {label} undercuts", flush=True)
        steps(make, n, only)


if __name__ == "__main__":
    main()
