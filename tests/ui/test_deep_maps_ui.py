"""A deep map in the real window: a chain of claims and a chain of undercuts, both far past
Python's recursion limit, open, show in the outline, lay out, evaluate, export and save.

(The outline crashed with RecursionError on a chain of 5,000 claims; arrows re-routed their
undercuts recursively.) 100,000-claim chains are tested without a window in
tests/analysis/test_deep_maps.py; here 1,200 claims and 1,050 undercuts, past the limit,
keep the window test short.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QDockWidget

from argmap.io import registry
from argmap.model.synthetic import chain_map
from argmap.ui.docks.outline import MAX_DEPTH
from argmap.ui.document import Document
from argmap.ui.main_window import MainWindow

CLAIMS = 1_200
UNDERCUTS = 1_050


def test_a_deep_chain_opens_lays_out_evaluates_exports_and_saves(qtbot, tmp_path):
    assert CLAIMS > sys.getrecursionlimit() and UNDERCUTS > sys.getrecursionlimit()
    m = chain_map(CLAIMS, undercuts=UNDERCUTS)
    path = tmp_path / "chain.argmap"
    registry.write(m, path)
    win = MainWindow(Document.open(path))
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    assert len(win.scene.claim_items) == CLAIMS + UNDERCUTS
    last = win.scene.relation_items[f"x{UNDERCUTS - 1}"]
    assert last.isVisible() and not last.boundingRect().isEmpty()

    # The outline lists every claim, nested no deeper than MAX_DEPTH levels. (Its tab is
    # brought forward first, as a user would: on a map this big a panel behind another tab
    # fills only when it comes into view, and the panel layout is whatever the last window
    # of this test session left.)
    outline = win.outline
    dock = outline.parentWidget()
    while not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: len(outline._items) == CLAIMS + UNDERCUTS)
    items = outline._items
    assert len(items) == CLAIMS + UNDERCUTS
    deepest = items[f"c{CLAIMS - 1}"]
    depth = 0
    while deepest.parent() is not None:
        deepest, depth = deepest.parent(), depth + 1
    assert depth == MAX_DEPTH - 1
    assert items[f"c{CLAIMS - 1}"].text(0).startswith(f"(level {CLAIMS})")

    # Automatic layout of the whole map: one undo step.
    before = {c: (v.x, v.y) for c, v in win.document.model.claims.items()}
    win.layout_action.trigger()
    after = win.document.model.claims
    assert after["c0"].y < after[f"c{CLAIMS - 1}"].y
    win.document.undo_stack.undo()
    assert {c: (v.x, v.y) for c, v in win.document.model.claims.items()} == before
    win.document.undo_stack.redo()

    # Evaluation overlay (on the worker thread for a map this big).
    evaluation = win.features["evaluation"]
    evaluation.set_semantics("grounded", remember=False)
    qtbot.waitUntil(lambda: evaluation.evaluation is not None, timeout=120_000)
    assert win.scene.claim_items[f"c{CLAIMS - 1}"].overlay_label == "in"

    svg = tmp_path / "chain.svg"
    assert win.export_to(svg)
    assert svg.read_bytes().startswith(b"<?xml")
    saved = tmp_path / "saved.argmap"
    assert win._save_to(saved)
    assert registry.read(saved) == win.document.model
    win.document.undo_stack.setClean()
    QApplication.processEvents()
