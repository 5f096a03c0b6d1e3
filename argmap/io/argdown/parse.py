"""Argdown text → Argdown's own model (statements, arguments, relations, sections).

Modelled on how Argdown's parser and model plugin read the language (@argdown/core 1.7), so
that what we read can be compared with the Argdown CLI's JSON export (tests/data/argdown):
equivalence classes keyed by title, arguments with premise–conclusion structures, relations
with Argdown's directions and its post-processing (relations of reconstructed arguments start
at their conclusion, undercuts hit the inference). Line based: Argdown's lexer only gives
meaning to a relation, statement number, inference line, list item or heading at a line's
start, and indentation nests relations, so a line scan builds the same tree.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from argmap.io.argdown.include import Origins
from argmap.io.argdown.shortcodes import DEFAULT as DEFAULT_CODES
from argmap.io.argdown.shortcodes import Shortcodes
from argmap.model.errors import FormatError

# -- the model ----------------------------------------------------------------------------


@dataclass
class Member:
    """One occurrence of a statement or argument in the text."""

    title: str
    text: str
    line: int
    is_reference: bool
    data: dict[str, Any] | None = None
    section: str | None = None
    argdown_text: str = ""  # the text as Argdown's JSON has it: tags left in
    tags: list[str] = field(default_factory=list)  # this member's own tags, in order


@dataclass
class Inference:
    rules: list[str]
    data: dict[str, Any] | None
    line: int


@dataclass
class PcsItem:
    title: str
    role: str  # premise | intermediary-conclusion | main-conclusion
    inference: Inference | None = None


@dataclass
class Node:
    """An equivalence class (statement) or an argument, as Argdown's JSON has them."""

    kind: str  # "statement" | "argument"
    title: str
    auto_title: bool
    members: list[Member] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    pcs: list[PcsItem] = field(default_factory=list)
    line: int = 0
    defined_at: int = 0  # line of the member that gave the section (0: none did)

    @property
    def canonical(self) -> Member | None:
        """Argdown's canonical member: the one marked `isCanonical`, else the last
        non-reference one."""
        for m in reversed(self.members):
            if not m.is_reference and (m.data or {}).get("isCanonical"):
                return m
        for m in reversed(self.members):
            if not m.is_reference:
                return m
        return None

    @property
    def text(self) -> str:
        """The canonical member's text (maybe empty)."""
        m = self.canonical
        return m.text if m is not None else ""


@dataclass
class Rel:
    source: tuple[str, str]  # (kind, title); kind: statement | argument
    target: tuple[str, str]  # kind: statement | argument | inference
    type: str  # support | attack | undercut | contradictory
    line: int


@dataclass
class Section:
    id: str
    title: str
    level: int
    parent: str | None
    tags: list[str]
    data: dict[str, Any] | None
    line: int


@dataclass
class Document:
    front_matter: dict[str, Any] | None = None
    statements: dict[str, Node] = field(default_factory=dict)
    arguments: dict[str, Node] = field(default_factory=dict)
    relations: list[Rel] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    # after a front matter's regroup: (kind, title) -> index in `sections` (Argdown may give
    # two regrouped sections one id; the map's groups follow the sections themselves)
    regrouped: dict[tuple[str, str], int] = field(default_factory=dict)
    # in strict mode: the attacks Argdown folded into a contrary written the other way round
    # (argmap's reading of a file it wrote itself keeps them: see build.py)
    folded: list[Rel] = field(default_factory=list)
    origins: Origins | None = None  # where lines came from when files were `@include`d

    def where(self, line: int, col: int | None, name: str) -> dict[str, str]:
        """`file` and `place` of a FormatError about a line of the text."""
        if self.origins is not None:
            name, line = self.origins.place(line)
        return {"file": name, "place": f"line {line}" + (f" column {col}" if col else "")}


# -- lexical patterns (as Argdown's lexer has them) -------------------------------------------

