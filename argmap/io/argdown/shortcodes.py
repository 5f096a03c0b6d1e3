"""Argdown's special-character shortcodes: `.A.` or `:A:` is read as ∀, `:heart:` as ❤.

Argdown's lexer takes `.name.` or `:name:` (no white space inside) as one token wherever a
token can start, and its model plugin puts the character of a known name in its place (an
unknown name stays as written; `e.g.` is such a token too). A front matter's
`model: {shortcodes: {".x.": {unicode: "✕"}}}` adds names. The table is @argdown/core
1.7.5's (the `shortcodes` of its API, the version of the Argdown CLI the tests compare with).
"""

from __future__ import annotations

import re
from typing import Any

# name: (the character of `.name.`, the character of `:name:`); they differ for "smile" only
NAMES: dict[str, tuple[str, str]] = {
    'A': ("\u2200", "\u2200"),
    'E': ("\u2203", "\u2203"),
    'O': ("\U0001d5e2", "\U0001d5e2"),
    'P': ("\U0001d5e3", "\U0001d5e3"),
    '->': ("\u2192", "\u2192"),
    '<->': ("\u2194", "\u2194"),
    '~': ("\u00ac", "\u00ac"),
    '^': ("\u2227", "\u2227"),
    'v': ("\u2228", "\u2228"),
    'v_': ("\u22bb", "\u22bb"),
    '<>': ("\u25c7", "\u25c7"),
    '[]': ("\u25fb", "\u25fb"),
    'happy': ("\U0001f600", "\U0001f600"),
    'smile': ("\u263a", "\u263a\ufe0f"),
    'smiley': ("\u263a", "\u263a"),
    'laugh': ("\U0001f606", "\U0001f606"),
    'lol': ("\U0001f606", "\U0001f606"),
    'rofl': ("\U0001f923", "\U0001f923"),
    'joy': ("\U0001f602", "\U0001f602"),
    'heart': ("\u2764", "\u2764"),
    '?': ("\u2753", "\u2753"),
    'question': ("\u2753", "\u2753"),
    'love': ("\U0001f60d", "\U0001f60d"),
    'wink': ("\U0001f609", "\U0001f609"),
    'shush': ("\U0001f92b", "\U0001f92b"),
    'meh': ("\U0001f610", "\U0001f610"),
    'eye-roll': ("\U0001f644", "\U0001f644"),
    'sad': ("\U0001f622", "\U0001f622"),
    'disappointed': ("\U0001f61e", "\U0001f61e"),
    'scream': ("\U0001f631", "\U0001f631"),
    '+1': ("\U0001f44d", "\U0001f44d"),
    'up': ("\U0001f44d", "\U0001f44d"),
    '-1': ("\U0001f44e", "\U0001f44e"),
    'down': ("\U0001f44e", "\U0001f44e"),
    'think': ("\U0001f914", "\U0001f914"),
    'star': ("\u2b50", "\u2b50"),
    'y': ("\u2714", "\u2714"),
    'agree': ("\u2714", "\u2714"),
    'n': ("\u274c", "\u274c"),
    'disagree': ("\u274c", "\u274c"),
}

# The tokens of Argdown's lexer that can hold a `.` or `:` without starting a shortcode at
# it, in the lexer's order; everything else is text (Freestyle) or a control character
# standing alone (UnusedControlChar), after which a shortcode can start.
_TOKEN = re.compile(
    r"(?P<esc>\\.)"
    r"|(?P<code>\.[^\s]+?\.|:[^\s]+?:)"
    r"|(?P<link>\[[^\[\]]+?\]\([^)\[\]]+?\))"
    r"|(?P<tag>#(?:\([^()\n]+\)|[a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))"
    r"|(?P<ref>\[[^\[\]\n]+\]:?|@\[[^\[\]\n]+\]|<[^<>\n]+>:?|@<[^<>\n]+>)"
    r"|(?P<text>[^\\@#*_\[\],.:;</>\-\r\n(){}]+)"
    r"|(?P<other>.)",
    re.S,
)


class Shortcodes:
    """A table of shortcodes (`.A.` / `:A:` → character) and how to find them fast."""

    def __init__(self, table: dict[str, str]):
        self.table = table
        # only `.name.` and `:name:` are tokens; the quick test looks for a `.` or `:`, a
        # name and a `.` or `:` (twice as fast as looking for each whole shortcode)
        names = {k[1:-1] for k in table if len(k) > 2 and k[0] == k[-1] and k[0] in ".:"}
        alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
        self._any = re.compile(f"[.:](?:{alternatives})[.:]") if names else None

    def present(self, text: str) -> bool:
        """Whether `text` holds a known shortcode anywhere (a quick test before `replace`)."""
        return self._any is not None and self._any.search(text) is not None

    def replace(self, text: str) -> str:
        """`text` with every shortcode Argdown's lexer would read put as its character."""
        if not self.present(text):
            return text
        out: list[str] = []
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            assert m is not None  # the last alternative takes any character
            token = m.group()
            if m.lastgroup == "code":
                out.append(self.table.get(token, token))
            else:
                out.append(token)
            pos = m.end()
        return "".join(out)

    def with_front_matter(self, model: Any) -> Shortcodes:
        """This table with the names a front matter's `model: {shortcodes: ...}` adds."""
        extra = model.get("shortcodes") if isinstance(model, dict) else None
        if not isinstance(extra, dict) or not extra:
            return self
        table = dict(self.table)
        for name, value in extra.items():
            char = value.get("unicode") if isinstance(value, dict) else None
            if isinstance(name, str) and isinstance(char, str):
                table[name] = char
        return Shortcodes(table)


DEFAULT = Shortcodes(
    {f".{n}.": dot for n, (dot, _) in NAMES.items()}
    | {f":{n}:": colon for n, (_, colon) in NAMES.items()}
)

# The `.` that starts a known `.name.` shortcode (overlapping ones too: `.A.E.`): the writer
# escapes it so that Argdown reads the text as written (a `:` that starts `:name:` it
# escapes anyway, as any `:` before a second one).
DOT_CODE_AT = re.compile(
    r"\.(?=" + "|".join(re.escape(n) + r"\." for n in sorted(NAMES, key=len, reverse=True)) + ")"
)
