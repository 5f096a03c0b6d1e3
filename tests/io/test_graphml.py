"""GraphML: exact round trips of argmap's own files, networkx and yEd reading them, imports
from networkx, yEd and Argdown, and refusal of hostile XML."""

from __future__ import annotations

import io
import time
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from argmap.io import graphml, registry
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Comment,
    Group,
    MapInfo,
    Relation,
    RelationKind,
    Review,
    ReviewStatus,
    SourceDocument,
    SourceRef,
)
from argmap.model.errors import FormatError
from argmap.model.synthetic import synthetic_map
from tests.strategies import maps

DATA = Path(__file__).resolve().parents[1] / "data" / "graphml"
Y = "{http://www.yworks.com/xml/graphml}"


def sample_map() -> ArgumentMap:
    """A small map with every kind of thing argmap keeps, and strings XML finds hard."""
    m = ArgumentMap(
        MapInfo(
            title="Peace talks & <guarantees>",
            description="line one\r\nline two\ttab",
            authors=("Ann", "Bo"),
            sources=(
                SourceDocument("doc", "Brief", "ISW", "2025-03-14", "https://x.test/a?b=1&c"),
            ),
            created="2026-11-25T08:00:00Z",
            modified="2026-11-26T08:00:00Z",
        )
    )
    m.add_claim(
        Claim(
            "t",
            "Kyiv and Moscow should open ceasefire talks this winter.",
            ClaimKind.THESIS,
            holder="the author",
            tags=("talks", "a,b", ""),
            notes="bell \x07, vertical tab \x0b, backslash \\u0041, end ]]>",
            source=SourceRef("doc", 3, (5, 40)),
            base_score=0.75,
            x=-120.5,
            y=0.1 + 0.2,
            pinned=True,
            comments=(
                Comment(
                    "k1",
                    "Ann",
                    "2026-11-25T08:00:00Z",
                    "Source? \ufffe",
                    False,
                    (Comment("k2", "Bo", "2026-11-25T09:00:00Z", "ISW, 14 March", True),),
                ),
            ),
            review=Review(ReviewStatus.DISPUTED, "Bo", "2026-11-25T10:00:00Z"),
        )
    )
    m.add_claim(Claim("a", "Both armies are short of trained reserves.", ClaimKind.EVIDENCE))
    m.add_claim(Claim("b", "A pause serves both.", ClaimKind.ASSUMPTION, x=300.0, y=200.0))
    m.add_claim(Claim("c", "Russia recruits 30,000 soldiers a month.", x=600.0, y=200.0))
    m.add_claim(Claim("d", "", x=900.0, y=400.0))
    m.add_relation(Relation("r1", "a", "t", RelationKind.SUPPORT, "jointly", link="L1"))
    m.add_relation(Relation("r2", "b", "t", RelationKind.SUPPORT, link="L1"))
    m.add_relation(Relation("r3", "c", "a", RelationKind.ATTACK, "", "notes\r", link=""))
    m.add_relation(Relation("u1", "c", "r1", RelationKind.ATTACK, "not jointly enough"))
    m.add_relation(
        Relation(
            "u2",
            "d",
            "u1",
            RelationKind.ATTACK,
            comments=(Comment("k3", "Cy", "2026-11-25T08:00:00Z", "hm"),),
            review=Review(ReviewStatus.ACCEPTED),
        )
    )
    m.add_relation(Relation("r4", "t", "t", RelationKind.ATTACK))  # a self-attack is allowed
    m.add_group(Group("g1", "Reserves", ("a", "b"), True))
    m.add_group(Group("g2", "", ()))
    return m


# -- export and exact round trip -----------------------------------------------------------


def test_round_trip_of_a_map_with_every_field_and_hard_strings(tmp_path: Path) -> None:
    m = sample_map()
    path = tmp_path / "m.graphml"
    graphml.write(m, path)
    back, warnings = graphml.read_with_report(path)
    assert warnings == []
    assert back == m
    assert graphml.read(path) == m
    # Deterministic: writing the read map again gives the same bytes.
    assert graphml.dumps(back) == path.read_text(encoding="utf-8")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_round_trip_of_random_maps(m: ArgumentMap) -> None:
    text = graphml.dumps(m)
    back, warnings = graphml.loads(text)
    assert back == m
    assert warnings == []


