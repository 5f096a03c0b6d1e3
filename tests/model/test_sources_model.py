"""Normalised source text, anchors and the edits that add and remove sources and anchors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.model.anchors import anchor_problem, make_anchor, with_quote, without_quote
from argmap.model.edits import AddAnchor, AddClaim, AddSource, RemoveAnchor, RemoveSource
from argmap.model.errors import ModelError
from argmap.model.map import ArgumentMap
from argmap.model.sourcetext import ParagraphIndex, normalise, paragraph_spans, sha256_text
from argmap.model.types import Anchor, Claim, SourceDocument, with_changes

TEXT = "First paragraph here.\nSecond one, longer than the first.\nThird."


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert "\n\n" not in once and not once.startswith("\n")
    assert all(line == line.strip() for line in once.split("\n"))


def test_normalise_line_endings_unicode_and_spaces() -> None:
    assert normalise("a\r\nb\rc\u2029d") == "a\nb\nc\nd"
    assert normalise("Cafe\u0301\tbar\u00a0 baz") == "Café bar baz"
    assert normalise("\ufeffx\x00y\n\n\n  \nz ") == "xy\nz"


def test_paragraphs() -> None:
    spans = paragraph_spans(TEXT)
    assert [TEXT[s:e] for s, e in spans] == TEXT.split("\n")
    index = ParagraphIndex(TEXT)
    assert index.paragraph_of(0) == 1
    assert index.paragraph_of(spans[1][0]) == 2
    assert index.paragraph_of(len(TEXT) - 1) == 3
    assert paragraph_spans("") == []


def test_make_anchor_quote_and_digest() -> None:
    a = make_anchor("doc", TEXT, 22, 32)
    assert a.exact == "Second one"
    assert a.prefix == TEXT[:22][-32:] and a.suffix == TEXT[32:64]
    assert a.sha256 == sha256_text("Second one")
    bare = without_quote(a)
    assert bare.exact is None and bare.prefix == "" and bare.sha256 == a.sha256
    assert with_quote(bare, TEXT) == a
    with pytest.raises(ValueError):
        make_anchor("doc", TEXT, 5, 5)
    with pytest.raises(ValueError):
        make_anchor("doc", TEXT, 0, len(TEXT) + 1)


def test_anchor_problems() -> None:
    good = make_anchor("doc", TEXT, 0, 5)
    assert anchor_problem([good]) is None
    assert anchor_problem([Anchor("doc", 4, 4)]) == (0, "empty anchor [4, 4)")
    overlap = anchor_problem([good, make_anchor("doc", TEXT, 3, 9)])
    assert overlap is not None and overlap[0] == 1 and "overlaps anchor 1" in overlap[1]
    # The same range in another source is no overlap.
    assert anchor_problem([good, with_changes(good, source="other")]) is None
    wrong = with_changes(good, sha256=sha256_text("other"))
    assert "wrong digest" in anchor_problem([wrong])[1]
    short = with_changes(good, exact="Firs")
    assert "quote of 4 characters" in anchor_problem([short])[1]


def _map() -> ArgumentMap:
    m = ArgumentMap()
    AddClaim(Claim("c1", "claim")).apply(m)
    return m


def test_source_and_anchor_edits_undo_exactly() -> None:
    m = _map()
    start = m.copy()
    source = SourceDocument("doc", "Doc", text=TEXT, sha256=sha256_text(TEXT))
    undo_source = AddSource(source).apply(m)
    anchor = make_anchor("doc", TEXT, 0, 5)
    second = make_anchor("doc", TEXT, 22, 32)
    undo_a = AddAnchor("c1", anchor).apply(m)
    undo_b = AddAnchor("c1", second).apply(m)
    assert m.claims["c1"].anchors == (anchor, second)
    with_both = m.copy()
    # Removing the first anchor and undoing puts it back in its place.
    undo_remove = RemoveAnchor("c1", anchor).apply(m)
    assert m.claims["c1"].anchors == (second,)
    undo_remove.apply(m)
    assert m == with_both
    # Removing the source removes its anchors; undo restores both.
    undo_remove_source = RemoveSource("doc").apply(m)
    assert m.info.sources == () and m.claims["c1"].anchors == ()
    undo_remove_source.apply(m)
    assert m == with_both and m.info == with_both.info
    undo_b.apply(m)
    undo_a.apply(m)
    undo_source.apply(m)
    assert m == start and m.info == start.info


def test_invalid_anchor_edits_are_refused() -> None:
    m = _map()
    with pytest.raises(ModelError, match="no source document"):
        AddAnchor("c1", make_anchor("doc", TEXT, 0, 5)).apply(m)
    AddSource(SourceDocument("doc", text=TEXT, sha256=sha256_text(TEXT))).apply(m)
    with pytest.raises(ModelError, match="duplicate source"):
        AddSource(SourceDocument("doc")).apply(m)
    AddAnchor("c1", make_anchor("doc", TEXT, 0, 5)).apply(m)
    before = m.copy()
    with pytest.raises(ModelError, match="overlaps"):
        AddAnchor("c1", make_anchor("doc", TEXT, 2, 8)).apply(m)
    with pytest.raises(ModelError, match="no claim or relation"):
        AddAnchor("nope", make_anchor("doc", TEXT, 9, 12)).apply(m)
    assert m == before
