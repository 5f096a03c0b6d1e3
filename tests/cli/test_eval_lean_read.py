"""`argmap eval MAP.argmap` with an extension semantics reads only claim ids, texts and
relations (argmap/io/native_relations.py): the same output as evaluating the full map, the
same one-line error for every bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.io import native, native_relations
from argmap.model import Claim, Relation, RelationKind, build_map
from tests.strategies import maps

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
SEMANTICS = ["grounded", "complete", "preferred", "stable"]
ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], capsys: pytest.CaptureFixture[str], full: bool) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of `argmap ARGS`, by the lean read or the full one."""
    with pytest.MonkeyPatch.context() as mp:
        if full:
            mp.setattr(native_relations, "read", lambda path: None)
        status = main(args)
    out = capsys.readouterr()
    return status, out.out, out.err


def both_agree(path: Path, capsys, semantics: str, *flags: str) -> None:
    args = ["eval", str(path), "--semantics", semantics, *flags]
    assert run(args, capsys, full=False) == run(args, capsys, full=True)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(m=maps(), semantics=st.sampled_from(SEMANTICS), support=st.sampled_from(
    ["necessary", "deductive", "bipolar", "none"]
))
def test_lean_read_evaluates_as_the_map(tmp_path: Path, capsys, m, semantics, support) -> None:
    path = tmp_path / "m.argmap"
    native.write(m, path, backup=False)
    for flags in (["--json"], []):
        both_agree(path, capsys, semantics, "--support", support, *flags)


def test_lean_read_is_taken_for_plain_maps_with_undercuts(tmp_path: Path, capsys) -> None:
    """A plain map (undercut listed before the relation it attacks, a linked pair) takes the
    lean read, relations in the order the map holds them; the output is the map's."""
    claims = [Claim(c, f"text of {c}") for c in "abcde"]
    relations = [
        Relation("u", "e", "r1", RelationKind.ATTACK),
        Relation("r1", "a", "b", RelationKind.SUPPORT, link="L"),
        Relation("r2", "c", "b", RelationKind.SUPPORT, link="L"),
        Relation("r3", "d", "a", RelationKind.ATTACK),
    ]
    m = build_map(claims, relations)
    path = tmp_path / "m.argmap"
    native.write(m, path, backup=False)
    lean = native_relations.read(path)
    assert lean is not None
    assert lean.claims == {c.id: c.text for c in claims}
    assert list(lean.relations) == list(m.relations) == ["r1", "r2", "r3", "u"]
    assert list(lean.relations.values()) == list(m.relations.values())
    for semantics in SEMANTICS:
        both_agree(path, capsys, semantics, "--json")
        both_agree(path, capsys, semantics)


def test_seed_map_goes_the_full_way_with_the_same_answer(capsys) -> None:
    """The seed map uses schemes and anchors: the lean read leaves it to the full read."""
    seed = ROOT / "seeds" / "peace-talks.argmap"
    assert native_relations.read(seed) is None
    both_agree(seed, capsys, "grounded", "--json")


def test_bad_files_get_the_same_error() -> None:
    paths = sorted(BAD.glob("*.argmap"))
    assert len(paths) >= 30
    for path in paths:
        try:
            native.read(path)
        except Exception as exc:  # noqa: BLE001 - compared below, whatever it is
            with pytest.raises(type(exc)) as got:
                if native_relations.read(path) is None:
                    native.read(path)
            assert str(got.value) == str(exc), path.name
        else:
            native_relations.read(path)


def test_bad_files_through_the_command_line(capsys) -> None:
    for path in sorted(BAD.glob("*.argmap")):
        both_agree(path, capsys, "grounded", "--json")
