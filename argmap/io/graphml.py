"""GraphML: argmap's maps for networkx and yEd, and graphs from other tools read as maps.

Writing gives one GraphML node per claim and one edge per relation (premise → conclusion), with
a declared `<key>` for every field argmap keeps, so `networkx.read_graphml` sees `text`, `kind`,
`relation`... as plain attributes; and yEd graphics (`y:ShapeNode`, `y:PolyLineEdge`) so that
the file opens in yEd looking like the map. An undercut is an edge from its premise to the
claim at the end of the attacked relation, with `relation = "undercut"` and `target_relation`
naming the attacked relation (docs/graphml.md explains why this choice, and the rest).

Reading takes argmap's own files back exactly (`read(write(m)) == m`), and reads GraphML from
elsewhere (networkx, yEd, Argdown) as well as it can: labels from whatever holds them,
positions where present, a layout where not. Whatever cannot be mapped is reported, never
dropped silently: `read_with_report` returns the warnings with the map.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from argmap.io import limits
from argmap.io.atomic import write_bytes_atomic
from argmap.io.native import claim_to_dict, read_file_bytes, relation_to_dict
from argmap.io.xmlsafe import parse_xml
from argmap.model.errors import FormatError, ModelError
from argmap.model.map import ArgumentMap, build_map
from argmap.model.types import (
    ID_PATTERN,
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
    with_changes,
)

EXTENSIONS = (".graphml",)
FORMAT_VERSION = 1  # written as the graph attribute `argmap_format`; marks argmap's own files

NS_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
NS_Y = "http://www.yworks.com/xml/graphml"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"

# The card design (argmap/analysis/geometry.py estimates the same): 240 px wide, 56 px of
# header and padding plus 18 px per line of ~32 characters. yEd wants the top-left corner.
CARD_WIDTH = 240.0
CARD_BASE_HEIGHT = 56.0
LINE_HEIGHT = 18.0
CHARS_PER_LINE = 32

# Colours of the light theme (argmap/ui/theme.py), so a map looks the same in yEd.
KIND_FILL = {
    ClaimKind.THESIS: "#e8eefc",
    ClaimKind.CLAIM: "#ffffff",
    ClaimKind.EVIDENCE: "#e9f6ec",
    ClaimKind.ASSUMPTION: "#fff6dc",
}
KIND_BORDER = {
    ClaimKind.THESIS: "#3457c9",
    ClaimKind.CLAIM: "#6b7280",
    ClaimKind.EVIDENCE: "#2e7d4f",
    ClaimKind.ASSUMPTION: "#b7791f",
}
RELATION_COLOUR = {"support": "#2e8b57", "attack": "#c8372d", "undercut": "#c8372d"}
TEXT_COLOUR = "#1d1d1f"
ARGDOWN_UNDERCUT_COLOUR = "#551a8b"  # Argdown draws undercuts purple


@dataclass(frozen=True)
class KeySpec:
    """One declared GraphML attribute of argmap's files."""

    domain: str  # "node", "edge", "graph", "all"
    name: str  # attr.name: what networkx calls the attribute
    type: str  # attr.type: string, double, boolean, int
    why: str = ""

    @property
    def id(self) -> str:
        return f"{self.domain[0]}_{self.name}" if self.domain != "all" else self.name


NODE_KEYS = (
    KeySpec("node", "text", "string"),
    KeySpec("node", "kind", "string", "thesis | claim | evidence | assumption"),
    KeySpec("node", "holder", "string"),
    KeySpec("node", "tags", "string", "JSON list of strings"),
    KeySpec("node", "notes", "string"),
    KeySpec("node", "base_score", "double"),
    KeySpec("node", "x", "double", "card centre"),
    KeySpec("node", "y", "double", "card centre"),
    KeySpec("node", "pinned", "boolean"),
    KeySpec("node", "source", "string", "JSON: null or {document, paragraph, span}"),
    KeySpec("node", "comments", "string", "JSON list of comments"),
    KeySpec("node", "review", "string", "JSON: null or {status, by, at}"),
)
EDGE_KEYS = (
    KeySpec("edge", "relation", "string", "support | attack | undercut"),
    KeySpec("edge", "label", "string"),
    KeySpec("edge", "notes", "string"),
    KeySpec("edge", "link", "string", "linked premises share it; absent when not linked"),
    KeySpec("edge", "target_relation", "string", "the relation an undercut attacks"),
    KeySpec("edge", "comments", "string", "JSON list of comments"),
    KeySpec("edge", "review", "string", "JSON: null or {status, by, at}"),
)
GRAPH_KEYS = (
    KeySpec("graph", "argmap_format", "int", "version of argmap's GraphML"),
    KeySpec("graph", "title", "string"),
    KeySpec("graph", "description", "string"),
    KeySpec("graph", "authors", "string", "JSON list of strings"),
    KeySpec("graph", "created", "string"),
    KeySpec("graph", "modified", "string"),
    KeySpec("graph", "sources", "string", "JSON list of {id, title, author, date, url}"),
    KeySpec("graph", "groups", "string", "JSON list of {id, label, claims, collapsed}"),
)
ESCAPED_KEY = KeySpec("all", "argmap_escaped", "string", "names of values escaped (see docs)")
ALL_KEYS = (*GRAPH_KEYS, *NODE_KEYS, *EDGE_KEYS, ESCAPED_KEY)
KEY_IDS = {(k.domain, k.name): k.id for k in ALL_KEYS}

# Characters XML 1.0 cannot carry at all, not even as &#...; references. A value holding one is
# written with backslash escapes and named in `argmap_escaped`, so the round trip stays exact.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_UNESCAPE = re.compile(r"\\(\\|u[0-9a-fA-F]{4})")


# -- writing ------------------------------------------------------------------------------


