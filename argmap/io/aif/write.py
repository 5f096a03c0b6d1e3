"""Writing OVA3's extended AIF JSON (what OVA's "save to file" writes and its importer reads).

Each claim is an I-node; each unlinked support, or group of linked supports, one RA node (its
scheme's AIF name, else "Default Inference"); each attack (group) a CA node ("Default
Conflict"); an undercut a CA node into the reason's RA node; a support labelled
`rephrase (MA)` an MA node. OVA's scheme numbers go in `schemefulfillments` (72 default
inference, 71 default conflict, 144 default rephrase, the catalogue's `ova` number for a known
scheme), positions in `OVA.nodes`, and what AIF cannot hold in `"argmap"` objects (carry.py).
"""

from __future__ import annotations

import html
from typing import Any

from argmap.io.aif import carry
from argmap.io.aif.order import targets_first
from argmap.model.map import ArgumentMap
from argmap.model.types import Relation

RA_DEFAULT, CA_DEFAULT, MA_DEFAULT = "72", "71", "144"  # OVA's scheme numbers
MA_LABEL = "rephrase (MA)"


def _scheme_of(scheme: str) -> tuple[str, str | None]:
    """(the RA node's text, OVA's scheme number or None) for a relation's scheme id."""
    from argmap.model.schemes import UNKNOWN_PREFIX, catalogue

    if not scheme:
        return "Default Inference", RA_DEFAULT
    if scheme.startswith(UNKNOWN_PREFIX):
        return scheme[len(UNKNOWN_PREFIX) :], None
    known = catalogue().scheme(scheme)
    return known.aif_name, None if known.ova is None else str(known.ova)


class _Writer:
    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.nodes: list[dict[str, Any]] = []
        self.ova_nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.fulfilled: list[dict[str, Any]] = []

    def node(self, kind: str, text: str, x: float, y: float, **extra: Any) -> str:
        nid = str(len(self.nodes) + 1)
        self.nodes.append({"nodeID": nid, "text": text, "type": kind, "timestamp": "", **extra})
        self.ova_nodes.append({"nodeID": nid, "visible": True, "x": x, "y": y, "timestamp": ""})
        return nid

    def hub(self, kind: str, text: str, scheme: str | None, x: float, y: float, rels) -> str:
        extra: dict[str, Any] = {carry.KEY: {"relations": [carry.relation_extra(r) for r in rels]}}
        if kind != "CA":
            extra["scheme"] = text
        nid = self.node(kind, text, x, y, **extra)
        if scheme is not None:
            self.fulfilled.append({"nodeID": nid, "schemeID": scheme})
        return nid

    def edge(self, a: str, b: str) -> None:
        self.edges.append({"edgeID": len(self.edges) + 1, "fromID": a, "toID": b})

    def write(self) -> dict[str, Any]:
        m = self.m
        node_of: dict[str, str] = {}
        for cid in sorted(m.claims):
            c = m.claims[cid]
            node_of[cid] = self.node("I", c.text, c.x, c.y, **{carry.KEY: carry.claim_extra(c)})
        groups: dict[tuple[str, str, str], list[Relation]] = {}
        for rid in sorted(m.relations):
            r = m.relations[rid]
            groups.setdefault((r.target, r.kind.value, r.link or "\x00" + rid), []).append(r)
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
            if kind == "support" and rels[0].label == MA_LABEL:
                hub = self.hub("MA", "Default Rephrase", MA_DEFAULT, x, y, rels)
            elif kind == "support":
                hub = self.hub("RA", *_scheme_of(rels[0].scheme), x, y, rels)
            else:
                hub = self.hub("CA", "Default Conflict", CA_DEFAULT, x, y, rels)
            for r in rels:
                hub_of[r.id] = hub
                self.edge(node_of[r.source], hub)
            self.edge(hub, node_of[target])
        for rels in _targets_first(undercuts):
            first = m.claims[rels[0].source]
            hub = self.hub("CA", "Default Conflict", CA_DEFAULT, first.x, first.y, rels)
            for r in rels:
                hub_of[r.id] = hub
                self.edge(node_of[r.source], hub)
            target = m.relations[rels[0].target]
            self.edge(hub, hub_of.get(target.id, node_of[target.source]))
        doc: dict[str, Any] = {
            "AIF": {
                "nodes": self.nodes,
                "edges": self.edges,
                "locutions": [],
                "participants": [],
                "schemefulfillments": self.fulfilled,
                "descriptorfulfillments": [],
                "cqdescriptorfulfillments": [],
            },
            "OVA": {
                "firstname": "",
                "surname": "",
                "url": _analysed_url(m),
                "nodes": self.ova_nodes,
                "edges": [
                    {"fromID": e["fromID"], "toID": e["toID"], "visible": True} for e in self.edges
                ],
            },
            "text": _analysed_text(m),
        }
        header = carry.map_extra(m)
        if header:
            doc[carry.KEY] = header
        return doc


def _analysed_text(m: ArgumentMap) -> str:
    """OVA's analysed text (shown beside the diagram, HTML): the text of the map's source
    when it has exactly one source with its text stored, one paragraph per <p>."""
    with_text = [s for s in m.info.sources if s.text]
    if len(with_text) != 1:
        return ""
    text = with_text[0].text or ""
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in text.split("\n"))


def _analysed_url(m: ArgumentMap) -> str:
    """OVA's `url` (a page it shows instead of a text): the one source's URL, when the map
    has one source, with a URL and no stored text."""
    sources = m.info.sources
    if len(sources) == 1 and sources[0].url and not sources[0].text:
        return sources[0].url
    return ""


def _targets_first(undercuts: list[list[Relation]]) -> list[list[Relation]]:
    """Undercut groups ordered so that an undercut of an undercut comes after its target's
    group (its CA node must exist first)."""
    group_of = {r.id: i for i, rels in enumerate(undercuts) for r in rels}
    return targets_first(undercuts, lambda rels: group_of.get(rels[0].target))


def to_dict(m: ArgumentMap) -> dict[str, Any]:
    """OVA3's extended JSON of a map (see the module's docstring)."""
    return _Writer(m).write()
