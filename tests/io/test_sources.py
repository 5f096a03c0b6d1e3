"""Source documents in files: the readers (text, Markdown, HTML, PDF) and the .argmap format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.io import native
from argmap.io.sources import (
    load_texts,
    pasted_text,
    read_source_text,
    relative_path,
    source_document,
)
from argmap.model.anchors import make_anchor, without_quote
from argmap.model.edits import AddAnchor, AddClaim, AddRelation, AddSource
from argmap.model.errors import FormatError, SourceError
from argmap.model.map import ArgumentMap
from argmap.model.types import Claim, Relation

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"


def test_plain_text_one_line_per_paragraph(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("\ufeffFirst line.\r\nSecond  line.\r\n".encode())
    read = read_source_text(f)
    assert read.text == "First line.\nSecond line." and read.media_type == "text/plain"


def test_plain_text_hard_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("A paragraph\nwrapped at the margin.\n\nAnother\none.\n", encoding="utf-8")
    assert read_source_text(f).text == "A paragraph wrapped at the margin.\nAnother one."


def test_markdown(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(
        "# Title\n\nSome *emphasis* and a [link](http://x.invalid)\nwrapped.\n\n"
        "- item one\n- item two\n\n```\ncode line\n```\n",
        encoding="utf-8",
    )
    assert read_source_text(f).text == (
        "Title\nSome emphasis and a link wrapped.\nitem one\nitem two\ncode line"
    )


def test_html(tmp_path: Path) -> None:
    f = tmp_path / "a.html"
    f.write_text(
        "<html><head><title>no</title><style>p {}</style></head><body>"
        "<h1>Head</h1><p>One\n  paragraph &amp; more</p><script>var x;</script>"
        "<ul><li>a</li><li>b</li></ul>tail<br>after break</body></html>",
        encoding="utf-8",
    )
    assert read_source_text(f).text == "Head\nOne paragraph & more\na\nb\ntail\nafter break"


def test_pdf_text_layer_paragraphs() -> None:
    read = read_source_text(DATA / "text-layer.pdf")
    lines = read.text.split("\n")
    assert read.media_type == "application/pdf"
    assert lines[0].startswith("The committee met on Tuesday") and lines[0].endswith("fortnight.")
    assert lines[1].startswith("Opponents argued") and lines[1].endswith("summer trade.")
    assert lines[2] == "A second meeting is planned for the spring."


def test_bad_sources(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="scan.pdf: the PDF has no text layer"):
        read_source_text(DATA / "scan.pdf")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9\n".encode("latin-1"))
    with pytest.raises(SourceError, match=r"latin1.txt: line 1 column 4: not UTF-8"):
        read_source_text(bad)
    with pytest.raises(SourceError, match="missing.txt"):
        read_source_text(tmp_path / "missing.txt")
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_text("hello", encoding="utf-8")
    with pytest.raises(SourceError, match="x.pdf: not a readable PDF"):
        read_source_text(not_pdf)
    empty = tmp_path / "e.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(SourceError, match="holds no text"):
        read_source_text(empty)
    with pytest.raises(SourceError, match="pasted text is empty"):
        pasted_text(" \n ")


TEXT = "The harbour plan was discussed.\nCosts were not yet known.\nA vote follows in spring."


def _anchored_map(keep_text: bool = True) -> ArgumentMap:
    m = ArgumentMap()
    AddSource(source_document("doc", pasted_text(TEXT), keep_text=keep_text, title="T")).apply(m)
    AddClaim(Claim("c1", "Costs unknown")).apply(m)
    AddClaim(Claim("c2", "Vote later")).apply(m)
    AddRelation(Relation("r1", "c1", "c2")).apply(m)
    AddAnchor("c1", make_anchor("doc", TEXT, 32, 57)).apply(m)
    AddAnchor("c2", without_quote(make_anchor("doc", TEXT, 58, 82))).apply(m)
    AddAnchor("r1", make_anchor("doc", TEXT, 0, 31, quote=False)).apply(m)
    return m


def test_round_trip_with_sources_and_anchors(tmp_path: Path) -> None:
    m = _anchored_map()
    path = tmp_path / "m.argmap"
    native.write(m, path)
    data = path.read_bytes()
    back = native.read(path)
    assert back == m and back.info == m.info
    native.write(back, path)
    assert path.read_bytes() == data
    doc = json.loads(data)
    source = doc["sources"][0]
    assert source["text"] == TEXT.split("\n") and "media_type" not in source  # pasted
    anchor = doc["claims"][0]["anchors"][0]
    assert anchor["selector"][0] == {"type": "TextPositionSelector", "start": 32, "end": 57}
    assert anchor["selector"][1]["type"] == "TextQuoteSelector"
    assert anchor["selector"][1]["exact"] == "Costs were not yet known."
    # Without quote: only the position selector and the digest.
    bare = doc["claims"][1]["anchors"][0]
    assert [s["type"] for s in bare["selector"]] == ["TextPositionSelector"]
    assert len(bare["sha256"]) == 64
    assert doc["relations"][0]["anchors"][0]["source"] == "doc"


def test_reference_only_source_keeps_no_text(tmp_path: Path) -> None:
    m = _anchored_map(keep_text=False)
    path = tmp_path / "m.argmap"
    native.write(m, path)
    assert "text" not in json.loads(path.read_text(encoding="utf-8"))["sources"][0]
    assert native.read(path).info.sources[0].text is None


def test_old_maps_keep_their_bytes() -> None:
    """A map without the new fields is written back byte for byte (no empty anchors lists)."""
    old = Path(__file__).resolve().parents[2] / "tests" / "data"
    doc = {
        "format": "argmap",
        "version": 1,
        "title": "",
        "description": "",
        "authors": [],
        "created": "",
        "modified": "",
        "sources": [{"id": "s", "title": "", "author": "", "date": "", "url": ""}],
        "claims": [native.claim_to_dict(Claim("a", "x"))],
        "relations": [],
        "groups": [],
    }
    text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert native.dumps(native.loads(text)) == text
    assert old.is_dir()


def _doc(m: ArgumentMap) -> dict:
    return json.loads(native.dumps(m))


@pytest.mark.parametrize(
    ("change", "place", "reason"),
    [
        (
            lambda d: d["claims"][0]["anchors"][0]["selector"][0].update(end=32),
            "anchors[0]",
            "empty anchor",
        ),
        (
            lambda d: d["claims"][1]["anchors"][0]["selector"][0].update(end=500, start=400),
            "anchors[0]",
            "beyond the end",
        ),
        (
            lambda d: d["claims"][0]["anchors"].append(d["claims"][0]["anchors"][0]),
            "anchors[1]",
            "overlaps anchor 1",
        ),
        (
            lambda d: d["claims"][0]["anchors"][0].update(sha256="0" * 64),
            "anchors[0]",
            "wrong digest",
        ),
        (lambda d: d["sources"][0].update(sha256="0" * 64), "sources[0].sha256", "wrong digest"),
        (
            lambda d: d["claims"][0]["anchors"][0].update(source="nope"),
            "anchors[0].source",
            "not a source document",
        ),
        (lambda d: d["sources"][0]["text"].append(" padded "), "sources[0].text", "not normalised"),
    ],
)
def test_bad_anchors_in_a_map(change, place: str, reason: str) -> None:
    doc = _doc(_anchored_map())
    change(doc)
    with pytest.raises(FormatError) as info:
        native.loads(json.dumps(doc), name="m.argmap")
    message = str(info.value)
    assert message.startswith("m.argmap: $.") and place in message and reason in message
    assert "\n" not in message


def test_load_texts_finds_the_file_beside_the_map(tmp_path: Path) -> None:
    src = tmp_path / "docs" / "article.txt"
    src.parent.mkdir()
    src.write_text(TEXT, encoding="utf-8")
    map_path = tmp_path / "maps" / "m.argmap"
    map_path.parent.mkdir()
    read = read_source_text(src)
    m = ArgumentMap()
    path = relative_path(src, map_path)
    assert path == "../docs/article.txt"
    AddSource(source_document("doc", read, path=path, keep_text=False)).apply(m)
    loaded = load_texts(m, map_path)
    assert loaded["doc"].text == TEXT and loaded["doc"].stored is None
    # Not found: the error says which file to attach.
    src.unlink()
    AddClaim(Claim("c", "x")).apply(m)
    AddAnchor("c", make_anchor("doc", TEXT, 0, 5)).apply(m)
    with pytest.raises(SourceError, match=r"\.\./docs/article.txt was not found; attach it"):
        load_texts(m, map_path, required=["doc"])
    with pytest.raises(SourceError, match="no source 'other'"):
        load_texts(m, map_path, {"other": src})


def test_graphml_round_trip_of_sources_and_anchors(tmp_path: Path) -> None:
    from argmap.io import graphml

    m = _anchored_map()
    path = tmp_path / "m.graphml"
    graphml.write(m, path)
    back = graphml.read(path)
    assert back == m and back.info == m.info
    text = path.read_text(encoding="utf-8")
    assert 'attr.name="anchors"' in text and "TextQuoteSelector" in text


def test_graphml_anchor_to_unknown_source_is_refused(tmp_path: Path) -> None:
    from argmap.io import graphml

    path = tmp_path / "m.graphml"
    graphml.write(_anchored_map(), path)
    text = path.read_text(encoding="utf-8").replace(
        '"source":"doc","selector"', '"source":"zz","selector"'
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match="m.graphml: c1 anchor 1: source 'zz' is not a source"):
        graphml.read(path)
