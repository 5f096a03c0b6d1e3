"""AIF JSON (the Argument Interchange Format as AIFdb and OVA export it): read and write.

AIFdb's JSON has `nodes` (`nodeID`, `text`, `type`), `edges` (`fromID`, `toID`), `locutions`
and `participants`; OVA3 wraps the same in `{"AIF": ..., "OVA": {"nodes": [{nodeID, x, y}],
...}, "text": ...}`. Mapping (docs/aif.md):

- I-nodes become claims (id `n<nodeID>`), placed at OVA's x/y when given, else laid out.
- An RA node becomes a reason: one support from each premise I-node into the conclusion, all
  with the link `ra<nodeID>` when there are several (linked premises). Its scheme (the node's
  `scheme`/`text`, e.g. "Argument From Expert Opinion") is kept through
  `argmap.model.schemes.from_aif`, so a name the catalogue does not know stays as
  `aif:<name>`.
- A CA node becomes an attack from its source into its target; a CA aimed at an RA node is an
  undercut of that reason. An MA node (rephrase) becomes a support labelled "rephrase (MA)".
- PA, L, YA and TA nodes have no place in an argument map: they are kept as dialogue
  metadata, in the notes of the claims they touch (`AIF: ...` lines), and the map's
  description counts them.
- When the file carries the analysed text (OVA's top-level `text`, HTML or plain), the text
  becomes a source document of the map (`aif-text`, text stored) and each locution (an L-node
  linked through YA to an I-node) whose words are found in it anchors that claim to the
  passage (position, quote and digest), so the source pane shows where each claim was said.
  A locution not found in the text is reported in the claim's notes, never anchored elsewhere.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from argmap.io import limits
from argmap.io.atomic import write_bytes_atomic
from argmap.model.anchors import make_anchor
from argmap.model.errors import FormatError, ModelError
from argmap.model.map import ArgumentMap, build_map
from argmap.model.sourcetext import normalise, sha256_text
from argmap.model.types import (
    Anchor,
    Claim,
    ClaimKind,
    MapInfo,
    Relation,
    RelationKind,
    SourceDocument,
    with_changes,
)

EXTENSIONS = (".aif", ".json")
NODE_TYPES = ("I", "RA", "CA", "MA", "PA", "L", "YA", "TA")
DIALOGUE = ("PA", "L", "YA", "TA")
_NOT_ID = re.compile(r"[^A-Za-z0-9_.:\-]+")


SOURCE_ID = "aif-text"
_SPEAKER = re.compile(r"^[^:\n]{1,80}?\s:\s")  # AIFdb locutions read "Speaker : words"


def _locution_words(text: str) -> str:
    """A locution's words without the speaker AIFdb puts before them, normalised."""
    return normalise(_SPEAKER.sub("", text, count=1)).strip()


def _find_free(text: str, words: str, taken: list[Anchor]) -> int | None:
    """Where the words occur in the text without overlapping a passage already taken."""
    start = text.find(words)
    while start != -1:
        end = start + len(words)
        if all(end <= a.start or start >= a.end for a in taken):
            return start
        start = text.find(words, start + 1)
    return None


def _id(prefix: str, node_id: Any) -> str:
    return prefix + (_NOT_ID.sub("-", str(node_id)) or "x")


