"""An `.argmap` file read only as far as evaluation needs: claim ids and texts, and the
relations, without building the map.

`argmap eval FILE.argmap` with an extension semantics needs the Dung framework of the map,
and `framework.from_map` reads nothing of a map but its claim ids and its relations. On a
100,000-claim map, making every claim value, building the map's indexes and collecting them
afterwards is about half of the command's time. Here the file is read as `native.read`
reads it (`native.read_document`: the same checks in the same order, so every bad file gets
the same one-line error), and then, when the document is plain (native_columns certified its
claims and relations: no schemes, anchors or other rare fields, every relation placeable),
only the relations are made from the columns, in the order `build_map` would add them.
Anything else returns None and the caller reads the whole map, which reports what is wrong as
ever.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from argmap.io import native, native_columns
from argmap.model.gcpause import gc_paused
from argmap.model.types import Relation


@dataclass
class ClaimsAndRelations:
    """What `framework.from_map` reads of a map: `claims` (id -> text, in the map's order)
    and `relations` (id -> relation, in the order the map would hold them)."""

    claims: dict[str, str]
    relations: dict[str, Relation]


def read(path: str | os.PathLike[str]) -> ClaimsAndRelations | None:
    """The claims and relations of an `.argmap` file, checked as `native.read` checks it
    (raising the same FormatError for a bad file); None when only the full read can tell
    (a rare field, a relation the map build would refuse)."""
    name = str(path)
    data = native.read_file_bytes(path)
    native.limits.check_size(len(data), name)
    with gc_paused():
        doc, found = native.read_document(data, name)
        del data
        if found is None:
            native.validate(doc, name)  # raises as the full read would
            return None  # a rare field, a relation the map build refuses: it says why
        claims = dict(zip(found.claim_ids(), found.claims.get("text", ()), strict=True))
        native.check_rest(doc, name, claims.keys(), anchors=False)
        made = native_columns.relations(found)
        return ClaimsAndRelations(claims, {r.id: r for r in made})
