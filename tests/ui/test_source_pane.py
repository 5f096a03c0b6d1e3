"""The Source pane driven like a user: select a passage and make a claim from it (undo), click
a highlight to select its claim, select a claim to scroll the text to its passage."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from argmap.io.sources import pasted_text, source_document
from argmap.model import ArgumentMap, Claim, ClaimKind, MapInfo
from argmap.model.anchors import make_anchor
from argmap.ui.docks.source_pane import SHADE
from argmap.ui.document import Document
from argmap.ui.main_window import MainWindow

PARAGRAPHS = [
    f"Paragraph {n} of the report says the harbour board met on day {n} and weighed option {n}."
    for n in range(1, 61)
]
TEXT = "\n".join(PARAGRAPHS)


def _offset(paragraph: int) -> int:
    return sum(len(p) + 1 for p in PARAGRAPHS[: paragraph - 1])


def _map() -> ArgumentMap:
    m = ArgumentMap(MapInfo(title="Harbour"))
    doc = source_document("report", pasted_text(TEXT), title="Harbour report", author="the board")
    m.set_info(MapInfo(title="Harbour", sources=(doc,)))
    start = _offset(50)
    anchor = make_anchor("report", TEXT, start, start + len(PARAGRAPHS[49]))
    m.add_claim(Claim("a", "The board met late", holder="the clerk", x=0, y=0, anchors=(anchor,)))
    m.add_claim(Claim("b", "Unanchored", ClaimKind.EVIDENCE, x=300, y=0))
    return m


@pytest.fixture
def window(qtbot):
    win = MainWindow(Document(_map()))
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    yield win
    if win.scene.editor is not None:
        win.scene.editor.cancel()
    if win.error_box is not None:
        win.error_box.close()
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()


def _pane(window):
    feature = window.features["sources"]
    view = feature.pane.views["report"]
    return feature, view


def _point(view, position: int) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    return view.cursorRect(cursor).center()


def test_pane_shows_the_text_numbered_and_highlighted(window) -> None:
    feature, view = _pane(window)
    assert view.toPlainText() == TEXT
    assert view.blockCount() == 60
    assert [(h.start, h.item) for h in view.highlights] == [(_offset(50), "a")]
    assert (
        feature.pane.status.text()
        == f"1 anchor, {len(PARAGRAPHS[49]) / (len(TEXT) - 59):.0%} covered"
    )
    assert feature.dock.isVisible()


def test_select_a_passage_make_a_claim_then_undo(qtbot, window) -> None:
    feature, view = _pane(window)
    before = window.document.model.copy()
    start = _offset(3) + len("Paragraph 3 of the report says ")
    end = start + len("the harbour board met on day 3")
    view.scroll_to(start, end, flash=False)
    view.setFocus()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_point(view, start))
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        pos=_point(view, end),
    )
    assert view.selected_range() == (start, end)
    qtbot.keyClick(view, Qt.Key.Key_N)
    model = window.document.model
    new = [c for c in model.claims.values() if c.id not in before.claims]
    assert len(new) == 1
    claim = new[0]
    assert claim.text == "the harbour board met on day 3"
    assert claim.holder == "the clerk"  # the holder of the claims already drawn from it
    assert claim.source is not None and claim.source.document == "report"
    assert claim.source.paragraph == 3
    (anchor,) = claim.anchors
    assert (anchor.start, anchor.end, anchor.exact) == (start, end, claim.text)
    assert window.scene.selected_claim_ids() == [claim.id]
    assert window.scene.editor is not None  # the text is open for rephrasing
    window.scene.editor.cancel()
    qtbot.waitUntil(lambda: any(h.item == claim.id for h in view.highlights))
    window.document.undo_stack.undo()
    assert window.document.model == before
    assert [h.item for h in view.highlights] == ["a"]


def test_anchor_the_selected_claim_by_context_menu_action(qtbot, window) -> None:
    feature, view = _pane(window)
    window.scene.select_ids(["b"])
    start = _offset(7)
    view.select_range(start, start + 20)
    feature.anchor_action.trigger()
    assert [(a.start, a.end) for a in window.document.model.claims["b"].anchors] == [
        (start, start + 20)
    ]
    window.document.undo_stack.undo()
    assert window.document.model.claims["b"].anchors == ()


def test_click_a_highlight_selects_its_claim(qtbot, window) -> None:
    feature, view = _pane(window)
    window.scene.select_ids(["b"])
    start = _offset(50)
    view.scroll_to(start, start + 10, flash=False)
    target = _point(view, start + 25)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert window.scene.selected_claim_ids() == ["a"]
    # The view centred the card.
    card = window.scene.claim_items["a"]
    centre = window.view.mapFromScene(card.sceneBoundingRect().center())
    assert window.view.viewport().rect().contains(centre)


def test_select_a_claim_scrolls_the_text_to_its_passage(qtbot, window) -> None:
    feature, view = _pane(window)
    view.verticalScrollBar().setValue(0)
    start = _offset(50)
    visible = view.viewport().rect()
    assert not visible.contains(_point(view, start))
    window.scene.select_ids(["a"])
    qtbot.waitUntil(lambda: visible.contains(_point(view, start)))
    assert view.flash_range == (start, start + len(PARAGRAPHS[49]))
    qtbot.waitUntil(lambda: view.flash_range is None, timeout=3000)


def test_shading_uncovered_text(qtbot, window) -> None:
    feature, view = _pane(window)
    feature.pane.shade.setChecked(True)
    shaded = [r for r in view.painted_ranges() if r[2].background().color() == SHADE]
    assert len(shaded) == 59  # every paragraph but the anchored one
    assert (_offset(50), _offset(51) - 1) not in [(s, e) for s, e, _ in shaded]
    feature.pane.shade.setChecked(False)
    assert [(s, e) for s, e, _ in view.painted_ranges()] == [
        (_offset(50), _offset(50) + len(PARAGRAPHS[49]))
    ]


def test_reference_only_source_missing_file_says_what_to_attach(qtbot, tmp_path: Path) -> None:
    article = tmp_path / "elsewhere" / "article.txt"
    article.parent.mkdir()
    article.write_text(TEXT, encoding="utf-8")
    m = ArgumentMap()
    from argmap.io.sources import read_source_text

    doc = source_document(
        "art", read_source_text(article), path="../gone/article.txt", keep_text=False
    )
    m.set_info(MapInfo(title="Ref", sources=(doc,)))
    win = MainWindow(Document(m, tmp_path / "map.argmap"))
    try:
        feature = win.features["sources"]
        assert feature.pane.views == {}
        assert "../gone/article.txt was not found" in feature.pane.message.text()
        assert "Locate Source Text" in feature.pane.message.text()
        feature.locate_file("art", article)
        assert "art" in feature.pane.views
        assert win.document.model.info.sources[0].path == "elsewhere/article.txt"
        win.document.undo_stack.undo()
        assert win.document.model.info.sources[0].path == "../gone/article.txt"
    finally:
        win.document.undo_stack.setClean()
        win.close()
        win.deleteLater()


def test_attaching_an_unreadable_file_shows_a_dialog_and_changes_nothing(window, tmp_path) -> None:
    feature, _ = _pane(window)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00 not text")
    before = window.document.model.copy()
    assert feature.attach_file(bad) is None
    assert window.error_box is not None and "bad.txt" in window.error_box.text()
    assert window.document.model == before and window.document.model.info == before.info
    assert window.document.undo_stack.count() == 0
    good = tmp_path / "notes.md"
    good.write_text("# Notes\n\nA *short* note.\n", encoding="utf-8")
    sid = feature.attach_file(good)
    assert sid == "notes" and feature.pane.views["notes"].toPlainText() == "Notes\nA short note."
    window.document.undo_stack.undo()
    assert "notes" not in feature.pane.views


def test_seed_map_opens_with_the_article_beside_it(qtbot) -> None:
    root = Path(__file__).resolve().parents[2]
    article = root.parent / "shared" / "seeds" / "peace-talks-article.txt"
    if not article.is_file():
        pytest.skip(f"article not found at {article}")
    win = MainWindow(Document.open(root / "seeds" / "peace-talks.argmap"))
    try:
        feature = win.features["sources"]
        view = feature.pane.views["article"]
        assert view.blockCount() == 26
        assert len(view.highlights) == 77
        assert feature.pane.status.text() == "77 anchors, 95% covered"
        assert win.document.undo_stack.count() == 0 and not win.document.modified
    finally:
        win.close()
        win.deleteLater()


def test_remove_an_anchor_and_reanchor_to_an_edited_text(qtbot, window, tmp_path) -> None:
    feature, view = _pane(window)
    model = window.document.model
    before = model.copy()
    # The report gains a paragraph at the top: the anchored passage moved.
    edited = tmp_path / "report.txt"
    edited.write_text("A new first paragraph.\n" + TEXT, encoding="utf-8")
    feature.set_given({"report": edited})
    assert feature.pane.status.text().endswith(", 1 moved")
    feature.reanchor_action.trigger()
    anchor = model.claims["a"].anchors[0]
    shift = len("A new first paragraph.\n")
    assert (anchor.start, anchor.end) == (
        _offset(50) + shift,
        _offset(50) + shift + len(PARAGRAPHS[49]),
    )
    assert model.info.sources[0].text.startswith("A new first paragraph.")
    assert feature.pane.status.text().startswith("1 anchor,") and "moved" not in (
        feature.pane.status.text()
    )
    window.document.undo_stack.undo()
    assert model == before and model.info.sources == before.info.sources
    # Remove the anchor through the pane (as its context menu does), then undo.
    feature.given.clear()
    feature.reload()
    feature.remove_anchor("a", "report", _offset(50))
    assert model.claims["a"].anchors == ()
    assert _pane(window)[1].highlights == []
    window.document.undo_stack.undo()
    assert model == before


def test_attach_as_reference_keeps_path_and_digest_but_not_the_text(window, tmp_path) -> None:
    feature, _ = _pane(window)
    assert "sources.attach_reference" in window.context.actions
    article = tmp_path / "brief.txt"
    article.write_text("First paragraph of a brief.\n\nSecond paragraph.\n", encoding="utf-8")
    sid = feature.attach_file(article, keep_text=False)
    source = next(s for s in window.document.model.info.sources if s.id == sid)
    assert source.text is None and source.sha256 and source.path
    # The pane still shows the text, read from the file this session.
    assert feature.pane.views[sid].toPlainText() == "First paragraph of a brief.\nSecond paragraph."
    out = tmp_path / "map.argmap"
    window.document.save(out)
    assert "First paragraph" not in out.read_text(encoding="utf-8")
    window.document.undo_stack.undo()
    assert all(s.id != sid for s in window.document.model.info.sources)
