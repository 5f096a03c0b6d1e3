"""Autosave, crash recovery end to end, and the changed-on-disk question."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from argmap.io import native
from argmap.model.synthetic import synthetic_map
from argmap.ui.features.recovery import orphaned_copies, recovery_dir
from tests.ui.helpers import card_centre, drag

HERE = Path(__file__).resolve().parent


def test_autosave_writes_a_copy_only_while_modified(qtbot, window, tmp_path):
    saver = window.features["recovery"]
    assert not saver.autosave() and not saver.map_path.exists()
    start = card_centre(window, "b")
    drag(qtbot, window, start, start + QPointF(50, 0))
    assert saver.autosave() and saver.map_path.exists()
    assert native.read(saver.map_path) == window.document.model
    # Our own live copy is never offered back to us.
    assert all(c.map_path != saver.map_path for c in orphaned_copies())
    window._save_to(tmp_path / "saved.argmap")
    assert not saver.map_path.exists()  # a clean save removes it


def test_crash_then_restore_end_to_end(qtbot, window, tmp_path):
    original = synthetic_map(25, seed=12)
    path = tmp_path / "work.argmap"
    native.write(original, path)
    ready = tmp_path / "ready.txt"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(HERE.parents[1])}
    child = subprocess.Popen(
        [sys.executable, str(HERE / "recovery_child.py"), str(path), str(ready)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline:
            assert child.poll() is None, child.stderr.read().decode()
            time.sleep(0.05)
        assert ready.exists(), "the child never autosaved"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    expected = ready.read_text(encoding="utf-8")
    assert native.read(path) == original  # the file itself was never saved
    copies = [c for c in orphaned_copies() if c.original == str(path)]
    assert len(copies) == 1 and copies[0].claims == 25
    from argmap.ui.features.recovery import offer_recovery

    box = offer_recovery(window.context, copies)
    assert box is not None and "work.argmap" in box.text() and "25 claims" in box.text()
    restore = next(b for b in box.buttons() if b.text() == "Restore")
    restore.click()
    assert native.dumps(window.document.model) == expected
    assert window.document.path == path and window.document.modified
    assert "Recovered after a crash" in {c.text for c in window.document.model.claims.values()}
    assert not copies[0].map_path.exists()  # restored copies are removed
    window.document.undo_stack.setClean()


def test_file_changed_on_disk_offers_reload(qtbot, window, tmp_path):
    path = tmp_path / "shared.argmap"
    window._save_to(path)
    # Our own save does not count as a change.
    assert not window.features["watcher"].check()
    other = synthetic_map(9, seed=3)
    native.write(other, path)  # "git pull" replaces the file
    qtbot.waitUntil(
        lambda: (
            window.features["watcher"].box is not None
            and window.features["watcher"].box.isVisible()
        ),
        timeout=5000,
    )
    box = window.features["watcher"].box
    assert "shared.argmap" in box.text()
    next(b for b in box.buttons() if b.text() == "Reload").click()
    assert window.document.model == native.read(path) and not window.document.modified


def test_recovery_dir_is_the_test_data_home():
    assert str(recovery_dir()).startswith(os.environ["XDG_DATA_HOME"])
    assert QApplication.instance() is None or True