_RELATION = re.compile(r"(\+>|->|><|_>|<_|_(?=\s)|<?\+|<?-)(?!-)")
_PCS_NUMBER = re.compile(r"\((\d+)\)")
_INFERENCE_START = re.compile(r"-{2}")
_LIST_ITEM = re.compile(r"(?:\*|\d+\.)(?=\s)")
_HEADING = re.compile(r"(#+) ")
_STATEMENT_DEF = re.compile(r"\[(.+?)\]:")
_STATEMENT_REF = re.compile(r"\[([^-].*?)\](?!\()")
_ARGUMENT_DEF = re.compile(r"<(.+?)>:")
_ARGUMENT_REF = re.compile(r"<([^-].*?)>")
# `#(two words)` stops at the next parenthesis (linear on a run of `#(`; Argdown would let
# it hold a `(`, no real file has one)
_TAG_BODY = r"#(?:\(([^()\n]+)\)|([a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))[ \t]?"
_TAG = re.compile(r"(?<!\\)" + _TAG_BODY)
# A tag where Argdown's lexer reads one: not inside a link (`[top](#heading)`), a mention or
# an escape, which its lexer takes whole first.
_TAG_TOKEN = re.compile(
    r"(\[[^\[\]]+?\]\([^)\[\]]+?\)|@\[[^\[\]\n]+\]|@<[^<>\n]+>|\\.)|" + _TAG_BODY, re.S
)


def tag_tokens(raw: str) -> list[re.Match[str]]:
    """The tags of Argdown text where its lexer reads them (group 2: `#(two words)`'s text,
    group 3: `#word`'s)."""
    return [m for m in _TAG_TOKEN.finditer(raw) if m.group(1) is None]


def without_trailing_tags(raw: str) -> str:
    """Argdown text without the tags at its end (`text. #a #(b c)` -> `text. `); a tag
    followed by more words stays where it is."""
    if "#" not in raw:
        return raw
    end = len(raw.rstrip())
    for m in reversed(tag_tokens(raw)):
        if raw[m.end() : end].strip():
            break
        end = m.start()
    return raw[:end]


def split_tags(raw: str) -> tuple[list[str], str]:
    """The `#tag` / `#(two words)` tags of a piece of Argdown text, in order, and the text
    without them (as Argdown's parser separates them; the writer uses it too)."""
    if "#" not in raw:
        return [], raw
    tags: list[str] = []
    out: list[str] = []
    pos = 0
    for m in tag_tokens(raw):
        tags.append(m.group(2) or m.group(3))
        out.append(raw[pos : m.start()])
        pos = m.end()
    out.append(raw[pos:])
    return tags, "".join(out)


# A link's text and address stop at the next bracket, so that a run of `[` is read in linear
# time (Argdown would let a link's text hold a `[`; no real file has one).
_LINK = re.compile(r"\[([^\[\]]+?)\]\(([^)\[\]]+?)\)")
_MARKUP = re.compile(r"[\[*_\\\n]")  # what plain_text acts on: links, emphasis, escapes, lines
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
# Emphasis does not run over a white space followed by its own marker, where a new one
# would start (`*a *b*` is `*a ` and an emphasised `b`), so that a text of many markers is
# read in linear time; `___bold and italic___` is still one.
_BOLD_ITALIC = re.compile(
    r"(?<![\w\\])(\*\*|__)(?=\S)((?:(?!\s\1).)+?)(?<=\S)\1(?![\w])"
    r"|(?<![\w\\*])(\*|_)(?=[^\s*_])((?:(?!\s\3).)+?)(?<=\S)\3(?![\w*])",
    re.S,
)
_ESCAPE = re.compile(r"\\(.)")


def _yaml(text: str) -> Any:
    """YAML as Argdown reads it: what does not parse is kept as its raw text (Argdown warns
    and goes on, so it is no error here either)."""
    import yaml

    # libyaml's loader when PyYAML has it (several times faster); what it refuses (it does
    # not take an escaped lone surrogate, "\ud800") goes to PyYAML's own, which decides.
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # noqa: S506 - a safe loader
        except yaml.YAMLError:
            pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return {"unparsed": text}


# -- cleaning -------------------------------------------------------------------------------


def _comment_spans(text: str) -> list[tuple[int, int]]:
    """Where the comments of `text` are, found as Argdown's lexer finds them: a comment
    starts only where a token starts, so `//` inside a link, a statement or argument title,
    a mention, an escape or `{...}` metadata (`{source: "https://..."}`) is none; `//` runs
    to the end of its line and needs a line break after it (on the last line, unended, it
    is text); an unclosed `<!--` or `/*` is text. One pass, each character looked at a
    bounded number of times (no input makes it quadratic)."""
    spans: list[tuple[int, int]] = []
    last = {"<!--": text.rfind("-->"), "/*": text.rfind("*/")}
    last_break = max(text.rfind("\n"), text.rfind("\r"))
    data: _DataTokens | None = None
    pos = 0
    while (m := _SCAN.search(text, pos)) is not None:
        kind, pos = m.lastgroup, m.end()
        if kind == "data":
            data = data or _DataTokens(text)
            pos = max(pos, data.end(m.start()))
        elif kind == "c":
            opener = m.group("opener")
            if opener == "//":
                if pos > last_break:
                    continue  # no line break after it: text, as in Argdown
                end = min(i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0)
            else:
                closer = "-->" if opener == "<!--" else "*/"
                if last[opener] < pos:
                    continue  # never closed: text
                end = text.find(closer, pos) + len(closer)
            spans.append((m.start(), end))
            pos = end
    return spans


