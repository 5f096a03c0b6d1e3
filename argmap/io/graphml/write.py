"""Writing GraphML: one node per claim and one edge per relation (premise → conclusion), a
declared `<key>` for every field argmap keeps, and yEd graphics unless asked not to.

An undercut is an edge from its premise to the claim at the end of the attacked relation, with
`relation = "undercut"` and `target_relation` naming the attacked relation (docs/graphml.md)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from argmap.io.atomic import write_bytes_atomic
from argmap.io.graphml.keys import (
    ALL_KEYS,
    ESCAPED_KEY,
    FORMAT_VERSION,
    KEY_IDS,
    NOT_XML,
    NS_GRAPHML,
    NS_XSI,
    NS_Y,
    SCHEMA_LOCATION,
    escape,
    xml_text,
)
from argmap.io.graphml.yed import Anchors, edge_graphics, node_graphics
from argmap.io.native import (
    anchor_to_dict,
    claim_to_dict,
    relation_to_dict,
    source_to_dict,
    view_to_dict,
)
from argmap.model.gcpause import gc_paused
from argmap.model.map import ArgumentMap
from argmap.model.types import Anchor


def write(m: ArgumentMap, path: str | os.PathLike[str], *, yed: bool = True) -> None:
    """Save a map as GraphML (with yEd graphics unless `yed=False`), atomically."""
    with gc_paused():
        text = dumps(m, yed=yed)
    write_bytes_atomic(path, text.encode("utf-8"))


def dumps(m: ArgumentMap, *, yed: bool = True) -> str:
    """The GraphML text of a map: deterministic (claims and relations sorted by id)."""
    out: list[str] = []
    w = out.append
    w('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n')
    w(
        f'<graphml xmlns="{NS_GRAPHML}" xmlns:xsi="{NS_XSI}" xmlns:y="{NS_Y}" '
        f'xsi:schemaLocation="{SCHEMA_LOCATION}">\n'
    )
    w("  <!-- Written by argmap; the attributes are described in argmap's docs/graphml.md -->\n")
    for k in ALL_KEYS:
        w(f'  <key id="{k.id}" for="{k.domain}" attr.name="{k.name}" attr.type="{k.type}"')
        w(f"><desc>{xml_text(k.why)}</desc></key>\n" if k.why else "/>\n")
    if yed:
        # yfiles keys have no attr.name; networkx recognises them by `yfiles.type`.
        w('  <key id="n_graphics" for="node" yfiles.type="nodegraphics"/>\n')
        w('  <key id="e_graphics" for="edge" yfiles.type="edgegraphics"/>\n')
    w('  <graph id="G" edgedefault="directed">\n')
    info = m.info
    _write_data(
        w,
        "graph",
        "    ",
        [
            ("argmap_format", str(FORMAT_VERSION)),
            ("title", info.title),
            ("description", info.description),
            ("authors", _json(list(info.authors))),
            ("created", info.created),
            ("modified", info.modified),
            (
                "sources",
                _json([source_to_dict(s) for s in info.sources]),
            ),
            (
                "groups",
                _json(
                    [
                        {
                            "id": g.id,
                            "label": g.label,
                            "claims": list(g.claims),
                            "collapsed": g.collapsed,
                        }
                        for g in (m.groups[k] for k in sorted(m.groups))
                    ]
                ),
            ),
            *([("grading", _json(dict(info.grading)))] if info.grading else []),
            *(
                [("views", _json([view_to_dict(m.views[k]) for k in sorted(m.views)]))]
                if m.views
                else []
            ),
        ],
    )
    for cid in sorted(m.claims):
        c = m.claims[cid]
        w(f'    <node id="{cid}">\n')
        if yed:
            w(node_graphics(c))
        d = claim_to_dict(c)
        _write_data(
            w,
            "node",
            "      ",
            [
                ("text", c.text),
                ("kind", c.kind.value),
                *([("title", c.title)] if c.title else []),  # left out when empty, like .argmap
                ("holder", c.holder),
                ("tags", _json(list(c.tags))),
                ("notes", c.notes),
                ("base_score", repr(float(c.base_score))),
                ("x", repr(float(c.x))),
                ("y", repr(float(c.y))),
                ("pinned", "true" if c.pinned else "false"),
                ("source", _json(d["source"])),
                ("comments", _json(d["comments"])),
                ("review", _json(d["review"])),
                *([("collapsed", "true")] if c.collapsed else []),
                *_anchors_value(c.anchors),
                *([("reliability", c.reliability)] if c.reliability else []),
                *([("credibility", str(c.credibility))] if c.credibility else []),
            ],
        )
        w("    </node>\n")
    anchors = Anchors(m)
    for rid in sorted(m.relations):
        r = m.relations[rid]
        undercut = r.target in m.relations
        target = anchors.final_claim(r) if undercut else r.target
        relation = "undercut" if undercut else r.kind.value
        w(f'    <edge id="{rid}" source="{r.source}" target="{target}">\n')
        if yed:
            bend = anchors.anchor(m.relations[r.target]) if undercut else None
            w(edge_graphics(r, relation, bend))
        d = relation_to_dict(r)
        values = [("relation", relation), ("label", r.label), ("notes", r.notes)]
        if r.link is not None:
            values.append(("link", r.link))
        if undercut:
            values.append(("target_relation", r.target))
        values += [("comments", _json(d["comments"])), ("review", _json(d["review"]))]
        values += _anchors_value(r.anchors)
        if r.scheme:  # left out when none, like .argmap
            values.append(("scheme", r.scheme))
        if r.role:
            values.append(("role", r.role))
        if r.questions:
            values.append(("questions", _json(d["questions"])))
        _write_data(w, "edge", "      ", values)
        w("    </edge>\n")
    w("  </graph>\n</graphml>\n")
    return "".join(out)


def _anchors_value(anchors: tuple[Anchor, ...]) -> list[tuple[str, str]]:
    """The `anchors` data of a node or edge, as in .argmap; none for an item without anchors."""
    return [("anchors", _json([anchor_to_dict(a) for a in anchors]))] if anchors else []


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_data(
    w: Callable[[str], object], domain: str, indent: str, values: list[tuple[str, str]]
) -> None:
    escaped: list[str] = []
    for name, text in values:
        if NOT_XML.search(text):
            text = escape(text)
            escaped.append(name)
        w(f'{indent}<data key="{KEY_IDS[domain, name]}">{xml_text(text)}</data>\n')
    if escaped:
        w(f'{indent}<data key="{ESCAPED_KEY.id}">{" ".join(escaped)}</data>\n')
