"""Long work shows progress and can be cancelled, leaving the document untouched (issue 20)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from argmap.model.progress import Cancelled
from argmap.model.synthetic import synthetic_map
from argmap.ui import long_work
from argmap.ui.long_work import run_here, run_long


def _cancel_when_shown(qtbot, interval: int = 5) -> QTimer:
    """Press the progress dialog's Cancel button as soon as the dialog is on screen (looking
    every `interval` ms; 0: in every event-loop pass)."""
    timer = QTimer()
    timer.setInterval(interval)

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QProgressDialog) and dialog.isVisible():
            timer.stop()
            (cancel,) = dialog.findChildren(QPushButton)
            qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    timer.timeout.connect(look)
    timer.start()
    return timer


def test_quick_work_shows_no_dialog_and_returns_its_result(qtbot, window):
    assert run_long(window, "Adding…", lambda progress: 2 + 2) == 4
    assert not any(w.isVisible() for w in window.findChildren(QProgressDialog))


def test_errors_of_the_job_reach_the_caller(qtbot, window):
    def job(progress):
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        run_long(window, "Failing…", job)


def test_cancel_returns_at_once_and_stops_a_job_that_reports_progress(qtbot, window):
    release = threading.Event()
    steps_after_cancel = []

    def job(progress):
        for i in range(1000):
            progress(i, 1000)
            release.wait(0.01)
            if release.is_set():
                steps_after_cancel.append(i)
        return "finished"

    timer = _cancel_when_shown(qtbot)
    with pytest.raises(Cancelled):
        run_long(window, "Counting…", job, show_after_ms=0)
    timer.stop()
    release.set()
    # The job's next progress call raised Cancelled: it did not run to its end.
    qtbot.waitUntil(lambda: not any(t.name == "argmap-long-work" for t in threading.enumerate()))
    assert len(steps_after_cancel) <= 1


def _gated(real, gate: threading.Event):
    """`real`, started only once `gate` is set: the work is still running when Cancel is
    pressed, however fast this machine reads or lays out (the real function does the work)."""

    def run(*args, **kwargs):
        assert gate.wait(30), "the test never let the work start"
        return real(*args, **kwargs)

    return run


def test_cancelling_an_open_keeps_the_open_document(qtbot, window, seed_path, monkeypatch):
    from argmap.ui.document import Document

    gate = threading.Event()
    monkeypatch.setattr(Document, "read", staticmethod(_gated(Document.read, gate)))
    monkeypatch.setattr(long_work, "SHOW_AFTER_MS", 0)
    before, model = window.document, window.document.model
    claims = dict(model.claims)
    timer = _cancel_when_shown(qtbot)
    assert window.open_path(seed_path) is False
    gate.set()
    timer.stop()
    assert window.document is before and window.document.model is model
    assert window.document.model.claims == claims
    assert "cancelled" in window.statusBar().currentMessage()
    assert not any(w.isVisible() for w in window.findChildren(QProgressDialog))


def test_cancelling_a_layout_moves_nothing_and_leaves_no_undo_step(qtbot, window, monkeypatch):
    from argmap.analysis import layout

    gate = threading.Event()
    monkeypatch.setattr(layout, "layered_layout", _gated(layout.layered_layout, gate))
    monkeypatch.setattr(long_work, "SHOW_AFTER_MS", 0)
    m = window.document.model
    window.scene.select_ids([])
    places = {cid: (c.x, c.y) for cid, c in m.claims.items()}
    steps = window.document.undo_stack.count()
    timer = _cancel_when_shown(qtbot)
    window.context.actions["view.layout"].trigger()
    gate.set()
    timer.stop()
    assert {cid: (c.x, c.y) for cid, c in m.claims.items()} == places
    assert window.document.undo_stack.count() == steps
    assert "cancelled" in window.statusBar().currentMessage()
    # Not cancelled, the same layout moves the cards: the cancel is what kept them.
    window.context.actions["view.layout"].trigger()
    assert {cid: (c.x, c.y) for cid, c in m.claims.items()} != places


def test_a_layout_that_is_not_cancelled_is_one_undo_step(qtbot, window, monkeypatch):
    from argmap.ui.document import Document

    window.set_document(Document(synthetic_map(400)))
    monkeypatch.setattr(long_work, "SHOW_AFTER_MS", 0)
    steps = window.document.undo_stack.count()
    window.context.actions["view.layout"].trigger()
    assert window.document.undo_stack.count() == steps + 1
    assert not any(w.isVisible() for w in window.findChildren(QProgressDialog))


def test_a_long_evaluation_can_be_cancelled_and_its_answer_is_dropped(qtbot, window, monkeypatch):
    from argmap.ui.background import run_in_background
    from argmap.ui.document import Document

    window.set_document(Document(synthetic_map(400)))  # past BACKGROUND_CLAIMS: on the worker
    ctl = window.features["evaluation"]
    ctl._busy_timer.setInterval(0)  # say "Evaluating…" at once
    claims = dict(window.document.model.claims)
    # The one worker thread is busy with other work until the test lets it go: the evaluation
    # waits in its queue, as it does behind a long check of a big map.
    other_work = threading.Event()
    run_in_background(lambda: other_work.wait(60), lambda result, error: None)
    ctl.set_semantics("qe", remember=False)
    qtbot.waitUntil(lambda: ctl.busy.isVisible())
    assert ctl._busy
    qtbot.mouseClick(ctl.cancel_button, Qt.MouseButton.LeftButton)
    assert ctl.semantics is None and not ctl.busy.isVisible()
    assert window.findChild(object, "evaluation-combo").currentData() is None
    assert "cancelled" in window.statusBar().currentMessage()
    other_work.set()
    qtbot.waitUntil(lambda: not ctl._busy, timeout=30_000)  # the dropped answer arrived
    assert all(item.overlay_label is None for item in window.scene.claim_items.values())
    assert window.document.model.claims == claims
    assert not ctl.legend.isVisible()


def test_the_overlay_has_a_legend_in_words_and_colours(qtbot, window):
    ctl = window.features["evaluation"]
    ctl.set_semantics("grounded", remember=False)
    qtbot.waitUntil(lambda: ctl.legend.isVisible())  # computed at the next turn of the loop
    text = ctl.legend.text()
    assert "in (accepted)" in text and "out (rejected)" in text and "undecided" in text
    assert window.theme.label_out.name() in text
    ctl.set_semantics("dfquad", remember=False)
    qtbot.waitUntil(lambda: "strong" in ctl.legend.text() and "weak" in ctl.legend.text())
    ctl.set_semantics(None, remember=False)
    qtbot.waitUntil(lambda: not ctl.legend.isVisible())


def _cancel_at_once(qtbot) -> QTimer:
    """Press Cancel in the first event-loop pass that finds the progress dialog shown (a
    zero-interval timer runs in every pass, so in the export's first slice break)."""
    return _cancel_when_shown(qtbot, interval=0)


@pytest.mark.parametrize("ext", [".png", ".svg", ".pdf"])
def test_cancelling_a_picture_export_writes_no_file_and_restores_the_canvas(
    qtbot, window, tmp_path, monkeypatch, ext
):
    from argmap.ui.document import Document

    window.set_document(Document(synthetic_map(600)))
    window.view.fit_map()
    scene = window.scene
    assert scene.overview_mode
    scene.select_ids(["c1"])
    monkeypatch.setattr(long_work, "SHOW_AFTER_MS", 0)
    seen: list[tuple[int, int]] = []

    def watch() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QProgressDialog) and dialog.isVisible():
            seen.append((dialog.value(), dialog.maximum()))

    spy = QTimer()
    spy.setInterval(0)
    spy.timeout.connect(watch)
    spy.start()
    timer = _cancel_at_once(qtbot)
    target = tmp_path / f"map{ext}"
    assert window.export_to(target) is False
    timer.stop()
    spy.stop()
    assert seen and seen[0][1] > 250  # a bar over the items to draw, shown while drawing
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert "cancelled" in window.statusBar().currentMessage()
    assert not any(w.isVisible() for w in window.findChildren(QProgressDialog))
    # The canvas is as it was: overview drawing, selection, caches, updates.
    assert scene.overview_mode and scene.selected_claim_ids() == ["c1"]
    assert window.view.viewport().updatesEnabled()
    # Not cancelled, the same export writes the picture, with the same progress dialog.
    seen.clear()
    spy.start()
    assert window.export_to(target) is True
    spy.stop()
    assert target.stat().st_size > 1000 and seen and max(v for v, _ in seen) > 0
    assert scene.overview_mode and scene.selected_claim_ids() == ["c1"]


def test_work_on_the_gui_thread_quick_shows_no_dialog_and_errors_reach_the_caller(qtbot, window):
    def count(progress):
        for i in range(10):
            progress(i, 10)
        return "counted"

    assert run_here(window, "Counting…", count) == "counted"
    assert not any(w.isVisible() for w in window.findChildren(QProgressDialog))

    def fail(progress):
        progress(0, 1)
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        run_here(window, "Failing…", fail)
    assert not any(w.isVisible() for w in window.findChildren(QProgressDialog))
