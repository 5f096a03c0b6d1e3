"""AIF JSON (AIFdb / OVA3): reading a dialogue file by hand-checked mapping, writing OVA3 that
reads back into the same argument structure, and one-line errors with the JSON path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap import cli
from argmap.io import aif, native, registry
from argmap.model import RelationKind
from argmap.model.errors import FormatError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "aif"
BAD = ROOT / "tests" / "data" / "bad" / "aif"


def test_aifdb_dialogue_maps_as_documented():
    m = registry.read(DATA / "dialogue-aifdb.json")
    assert {c.id for c in m.claims.values()} == {
        "n101",
        "n102",
        "n103",
        "n105",
        "n107",
        "n108",
        "n110",
        "n112",
    }
    linked = [m.relations["r104.1"], m.relations["r104.2"]]
    assert {(r.source, r.target, r.link) for r in linked} == {
        ("n102", "n101", "ra104"),
        ("n103", "n101", "ra104"),
    }
    assert m.relations["r106"].scheme == "expert_opinion"
    undercut = m.relations["r109"]
    assert (undercut.source, undercut.target, undercut.kind) == (
        "n108",
        "r106",
        RelationKind.ATTACK,
    )
    assert m.relations["r111"].kind is RelationKind.ATTACK
    assert m.relations["r113"].label == "rephrase (MA)"
    assert "by locution 114: Ann : we should build the bridge" in m.claims["n101"].notes
    assert "AIF PA 119" in m.claims["n110"].notes
    assert "2 L, 2 YA, 1 TA" in m.info.description
    assert len({c.pos for c in m.claims.values()}) == len(m.claims)  # laid out


def _structure(m):
    ids = {cid: m.claims[cid].text for cid in m.claims}

    def end(x):
        return (
            ids[x] if x in ids else ("rel", ids[m.relations[x].source], ids[m.relations[x].target])
        )

    return sorted(
        (ids[r.source], r.kind.value, str(end(r.target)), r.link is not None, r.scheme)
        for r in m.relations.values()
    )


def test_ova3_written_reads_back_to_the_same_arguments(tmp_path: Path):
    m = native.read(ROOT / "seeds" / "peace-talks.argmap")
    path = tmp_path / "seed.json"
    registry.write(m, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert {"AIF", "OVA", "text"} <= set(doc) <= {"AIF", "OVA", "text", "argmap"}
    types = {n["type"] for n in doc["AIF"]["nodes"]}
    assert types <= {"I", "RA", "CA", "MA"} and {"I", "RA", "CA"} <= types
    assert all(isinstance(e["edgeID"], int) for e in doc["AIF"]["edges"])
    assert len(doc["OVA"]["nodes"]) == len(doc["AIF"]["nodes"])
    back = registry.read(path)
    assert sorted(c.text for c in back.claims.values()) == sorted(c.text for c in m.claims.values())
    assert _structure(back) == _structure(m)
    # OVA's positions are used: every card is where it was written
    assert {(round(c.x), round(c.y)) for c in back.claims.values()} == {
        (round(c.x), round(c.y)) for c in m.claims.values()
    }


@pytest.mark.parametrize(
    "name, expected",
    [
        ("unknown-node-type.json", "$.nodes[0].type: unknown AIF node type 'XX'"),
        ("edge-to-missing-node.json", "$.edges[0].toID: edge toID '9' is not a node of this file"),
        ("ra-without-conclusion.json", "$.nodes[1]: RA node '2' has no conclusion"),
        ("node-without-id.json", "$.AIF.nodes[0].nodeID: node without a nodeID"),
        ("not-an-object.json", "$: expected a JSON object"),
        ("ra-into-ra.json", "$.nodes[2]: RA node '3': its conclusion must be an I-node"),
        (
            "argmap-bad-kind.json",
            "$.nodes[0]: argmap fields are not valid: 'nonsense' is not a valid ClaimKind",
        ),
        ("argmap-header-bad-title.json", "$.argmap.title: expected string, got number"),
    ],
)
def test_bad_aif_gives_one_line_with_the_json_path(name: str, expected: str, capsys):
    path = BAD / name
    with pytest.raises(FormatError) as err:
        registry.read(path)
    assert str(err.value).startswith(f"{path}: {expected}"), str(err.value)
    assert cli.main(["info", str(path)]) == 2
    assert expected in capsys.readouterr().err


def test_truncated_json_names_line_and_column():
    with pytest.raises(FormatError, match=r"x.json: line 1 column \d+: invalid JSON"):
        aif.loads(b'{"nodes": [', name="x.json")


def test_locutions_in_the_analysed_text_become_anchors_of_their_claims(tmp_path) -> None:
    """OVA's text becomes a source; a locution found in it anchors its I-node's claim."""
    from argmap.analysis.anchoring import reanchor_map

    nodes = [
        {"nodeID": "1", "text": "Talks should resume", "type": "I"},
        {"nodeID": "2", "text": "Both sides are exhausted", "type": "I"},
        {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        {"nodeID": "4", "text": "Ann : talks should resume soon", "type": "L"},
        {"nodeID": "5", "text": "Asserting", "type": "YA"},
        {"nodeID": "6", "text": "Bob : both sides are exhausted", "type": "L"},
        {"nodeID": "7", "text": "Asserting", "type": "YA"},
        {"nodeID": "8", "text": "Bob : a sentence nobody wrote", "type": "L"},
        {"nodeID": "9", "text": "Asserting", "type": "YA"},
    ]
    pairs = [("2", "3"), ("3", "1"), ("4", "5"), ("5", "1"), ("6", "7"), ("7", "2")]
    pairs += [("8", "9"), ("9", "2")]
    doc = {
        "AIF": {"nodes": nodes, "edges": [{"fromID": a, "toID": b} for a, b in pairs]},
        "text": "<p>Ann said that talks should resume soon.</p>"
        "<p>Bob: both sides are exhausted, he said.</p>",
    }
    path = tmp_path / "ova.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    m = aif.read(path)
    (source,) = m.info.sources
    assert source.text == (
        "Ann said that talks should resume soon.\nBob: both sides are exhausted, he said."
    )
    (a1,) = m.claims["n1"].anchors
    (a2,) = m.claims["n2"].anchors
    assert source.text[a1.start : a1.end] == "talks should resume soon"
    assert source.text[a2.start : a2.end] == "both sides are exhausted"
    # The locution nowhere in the text is said, not anchored elsewhere.
    assert "AIF L 8: not found in the analysed text" in m.claims["n2"].notes
    # Saved and read back, every anchor is exactly where it was made.
    out = tmp_path / "ova.argmap"
    native.write(m, out)
    again = native.read(out)
    assert again == m
    reports = reanchor_map(again, {source.id: source.text})
    assert [r.placement.status for r in reports] == ["exact", "exact"]
