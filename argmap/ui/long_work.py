"""Long work off the GUI thread, with a progress dialog and Cancel that leaves the map untouched.

Reading a big file, laying out or comparing big maps, writing an export: each is a pure job
(no Qt object, no live document) that `run_long` runs on a worker thread while the window
stays responsive. If the job takes longer than `SHOW_AFTER_MS`, a window-modal progress dialog
appears (modal, so nothing can edit the document meanwhile) with a Cancel button. Jobs that
know how far they are take the `Progress` callback (`argmap.model.progress`) and get a bar
with a percentage; others get a busy bar. Cancel returns at once with `Cancelled`: the caller
applies nothing, so the document is exactly as it was. A job that checks its progress callback
stops at the next step; one that does not runs on to its end on its thread and its result is
dropped.

Work that must run on the GUI thread (drawing a picture of the canvas: Qt's items may only be
painted there) goes through `run_here` instead: the job does its work in slices and calls its
`progress` between them, which keeps the dialog (same rule, same Cancel) alive.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from argmap.model.progress import Cancelled, Progress

T = TypeVar("T")

SHOW_AFTER_MS = 500
"""Work that ends sooner shows no dialog at all (about half a second: the issue's threshold)."""
POLL_MS = 80
"""How often the dialog's bar follows the job's progress."""


def _progress_dialog(label: str, parent: QWidget | None) -> QProgressDialog:
    """The window-modal progress dialog, not shown yet (the caller shows it when the work
    has taken `SHOW_AFTER_MS`)."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setObjectName("long-work-progress")
    dialog.setWindowTitle("argmap")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    # Shown by our own timer: this also pushes back the show timer QProgressDialog starts on
    # construction (about 4 s), so a busy bar without setValue calls follows our rule.
    dialog.setMinimumDuration(1 << 30)
    return dialog


def run_here(
    parent: QWidget | None,
    label: str,
    job: Callable[[Progress], T],
    *,
    show_after_ms: int | None = None,
) -> T:
    """`job(progress)` on the GUI thread, in slices: each `progress(done, total)` call lets
    the app breathe (events processed; no user input reaches the window before the dialog
    shows, and then the dialog is window-modal), shows the dialog once the job has taken
    `SHOW_AFTER_MS`, moves its bar, and raises `Cancelled` once Cancel (or Esc) was pressed.
    The job cleans up what it started (it sees `Cancelled` come out of `progress`)."""
    dialog = _progress_dialog(label, parent)
    pressed = [False]

    def cancelled() -> None:
        pressed[0] = True

    dialog.canceled.connect(cancelled)
    clock = QElapsedTimer()
    clock.start()
    limit = SHOW_AFTER_MS if show_after_ms is None else show_after_ms

    def progress(done: int, total: int) -> None:
        if not dialog.isVisible() and clock.elapsed() >= limit:
            dialog.show()
        if dialog.isVisible():
            if total > 0:
                if dialog.maximum() != total:
                    dialog.setMaximum(total)
                dialog.setValue(min(done, total))
            QCoreApplication.processEvents()
        else:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if pressed[0]:
            raise Cancelled(f"{label.rstrip('…')}: cancelled")

    try:
        return job(progress)
    finally:
        dialog.canceled.disconnect(cancelled)
        dialog.hide()
        dialog.deleteLater()


class _Finished(QObject):
    """Emitted from the worker thread, received on the GUI thread (a queued connection)."""

    done = Signal()


def run_long(
    parent: QWidget | None,
    label: str,
    job: Callable[[Progress], T],
    *,
    show_after_ms: int | None = None,
) -> T:
    """`job(progress)` on a worker thread; its result, or its exception re-raised here.

    Raises `Cancelled` when the user presses Cancel (or Esc) in the dialog. `label` says what
    is being done ("Reading big.argmap…").
    """
    cancel = threading.Event()
    steps = [0, 0]  # done, total: written by the worker, read by the poll timer
    outcome: dict[str, Any] = {}

    def progress(done: int, total: int) -> None:
        if cancel.is_set():
            raise Cancelled(f"{label.rstrip('…')}: cancelled")
        steps[0], steps[1] = done, total

    finished = _Finished()
    loop = QEventLoop()
    ended = [False]  # set on the GUI thread when the job's end arrives there

    def end() -> None:
        ended[0] = True
        loop.quit()

    finished.done.connect(end, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        try:
            outcome["result"] = job(progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to re-raise
            outcome["error"] = exc
        finally:
            if not cancel.is_set():
                finished.done.emit()

    dialog = _progress_dialog(label, parent)

    def cancelled() -> None:
        cancel.set()
        loop.quit()

    dialog.canceled.connect(cancelled)

    def follow() -> None:
        done, total = steps
        if total > 0:
            if dialog.maximum() != total:
                dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(follow)
    show = QTimer()
    show.setSingleShot(True)

    def show_dialog() -> None:
        dialog.show()
        loop.quit()  # on to the second wait, which takes the user's input (Cancel)

    show.timeout.connect(show_dialog)
    worker = threading.Thread(target=work, name="argmap-long-work", daemon=True)
    worker.start()
    show.start(SHOW_AFTER_MS if show_after_ms is None else show_after_ms)
    poll.start()
    # Until the dialog shows, the window takes no input (a key press must not edit the map
    # under the job); once it shows, it is window-modal and its Cancel is the way out.
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    if not ended[0] and not cancel.is_set():
        loop.exec()
    show.stop()
    poll.stop()
    dialog.canceled.disconnect(cancelled)
    dialog.hide()
    dialog.deleteLater()
    if cancel.is_set():
        raise Cancelled(f"{label.rstrip('…')}: cancelled")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
