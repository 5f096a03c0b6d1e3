"""Review panel and compare view on big maps: how long a comment, a filter and a comparison take.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_review_ui.py [N_CLAIMS ...]

For each size: a real MainWindow on `synthetic_map(n)` with n/25 comment threads; times (best of
3) for rebuilding the Review list, adding one comment from the panel (edit, undo stack, badge,
list), switching the status filter, starting a comparison with a version that differs in 10 %
of the claims (changed, added, removed) and ending it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="argmap-bench-")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argmap.analysis import review  # noqa: E402
from argmap.model.edits import Composite  # noqa: E402
from argmap.model.synthetic import synthetic_map  # noqa: E402
from argmap.model.types import Claim, with_changes  # noqa: E402
from argmap.ui.app import make_application  # noqa: E402
from argmap.ui.document import Document  # noqa: E402
from argmap.ui.main_window import MainWindow  # noqa: E402


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run(n: int, app) -> None:
    m = synthetic_map(n, seed=3)
    ids = sorted(m.claims)
    edits = [
        review.add_comment(
            m, cid, f"comment {i}", "Ann" if i % 2 else "Bob", "2026-11-25T08:00:00Z", f"cm{i}"
        )
        for i, cid in enumerate(ids[::25])
    ]
    Composite(tuple(edits), "seed comments").apply(m)
    window = MainWindow(Document(m))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    panel = window.features["review"].panel
    rebuild = best(panel.rebuild)
    window.scene.select_ids([ids[1]])
    panel.editor.setPlainText("x")

    def comment() -> None:
        panel.editor.setPlainText("Source?")
        panel.comment()
        app.processEvents()

    one_comment = best(comment)
    status = best(
        lambda: (panel.status_filter.setCurrentIndex(1), panel.status_filter.setCurrentIndex(0))
    )
    other = window.document.model.copy()
    tenth = ids[: n // 10]
    for cid in tenth[: len(tenth) // 3]:
        other.replace_claim(with_changes(other.claims[cid], text="older wording"))
    for cid in tenth[len(tenth) // 3 : 2 * len(tenth) // 3]:
        for r in list(other.relations_of(cid)):
            if r.id in other.relations:
                for u in list(other.undercuts_of(r.id)):
                    other.remove_relation(u.id)
                other.remove_relation(r.id)
        other.remove_claim(cid)
    for i in range(len(tenth) // 3):
        other.add_claim(Claim(f"old{i}", "a removed claim", x=i * 10.0, y=-500.0))

    def start_end() -> tuple[float, float]:
        t = time.perf_counter()
        window.features["compare"].start(other, "older")
        app.processEvents()
        t1 = time.perf_counter()
        window.features["compare"].end()
        app.processEvents()
        return t1 - t, time.perf_counter() - t1

    runs = [start_end() for _ in range(3)]
    start = min(r[0] for r in runs)
    end = min(r[1] for r in runs)
    print(
        f"{n:>6} claims, {len(edits)} threads: list rebuild {rebuild * 1000:.0f} ms, "
        f"one comment {one_comment * 1000:.0f} ms, status filter switch {status * 1000:.0f} ms, "
        f"compare start {start * 1000:.0f} ms ({len(tenth)} claims differ), end {end * 1000:.0f} ms"
    )
    window.document.undo_stack.setClean()
    window.close()


def main() -> None:
    app = make_application()
    sizes = [int(a) for a in sys.argv[1:]] or [500, 5000]
    for n in sizes:
        run(n, app)


if __name__ == "__main__":
    main()
