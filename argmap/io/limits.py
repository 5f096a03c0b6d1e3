"""Limits on what a map file may hold, checked before the expensive work where possible.

Map files come from mail, shared drives and the web. Without limits a small hostile file can
make argmap spend minutes or gigabytes (a 2 GB file read whole, a header announcing a billion
arguments, a JSON array nested 100,000 deep, a 50-MB "claim"), and a file bigger than any real
map is more likely a mistake (the wrong file) than a map. Each limit is far above real maps
(the largest maps we know of have a few thousand claims of a few hundred characters) and low
enough that a file at the limit still loads in bounded time and memory on a 2-core, 24 GB
machine. docs/robustness.md gives the reasons for each number.

Every limit breaks as a `LimitError` (a `FormatError`): one line naming the file, the place
and the limit, never a crash.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from typing import Any

from argmap.model.errors import FormatError
from argmap.model.map import ArgumentMap

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Largest file argmap reads (any format); real maps are kilobytes to a few megabytes. Checked
from the file's size before reading, and again while reading (a file that grows, or a device
with no size). A map at the claim and relation limits with short texts is ~180 MB as .argmap,
so it saves under this limit; a map whose .argmap text would not is refused by every reader
(argmap/io/validate.py), so whatever argmap opens it can save and open again."""

MAX_CLAIMS = 250_000
"""Most claims (or ICCMA arguments) in one map; checked before any claim is built. At ~290
bytes a claim of .argmap (short id and text) 250,000 claims are ~72 MB."""

MAX_RELATIONS = 500_000
"""Most relations (or ICCMA attacks) in one map; checked before any relation is built. At ~220
bytes a relation, 500,000 relations are ~110 MB: with the claims, under MAX_FILE_BYTES."""

MAX_FRAMEWORK_ARGUMENTS = 2_000_000
"""Most arguments of an ICCMA framework that `argmap eval` reads straight into integer arrays
(`iccma.read_framework`): no map is built, so the map limits above (which keep a map savable and
drawable) do not apply; ICCMA benchmarks reach a million arguments. At this limit the
framework, its names and the labels take ~0.5 GB."""

MAX_FRAMEWORK_ATTACKS = 4_000_000
"""Most attacks of an ICCMA framework read for evaluation (see MAX_FRAMEWORK_ARGUMENTS); ~40 MB
of the smallest ICCMA 2023 text, ~100 bytes of memory each while read."""

MAX_TEXT_CHARS = 100_000
"""Longest string in any field (claim text, notes, ids, comments ...): 100,000 characters is
~40 printed pages, far more than a card can show, and small enough for the canvas to lay out."""

MAX_JSON_DEPTH = 64
"""Deepest nesting of JSON arrays and objects. An .argmap document nests 6 deep plus one
level per comment reply; 64 leaves room for a reply thread ~55 deep and keeps every
recursive step (schema check, comment reading, writing) far from Python's recursion limit."""

MAX_NUMBER_DIGITS = 40
"""Longest whole number in a JSON file; Python refuses to convert numbers over 4,300 digits
with an error of its own, and no field of argmap needs more than a handful of digits."""

MAX_COMMENT_DEPTH = (MAX_JSON_DEPTH - 4) // 2
"""Deepest comment thread (a comment is level 1, a reply to it level 2, ...): 30. In .argmap a
claim's comment list is at JSON depth 4 and each level adds a comment object and its replies
list, so a thread one level deeper would be written past MAX_JSON_DEPTH and refused on the next
open. Readers of other formats refuse (argmap's own) or cut (foreign) deeper threads."""

MAX_GRAPH_DEPTH = 64
"""Deepest nesting of GraphML graphs inside nodes (yEd groups inside groups)."""


class LimitError(FormatError):
    """A file goes past one of argmap's documented limits (docs/robustness.md)."""


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def check_size(size: int, name: str) -> None:
    """Refuse a file bigger than MAX_FILE_BYTES (called with its size, before reading it)."""
    if size > MAX_FILE_BYTES:
        raise LimitError(
            f"file is too large ({_mb(size)}; argmap reads files up to {_mb(MAX_FILE_BYTES)})",
            file=name,
        )