def write(m: ArgumentMap, path: str | os.PathLike[str], *, yed: bool = True) -> None:
    """Save a map as GraphML (with yEd graphics unless `yed=False`), atomically."""
    write_bytes_atomic(path, dumps(m, yed=yed).encode("utf-8"))


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
        w(f"><desc>{_xml(k.why)}</desc></key>\n" if k.why else "/>\n")
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
                _json(
                    [
                        {
                            "id": s.id,
                            "title": s.title,
                            "author": s.author,
                            "date": s.date,
                            "url": s.url,
                        }
                        for s in info.sources
                    ]
                ),
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
        ],
    )
    for cid in sorted(m.claims):
        c = m.claims[cid]
        w(f'    <node id="{cid}">\n')
        if yed:
            w(_node_graphics(c))
        d = claim_to_dict(c)
        _write_data(
            w,
            "node",
            "      ",
            [
                ("text", c.text),
                ("kind", c.kind.value),
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
            ],
        )
        w("    </node>\n")
    anchors = _Anchors(m)
    for rid in sorted(m.relations):
        r = m.relations[rid]
        undercut = r.target in m.relations
        target = anchors.final_claim(r) if undercut else r.target
        relation = "undercut" if undercut else r.kind.value
        w(f'    <edge id="{rid}" source="{r.source}" target="{target}">\n')
        if yed:
            bend = anchors.anchor(m.relations[r.target]) if undercut else None
            w(_edge_graphics(r, relation, bend))
        d = relation_to_dict(r)
        values = [("relation", relation), ("label", r.label), ("notes", r.notes)]
        if r.link is not None:
            values.append(("link", r.link))
        if undercut:
            values.append(("target_relation", r.target))
        values += [("comments", _json(d["comments"])), ("review", _json(d["review"]))]
        _write_data(w, "edge", "      ", values)
        w("    </edge>\n")
    w("  </graph>\n</graphml>\n")
    return "".join(out)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _xml(text: str) -> str:
    """Text content escaped for XML; a carriage return as a reference, since parsers turn a
    literal one into a line feed."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _escape(text: str) -> str:
    return _NOT_XML.sub(lambda mo: f"\\u{ord(mo.group()):04x}", text.replace("\\", "\\\\"))


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(
        lambda mo: "\\" if mo.group(1) == "\\" else chr(int(mo.group(1)[1:], 16)), text
    )


def _write_data(
    w: Callable[[str], object], domain: str, indent: str, values: list[tuple[str, str]]
) -> None:
    escaped: list[str] = []
    for name, text in values:
        if _NOT_XML.search(text):
            text = _escape(text)
            escaped.append(name)
        w(f'{indent}<data key="{KEY_IDS[domain, name]}">{_xml(text)}</data>\n')
    if escaped:
        w(f'{indent}<data key="{ESCAPED_KEY.id}">{" ".join(escaped)}</data>\n')


def wrap_lines(text: str, width: int = CHARS_PER_LINE) -> list[str]:
    """The card's text wrapped greedily at word boundaries, as the canvas wraps it."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            while len(word) > width:  # a word longer than a line is broken, as Qt does
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:width])
                word = word[width:]
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines or [""]


def card_size(claim: Claim) -> tuple[float, float]:
    """(width, height) of a claim's card as yEd should draw it."""
    return CARD_WIDTH, CARD_BASE_HEIGHT + LINE_HEIGHT * len(wrap_lines(claim.text))


def _node_graphics(c: Claim) -> str:
    lines = wrap_lines(c.text)
    width, height = CARD_WIDTH, CARD_BASE_HEIGHT + LINE_HEIGHT * len(lines)
    label = _xml(_NOT_XML.sub("", "\n".join(lines)))
    thesis = c.kind is ClaimKind.THESIS
    return (
        '      <data key="n_graphics"><y:ShapeNode>'
        f'<y:Geometry x="{c.x - width / 2!r}" y="{c.y - height / 2!r}" '
        f'width="{width!r}" height="{height!r}"/>'
        f'<y:Fill color="{KIND_FILL[c.kind]}" transparent="false"/>'
        f'<y:BorderStyle color="{KIND_BORDER[c.kind]}" type="line" '
        f'width="{2.0 if thesis else 1.0}"/>'
        '<y:NodeLabel alignment="left" autoSizePolicy="content" fontFamily="Dialog" '
        f'fontSize="12" fontStyle="{"bold" if thesis else "plain"}" hasBackgroundColor="false" '
        'hasLineColor="false" modelName="internal" modelPosition="c" '
        f'textColor="{TEXT_COLOUR}" visible="true" xml:space="preserve">{label}</y:NodeLabel>'
        '<y:Shape type="roundrectangle"/></y:ShapeNode></data>\n'
    )


def _edge_graphics(r: Relation, relation: str, bend: tuple[float, float] | None) -> str:
    point = "" if bend is None else f'<y:Point x="{bend[0]!r}" y="{bend[1]!r}"/>'
    line_type = "dashed" if relation == "undercut" else "line"
    width = 3.0 if r.link is not None else 2.0  # linked premises: a heavier line
    label = ""
    if r.label:
        label = (
            '<y:EdgeLabel alignment="center" fontFamily="Dialog" fontSize="11" '
            'modelName="centered" modelPosition="center" textColor="#1d1d1f" visible="true">'
            f"{_xml(_NOT_XML.sub('', r.label))}</y:EdgeLabel>"
        )
    return (
        '      <data key="e_graphics"><y:PolyLineEdge>'
        f'<y:Path sx="0.0" sy="0.0" tx="0.0" ty="0.0">{point}</y:Path>'
        f'<y:LineStyle color="{RELATION_COLOUR[relation]}" type="{line_type}" width="{width}"/>'
        f'<y:Arrows source="none" target="standard"/>{label}'
        '<y:BendStyle smoothed="false"/></y:PolyLineEdge></data>\n'
    )


