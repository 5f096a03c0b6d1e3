"""The bulk ICCMA parse (the fast path of `argmap eval`) agrees with the line parser: the
same framework for every file the line parser reads, the same one-line error otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.framework import Framework
from argmap.cli import main
from argmap.io import iccma, limits
from argmap.model.errors import ArgmapError

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def slow(path: Path) -> Framework:
    """The line parser within the framework limits, as `read_framework` falls back to it."""
    names, edges = iccma.parse(path, limits.MAX_FRAMEWORK_ARGUMENTS, limits.MAX_FRAMEWORK_ATTACKS)
    return Framework.from_edges(iccma.claim_ids(names), edges)


def same_outcome(path: Path) -> None:
    try:
        expected = slow(path)
    except ArgmapError as exc:
        with pytest.raises(type(exc)) as got:
            iccma.read_framework(path)
        assert str(got.value) == str(exc)
        return
    fw = iccma.read_framework(path)
    assert fw.names == expected.names
    assert fw.targets == expected.targets


def test_bulk_parse_is_used_on_plain_files(tmp_path: Path) -> None:
    files = {
        "f.apx": "arg(a).\narg( b ).\n\narg(c).\natt(a,b).\n att(b , c) .\natt(c,b).",
        "f.tgf": "a\nb label of b\nc\n#\na b\nb c weight 3\nc b\n",
        "f.i23": "p af 3\n1 2\n\n2 3\r\n3 2\n",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text)
        assert iccma._bulk(path) is not None, name
        same_outcome(path)


def test_bad_corpus_gives_the_same_errors() -> None:
    paths = [p for p in BAD.iterdir() if p.suffix in (".apx", ".tgf", ".af", ".i23")]
    assert len(paths) >= 5
    for path in paths:
        same_outcome(path)


LINES = st.sampled_from(
    [
        "arg(a).",
        "arg(b).",
        "arg(c).",
        "arg(a",
        "att(a,b).",
        "att(b,a).",
        "att(a,z).",
        "att(c,c).",
        "%",
        "% note",
        "",
        "  ",
        "#",
        "# c",
        "p af 3",
        "p af 2",
        "p af x",
        "1 2",
        "2 3",
        "3 1",
        "4 1",
        "0 1",
        "1",
        "1 2 3",
        "a b",
        "b c",
        "c",
        "a",
        "b x y",
        "\u00e9t\u00e9",
        "1\u00b2 2",
        "\r",
        "\x0c",
    ]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(LINES, max_size=12), ext=st.sampled_from([".apx", ".tgf", ".af", ".i23"]))
def test_random_files_agree(tmp_path: Path, lines: list[str], ext: str) -> None:
    path = tmp_path / f"f{ext}"
    path.write_bytes("\n".join(lines).encode())
    same_outcome(path)


@pytest.mark.parametrize("semantics", ["grounded", "complete", "preferred", "stable"])
def test_eval_reads_frameworks_directly(tmp_path: Path, capsys, semantics: str) -> None:
    """The fast path and the map path print the same JSON."""
    path = tmp_path / "f.apx"
    path.write_text(
        "arg(a).\narg(b).\narg(c).\narg(d).\natt(a,b).\natt(b,c).\natt(c,d).\natt(d,c).\n"
    )
    assert main(["eval", str(path), "--semantics", semantics, "--json"]) == 0
    fast = capsys.readouterr().out
    m_path = tmp_path / "f.argmap"
    assert main(["convert", str(path), str(m_path)]) == 0
    capsys.readouterr()
    assert main(["eval", str(m_path), "--semantics", semantics, "--json"]) == 0
    assert capsys.readouterr().out == fast
    assert main(["eval", str(path), "--semantics", semantics]) == 0
    text = capsys.readouterr().out
    assert main(["eval", str(m_path), "--semantics", semantics]) == 0
    assert capsys.readouterr().out == text


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(st.text(), JSONISH | st.dictionaries(st.text(), st.text()), max_size=5))
def test_fast_json_is_byte_identical_to_json_dumps(data: dict) -> None:
    from argmap.cli import _indented

    assert _indented(data, 0) == json.dumps(data, indent=2, ensure_ascii=False)


NUMBERED = st.sampled_from(["a0", "a1", "a2", "a01", "a7", "b1", "3", "x1y2", "a.1"])


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    declared=st.lists(NUMBERED, max_size=6),
    attacks=st.lists(st.tuples(NUMBERED, NUMBERED), max_size=8),
    ext=st.sampled_from([".apx", ".tgf"]),
)
def test_numbered_names_agree(tmp_path: Path, declared, attacks, ext: str) -> None:
    """Names of one prefix and a number take the array lookup; leading zeros, digits in the
    prefix, mixed prefixes, repeats and undeclared numbers end as the line parser says."""
    path = tmp_path / f"f{ext}"
    if ext == ".apx":
        text = "".join(f"arg({a}).\n" for a in declared)
        text += "".join(f"att({a},{b}).\n" for a, b in attacks)
    else:
        text = "".join(f"{a}\n" for a in declared) + "#\n"
        text += "".join(f"{a} {b}\n" for a, b in attacks)
    path.write_text(text)
    same_outcome(path)


def test_numbered_names_use_the_number_lookup(tmp_path: Path) -> None:
    path = tmp_path / "f.apx"
    path.write_text("arg(a2).\narg(a0).\narg(a1).\natt(a2,a1).\natt(a1,a0).\natt(a0,a2).\n")
    bulk = iccma._bulk(path)
    assert bulk is not None
    names, heads, tails = bulk
    assert names == ["a2", "a0", "a1"]
    assert (heads.tolist(), tails.tolist()) == ([0, 2, 1], [2, 1, 0])
    assert iccma._numbering(names)[0] == "a"
    assert iccma._numbering(["a1", "a01"])[1] is None  # leading zero: not a number name
    assert iccma._numbering(["x1y2", "x1y3"])[1] is None  # digits in the prefix
    assert iccma._numbering(["a1", "a1"])[1] is None  # declared twice
    same_outcome(path)


def test_eval_reads_past_the_map_limits(tmp_path: Path, capsys) -> None:
    """`eval` builds no map, so it reads frameworks past the map's argument limit; the map
    readers (convert) still refuse them; past the framework limit eval refuses in one line."""
    n = limits.MAX_CLAIMS + 1
    path = tmp_path / "big.i23"
    path.write_text(f"p af {n}\n1 2\n2 3\n")
    assert main(["eval", str(path), "--semantics", "grounded", "--json"]) == 0
    labels = json.loads(capsys.readouterr().out)["labels"]
    assert len(labels) == n
    assert (labels["1"], labels["2"], labels["3"], labels[str(n)]) == ("in", "out", "in", "in")
    assert main(["convert", str(path), str(tmp_path / "big.argmap")]) == 2
    assert f"too many arguments ({n:,}; argmap reads up to" in capsys.readouterr().err
    over = limits.MAX_FRAMEWORK_ARGUMENTS + 1
    path.write_text(f"p af {over}\n1 2\n")
    assert main(["eval", str(path), "--semantics", "grounded"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(
        f"line 1: too many arguments ({over:,}; argmap reads up to "
        f"{limits.MAX_FRAMEWORK_ARGUMENTS:,})"
    )
    assert "\n" not in err
