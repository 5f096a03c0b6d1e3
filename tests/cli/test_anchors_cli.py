"""`argmap anchors` and `argmap coverage` through argmap.cli.main, on real files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.io import native
from argmap.io.sources import pasted_text, read_source_text, relative_path, source_document
from argmap.model.anchors import make_anchor
from argmap.model.edits import AddAnchor, AddClaim, AddSource
from argmap.model.map import ArgumentMap
from argmap.model.types import Claim

TEXT = (
    "The council met on Tuesday to weigh the harbour plan for the coming decade.\n"
    "Members asked for full costings before any vote could be taken on dredging.\n"
    "Opponents warned that the oyster beds near the northern wall would suffer badly.\n"
    "A second meeting is planned for the spring."
)


def _write(tmp_path: Path, keep_text: bool) -> tuple[Path, Path]:
    src = tmp_path / "article.txt"
    src.write_text(TEXT + "\n", encoding="utf-8")
    map_path = tmp_path / "m.argmap"
    m = ArgumentMap()
    read = read_source_text(src)
    doc = source_document("a", read, path=relative_path(src, map_path), keep_text=keep_text)
    AddSource(doc).apply(m)
    for cid, (s, e) in {"c1": (0, 75), "c2": (76, 151), "c3": (152, 232)}.items():
        AddClaim(Claim(cid, cid)).apply(m)
        AddAnchor(cid, make_anchor("a", read.text, s, e, quote=keep_text)).apply(m)
    native.write(m, map_path)
    return map_path, src


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_anchors_json_against_the_attached_text(tmp_path: Path, capsys) -> None:
    map_path, _ = _write(tmp_path, keep_text=True)
    assert main(["anchors", str(map_path), "--json"]) == 0
    out = _json(capsys)
    assert out["counts"] == {"exact": 3, "moved": 0, "fuzzy": 0, "lost": 0}
    assert out["anchors"][0] == {
        "item": "c1",
        "source": "a",
        "status": "exact",
        "start": 0,
        "end": 75,
        "score": 1.0,
    }


def test_anchors_against_an_edited_file_and_fix(tmp_path: Path, capsys) -> None:
    map_path, src = _write(tmp_path, keep_text=True)
    edited = tmp_path / "edited.txt"
    lines = TEXT.split("\n")
    lines.insert(0, "A new opening paragraph was added by the editor.")
    lines[2] = lines[2].replace("full costings", "complete costings")
    del lines[3]  # the opponents' paragraph
    edited.write_text("\n".join(lines), encoding="utf-8")
    before = map_path.read_bytes()
    assert main(["anchors", str(map_path), "--source", f"a={edited}", "--json"]) == 0
    out = _json(capsys)
    status = {a["item"]: a for a in out["anchors"]}
    assert status["c1"]["status"] == "moved" and status["c1"]["start"] == 49
    assert status["c2"]["status"] == "fuzzy" and 0.75 <= status["c2"]["score"] < 1
    assert status["c3"]["status"] == "lost"
    # --fix refuses to drop the lost anchor unless told to; the map is untouched.
    assert main(["anchors", str(map_path), "--source", f"a={edited}", "--fix"]) == 1
    assert map_path.read_bytes() == before
    capsys.readouterr()
    assert main(["anchors", str(map_path), "--source", f"a={edited}", "--fix", "--drop-lost"]) == 0
    m = native.read(map_path)
    assert m.claims["c3"].anchors == ()
    new_text = read_source_text(edited).text
    assert m.info.sources[0].text == new_text
    a1 = m.claims["c1"].anchors[0]
    assert new_text[a1.start : a1.end] == lines[1]
    capsys.readouterr()
    assert main(["anchors", str(map_path), "--json"]) == 0
    assert _json(capsys)["counts"] == {"exact": 2, "moved": 0, "fuzzy": 0, "lost": 0}


def test_reference_only_map_reads_the_file_beside_it(tmp_path: Path, capsys) -> None:
    map_path, src = _write(tmp_path, keep_text=False)
    assert "text" not in json.loads(map_path.read_text(encoding="utf-8"))["sources"][0]
    assert main(["anchors", str(map_path), "--json"]) == 0
    assert _json(capsys)["counts"]["exact"] == 3
    src.write_text("Other words entirely.\n", encoding="utf-8")
    assert main(["anchors", str(map_path), "--json"]) == 0
    assert _json(capsys)["counts"]["lost"] == 3
    os.remove(src)
    assert main(["anchors", str(map_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "article.txt was not found; attach it or give --source a=FILE" in err
    assert len(err.splitlines()) == 1


def test_coverage(tmp_path: Path, capsys) -> None:
    map_path, _ = _write(tmp_path, keep_text=True)
    assert main(["coverage", str(map_path), "--json"]) == 0
    out = _json(capsys)["sources"][0]
    assert out["uncovered"] == [4]
    assert [p["share"] for p in out["paragraphs"]] == [1.0, 1.0, 1.0, 0.0]
    assert out["covered"] == 75 + 75 + 80
    assert main(["coverage", str(map_path)]) == 0
    text = capsys.readouterr().out
    assert "paragraphs with no anchor: 4" in text


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("undecodable", "bad.txt: line 1 column 1: not UTF-8"),
        ("scan", "scan.pdf: the PDF has no text layer"),
        ("unreadable", "nowhere.txt: "),
        ("beyond", "short.txt: c3 anchor 1: anchor [152, 232) is beyond the end"),
        ("digest", "changed.txt: c2 anchor 1: wrong digest"),
        ("unknown", "no source 'zz' in this map"),
    ],
)
def test_bad_input_one_line_exit_2(tmp_path: Path, capsys, setup: str, message: str) -> None:
    map_path, src = _write(tmp_path, keep_text=False)
    data = Path(__file__).resolve().parents[1] / "data" / "sources"
    arg = "a="
    if setup == "undecodable":
        (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
        arg += str(tmp_path / "bad.txt")
    elif setup == "scan":
        arg += str(data / "scan.pdf")
    elif setup == "unreadable":
        arg += str(tmp_path / "nowhere.txt")
    elif setup in ("beyond", "digest"):
        # A file whose text has the digest the map records, but whose anchors do not fit:
        # the map is made to claim that digest for another text.
        other = TEXT[:151] if setup == "beyond" else TEXT.replace("Members", "Memberz")
        f = tmp_path / ("short.txt" if setup == "beyond" else "changed.txt")
        f.write_text(other, encoding="utf-8")
        doc = json.loads(map_path.read_text(encoding="utf-8"))
        doc["sources"][0]["sha256"] = read_source_text(f).sha256
        map_path.write_text(json.dumps(doc), encoding="utf-8")
        arg += str(f)
    else:
        arg = f"zz={src}"
    before = map_path.read_bytes()
    assert main(["anchors", str(map_path), "--source", arg, "--fix"]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1, err
    assert map_path.read_bytes() == before


def test_pasted_source_round_trip(tmp_path: Path, capsys) -> None:
    m = ArgumentMap()
    AddSource(source_document("p", pasted_text("Pasted words.\n\nMore."), title="P")).apply(m)
    path = tmp_path / "p.argmap"
    native.write(m, path)
    assert main(["coverage", str(path), "--json"]) == 0
    assert _json(capsys)["sources"][0]["uncovered"] == [1, 2]
