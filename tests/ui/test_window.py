"""The window's file actions, layout, export, appearance and prompts, driven as a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap.analysis.layout import overlaps
from argmap.io import native
from argmap.model.synthetic import synthetic_map
from argmap.ui.document import Document
from tests.ui.helpers import card_centre, click, drag

CTRL = Qt.KeyboardModifier.ControlModifier


def test_title_shows_name_and_modified_mark(qtbot, window, tmp_path):
    assert window.windowTitle() == "Untitled[*] — argmap" and not window.isWindowModified()
    drag(qtbot, window, card_centre(window, "b"), card_centre(window, "b") + QPointF(30, 0))
    assert window.isWindowModified()
    path = tmp_path / "small.argmap"
    assert window._save_to(path)
    assert window.windowTitle() == "small.argmap[*] — argmap" and not window.isWindowModified()
    assert native.read(path).claims["b"].x == 180
    # Undo after save makes it modified again; the saved file is what was saved.
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)
    assert window.isWindowModified()


def test_save_and_open_round_trip_with_recent_files(qtbot, window, tmp_path):
    path = tmp_path / "m.argmap"
    window._save_to(path)
    other = tmp_path / "other.argmap"
    native.write(synthetic_map(12, seed=9), other)
    assert window.open_path(other)
    assert len(window.document.model.claims) == 12 and window.document.path == other
    assert window.recent_files()[:2] == [str(other.resolve()), str(path.resolve())]
    assert window.open_path(path)
    assert window.document.model.claims["t"].text == "Talks will stall"


def test_opening_a_bad_file_shows_an_error_and_keeps_the_document(qtbot, window, tmp_path):
    bad = tmp_path / "broken.argmap"
    bad.write_text(
        '{"format": "argmap", "version": 1, "claims": [{"id": 3, "text": "x"}], "relations": []}'
    )
    before = window.document.model.copy()
    assert not window.open_path(bad)
    assert window.document.model == before
    assert window.error_box is not None and window.error_box.isVisible()
    text = window.error_box.text()
    assert "broken.argmap" in text and "$.claims[0].id" in text
    window.error_box.close()


def test_drop_a_file_onto_the_window_opens_it(qtbot, window, tmp_path):
    other = tmp_path / "dropped.argmap"
    native.write(synthetic_map(7, seed=2), other)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.document.path == other and len(window.document.model.claims) == 7


def test_close_prompts_to_save_and_cancel_keeps_the_window(qtbot, window, tmp_path):
    drag(qtbot, window, card_centre(window, "b"), card_centre(window, "b") + QPointF(30, 0))

    def answer(button):
        def press():
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox) and "Save changes" in box.text()
            box.button(button).click()

        return press

    QTimer.singleShot(50, answer(QMessageBox.StandardButton.Cancel))
    assert not window.close()
    assert window.isVisible()
    QTimer.singleShot(50, answer(QMessageBox.StandardButton.Discard))
    assert window.close()


def test_new_document_after_discarding(qtbot, window):
    window.set_document(Document())
    assert len(window.document.model.claims) == 0 and window.windowTitle().startswith("Untitled")


def test_automatic_layout_leaves_no_overlaps_and_is_one_undo_step(qtbot, window):
    window.set_document(Document(synthetic_map(120, seed=4)))
    m = window.document.model
    # Pile every claim on one spot, then lay out.
    from argmap.model.edits import MoveClaims

    window.document.push(MoveClaims.of({c: (0, 0) for c in m.claims}), "Pile up")
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_L, CTRL)
    sizes = {
        cid: (i.rect().width(), i.rect().height()) for cid, i in window.scene.claim_items.items()
    }
    positions = {cid: c.pos for cid, c in m.claims.items()}
    assert overlaps(positions, sizes) == []
    assert window.document.undo_stack.undoText() == "Automatic layout"
    # Theses above their premises (top-down).
    for r in m.relations.values():
        if r.kind.value == "support" and m.claims[r.target].kind.value == "thesis":
            assert m.claims[r.target].y < m.claims[r.source].y
    window.document.undo_stack.undo()
    assert {c.pos for c in m.claims.values()} == {(0.0, 0.0)}


def test_layout_of_a_selection_keeps_the_rest_and_pinned_claims(qtbot, window):
    from argmap.model import with_changes
    from argmap.model.edits import UpdateClaim

    m = window.document.model
    window.document.push(UpdateClaim(with_changes(m.claims["a"], pinned=True)), "Pin")
    click(qtbot, window, card_centre(window, "a"))
    click(qtbot, window, card_centre(window, "e"), modifiers=CTRL)
    click(qtbot, window, card_centre(window, "t"), modifiers=CTRL)
    before_b, before_a = m.claims["b"].pos, m.claims["a"].pos
    window.editor.auto_layout("LR")
    assert m.claims["b"].pos == before_b and m.claims["a"].pos == before_a


def test_export_png_of_the_selection_from_the_window(qtbot, window, tmp_path):
    click(qtbot, window, card_centre(window, "a"))
    whole, part = tmp_path / "whole.png", tmp_path / "part.png"
    assert window.export_to(whole, scale=1.0)
    assert window.export_to(part, scale=1.0, claim_ids=["a"])
    w, p = QImage(str(whole)), QImage(str(part))
    assert p.width() * p.height() < w.width() * w.height() / 4
    # The selection mark is not in the picture, and the selection is kept on the canvas.
    assert window.scene.selected_claim_ids() == ["a"]


def test_dark_appearance_repaints_the_canvas(qtbot, window):
    window.set_appearance("dark")
    assert window.scene.theme.name == "dark"
    colour = window.view.grab().toImage().pixelColor(5, 5)
    assert colour.lightness() < 80
    window.set_appearance("light")
    assert window.view.grab().toImage().pixelColor(5, 5).lightness() > 200


def test_opening_a_map_without_positions_lays_it_out(qtbot, window, tmp_path):
    m = synthetic_map(30, seed=6)
    from argmap.model.edits import MoveClaims

    MoveClaims.of({c: (0, 0) for c in m.claims}).apply(m)
    path = tmp_path / "flat.argmap"
    native.write(m, path)
    assert window.open_path(path)
    assert len({c.pos for c in window.document.model.claims.values()}) == 30
    assert not window.document.modified


def test_screenshot_option_writes_a_png(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "shot.png"
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, str(root / "main.py"), "--screenshot", str(out), "--size", "1200x800"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert run.returncode == 0, run.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)


def test_claim_text_is_never_read_as_html(qtbot, window):
    """A claim that looks like HTML stays text: on the card, in the outline's tooltip, in the
    inspector, and in the review dock's labels (no file is loaded through <img>)."""
    from argmap.model import with_changes
    from argmap.model.edits import UpdateClaim

    hostile = '<b>bold</b><img src="file:///etc/passwd">'
    m = window.document.model
    window.document.push(UpdateClaim(with_changes(m.claims["a"], text=hostile)), "Edit")
    window.outline.rebuild()
    tip = window.outline._items["a"].toolTip(0)
    assert "&lt;b&gt;" in tip and "<b>" not in tip and "<img" not in tip
    assert window.scene.claim_items["a"]._static.textFormat() == Qt.TextFormat.PlainText
    window.scene.select_ids(["a"])
    assert window.inspector.text.toPlainText() == hostile