class _Reader:
    def __init__(self, doc: Any, name: str):
        self.name = name
        if not isinstance(doc, dict):
            raise FormatError("expected a JSON object (AIF JSON)", file=name, place="$")
        self.base = "$"
        self.aif = doc
        for key in ("AIF", "aif"):
            if isinstance(doc.get(key), dict):
                self.aif, self.base = doc[key], f"$.{key}"
        self.ova = doc.get("OVA") if isinstance(doc.get("OVA"), dict) else {}
        self.text = doc.get("text") if isinstance(doc.get("text"), str) else ""

    def fail(self, reason: str, place: str) -> FormatError:
        return FormatError(reason, file=self.name, place=place)

    def read(self) -> ArgumentMap:
        nodes = self.aif.get("nodes")
        edges = self.aif.get("edges")
        if not isinstance(nodes, list):
            raise self.fail("not AIF JSON: no 'nodes' list", f"{self.base}.nodes")
        if not isinstance(edges, list):
            raise self.fail("not AIF JSON: no 'edges' list", f"{self.base}.edges")
        limits.check_count(
            "nodes", len(nodes), limits.MAX_CLAIMS * 4, self.name, f"{self.base}.nodes"
        )
        by_id: dict[str, dict[str, Any]] = {}
        where: dict[str, str] = {}
        for i, n in enumerate(nodes):
            at = f"{self.base}.nodes[{i}]"
            if not isinstance(n, dict):
                raise self.fail("a node must be an object", at)
            if (
                "nodeID" not in n
                or not isinstance(n["nodeID"], str | int)
                or isinstance(n["nodeID"], bool)
            ):
                raise self.fail("node without a nodeID (string or number)", f"{at}.nodeID")
            kind = n.get("type")
            if kind not in NODE_TYPES:
                raise self.fail(
                    f"unknown AIF node type {kind!r} (known: {', '.join(NODE_TYPES)})", f"{at}.type"
                )
            if not isinstance(n.get("text", ""), str):
                raise self.fail("node text must be a string", f"{at}.text")
            nid = str(n["nodeID"])
            if nid in by_id:
                raise self.fail(f"duplicate nodeID {nid!r} (first at {where[nid]})", f"{at}.nodeID")
            by_id[nid], where[nid] = n, at
        into: dict[str, list[str]] = {k: [] for k in by_id}
        out: dict[str, list[str]] = {k: [] for k in by_id}
        for i, e in enumerate(edges):
            at = f"{self.base}.edges[{i}]"
            if not isinstance(e, dict):
                raise self.fail("an edge must be an object", at)
            for end in ("fromID", "toID"):
                if str(e.get(end)) not in by_id or e.get(end) is None:
                    raise self.fail(
                        f"edge {end} {e.get(end)!r} is not a node of this file", f"{at}.{end}"
                    )
            out[str(e["fromID"])].append(str(e["toID"]))
            into[str(e["toID"])].append(str(e["fromID"]))
        positions = self._positions()
        notes: dict[str, list[str]] = {}
        for nid, n in by_id.items():  # dialogue: L --YA--> I, L --TA--> L, PA ...
            if n["type"] in DIALOGUE:
                text = n.get("text", "")
                for other in [*into[nid], *out[nid]] if n["type"] == "PA" else ():
                    if by_id[other]["type"] == "I":
                        notes.setdefault(other, []).append(f"AIF {n['type']} {nid}: {text}")
                for a in into[nid]:
                    if by_id[a]["type"] == "L":
                        for b in out[nid]:
                            if by_id[b]["type"] == "I":
                                notes.setdefault(b, []).append(
                                    f"AIF {n['type']} {nid}: {text} by locution {a}: "
                                    f"{by_id[a].get('text', '')}"
                                )
        claims: dict[str, Claim] = {}
        for nid, n in by_id.items():
            if n["type"] == "I":
                x, y = positions.get(nid, (0.0, 0.0))
                claims[nid] = Claim(
                    _id("n", nid),
                    n.get("text", ""),
                    ClaimKind.CLAIM,
                    x=x,
                    y=y,
                    notes="\n".join(dict.fromkeys(notes.get(nid, []))),
                )
        relations: list[Relation] = []
        first_of: dict[str, str] = {}  # RA/CA/MA node -> the id of its (first) relation
        pending_undercuts: list[tuple[str, str, str]] = []
        for nid, n in by_id.items():
            kind = n["type"]
            if kind not in ("RA", "CA", "MA"):
                continue
            at = where[nid]
            sources = [s for s in into[nid] if by_id[s]["type"] == "I"]
            targets = [t for t in out[nid] if by_id[t]["type"] in ("I", "RA", "MA")]
            if not targets:
                raise self.fail(f"{kind} node {nid!r} has no conclusion (no edge from it)", at)
            if len(targets) > 1:
                raise self.fail(f"{kind} node {nid!r} has {len(targets)} conclusions", at)
            if not sources:
                raise self.fail(
                    f"{kind} node {nid!r} has no premise (no edge into it from an I-node)", at
                )
            target = targets[0]
            link = _id("ra", nid) if len(sources) > 1 else None
            scheme_name = str(n.get("scheme") or n.get("text") or "")
            for k, s in enumerate(sources, 1):
                rid = _id("r", nid) + (f".{k}" if len(sources) > 1 else "")
                first_of.setdefault(nid, rid)
                if kind == "CA" and by_id[target]["type"] != "I":
                    pending_undercuts.append((rid, claims[s].id, target))
                    continue
                if by_id[target]["type"] != "I":
                    raise self.fail(f"{kind} node {nid!r}: its conclusion must be an I-node", at)
                relations.append(
                    self._relation(kind, rid, claims[s].id, claims[target].id, link, scheme_name)
                )
        for rid, source, target in pending_undercuts:
            relations.append(
                Relation(
                    rid,
                    source,
                    first_of[target],
                    RelationKind.ATTACK,
                )
            )
        counts = {t: sum(n["type"] == t for n in by_id.values()) for t in DIALOGUE}
        description = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
        sources = self._anchor_locutions(by_id, into, out, claims)
        info = MapInfo(
            description=f"AIF dialogue nodes kept in claim notes: {description}"
            if description
            else "",
            sources=sources,
        )
        try:
            m = build_map(claims.values(), relations, (), info)
        except ModelError as exc:
            raise FormatError(exc.reason, file=self.name) from None
        if not positions and m.claims:
            from argmap.analysis.layout import layered_layout
            from argmap.model.types import with_changes

            for cid, (x, y) in layered_layout(m).items():
                m.replace_claim(with_changes(m.claims[cid], x=x, y=y))
        return m

    def _anchor_locutions(
        self,
        by_id: dict[str, dict[str, Any]],
        into: dict[str, list[str]],
        out: dict[str, list[str]],
        claims: dict[str, Claim],
    ) -> tuple[SourceDocument, ...]:
        """The analysed text as a source, and the I-nodes anchored where their locutions are."""
        raw = self.text
        if not raw.strip():
            return ()
        from argmap.io.sources import html_text, plain_text

        looks_html = "<" in raw and ">" in raw
        text = normalise(html_text(raw) if looks_html else plain_text(raw))
        if not text:
            return ()
        longest = max(len(line) for line in text.split("\n"))
        if longest > limits.MAX_TEXT_CHARS:
            raise self.fail(
                f"the analysed text has a paragraph of {longest:,} characters "
                f"(at most {limits.MAX_TEXT_CHARS:,})",
                "$.text",
            )
        source = SourceDocument(
            SOURCE_ID,
            "Analysed text",
            media_type="text/html" if looks_html else "text/plain",
            sha256=sha256_text(text),
            text=text,
        )
        for nid, claim in list(claims.items()):
            anchors: list[Anchor] = []
            missing: list[str] = []
            for ya in into[nid]:
                if by_id[ya]["type"] != "YA":
                    continue
                for loc in into[ya]:
                    if by_id[loc]["type"] != "L":
                        continue
                    words = _locution_words(str(by_id[loc].get("text", "")))
                    if not words:
                        continue
                    start = _find_free(text, words, anchors)
                    if start is None:
                        missing.append(f"AIF L {loc}: not found in the analysed text")
                        continue
                    anchors.append(make_anchor(SOURCE_ID, text, start, start + len(words)))
            if anchors or missing:
                notes = "\n".join(x for x in (claim.notes, *missing) if x)
                anchors.sort(key=lambda a: a.start)
                claims[nid] = with_changes(claim, anchors=tuple(anchors), notes=notes)
        return (source,)

    def _relation(
        self, kind: str, rid: str, source: str, target: str, link: str | None, scheme_name: str
    ) -> Relation:
        if kind == "CA":
            return Relation(rid, source, target, RelationKind.ATTACK, link=link)
        if kind == "MA":
            return Relation(
                rid, source, target, RelationKind.SUPPORT, label="rephrase (MA)", link=link
            )
        from argmap.model.schemes import from_aif

        return Relation(
            rid, source, target, RelationKind.SUPPORT, link=link, scheme=from_aif(scheme_name)
        )

    def _positions(self) -> dict[str, tuple[float, float]]:
        out: dict[str, tuple[float, float]] = {}
        for n in self.ova.get("nodes", []) if isinstance(self.ova.get("nodes"), list) else ():
            if (
                isinstance(n, dict)
                and isinstance(n.get("x"), int | float)
                and isinstance(n.get("y"), int | float)
            ):
                out[str(n.get("nodeID"))] = (float(n["x"]), float(n["y"]))
        return out