class _Anchors:
    """Where an undercut meets the relation it attacks: the middle of that relation's line.

    An undercut of an undercut meets the middle of the first undercut's first segment (from
    its premise to its bend), which is how argmap's canvas draws it too.
    """

    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self._anchor: dict[str, tuple[float, float]] = {}

    def final_claim(self, r: Relation) -> str:
        """The claim at the end of a chain of undercuts."""
        target = r.target
        while target in self.m.relations:
            target = self.m.relations[target].target
        return target

    def anchor(self, r: Relation) -> tuple[float, float]:
        chain = [r]
        while chain[-1].target in self.m.relations and chain[-1].id not in self._anchor:
            chain.append(self.m.relations[chain[-1].target])
        for rel in reversed(chain):
            if rel.id in self._anchor:
                continue
            src = self.m.claims[rel.source]
            if rel.target in self.m.claims:
                end = self.m.claims[rel.target].pos
            else:
                end = self._anchor[rel.target]
            self._anchor[rel.id] = ((src.x + end[0]) / 2, (src.y + end[1]) / 2)
        return self._anchor[r.id]


# -- reading ------------------------------------------------------------------------------


def read(source: str | os.PathLike[str] | bytes, *, name: str | None = None) -> ArgumentMap:
    """Read a map from a GraphML file (or bytes); warnings are dropped, see read_with_report."""
    return read_with_report(source, name=name)[0]


def read_with_report(
    source: str | os.PathLike[str] | bytes, *, name: str | None = None
) -> tuple[ArgumentMap, list[str]]:
    """Read a map and the list of what could not be mapped exactly (empty for argmap's own)."""
    if isinstance(source, bytes):
        data, label = source, name or "<bytes>"
    else:
        label = name or str(source)
        data = read_file_bytes(source)
    return loads(data, name=label)


