"""GraphML: exact round trips of argmap's own files, networkx and yEd reading them, imports
from networkx, yEd and Argdown, and refusal of hostile XML."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