def read_bounded(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file, refusing what is not a regular file or is too large to be a map.

    The size is checked from `fstat` before reading, and the read itself stops one byte past
    the limit, so neither a lying size (a file still growing, /proc files) nor a device such as
    /dev/zero can make argmap read without end. OS errors become FormatErrors.
    """
    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO (named pipe) for reading otherwise waits for a writer,
        # forever; non-blocking, the open returns and fstat refuses it. Regular files ignore
        # the flag. Checking the path with stat first would leave a window for a swap.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise FormatError("is a directory, not a file", file=name)
            if not stat.S_ISREG(info.st_mode):
                raise FormatError(f"not a regular file ({_file_type(info.st_mode)})", file=name)
            check_size(info.st_size, name)
            # Read what fstat promises (plus one byte), then on in 1 MiB steps only if the file
            # keeps going: read(MAX + 1) would allocate 200 MB for every 8 MB map.
            parts = [handle.read(info.st_size + 1)]
            total = len(parts[0])
            while total > info.st_size and total <= MAX_FILE_BYTES:
                chunk = handle.read(min(1 << 20, MAX_FILE_BYTES + 1 - total))
                if not chunk:
                    break
                parts.append(chunk)
                total += len(chunk)
            data = b"".join(parts) if len(parts) > 1 else parts[0]
    except FileNotFoundError:
        raise FormatError("no such file", file=name) from None
    except IsADirectoryError:
        raise FormatError("is a directory, not a file", file=name) from None
    except PermissionError:
        raise FormatError("permission denied", file=name) from None
    except OSError as exc:
        try:  # a socket cannot be opened at all (ENXIO): say what it is
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise FormatError(f"not a regular file ({_file_type(mode)})", file=name) from None
        raise FormatError(exc.strerror or str(exc), file=name) from None
    check_size(len(data), name)
    return data


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file argmap can read"


def check_count(what: str, count: int, limit: int, name: str, place: str | None = None) -> None:
    """Refuse more than `limit` claims/relations/arguments, before any is built."""
    if count > limit:
        raise LimitError(
            f"too many {what} ({count:,}; argmap reads up to {limit:,})", file=name, place=place
        )


# -- JSON ---------------------------------------------------------------------------------

_STRING = re.compile(rb'"[^"]*"')
_PAIR = re.compile(rb"\[\]|\{\}")
_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_BRACKETS_AND_QUOTES = bytes(range(256)).translate(None, b'"[]{}')


def json_depth_exceeds(data: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether JSON text nests arrays/objects deeper than `limit`, found without parsing.

    Runs at C speed over the bytes: drop escaped quotes and backslashes, keep only quotes
    and brackets, drop string literals, then peel innermost `[]`/`{}` pairs once per level.
    After `limit` rounds anything still shrinking is deeper than `limit`; brackets that stop
    shrinking are malformed JSON, which the parser reports with its line and column. UTF-8
    multi-byte characters never contain these ASCII bytes, so working on bytes is exact.
    """
    if data.count(b"[") + data.count(b"{") <= limit:
        return False
    if b"\\" in data:  # only escaped backslashes and quotes can fool the string matching
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = data.translate(None, _BRACKETS_AND_QUOTES)
    skeleton = skeleton.replace(b'""', b"")  # strings without brackets, the usual case
    if b'"' in skeleton:
        skeleton = _STRING.sub(b"", skeleton).replace(b'"', b"")
    # One regex pass removes exactly one level: its matches do not overlap, so `{[]}` needs
    # two passes (chained str.replace calls would peel both levels in one).
    for _ in range(limit):
        peeled = _PAIR.sub(b"", skeleton)
        if len(peeled) == len(skeleton):
            return False
        skeleton = peeled
    return len(_PAIR.sub(b"", skeleton)) < len(skeleton)


def check_json_depth(data: bytes, name: str) -> None:
    """Refuse JSON nested deeper than MAX_JSON_DEPTH, before json.loads sees it."""
    if json_depth_exceeds(data):
        place = _first_deep_place(data, MAX_JSON_DEPTH)
        raise LimitError(
            f"nested too deeply (more than {MAX_JSON_DEPTH} levels of arrays and objects)",
            file=name,
            place=place,
        )


def _first_deep_place(data: bytes, limit: int) -> str | None:
    """The line and column where nesting first passes `limit` (errors only; one regex match
    per bracket or string literal)."""
    depth = 0
    for match in _TOKEN.finditer(data):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return byte_place(data, match.start())
        elif token in (b"]", b"}"):
            depth -= 1
    return None


class NumberTooLong(ValueError):
    """Raised from json's parse_int hook; decode_json turns it into a LimitError."""


def parse_int(text: str) -> int:
    """json's hook for whole numbers: refuse absurd lengths before Python's own limit trips."""
    if len(text) > MAX_NUMBER_DIGITS:
        raise NumberTooLong(text)
    return int(text)


def number_place(data: bytes, text: str) -> str | None:
    """Line and column of a number in the raw bytes (for the error message)."""
    at = data.find(text.encode("ascii"))
    if at < 0:
        return None
    return byte_place(data, at)


def byte_place(data: bytes, at: int) -> str:
    """`line L column C` of a byte offset (columns count bytes, from 1)."""
    line = data.count(b"\n", 0, at) + 1
    column = at - (data.rfind(b"\n", 0, at) + 1) + 1
    return f"line {line} column {column}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def bad_string(value: str) -> str | None:
    """Why a string from a file cannot be kept, or None: too long, or a lone surrogate (which
    UTF-8 cannot encode, so the map could be opened but never saved again)."""
    if len(value) > MAX_TEXT_CHARS:
        return f"text is too long ({len(value):,} characters; the limit is {MAX_TEXT_CHARS:,})"
    if not value.isascii() and _SURROGATE.search(value):
        return "text holds an unpaired UTF-16 surrogate (\\ud800-\\udfff), which is not a character"
    return None


def strings_may_be_bad(data: bytes) -> bool:
    """Whether raw JSON bytes may hold a string check_strings would refuse (C-speed scans).

    A lone surrogate can only come from a `\\uD8xx`-`\\uDFxx` escape (raw UTF-8 cannot hold one),
    so a file without a backslash has none. A string of more than MAX_TEXT_CHARS characters
    takes more than that many bytes between its quotes (escapes only make it longer), so it
    covers a whole aligned block of half that size holding no quote: one `find` per block
    (a quote after a backslash does not count, as it may be escaped). False alarms only cost
    the exact walk.
    """
    escapes = b"\\" in data
    if escapes and _SURROGATE_ESCAPE.search(data):
        return True
    block = (MAX_TEXT_CHARS + 1) // 2
    for start in range(0, len(data) - block + 1, block):
        end = start + block
        at = data.find(b'"', start, end)
        while escapes and at > 0 and data[at - 1] == _BACKSLASH:
            at = data.find(b'"', at + 1, end)
        if at < 0:
            return True
    return False


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_BACKSLASH = ord("\\")


def check_strings(doc: Any, name: str, data: bytes | None = None) -> None:
    """Refuse over-long or unencodable strings anywhere in a parsed JSON document.

    With the raw `data`, a C-speed scan rules most files out first (strings_may_be_bad).
    Otherwise a fast walk without paths, and only when it finds a bad string a second walk
    that builds the JSON path for the message.
    """
    if data is not None and not strings_may_be_bad(data):
        return
    stack = [doc]
    found = False
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            stack.extend(value.values())
            stack.extend(value.keys())
        elif kind is list:
            stack.extend(value)
        elif kind is str and bad_string(value) is not None:
            found = True
            break
    if not found:
        return
    for path, value in _walk_with_paths(doc, "$"):
        reason = bad_string(value)
        if reason is not None:
            raise LimitError(reason, file=name, place=path)


def _walk_with_paths(value: Any, path: str) -> Iterator[tuple[str, str]]:
    stack = [(value, path)]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            for key in reversed(list(value)):
                yield f"{path} (key)", key
                stack.append((value[key], f"{path}.{key}"))
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]") for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, str):
            yield path, value


