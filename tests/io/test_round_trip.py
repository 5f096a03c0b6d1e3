"""Whatever argmap reads it can write, and what it writes it reads back (issue 12).

For random inputs of every reader — argmap maps (tests/strategies.py), plain networkx graphs
written by networkx itself, yEd-styled GraphML, ICCMA frameworks in APX, TGF and 2023 'p af'
form — read → write → read is the identity, for each format argmap writes (.argmap,
GraphML with and without yEd graphics, and AIF). Files are real files in a temporary folder, written
with the real writers (atomic saves included).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.io import aif, graphml, iccma, native
from argmap.model.map import ArgumentMap
from tests.strategies import maps

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

WRITERS: dict[str, tuple[Callable[[ArgumentMap, Path], None], Callable[[Path], ArgumentMap]]] = {
    ".argmap": (lambda m, p: native.write(m, p), native.read),
    ".graphml": (lambda m, p: graphml.write(m, p), graphml.read),
    ".plain.graphml": (lambda m, p: graphml.write(m, p, yed=False), graphml.read),
    # AIF (OVA3 JSON) keeps every field too: what AIF cannot hold rides in "argmap" objects
    ".aif.json": (lambda m, p: aif.write(m, p), aif.read),
}


def assert_round_trips(m: ArgumentMap, tmp: Path) -> None:
    """read → write → read is the identity in every format argmap writes."""
    for suffix, (write, read) in WRITERS.items():
        path = tmp / f"m{suffix}"
        write(m, path)
        again = read(path)
        assert again == m, suffix
        write(again, path)  # and the second write reads back the same again
        assert read(path) == m, suffix


@SETTINGS
@given(maps())
def test_argmap_maps_round_trip_in_every_format(tmp_path: Path, m: ArgumentMap) -> None:
    native.write(m, tmp_path / "in.argmap")
    assert_round_trips(native.read(tmp_path / "in.argmap"), tmp_path)


names = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>&\"'"),
    min_size=1,
    max_size=12,
)


@st.composite
def networkx_graphs(draw: st.DrawFn) -> nx.DiGraph:
    """A directed graph as a networkx user would write it: any node ids, string and number
    attributes, some edges saying support or attack, others saying nothing."""
    g = nx.DiGraph()
    nodes = draw(st.lists(names, max_size=8, unique=True))
    for n in nodes:
        attrs: dict[str, object] = {}
        if draw(st.booleans()):
            attrs["label"] = draw(names)
        if draw(st.booleans()):
            attrs["weight"] = draw(st.floats(-1e6, 1e6, allow_nan=False))
        if draw(st.booleans()):
            attrs["x"] = draw(st.integers(-5000, 5000))
            attrs["y"] = draw(st.integers(-5000, 5000))
        g.add_node(n, **attrs)
    if nodes:
        for _ in range(draw(st.integers(0, 12))):
            a, b = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
            relation = draw(st.sampled_from([None, "support", "attack", "pro", "con"]))
            g.add_edge(a, b, **({} if relation is None else {"relation": relation}))
    return g


@SETTINGS
@given(networkx_graphs())
def test_networkx_graphml_reads_then_round_trips(tmp_path: Path, g: nx.DiGraph) -> None:
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer)
    (tmp_path / "nx.graphml").write_bytes(buffer.getvalue())
    m = graphml.read(tmp_path / "nx.graphml")
    assert len(m.claims) == g.number_of_nodes()
    assert_round_trips(m, tmp_path)


@SETTINGS
@given(maps(max_claims=6))
def test_yed_styled_graphml_without_argmap_marker_round_trips(
    tmp_path: Path, m: ArgumentMap
) -> None:
    """argmap's own GraphML with the argmap marker removed reads as a yEd file from another
    tool (labels and geometry from the yEd graphics): what it reads then round-trips."""
    text = graphml.dumps(m).replace(
        f'<data key="g_argmap_format">{graphml.FORMAT_VERSION}</data>', ""
    )
    (tmp_path / "yed.graphml").write_text(text, encoding="utf-8")
    read, _ = graphml.read_with_report(tmp_path / "yed.graphml")
    assert len(read.claims) == len(m.claims)
    assert_round_trips(read, tmp_path)


argument_names = st.from_regex(r"[a-z][a-z0-9_]{0,5}", fullmatch=True)


@st.composite
def frameworks(draw: st.DrawFn) -> tuple[list[str], list[tuple[int, int]]]:
    args = draw(st.lists(argument_names, min_size=1, max_size=10, unique=True))
    attacks = draw(
        st.lists(
            st.tuples(st.integers(0, len(args) - 1), st.integers(0, len(args) - 1)), max_size=20
        )
    )
    return args, attacks


@SETTINGS
@given(frameworks(), st.sampled_from([".apx", ".tgf", ".af"]))
def test_iccma_frameworks_read_then_round_trip(
    tmp_path: Path, fw: tuple[list[str], list[tuple[int, int]]], suffix: str
) -> None:
    args, attacks = fw
    if suffix == ".apx":
        text = "".join(f"arg({a}).\n" for a in args)
        text += "".join(f"att({args[a]},{args[b]}).\n" for a, b in attacks)
    elif suffix == ".tgf":
        text = "".join(f"{a}\n" for a in args) + "#\n"
        text += "".join(f"{args[a]} {args[b]}\n" for a, b in attacks)
    else:
        text = f"p af {len(args)}\n" + "".join(f"{a + 1} {b + 1}\n" for a, b in attacks)
    path = tmp_path / f"fw{suffix}"
    path.write_text(text, encoding="utf-8")
    m = iccma.read(path)
    assert len(m.claims) == len(args)
    assert len(m.relations) == len(set(attacks))
    assert_round_trips(m, tmp_path)


def _unplaced(m: ArgumentMap) -> ArgumentMap:
    from argmap.model.types import with_changes

    out = m.copy()
    for c in list(out.claims.values()):
        out.replace_claim(with_changes(c, x=0.0, y=0.0))
    return out


@SETTINGS
@given(maps())
def test_argmap_maps_round_trip_through_argdown(tmp_path: Path, m: ArgumentMap) -> None:
    """argmap → Argdown → argmap: the same map but positions (Argdown has none), for every
    field and any text, undercuts of undercuts too (those ride in argmap's metadata); and
    whatever argmap writes as Argdown it reads back."""
    from argmap.io import argdown

    native.write(m, tmp_path / "in.argmap")
    m = native.read(tmp_path / "in.argmap")
    argdown.write(m, tmp_path / "m.argdown")
    back, warnings = argdown.read_with_report(tmp_path / "m.argdown", layout=False)
    assert warnings == []
    assert _unplaced(back) == _unplaced(m)


def test_comment_openers_inside_argdown_metadata_survive(tmp_path: Path) -> None:
    """`//`, `/*` and `<!--` in a field written into `{argmap: ...}` metadata: Argdown's
    lexer would take them as a comment and cut the metadata (found by the property test:
    a comment author holding `//` lost a relation's id, and the undercut aimed at it)."""
    from argmap.io import argdown
    from argmap.model import Claim, Relation, RelationKind, build_map
    from argmap.model.types import ClaimKind

    odd = "// a /* b <!-- c http://d ///"
    m = build_map(
        [
            Claim("c", "C", notes=odd),
            Claim("x", "X", holder=odd),
            Claim("n", "N", kind=ClaimKind.ARGUMENT, notes=odd),
        ],
        [
            Relation("r0", "x", "n", RelationKind.ATTACK, notes=odd),
            Relation("r1", "c", "r0", RelationKind.ATTACK, label=odd),
        ],
    )
    argdown.write(m, tmp_path / "m.argdown")
    back, warnings = argdown.read_with_report(tmp_path / "m.argdown", layout=False)
    assert warnings == []
    assert _unplaced(back) == _unplaced(m)
