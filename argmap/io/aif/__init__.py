"""AIF JSON (the Argument Interchange Format as AIFdb and OVA export it): read and write.

AIFdb's JSON has `nodes` (`nodeID`, `text`, `type`), `edges` (`fromID`, `toID`), `locutions`
and `participants`; OVA3 wraps the same in `{"AIF": ..., "OVA": {"nodes": [{nodeID, x, y}],
...}, "text": ...}`. read.py maps AIF to a map (I-nodes → claims, RA → reasons, CA → attacks
and undercuts, MA → rephrase supports), locutions.py the dialogue nodes and the analysed text,
write.py writes OVA3's JSON, carry.py keeps what AIF cannot hold in fields OVA ignores.
docs/aif.md has the mapping and the evidence of what OVA's importer reads.
"""

from __future__ import annotations

import json
import os

from argmap.io import limits
from argmap.io.aif.locutions import SOURCE_ID
from argmap.io.aif.read import Reader
from argmap.io.aif.write import to_dict
from argmap.io.atomic import write_bytes_atomic
from argmap.model.map import ArgumentMap

EXTENSIONS = (".aif", ".json")
LAYS_OUT_ON_READ = True  # readers take layout=False (registry.read_with_report)


def loads_with_report(
    data: bytes | str, *, name: str = "<aif>", layout: bool = True
) -> tuple[ArgumentMap, list[str]]:
    """A map from AIF JSON and the warnings of what was repaired or kept in another form.

    The map goes through `repair_map` (argmap/io/validate.py), the validation behind every
    reader: whatever this returns argmap can save and open again. A file without OVA's
    positions is laid out unless `layout=False`."""
    from argmap.io.native import decode_json
    from argmap.io.validate import repair_map

    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    limits.check_size(len(data), name)
    reader = Reader(decode_json(data, name), name)
    m = repair_map(reader.read(), name, reader.warn)
    if m.claims and layout and not reader.positioned:
        from argmap.analysis.layout import layered_layout
        from argmap.model.edits import MoveClaims

        MoveClaims.of(layered_layout(m)).apply(m)
    return m, reader.warnings


def loads(data: bytes | str, *, name: str = "<aif>", layout: bool = True) -> ArgumentMap:
    return loads_with_report(data, name=name, layout=layout)[0]


def read_with_report(
    path: str | os.PathLike[str], *, layout: bool = True
) -> tuple[ArgumentMap, list[str]]:
    return loads_with_report(limits.read_bounded(path), name=str(path), layout=layout)


def read(path: str | os.PathLike[str], *, layout: bool = True) -> ArgumentMap:
    return read_with_report(path, layout=layout)[0]


def dumps(m: ArgumentMap) -> str:
    """OVA3's JSON of a map, indented; orjson writes it (json's indenting encoder is pure
    Python, ten times slower), json where orjson refuses a value."""
    doc = to_dict(m)
    try:
        import orjson

        return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    except (ImportError, TypeError):  # orjson.JSONEncodeError is a TypeError
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write(m: ArgumentMap, path: str | os.PathLike[str], *, backup: bool = True) -> None:
    write_bytes_atomic(path, dumps(m).encode("utf-8"), backup=backup)


__all__ = [
    "SOURCE_ID",
    "dumps",
    "loads",
    "loads_with_report",
    "read",
    "read_with_report",
    "to_dict",
    "write",
]
