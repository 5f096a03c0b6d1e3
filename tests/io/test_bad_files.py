"""The bad-file corpus: every kind of damage gives one clear line (file, place, reason), exit
status 2 from `argmap info`, and never a traceback; plus big cases made here and a short
hypothesis fuzz of every reader.

The corpus lives in tests/data/bad/ (tests/data/bad/make_corpus.py writes it). The fuzz targets
below are shared with benchmarks/bench_fuzz.py, which runs them for minutes instead of seconds.
"""

from __future__ import annotations

import json
import math
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import cli
from argmap.io import aif, argdown, graphml, iccma, limits, native, registry
from argmap.model.errors import ArgmapError, FormatError
from argmap.model.map import ArgumentMap, build_map
from argmap.model.types import Claim, Comment, Relation, SourceRef

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"

# file -> what its one-line error must say after "FILE: " (place, then reason).
EXPECTED: dict[str, str] = {
    # .argmap: bytes and JSON
    "empty-file.argmap": "empty file",
    "whitespace-only.argmap": "empty file",
    "truncated-json.argmap": "line 16 column 6: invalid JSON: Expecting property name",
    "trailing-garbage.argmap": "line 23 column 1: invalid JSON: Extra data",
    "not-json.argmap": "line 1 column 1: invalid JSON: Expecting value",
    "binary-garbage.argmap": "line 2 column 118: not UTF-8 text (bad byte at offset 128)",
    "not-utf8.argmap": "line 7 column 19: not UTF-8 text",
    "utf16-bom.argmap": "line 1: not UTF-8 text: it starts with a UTF-16 byte-order mark",
    "utf32-bom.argmap": "line 1: not UTF-8 text: it starts with a UTF-32 byte-order mark",
    "deep-nesting.argmap": "line 1 column 109: nested too deeply (more than 64 levels",
    "deep-comment-replies.argmap": "line 189 column 129: nested too deeply",
    "huge-number.argmap": "line 10 column 22: number too long (5,000 digits; the limit is 40)",
    "lone-surrogate.argmap": "$.claims[0].text: text holds an unpaired UTF-16 surrogate",
    # .argmap: header
    "top-level-array.argmap": "$: expected a JSON object, got array",
    "missing-format.argmap": "$.format: not an argmap file (no 'format' field)",
    "wrong-format-name.argmap": "$.format: not an argmap file (format is 'argdown')",
    "future-version.argmap": "$.version: version 7 is newer than this argmap reads",
    "version-is-string.argmap": "$.version: version must be a whole number, got string",
    "unknown-old-version.argmap": "$.version: unknown version 0",
    # .argmap: fields and types
    "missing-claims.argmap": "$: missing field 'claims'",
    "claims-not-array.argmap": "$.claims: expected array, got object",
    "claim-text-is-number.argmap": "$.claims[0].text: expected string, got number",
    "claim-missing-text.argmap": "$.claims[0]: missing field 'text'",
    "claim-extra-field.argmap": "$.claims[0]: unknown field 'colour'",
    "unknown-top-level-field.argmap": "$: unknown field 'layout'",
    "bad-claim-kind.argmap": '$.claims[0].kind: "opinion" is not one of: thesis',
    "invalid-id.argmap": '$.claims[0].id: invalid id "a b"',
    "pinned-is-string.argmap": "$.claims[0].pinned: expected boolean, got string",
    "nan-score.argmap": "claim 'a': base score nan is not in [0, 1]",
    "score-out-of-range.argmap": "$.claims[0].base_score: 1.5 is out of range",
    "infinite-position.argmap": "claim 'a': position is not finite",
    "infinity-literal.argmap": "claim 'a': position is not finite",
    "span-wrong-length.argmap": "$.claims[0].source.span: expected 2 items, got 3",
    "review-bad-status.argmap": '$.claims[0].review.status: "maybe" is not one of',
    "comment-missing-author.argmap": "$.claims[0].comments[0]: missing field 'author'",
    # .argmap: references
    "duplicate-claim-id.argmap": "$.claims[1].id: duplicate id 'a' (first at $.claims[0].id)",
    "duplicate-id-claim-and-relation.argmap": "$.relations[0].id: duplicate id 'a'",
    "relation-to-missing-claim.argmap": "$.relations[0].target: target 'zz' is not a claim",
    "relation-from-missing-claim.argmap": "$.relations[0].source: source 'zz' is not a claim",
    "support-of-relation.argmap": "$.relations[1].kind: only an attack can target a relation",
    "duplicate-relation.argmap": "$.relations[1]: a second support from 'a' to 'b'",
    "self-undercut.argmap": "$.relations[0].target: a relation cannot target itself",
    "group-with-missing-claim.argmap": "$.groups[0].claims[1]: 'zz' is not a claim of this map",
    "duplicate-group-id.argmap": "$.groups[1].id: duplicate group id 'g'",
    # GraphML
    "billion-laughs.graphml": "line 3: refused: the XML declares an entity ('lol')",
    "external-entity.graphml": "line 3: refused: the XML declares an external entity ('secret')",
    "external-parameter-entity.graphml": "line 3: refused: the XML declares an external entity",
    "truncated.graphml": "line 6 column 1: malformed XML: unclosed token",
    "binary-garbage.graphml": "line 1 column 1: malformed XML",
    "not-utf8.graphml": "line 4 column 35: malformed XML",
    "unknown-encoding.graphml": "line 1: malformed XML: unknown encoding: UTF-88",
    "utf7-encoding.graphml": "line 1: malformed XML: multi-byte encodings are not supported",
    "not-graphml-root.graphml": "line 1: not a GraphML file (the root element is <svg>)",
    "no-graph-element.graphml": "no <graph> element",
    "node-without-id.graphml": "graph 'G': a <node> without an id",
    "edge-without-target.graphml": "edge #1: an <edge> without source or target",
    "deep-groups.graphml": "node 'n': groups nested more than 64 deep",
    "own-future-version.graphml": "graph: argmap GraphML version 9 is newer than this argmap",
    "own-bad-json-attribute.graphml": "node 'a': tags is not valid JSON",
    "own-deep-json-attribute.graphml": "node 'a': tags is not valid JSON (nested more than 64",
    "own-bad-number.graphml": "node 'a': x 'left' is not a number",
    "own-duplicate-node.graphml": "node 'a': duplicate node id 'a'",
    # argmap's own GraphML with values the .argmap reader refuses (issue 12): refused alike
    "own-comment-author-lone-surrogate.graphml": "claim 'a' comments[0].author: text holds an "
    "unpaired UTF-16 surrogate",
    "own-source-title-lone-surrogate.graphml": "map sources[0].title: text holds an unpaired",
    "own-comment-bad-id.graphml": "claim 'a' comments[0].id: invalid id 'not an id!'",
    "own-comments-31-deep.graphml": "claim 'a' comments[0]"
    + ".replies[0]" * 29
    + ".replies: replies nested more than 30 levels deep",
    "own-claim-id-newline.graphml": "node 'a\\n': invalid claim id",
    "own-empty-source-id.graphml": "map sources[0].id: invalid id ''",
    "own-source-paragraph-0.graphml": "claim 'a' source.paragraph: paragraph 0 is not 1 or more",
    # ICCMA
    "apx-bad-line.apx": "line 3: expected 'arg(a).' or 'att(a,b).', found 'att(a;b).'",
    "apx-undeclared-argument.apx": "line 2: attack names undeclared argument 'b'",
    "apx-duplicate-argument.apx": "line 2: argument 'a' declared twice",
    "apx-not-utf8.apx": "line 2: not UTF-8 text",
    "tgf-two-hash-lines.tgf": "line 5: a second '#' line",
    "tgf-undeclared-argument.tgf": "line 4: attack names undeclared argument 'c'",
    "tgf-attack-one-end.tgf": "line 4: expected an attack 'a b', found 'a'",
    "af-missing-header.af": "line 2: expected the header 'p af N', found '1 2'",
    "af-bad-header.af": "line 1: expected the header 'p af N', found 'p graph 3'",
    "af-argument-out-of-range.af": "line 3: argument 4 is not in 1..3",
    "af-too-many-arguments.af": "line 1: too many arguments (100,000,000; argmap reads up to",
    "af-huge-number.af": "line 1: number too long (5,000 digits",
    "af-unicode-digits.af": "line 1: expected the header 'p af N', found 'p af \u00b2'",
}


