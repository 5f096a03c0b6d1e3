"""Claim text shown in Qt widgets that guess between plain and rich text.

Tooltips and labels in Qt's AutoText mode render anything that looks like HTML as HTML, so a
claim reading `<img src="file:///...">` would load a file. Every user-supplied text shown in
such a place goes through these helpers: escaped, and marked as rich text so Qt does not guess.
"""

from __future__ import annotations

import html


def tooltip(text: str) -> str:
    """A tooltip that shows `text` literally (line breaks kept)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
