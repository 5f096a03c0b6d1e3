"""The normalised text of a source document: what anchor positions count in.

Anchors store character positions, so everyone who opens a map must count characters in the
same text, whatever the file's line endings, Unicode form or indentation. The normalised text
is the document's text with:

- Unicode NFC (an "é" typed as e + accent counts as one character, as on most keyboards),
- every kind of line break as "\\n", control characters and byte-order marks removed,
- every run of other white space (tabs, no-break spaces ...) as one space, lines stripped,
- empty lines dropped: **one line is one paragraph**, so paragraph N is line N (1-based).

Normalising twice gives the same text, and a text is normalised exactly when
`normalise(text) == text`. The SHA-256 of the normalised UTF-8 text identifies a version of a
source: an anchor made on one version is checked against, and re-anchored on, another.

>>> normalise("  One\\tparagraph\\r\\n\\r\\nand\\u00a0another ")
'One paragraph\\nand another'
>>> paragraph_spans("One\\ntwo")
[(0, 3), (4, 7)]
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata

_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
# C0 and C1 controls except tab and newline (tab is white space, handled below), and the BOM.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")


def normalise(text: str) -> str:
    """The normalised form of a text (see the module's docstring)."""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a text's UTF-8 bytes (of a whole normalised text, or of a passage)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every paragraph (line) of a normalised text, in order."""
    spans = []
    start = 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans if text else []


class ParagraphIndex:
    """Paragraph numbers of character positions in one normalised text (binary search)."""

    def __init__(self, text: str) -> None:
        self.spans = paragraph_spans(text)
        self._starts = [s for s, _ in self.spans]

    def paragraph_of(self, position: int) -> int:
        """The 1-based paragraph holding `position` (a position on a line break counts for the
        paragraph it ends)."""
        return max(1, bisect.bisect_right(self._starts, position))

    def __len__(self) -> int:
        return len(self.spans)


__all__ = ["ParagraphIndex", "normalise", "paragraph_spans", "sha256_text"]