def loads(data: bytes | str, *, name: str = "<aif>") -> ArgumentMap:
    from argmap.io.native import decode_json

    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    limits.check_size(len(data), name)
    return _Reader(decode_json(data, name), name).read()


def read(path: str | os.PathLike[str]) -> ArgumentMap:
    return loads(limits.read_bounded(path), name=str(path))


# -- writing --------------------------------------------------------------------------------


def to_dict(m: ArgumentMap) -> dict[str, Any]:
    """OVA3's extended JSON: the AIF graph, OVA's node positions, and no source text."""
    from argmap.model.schemes import to_aif

    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    ova_nodes: list[dict[str, Any]] = []
    node_of: dict[str, str] = {}

    def node(kind: str, text: str, x: float, y: float, **extra: Any) -> str:
        nid = str(len(nodes) + 1)
        nodes.append({"nodeID": nid, "text": text, "type": kind, "timestamp": "", **extra})
        ova_nodes.append(
            {"nodeID": nid, "visible": True, "x": round(x), "y": round(y), "timestamp": ""}
        )
        return nid

    def edge(a: str, b: str) -> None:
        edges.append({"edgeID": len(edges) + 1, "fromID": a, "toID": b, "formEdgeID": None})

    for cid in sorted(m.claims):
        c = m.claims[cid]
        node_of[cid] = node("I", c.text, c.x, c.y)
    groups: dict[tuple[str, str, str], list[Relation]] = {}
    for rid in sorted(m.relations):
        r = m.relations[rid]
        key = (r.target, r.kind.value, r.link or "\x00" + rid)
        groups.setdefault(key, []).append(r)
    hub_of: dict[str, str] = {}
    undercuts: list[list[Relation]] = []
    for (target, kind, _), rels in groups.items():
        if target in m.relations:
            undercuts.append(rels)
            continue
        t = m.claims[target]
        xs = [m.claims[r.source].x for r in rels]
        ys = [m.claims[r.source].y for r in rels]
        x, y = (sum(xs) / len(xs) + t.x) / 2, (sum(ys) / len(ys) + t.y) / 2
        if kind == "support":
            scheme = rels[0].scheme
            name = (
                (scheme[4:] if scheme.startswith("aif:") else to_aif(scheme))
                if scheme
                else "Default Inference"
            )
            hub = node("MA" if rels[0].label == "rephrase (MA)" else "RA", name, x, y, scheme=name)
        else:
            hub = node("CA", "Default Conflict", x, y, scheme="Default Conflict")
        for r in rels:
            hub_of[r.id] = hub
            edge(node_of[r.source], hub)
        edge(hub, node_of[target])
    for rels in undercuts:
        target = m.relations[rels[0].target]
        hub = node(
            "CA",
            "Default Conflict",
            m.claims[rels[0].source].x,
            m.claims[rels[0].source].y,
            scheme="Default Conflict",
        )
        for r in rels:
            edge(node_of[r.source], hub)
        edge(hub, hub_of.get(target.id, node_of[target.source]))
    return {
        "AIF": {
            "nodes": nodes,
            "edges": edges,
            "locutions": [],
            "participants": [],
            "schemefulfillments": [],
        },
        "OVA": {
            "firstname": "",
            "surname": "",
            "url": "",
            "nodes": ova_nodes,
            "edges": [{"fromID": e["fromID"], "toID": e["toID"], "visible": True} for e in edges],
        },
        "text": "",
    }


def dumps(m: ArgumentMap) -> str:
    return json.dumps(to_dict(m), indent=1, ensure_ascii=False) + "\n"


def write(m: ArgumentMap, path: str | os.PathLike[str], *, backup: bool = True) -> None:
    write_bytes_atomic(path, dumps(m).encode("utf-8"), backup=backup)