@settings(max_examples=40, deadline=None)
@given(maps())
def test_round_trip_without_yed_graphics(m: ArgumentMap) -> None:
    text = graphml.dumps(m, yed=False)
    assert "y:ShapeNode" not in text
    assert graphml.loads(text)[0] == m


def test_networkx_reads_the_export() -> None:
    m = sample_map()
    data = io.BytesIO(graphml.dumps(m).encode("utf-8"))
    g = nx.read_graphml(data, force_multigraph=True)  # keyed by edge id = relation id
    assert g.number_of_nodes() == len(m.claims)
    assert g.number_of_edges() == len(m.relations)
    assert g.nodes["t"]["text"] == m.claims["t"].text
    assert g.nodes["t"]["kind"] == "thesis"
    # yEd's geometry holds the top-left corner; our own x/y (the centre) win in networkx.
    assert g.nodes["t"]["x"] == -120.5 and g.nodes["b"]["y"] == 200.0
    assert g.nodes["t"]["pinned"] is True
    assert g.nodes["t"]["base_score"] == 0.75
    edges = {key: data for _, _, key, data in g.edges(keys=True, data=True)}
    assert edges["r1"]["relation"] == "support" and edges["r1"]["link"] == "L1"
    assert edges["r1"]["label"] == "jointly"
    assert edges["r3"]["relation"] == "attack"
    assert "link" not in edges["u1"]
    assert edges["u1"]["relation"] == "undercut" and edges["u1"]["target_relation"] == "r1"
    assert edges["u2"]["target_relation"] == "u1"
    # An undercut's edge ends at the claim the attacked inference concludes to.
    ends = {key: (s, t) for s, t, key in g.edges(keys=True)}
    assert ends["u1"] == ("c", "t") and ends["u2"] == ("d", "t")


def test_networkx_reads_a_big_export_with_counts() -> None:
    m = synthetic_map(300, 450)
    g = nx.read_graphml(io.BytesIO(graphml.dumps(m).encode("utf-8")))
    assert (g.number_of_nodes(), g.number_of_edges()) == (300, 450)
    relations = {d["relation"] for _, _, d in g.edges(data=True)}
    assert relations == {"support", "attack"}