# -- built maps (formats whose text is not JSON) -----------------------------------------


def check_map_strings(strings: Iterator[tuple[str, str]], name: str) -> None:
    """Refuse a bad string among (place, value) pairs, for readers that build maps directly."""
    for place, value in strings:
        reason = bad_string(value)
        if reason is not None:
            raise LimitError(reason, file=name, place=place)


def loads_json_value(text: str) -> Any:
    """json.loads for a JSON value embedded in another format (GraphML attributes).

    Too deep or with an absurd number it raises json.JSONDecodeError, so callers that already
    handle malformed JSON handle these too, instead of meeting RecursionError or ValueError.
    """
    raw = text.encode("utf-8", "surrogatepass")
    if json_depth_exceeds(raw):
        raise json.JSONDecodeError(f"nested more than {MAX_JSON_DEPTH} levels deep", text, 0)
    try:
        return json.loads(text, parse_int=parse_int)
    except NumberTooLong:
        raise json.JSONDecodeError(
            f"number longer than {MAX_NUMBER_DIGITS} digits", text, 0
        ) from None
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def map_strings(m: ArgumentMap) -> Iterator[tuple[str, str]]:
    """(place, string) for every string of a built map, for check_map_strings."""
    info = m.info
    yield "title", info.title
    yield "description", info.description
    for claim in m.claims.values():
        place = f"claim {claim.id[:40]!r}"
        yield place, claim.id
        yield place, claim.text
        yield place, claim.holder
        yield place, claim.notes
        for tag in claim.tags:
            yield place, tag
        for comment in claim.comments:
            yield place, comment.text
    for relation in m.relations.values():
        place = f"relation {relation.id[:40]!r}"
        yield place, relation.id
        yield place, relation.label
        yield place, relation.notes
        for comment in relation.comments:
            yield place, comment.text
    for group in m.groups.values():
        yield f"group {group.id[:40]!r}", group.label


def check_map(m: ArgumentMap, name: str) -> ArgumentMap:
    """Refuse a built map past the limits (for readers whose text is not JSON); returns it."""
    check_count("claims", len(m.claims), MAX_CLAIMS, name)
    check_count("relations", len(m.relations), MAX_RELATIONS, name)
    check_map_strings(map_strings(m), name)
    return m
