"""Argdown's `@include(path)`: the text of another file put in its place, as Argdown's CLI
does before it parses (argdown-node's include plugin).

The path is relative to the directory of the file that holds the `@include`; included files
may include others; each file is included once (a second `@include` of it, which could loop
forever, becomes a comment, as in Argdown). A file that cannot be read is a one-line error
naming the including file and line. Line numbers of what was included are kept
(`Origins`), so that an error in an included file names that file and its own line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from argmap.io import limits
from argmap.model.errors import FormatError

INCLUDE = re.compile(r"@include\(([^)]+)\)")


@dataclass
class Origins:
    """Where each line of the text with its includes in place came from."""

    # (first line of a run in the combined text, file, its line there), in order
    runs: list[tuple[int, str, int]] = field(default_factory=list)

    def place(self, line: int) -> tuple[str, int]:
        """(file, line in that file) of a line of the combined text (1-based)."""
        file, start, at = self.runs[0][1], 1, 1
        for first, f, n in self.runs:
            if first > line:
                break
            start, file, at = first, f, n
        return file, at + line - start


def expand(text: str, path: str | os.PathLike[str]) -> tuple[str, Origins]:
    """`text` (the file at `path`) with every `@include(...)` replaced by the file it names."""
    origins = Origins()
    done: list[Path] = []
    total = [len(text.encode("utf-8"))]
    pieces: list[tuple[str, str, int]] = []  # (text, file, line of its start in that file)

    def walk(body: str, where: Path, line: int) -> None:
        pos = 0
        for m in INCLUDE.finditer(body):
            pieces.append((body[pos : m.start()], str(where), line))
            line += body.count("\n", pos, m.start())
            target = (where.parent / m.group(1)).resolve()
            if target in done:  # a comment, as Argdown's CLI puts there
                failed = f"<!-- Include failed: File '{target}' already included. -->"
                pieces.append((failed, str(where), line))
            else:
                done.append(target)
                try:
                    data = limits.read_bounded(target)
                except FormatError as exc:  # missing, a directory, too large ...
                    raise FormatError(
                        f"@include({m.group(1)}): {target}: {exc.reason}",
                        file=str(where),
                        place=f"line {line}",
                    ) from None
                total[0] += len(data)
                limits.check_size(total[0], str(where))
                from argmap.io.argdown import decode

                walk(decode(data, str(target)), target, 1)
            pos = m.end()
        pieces.append((body[pos:], str(where), line))

    root = Path(path).resolve()
    walk(text, root, 1)
    out: list[str] = []
    combined_line = 1
    for piece, file, line in pieces:
        origins.runs.append((combined_line, file, line))
        out.append(piece)
        combined_line += piece.count("\n")
    return "".join(out), origins
