"""How long the app's evaluation overlay takes to follow an edit.

    python benchmarks/bench_evaluation_ui.py [N_CLAIMS ...]   (default: the seed map and 1000)

For each map and semantics, in a real (offscreen) window: the median time of one recompute on
the GUI thread (`EvaluationController.recompute` forced synchronous, for a what-if on one
claim: evaluate + put the overlay on the cards), the evaluation alone, the copy a background
recompute starts with, and one `check(map)` for the checks panel. The app evaluates on the
GUI thread while the last evaluation took at most `BACKGROUND_AFTER_MS`, on the worker thread
otherwise (and the first time on a map of more than `BACKGROUND_CLAIMS` claims).
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from argmap.analysis.checks import check  # noqa: E402
from argmap.io import native  # noqa: E402
from argmap.model.synthetic import synthetic_map  # noqa: E402
from argmap.ui.features import evaluation as ev_ui  # noqa: E402

SEED = os.path.join(os.path.dirname(__file__), "..", "seeds", "peace-talks.argmap")


def median_ms(fn, n: int = 7) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(app, name: str, m) -> None:
    """Print the figures of one map."""
    from argmap.ui.document import Document
    from argmap.ui.main_window import MainWindow

    window = MainWindow(Document(m))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    ctl = window.features["evaluation"]
    # Measure the synchronous path (the app would send the slow ones to the worker).
    ctl.background_claims = 10**9
    ev_ui.BACKGROUND_AFTER_MS = float("inf")
    first = next(iter(m.claims))

    def once() -> None:
        # A what-if on one claim and back: two recomputes that change cards.
        ctl.preview(first, 0.0)
        ctl.recompute()
        ctl.preview(None)
        ctl.recompute()

    for semantics in ("grounded", "preferred", "stable", "dfquad", "qe"):
        ctl.set_semantics(semantics, remember=False)
        while not ctl.is_current():
            app.processEvents()
        total = median_ms(once) / 2
        alone = median_ms(lambda s=semantics: ev_ui.timed_evaluation(m, s, {}))
        print(f"{name:<16} {semantics:<10} {total:>8.1f}ms {alone:>7.1f}ms")
    print(f"{name:<16} copy (background start) {median_ms(m.copy):.1f} ms")
    print(f"{name:<16} check {median_ms(lambda: check(m)):.1f} ms")
    ctl.set_semantics(None, remember=False)
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()


def main() -> None:
    app = QApplication.instance() or QApplication([])
    maps = [("seed", native.read(SEED))]
    for arg in sys.argv[1:] or ["1000"]:
        maps.append((f"synthetic {int(arg):,}", synthetic_map(int(arg))))
    print(f"{'map':<16} {'semantics':<10} {'recompute':>10} {'evaluate':>9}")
    for name, m in maps:
        measure(app, name, m)


if __name__ == "__main__":
    main()
