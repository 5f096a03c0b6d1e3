"""The structure of a GraphML file: declared keys with their defaults, nodes and edges of the
first graph (and of the graphs nested in group nodes), each with its data by attribute name and
what yEd drew. What the items mean is read.py's (argmap's own files) or foreign.py's business."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from argmap.io import limits
from argmap.io.graphml.keys import ESCAPED_KEY, FORMAT_VERSION, unescape
from argmap.io.graphml.yed import read_graphics
from argmap.model.errors import FormatError


@dataclass
class Key:
    id: str
    domain: str
    name: str
    type: str
    default: str | None
    yfiles: str | None


@dataclass
class Item:
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


@dataclass
class Document:
    """What a GraphML file holds, before it means anything to argmap."""

    graph: Item
    nodes: list[Item]
    edges: list[Item]
    groups: list[tuple[Item, list[str]]]  # a group node and the nodes inside it


_GRAPHICS_TYPES = ("nodegraphics", "edgegraphics")


class Parser:
    """One reading of one file's GraphML structure: keys, then the graph's items by attribute
    name; strict (undeclared keys refused) once the graph says it is argmap's own."""

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

    def parse(self) -> Document:
        """The first graph and every node, edge and group in it."""
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
        graph_item = Item(graph.get("id") or "", "graph")
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
        nodes: list[Item] = []
        edges: list[Item] = []
        groups: list[tuple[Item, list[str]]] = []
        self._walk(graph, nodes, edges, groups, [])
        limits.check_count("nodes", len(nodes), limits.MAX_CLAIMS, self.name)
        limits.check_count("edges", len(edges), limits.MAX_RELATIONS, self.name)
        return Document(graph_item, nodes, edges, groups)

    def _keys(self) -> dict[str, Key]:
        keys: dict[str, Key] = {}
        for k in self.root.findall(self.tag("key")):
            key_id = k.get("id")
            if key_id is None:
                raise self.fail("a <key> without an id")
            default = k.find(self.tag("default"))
            keys[key_id] = Key(
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
        nodes: list[Item],
        edges: list[Item],
        groups: list[tuple[Item, list[str]]],
        open_groups: list[list[str]],
    ) -> None:
        """Collect the nodes and edges of a graph and of the graphs nested in its nodes."""
        for child in graph:
            if child.tag == self.tag("node"):
                xml_id = child.get("id")
                if xml_id is None:
                    raise self.fail("a <node> without an id", f"graph {graph.get('id')!r}")
                item = Item(xml_id, f"node {xml_id!r}")
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
                item = Item(xml_id, place, source, target)
                self._decode(child, item, "edge")
                edges.append(item)
            elif child.tag == self.tag("hyperedge"):
                self.warn("a hyperedge was left out (argmap relations join two claims)")

    def _decode(self, element: Element, item: Item, domain: str) -> None:
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
                    read_graphics(d, item, self.warn)
                continue
            item.data[key.name] = d.text or ""
        escaped = item.data.pop(ESCAPED_KEY.name, None)
        if escaped:
            for name in escaped.split():
                if name in item.data:
                    item.data[name] = unescape(item.data[name])
