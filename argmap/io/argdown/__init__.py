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


def loads(text: str | bytes, *, name: str = "<argdown>") -> ArgumentMap:
    """A map from Argdown text, laid out (Argdown files hold no positions)."""
    if isinstance(text, bytes):
        text = decode(text, name)
    m = to_map(parse(text, name), name)
    if m.claims:
        from argmap.analysis.layout import layered_layout
        from argmap.model.types import with_changes

        for cid, (x, y) in layered_layout(m).items():
            m.replace_claim(with_changes(m.claims[cid], x=x, y=y))
    return m


def read(path: str | os.PathLike[str]) -> ArgumentMap:
    name = str(path)
    return loads(decode(limits.read_bounded(path), name), name=name)


def write(m: ArgumentMap, path: str | os.PathLike[str], *, backup: bool = True) -> None:
    write_bytes_atomic(path, dumps(m).encode("utf-8"), backup=backup)


__all__ = ["Document", "dumps", "loads", "parse", "read", "write"]