# repaired/FILE -> (a warning argmap must give, a check of the repaired map). These come from
# other tools: read leniently, each repair reported with its place, never silently.
REPAIRED: dict[str, tuple[str, Callable[[ArgumentMap], bool]]] = {
    "yed-realizers-active-negative.graphml": (
        "node 'g': yEd Realizers active '-3' is not one of 0 to 0; the first realizer was read",
        lambda m: list(m.groups.values())[0].label == "Group",
    ),
    "yed-realizers-active-not-a-number.graphml": (
        "node 'g': yEd Realizers active 'first' is not one of 0 to 0; the first realizer",
        lambda m: list(m.groups.values())[0].claims == ("a",),
    ),
    "yed-realizers-active-too-large.graphml": (
        "node 'g': yEd Realizers active '99999999999999999999999' is not one of 0 to 0",
        lambda m: list(m.groups.values())[0].label == "Group",
    ),
    "yed-geometry-overflows.graphml": (
        "node 'a': unreadable yEd geometry left out",
        lambda m: all(math.isfinite(c.x) for c in m.claims.values()),
    ),
    "foreign-comment-author-lone-surrogate.graphml": (
        "claim 'a' comments[0].author: text holds an unpaired UTF-16 surrogate (\\ud800-\\udfff)"
        ", which is not a character; replaced by U+FFFD",
        lambda m: m.claims["a"].comments[0].author == "\ufffd",
    ),
    "foreign-comment-bad-id.graphml": (
        "claim 'a' comments[0].id: invalid id 'not an id!' (letters, digits and _ . : - only); "
        "renamed 'k2'",
        lambda m: m.claims["a"].comments[0].id == "k2",
    ),
    "foreign-comments-31-deep.graphml": (
        "claim 'a' comments[0]" + ".replies[0]" * 29 + ".replies: replies nested more than 30 "
        "levels deep; 1 reply(ies) left out",
        lambda m: _thread_depth(m.claims["a"].comments) == limits.MAX_COMMENT_DEPTH,
    ),
    "foreign-source-paragraph-0.graphml": (
        "claim 'a' source.paragraph: paragraph 0 is not 1 or more; left out",
        lambda m: m.claims["a"].source == SourceRef("s1", None, None),
    ),
    "foreign-node-id-newline.graphml": (
        "1 node id(s) were not valid argmap ids and were renamed",
        lambda m: list(m.claims) == ["a"],
    ),
    # AIF and Argdown go through the same repair (issue 12): places are JSON paths, lines, or
    # the claim a value ended in
    "aif-text-lone-surrogate.json": (
        "claim 'n1' text: text holds an unpaired UTF-16 surrogate (\\ud800-\\udfff), which is "
        "not a character; replaced by U+FFFD",
        lambda m: m.claims["n1"].text == "a\ufffdb",
    ),
    "aif-analysed-text-lone-surrogate.json": (
        "$.text: unpaired UTF-16 surrogates replaced by U+FFFD",
        lambda m: m.info.sources[0].text == "words \ufffd here",
    ),
    "aif-node-ids-collide.json": (
        "$.nodes[1]: id 'na-b' is taken already; read as 'na-b-2'",
        lambda m: {c.text for c in m.claims.values()} == {"first", "second"},
    ),
    "aif-two-ra-same-premise-and-conclusion.json": (
        "$.nodes[3]: RA node '4' repeats the support from 'n1' to 'n2' of another node",
        lambda m: len(m.relations) == 1,
    ),
    "aif-unknown-scheme.json": (
        "$.nodes[2]: RA node '3': scheme 'Argument From Moral Virtue' is not in argmap's "
        "catalogue (docs/schemes.md); kept as 'aif:Argument From Moral Virtue'",
        lambda m: m.relations["r3"].scheme == "aif:Argument From Moral Virtue",
    ),
    "aif-ova-position-overflows.json": (
        "$.OVA.nodes[0]: position (1e+308, 5) is not two numbers within ±1e+09; left out",
        lambda m: m.claims["n2"].pos == (10.0, 20.0) and m.claims["n1"].pos == (0.0, 0.0),
    ),
    "aif-argmap-comment-bad-id.json": (
        "claim 'c1' comments[0].id: invalid id 'not an id!' (letters, digits and _ . : - only); "
        "renamed 'k2'",
        lambda m: m.claims["c1"].comments[0].id == "k2",
    ),
    "argdown-data-lone-surrogate.argdown": (
        "claim 'A' notes: text holds an unpaired UTF-16 surrogate",
        lambda m: '"\ufffd"' in m.claims["A"].notes,
    ),
    "argdown-argmap-notes-lone-surrogate.argdown": (
        "claim 'A' notes: text holds an unpaired UTF-16 surrogate",
        lambda m: m.claims["A"].notes == "x\ufffd",
    ),
    "argdown-argmap-bad-id.argdown": (
        "line 1: metadata 'argmap' of 'A': invalid id 'not an id!' (letters, digits and _ . : - "
        "only); an id was made",
        lambda m: list(m.claims) == ["A"],
    ),
    "argdown-argmap-comment-bad-id.argdown": (
        "claim 'A' comments[0].id: invalid id 'not an id!' (letters, digits and _ . : - only); "
        "renamed 'k2'",
        lambda m: m.claims["A"].comments[0].id == "k2",
    ),
}


