"""The bad-file corpus: every kind of damage gives one clear line (file, place, reason), exit
status 2 from `argmap info`, and never a traceback; plus big cases made here and a short
hypothesis fuzz of every reader.

The corpus lives in tests/data/bad/ (tests/data/bad/make_corpus.py writes it). The fuzz targets
below are shared with benchmarks/bench_fuzz.py, which runs them for minutes instead of seconds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import cli
from argmap.io import aif, argdown, graphml, iccma, limits, native, registry
from argmap.model.errors import ArgmapError, FormatError

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
    with pytest.raises(limits.LimitError, match=r"\$\.claims: too many claims \(1,000,001"):
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
    with pytest.raises(limits.LimitError, match="huge-text.graphml: claim 'a': text is too long"):
        graphml.read(g)
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
}


def check_input(reader: str, data: bytes, tmp: Path) -> None:
    """The fuzz property: a reader returns a map that saves and loads back equal, or raises an
    ArgmapError with a one-line message. Anything else propagates as a crash."""
    try:
        m = READERS[reader](data, tmp)
    except ArgmapError as exc:
        assert "\n" not in str(exc)
        return
    text = native.dumps(m)  # type: ignore[arg-type]
    assert native.loads(text.encode("utf-8"), name="again") == m


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
    if reader == "argmap":
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
