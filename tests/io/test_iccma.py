"""ICCMA readers: the three dialects give the same framework; bad lines name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.analysis.evaluation import evaluate
from argmap.io import iccma, registry
from argmap.model import FormatError, RelationKind

APX = """arg(a).
arg(b).
arg(c).
att(a,b).
att(b,c).
att(c,b).
"""
TGF = "a\nb label of b\nc\n#\na b\nb c\nc b\n"
I23 = "# a comment\np af 3\n1 2\n2 3\n3 2\n"


@pytest.mark.parametrize(
    ("name", "text", "names"),
    [
        ("f.apx", APX, ["a", "b", "c"]),
        ("f.tgf", TGF, ["a", "b", "c"]),
        ("f.af", I23, ["1", "2", "3"]),
        ("f.i23", I23, ["1", "2", "3"]),
    ],
)
def test_dialects_read_as_attack_only_maps(tmp_path: Path, name: str, text: str, names) -> None:
    path = tmp_path / name
    path.write_text(text)
    m = registry.read(path)
    assert list(m.claims) == names
    assert all(r.kind is RelationKind.ATTACK for r in m.relations.values())
    pairs = sorted((r.source, r.target) for r in m.relations.values())
    a, b, c = names
    assert pairs == sorted([(a, b), (b, c), (c, b)])
    assert evaluate(m).labels == {a: "in", b: "out", c: "in"}
    # Claims are spread on a grid, not stacked.
    assert len({(cl.x, cl.y) for cl in m.claims.values()}) == 3
    fw = iccma.read_framework(path)
    assert fw.names == names and sorted(fw.edges()) == [(0, 1), (1, 2), (2, 1)]


def test_names_that_are_not_ids_are_kept_as_text(tmp_path: Path) -> None:
    path = tmp_path / "odd.apx"
    path.write_text("arg(att1).\narg(x/y).\natt(x/y,att1).\natt(x/y,att1).\n")
    m = registry.read(path)
    assert list(m.claims) == ["att1", "arg2"] and m.claims["arg2"].text == "x/y"
    assert len(m.relations) == 1  # a repeated attack is one attack
    assert not any(r in m.claims for r in m.relations)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "bad.apx",
            "arg(a).\natt(a,b).\n",
            "bad.apx: line 2: attack names undeclared argument 'b'",
        ),
        ("bad.apx", "arg(a).\nargh(b).\n", "bad.apx: line 2: expected 'arg(a).' or 'att(a,b).'"),
        ("bad.apx", "arg(a).\narg(a).\n", "bad.apx: line 2: argument 'a' declared twice"),
        ("bad.af", "p af 2\n1 3\n", "bad.af: line 2: argument 3 is not in 1..2"),
        ("bad.af", "p af 2\n1 x\n", "bad.af: line 2: expected an attack 'i j'"),
        ("bad.i23", "# c\np graph 2\n", "bad.i23: line 2: expected the header 'p af N'"),
        ("bad.tgf", "a\n#\na b\n", "bad.tgf: line 3: attack names undeclared argument 'b'"),
        ("bad.tgf", "a\n#\na\n", "bad.tgf: line 3: expected an attack 'a b'"),
    ],
)
def test_malformed_lines_name_file_and_line(tmp_path: Path, name: str, text: str, message) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(FormatError) as err:
        registry.read(path)
    assert str(err.value).startswith(str(tmp_path / message.split(":")[0]) + ":")
    assert message.split(": ", 1)[1] in str(err.value)


def test_iccma_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "f.apx"
    path.write_text(APX)
    with pytest.raises(Exception, match="cannot write"):
        registry.write(registry.read(path), tmp_path / "out.apx")
