"""Read abstract argumentation frameworks in the ICCMA competition formats (read-only).

Three dialects, told apart by content (the extension is only a hint):

- **APX** (``.apx``): ``arg(a).`` and ``att(a,b).`` statements, one per line.
- **TGF** (``.tgf``): one argument per line (``a`` or ``a label``), a ``#`` line, then one
  attack per line (``a b``).
- **ICCMA 2023** (``.af``, ``.i23``): a header ``p af N``, then attacks ``i j`` over the
  arguments ``1 .. N``; lines starting with ``#`` are comments.

A framework becomes an attack-only map: one claim per argument (id = the argument's name when
it is a valid id, else ``arg<N>`` with the name as text), one attack relation per attack,
claims on a grid so that they are visible when the map is opened. Malformed lines raise
`FormatError` as ``FILE: line N: reason``.

`read_framework` returns the `Framework` directly, without building a map: the fast path of
`argmap eval` for frameworks of millions of arguments. It parses in bulk (regular expressions
over chunks of the text, `str.split`, `map(int, ...)`) straight into integer adjacency lists;
whenever the bulk parse sees anything unusual (comments, a bad line, a duplicate, an
undeclared name, a limit reached) it hands over to the line-by-line parser, which gives the
same answer or the same one-line error as ever.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import Any

from argmap.analysis.framework import Framework
from argmap.io import limits
from argmap.io.native import read_file_bytes
from argmap.io.validate import validate_map
from argmap.model.errors import FormatError
from argmap.model.map import ArgumentMap
from argmap.model.types import ID_PATTERN, Claim, ClaimKind, MapInfo, Relation, RelationKind

_ARG = re.compile(r"arg\(\s*([^(),\s]+)\s*\)\s*\.")
_ATT = re.compile(r"att\(\s*([^(),\s]+)\s*,\s*([^(),\s]+)\s*\)\s*\.")
GRID_DX, GRID_DY = 240.0, 160.0


def _lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    data = read_file_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError("not UTF-8 text", file=str(path), place=f"line {line}") from None
    for n, line in enumerate(text.splitlines(), 1):
        yield n, line.strip()


def _dialect(path: str | os.PathLike[str], lines: list[tuple[int, str]]) -> str:
    first = next((ln for _, ln in lines if ln and not ln.startswith(("#", "%"))), "")
    if first.startswith("p "):
        return "i23"
    if first.startswith(("arg(", "att(")):
        return "apx"
    ext = Path(path).suffix.lower()
    if ext in (".af", ".i23"):
        return "i23"
    return "apx" if ext == ".apx" else "tgf"


def parse(
    path: str | os.PathLike[str],
    max_arguments: int | None = None,
    max_attacks: int | None = None,
) -> tuple[list[str], list[tuple[int, int]]]:
    """Argument names and attacks (as index pairs) of an ICCMA file: at most `max_arguments`
    and `max_attacks` (the map limits by default; `read_framework` passes the larger
    framework limits, since it builds no map)."""
    lines = list(_lines(path))
    name = str(path)
    max_arguments = limits.MAX_CLAIMS if max_arguments is None else max_arguments
    max_attacks = limits.MAX_RELATIONS if max_attacks is None else max_attacks

    def check_arguments(n: int) -> None:
        limits.check_count("arguments", len(names), max_arguments, name, f"line {n}")
        reason = limits.bad_string(names[-1])
        if reason is not None:
            raise limits.LimitError(f"argument name: {reason}", file=name, place=f"line {n}")

    def check_attacks(n: int) -> None:
        if len(edges) > max_attacks:
            limits.check_count("attacks", len(edges), max_attacks, name, f"line {n}")

    def fail(n: int, reason: str) -> FormatError:
        return FormatError(reason, file=name, place=f"line {n}")

    names: list[str] = []
    index: dict[str, int] = {}
    edges: list[tuple[int, int]] = []
    dialect = _dialect(path, lines)
    if dialect == "i23":
        count = -1
        for n, ln in lines:
            if not ln or ln.startswith("#"):
                continue
            parts = ln.split()
            if count < 0:
                if len(parts) != 3 or parts[:2] != ["p", "af"] or not _whole(parts[2]):
                    raise fail(n, f"expected the header 'p af N', found {ln[:40]!r}")
                # checked before the N names are made: 'p af 1000000000' is a short file
                count = _number(parts[2], name, n)
                limits.check_count("arguments", count, max_arguments, name, f"line {n}")
                continue
            if len(parts) != 2 or not (_whole(parts[0]) and _whole(parts[1])):
                raise fail(n, f"expected an attack 'i j', found {ln[:40]!r}")
            a, b = _number(parts[0], name, n), _number(parts[1], name, n)
            if not (1 <= a <= count and 1 <= b <= count):
                raise fail(n, f"argument {a if not 1 <= a <= count else b} is not in 1..{count}")
            edges.append((a - 1, b - 1))
            check_attacks(n)
        if count < 0:
            raise FormatError("no 'p af N' header", file=name)
        return [str(i) for i in range(1, count + 1)], edges
    if dialect == "apx":
        for n, ln in lines:
            if not ln or ln.startswith("%"):
                continue
            m = _ARG.fullmatch(ln)
            if m:
                arg = m.group(1)
                if arg in index:
                    raise fail(n, f"argument {arg!r} declared twice")
                index[arg] = len(names)
                names.append(arg)
                check_arguments(n)
                continue
            m = _ATT.fullmatch(ln)
            if m:
                a, b = m.group(1), m.group(2)
                for x in (a, b):
                    if x not in index:
                        raise fail(n, f"attack names undeclared argument {x!r}")
                edges.append((index[a], index[b]))
                check_attacks(n)
                continue
            raise fail(n, f"expected 'arg(a).' or 'att(a,b).', found {ln[:40]!r}")
        return names, edges
    in_edges = False
    for n, ln in lines:
        if not ln:
            continue
        if ln == "#":
            if in_edges:
                raise fail(n, "a second '#' line")
            in_edges = True
            continue
        parts = ln.split()
        if not in_edges:
            arg = parts[0]
            if arg in index:
                raise fail(n, f"argument {arg!r} declared twice")
            index[arg] = len(names)
            names.append(arg)
            check_arguments(n)
        else:
            if len(parts) < 2:
                raise fail(n, f"expected an attack 'a b', found {ln[:40]!r}")
            for x in parts[:2]:
                if x not in index:
                    raise fail(n, f"attack names undeclared argument {x!r}")
            edges.append((index[parts[0]], index[parts[1]]))
            check_attacks(n)
    if not in_edges and names and len(lines) > 1:
        raise FormatError("no '#' line between arguments and attacks (not TGF?)", file=name)
    return names, edges


def _whole(text: str) -> bool:
    """ASCII digits only (str.isdigit also takes '²', which int() refuses)."""
    return text.isascii() and text.isdigit()


def _number(text: str, name: str, line: int) -> int:
    """A whole number of at most MAX_NUMBER_DIGITS digits (int() itself refuses over 4,300)."""
    if len(text) > limits.MAX_NUMBER_DIGITS:
        raise limits.LimitError(
            f"number too long ({len(text):,} digits; the limit is {limits.MAX_NUMBER_DIGITS})",
            file=name,
            place=f"line {line}",
        )
    return int(text)


def read_framework(path: str | os.PathLike[str]) -> Framework:
    """The framework of an ICCMA file, without building a map (fast, for big inputs), within
    the framework limits (`limits.MAX_FRAMEWORK_ARGUMENTS`, `MAX_FRAMEWORK_ATTACKS`).

    Arguments are named by the claim ids `read` would give them, so labels from either path
    are keyed alike.
    """
    bulk = _bulk(path)
    if bulk is None:
        names, edges = parse(path, limits.MAX_FRAMEWORK_ARGUMENTS, limits.MAX_FRAMEWORK_ATTACKS)
        fw = Framework.from_edges(claim_ids(names), edges)
    else:
        names, heads, tails = bulk
        fw = Framework.from_arrays(claim_ids(names), heads, tails)
    fw.texts = names
    return fw


_CHUNK = 1 << 20  # characters per bulk regular-expression pass (bounds the memory it takes)
_SP = r"[^\S\n]*"  # blanks within a line
_ARG_LINE = re.compile(rf"^{_SP}arg\({_SP}([^(),\s]+){_SP}\){_SP}\.{_SP}$", re.M)
_ATT_LINE = re.compile(
    rf"^{_SP}att\({_SP}([^(),\s]+){_SP},{_SP}([^(),\s]+){_SP}\){_SP}\.{_SP}$", re.M
)
_BLANK_LINE = re.compile(rf"^{_SP}$", re.M)
_PAIR_LINE = re.compile(rf"^{_SP}(\S+)[^\S\n]+(\S+)(?:[^\S\n]+[^\n]*)?{_SP}$", re.M)
_I23_BODY = re.compile(r"[0-9 \t\n]*")
_ODD_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# The lines as every tool writes them (no blanks, no labels, each line ending in "\n"): a chunk
# that matches one of these whole is cut into names by str.replace and str.split, in C.
_APX_ARGS = re.compile(r"(?:arg\([^(),\s]+\)\.\n)*")
_APX_ATTS = re.compile(r"(?:att\([^(),\s]+,[^(),\s]+\)\.\n)*")
_TGF_ARGS = re.compile(r"(?:\S+\n)*")
_TGF_ATTS = re.compile(r"(?:\S+ \S+\n)*")

Arrays = tuple[list[str], Any, Any]
"""Argument names, then attacker and attacked index of each attack (numpy int64 arrays)."""


def _chunks(text: str, start: int = 0) -> Iterator[str]:
    """The text from `start` in pieces of about _CHUNK characters, each ending at a line end."""
    n = len(text)
    while start < n:
        end = text.find("\n", min(n, start + _CHUNK))
        end = n if end < 0 else end + 1
        yield text[start:end]
        start = end


def _nonblank_lines(piece: str) -> int:
    return piece.count("\n") + 1 - len(_BLANK_LINE.findall(piece))


def _bulk(path: str | os.PathLike[str]) -> Arrays | None:
    """Names and attacks of a well-formed file parsed in bulk, or None to let the
    line-by-line parser decide (and name the line at fault)."""
    data = read_file_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    del data
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _ODD_BREAKS.search(text):
        return None  # line breaks that str.splitlines knows and our patterns do not
    if text and not text.endswith("\n"):
        text += "\n"  # every line ends alike (the line parser reads the last line the same)
    head = text.lstrip()
    if head.startswith("p "):
        return _bulk_i23(text)
    if head.startswith(("arg(", "att(")):
        return _bulk_apx(text)
    if Path(path).suffix.lower() in (".af", ".i23", ".apx") or not head or head[0] in "#%":
        return None
    return _bulk_tgf(text)


class _Attacks:
    """Attacks gathered chunk by chunk as integer arrays, within the framework limit.

    Names become positions by one dict lookup each (run in C by `fromiter(map(...))`), or,
    when every argument is named by one prefix and a number ("a1", "arg17", "5", as ICCMA
    generators name them), by parsing the numbers in C (`numpy.fromstring`) and one array
    lookup: a dict lookup per name costs more than everything else the read does.
    """

    def __init__(self, names: list[str] | None = None) -> None:
        import numpy as np

        self.np = np
        self.names = names
        self._index: dict[str, int] | None = None
        self.prefix, self.where = _numbering(names) if names else ("", None)
        self.parts: list[Any] = []
        self.total = 0

    def index(self) -> dict[str, int] | None:
        """Name -> position (built on first use); None when a name is declared twice or a
        name passes a limit the line parser checks name by name."""
        if self._index is None:
            self._index = _index(self.names or [])
        return self._index

    def names_ok(self) -> bool:
        """Each name once and within the limits the line parser checks name by name (for
        numbered names without building the dict)."""
        if self.where is not None:
            return max(map(len, self.names or [""])) <= limits.MAX_TEXT_CHARS
        return self.index() is not None

    def add_numbers(self, values: Any) -> bool:
        """Attack pairs as flat positions (attacker, attacked, attacker, ...); False beyond
        the limit."""
        self.total += len(values) // 2
        self.parts.append(values)
        return self.total <= limits.MAX_FRAMEWORK_ATTACKS

    def add_names(self, tokens: list[str]) -> bool:
        """Attack pairs as flat names; False beyond the limit or for an undeclared name."""
        index = self.index()
        if index is None:
            return False
        np = self.np
        try:
            values = np.fromiter(map(index.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        except KeyError:
            return False
        return self.add_numbers(values)

    def add_numbered(self, numbers: str, sep: str, count: int) -> bool:
        """Attack pairs as the numbers of numbered names (prefix removed), `count` of them
        separated by `sep`; False when one is undeclared or beyond the limit."""
        np, where = self.np, self.where
        values = np.fromstring(numbers, dtype=np.int64, sep=sep)
        if len(values) != count or (count and values.max() >= len(where)):
            return False
        positions = where[values]
        if count and positions.min() < 0:
            return False
        return self.add_numbers(positions)

    def numbered_pattern(self, line: str) -> re.Pattern[str] | None:
        """A pattern for chunks of attack lines naming numbered arguments (`line` with N for
        each name), or None when the names are not numbered."""
        if self.where is None:
            return None
        name = re.escape(self.prefix) + "(?:0|[1-9][0-9]{0,8})"
        return re.compile(f"(?:{line.replace('N', name)}\\n)*")

    def arrays(self) -> Arrays:
        np = self.np
        flat = np.concatenate(self.parts) if self.parts else np.zeros(0, dtype=np.int64)
        return self.names or [], flat[0::2], flat[1::2]


def _numbering(names: list[str]) -> tuple[str, Any]:
    """(prefix, position of each number or -1) when every name is the same prefix without
    ASCII digits followed by a number without leading zeros, each number once and none far
    beyond the count; else ("", None). Without digits in the prefix, the prefix can occur in
    a line of such names only where a name starts, so removing it leaves the numbers."""
    import numpy as np

    prefix = names[0].rstrip("0123456789")
    if any(c in "0123456789" for c in prefix) or len(names) > limits.MAX_FRAMEWORK_ARGUMENTS:
        return "", None
    pattern = re.escape(prefix) + "(?:0|[1-9][0-9]{0,8})\n"
    joined = "\n".join(names) + "\n"
    if not re.fullmatch(f"(?:{pattern})*", joined):
        return "", None
    if prefix:
        joined = joined.replace(prefix, "")
    numbers = np.fromstring(joined, dtype=np.int64, sep="\n")
    if len(numbers) != len(names) or numbers.max() > 4 * len(names) + 1024:
        return "", None
    where = np.full(int(numbers.max()) + 1, -1, dtype=np.int64)
    order = np.arange(len(names), dtype=np.int64)
    where[numbers] = order
    if (where[numbers] != order).any():
        return "", None  # a number twice: the line parser names the line
    return prefix, where


def _bulk_i23(text: str) -> Arrays | None:
    end = text.find("\n")
    header = (text if end < 0 else text[:end]).split()
    if len(header) != 3 or header[:2] != ["p", "af"] or not _whole(header[2]):
        return None
    if len(header[2]) > limits.MAX_NUMBER_DIGITS:
        return None
    count = int(header[2])
    if count > limits.MAX_FRAMEWORK_ARGUMENTS or end < 0:
        return None
    attacks = _Attacks()
    np = attacks.np
    for piece in _chunks(text, end + 1):
        if not _I23_BODY.fullmatch(piece):
            return None  # comments, signs, letters: the line parser knows what to say
        # (a number past 2**63 comes out as 2**63 - 1: out of range like any other)
        values = np.fromstring(piece, dtype=np.int64, sep=" ")
        if len(values) != 2 * _nonblank_lines(piece):
            return None  # some line does not hold exactly two numbers
        if len(values) and (values.min() < 1 or values.max() > count):
            return None
        if not attacks.add_numbers(values - 1):
            return None
    attacks.names = [str(i) for i in range(1, count + 1)]
    return attacks.arrays()


def _bulk_apx(text: str) -> Arrays | None:
    if "%" in text:
        return None  # comment lines: the line parser skips them
    first_att = text.find("att(")
    if first_att >= 0 and text.rfind("arg(") > first_att:
        return None  # arguments declared after attacks: the line parser checks each use
    split = first_att if first_att >= 0 else len(text)
    split = text.rfind("\n", 0, split) + 1
    names: list[str] = []
    for piece in _chunks(text[:split]):
        if _APX_ARGS.fullmatch(piece):
            found = piece.replace("arg(", "").replace(").\n", "\n").split("\n")
            found.pop()  # after the last line end
        else:
            found = _ARG_LINE.findall(piece)
            if len(found) != _nonblank_lines(piece):
                return None
        names.extend(found)
    attacks = _Attacks(names)
    if not attacks.names_ok():
        return None
    numbered = attacks.numbered_pattern(r"att\(N,N\)\.")
    for piece in _chunks(text, split):
        if numbered is not None and numbered.fullmatch(piece):
            numbers = piece.replace("att(", "").replace(").\n", ",")
            if attacks.prefix:
                numbers = numbers.replace(attacks.prefix, "")
            if not attacks.add_numbered(numbers, ",", 2 * piece.count("\n")):
                return None
            continue
        if _APX_ATTS.fullmatch(piece):
            tokens = piece.replace("att(", "").replace(").\n", ",").split(",")
            tokens.pop()
        else:
            pairs = _ATT_LINE.findall(piece)
            if len(pairs) != _nonblank_lines(piece):
                return None
            tokens = list(chain.from_iterable(pairs))
        if not attacks.add_names(tokens):
            return None  # an undeclared argument, or too many attacks
    return attacks.arrays()


def _bulk_tgf(text: str) -> Arrays | None:
    lines_hash = [m.start() for m in re.finditer(r"^[^\S\n]*#[^\S\n]*$", text, re.M)]
    if len(lines_hash) != 1:
        return None
    split = lines_hash[0]
    head = text[:split]
    if _TGF_ARGS.fullmatch(head):
        names = head.split("\n")
        names.pop()
    else:
        names = [ln.split(None, 1)[0] for ln in head.split("\n") if ln.strip()]
    attacks = _Attacks(names)
    if not attacks.names_ok():
        return None
    numbered = attacks.numbered_pattern("N N")
    rest = text.find("\n", split)
    for piece in _chunks(text, len(text) if rest < 0 else rest + 1):
        if numbered is not None and numbered.fullmatch(piece):
            numbers = piece.replace(attacks.prefix, "") if attacks.prefix else piece
            if not attacks.add_numbered(numbers, " ", 2 * piece.count("\n")):
                return None
            continue
        if _TGF_ATTS.fullmatch(piece):
            tokens = piece.split()
        else:
            pairs = _PAIR_LINE.findall(piece)
            if len(pairs) != _nonblank_lines(piece):
                return None
            tokens = list(chain.from_iterable(pairs))
        if not attacks.add_names(tokens):
            return None
    return attacks.arrays()


def _index(names: list[str]) -> dict[str, int] | None:
    """Name -> position, built in C; None when a name is declared twice or the names pass
    a limit the line parser checks name by name."""
    if len(names) > limits.MAX_FRAMEWORK_ARGUMENTS:
        return None
    if names and max(map(len, names)) > limits.MAX_TEXT_CHARS:
        return None
    index = dict(zip(names, range(len(names)), strict=True))
    return index if len(index) == len(names) else None


_IDS = re.compile(r"[A-Za-z0-9_.:\-\n]*")


def _all_ids(names: list[str]) -> bool:
    """Whether every name is a valid claim id, each once: then ids are the names (one
    C-speed match over all of them instead of a million)."""
    if not names or not all(names) or not _IDS.fullmatch("\n".join(names)):
        return False
    return len(set(names)) == len(names)


def claim_ids(names: list[str]) -> list[str]:
    """The claim id of each argument: its name when that is a valid id not used before, else
    ``arg<N>`` (N its 1-based position), with ``_`` appended until unused."""
    if _all_ids(names):
        return list(names)
    ids: list[str] = []
    used: set[str] = set()
    match = ID_PATTERN.match
    for i, arg in enumerate(names):
        cid = arg if match(arg) and arg not in used else f"arg{i + 1}"
        while cid in used:
            cid += "_"
        used.add(cid)
        ids.append(cid)
    return ids


def read(path: str | os.PathLike[str]) -> ArgumentMap:
    """An attack-only map of an ICCMA file, claims laid out on a grid."""
    names, edges = parse(path)
    ids = claim_ids(names)
    # "att" plus one more "_" than any id starting with "att" has: no claim id starts with
    # it (one pass; growing the prefix until nothing matched was quadratic on hostile names)
    runs = [len(c) - 3 - len(c[3:].lstrip("_")) for c in ids if c.startswith("att")]
    prefix = "att" + "_" * (max(runs) + 1) if runs else "att"
    # A file name that is not UTF-8 reaches Python with lone surrogates, which no save could
    # write: its bad bytes are shown as U+FFFD in the title instead.
    file_name = os.fsencode(Path(path).name).decode("utf-8", "replace")
    title = file_name.rsplit(".", 1)[0] if "." in file_name[1:] else file_name
    m = ArgumentMap(MapInfo(title=title, description=f"Read from {file_name}"))
    cols = max(1, math.ceil(math.sqrt(len(ids))))
    for i, (cid, arg) in enumerate(zip(ids, names, strict=True)):
        m.add_claim(
            Claim(
                cid,
                arg,
                ClaimKind.CLAIM,
                x=(i % cols) * GRID_DX,
                y=(i // cols) * GRID_DY,
            )
        )
    seen: set[tuple[int, int]] = set()
    for a, b in edges:
        if (a, b) in seen:
            continue  # a repeated attack is the same attack
        seen.add((a, b))
        m.add_relation(Relation(f"{prefix}{len(seen)}", ids[a], ids[b], RelationKind.ATTACK))
    return validate_map(m, str(path))  # the one validation behind every reader