def loads(data: bytes | str, *, name: str = "<string>") -> tuple[ArgumentMap, list[str]]:
    """Parse GraphML text into a map and its warnings."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    root = parse_xml(data, name)
    m, warnings = _Reader(root, name).read()
    limits.check_map(m, name)  # text lengths and lone surrogates, as for .argmap files
    return m, warnings


@dataclass
class _Key:
    id: str
    domain: str
    name: str
    type: str
    default: str | None
    yfiles: str | None


@dataclass
class _Item:
    """A node or edge of the file: its data by attribute name, and what yEd drew."""

    xml_id: str
    place: str
    source: str = ""  # edges: the ids of their end nodes
    target: str = ""
    data: dict[str, str] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)
    geometry: tuple[float, float, float, float] | None = None  # x, y (top-left), w, h
    line_colour: str | None = None
    line_type: str | None = None
    group_closed: bool | None = None


@dataclass(frozen=True)
class _EdgeMeaning:
    relation: str  # support | attack | undercut
    label: str
    notes: str
    known: bool  # whether the file said which relation (else support is assumed)
    target_relation: str | None  # an undercut's attacked edge, when the file names it
    extras: dict[str, Any]  # link, comments, review when the file has argmap's attributes


class _Bad(Exception):
    """A value that does not decode; strict reading turns it into a FormatError."""


_TEXT_NAMES = ("text", "label", "name", "title", "statement", "content")
_NOTE_NAMES = ("notes", "note", "description", "comment")
_KIND_NAMES = ("relation", "kind", "type", "polarity", "sign", "relation_type")
_SUPPORT_WORDS = {"support", "supports", "pro", "+", "positive", "for", "supported", "reason"}
_ATTACK_WORDS = {"attack", "attacks", "con", "-", "negative", "against", "contra", "objection"}
_ATTACK_WORDS |= {"rebut", "rebuts", "rebuttal", "attacked", "undermine", "undermines"}
_UNDERCUT_WORDS = {"undercut", "undercuts"}
_GRAPHICS_TYPES = ("nodegraphics", "edgegraphics")


class _Reader:
    """One reading of one file: keys, items, then a map; strict for argmap's own files."""

    def __init__(self, root: Element, name: str) -> None:
        self.root = root
        self.name = name
        self.warnings: list[str] = []
        ns = root.tag[1 : root.tag.index("}")] if root.tag.startswith("{") else ""
        self.ns = "{" + ns + "}" if ns else ""
        self.strict = False

    # -- helpers ---------------------------------------------------------------------------

    def tag(self, local: str) -> str:
        return self.ns + local

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    def fail(self, reason: str, place: str | None = None) -> FormatError:
        return FormatError(reason, file=self.name, place=place)

    # -- the file --------------------------------------------------------------------------

    def read(self) -> tuple[ArgumentMap, list[str]]:
        local = self.root.tag.rsplit("}", 1)[-1]
        if local != "graphml":
            raise self.fail(f"not a GraphML file (the root element is <{local}>)", "line 1")
        self.keys = self._keys()
        self.defaults = {
            domain: {
                k.name: k.default
                for k in self.keys.values()
                if k.default is not None and k.domain in (domain, "all")
            }
            for domain in ("graph", "node", "edge")
        }
        graphs = self.root.findall(self.tag("graph"))
        if not graphs:
            raise self.fail("no <graph> element")
        if len(graphs) > 1:
            self.warn(f"the file holds {len(graphs)} graphs; read the first only")
        graph = graphs[0]
        graph_item = _Item(graph.get("id") or "", "graph")
        self._decode(graph, graph_item, "graph")
        version = graph_item.data.get("argmap_format")
        if version is not None:
            self.strict = True
            try:
                number = int(version)
            except ValueError:
                raise self.fail(f"argmap_format {version!r} is not a number", "graph") from None
            if number > FORMAT_VERSION:
                raise self.fail(
                    f"argmap GraphML version {number} is newer than this argmap reads "
                    f"(up to {FORMAT_VERSION}); update argmap to open it",
                    "graph",
                )
        if graph.get("edgedefault") == "undirected":
            self.warn("the graph is undirected; each edge read as source → target as written")
        nodes: list[_Item] = []
        edges: list[_Item] = []
        groups: list[tuple[_Item, list[str]]] = []
        self._walk(graph, nodes, edges, groups, [])
        limits.check_count("nodes", len(nodes), limits.MAX_CLAIMS, self.name)
        limits.check_count("edges", len(edges), limits.MAX_RELATIONS, self.name)
        if self.strict:
            return self._own(graph_item, nodes, edges), self.warnings
        return self._foreign(graph_item, nodes, edges, groups), self.warnings

    def _keys(self) -> dict[str, _Key]:
        keys: dict[str, _Key] = {}
        for k in self.root.findall(self.tag("key")):
            key_id = k.get("id")
            if key_id is None:
                raise self.fail("a <key> without an id")
            default = k.find(self.tag("default"))
            keys[key_id] = _Key(
                key_id,
                k.get("for", "all"),
                k.get("attr.name") or key_id,
                k.get("attr.type", "string"),
                None if default is None else (default.text or ""),
                k.get("yfiles.type"),
            )
        return keys

    def _walk(
        self,
        graph: Element,
        nodes: list[_Item],
        edges: list[_Item],
        groups: list[tuple[_Item, list[str]]],
        open_groups: list[list[str]],
    ) -> None:
        """Collect the nodes and edges of a graph and of the graphs nested in its nodes."""
        for child in graph:
            if child.tag == self.tag("node"):
                xml_id = child.get("id")
                if xml_id is None:
                    raise self.fail("a <node> without an id", f"graph {graph.get('id')!r}")
                item = _Item(xml_id, f"node {xml_id!r}")
                self._decode(child, item, "node")
                inner = child.find(self.tag("graph"))
                if inner is not None:
                    if len(open_groups) >= limits.MAX_GRAPH_DEPTH:
                        raise self.fail(
                            f"groups nested more than {limits.MAX_GRAPH_DEPTH} deep", item.place
                        )
                    members: list[str] = []
                    groups.append((item, members))
                    self._walk(inner, nodes, edges, groups, [*open_groups, members])
                else:
                    nodes.append(item)
                    for members in open_groups:
                        members.append(xml_id)
            elif child.tag == self.tag("edge"):
                xml_id = child.get("id") or ""
                place = f"edge {xml_id!r}" if xml_id else f"edge #{len(edges) + 1}"
                source, target = child.get("source"), child.get("target")
                if source is None or target is None:
                    raise self.fail("an <edge> without source or target", place)
                item = _Item(xml_id, place, source, target)
                self._decode(child, item, "edge")
                edges.append(item)
            elif child.tag == self.tag("hyperedge"):
                self.warn("a hyperedge was left out (argmap relations join two claims)")

    def _decode(self, element: Element, item: _Item, domain: str) -> None:
        """Fill `item` with the element's data by attribute name, defaults first."""
        item.data.update(self.defaults[domain])
        for d in element.findall(self.tag("data")):
            key_id = d.get("key", "")
            key = self.keys.get(key_id)
            if key is None:
                if self.strict:
                    raise self.fail(f"data for the undeclared key {key_id!r}", item.place)
                self.warn(f"{item.place}: data for the undeclared key {key_id!r} was left out")
                continue
            if key.yfiles is not None or len(d):
                if key.yfiles in _GRAPHICS_TYPES or len(d):
                    self._graphics(d, item)
                continue
            item.data[key.name] = d.text or ""
        escaped = item.data.pop(ESCAPED_KEY.name, None)
        if escaped:
            for name in escaped.split():
                if name in item.data:
                    item.data[name] = _unescape(item.data[name])

    def _graphics(self, d: Element, item: _Item) -> None:
        """What yEd (or Argdown) drew: labels, the geometry, the line's colour and type."""
        y = "{" + NS_Y + "}"
        realizer = d.find(f".//{y}Realizers")
        scope: Element = d
        if realizer is not None:  # a group node: the active realizer holds its look
            options = list(realizer)
            active = int(realizer.get("active", "0") or 0)
            if options:
                scope = options[min(active, len(options) - 1)]
                state = scope.find(f"{y}State")
                if state is not None:
                    item.group_closed = state.get("closed") == "true"
        geometry = scope.find(f".//{y}Geometry")
        if geometry is not None:
            try:
                item.geometry = tuple(  # type: ignore[assignment]
                    float(geometry.get(a, "0")) for a in ("x", "y", "width", "height")
                )
            except ValueError:
                self.warn(f"{item.place}: unreadable yEd geometry left out")
        for label in scope.iter():
            if label.tag in (f"{y}NodeLabel", f"{y}EdgeLabel"):
                text = _label_text(label.text or "")
                if text:
                    item.labels.append(text)
        line = scope.find(f".//{y}LineStyle")
        if line is not None:
            item.line_colour = (line.get("color") or "").lower() or None
            item.line_type = line.get("type")

    # -- argmap's own files: every field, exactly ------------------------------------------

    def _own(self, graph: _Item, nodes: list[_Item], edges: list[_Item]) -> ArgumentMap:
        claims: list[Claim] = []
        seen: set[str] = set()
        for item in nodes:
            claims.append(self._own_claim(item))
            if item.xml_id in seen:
                raise self.fail(f"duplicate node id {item.xml_id!r}", item.place)
            seen.add(item.xml_id)
        relations = [self._own_relation(item) for item in edges]
        info = MapInfo(
            title=graph.data.get("title", ""),
            description=graph.data.get("description", ""),
            authors=tuple(self._json(graph, "authors", _str_list, [])),
            sources=tuple(self._json(graph, "sources", _sources, [])),
            created=graph.data.get("created", ""),
            modified=graph.data.get("modified", ""),
        )
        groups = self._json(graph, "groups", _groups, [])
        moved = 0
        for i, item in enumerate(nodes):
            if item.geometry is not None:
                gx, gy, gw, gh = item.geometry
                cx, cy = gx + gw / 2, gy + gh / 2
                c = claims[i]
                if abs(cx - c.x) > 0.5 or abs(cy - c.y) > 0.5:
                    claims[i] = with_changes(c, x=cx, y=cy)
                    moved += 1
        if moved:
            self.warn(
                f"{moved} claim(s) were moved in yEd: took their positions from the yEd geometry"
            )
        try:
            return build_map(claims, relations, groups, info)
        except ModelError as exc:
            raise self.fail(exc.reason) from None

    def _own_claim(self, item: _Item) -> Claim:
        data, place = item.data, item.place
        if not ID_PATTERN.match(item.xml_id):
            raise self.fail("invalid claim id (letters, digits and _ . : - only)", place)
        try:
            kind = ClaimKind(data.get("kind", "claim"))
        except ValueError:
            raise self.fail(
                f"kind {data['kind']!r} is not one of: {', '.join(ClaimKind)}", place
            ) from None
        score = self._float(item, "base_score", 0.5)
        if not 0.0 <= score <= 1.0:
            raise self.fail(f"base_score {score!r} is out of range (0 to 1)", place)
        return Claim(
            id=item.xml_id,
            text=data.get("text", ""),
            kind=kind,
            holder=data.get("holder", ""),
            tags=tuple(self._json(item, "tags", _str_list, [])),
            notes=data.get("notes", ""),
            source=self._json(item, "source", _source_ref, None),
            base_score=score,
            x=self._float(item, "x", 0.0),
            y=self._float(item, "y", 0.0),
            pinned=self._bool(item, "pinned", False),
            comments=tuple(self._json(item, "comments", _comments, [])),
            review=self._json(item, "review", _review, None),
        )

    def _own_relation(self, item: _Item) -> Relation:
        data, place = item.data, item.place
        if not ID_PATTERN.match(item.xml_id):
            raise self.fail("invalid relation id (letters, digits and _ . : - only)", place)
        relation = data.get("relation", "support")
        target = item.target
        if relation == "undercut":
            target = data.get("target_relation", "")
            if not target:
                raise self.fail("an undercut without target_relation", place)
            kind = RelationKind.ATTACK
        elif relation in ("support", "attack"):
            kind = RelationKind(relation)
        else:
            raise self.fail(
                f"relation {relation!r} is not one of: support, attack, undercut", place
            )
        return Relation(
            id=item.xml_id,
            source=item.source,
            target=target,
            kind=kind,
            label=data.get("label", ""),
            notes=data.get("notes", ""),
            link=data.get("link"),
            comments=tuple(self._json(item, "comments", _comments, [])),
            review=self._json(item, "review", _review, None),
        )

    def _float(self, item: _Item, name: str, default: float) -> float:
        text = item.data.get(name)
        if text is None:
            return default
        try:
            value = float(text)
        except ValueError:
            raise self.fail(f"{name} {text!r} is not a number", item.place) from None
        if not math.isfinite(value):
            raise self.fail(f"{name} {text!r} is not a finite number", item.place)
        return value

    def _bool(self, item: _Item, name: str, default: bool) -> bool:
        text = item.data.get(name)
        if text is None:
            return default
        if text.strip().lower() not in ("true", "false"):
            raise self.fail(f"{name} {text!r} is not true or false", item.place)
        return text.strip().lower() == "true"

    def _json(self, item: _Item, name: str, decode: Callable[[Any], Any], default: Any) -> Any:
        text = item.data.get(name)
        if text is None:
            return default
        try:
            return decode(limits.loads_json_value(text))
        except json.JSONDecodeError as exc:
            raise self.fail(f"{name} is not valid JSON ({exc.msg})", item.place) from None
        except _Bad as exc:
            raise self.fail(f"{name}: {exc}", item.place) from None

    # -- GraphML from elsewhere: as much as can be mapped, and a report of the rest --------

    def _foreign(
        self,
        graph: _Item,
        nodes: list[_Item],
        edges: list[_Item],
        groups: list[tuple[_Item, list[str]]],
    ) -> ArgumentMap:
        ids = _IdMaker()
        node_ids: dict[str, str] = {}
        claims: list[Claim] = []
        positions: list[tuple[float, float] | None] = []
        unmapped: dict[tuple[str, str], int] = {}
        unlabelled = renamed = 0
        for item in nodes:
            cid = ids.make(item.xml_id, "c")
            if item.xml_id in node_ids:
                self.warn(f"{item.place}: a second node with this id was read as {cid!r}")
            elif cid != item.xml_id:
                renamed += 1
            node_ids.setdefault(item.xml_id, cid)
            claim, pos, labelled = self._foreign_claim(cid, item, unmapped)
            unlabelled += not labelled
            claims.append(claim)
            positions.append(pos)
        if renamed:
            self.warn(f"{renamed} node id(s) were not valid argmap ids and were renamed")
        if unlabelled:
            self.warn(f"{unlabelled} node(s) had no label or text; their ids became their text")
        group_ids = {item.xml_id for item, _ in groups}
        relations = self._foreign_relations(edges, node_ids, group_ids, ids, unmapped)
        for (domain, attr), count in sorted(unmapped.items()):
            where = f"{count} {domain}{'s' if count > 1 else ''}"
            self.warn(
                f"{domain} attribute {attr!r} ({where}) is not an argmap field: kept in notes"
            )
        argmap_groups = []
        group_ids_made = _IdMaker()
        for item, members in groups:
            label = item.data.get("label") or item.data.get("name") or " ".join(item.labels)
            gid = group_ids_made.make(item.xml_id, "g")
            claim_ids = tuple(dict.fromkeys(node_ids[x] for x in members if x in node_ids))
            argmap_groups.append(Group(gid, label, claim_ids, bool(item.group_closed)))
        info = self._foreign_info(graph)
        try:
            m = build_map(claims, relations, argmap_groups, info)
        except ModelError as exc:  # the checks above should make this unreachable
            raise self.fail(exc.reason) from None
        self._place_claims(m, claims, positions, nodes)
        return m

    def _foreign_claim(
        self, cid: str, item: _Item, unmapped: dict[tuple[str, str], int]
    ) -> tuple[Claim, tuple[float, float] | None, bool]:
        data = item.data
        lower = {k.lower(): k for k in data}
        used: set[str] = set()

        def take(names: Iterable[str]) -> tuple[str, str] | None:
            for n in names:
                if n in lower and data[lower[n]].strip() and lower[n] not in used:
                    used.add(lower[n])
                    return lower[n], data[lower[n]]
            return None

        notes: list[str] = []
        found = take(_TEXT_NAMES)
        labels = item.labels
        if found is not None:
            text = found[1]
        elif len(labels) >= 2:  # Argdown writes a title and the text; the title goes to notes
            notes.append(labels[0])
            text = " ".join(labels[1:])
        elif labels:
            text = labels[0]
        else:
            text = ""
        labelled = bool(text.strip())
        if not labelled:
            text = item.xml_id
        kind = ClaimKind.CLAIM
        kind_value = take(("kind", "claim_kind", "type", "node_type"))
        if kind_value is not None:
            try:
                kind = ClaimKind(kind_value[1].strip().lower())
            except ValueError:
                used.discard(kind_value[0])  # not a kind of ours: kept in notes below
        holder = take(("holder",))
        note = take(_NOTE_NAMES)
        if note is not None:
            notes.insert(0, note[1])
        tags: tuple[str, ...] = ()
        tags_value = take(("tags", "tag"))
        if tags_value is not None:
            tags = _parse_tags(tags_value[1])
        score = 0.5
        score_value = take(("base_score", "score"))
        if score_value is not None:
            parsed = _number(score_value[1])
            if parsed is not None and 0.0 <= parsed <= 1.0:
                score = parsed
            else:
                used.discard(score_value[0])
        pinned = False
        pinned_value = take(("pinned",))
        if pinned_value is not None:
            if pinned_value[1].strip().lower() in ("true", "false", "1", "0"):
                pinned = pinned_value[1].strip().lower() in ("true", "1")
            else:
                used.discard(pinned_value[0])
        extras = _json_fields(data, lower, used, ("source", "comments", "review"))
        pos: tuple[float, float] | None = None
        if "x" in lower and "y" in lower:
            px, py = _number(data[lower["x"]]), _number(data[lower["y"]])
            if px is not None and py is not None:
                pos = (px, py)  # networkx-style attributes: taken as the card centre
                used.update((lower["x"], lower["y"]))
        if pos is None and item.geometry is not None:
            gx, gy, gw, gh = item.geometry
            pos = (gx + gw / 2, gy + gh / 2)
        for attr in data:
            if attr not in used and data[attr].strip():
                notes.append(f"{attr}: {data[attr]}")
                unmapped["node", attr] = unmapped.get(("node", attr), 0) + 1
        claim = Claim(
            id=cid,
            text=text,
            kind=kind,
            holder=holder[1] if holder else "",
            tags=tags,
            notes="\n".join(notes),
            base_score=score,
            pinned=pinned,
            source=extras.get("source"),
            comments=tuple(extras.get("comments", ())),
            review=extras.get("review"),
        )
        return claim, pos, labelled

    def _foreign_relations(
        self,
        edges: list[_Item],
        node_ids: dict[str, str],
        group_ids: set[str],
        ids: _IdMaker,
        unmapped: dict[tuple[str, str], int],
    ) -> list[Relation]:
        relations: list[Relation] = []
        edge_ids: dict[str, str] = {}  # the file's edge id -> relation id
        keys: set[tuple[str, str, RelationKind]] = set()
        undercuts: list[tuple[_Item, Relation, str | None]] = []
        defaulted = 0

        def add(item: _Item, r: Relation) -> None:
            if (r.source, r.target, r.kind) in keys:
                self.warn(f"{item.place}: a second {r.kind.value} between the same ends, left out")
                return
            keys.add((r.source, r.target, r.kind))
            relations.append(r)
            if item.xml_id:
                edge_ids.setdefault(item.xml_id, r.id)

        for item in edges:
            source, target = node_ids.get(item.source), node_ids.get(item.target)
            if source is None or target is None:
                missing = item.source if source is None else item.target
                why = "a group" if missing in group_ids else "no node of the file"
                self.warn(f"{item.place}: left out, its end {missing!r} is {why}")
                continue
            meaning = self._edge_meaning(item, unmapped)
            if not meaning.known:
                defaulted += 1
            kind = RelationKind.SUPPORT if meaning.relation == "support" else RelationKind.ATTACK
            r = Relation(
                ids.make(item.xml_id, "r"),
                source,
                target,
                kind,
                meaning.label,
                meaning.notes,
                meaning.extras.get("link"),
                tuple(meaning.extras.get("comments", ())),
                meaning.extras.get("review"),
            )
            if meaning.relation == "undercut":
                undercuts.append((item, r, meaning.target_relation))
            else:
                add(item, r)
        if defaulted:
            self.warn(f"{defaulted} edge(s) did not say support or attack: read as support")
        for item, r, target_relation in undercuts:
            if target_relation is not None and target_relation in edge_ids:
                add(item, with_changes(r, target=edge_ids[target_relation]))
                continue
            # Argdown's undercuts point at an argument node. In argmap an undercut attacks an
            # inference, and an argument's inference is its one relation to its conclusion.
            out = [x for x in relations if x.source == r.target and x.target in node_ids.values()]
            if target_relation is None and len(out) == 1:
                add(item, with_changes(r, target=out[0].id))
                continue
            why = (
                f"its target_relation {target_relation!r} is no edge of the file"
                if target_relation is not None
                else f"{r.target!r} has {len(out)} outgoing relations, not one"
            )
            self.warn(f"{item.place}: an undercut read as an attack on {r.target!r} ({why})")
            add(item, r)
        return relations

    def _edge_meaning(self, item: _Item, unmapped: dict[tuple[str, str], int]) -> _EdgeMeaning:
        """What an edge says: support, attack or undercut, its label and notes."""
        data = item.data
        lower = {k.lower(): k for k in data}
        used: set[str] = set()
        relation: str | None = None
        for n in _KIND_NAMES:
            if n in lower:
                relation = _relation_word(data[lower[n]])
                if relation is not None:
                    used.add(lower[n])
                    break
        label = ""
        if "label" in lower:
            label = data[lower["label"]]
            used.add(lower["label"])
            if relation is None:
                relation = _relation_word(label)
        elif item.labels:
            label = " ".join(item.labels)
            if relation is None:
                relation = _relation_word(label)
        if relation is None and item.line_colour:
            relation = _relation_colour(item.line_colour)
        target_relation = None
        if "target_relation" in lower and data[lower["target_relation"]].strip():
            used.add(lower["target_relation"])
            target_relation = data[lower["target_relation"]].strip()
            relation = "undercut"
        extras = _json_fields(data, lower, used, ("comments", "review"))
        if "link" in lower:
            used.add(lower["link"])
            extras["link"] = data[lower["link"]]
        notes: list[str] = []
        note = next((lower[n] for n in _NOTE_NAMES if n in lower), None)
        if note is not None:
            used.add(note)
            notes.append(data[note])
        for attr in data:
            if attr not in used and data[attr].strip():
                notes.append(f"{attr}: {data[attr]}")
                unmapped["edge", attr] = unmapped.get(("edge", attr), 0) + 1
        return _EdgeMeaning(
            relation or "support",
            label,
            "\n".join(notes),
            relation is not None,
            target_relation,
            extras,
        )

    def _foreign_info(self, graph: _Item) -> MapInfo:
        data = {k: v for k, v in graph.data.items()}
        title = data.pop("title", None) or data.pop("name", None) or data.pop("label", "")
        description = data.pop("description", "")
        extra = [f"{k}: {v}" for k, v in data.items() if v.strip()]
        if extra:
            self.warn(
                f"graph attribute(s) {', '.join(sorted(k for k in data if data[k].strip()))} "
                "are not argmap fields: kept in the map's description"
            )
            description = "\n".join([description, *extra]) if description else "\n".join(extra)
        return MapInfo(title=title, description=description)

    def _place_claims(
        self,
        m: ArgumentMap,
        claims: list[Claim],
        positions: list[tuple[float, float] | None],
        items: list[_Item],
    ) -> None:
        """Positions from the file; a layout where it has none (all at one point is none)."""
        known = [p for p in positions if p is not None]
        if not claims:
            return
        # Where every node sits at one spot (Argdown writes x="0" y="0" for all), the file
        # has no layout. yEd geometry is compared by its corner, since heights differ.
        corners = {
            (item.geometry[0], item.geometry[1]) if item.geometry is not None else None
            for item in items
        }
        spots = {p for p in positions if p is not None}
        if not known or (len(claims) > 1 and (len(spots) == 1 or corners == {(0.0, 0.0)})):
            placed, how = _layout(m)
            self.warn(f"the file has no positions: laid out with the {how}")
            for cid, (x, y) in placed.items():
                m.replace_claim(with_changes(m.claims[cid], x=float(x), y=float(y)))
            return
        for c, pos in zip(claims, positions, strict=True):
            if pos is not None:
                m.replace_claim(with_changes(c, x=pos[0], y=pos[1]))
        missing = [c for c, pos in zip(claims, positions, strict=True) if pos is None]
        if missing:
            bottom = max(p[1] for p in known) + 200.0
            left = min(p[0] for p in known)
            for cid, (x, y) in _grid(c.id for c in missing).items():
                m.replace_claim(with_changes(m.claims[cid], x=left + x, y=bottom + y))
            self.warn(f"{len(missing)} node(s) had no position: placed in a grid below the rest")


