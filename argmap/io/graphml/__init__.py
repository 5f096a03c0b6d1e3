"""GraphML: argmap's maps for networkx and yEd, and graphs from other tools read as maps.

Writing gives one GraphML node per claim and one edge per relation (premise → conclusion), with
a declared `<key>` for every field argmap keeps, so `networkx.read_graphml` sees `text`, `kind`,
`relation`... as plain attributes; and yEd graphics (`y:ShapeNode`, `y:PolyLineEdge`) so that
the file opens in yEd looking like the map. Reading takes argmap's own files back exactly
(`read(write(m)) == m`), and reads GraphML from elsewhere (networkx, yEd, Argdown) as well as it
can; whatever cannot be mapped is reported by `read_with_report`, never dropped silently.

The modules, by job:
- keys.py: the declared attributes, namespaces, escaping of what XML cannot carry
- write.py: the writer; yed.py: yEd's look on writing and what yEd/Argdown drew on reading
- parse.py: the GraphML structure (keys, defaults, nodes, edges, nested groups)
- read.py: the entry points and argmap's own dialect, exactly; values.py: its JSON attributes
- foreign.py, foreign_edges.py: networkx, yEd and Argdown GraphML, heuristically
"""

from __future__ import annotations

from argmap.io.graphml.keys import (
    ALL_KEYS,
    EDGE_KEYS,
    EXTENSIONS,
    FORMAT_VERSION,
    GRAPH_KEYS,
    NODE_KEYS,
    NS_GRAPHML,
    NS_Y,
    KeySpec,
    iter_keys,
)
from argmap.io.graphml.read import loads, read, read_with_report
from argmap.io.graphml.write import dumps, write
from argmap.io.graphml.yed import KIND_BORDER, KIND_FILL, card_size, wrap_lines

__all__ = [
    "ALL_KEYS",
    "EDGE_KEYS",
    "EXTENSIONS",
    "FORMAT_VERSION",
    "GRAPH_KEYS",
    "KIND_BORDER",
    "KIND_FILL",
    "NODE_KEYS",
    "NS_GRAPHML",
    "NS_Y",
    "KeySpec",
    "card_size",
    "dumps",
    "iter_keys",
    "loads",
    "read",
    "read_with_report",
    "wrap_lines",
    "write",
]