# What can start at a position of Argdown text, for the comment scan: tokens that are taken
# whole (a `//` inside them is no comment), a `{` that may start metadata, a comment opener.
# Titles and links stop at the next bracket, so that a run of `[` is read in linear time
# (Argdown would let a title hold a `[`; no real file has one).
_SCAN = re.compile(
    r"(?P<link>\[[^\[\]\n]+\]\([^()\[\]\n]+\))"
    r"|(?P<esc>\\.)"
    r"|(?P<data>\{)"
    r"|(?P<c>[ \t]*(?P<opener><!--|/\*|//))"
    r"|(?P<ref>@?\[[^\[\]\n]+\]|@?<[^-<>\n][^<>\n]*>)",
    re.S,
)


class _DataTokens:
    """Argdown's `{...}` metadata token (`{((?!}\\s[^,}])(.|\\n))*}(?!\\s*(,|}))`): from a `{`
    to the last `}` before the first `}` that is followed by white space and a character
    other than `,` or `}`, that `}` included, such that no white space then `,` or `}`
    follows it. Found with sorted positions, so that a text of many `{` stays linear."""

    def __init__(self, text: str):
        n = len(text)
        closes = [i for i, c in enumerate(text) if c == "}"]
        self.blocking = [
            q for q in closes if q + 2 < n and text[q + 1].isspace() and text[q + 2] not in ",}"
        ]
        self.ends = []
        for q in closes:
            k = q + 1
            while k < n and text[k].isspace():
                k += 1
            if k >= n or text[k] not in ",}":
                self.ends.append(q)
        self.n = n

    def end(self, start: int) -> int:
        """The end of the metadata token starting at `start` (a `{`), or -1: none."""
        from bisect import bisect_right

        b = bisect_right(self.blocking, start)
        limit = self.blocking[b] if b < len(self.blocking) else self.n
        k = bisect_right(self.ends, limit) - 1
        return self.ends[k] + 1 if k >= 0 and self.ends[k] > start else -1


def strip_comments(text: str) -> list[str | None]:
    """The lines of `text` without their //, /* */ and <!-- --> comments (found as Argdown's
    lexer finds them, `_comment_spans`). A line that held only comments (or lay inside a
    comment over several lines) is None: Argdown's lexer swallows such a line with its line
    break, so it neither ends a block (as an empty line does) nor adds text; the list keeps
    one entry per line, so line numbers stay those of the file."""
    spans = _comment_spans(text)
    if not spans:
        return list(text.split("\n"))
    mark, n = "\x01", 0  # a mark no line holds (the text may hold any character)
    while mark in text:
        n += 1
        mark = f"\x01{n}\x02"
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        # every line the comment touches gets a mark where the comment was
        parts += [text[pos:start], mark + ("\n" + mark) * text.count("\n", start, end)]
        pos = end
    parts.append(text[pos:])
    out: list[str | None] = []
    for line in "".join(parts).split("\n"):
        if mark in line:
            line = line.replace(mark, "")
            if not line.strip():
                out.append(None)
                continue
        out.append(line)
    return out


def plain_text(raw: str, codes: Shortcodes = DEFAULT_CODES) -> str:
    """Statement text as Argdown gives it: shortcodes put as their characters (`.A.` →
    ∀), bold/italic markers and link targets dropped, escapes resolved, mentions kept,
    lines joined, whitespace trimmed."""
    if _MARKUP.search(raw) is None and not codes.present(raw):  # most statements
        return raw.strip()
    s = codes.replace(raw)
    s = _LINK.sub(lambda m: m.group(1), s)
    for _ in range(3):
        new = _BOLD_ITALIC.sub(lambda m: m.group(2) if m.group(1) else m.group(4), s)
        if new == s:
            break
        s = new
    s = _ESCAPE.sub(lambda m: m.group(1), s)
    s = _LINE_BREAK.sub(" ", s)
    return s.strip()


