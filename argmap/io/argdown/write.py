"""ArgumentMap → Argdown text that Argdown's own tools read (docs/argdown.md).

Every claim is defined once (`[Title]: text #tags {argmap: {...}}`, arguments `<Title>: ...`
followed by their premise–conclusion structure) with the relations into it indented below as
references. What Argdown cannot say (claim kinds, holders, notes, review, relation ids and
labels, links ...) goes into the `argmap` key of the metadata, as JSON (which is YAML), so that
reading the file back gives the same map; positions are not written (the reader lays out).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache
from typing import Any

from argmap.io.argdown.build import (
    ALSO_NOTE,
    CONTRADICTS,
    DATA_PREFIX,
    FRONT_MATTER_PREFIX,
    MEMBER_PREFIX,
    MEMBER_TAGS_PREFIX,
    REPEAT_PREFIX,
    UNDERCUT_LABEL,
    data_line,
    slug,
    tag_text,
)
from argmap.io.argdown.parse import parse, plain_text, split_tags, tag_tokens
from argmap.io.argdown.shortcodes import DOT_CODE_AT
from argmap.model.map import ArgumentMap
from argmap.model.types import Claim, ClaimKind, Relation, RelationKind

_SPECIAL = re.compile(r"([\\\[\]<>#*_{}])")
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_NEEDS_ESCAPE = re.compile(r"[\\\[\]<>#*_{}/:]")
_TAG_MARKUP = re.compile(r"[\\\[\]<>#*_{}()]")  # what a `#(tag)` cannot hold as itself
_TAG_WORD = re.compile(r"[a-zA-Z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+")
# A title Argdown reads back as written: its lexer takes `[...]` and `<...>` whole, so only
# its own brackets (and the line break) end it; `#`, `*`, `_`, `{`, `//` inside it are its
# own (a statement's title keeps out `[` too, an argument's `<`: see parse._SCAN)
_SAFE_TITLE = re.compile(r"[^\[\]\n]+")
_SAFE_ARGUMENT_TITLE = re.compile(r"[^<>\n]+")
_UNTITLED_ID = re.compile(r"untitled-([1-9][0-9]*)")
# The note the reader leaves when Argdown has a second relation between the same two claims
# (argmap holds one per pair and kind): written back as that relation's own line.
_ALSO = re.compile("^" + re.escape(ALSO_NOTE).replace(r"\{\}", r"(\w+)") + "$", re.M)
_OP = {"support": "+", "attack": "-", CONTRADICTS: "><"}
_REPEAT = re.compile(re.escape(REPEAT_PREFIX) + r"([1-9][0-9]*)\) again: (\S+)")


def escape(text: str) -> str:
    """Text Argdown reads back as itself (markup characters escaped, lines joined; the
    first character of a shortcode escaped, so that `.A.` stays `.A.` and is not read as
    ∀; `@include(` broken, which Argdown's CLI would take for a file to insert)."""
    s = text.replace("\n", " ")
    dots = DOT_CODE_AT.search(s) is not None if "." in s else False
    if _NEEDS_ESCAPE.search(s) is None and not dots and "@include(" not in s:
        return s  # most texts: plain words
    hold = ""
    if dots:  # `.` of `.A.` as a character the steps below leave alone, escaped at the end
        hold = next(c for c in map(chr, range(0xE000, 0xF900)) if c not in s)
        s = DOT_CODE_AT.sub(hold, s)
    s = _SPECIAL.sub(r"\\\1", s)
    s = re.sub(r"/(?=[/*])", r"\\/", s)
    s = re.sub(r":(?=\S+?:)", r"\\:", s)
    s = s.replace("@include(", "@include\\(")
    return s.replace(hold, "\\.") if hold else s


_COMMENT_OPENER = re.compile(r"/(?=[/*])|<(?=!--)")


def _flow(value: Any) -> str:
    """JSON (a YAML flow mapping) that Argdown's `{...}` token and front matter take whole."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    text = json.dumps(value, ensure_ascii=False)
    # YAML takes no raw DEL, C1 controls or U+FFFE/U+FFFF, and reads NEL, U+2028 and U+2029
    # as line breaks (folded to spaces in a quoted string): written as escapes
    text = _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    text = text.replace("{", "\\u007b").replace("}", "\\u007d").replace("=", "\\u003d")
    # Comment openers (//, /*, <!--) inside a string would end the line for Argdown's lexer
    # and cut the metadata short: their first character is written as an escape.
    text = text.replace("@include(", "@include\\u0028")  # Argdown's CLI would insert a file
    return _COMMENT_OPENER.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _without_defaults(d: dict[str, Any], default: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if default.get(k, object()) != v}


class Writer:
    def __init__(self, m: ArgumentMap):
        self.m = m
        self.titles: dict[str, str] = {}
        self.extra: dict[str, dict[str, Any]] = {c: {} for c in m.claims}
        self.incoming: dict[str, list[str]] = {c: [] for c in m.claims}  # lines under a claim
        self.pcs: dict[str, tuple[list[str], Relation]] = {}  # argument -> premises, inference
        # argument -> intermediary conclusion -> the relations of the step into it
        self.steps: dict[str, dict[str, list[Relation]]] = {}
        self.wrapped: dict[str, str] = {}  # relation id -> title of the argument wrapping it
        self.blocks_after: dict[str, list[str]] = {}

    # -- names

    def _assign_titles(self) -> None:
        seen: set[tuple[bool, str]] = set()
        for cid in sorted(self.m.claims):
            c = self.m.claims[cid]
            is_arg = c.kind is ClaimKind.ARGUMENT
            title = c.title
            safe = _SAFE_ARGUMENT_TITLE if is_arg else _SAFE_TITLE
            ok = bool(title) and safe.fullmatch(title) and title.strip() == title
            ok = ok and title.isprintable() and "  " not in title  # read back as written
            ok = ok and not title.startswith("-") and (is_arg, title) not in seen
            ok = ok and "@include(" not in title  # Argdown's CLI would insert a file
            if not ok:
                # an untitled statement or argument read from Argdown keeps the name Argdown
                # gave it (`Untitled 4`, one count for both)
                auto = _UNTITLED_ID.fullmatch(cid) if not c.title else None
                title = f"Untitled {auto.group(1)}" if auto else cid
                n = 1
                while (is_arg, title) in seen:
                    n += 1
                    title = f"{cid}-{n}"
                if c.title:
                    self.extra[cid]["title"] = c.title
                else:
                    self.extra[cid]["untitled"] = True
            seen.add((is_arg, title))
            self.titles[cid] = title
            if slug(title) != cid:
                self.extra[cid]["id"] = cid

    def ref(self, cid: str) -> str:
        t = self.titles[cid]
        return f"<{t}>" if self.m.claims[cid].kind is ClaimKind.ARGUMENT else f"[{t}]"

    # -- relations

    def _relation_data(self, r: Relation, derived_id: str, **implied: Any) -> None:
        from argmap.io.native import relation_to_dict

        d = relation_to_dict(r)
        default = relation_to_dict(Relation(r.id, r.source, r.target, r.kind))
        default.update(implied)
        keep = _without_defaults(d, default)
        for k in ("source", "target", "kind"):
            keep.pop(k, None)
        if r.id != derived_id:
            keep["id"] = r.id
        elif "id" in keep:
            del keep["id"]
        if keep:
            rel = self.extra[r.target].setdefault("relations", {})
            rel[f"{r.source} {r.kind.value}"] = keep

    def _reconstructed(self) -> None:
        """Arguments whose premises are linked into them and that support one claim."""
        m = self.m
        for cid, c in m.claims.items():
            if c.kind is not ClaimKind.ARGUMENT:
                continue
            out = [
                r
                for r in m.relations_out_of(cid)
                if r.kind is RelationKind.SUPPORT
                and r.target in m.claims
                and m.claims[r.target].kind is not ClaimKind.ARGUMENT
            ]
            premises = [
                r
                for r in m.relations_into(cid)
                if r.kind is RelationKind.SUPPORT
                and r.link == cid
                and m.claims[r.source].kind is not ClaimKind.ARGUMENT
            ]
            if len(out) > 1:  # also other supports (Argdown left them on the argument)
                out = [r for r in out if r.id == f"{cid}.inference"] or out
            if len(out) == 1 and premises:
                self.pcs[cid] = ([r.id for r in sorted(premises, key=_natural)], out[0])
        self._steps()

    def _steps(self) -> None:
        """Earlier inference steps of multi-step arguments: linked supports `<arg>.s<j>` into
        a statement, written inside the argument's PCS before that statement."""
        m = self.m
        groups: dict[str, list[Relation]] = {}
        for r in m.relations.values():
            if r.link and r.kind is RelationKind.SUPPORT:
                arg, sep, number = r.link.rpartition(".s")
                if sep and number.isdigit() and arg in self.pcs:
                    groups.setdefault(r.link, []).append(r)
        for link, rels in groups.items():
            arg = link.rpartition(".s")[0]
            target = rels[0].target
            plain = all(
                r.target == target
                and target in m.claims
                and m.claims[r.source].kind is not ClaimKind.ARGUMENT
                for r in rels
            )
            if plain and m.claims[target].kind is not ClaimKind.ARGUMENT:
                taken = self.steps.setdefault(arg, {})
                if target not in taken:
                    taken[target] = sorted(rels, key=_natural)
        # only steps that lead into the argument's premises are written in its PCS
        for arg, by_target in list(self.steps.items()):
            reach, stack = set(), [m.relations[rid].source for rid in self.pcs[arg][0]]
            while stack:
                cid = stack.pop()
                if cid in by_target and cid not in reach:
                    reach.add(cid)
                    stack.extend(r.source for r in by_target[cid])
            self.steps[arg] = {t: rels for t, rels in by_target.items() if t in reach}

    def _walk_pcs(self, arg: str) -> list[tuple[str, str]]:
        """The PCS of an argument in order: ("statement", claim id) and ("inference", label)
        items, every step's premises before its conclusion (iterative: chains can be long)."""
        m = self.m
        premises, inference = self.pcs[arg]
        steps = self.steps.get(arg, {})
        items: list[tuple[str, str]] = []
        expanded: set[str] = set()
        todo = [("premise", m.relations[r].source) for r in reversed(premises)]
        while todo:
            what, value = todo.pop()
            if what == "premise" and value in steps and value not in expanded:
                expanded.add(value)
                rels = steps[value]
                label = next((r.label for r in rels if r.label), "")
                todo += [("statement", value), ("inference", label)]
                todo += [("premise", r.source) for r in reversed(rels)]
            else:
                items.append(("statement" if what == "premise" else what, value))
        return [*items, ("inference", inference.label), ("statement", inference.target)]

    def _step_order(self, arg: str) -> list[list[Relation]]:
        """The steps of an argument in the order its PCS shows their conclusions (the order
        the reader numbers them `.s1`, `.s2` ...)."""
        steps = self.steps.get(arg, {})
        walk = self._walk_pcs(arg)  # its last two items are the argument's own inference
        concluded = [walk[i + 1][1] for i, (k, _) in enumerate(walk[:-2]) if k == "inference"]
        return [steps[c] for c in concluded if c in steps]

    def _pcs_lines(self, arg: str, repeats: dict[int, str] | None = None) -> list[str]:
        """The PCS of an argument; `repeats`: premises its Argdown named twice, by number."""
        lines: list[str] = []
        n = 0
        for what, value in self._walk_pcs(arg):
            if what == "inference":
                while repeats and n + 1 in repeats:  # a repeat just before the line
                    n += 1
                    lines.append(f"({n}) {self.ref(repeats.pop(n))}")
                lines.append(_inference_line(value))
                continue
            n += 1
            while repeats and n in repeats:
                lines.append(f"({n}) {self.ref(repeats.pop(n))}")
                n += 1
            lines.append(f"({n}) {self.ref(value)}")
        return lines

    def _relations(self) -> None:
        m = self.m
        done: set[str] = set()
        pcs_relations = {rid for p, inf in self.pcs.values() for rid in (*p, inf.id)}
        for arg, (premises, inference) in self.pcs.items():
            for n, rid in enumerate(premises, 1):
                self._relation_data(m.relations[rid], f"{arg}.p{n}", link=arg)
            self._relation_data(inference, f"{arg}.inference", label=inference.label)
        for arg in self.steps:
            for j, rels in enumerate(self._step_order(arg), 1):
                label = next((r.label for r in rels if r.label), "")
                for n, r in enumerate(rels, 1):
                    derived = f"{arg}.s{j}.p{n}"
                    pcs_relations.add(r.id)
                    self._relation_data(
                        r, derived, link=f"{arg}.s{j}", label=label if n == 1 else ""
                    )
        inference_of = {inf.id: arg for arg, (_, inf) in self.pcs.items()}
        for r in m.relations.values():  # undercut relations are written as arguments
            if r.target in m.relations and r.target not in inference_of:
                target = m.relations[r.target]
                if self._wrappable(target):
                    self._wrap(target)
        for rid in sorted(m.relations):
            r = m.relations[rid]
            if rid in pcs_relations or rid in done:
                continue
            src = self.ref(r.source)
            if r.target in m.relations:  # an undercut
                target = m.relations[r.target]
                if target.target in m.relations or (
                    r.target not in inference_of and not self._wrappable(target)
                ):
                    self._not_argdown(r)
                    continue
                if r.target in inference_of:
                    holder = inference_of[r.target]
                else:
                    holder = self._wrap(target)
                self._relation_data_on(holder, r, f"{r.source}.undercuts.{r.target}")
                self.incoming[holder].append(f"_ {src}")
                continue
            if r.kind is RelationKind.ATTACK and r.label == CONTRADICTS:
                back = next(
                    (
                        x
                        for x in m.relations_out_of(r.target)
                        if x.target == r.source
                        and x.kind is RelationKind.ATTACK
                        and x.label == CONTRADICTS
                    ),
                    None,
                )
                if back is not None and self._both_statements(r) and back.id not in done:
                    done.update((rid, back.id))
                    self._relation_data(r, f"{r.source}.contradicts.{r.target}", label=CONTRADICTS)
                    self._relation_data(
                        back, f"{r.target}.contradicts.{r.source}", label=CONTRADICTS
                    )
                    self.incoming[r.target].append(f">< {src}")
                    self._also(r)
                    if back.id != r.id:
                        self._also(back)
                    continue
            if rid in self.wrapped:
                continue
            if r.kind is RelationKind.ATTACK and r.label == UNDERCUT_LABEL:
                self._relation_data(r, f"{r.source}.undercuts.{r.target}", label=UNDERCUT_LABEL)
                self._undercut_line(r)
                self._also(r)
                continue
            op = "+" if r.kind is RelationKind.SUPPORT else "-"
            self._relation_data(r, f"{r.source}.{r.kind.value}s.{r.target}")
            self.incoming[r.target].append(f"{op} {src}")
            self._also(r)

    def _not_argdown(self, r: Relation) -> None:
        """An undercut Argdown has no form for (of an undercut, or of a relation with an
        argument at an end: a PCS holds statements only): the whole relation rides in the
        undercutting claim's metadata, and a comment says so to a reader of the file."""
        from argmap.io.native import relation_to_dict

        plain = relation_to_dict(Relation(r.id, r.source, r.target, r.kind))
        d = {
            "id": r.id,
            "target": r.target,
            "kind": r.kind.value,
            **_without_defaults(relation_to_dict(r), plain),
        }
        self.extra[r.source].setdefault("not_argdown", []).append(d)
        self.incoming[r.source].append(
            f"// argmap: {r.id} undercuts {r.target} (no Argdown form; kept in the metadata)"
        )

    def _undercut_line(self, r: Relation) -> None:
        """An undercut between two claims. Below an argument `_ <A>`; for a statement the line
        goes below the undercutting claim (`_> [T]`): Argdown aims `_ X` below a statement at
        the last inference line read before it, if there is one anywhere above."""
        if self.m.claims[r.target].kind is ClaimKind.ARGUMENT:
            self.incoming[r.target].append(f"_ {self.ref(r.source)}")
        else:
            self.incoming[r.source].append(f"_> {self.ref(r.target)}")

    def _also(self, r: Relation) -> None:
        """Argdown's other relations between the same two claims, noted by the reader."""
        for label in _ALSO.findall(r.notes):
            if label == UNDERCUT_LABEL:
                self._undercut_line(r)
            elif label in _OP and (label != CONTRADICTS or self._both_statements(r)):
                self.incoming[r.target].append(f"{_OP[label]} {self.ref(r.source)}")

    def _both_statements(self, r: Relation) -> bool:
        claims = self.m.claims
        return all(claims[x].kind is not ClaimKind.ARGUMENT for x in (r.source, r.target))

    def _relation_data_on(self, holder: str, r: Relation, derived: str) -> None:
        """An undercut's own fields, kept on the claim that undercuts (its target is no claim)."""
        from argmap.io.native import relation_to_dict

        d = _without_defaults(
            relation_to_dict(r), relation_to_dict(Relation(r.id, r.source, r.target, r.kind))
        )
        for k in ("source", "target", "kind"):
            d.pop(k, None)
        if r.id != derived:
            d["id"] = r.id
        d.pop("id", None) if r.id == derived else None
        if d:
            self.extra[r.source].setdefault("undercuts", {})[r.target] = d

    def _wrappable(self, r: Relation) -> bool:
        """Whether a relation can stand as a one-premise argument (its ends two statements),
        so that an undercut of it can be written."""
        claims = self.m.claims
        return all(
            e in claims and claims[e].kind is not ClaimKind.ARGUMENT for e in (r.source, r.target)
        )

    def _wrap(self, r: Relation) -> str:
        """An argument standing for a plain relation, so an undercut has an inference to hit."""
        if r.id in self.wrapped:
            return self.wrapped[r.id]
        from argmap.io.native import relation_to_dict

        title = f"{r.id} (relation)"
        key = "\x00" + r.id
        self.wrapped[r.id] = key
        self.titles[key] = title
        reason = _without_defaults(
            relation_to_dict(r), relation_to_dict(Relation(r.id, r.source, r.target))
        )
        for k in ("source", "target"):
            reason.pop(k, None)
        reason["id"] = r.id
        self.extra[key] = {"reason": reason}
        self.incoming[key] = []
        self.blocks_after[key] = [
            f"(1) {self.ref(r.source)}",
            "----",
            f"(2) {self.ref(r.target)}",
        ]
        return key

    # -- claims

    def _claim_data(self, c: Claim) -> dict[str, Any]:
        from argmap.io.native import claim_to_dict

        d = claim_to_dict(c)
        default = dict(_claim_template())  # claim_to_dict of a claim with only these fields
        default.update(id=c.id, text=c.text, kind=c.kind.value, tags=list(c.tags))
        if c.title:
            default["title"] = c.title
        default["kind"] = "argument" if c.kind is ClaimKind.ARGUMENT else "claim"
        keep = _without_defaults(d, default)
        for k in ("id", "text", "title", "tags", "x", "y"):
            keep.pop(k, None)
        if not c.text.isprintable() or plain_text(escape(c.text)) != c.text:
            keep["text"] = c.text
        if not all(map(_inline_tag, c.tags)):
            keep["tags"] = list(c.tags)
        keep.update(self.extra.get(c.id, {}))
        return keep

    def _tags(self, tags: tuple[str, ...] | list[str]) -> str:
        out = []
        for t in tags:
            if not _inline_tag(t):
                continue  # kept in argmap's metadata only
            out.append(_tag(t))
        return " ".join(out)

    def _block(self, key: str, in_group: bool = False) -> list[str]:
        m = self.m
        if key.startswith("\x00"):
            head = f"<{self.titles[key]}> {{argmap: {_flow(self.extra[key])}}}"
            lines = [head, *(f"  {x}" for x in self.incoming[key])]
            return [*lines, "", *self.blocks_after[key]]
        c = m.claims[key]
        lines, own, notes = self._member_definitions(key, c)
        if lines:
            c = replace(c, notes=notes)
        argdown_data, notes = _argdown_data(c.notes)
        if argdown_data:
            c = replace(c, notes=notes)
        repeats, notes = _repeated_premises(c.notes, m) if key in self.pcs else ({}, c.notes)
        if repeats:
            c = replace(c, notes=notes)
        text, after = self._definition_text(c, list(c.tags) if own is None else own)
        # without a text: the reference form, which Argdown reads as a member with no text
        parts = [f"{self.ref(key)}:", text] if text else [self.ref(key)]
        tags = self._tags(after)
        if tags:
            parts.append(tags)
        data = self._claim_data(c)
        # a claim without text is written as a reference, which takes its heading's group
        # only when it says so (Argdown's isInGroup)
        meta = [f"argmap: {_flow(data)}"] if data else []
        if in_group and not text:
            meta.insert(0, "isInGroup: true")
        # the file's own `{...}` data (the reader's `argdown data:` line), as Argdown had it
        meta[:0] = [f"{_flow(str(k))}: {_flow(v)}" for k, v in argdown_data.items()]
        if meta:
            parts.append("{" + ", ".join(meta) + "}")
        lines.append(" ".join(p for p in parts if p))
        lines.extend(f"  {x}" for x in self.incoming[key])
        if key in self.pcs:
            lines.append("")
            lines.extend(self._pcs_lines(key, repeats))
        return lines

    def _definition_text(self, c: Claim, own: list[str]) -> tuple[str, list[str]]:
        """The text of a claim's own definition as written, and the tags to write after it.
        A tag of the claim that stands inside its text (`a #tag in it`, as the reader keeps
        it) is written there as a tag, when reading the definition back gives the same text
        and tags in the same order; otherwise the text is escaped whole and every tag goes
        after it."""
        text = c.text.strip()
        if "#" in text and own:
            inline = [m.group(2) or m.group(3) for m in tag_tokens(text)]
            after = [t for t in own if t not in inline]
            if inline and all(t in own and _inline_tag(t) for t in inline):
                written = _escape_keeping_tags(text)
                line = " ".join(x for x in (written, *map(_tag, after)) if x)
                back = parse(f"{self._open(c)}x{self._close(c)}: {line}\n")
                node = back.statements.get("x") or back.arguments.get("x")
                if node is not None and node.text == text and node.members[0].tags == own:
                    return written, after
        return escape(text), own

    @staticmethod
    def _open(c: Claim) -> str:
        return "<" if c.kind is ClaimKind.ARGUMENT else "["

    @staticmethod
    def _close(c: Claim) -> str:
        return ">" if c.kind is ClaimKind.ARGUMENT else "]"

    def _member_definitions(self, key: str, c: Claim) -> tuple[list[str], list[str] | None, str]:
        """Argdown's other definitions of a statement or argument (the reader's `argdown
        text:` lines at the end of its notes), written before its own: the lines, the tags of
        the claim's own definition (the `argdown tags:` line after them, else the claim's
        tags less the others' ones) and the notes without those lines. Only when reading them
        back gives the same claim (same member texts, same tags in the same order); otherwise
        (None) they stay in the notes as they are."""
        members, own, notes = _member_lines(c.notes)
        if not members or not c.text.strip():
            return [], None, c.notes
        lines: list[str] = []
        tags_seen: list[str] = []
        for member in members:
            if not member or member != " ".join(member.split()):
                return [], None, c.notes  # the reader keeps members non-empty, one-spaced
            written = _escape_keeping_tags(member)  # its tags where they stand
            back = parse(f"{self._open(c)}x{self._close(c)}: {written}\n")
            node = back.statements.get("x") or back.arguments.get("x")
            if node is None or [m.argdown_text for m in node.members] != [member]:
                return [], None, c.notes
            lines += [f"{self.ref(key)}: {written}", ""]
            tags_seen += [t for t in node.members[0].tags if t not in tags_seen]
        if own is None:
            own = [t for t in c.tags if t not in tags_seen]
        order = tags_seen + [t for t in own if t not in tags_seen]
        if order != list(c.tags):
            return [], None, c.notes
        return lines, own, notes

    # -- the file

    def dumps(self) -> str:
        m = self.m
        self._assign_titles()
        self._reconstructed()
        self._relations()
        out: list[str] = []
        fm = self._front_matter()
        if fm:
            out += ["===", fm, "===", ""]
        first_group: dict[str, str] = {}
        for gid in sorted(m.groups):
            for cid in m.groups[gid].claims:
                if cid in first_group:
                    self.extra[cid].setdefault("groups", []).append(gid)
                else:
                    first_group[cid] = gid
        keys = sorted(m.claims) + sorted(self.wrapped.values())
        ungrouped = [k for k in keys if first_group.get(k) is None]
        for k in ungrouped:
            out += [*self._block(k), ""]
        for gid in sorted(m.groups):
            g = m.groups[gid]
            meta: dict[str, Any] = {"id": gid}
            if any(first_group[k] != gid for k in g.claims):  # members written elsewhere too
                meta["claims"] = list(g.claims)
            if g.collapsed:
                meta["collapsed"] = True
            label = (
                escape(g.label)
                if g.label.strip()
                and g.label.isprintable()
                and plain_text(escape(g.label)) == g.label
                else ""
            )
            if not label:
                meta["label"] = g.label
            out += [f"# {label or gid} {{argmap: {_flow(meta)}}}", ""]
            for k in g.claims:
                if first_group.get(k) == gid:
                    out += [*self._block(k, in_group=True), ""]
        return "\n".join(out).rstrip("\n") + "\n"

    def _front_matter(self) -> str:
        from argmap.io.native import to_dict

        info = to_dict(ArgumentMap(self.m.info))  # the map's own fields (not its claims)
        if self.m.views:
            from argmap.io.native import view_to_dict

            info["views"] = [view_to_dict(self.m.views[k]) for k in sorted(self.m.views)]
        for k in ("format", "version", "claims", "relations", "groups"):
            info.pop(k, None)
        info = {k: v for k, v in info.items() if v not in ("", [], None)}
        if not info:
            return ""
        head: dict[str, Any] = _argdown_settings(self.m.info.description)
        if self.m.info.title:
            head["title"] = self.m.info.title
        if self.m.info.authors:
            head["author"] = ", ".join(self.m.info.authors)
        head["argmap"] = info
        return _flow(head)


def _argdown_settings(description: str) -> dict[str, Any]:
    """The front matter keys of the Argdown file a map was read from (the reader keeps them
    as an `argdown front matter:` line of the description), written back so that Argdown
    reads the rewrite with the same settings (`model: {mode: strict}`, colours, ...). Not
    `group.regroup`: the reader made its sections the map's groups, written as headings."""
    out: dict[str, Any] = {}
    for line in description.split("\n"):
        if line.startswith(FRONT_MATTER_PREFIX):
            try:
                data = json.loads(line[len(FRONT_MATTER_PREFIX) :])
            except ValueError:
                continue
            if isinstance(data, dict):
                out.update(data)
    group = out.get("group")
    if isinstance(group, dict) and "regroup" in group:
        group = {k: v for k, v in group.items() if k != "regroup"}
        if group:
            out["group"] = group
        else:
            del out["group"]
    for k in ("title", "author", "authors", "argmap"):
        out.pop(k, None)
    return out


@cache
def _claim_template() -> dict[str, Any]:
    from argmap.io.native import claim_to_dict

    return claim_to_dict(Claim("x", ""))


def _inline_tag(tag: str) -> bool:
    """Whether `#tag` / `#(tag)` reads back as this very tag (else the tags also go into
    argmap's metadata): printable, no markup or ")", no spaces at the ends or doubled."""
    plain = tag.isprintable() and tag.strip() == tag and "  " not in tag
    if not tag or not plain:
        return False
    return _TAG_WORD.fullmatch(tag) is not None or _TAG_MARKUP.search(tag) is None


def _natural(r: Relation) -> tuple:
    """Relation ids in number order (`a.p2` before `a.p10`)."""
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", r.id))


def _inference_line(label: str) -> str:
    """`-- rules --` when the label reads back as the same rules, else `----`."""
    rules = [escape(x.strip()) for x in label.split(",") if x.strip()]
    if rules and ", ".join(plain_text(r) for r in rules) == label:
        return f"-- {', '.join(rules)} --"
    return "----"


def dumps(m: ArgumentMap) -> str:
    return Writer(m).dumps()


def _member_lines(notes: str) -> tuple[list[str], list[str] | None, str]:
    """A claim's notes split into Argdown's other member texts (the `MEMBER_PREFIX` lines at
    their end, where the reader puts them), the tags of the claim's own definition (the
    `MEMBER_TAGS_PREFIX` line after them, if any) and the notes before them."""
    if MEMBER_PREFIX not in notes:
        return [], None, notes
    lines = notes.split("\n")
    own = None
    if lines[-1].startswith(MEMBER_TAGS_PREFIX.rstrip()):
        own = split_tags(lines[-1][len(MEMBER_TAGS_PREFIX.rstrip()) :])[0]
        lines = lines[:-1]
    k = len(lines)
    while k > 0 and lines[k - 1].startswith(MEMBER_PREFIX):
        k -= 1
    if k == len(lines):
        return [], None, notes
    return [line[len(MEMBER_PREFIX) :] for line in lines[k:]], own, "\n".join(lines[:k])


def _repeated_premises(notes: str, m: ArgumentMap) -> tuple[dict[int, str], str]:
    """The premises an argument's Argdown PCS named again (the reader's `argdown premise (n)
    again:` lines, last in its notes once the member and data lines are taken off), by
    number, and the notes without them; nothing unless every line names a claim of the map."""
    if REPEAT_PREFIX not in notes:
        return {}, notes
    lines = notes.split("\n")
    repeats: dict[int, str] = {}
    while lines and (found := _REPEAT.fullmatch(lines[-1])) is not None:
        number, cid = int(found.group(1)), found.group(2)
        if cid not in m.claims or number in repeats:
            return {}, notes
        repeats[number] = cid
        lines.pop()
    return (repeats, "\n".join(lines)) if repeats else ({}, notes)


def _argdown_data(notes: str) -> tuple[dict[str, Any], str]:
    """The `{...}` data of the Argdown file a claim was read from (the reader's `argdown
    data:` line, last in the notes once the member lines are taken off) and the notes without
    it; nothing when the line is not exactly what the reader writes for that data."""
    if DATA_PREFIX not in notes:
        return {}, notes
    before, _, line = notes.rpartition("\n")
    if not line.startswith(DATA_PREFIX):
        return {}, notes
    try:
        data = json.loads(line[len(DATA_PREFIX) :])
    except ValueError:
        return {}, notes
    if not isinstance(data, dict) or "argmap" in data or data_line(data) != line:
        return {}, notes
    return data, before


def _escape_keeping_tags(text: str) -> str:
    """Argdown text of `text` with its `#tag`s kept as tags where they stand and everything
    else escaped."""
    out: list[str] = []
    pos = 0
    for m in tag_tokens(text):
        out += [escape(text[pos : m.start()]), m.group()]
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


_tag = tag_text

