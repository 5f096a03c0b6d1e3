"""AIF keeps what an analyst entered (issues 14 and 16), and stays a file OVA3 imports.

- argmap → AIF → argmap is the identity (positions included: OVA's extended JSON has them) on
  the seed map, whose reasons carry schemes and critical-question answers and whose evidence
  is graded; random maps of every field are covered by tests/io/test_round_trip.py.
- The written file is read by a port of OVA3's importer (`loadOva3Json` in OVA3's
  res/js/ova-save.js, docs/aif.md): the keys and types it reads are there, and the graph it
  builds is argmap's graph.
- An unknown scheme is kept with a warning naming the node; OVA's scheme numbers
  (`schemefulfillments`) are read and written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from argmap import cli
from argmap.io import aif, native
from argmap.model import Claim, ClaimKind, Relation, RelationKind, build_map
from argmap.model.types import Answer, QuestionAnswer

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "peace-talks.argmap"


def test_seed_map_through_aif_is_the_same_map(tmp_path: Path) -> None:
    m = native.read(SEED)
    # what the test is about is really there: answers, grades, titles, notes, kinds, groups
    assert any(q.state is not Answer.OPEN for r in m.relations.values() for q in r.questions)
    assert any(q.note for r in m.relations.values() for q in r.questions)
    assert sum(bool(c.reliability and c.credibility) for c in m.claims.values()) >= 10
    assert any(c.notes for c in m.claims.values()) and m.groups
    assert len({c.kind for c in m.claims.values()}) >= 3
    path = tmp_path / "seed.json"
    aif.write(m, path)
    back, warnings = aif.read_with_report(path)
    assert warnings == []
    assert back == m
    assert native.dumps(back) == native.dumps(m)


def ova3_import(doc: dict[str, Any]) -> tuple[dict[str, dict], set[tuple[str, str]], dict]:
    """What OVA3's `loadOva3Json` (non-dialogical mode) builds from a file, field by field:
    nodes of type I, RA, CA, MA, EN from `AIF.nodes` (nodeID, type, text); scheme numbers from
    `AIF.schemefulfillments` (nodeID, schemeID); positions from `OVA.nodes` (drawn only when
    `visible`; `y` through parseInt); edges from `OVA.edges` (fromID, toID; both ends must
    exist; a repeated pair once). A missing key it reads without a guard raises here as the
    JavaScript would throw there."""
    assert "OVA" in doc  # else OVA takes the AIFdb ("db format") path
    text = doc["text"]  # json['text'].hasOwnProperty(...) throws when there is no text
    assert isinstance(text, str | dict)
    nodes: dict[str, dict] = {}
    for n in doc["AIF"]["nodes"]:
        if n["type"] in ("I", "RA", "CA", "MA", "EN"):
            assert isinstance(n["nodeID"], str) and isinstance(n["text"], str)
            nodes[n["nodeID"]] = {"type": n["type"], "text": n["text"], "drawn": False}
    for f in doc["AIF"].get("schemefulfillments") or ():
        if f["nodeID"] in nodes:
            nodes[f["nodeID"]]["scheme"] = f["schemeID"]
    for n in doc["OVA"]["nodes"]:
        if n["nodeID"] in nodes and n["visible"]:
            assert isinstance(n["x"], int | float) and isinstance(n["y"], int | float)
            nodes[n["nodeID"]].update(x=n["x"], y=int(n["y"]), drawn=True)
    edges: set[tuple[str, str]] = set()
    for e in doc["OVA"]["edges"]:
        if e["fromID"] in nodes and e["toID"] in nodes:
            edges.add((e["fromID"], e["toID"]))
    return nodes, edges, doc


def test_written_aif_is_what_ova3s_importer_reads() -> None:
    m = native.read(SEED)
    doc = json.loads(aif.dumps(m))
    nodes, edges, _ = ova3_import(doc)
    assert all(n["drawn"] for n in nodes.values())  # every node placed and visible
    # OVA's graph: the AIF graph argmap wrote, every node and edge of it
    assert set(nodes) == {n["nodeID"] for n in doc["AIF"]["nodes"]}
    assert edges == {(e["fromID"], e["toID"]) for e in doc["AIF"]["edges"]}
    # each claim one I-node with its text; each reason and conflict a hub between them
    texts = sorted(n["text"] for n in nodes.values() if n["type"] == "I")
    assert texts == sorted(c.text for c in m.claims.values())
    hubs = {k for k, n in nodes.items() if n["type"] != "I"}
    for h in hubs:
        assert any(b == h for _, b in edges) and any(a == h for a, _ in edges)
    # OVA's scheme numbers: 72 default inference, 71 conflict, the catalogue's for schemes
    schemes = {nodes[h]["type"]: set() for h in hubs}
    for h in hubs:
        schemes[nodes[h]["type"]].add(nodes[h].get("scheme"))
    assert schemes["CA"] == {"71"}
    assert "72" in schemes["RA"] and len(schemes["RA"]) > 2
    assert all(isinstance(s, str) for s in schemes["RA"] if s is not None)


def test_ova_scheme_numbers_are_read_and_an_unknown_scheme_warns(tmp_path: Path, capsys) -> None:
    nodes = [
        {"nodeID": "1", "text": "The envoy said so", "type": "I"},
        {"nodeID": "2", "text": "Talks start", "type": "I"},
        {"nodeID": "3", "text": "RA", "type": "RA"},  # OVA: the scheme only by number
        {"nodeID": "4", "text": "Good people say so", "type": "I"},
        {"nodeID": "5", "text": "Argument From Moral Virtue", "type": "RA"},
    ]
    pairs = [("1", "3"), ("3", "2"), ("4", "5"), ("5", "2")]
    doc = {
        "AIF": {
            "nodes": nodes,
            "edges": [{"edgeID": i, "fromID": a, "toID": b} for i, (a, b) in enumerate(pairs)],
            "schemefulfillments": [{"nodeID": "3", "schemeID": "15"}],
        },
        "OVA": {"nodes": [], "edges": []},
        "text": "",
    }
    path = tmp_path / "ova.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    m, warnings = aif.read_with_report(path)
    assert m.relations["r3"].scheme == "expert_opinion"
    assert m.relations["r5"].scheme == "aif:Argument From Moral Virtue"
    assert warnings == [
        "$.AIF.nodes[4]: RA node '5': scheme 'Argument From Moral Virtue' is not in argmap's "
        "catalogue (docs/schemes.md); kept as 'aif:Argument From Moral Virtue', without "
        "critical questions"
    ]
    # kept through a save as AIF, and written back under its own name
    out = json.loads(aif.dumps(m))
    ra = {n["text"] for n in out["AIF"]["nodes"] if n["type"] == "RA"}
    assert ra == {"Expert Opinion", "Argument From Moral Virtue"}
    assert {"nodeID": "1", "schemeID": "15"} not in out["AIF"]["schemefulfillments"]
    assert any(f["schemeID"] == "15" for f in out["AIF"]["schemefulfillments"])
    # the command line says it too, and goes on
    assert cli.main(["info", str(path)]) == 0
    assert "RA node '5': scheme 'Argument From Moral Virtue' is not" in capsys.readouterr().err


def test_answers_grades_ids_kinds_titles_notes_survive_aif() -> None:
    m = build_map(
        [
            Claim("ev", "The envoy said so", reliability="B", credibility=2, title="Envoy"),
            Claim("t", "Talks start", notes="the thesis", kind=ClaimKind.THESIS),
            Claim("doubt", "The envoy guesses"),
        ],
        [
            Relation(
                "why",
                "ev",
                "t",
                scheme="expert_opinion",
                role="expertise",
                questions=(
                    QuestionAnswer("expertise", Answer.YES, "a career diplomat"),
                    QuestionAnswer("evidence", Answer.NO, "", "doubt"),
                ),
            ),
            Relation("d", "doubt", "why", kind=RelationKind.ATTACK),
        ],
    )
    doc = json.loads(aif.dumps(m))
    i_node = next(n for n in doc["AIF"]["nodes"] if n["text"] == "The envoy said so")
    assert i_node["argmap"] == {
        "id": "ev",
        "kind": "claim",
        "title": "Envoy",
        "reliability": "B",
        "credibility": 2,
    }
    back = aif.loads(aif.dumps(m))
    assert back == m
    assert back.relations["why"].questions[1].claim == "doubt"


def test_nodes_ova_added_to_an_argmap_file_are_read_beside_the_carried_ones() -> None:
    m = build_map([Claim("n5", "One"), Claim("b", "Two")], [Relation("r", "n5", "b")])
    doc = json.loads(aif.dumps(m))
    # OVA keeps no "argmap" object: an analyst added a claim "5" and an RA into "Two"
    doc["AIF"]["nodes"] += [
        {"nodeID": "5", "text": "Three", "type": "I"},
        {"nodeID": "6", "text": "Default Inference", "type": "RA"},
    ]
    two = next(n["nodeID"] for n in doc["AIF"]["nodes"] if n["text"] == "Two")
    doc["AIF"]["edges"] += [{"fromID": "5", "toID": "6"}, {"fromID": "6", "toID": two}]
    doc["OVA"]["nodes"] += [{"nodeID": "5", "x": 1, "y": 2}, {"nodeID": "6", "x": 3, "y": 4}]
    back, warnings = aif.loads_with_report(json.dumps(doc))
    assert set(back.claims) == {"n5", "b", "n5-2"}  # the carried id keeps its name
    assert warnings == ["$.AIF.nodes[3]: id 'n5' is taken already; read as 'n5-2'"]
    assert back.claims["n5-2"].text == "Three"
    assert {(r.source, r.target) for r in back.relations.values()} == {
        ("n5", "b"),
        ("n5-2", "b"),
    }


def test_a_map_with_its_source_text_gives_ova_the_analysed_text() -> None:
    from argmap.model.anchors import make_anchor
    from argmap.model.sourcetext import sha256_text
    from argmap.model.types import MapInfo, SourceDocument

    text = "Ann said talks should resume.\nBob said both sides are <tired> & worn."
    source = SourceDocument(
        "src", "Talk", media_type="text/plain", sha256=sha256_text(text), text=text
    )
    start = text.index("talks")
    claim = Claim("t", "Talks should resume", anchors=(make_anchor("src", text, start, start + 5),))
    m = build_map([claim], info=MapInfo(title="T", sources=(source,)))
    doc = json.loads(aif.dumps(m))
    assert doc["text"] == (
        "<p>Ann said talks should resume.</p><p>Bob said both sides are &lt;tired&gt; &amp; "
        "worn.</p>"
    )
    nodes, _, _ = ova3_import(doc)
    assert [n["text"] for n in nodes.values()] == ["Talks should resume"]
    back, warnings = aif.loads_with_report(json.dumps(doc))
    assert warnings == [] and back == m  # the text is the map's source, not a second one