def test_yed_graphics_follow_the_map() -> None:
    m = sample_map()
    root = _xml(graphml.dumps(m))
    nodes = {n.get("id"): n for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")}
    geometry = nodes["b"].find(f".//{Y}Geometry")
    width, height = graphml.card_size(m.claims["b"])
    assert float(geometry.get("width")) == 240.0
    assert float(geometry.get("height")) == 56.0 + 18.0  # one line of text
    # Top-left corner in yEd; card centre in argmap.
    assert float(geometry.get("x")) == 300.0 - width / 2
    assert float(geometry.get("y")) == 200.0 - height / 2
    assert nodes["t"].find(f".//{Y}Fill").get("color") == graphml.KIND_FILL[ClaimKind.THESIS]
    assert nodes["a"].find(f".//{Y}Fill").get("color") == graphml.KIND_FILL[ClaimKind.EVIDENCE]
    assert nodes["t"].find(f".//{Y}NodeLabel").text == (
        "Kyiv and Moscow should open\nceasefire talks this winter."
    )
    edges = {e.get("id"): e for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")}
    styles = {k: e.find(f".//{Y}LineStyle") for k, e in edges.items()}
    assert styles["r2"].get("color") == "#2e8b57" and styles["r2"].get("type") == "line"
    assert styles["r3"].get("color") == "#c8372d" and styles["r3"].get("type") == "line"
    assert styles["u1"].get("color") == "#c8372d" and styles["u1"].get("type") == "dashed"
    # The undercut bends at the middle of the line it attacks (a → t).
    a, t = m.claims["a"], m.claims["t"]
    bend = edges["u1"].find(f".//{Y}Point")
    assert (float(bend.get("x")), float(bend.get("y"))) == ((a.x + t.x) / 2, (a.y + t.y) / 2)


def test_wrap_lines_breaks_at_words_and_long_words() -> None:
    assert graphml.wrap_lines("") == [""]
    assert graphml.wrap_lines("a b") == ["a b"]
    assert graphml.wrap_lines("x" * 70) == ["x" * 32, "x" * 32, "x" * 6]
    assert graphml.wrap_lines("one\ntwo") == ["one", "two"]
    text = "Both armies are short of trained reserves, so a pause serves both."
    assert all(len(line) <= 32 for line in graphml.wrap_lines(text))
    assert " ".join(graphml.wrap_lines(text)) == text


def test_registry_knows_graphml(tmp_path: Path) -> None:
    fmt = registry.format_for(tmp_path / "x.GraphML", writing=True)
    assert fmt.module == "argmap.io.graphml" and fmt.can_read and fmt.can_write
    m = sample_map()
    registry.write(m, tmp_path / "x.graphml")
    assert registry.read(tmp_path / "x.graphml") == m


def _xml(text: str):  # noqa: ANN202 - an Element
    from xml.etree.ElementTree import fromstring

    return fromstring(text.encode("utf-8"))


@settings(max_examples=40, deadline=None)
@given(maps())
def test_networkx_reads_random_exports(m: ArgumentMap) -> None:
    data = io.BytesIO(graphml.dumps(m).encode("utf-8"))
    g = nx.read_graphml(data, force_multigraph=True)
    assert g.number_of_nodes() == len(m.claims)
    assert g.number_of_edges() == len(m.relations)
    for cid, claim in m.claims.items():
        assert g.nodes[cid]["kind"] == claim.kind.value
        assert g.nodes[cid]["x"] == claim.x


def test_graphml_written_by_edited_yed_keeps_moved_positions() -> None:
    """A file of ours moved around in yEd: the yEd geometry wins over the stale x/y data."""
    m = sample_map()
    text = graphml.dumps(m)
    width, height = graphml.card_size(m.claims["b"])
    corner = f'x="{300.0 - width / 2!r}" y="{200.0 - height / 2!r}"'
    assert text.count(corner) == 1
    moved = text.replace(corner, f'x="{500.0 - width / 2!r}" y="{260.0 - height / 2!r}"')
    back, warnings = graphml.loads(moved)
    assert back.claims["b"].pos == (500.0, 260.0)
    assert warnings == ["1 claim(s) were moved in yEd: took their positions from the yEd geometry"]
    back.replace_claim(m.claims["b"])
    assert back == m


# -- argmap's own files with bad values: one-line errors naming the place ------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '<data key="n_kind">thesis</data>',
            '<data key="n_kind">bogus</data>',
            "node 't': kind 'bogus' is not one of: thesis, claim, evidence, assumption",
        ),
        (
            '<data key="n_base_score">0.75</data>',
            '<data key="n_base_score">1.5</data>',
            "node 't': base_score 1.5 is out of range (0 to 1)",
        ),
        (
            '<data key="n_x">-120.5</data>',
            '<data key="n_x">left</data>',
            "node 't': x 'left' is not a number",
        ),
        (
            '<data key="n_pinned">true</data>',
            '<data key="n_pinned">yes</data>',
            "node 't': pinned 'yes' is not true or false",
        ),
        (
            '<data key="n_tags">["talks","a,b",""]</data>',
            '<data key="n_tags">["talks",</data>',
            "node 't': tags is not valid JSON",
        ),
        (
            '"author":"Bo"',
            '"writer":"Bo"',
            "node 't': comments: a comment has no 'author'",
        ),
        (
            '<data key="e_relation">undercut</data>',
            '<data key="e_relation">rebuts</data>',
            "edge 'u1': relation 'rebuts' is not one of: support, attack, undercut",
        ),
        (
            '<data key="g_argmap_format">1</data>',
            '<data key="g_argmap_format">7</data>',
            "graph: argmap GraphML version 7 is newer than this argmap reads",
        ),
        (
            '<node id="b">',
            '<node id="b c">',
            "node 'b c': invalid claim id",
        ),
        (
            '<data key="e_target_relation">r1</data>',
            '<data key="e_target_relation">nowhere</data>',
            "no claim or relation 'nowhere'",
        ),
    ],
)
def test_bad_values_in_own_files_are_named(old: str, new: str, message: str) -> None:
    text = graphml.dumps(sample_map())
    assert old in text
    with pytest.raises(FormatError) as info:
        graphml.loads(text.replace(old, new, 1), name="map.graphml")
    assert str(info.value).startswith("map.graphml: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


# -- GraphML from elsewhere ----------------------------------------------------------------


def test_plain_networkx_graphml_imports(tmp_path: Path) -> None:
    g = nx.DiGraph()
    g.add_node("Talks now", label="Kyiv and Moscow should open ceasefire talks", colour="red")
    g.add_node("reserves", name="Both armies are short of trained reserves")
    g.add_node("front", text="Talks now freeze the front line", kind="evidence", score=0.9)
    g.add_node(7)  # no label at all
    g.add_edge("reserves", "Talks now", relation="support")
    g.add_edge("front", "Talks now", kind="con")
    g.add_edge(7, "front", weight=2.5)
    path = tmp_path / "nx.graphml"
    nx.write_graphml(g, path)

    m, warnings = graphml.read_with_report(path)
    assert len(m.claims) == 4 and len(m.relations) == 3
    texts = {c.text for c in m.claims.values()}
    assert texts == {
        "Kyiv and Moscow should open ceasefire talks",
        "Both armies are short of trained reserves",
        "Talks now freeze the front line",
        "7",
    }
    by_text = {c.text: c for c in m.claims.values()}
    talks = by_text["Kyiv and Moscow should open ceasefire talks"]
    front = by_text["Talks now freeze the front line"]
    assert talks.id == "Talks_now"  # a space is not allowed in ids
    assert "colour: red" in talks.notes
    assert front.kind is ClaimKind.EVIDENCE and front.base_score == 0.9
    kinds = {(r.source, r.target): r.kind for r in m.relations.values()}
    assert kinds[("reserves", "Talks_now")] is RelationKind.SUPPORT
    assert kinds[("front", "Talks_now")] is RelationKind.ATTACK
    weighted = next(r for r in m.relations.values() if r.source == "7")
    assert weighted.kind is RelationKind.SUPPORT and weighted.notes == "weight: 2.5"
    assert "1 node id(s) were not valid argmap ids and were renamed" in warnings
    assert "1 node(s) had no label or text; their ids became their text" in warnings
    assert "1 edge(s) did not say support or attack: read as support" in warnings
    assert "node attribute 'colour' (1 node) is not an argmap field: kept in notes" in warnings
    assert "edge attribute 'weight' (1 edge) is not an argmap field: kept in notes" in warnings
    assert any(w.startswith("the file has no positions: laid out with") for w in warnings)
    # Laid out: the claims no longer share one spot.
    assert len({c.pos for c in m.claims.values()}) == 4


def test_networkx_positions_are_kept_and_missing_ones_placed_below(tmp_path: Path) -> None:
    g = nx.DiGraph()
    g.add_node("a", label="A", x=10.0, y=20.0)
    g.add_node("b", label="B", x=400.0, y=20.0)
    g.add_node("c", label="C")
    g.add_edge("a", "b", relation="attack")
    path = tmp_path / "pos.graphml"
    nx.write_graphml(g, path)
    m, warnings = graphml.read_with_report(path)
    assert m.claims["a"].pos == (10.0, 20.0) and m.claims["b"].pos == (400.0, 20.0)
    assert m.claims["c"].y > 20.0
    assert "1 node(s) had no position: placed in a grid below the rest" in warnings


def test_yed_file_imports_with_labels_positions_and_groups() -> None:
    m, warnings = graphml.read_with_report(DATA / "yed-peace-talks.graphml")
    assert len(m.claims) == 4 and len(m.relations) == 4
    thesis = m.claims["n0"]
    assert thesis.text == "Kyiv and Moscow should open ceasefire talks"  # label, one line
    assert thesis.notes == "The thesis of the brief."  # yEd's description
    assert thesis.pos == (300.0 + 200.0 / 2, 40.0 + 60.0 / 2)  # centre of the geometry
    assert m.claims["n3::n0"].pos == (150.0, 395.0)
    assert m.claims["n1"].notes == "url: https://www.understandingwar.org/"
    r = {x.id: x for x in m.relations.values()}
    assert r["e0"].kind is RelationKind.SUPPORT  # green line
    assert r["e1"].kind is RelationKind.ATTACK  # red line
    assert (r["e1"].label, r["e1"].notes) == ("freezes gains", "The main objection.")
    assert r["e2"].kind is RelationKind.ATTACK  # black line labelled "attacks"
    assert r["e3"].kind is RelationKind.SUPPORT  # says nothing: reported below
    assert m.groups["n3"] == Group("n3", "Evidence", ("n3::n0",), False)
    assert warnings == [
        "edge 'e4': left out, its end 'n3' is a group",
        "1 edge(s) did not say support or attack: read as support",
        "node attribute 'url' (1 node) is not an argmap field: kept in notes",
    ]


def test_argdown_graphml_imports() -> None:
    """tests/data/graphml/peace-talks.argdown.graphml is `argdown map -f graphml` of
    peace-talks.argdown: 6 statements, 2 arguments, 7 support/attack relations, 1 undercut."""
    m, warnings = graphml.read_with_report(DATA / "peace-talks.argdown.graphml")
    assert len(m.claims) == 8
    assert len(m.relations) == 8
    assert m.relation_kind_counts() == {"support": 3, "attack": 5}
    undercuts = [r for r in m.relations.values() if m.is_undercut(r)]
    assert len(undercuts) == 1
    by_title = {c.title: c for c in m.claims.values()}  # Argdown's titles are claim titles
    assert by_title["Talks now"].text == "Kyiv and Moscow should open ceasefire talks this winter."
    # <Bad bargaining position> undercuts <Exhausted reserves>: its inference to [Talks now].
    attacked = m.relations[undercuts[0].target]
    assert undercuts[0].source == by_title["Bad bargaining position"].id
    assert (attacked.source, attacked.target) == (
        by_title["Exhausted reserves"].id,
        by_title["Talks now"].id,
    )
    assert {g.label for g in m.groups.values()} == {"Talks", "Guarantees"}
    assert len(m.groups["s1"].claims) == 5
    # Argdown puts every node at (0, 0): the map is laid out instead.
    assert any(w.startswith("the file has no positions") for w in warnings)
    assert len({c.pos for c in m.claims.values()}) == 8


# -- hostile and broken XML ----------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="t" for="node" attr.name="text" attr.type="string"/>
  <graph edgedefault="directed"><node id="a"><data key="t">&lol9;</data></node></graph>
</graphml>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE graphml [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="t" for="node" attr.name="text" attr.type="string"/>
  <graph edgedefault="directed"><node id="a"><data key="t">&secret;</data></node></graph>
</graphml>
"""


@pytest.mark.parametrize(
    ("content", "words"),
    [(BILLION_LAUGHS, "declares an entity ('lol')"), (EXTERNAL_ENTITY, "an external entity")],
)
def test_hostile_xml_is_refused_quickly(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "hostile.graphml"
    path.write_text(content, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(FormatError) as info:
        graphml.read(path)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    message = str(info.value)
    assert message.startswith(f"{path}: line ")
    assert words in message and "refused" in message
    assert "root:" not in message and "\n" not in message


def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.graphml"
    path.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph>\n</graphml>')
    with pytest.raises(FormatError, match=r"broken\.graphml: line 3 column 3: malformed XML"):
        graphml.read(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"<svg/>", "line 1: not a GraphML file (the root element is <svg>)"),
        (b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"/>', "no <graph> element"),
    ],
)
def test_files_that_are_not_graphml(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.graphml"
    path.write_bytes(content)
    with pytest.raises(FormatError) as info:
        graphml.read(path)
    assert str(info.value) == f"{path}: {message}"


def test_missing_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such file"):
        graphml.read(tmp_path / "none.graphml")


# -- the command line ----------------------------------------------------------------------


def test_cli_converts_argmap_to_graphml_and_back(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.cli import main
    from argmap.io import native

    if seed_path.exists():
        source = seed_path
    else:  # the seed map is written by another part of the project; until then, our own
        source = tmp_path / "seed.argmap"
        native.write(sample_map(), source)
    out, back = tmp_path / "out.graphml", tmp_path / "back.argmap"
    assert main(["convert", str(source), str(out)]) == 0
    assert main(["convert", str(out), str(back)]) == 0
    assert native.read(back) == native.read(source)
    assert native.dumps(native.read(back)) == native.dumps(native.read(source))
    err = capsys.readouterr().err
    assert "warning" not in err
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == len(native.read(source).claims)


def test_cli_convert_prints_import_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.cli import main

    source = DATA / "yed-peace-talks.graphml"
    assert main(["convert", str(source), str(tmp_path / "y.argmap")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert f"argmap: warning: {source}: edge 'e4': left out, its end 'n3' is a group" in err
    assert (tmp_path / "y.argmap").exists()


def test_cli_refuses_hostile_graphml_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.cli import main

    path = tmp_path / "bomb.graphml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    assert main(["convert", str(path), str(tmp_path / "x.argmap")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"argmap: {path}: line 3: refused") and err.count("\n") == 1
    assert not (tmp_path / "x.argmap").exists()


def test_key_defaults_duplicates_and_undirected_graphs() -> None:
    text = """<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k" for="node" attr.name="kind" attr.type="string"><default>evidence</default></key>
  <key id="t" for="node" attr.name="text" attr.type="string"/>
  <key id="p" for="edge" attr.name="polarity" attr.type="string"><default>-</default></key>
  <graph edgedefault="undirected">
    <node id="a"><data key="t">A</data></node>
    <node id="b"><data key="t">B</data><data key="k">thesis</data></node>
    <node id="a"><data key="t">A again</data></node>
    <edge source="a" target="b"/>
    <edge source="a" target="b"><data key="p">+</data></edge>
    <edge source="a" target="b"/>
    <edge source="a" target="nowhere"/>
    <hyperedge><endpoint node="a"/><endpoint node="b"/></hyperedge>
  </graph>
</graphml>"""
    m, warnings = graphml.loads(text, name="x.graphml")
    assert m.claims["a"].kind is ClaimKind.EVIDENCE and m.claims["b"].kind is ClaimKind.THESIS
    assert m.claims["a-2"].text == "A again"
    kinds = sorted(r.kind.value for r in m.relations.values())
    assert kinds == ["attack", "support"]  # the default polarity "-" is an attack
    assert warnings[:2] == [
        "the graph is undirected; each edge read as source → target as written",
        "a hyperedge was left out (argmap relations join two claims)",
    ]
    assert "node 'a': a second node with this id was read as 'a-2'" in warnings
    assert not any("renamed" in w for w in warnings)
    assert "edge #3: a second attack between the same ends, left out" in warnings
    assert "edge #4: left out, its end 'nowhere' is no node of the file" in warnings


def test_own_file_without_its_marker_still_maps_every_claim_and_relation_field() -> None:
    """A tool that keeps attributes but drops graph data: read as foreign, nearly exact."""
    m = sample_map()
    text = graphml.dumps(m).replace('<data key="g_argmap_format">1</data>', "")
    back, warnings = graphml.loads(text)
    for cid, claim in m.claims.items():
        got = back.claims[cid]
        assert (got.text, got.kind, got.tags, got.source) == (
            claim.text or cid,  # an empty text is a node without label: its id is the text
            claim.kind,
            claim.tags,
            claim.source,
        )
        assert (got.comments, got.review, got.pos) == (claim.comments, claim.review, claim.pos)
    for rid, r in m.relations.items():
        got = back.relations[rid]
        assert (got.source, got.target, got.kind, got.link) == (r.source, r.target, r.kind, r.link)
        assert (got.label, got.comments, got.review) == (r.label, r.comments, r.review)
    assert warnings == [
        "1 node(s) had no label or text; their ids became their text",
        "graph attribute(s) authors, created, groups, modified, sources are not argmap fields: "
        "kept in the map's description",
    ]


def test_views_and_collapsed_claims_survive_graphml_and_stale_views_are_repaired(
    tmp_path, seed_path
):
    from argmap.io import native
    from argmap.model import View, with_changes

    m = native.read(seed_path)
    first, second = sorted(m.claims)[:2]
    m.replace_claim(with_changes(m.claim(first), collapsed=True))
    m.add_view(
        View(
            "v1",
            "Start",
            zoom=0.4,
            center=(10.0, 20.0),
            focus=second,
            depth=2,
            collapsed=(first,),
            evaluation="grounded",
            extra=(("layers", "[1]"),),
        )
    )
    path = tmp_path / "m.graphml"
    graphml.write(m, path)
    again, warnings = graphml.read_with_report(path)
    assert again == m and warnings == []
    # A view naming a claim that another tool deleted: read, repaired, one warning.
    text = path.read_text(encoding="utf-8")
    text = text.replace(f'"focus":"{second}"', '"focus":"nope"')
    assert "nope" in text
    path.write_text(text, encoding="utf-8")
    again, warnings = graphml.read_with_report(path)
    assert again.views["v1"].focus is None
    assert warnings == ["view 'Start': claim 'nope' no longer exists (focus dropped)"]


def test_a_map_without_views_writes_no_view_data(seed_path):
    from argmap.io import native

    text = graphml.dumps(native.read(seed_path))
    assert '<data key="g_views">' not in text and '<data key="n_collapsed">' not in text
