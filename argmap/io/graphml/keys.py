"""The GraphML attributes argmap declares, its namespaces, and the escaping of characters XML
cannot carry: shared by the writer and by the reader of argmap's own files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

EXTENSIONS = (".graphml",)
FORMAT_VERSION = 1  # written as the graph attribute `argmap_format`; marks argmap's own files

NS_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
NS_Y = "http://www.yworks.com/xml/graphml"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"


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
    KeySpec("node", "kind", "string", "thesis | claim | evidence | assumption | argument"),
    KeySpec("node", "title", "string", "short label (Argdown's statement title)"),
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
    KeySpec("node", "collapsed", "boolean", "subtree folded into the card; absent when not"),
    KeySpec("node", "anchors", "string", "JSON list of anchors (W3C selectors); absent if none"),
    KeySpec("node", "reliability", "string", "source reliability A-F; absent if not graded"),
    KeySpec("node", "credibility", "int", "information credibility 1-6; absent if not graded"),
)
EDGE_KEYS = (
    KeySpec("edge", "relation", "string", "support | attack | undercut"),
    KeySpec("edge", "label", "string"),
    KeySpec("edge", "notes", "string"),
    KeySpec("edge", "link", "string", "linked premises share it; absent when not linked"),
    KeySpec("edge", "target_relation", "string", "the relation an undercut attacks"),
    KeySpec("edge", "comments", "string", "JSON list of comments"),
    KeySpec("edge", "review", "string", "JSON: null or {status, by, at}"),
    KeySpec("edge", "anchors", "string", "JSON list of anchors (W3C selectors); absent if none"),
    KeySpec("edge", "scheme", "string", "argument scheme id (docs/schemes.md); absent if none"),
    KeySpec("edge", "role", "string", "premise role in the scheme; absent if none"),
    KeySpec("edge", "questions", "string", "JSON list of critical-question answers, as .argmap"),
)
GRAPH_KEYS = (
    KeySpec("graph", "argmap_format", "int", "version of argmap's GraphML"),
    KeySpec("graph", "title", "string"),
    KeySpec("graph", "description", "string"),
    KeySpec("graph", "authors", "string", "JSON list of strings"),
    KeySpec("graph", "created", "string"),
    KeySpec("graph", "modified", "string"),
    KeySpec(
        "graph",
        "sources",
        "string",
        "JSON list of {id, title, author, date, url, path?, media_type?, sha256?, text?}",
    ),
    KeySpec("graph", "groups", "string", "JSON list of {id, label, claims, collapsed}"),
    KeySpec("graph", "grading", "string", "JSON object grade -> base score; absent if none"),
    KeySpec("graph", "views", "string", "JSON list of saved views as in .argmap; absent if none"),
)
ESCAPED_KEY = KeySpec("all", "argmap_escaped", "string", "names of values escaped (see docs)")
ALL_KEYS = (*GRAPH_KEYS, *NODE_KEYS, *EDGE_KEYS, ESCAPED_KEY)
KEY_IDS = {(k.domain, k.name): k.id for k in ALL_KEYS}

# Characters XML 1.0 cannot carry at all, not even as &#...; references. A value holding one is
# written with backslash escapes and named in `argmap_escaped`, so the round trip stays exact.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_UNESCAPE = re.compile(r"\\(\\|u[0-9a-fA-F]{4})")


def escape(text: str) -> str:
    """Backslash escapes for the characters XML 1.0 cannot carry (and for backslashes)."""
    return NOT_XML.sub(lambda mo: f"\\u{ord(mo.group()):04x}", text.replace("\\", "\\\\"))


def unescape(text: str) -> str:
    """The inverse of `escape`."""
    return _UNESCAPE.sub(
        lambda mo: "\\" if mo.group(1) == "\\" else chr(int(mo.group(1)[1:], 16)), text
    )


def xml_text(text: str) -> str:
    """Text content escaped for XML; a carriage return as a reference, since parsers turn a
    literal one into a line feed."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def iter_keys() -> Iterator[KeySpec]:
    """The attributes argmap writes (docs/graphml.md lists the same)."""
    yield from ALL_KEYS