# -- the parser -----------------------------------------------------------------------------


@dataclass
class _Line:
    no: int  # 1-based
    indent: int
    text: str  # without indentation


class Parser:
    """One pass over the lines; `parse()` returns the Document."""

    def __init__(self, text: str, name: str, origins: Origins | None = None):
        self.name = name
        self.doc = Document(origins=origins)
        self.untitled = 0
        self.section: Section | None = None
        self.text = text
        # The argument of the last inference line read (Argdown's `currentInference`, never
        # reset): `_ X` / `<_ X` below any statement after it undercuts that inference.
        self.inference_owner: Node | None = None
        self.seen: set[tuple[tuple[str, str], tuple[str, str], str]] = set()
        self.codes = DEFAULT_CODES  # the front matter's `model: {shortcodes: ...}` adds names
        # Argdown's model settings, which a front matter may set (`model: {mode: strict}`)
        self.strict = False  # statement-to-statement relations become entails / contrary
        self.remove_tags = False  # tags are left out of the texts Argdown's JSON holds
        self.transform_arguments = True  # reconstructed arguments' relations move (see end)

    def _settings(self, front_matter: dict[str, Any]) -> None:
        """The settings of Argdown's model plugin a front matter gives (Argdown merges the
        front matter into its settings): `model: {mode: strict, removeTagsFromText: true,
        transformArgumentRelations: false, shortcodes: {...}}`."""
        model = front_matter.get("model")
        self.codes = DEFAULT_CODES.with_front_matter(model)
        if isinstance(model, dict):
            self.strict = model.get("mode") == "strict"
            self.remove_tags = model.get("removeTagsFromText") is True
            self.transform_arguments = model.get("transformArgumentRelations") is not False

    def _plain(self, raw: str) -> str:
        return plain_text(raw, self.codes)

    def fail(self, reason: str, line: int, col: int | None = None) -> FormatError:
        return FormatError(reason, **self.doc.where(line, col, self.name))

    # -- entry

    def parse(self) -> Document:
        text = self.text.replace("\r\n", "\n").replace("\r", "\n")
        offset = 0
        m = re.match(r"\s*(===+)\n?(.*?)\n?===+[ \t]*(?:\n|$)", text, re.S)
        if m and text.lstrip().startswith("==="):
            fm = _yaml(m.group(2))
            self.doc.front_matter = fm if isinstance(fm, dict) else {"front matter": fm}
            self._settings(self.doc.front_matter)
            offset = text[: m.end()].count("\n")
            text = "\n" * offset + text[m.end() :]
        cleaned = strip_comments(text)
        lines = [
            _Line(i + 1, len(x) - len(x.lstrip(" \t")), x.strip())
            for i, x in enumerate(cleaned)
            if x is not None  # a comment's line: neither text nor an empty line
        ]
        block: list[_Line] = []
        previous: Node | None = None
        for line in [*lines, _Line(len(cleaned) + 1, 0, "")]:
            if line.text:
                block.append(line)
                continue
            if block:
                previous = self._block(block, previous)
                block = []
        self._post_process()
        return self.doc

    # -- blocks

    def _block(self, block: list[_Line], previous: Node | None) -> Node | None:
        first = block[0]
        if _HEADING.match(first.text) and first.indent == 0:
            self._heading(block)
            return None
        if _PCS_NUMBER.match(first.text):
            owner = previous if previous is not None and previous.kind == "argument" else None
            self._pcs(block, owner)
            return None
        if _LIST_ITEM.match(first.text):
            i = 0
            while i < len(block):
                m = _LIST_ITEM.match(block[i].text)
                if not m:
                    raise self.fail(
                        "expected a list item (* or 1.)", block[i].no, block[i].indent + 1
                    )
                j = i + 1
                while j < len(block) and not (
                    _LIST_ITEM.match(block[j].text) and block[j].indent <= block[i].indent
                ):
                    j += 1
                item = [
                    _Line(block[i].no, block[i].indent + m.end(), block[i].text[m.end() :].lstrip())
                ] + block[i + 1 : j]
                # Argdown's lexer counts a list item's level as its marker's indent + 1:
                # relations below it are its own when indented further than that
                self._element(item, base=block[i].indent + 1)
                i = j
            return None
        if _RELATION.match(first.text) or _INFERENCE_START.match(first.text):
            raise self.fail(
                "a relation needs a statement or argument above it, indented less",
                first.no,
                first.indent + 1,
            )
        # an argument directly followed by its PCS (no empty line)
        for k, line in enumerate(block):
            if k and _PCS_NUMBER.match(line.text) and line.indent <= first.indent:
                node = self._element(block[:k])
                self._pcs(block[k:], node if node.kind == "argument" else None)
                return None
        return self._element(block)

    def _heading(self, block: list[_Line]) -> None:
        first = block[0]
        m = _HEADING.match(first.text)
        assert m is not None
        level = len(m.group(1))
        raw = "\n".join([first.text[m.end() :], *map(_indented, block[1:])])
        raw, data = self._split_data(raw, first.no)
        tags, untagged = split_tags(raw)
        title = self._plain(untagged)
        parent = self.section
        while parent is not None and parent.level >= level:
            parent = next((s for s in self.doc.sections if s.id == parent.parent), None)
        section = Section(
            f"s{len(self.doc.sections) + 1}",
            title,
            level,
            parent.id if parent else None,
            tags,
            data,
            first.no,
        )
        self.doc.sections.append(section)
        self.section = section

    def _split_data(self, raw: str, line: int) -> tuple[str, dict[str, Any] | None]:
        """Content and its trailing `{...}` YAML metadata."""
        i = _unescaped_brace(raw)
        if i < 0:
            return raw, None
        body = raw[i:].rstrip()
        if not body.endswith("}"):  # no metadata: Argdown reads the brace as text
            return raw, None
        block = _BLOCK_DATA.match(body)
        if block:  # `{` alone at a line's end: YAML in block format up to the last `}`
            data = _yaml(textwrap.dedent(body[block.end() : -1]))
        else:
            data = _yaml(body)
        return raw[:i], data if isinstance(data, dict) else {"unparsed": body}

    # -- elements: a statement or argument and the relation tree below it

    def _split_member(self, lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
        """The lines of an element's own content, and the rest (relations below it)."""
        k = 1
        while k < len(lines) and not (
            _RELATION.match(lines[k].text)
            or _PCS_NUMBER.match(lines[k].text)
            or _INFERENCE_START.match(lines[k].text)
        ):
            k += 1
        return lines[:k], lines[k:]

    def _element(self, lines: list[_Line], base: int = 0) -> Node:
        """A statement or argument and the relation tree below it. `base` is the indentation
        level Argdown's lexer stands at before its relations: 0 in a paragraph (an empty line
        resets the lexer's indent stack), the marker's indent + 1 in a list item."""
        own, rest = self._split_member(lines)
        node = self._member(own)
        self._relations(node, base, rest)
        return node

    def _relations(self, parent: Node, base: int, lines: list[_Line]) -> None:
        """The relation tree below `parent`, nested as Argdown's lexer nests it: a line
        indented past the current level opens a level below the relation before it; a line
        indented less closes levels while it is indented less than the level's indent, and
        then belongs to the level it reached, even when indented more than that level's first
        relation (Argdown emits no new indent there: `A / + B / - C / <+ D / -> E` with E
        indented between B and D relates E to A)."""
        # (indent of the level, the last node at that level); the parent of a relation at
        # level i is the node of level i - 1
        stack: list[tuple[int, Node]] = [(base, parent)]
        i = 0
        while i < len(lines):
            line = lines[i]
            m = _RELATION.match(line.text)
            if not m:
                raise self.fail(
                    "expected a relation (+ - +> -> >< _> <_) here", line.no, line.indent + 1
                )
            opens = line.indent > stack[-1][0]
            if not opens:
                while len(stack) > 1 and line.indent < stack[-1][0]:
                    stack.pop()
                if len(stack) == 1:
                    raise self.fail(
                        "relation is not indented under its statement or argument",
                        line.no,
                        line.indent + 1,
                    )
            j = i + 1
            while j < len(lines) and not _RELATION.match(lines[j].text):
                j += 1
            rest = line.text[m.end() :].lstrip()
            if not rest:
                raise self.fail(
                    f"relation {m.group(1)!r} without a statement or argument",
                    line.no,
                    line.indent + m.end() + 1,
                )
            member = [_Line(line.no, line.indent + m.end(), rest), *lines[i + 1 : j]]
            child = self._member(member)
            if opens:
                self._relate(stack[-1][1], m.group(1), child, line.no)
                stack.append((line.indent, child))
            else:
                self._relate(stack[-2][1], m.group(1), child, line.no)
                stack[-1] = (stack[-1][0], child)
            i = j

    def _relate(self, parent: Node, op: str, child: Node, line: int) -> None:
        p, c = (parent.kind, parent.title), (child.kind, child.title)
        if op in ("+", "<+"):
            self._add(c, p, "support", line)
        elif op in ("-", "<-"):
            self._add(c, p, "attack", line)
        elif op == "+>":
            self._add(p, c, "support", line)
        elif op == "->":
            self._add(p, c, "attack", line)
        elif op == "><":
            if parent.kind != "statement" or child.kind != "statement":
                raise self.fail("a contradiction (><) joins two statements", line)
            self._add(p, c, "contradictory", line)
        elif op == "_>":
            self._add(p, c, "undercut", line)
        else:  # <_ or _ below a statement: Argdown aims it at the last inference line read
            # (in a PCS that is the argument's; after it, still that one), else the statement
            if self.inference_owner is not None and parent.kind == "statement":
                p = ("argument", self.inference_owner.title)
            self._add(c, p, "undercut", line)

    def _add(self, source: tuple[str, str], target: tuple[str, str], kind: str, line: int) -> None:
        key = (source, target, kind)
        if key in self.seen or (kind == "contradictory" and (target, source, kind) in self.seen):
            return
        self.seen.add(key)
        self.doc.relations.append(Rel(source, target, kind, line))

    def _member(self, lines: list[_Line]) -> Node:
        """A statement or argument from its content lines (definition, reference or text)."""
        first = lines[0]
        raw = "\n".join([first.text, *map(_indented, lines[1:])])
        kind, ref, title, raw = _head(raw)
        raw, data = self._split_data(raw, first.no)
        tags, untagged = split_tags(raw)
        # trailing tags are left out of the text (argmap shows them as the claim's tags), a tag
        # inside the sentence stays, as Argdown shows it (`a #tag in it`), unless the front
        # matter has Argdown remove tags from texts
        text = self._plain(untagged if self.remove_tags else without_trailing_tags(raw))
        if ref and text:
            ref = False  # `[T] more words`: Argdown reads the words as a statement's text
        node = self._node(kind, title, first.no)
        section = self.section.id if self.section else None
        node.members.append(
            Member(
                node.title,
                text,
                first.no,
                ref,
                data,
                section,
                self._plain(untagged if self.remove_tags else raw) if raw.strip() else "",
                tags,
            )
        )
        in_group = (data or {}).get("isInGroup")
        if in_group is True or (in_group is None and not ref and node.section is None):
            node.section = section
            node.defined_at = first.no
        for t in tags:
            if t not in node.tags:
                node.tags.append(t)
        if data:
            _merge(node.data, data)
        return node

    def _node(self, kind: str, title: str, line: int) -> Node:
        table = self.doc.statements if kind == "statement" else self.doc.arguments
        auto = not title
        if auto:
            self.untitled += 1
            title = f"Untitled {self.untitled}"
        node = table.get(title)
        if node is None:
            node = Node(kind, title, auto, line=line)
            table[title] = node
        return node

    # -- premise-conclusion structures

    def _pcs(self, block: list[_Line], owner: Node | None) -> None:
        if owner is None:
            owner = self._node("argument", "", block[0].no)
        if owner.pcs:
            raise self.fail(
                f"argument <{owner.title}> already has a premise-conclusion structure", block[0].no
            )
        if self.section:
            owner.section = self.section.id
            owner.defined_at = owner.defined_at or block[0].no
        items: list[PcsItem] = []
        pending: Inference | None = None
        last_statement: Node | None = None
        i = 0
        while i < len(block):
            line = block[i]
            m = _PCS_NUMBER.match(line.text)
            if m:
                j = i + 1
                while j < len(block) and not (
                    _PCS_NUMBER.match(block[j].text) or _INFERENCE_START.match(block[j].text)
                ):
                    j += 1
                rest = line.text[m.end() :].lstrip()
                if not rest:
                    raise self.fail(
                        f"statement ({m.group(1)}) has no text", line.no, line.indent + 1
                    )
                lines = [_Line(line.no, line.indent + m.end(), rest), *block[i + 1 : j]]
                own, relations = self._split_member(lines)
                node = self._member(own)
                if node.kind != "statement":
                    raise self.fail("a premise or conclusion must be a statement", line.no)
                role = "intermediary-conclusion" if pending is not None else "premise"
                items.append(PcsItem(node.title, role, pending))
                pending = None
                last_statement = node
                self._relations(node, 0, relations)  # a statement number resets the levels
                i = j
                continue
            if _INFERENCE_START.match(line.text):
                if not items:
                    raise self.fail(
                        "an inference line (--) needs premises above it", line.no, line.indent + 1
                    )
                if pending is not None:
                    raise self.fail("two inference lines in a row", line.no, line.indent + 1)
                pending, i = self._inference(block, i, owner)
                continue
            raise self.fail(
                "expected a numbered statement or an inference line", line.no, line.indent + 1
            )
        if pending is not None:
            raise self.fail(
                f"argument <{owner.title}>: the inference line has no conclusion below it "
                "(unclosed premise-conclusion structure)",
                pending.line,
            )
        if not items or items[-1].role != "intermediary-conclusion" or last_statement is None:
            raise self.fail(
                f"argument <{owner.title}>: premise-conclusion structure without an inference line "
                "(---- before its conclusion)",
                block[0].no,
            )
        items[-1].role = "main-conclusion"
        owner.pcs = items

    def _inference(self, block: list[_Line], i: int, owner: Node) -> tuple[Inference, int]:
        """`-- rules {data} --` or `----`, possibly over several lines; then undercuts."""
        start = block[i]
        body = start.text[2:]
        j = i
        while (close := re.search(r"-{2,}", body)) is None:
            j += 1
            if j >= len(block):
                raise self.fail(
                    "inference line (--) not closed with --", start.no, start.indent + 1
                )
            body += "\n" + block[j].text
        if body[close.end() :].strip():
            raise self.fail("text after the end of the inference line", block[j].no)
        inner = body[: close.start()]
        inner, data = self._split_data(inner, start.no)
        rules = [r for r in map(self._plain, inner.split(",")) if r]
        inference = Inference(rules, data, start.no)
        self.inference_owner = owner
        j += 1
        k = j
        while (
            k < len(block)
            and _RELATION.match(block[k].text)
            and not _INFERENCE_START.match(block[k].text)
        ):
            k += 1
        if k > j:
            stack_parent = owner
            for line in block[j:k]:
                m = _RELATION.match(line.text)
                assert m is not None
                if m.group(1) not in ("_", "<_"):
                    raise self.fail(
                        "below an inference line only undercuts (_ or <_) go",
                        line.no,
                        line.indent + 1,
                    )
            self._relations(stack_parent, 0, block[j:k])  # an inference line resets them
        return inference, k

    # -- what Argdown's model plugin does after parsing

    def _post_process(self) -> None:
        doc = self.doc
        for node in [*doc.statements.values(), *doc.arguments.values()]:
            if node.section is None and node.members:
                node.section = node.members[0].section
        out: list[Rel] = []
        keys: set[tuple[tuple[str, str], tuple[str, str], str]] = set()
        for r in doc.relations:
            src, tgt = r.source, r.target
            if self.transform_arguments:  # unless `model: {transformArgumentRelations: false}`
                if src[0] == "argument" and doc.arguments[src[1]].pcs:
                    src = ("statement", doc.arguments[src[1]].pcs[-1].title)
                if tgt[0] == "argument" and r.type == "undercut" and doc.arguments[tgt[1]].pcs:
                    tgt = ("inference", tgt[1])
            if src == tgt and (src, tgt) != (r.source, r.target):
                continue  # an argument's relation to its own conclusion (Argdown drops it)
            if (src, tgt, r.type) in keys:
                continue
            keys.add((src, tgt, r.type))
            out.append(Rel(src, tgt, r.type, r.line))
        if self.strict:
            out, doc.folded = _strict(out)
        kept: list[Rel] = []
        for r in out:  # an attack on an argument that already attacks one of its premises
            if r.type == "attack" and r.source[0] == "statement" and r.target[0] == "argument":
                arg = doc.arguments[r.target[1]]
                premises = {p.title for p in arg.pcs if p.role == "premise"}
                if any(
                    x.type in ("attack", "contradictory", "contrary")
                    and (
                        (
                            x.source == r.source
                            and x.target[0] == "statement"
                            and x.target[1] in premises
                        )
                        or (x.type != "attack" and x.target == r.source and x.source[1] in premises)
                    )
                    for x in out
                ):
                    continue
            kept.append(r)
        doc.relations = kept
        regroup = (doc.front_matter or {}).get("group")
        if isinstance(regroup, dict) and isinstance(regroup.get("regroup"), list):
            if regroup["regroup"]:
                self._regroup(regroup["regroup"])

    def _regroup(self, config: list[Any]) -> None:
        """A front matter's `group: {regroup: [{title, statements, arguments, children}]}`:
        Argdown's regroup plugin puts these sections in place of the headings' and each
        named statement or argument in its section, the others in none. Section ids as
        Argdown numbers them (`s0`, `s1` ...; a child's counts on from its parent's, so it
        may share an id with a later top-level section, as in Argdown)."""
        doc = self.doc
        doc.sections = []
        for node in [*doc.statements.values(), *doc.arguments.values()]:
            node.section = None
            node.defined_at = 0

        def add(entry: dict[str, Any], level: int, counter: int, parent: str | None) -> None:
            title = entry.get("title")
            tags = entry.get("tags")
            section = Section(
                f"s{counter}",
                title if isinstance(title, str) else "",
                level,
                parent,
                [str(t) for t in tags] if isinstance(tags, list) else [],
                None,
                0,
            )
            doc.sections.append(section)
            for key, table in (("statements", doc.statements), ("arguments", doc.arguments)):
                names = entry.get(key)
                for name in names if isinstance(names, list) else []:
                    node = table.get(name) if isinstance(name, str) else None
                    if node is not None:
                        node.section = section.id
                        doc.regrouped[node.kind, node.title] = len(doc.sections) - 1
            children = entry.get("children")
            for i, child in enumerate(children if isinstance(children, list) else []):
                if isinstance(child, dict):
                    add(child, level + 1, counter + 1 + i, section.id)

        for i, entry in enumerate(config):
            if isinstance(entry, dict):
                add(entry, 1, i, None)


def _strict(relations: list[Rel]) -> tuple[list[Rel], list[Rel]]:
    """Argdown's strict mode (a front matter's `model: {mode: strict}`): between two
    statements a support is read as `entails`, an attack as `contrary`, one contrary per
    pair of statements whichever way round it was written. Also the attacks folded away."""
    out: list[Rel] = []
    folded: list[Rel] = []
    contrary: set[frozenset[tuple[str, str]]] = set()
    for r in relations:
        if r.source[0] == "statement" and r.target[0] == "statement":
            if r.type == "support":
                r = Rel(r.source, r.target, "entails", r.line)
            elif r.type == "attack":
                pair = frozenset((r.source, r.target))
                if pair in contrary:
                    folded.append(r)
                    continue
                contrary.add(pair)
                r = Rel(r.source, r.target, "contrary", r.line)
        out.append(r)
    return out, folded


_HEADS = (
    (_ARGUMENT_DEF, "argument", False),
    (_STATEMENT_DEF, "statement", False),
    (_ARGUMENT_REF, "argument", True),
    (_STATEMENT_REF, "statement", True),
)


def _head(raw: str) -> tuple[str, bool, str, str]:
    """(kind, is_reference, title, the rest) of a member's content: `[T]:`, `<T>:`, `[T]`,
    `<T>` or plain text (an untitled statement)."""
    for pattern, kind, ref in _HEADS:
        m = pattern.match(raw)
        if m:
            return kind, ref, m.group(1).strip(), raw[m.end() :]
    return "statement", False, "", raw


_BRACE_OR_ESCAPE = re.compile(r"\\.|\{", re.S)
# Argdown's data plugin reads `{` followed by a line break as YAML in block format (its
# `switchToBlockFormatIfMultiline`): `{` / `  source: x` / `  year: 2020` / `}`
_BLOCK_DATA = re.compile(r"\{[ \t]*\r?\n")


def _indented(line: _Line) -> str:
    """A continuation line with its indentation (block YAML in `{...}` needs it; texts join
    lines without it)."""
    return " " * line.indent + line.text


def _unescaped_brace(raw: str) -> int:
    """Where metadata starts: the first `{` not escaped with a backslash, else -1."""
    if "{" not in raw:
        return -1
    for m in _BRACE_OR_ESCAPE.finditer(raw):
        if m.group() == "{":
            return m.start()
    return -1


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for k, v in new.items():
        if isinstance(v, dict) and isinstance(into.get(k), dict):
            _merge(into[k], v)
        else:
            into[k] = v


def parse(text: str, name: str = "<argdown>", origins: Origins | None = None) -> Document:
    """Parse Argdown text; a problem raises a FormatError with the line (and column).
    `origins`: where the lines of a text with `@include`d files in place came from (an
    error then names the included file and its line)."""
    return Parser(text, name, origins).parse()