def _layout(m: ArgumentMap) -> tuple[dict[str, tuple[float, float]], str]:
    """Positions for every claim: the layered layout when argmap has one, else a grid."""
    try:
        from argmap.analysis.layout import layered_layout
    except ImportError:
        # FALLBACK while argmap.analysis.layout does not exist: a plain grid.
        return _grid(m.claims), "grid placement (fallback: no layered layout available)"
    return layered_layout(m), "layered layout"


def _grid(claim_ids: Iterable[str]) -> dict[str, tuple[float, float]]:
    """Card centres on a grid of 300 × 200 px, row by row (the fallback placement)."""
    ids = list(claim_ids)
    cols = max(1, math.ceil(math.sqrt(len(ids))))
    return {cid: (float((i % cols) * 300), float((i // cols) * 200)) for i, cid in enumerate(ids)}


class _IdMaker:
    """Valid, unique argmap ids from whatever ids a file uses."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, wanted: str, prefix: str) -> str:
        base = wanted if ID_PATTERN.match(wanted or "-") and wanted else ""
        if not base:
            base = re.sub(r"[^A-Za-z0-9_.:\-]+", "_", wanted).strip("_") if wanted else ""
        candidate = base or f"{prefix}1"
        n = 1
        while candidate in self.used:
            n += 1
            candidate = f"{base or prefix}-{n}" if base else f"{prefix}{n}"
        self.used.add(candidate)
        return candidate


def _label_text(text: str) -> str:
    """A yEd label's plain text: HTML labels (Argdown's) lose their tags; whitespace is one
    space, since Argdown's and yEd's line breaks are wrapping, which the card does itself."""
    if "<" in text and ">" in text:
        text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
        text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return " ".join(text.split())


_JSON_DECODERS: dict[str, Callable[[Any], Any]] = {}  # filled below the decoders


def _json_fields(
    data: dict[str, str], lower: dict[str, str], used: set[str], names: Iterable[str]
) -> dict[str, Any]:
    """argmap's JSON attributes (source, comments, review) in a file without argmap's marker:
    taken when they decode, else left to the notes like any other attribute."""
    out: dict[str, Any] = {}
    for name in names:
        if name in lower:
            try:
                out[name] = _JSON_DECODERS[name](limits.loads_json_value(data[lower[name]]))
            except (json.JSONDecodeError, _Bad):
                continue
            used.add(lower[name])
    return out


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _parse_tags(text: str) -> tuple[str, ...]:
    try:
        value = limits.loads_json_value(text)
    except json.JSONDecodeError:
        value = None
    if isinstance(value, list) and all(isinstance(t, str) for t in value):
        return tuple(value)
    return tuple(t.strip() for t in text.split(",") if t.strip())


def _relation_word(text: str) -> str | None:
    word = text.strip().lower()
    if word in _SUPPORT_WORDS:
        return "support"
    if word in _ATTACK_WORDS:
        return "attack"
    if word in _UNDERCUT_WORDS:
        return "undercut"
    return None


def _relation_colour(colour: str) -> str | None:
    """Support or attack from a line's colour: green is support, red attack (by hue); Argdown's
    purple is an undercut."""
    if colour == ARGDOWN_UNDERCUT_COLOUR:
        return "undercut"
    match = re.fullmatch(r"#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})(?:[0-9a-f]{2})?", colour)
    if match is None:
        return None
    r, g, b = (int(v, 16) / 255 for v in match.groups())
    high, low = max(r, g, b), min(r, g, b)
    if high - low < 0.15:  # grey or black says nothing
        return None
    if high == g and g > r:
        return "support"
    if high == r and r > g and r > b:
        return "attack"
    return None


# -- JSON parts of argmap's own files ------------------------------------------------------


def _expect(value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Bad(f"{what} has the wrong type ({type(value).__name__})")
    return value


def _str_list(value: Any) -> list[str]:
    _expect(value, list, "the list")
    for v in value:
        _expect(v, str, "an item")
    return value


def _fields(value: Any, what: str, required: Iterable[str]) -> dict[str, Any]:
    _expect(value, dict, what)
    for name in required:
        if name not in value:
            raise _Bad(f"{what} has no {name!r}")
    return value


def _source_ref(value: Any) -> SourceRef | None:
    if value is None:
        return None
    d = _fields(value, "the source", ("document",))
    paragraph = d.get("paragraph")
    if paragraph is not None:
        _expect(paragraph, int, "paragraph")
    span = d.get("span")
    if span is not None:
        _expect(span, list, "span")
        if len(span) != 2:
            raise _Bad("span must be two numbers")
        span = (_expect(span[0], int, "span"), _expect(span[1], int, "span"))
    return SourceRef(_expect(d["document"], str, "document"), paragraph, span)


def _comment(value: Any) -> Comment:
    d = _fields(value, "a comment", ("id", "author", "time", "text"))
    return Comment(
        id=_expect(d["id"], str, "a comment id"),
        author=_expect(d["author"], str, "a comment author"),
        time=_expect(d["time"], str, "a comment time"),
        text=_expect(d["text"], str, "a comment text"),
        resolved=_expect(d.get("resolved", False), bool, "resolved"),
        replies=tuple(_comments(d.get("replies", []))),
    )


def _comments(value: Any) -> list[Comment]:
    return [_comment(v) for v in _expect(value, list, "the comments")]


def _review(value: Any) -> Review | None:
    if value is None:
        return None
    d = _fields(value, "the review", ("status",))
    try:
        status = ReviewStatus(d["status"])
    except ValueError:
        raise _Bad(f"status {d['status']!r} is not one of: {', '.join(ReviewStatus)}") from None
    return Review(status, _expect(d.get("by", ""), str, "by"), _expect(d.get("at", ""), str, "at"))


def _sources(value: Any) -> list[SourceDocument]:
    out = []
    for v in _expect(value, list, "the sources"):
        d = _fields(v, "a source", ("id",))
        out.append(
            SourceDocument(
                *(_expect(d.get(k, ""), str, k) for k in ("id", "title", "author", "date", "url"))
            )
        )
    return out


def _groups(value: Any) -> list[Group]:
    out = []
    for v in _expect(value, list, "the groups"):
        d = _fields(v, "a group", ("id",))
        out.append(
            Group(
                _expect(d["id"], str, "a group id"),
                _expect(d.get("label", ""), str, "a group label"),
                tuple(_str_list(d.get("claims", []))),
                _expect(d.get("collapsed", False), bool, "collapsed"),
            )
        )
    return out


_JSON_DECODERS.update(source=_source_ref, comments=_comments, review=_review)


def iter_keys() -> Iterator[KeySpec]:
    """The attributes argmap writes (docs/graphml.md lists the same)."""
    yield from ALL_KEYS


__all__ = [
    "EXTENSIONS",
    "card_size",
    "dumps",
    "loads",
    "read",
    "read_with_report",
    "wrap_lines",
    "write",
]