def _thread_depth(comments: tuple[Comment, ...]) -> int:
    depth, level = 0, list(comments)
    while level:
        depth += 1
        level = [r for c in level for r in c.replies]
    return depth


def test_repaired_corpus_is_complete() -> None:
    names = {p.name for p in (BAD / "repaired").iterdir()}
    assert names == set(REPAIRED)


@pytest.mark.parametrize("name", sorted(REPAIRED))
def test_foreign_file_is_repaired_with_a_warning_and_saves(name: str, tmp_path: Path) -> None:
    warning, check = REPAIRED[name]
    m, warnings = registry.read_with_report(BAD / "repaired" / name)
    assert any(warning in w for w in warnings), warnings
    assert check(m)
    # what argmap accepted it can save and open again, in every format it writes
    native.write(m, tmp_path / "m.argmap")
    assert native.read(tmp_path / "m.argmap") == m
    graphml.write(m, tmp_path / "m.graphml")
    assert graphml.read(tmp_path / "m.graphml") == m
    aif.write(m, tmp_path / "m.json")
    assert aif.read(tmp_path / "m.json") == m


@pytest.mark.parametrize("name", sorted(n for n in REPAIRED if not n.endswith(".graphml")))
def test_cli_reads_a_repaired_file_with_the_warning_on_stderr(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = BAD / "repaired" / name
    assert cli.main(["convert", str(path), str(tmp_path / "m.argmap")]) == 0
    err = capsys.readouterr().err
    assert f"argmap: warning: {path}: {REPAIRED[name][0]}" in err
    assert cli.main(["info", str(tmp_path / "m.argmap")]) == 0


def corpus_files() -> list[Path]:
    return sorted(p for p in BAD.iterdir() if p.suffix != ".py" and p.is_file())


def test_corpus_is_complete_and_large_enough() -> None:
    names = {p.name for p in corpus_files()}
    assert names == set(EXPECTED), "every corpus file has one expected message, and back"
    assert len(names) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_one_line_naming_file_and_place(name: str) -> None:
    path = BAD / name
    with pytest.raises(FormatError) as caught:
        registry.read(path)
    message = str(caught.value)
    assert "\n" not in message
    assert f"{path}: {EXPECTED[name]}" in message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_info_exits_2_with_the_message(name: str, capsys: pytest.CaptureFixture) -> None:
    path = BAD / name
    assert cli.main(["info", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"argmap: {path}: {EXPECTED[name]}")


def test_whole_corpus_through_a_real_process() -> None:
    """One interpreter runs `argmap info` over every file (a process per file costs ~0.3 s)."""
    script = (
        "import sys\n"
        "from argmap import cli\n"
        "codes = [cli.main(['info', f]) for f in sys.argv[1:]]\n"
        "print(' '.join(map(str, codes)))\n"
    )
    files = [str(p) for p in corpus_files()]
    done = subprocess.run(
        [sys.executable, "-c", script, *files],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["2"] * len(files)
    lines = done.stderr.splitlines()
    assert len(lines) == len(files)
    assert "Traceback" not in done.stderr
    for line, path in zip(lines, files, strict=True):
        assert line.startswith(f"argmap: {path}: ")


def test_python_m_argmap_info_exits_2_on_a_bomb() -> None:
    """The real entry point, once: status 2, one line, nothing expanded."""
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "info", str(BAD / "billion-laughs.graphml")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "refused" in done.stderr


# -- big cases, made here rather than committed ------------------------------------------


def _claims_doc(claims: str) -> bytes:
    return ('{"format":"argmap","version":1,"claims":[' + claims + '],"relations":[]}').encode()


def test_huge_text_is_refused_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "huge-text.argmap"
    text = "x" * (limits.MAX_TEXT_CHARS + 1)
    path.write_bytes(_claims_doc('{"id":"a","text":"ok"},{"id":"b","text":"' + text + '"}'))
    with pytest.raises(limits.LimitError, match=r"\$\.claims\[1\]\.text: text is too long"):
        native.read(path)


def test_text_at_the_limit_loads(tmp_path: Path) -> None:
    path = tmp_path / "long-but-fine.argmap"
    path.write_bytes(_claims_doc('{"id":"a","text":"' + "y" * limits.MAX_TEXT_CHARS + '"}'))
    assert len(native.read(path).claims["a"].text) == limits.MAX_TEXT_CHARS


def test_huge_text_made_of_escapes_is_still_found(tmp_path: Path) -> None:
    """Escaped quotes break the byte-run pre-scan's runs; the exact walk still finds them."""
    path = tmp_path / "escaped.argmap"
    path.write_bytes(_claims_doc('{"id":"a","notes":"' + '\\"' * 100_001 + '","text":""}'))
    with pytest.raises(limits.LimitError, match=r"\$\.claims\[0\]\.notes: text is too long"):
        native.read(path)


def test_million_and_one_claims_refused_before_building(tmp_path: Path) -> None:
    path = tmp_path / "too-many-claims.argmap"
    claims = ",".join(f'{{"id":"c{i}","text":""}}' for i in range(limits.MAX_CLAIMS + 1))
    path.write_bytes(_claims_doc(claims))
    too_many = f"{limits.MAX_CLAIMS + 1:,}"
    with pytest.raises(limits.LimitError, match=rf"\$\.claims: too many claims \({too_many};"):
        native.read(path)


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "too-large.argmap"
    with path.open("wb") as handle:  # sparse: no disk space, and argmap must not read it
        handle.truncate(limits.MAX_FILE_BYTES + 1)
    for reader in (native.read, graphml.read, iccma.read):
        with pytest.raises(limits.LimitError, match="file is too large"):
            reader(path)


def test_devices_and_directories_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="not a regular file"):
        native.read("/dev/zero")
    with pytest.raises(FormatError, match="is a directory"):
        native.read(tmp_path)


def test_huge_text_in_graphml_and_iccma(tmp_path: Path) -> None:
    long = "z" * (limits.MAX_TEXT_CHARS + 1)
    g = tmp_path / "huge-text.graphml"
    g.write_text(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="d0" for="node" attr.name="label" attr.type="string"/><graph id="G">'
        f'<node id="a"><data key="d0">{long}</data></node></graph></graphml>'
    )
    # GraphML from another tool is repaired, with a warning naming the place (issue 12) ...
    m, warnings = graphml.read_with_report(g)
    assert m.claims["a"].text == "z" * limits.MAX_TEXT_CHARS
    assert (
        "claim 'a' text: text is too long (100,001 characters; the limit is 100,000); cut to "
        "100,000 characters" in warnings
    )
    # ... and argmap's own GraphML is refused, as .argmap is.
    own = graphml.dumps(build_map([Claim("a", "short")])).replace(">short<", f">{long}<")
    with pytest.raises(limits.LimitError, match="huge-text.graphml: claim 'a' text: text is too"):
        graphml.loads(own, name="huge-text.graphml")
    a = tmp_path / "long-name.apx"
    a.write_text(f"arg({long}).\n")
    with pytest.raises(limits.LimitError, match="long-name.apx: line 1: argument name: text is"):
        iccma.read(a)


def test_too_many_attacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real reader with a lowered limit (5,000,001 attacks take seconds to make)."""
    monkeypatch.setattr(limits, "MAX_RELATIONS", 10)
    path = tmp_path / "many.af"
    path.write_text("p af 3\n" + "1 2\n" * 11)
    with pytest.raises(limits.LimitError, match=r"many.af: line 12: too many attacks \(11"):
        iccma.read(path)


# -- fuzz targets (shared with benchmarks/bench_fuzz.py) ---------------------------------


def _seed_bytes() -> dict[str, bytes]:
    """A valid file of every reader to mutate: the seed map in each format."""
    m = native.read(ROOT / "seeds" / "peace-talks.argmap")
    return {
        "argmap": native.dumps(m).encode(),
        "graphml": graphml.dumps(m).encode(),
        "apx": b"arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\natt(c,a).\n",
        "tgf": b"a\nb\nc label\n#\na b\nb c\n",
        "af": b"p af 3\n# comment\n1 2\n2 3\n3 1\n",
        "argdown": (ROOT / "tests" / "data" / "argdown" / "01-all-constructs.argdown").read_bytes()
        + (ROOT / "tests" / "data" / "argdown" / "07-multi-step-pcs.argdown").read_bytes(),
        "aif": (ROOT / "tests" / "data" / "aif" / "dialogue-aifdb.json").read_bytes(),
        # OVA3 JSON as argmap writes it: the "argmap" objects carrying what AIF cannot hold
        "aif-own": aif.dumps(m).encode(),
    }


def _read_iccma(suffix: str) -> Callable[[bytes, Path], object]:
    def read(data: bytes, tmp: Path) -> object:
        path = tmp / f"fuzz{suffix}"
        path.write_bytes(data)
        return iccma.read(path)

    return read


READERS: dict[str, Callable[[bytes, Path], object]] = {
    "argmap": lambda data, tmp: native.loads(data, name="fuzz.argmap"),
    "graphml": lambda data, tmp: graphml.loads(data, name="fuzz.graphml")[0],
    "apx": _read_iccma(".apx"),
    "tgf": _read_iccma(".tgf"),
    "af": _read_iccma(".af"),
    "argdown": lambda data, tmp: argdown.loads(data, name="fuzz.argdown"),
    "aif": lambda data, tmp: aif.loads(data, name="fuzz.json"),
    "aif-own": lambda data, tmp: aif.loads(data, name="fuzz.json"),
}


class RoundTripFailed(AssertionError):
    """An input a reader accepted that argmap then could not save or open again equal."""


def check_input(reader: str, data: bytes, tmp: Path) -> bool:
    """The fuzz property: a reader returns a map that saves (as .argmap, GraphML and AIF, real
    files through the real writers) and loads back equal, or raises an ArgmapError with a
    one-line message. Anything else propagates as a crash; a failed save or reload of an
    accepted input as RoundTripFailed. Returns whether the input was accepted."""
    try:
        m = READERS[reader](data, tmp)
    except ArgmapError as exc:
        assert "\n" not in str(exc)
        return False
    try:
        native.write(m, tmp / "accepted.argmap")  # type: ignore[arg-type]
        assert native.read(tmp / "accepted.argmap") == m, ".argmap reloaded differs"
        # GraphML too: every field must come back exactly (schemes, roles and answers are
        # GraphML keys now).
        graphml.write(m, tmp / "accepted.graphml")  # type: ignore[arg-type]
        again = graphml.read(tmp / "accepted.graphml")
        assert again == m, "GraphML reloaded differs"
        aif.write(m, tmp / "accepted.json")  # type: ignore[arg-type]
        assert aif.read(tmp / "accepted.json") == m, "AIF reloaded differs"
    except Exception as exc:  # noqa: BLE001 - any failure after acceptance is the defect
        raise RoundTripFailed(f"accepted, then {type(exc).__name__}: {exc}") from exc
    return True


def mutations(seed: bytes) -> st.SearchStrategy[bytes]:
    """Byte-level damage to a valid file: flips, cuts, insertions, repeats, random bytes."""
    n = len(seed)
    pos = st.integers(0, n)
    junk = st.binary(min_size=1, max_size=12) | st.sampled_from(
        [b"[", b"{", b"]", b'"', b"\\u", b"\xff", b"NaN", b"1e999", b"-0", b"\x00", b"<", b"&"]
    )
    flip = st.tuples(pos, junk).map(lambda t: seed[: t[0]] + t[1] + seed[t[0] + len(t[1]) :])
    insert = st.tuples(pos, junk).map(lambda t: seed[: t[0]] + t[1] + seed[t[0] :])
    cut = st.tuples(pos, pos).map(lambda t: seed[: min(t)] + seed[max(t) :])
    truncate = pos.map(lambda i: seed[:i])
    repeat = st.tuples(pos, st.integers(1, 40), st.integers(2, 50)).map(
        lambda t: seed[: t[0]] + seed[t[0] : t[0] + t[1]] * t[2] + seed[t[0] :]
    )
    return st.one_of(flip, insert, cut, truncate, repeat, st.binary(max_size=200))


def _json_values() -> st.SearchStrategy[object]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    return st.recursive(
        scalars,
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
        max_leaves=8,
    )


@st.composite
def native_field_swaps(draw: st.DrawFn, seed: bytes) -> bytes:
    """A valid document with one value anywhere replaced by a random JSON value."""
    doc = json.loads(seed)
    paths: list[list[object]] = []
    stack: list[tuple[object, list[object]]] = [(doc, [])]
    while stack:
        value, path = stack.pop()
        paths.append(path)
        if isinstance(value, dict):
            stack.extend((v, [*path, k]) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, [*path, i]) for i, v in enumerate(value))
    path = draw(st.sampled_from(paths[1:]))
    parent = doc
    for part in path[:-1]:
        parent = parent[part]  # type: ignore[index]
    parent[path[-1]] = draw(_json_values())  # type: ignore[index]
    return json.dumps(doc).encode()


def strategy_for(reader: str, seed: bytes) -> st.SearchStrategy[bytes]:
    if reader in ("argmap", "aif-own"):  # JSON: also any value anywhere swapped
        return mutations(seed) | native_field_swaps(seed)
    return mutations(seed)


SEEDS = _seed_bytes()


@pytest.mark.parametrize("reader", sorted(READERS))
def test_short_fuzz_of_every_reader(reader: str, tmp_path: Path) -> None:
    """A few hundred damaged inputs per reader (benchmarks/bench_fuzz.py runs minutes)."""

    @settings(
        max_examples=300,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=strategy_for(reader, SEEDS[reader]))
    def run(data: bytes) -> None:
        check_input(reader, data, tmp_path)

    run()


# -- issue 12: what argmap accepts it can save and open again ------------------------------


def _own_graphml(m: ArgumentMap, old: str, new: str) -> str:
    text = graphml.dumps(m)
    assert old in text
    return text.replace(old, new)


@pytest.mark.parametrize("where", ["comment author", "link"])
def test_200000_characters_in_own_graphml_refused_and_in_foreign_cut(where: str) -> None:
    long = "w" * 200_000
    comment = Comment("k1", "AUTHOR", "", "t")
    m = build_map(
        [Claim("a", "A", comments=(comment,)), Claim("b", "B")],
        [Relation("r1", "a", "b", link="LINK")],
    )
    marker = "AUTHOR" if where == "comment author" else "LINK"
    own = _own_graphml(m, marker, long)
    place = "claim 'a' comments[0].author" if where == "comment author" else "relation 'r1' link"
    with pytest.raises(limits.LimitError, match=rf"^x.graphml: {re.escape(place)}: text is too"):
        graphml.loads(own, name="x.graphml")
    # the same file without argmap's marker is another tool's: cut, with a warning
    foreign = own.replace('<data key="g_argmap_format">1</data>', "")
    assert foreign != own
    got, warnings = graphml.loads(foreign, name="x.graphml")
    assert any(w.startswith(f"{place}: text is too long (200,000") for w in warnings)
    value = (
        got.claims["a"].comments[0].author
        if where == "comment author"
        else got.relations["r1"].link
    )
    assert value == "w" * limits.MAX_TEXT_CHARS
    assert native.loads(native.dumps(got)) == got


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.argmap"
    os.mkfifo(fifo)
    result: list[BaseException] = []
    reader = threading.Thread(target=lambda: _catch(result, lambda: registry.read(fifo)))
    reader.daemon = True  # were the open to block, the test fails below instead of hanging
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert isinstance(result[0], FormatError)
    assert str(result[0]) == f"{fifo}: not a regular file (a FIFO (named pipe))"


def _catch(into: list[BaseException], func: Callable[[], object]) -> None:
    try:
        func()
    except BaseException as exc:  # noqa: BLE001 - handed to the test thread
        into.append(exc)


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sock.graphml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(FormatError, match=r"sock.graphml: not a regular file \(a socket\)"):
            registry.read(path)
    finally:
        server.close()


def test_20000_duplicate_node_ids_are_renamed_in_one_pass() -> None:
    body = '<node id="a"/>' * 20_000
    m, warnings = graphml.loads(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph id="G">'
        f"{body}</graph></graphml>",
        name="dups.graphml",
    )
    assert len(m.claims) == 20_000
    assert "a-20000" in m.claims
    assert "node 'a': a second node with this id was read as 'a-20000'" in warnings


def test_20000_parallel_edges_without_ids_are_one_relation() -> None:
    body = '<node id="a"/><node id="b"/>' + '<edge source="a" target="b"/>' * 20_000
    m, warnings = graphml.loads(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph id="G">'
        f"{body}</graph></graphml>",
        name="parallel.graphml",
    )
    assert len(m.relations) == 1
    assert "edge #20000: a second support between the same ends, left out" in warnings


def test_chained_and_flat_undercuts_load_save_and_cascade() -> None:
    """5,000 of each (the 100,000 are benchmarks/bench_undercuts.py): in reverse order, the
    worst for building; the cascade removes them all and its undo restores the map."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_undercuts import chain, flat

    from argmap.model.edits import RemoveClaim

    for make in (chain, flat):
        m = make(5_000)
        assert native.loads(native.dumps(m)) == m
        assert graphml.loads(graphml.dumps(m))[0] == m
        before = m.copy()
        undo = RemoveClaim("a").apply(m)
        assert not m.relations or make is flat
        assert all(r.target != "r0" for r in m.relations.values())
        undo.apply(m)
        assert m == before and not m.check_invariants()


def test_a_map_at_the_count_limits_saves_under_the_size_limit() -> None:
    """The ICCMA case of issue 12 (a framework at the argument limit made an .argmap the reader
    refused): bytes per argument and per attack measured on a real ICCMA read, with names as
    long as they are at the limits, times the limits, stay under MAX_FILE_BYTES."""
    n = 2_000
    first = limits.MAX_CLAIMS - n
    lines = [f"arg(a{first + i})." for i in range(n)]
    lines += [f"att(a{first + i},a{first + (i + 1) % n})." for i in range(n)]
    lines += [f"att(a{first + i},a{first + (i + 7) % n})." for i in range(n)]
    data = "\n".join(lines).encode()
    path = ROOT / "tests" / "data" / "bad"  # only for the name; the file is written to tmp
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        apx = Path(tmp) / f"{path.name}.apx"
        apx.write_bytes(data)
        m = iccma.read(apx)
    claims_only = len(native.dumps(build_map(m.claims.values(), info=m.info)).encode())
    whole = len(native.dumps(m).encode())
    per_claim = claims_only / n
    per_relation = (whole - claims_only) / (2 * n)
    # relation ids at the limit are two digits longer than here ("att" + 6 digits, each twice
    # more or less in id and references): allow 8 bytes more a relation
    at_limits = per_claim * limits.MAX_CLAIMS + (per_relation + 8) * limits.MAX_RELATIONS
    assert at_limits < limits.MAX_FILE_BYTES, f"{at_limits / 2**20:.0f} MB"


def test_a_map_too_big_to_save_is_refused_by_every_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.io import validate

    m = build_map([Claim(f"c{i}", "x" * 1000) for i in range(50)])
    size = len(native.dumps(m).encode())
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(limits.LimitError, match="the map is too large to save"):
        validate.validate_map(m, "big.graphml")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", size)
    assert validate.validate_map(m, "big.graphml") is m
