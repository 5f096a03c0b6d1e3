"""Argdown (`.argdown`, `.ad`): read and write, as Argdown's own tools read it.

parse.py turns the text into Argdown's model (what the Argdown CLI's JSON export holds),
build.py turns that into a map, write.py writes a map back. docs/argdown.md has the mapping.
"""

from __future__ import annotations

import os

from argmap.io import limits
from argmap.io.argdown.build import to_map
from argmap.io.argdown.parse import Document, parse
from argmap.io.argdown.write import dumps
from argmap.io.atomic import write_bytes_atomic
from argmap.model.errors import FormatError
from argmap.model.map import ArgumentMap

EXTENSIONS = (".argdown", ".ad")
LAYS_OUT_ON_READ = True  # readers take layout=False (registry.read_with_report)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is ignored), or a FormatError naming the bad byte's place."""
    limits.check_size(len(data), name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"not UTF-8 text (bad byte at offset {exc.start})",
            file=name,
            place=limits.byte_place(data, exc.start),
        ) from None


def loads_with_report(
    text: str | bytes, *, name: str = "<argdown>", layout: bool = True
) -> tuple[ArgumentMap, list[str]]:
    """A map from Argdown text, laid out (Argdown files hold no positions), and the warnings
    of what was repaired. The map goes through `repair_map` (argmap/io/validate.py), the
    validation behind every reader: an Argdown file is another tool's file, so a value argmap
    could not save (a lone surrogate spelled in YAML, a text past the length limit, a bad
    comment id in argmap's metadata) is repaired with a warning naming the place.
    `layout=False` leaves every claim at (0, 0) for callers that need no positions."""
    from argmap.io.validate import repair_map

    if isinstance(text, bytes):
        text = decode(text, name)
    warnings: list[str] = []
    m = repair_map(to_map(parse(text, name), name, warnings.append), name, warnings.append)
    if m.claims and layout:
        from argmap.analysis.layout import layered_layout
        from argmap.model.edits import MoveClaims

        MoveClaims.of(layered_layout(m)).apply(m)
    return m, warnings


def loads(text: str | bytes, *, name: str = "<argdown>", layout: bool = True) -> ArgumentMap:
    """A map from Argdown text, laid out; warnings are dropped (see loads_with_report)."""
    return loads_with_report(text, name=name, layout=layout)[0]


def read_with_report(
    path: str | os.PathLike[str], *, layout: bool = True
) -> tuple[ArgumentMap, list[str]]:
    name = str(path)
    return loads_with_report(decode(limits.read_bounded(path), name), name=name, layout=layout)


def read(path: str | os.PathLike[str], *, layout: bool = True) -> ArgumentMap:
    return read_with_report(path, layout=layout)[0]


def write(m: ArgumentMap, path: str | os.PathLike[str], *, backup: bool = True) -> None:
    write_bytes_atomic(path, dumps(m).encode("utf-8"), backup=backup)


__all__ = [
    "Document",
    "dumps",
    "loads",
    "loads_with_report",
    "parse",
    "read",
    "read_with_report",
    "write",
]
