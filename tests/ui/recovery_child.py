"""A real argmap window that edits a map as a user would, autosaves, and waits to be killed.

Run by tests/ui/test_recovery.py: `python recovery_child.py MAP READY_FILE`. When the recovery
copy holds the edits, the canonical text of the edited map is written to READY_FILE, atomically
(a temporary file renamed into place: the test never sees it half-written); then the process
idles in the event loop until the test kills it with SIGKILL.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ARGMAP_AUTOSAVE_MS"] = "150"

from PySide6.QtCore import QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from argmap.io import native  # noqa: E402
from argmap.io.atomic import write_bytes_atomic  # noqa: E402
from argmap.ui.app import make_application  # noqa: E402
from argmap.ui.document import Document  # noqa: E402
from argmap.ui.main_window import MainWindow  # noqa: E402


def main() -> None:
    path, ready = Path(sys.argv[1]), Path(sys.argv[2])
    app = make_application()
    window = MainWindow(Document.open(path))
    window.resize(1400, 900)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    window.view.set_zoom(1.0)
    first = sorted(window.document.model.claims)[0]
    window.view.centerOn(window.scene.claim_items[first])
    app.processEvents()
    viewport = window.view.viewport()
    # Delete a claim by clicking it and pressing Delete; add one with N and type its text.
    QTest.mouseClick(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        window.view.mapFromScene(window.scene.claim_items[first].pos()),
    )
    QTest.keyClick(viewport, Qt.Key.Key_Delete)
    QTest.keyClick(viewport, Qt.Key.Key_N)
    QTest.keyClicks(viewport, "Recovered after a crash")
    QTest.keyClick(viewport, Qt.Key.Key_Return)
    assert window.document.modified

    def wait_for_copy() -> None:
        if window.features["recovery"].map_path.exists():
            copy = native.read(window.features["recovery"].map_path)
            if copy == window.document.model:
                text = native.dumps(window.document.model).encode("utf-8")
                write_bytes_atomic(ready, text, backup=False)
                return
        QTimer.singleShot(50, wait_for_copy)

    QTimer.singleShot(0, wait_for_copy)
    app.exec()


if __name__ == "__main__":
    main()
    _ = QPoint
