"""Argdown (`.argdown`, `.ad`): read and write, as Argdown's own tools read it.

parse.py turns the text into Argdown's model (what the Argdown CLI's JSON export holds),
build.py turns that into a map, write.py writes a map back. docs/argdown.md has the mapping.
"""

from __future__ import annotations

import os

from argmap.io import limits
from argmap.io.argdown.build import to_map
from argmap.io.argdown.include import Origins, expand
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
    text: str | bytes,
    *,
    name: str = "<argdown>",
    layout: bool = True,
    origins: Origins | None = None,
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
    doc = parse(text, name, origins)
    m = repair_map(to_map(doc, name, warnings.append), name, warnings.append)
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
    text, origins = _read_text(path)
    return loads_with_report(text, name=str(path), layout=layout, origins=origins)


def _read_text(path: str | os.PathLike[str]) -> tuple[str, Origins | None]:
    """A file's text with its `@include`d files in place (Argdown's CLI puts them there
    before it parses), and where its lines came from (None when it includes nothing)."""
    text = decode(limits.read_bounded(path), str(path))
    if "@include(" not in text:
        return text, None
    return expand(text, path)


def parse_file(path: str | os.PathLike[str]) -> Document:
    """Argdown's model of a file (what the Argdown CLI's JSON export holds), includes in
    place; a problem raises a FormatError naming the file (an included one) and line."""
    text, origins = _read_text(path)
    return parse(text, str(path), origins)


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
    "parse_file",
    "read",
    "read_with_report",
    "write",
]
