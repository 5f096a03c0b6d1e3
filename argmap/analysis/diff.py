"""What changed between two maps: claims and relations added, removed and changed, by field.

`diff_maps(old, new)` returns plain data (`MapDiff`) that the command line prints
(`format_diff`, with word diffs of texts in the style of `git diff --word-diff`), prints as JSON
(`MapDiff.to_json`), and that the app's "Compare with…" view can colour a canvas by.
`edits_between(old, new)` turns a difference into the model's own edit operations, so a merge
or a comparison can be applied to an open document as one undoable step. `outline(m)` is the
stable, line-per-field text that git's `textconv` diffs.

>>> from argmap.model import ArgumentMap, Claim
>>> a = ArgumentMap(); a.add_claim(Claim("c1", "Talks resume in May"))
>>> b = a.copy(); _ = b.replace_claim(Claim("c1", "Talks resume in June"))
>>> d = diff_maps(a, b)
>>> d.to_json()["claims"]["changed"]
{'c1': ['text']}
>>> word_diff("Talks resume in May", "Talks resume in June")
'Talks resume in [-May-]{+June+}'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from argmap.model.edits import (
    AddClaim,
    AddGroup,
    AddRelation,
    AddView,
    Composite,
    Edit,
    RemoveClaim,
    RemoveGroup,
    RemoveRelation,
    RemoveView,
    SetInfo,
    UpdateClaim,
    UpdateGroup,
    UpdateRelation,
    UpdateView,
)
from argmap.model.grading import grade_code
from argmap.model.map import ArgumentMap
from argmap.model.types import (
    Anchor,
    Claim,
    Comment,
    Group,
    QuestionAnswer,
    Relation,
    Review,
    View,
)

# Fields that only say where a card is drawn; `ignore_layout` leaves them out.
LAYOUT_FIELDS = frozenset({"x", "y"})


@dataclass(frozen=True)
class Change:
    """One item present on both sides whose value differs in `fields`."""

    id: str
    fields: tuple[str, ...]
    old: Any
    new: Any


@dataclass(frozen=True)
class SectionDiff:
    """The difference in one kind of item (claims, relations, groups or saved views)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[Change, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def changed_ids(self) -> dict[str, tuple[str, ...]]:
        return {c.id: c.fields for c in self.changed}

    def to_json(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": {c.id: list(c.fields) for c in self.changed},
        }


@dataclass(frozen=True)
class MapDiff:
    """Everything that differs between two maps; empty (falsy) when they are equal."""

    claims: SectionDiff
    relations: SectionDiff
    groups: SectionDiff
    info: tuple[str, ...] = ()
    views: SectionDiff = field(default_factory=SectionDiff)
    old: ArgumentMap | None = field(default=None, compare=False, repr=False)
    new: ArgumentMap | None = field(default=None, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.claims or self.relations or self.groups or self.info or self.views)

    @property
    def is_empty(self) -> bool:
        return not self

    def to_json(self) -> dict[str, Any]:
        """`{"claims": {"added", "removed", "changed": {id: [field]}}, "relations": …}`."""
        return {
            "equal": not self,
            "claims": self.claims.to_json(),
            "relations": self.relations.to_json(),
            "groups": self.groups.to_json(),
            "views": self.views.to_json(),
            "info": list(self.info),
        }


def _field_diff(old: Any, new: Any, ignore: frozenset[str]) -> tuple[str, ...]:
    return tuple(
        f.name
        for f in fields(old)
        if f.name not in ignore and getattr(old, f.name) != getattr(new, f.name)
    )


def _section(old: Mapping[str, Any], new: Mapping[str, Any], ignore: frozenset[str]) -> SectionDiff:
    changed = []
    for key in sorted(old.keys() & new.keys()):
        a, b = old[key], new[key]
        if a != b:
            names = _field_diff(a, b, ignore)
            if names:
                changed.append(Change(key, names, a, b))
    return SectionDiff(
        added=tuple(sorted(new.keys() - old.keys())),
        removed=tuple(sorted(old.keys() - new.keys())),
        changed=tuple(changed),
    )


def diff_maps(old: ArgumentMap, new: ArgumentMap, ignore_layout: bool = False) -> MapDiff:
    """Claims, relations and groups added, removed and changed from `old` to `new`.

    With `ignore_layout`, a claim that only moved counts as unchanged.
    """
    ignore = LAYOUT_FIELDS if ignore_layout else frozenset()
    return MapDiff(
        claims=_section(old.claims, new.claims, ignore),
        relations=_section(old.relations, new.relations, frozenset()),
        groups=_section(old.groups, new.groups, frozenset()),
        info=_field_diff(old.info, new.info, frozenset()),
        views=_section(old.views, new.views, frozenset()),
        old=old,
        new=new,
    )


# -- text -----------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> str:
    """`old` → `new` as one text with `[-removed-]` and `{+added+}` words (git's word diff)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(a[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + "".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + "".join(b[j1:j2]) + "+}")
    return "".join(out)


def _short(text: str, width: int = 60) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def _quote(text: str) -> str:
    return '"' + _short(text) + '"'


def _indent(text: str, prefix: str) -> str:
    return text.replace("\n", "\n" + prefix)


def _review_text(r: Review | None) -> str:
    if r is None:
        return "none"
    who = f" by {r.by}" if r.by else ""
    when = f" at {r.at}" if r.at else ""
    return f"{r.status.value}{who}{when}"


def _comment_lines(old: tuple[Comment, ...], new: tuple[Comment, ...], pad: str) -> list[str]:
    """Comments added, removed and changed (matched by id), one line each."""
    a = {c.id: c for c in old}
    b = {c.id: c for c in new}
    lines = []
    for cid, c in b.items():
        if cid not in a:
            lines.append(f"{pad}+ comment {cid} by {c.author or '?'}: {_quote(c.text)}")
    for cid, c in a.items():
        if cid not in b:
            lines.append(f"{pad}- comment {cid} by {c.author or '?'}: {_quote(c.text)}")
    for cid in a.keys() & b.keys():
        x, y = a[cid], b[cid]
        if x == y:
            continue
        what = []
        if x.text != y.text:
            what.append("text: " + _indent(word_diff(x.text, y.text), pad + "    "))
        if x.resolved != y.resolved:
            what.append("resolved" if y.resolved else "reopened")
        if x.replies != y.replies:
            what.append(f"replies {len(x.replies)} → {len(y.replies)}")
        others = [n for n in ("author", "time") if getattr(x, n) != getattr(y, n)]
        what.extend(f"{n} changed" for n in others)
        lines.append(f"{pad}~ comment {cid}: " + "; ".join(what))
    return sorted(lines, key=lambda s: s.split(" comment ", 1)[1])


def _answer_text(a: QuestionAnswer | None) -> str:
    if a is None:
        return "open"
    text = a.state.value + (f" ({_quote(a.note)})" if a.note else "")
    return text + (f", raised as {a.claim}" if a.claim else "")


def _question_lines(
    old: tuple[QuestionAnswer, ...], new: tuple[QuestionAnswer, ...], pad: str
) -> list[str]:
    """One line per critical question whose answer changed."""
    a = {x.id: x for x in old}
    b = {x.id: x for x in new}
    return [
        f"{pad}{qid}: {_answer_text(a.get(qid))} → {_answer_text(b.get(qid))}"
        for qid in sorted(a.keys() | b.keys())
        if a.get(qid) != b.get(qid)
    ]


def _set_change(old: Iterable[str], new: Iterable[str], quote: bool = False) -> str:
    """`+added -removed` members of two sequences, or "reordered" when only the order moved."""
    a, b = list(old), list(new)
    show = repr if quote else str
    parts = [f"+{show(t)}" for t in b if t not in a] + [f"-{show(t)}" for t in a if t not in b]
    return " ".join(parts) or "reordered"


def _value_lines(name: str, old: Any, new: Any, pad: str) -> list[str]:
    if name in ("text", "title", "notes", "holder", "label"):
        return [f"{pad}{name}: " + _indent(word_diff(old, new), pad + "  ")]
    if name == "tags":
        return [f"{pad}tags: {_set_change(old, new, quote=True)}"]
    if name == "comments":
        return [f"{pad}comments:", *_comment_lines(old, new, pad + "  ")]
    if name == "review":
        return [f"{pad}review: {_review_text(old)} → {_review_text(new)}"]
    if name == "questions":
        return [f"{pad}critical questions:", *_question_lines(old, new, pad + "  ")]
    if name == "claims":  # a group's members
        return [f"{pad}members: {_set_change(old, new)}"]
    if name == "collapsed" and isinstance(old, tuple):  # a view's collapsed claims
        return [f"{pad}collapsed: {_set_change(old, new)}"]
    if name == "extra":  # a newer argmap's view fields
        return [f"{pad}fields of a newer argmap: {_set_change(dict(old), dict(new))}"]
    if name == "anchors":
        return [f"{pad}anchors: {_set_change(map(_anchor_text, old), map(_anchor_text, new))}"]
    show = (lambda v: v.value) if hasattr(old, "value") else repr
    return [f"{pad}{name}: {show(old)} → {show(new)}"]


def _anchor_text(a: Anchor) -> str:
    """An anchor in one short word: `source[start:end]`."""
    return f"{a.source}[{a.start}:{a.end}]"


def _change_lines(change: Change, pad: str = "    ") -> list[str]:
    lines: list[str] = []
    names = list(change.fields)
    if "x" in names or "y" in names:
        o, n = change.old, change.new
        lines.append(f"{pad}position: ({o.x:g}, {o.y:g}) → ({n.x:g}, {n.y:g})")
        names = [f for f in names if f not in ("x", "y")]
    for name in names:
        lines.extend(_value_lines(name, getattr(change.old, name), getattr(change.new, name), pad))
    return lines


def _claim_head(c: Claim) -> str:
    return f"claim {c.id} [{c.kind.value}] {_quote(c.text)}"


def _relation_head(r: Relation, with_label: bool = True) -> str:
    link = f" (linked {r.link})" if r.link else ""
    label = f" {_quote(r.label)}" if r.label and with_label else ""
    return f"relation {r.id}: {r.source} -{r.kind.value}-> {r.target}{link}{label}"


def _group_head(g: Group) -> str:
    return f"group {g.id} {_quote(g.label)} ({len(g.claims)} claims)"


def _view_head(v: View) -> str:
    return f"view {v.id} {_quote(v.name)}"


def view_summary(v: View) -> str:
    """The settings of a view in one line: zoom, centre, focus, collapsed, evaluation."""
    parts = [f"zoom {v.zoom:g}" if v.zoom is not None else "zoom to fit"]
    if v.center is not None:
        parts.append(f"centre {v.center[0]:g}, {v.center[1]:g}")
    if v.focus is not None:
        parts.append(f"focus {v.focus} depth {v.depth}")
    if v.collapsed:
        parts.append("collapsed " + ", ".join(v.collapsed))
    if v.evaluation is not None:
        parts.append(f"evaluation {v.evaluation}")
    parts.extend(f"{k} {text}" for k, text in v.extra)
    return "; ".join(parts)


def format_diff(d: MapDiff, old_name: str = "old", new_name: str = "new") -> str:
    """A readable report of a difference; empty text when the maps are equal."""
    if not d or d.old is None or d.new is None:
        return ""
    old, new = d.old, d.new
    lines = [f"--- {old_name}", f"+++ {new_name}"]
    if d.info:
        lines.append("~ map")
        for name in d.info:
            a, b = getattr(old.info, name), getattr(new.info, name)
            if isinstance(a, str):
                lines.append(f"    {name}: " + _indent(word_diff(a, b), "      "))
            elif name == "sources":
                ids_a = {s.id: s for s in a}
                ids_b = {s.id: s for s in b}
                parts = [f"+{k}" for k in sorted(ids_b.keys() - ids_a.keys())]
                parts += [f"-{k}" for k in sorted(ids_a.keys() - ids_b.keys())]
                both = sorted(ids_a.keys() & ids_b.keys())
                parts += [f"~{k}" for k in both if ids_a[k] != ids_b[k]]
                lines.append("    sources: " + (" ".join(parts) or "reordered"))
            else:  # authors
                lines.append(f"    {name}: {_set_change(a, b)}")
    sections: Iterable[tuple[str, SectionDiff, Any, Any]] = (
        ("claims", d.claims, _claim_head, "claims"),
        ("relations", d.relations, _relation_head, "relations"),
        ("groups", d.groups, _group_head, "groups"),
        ("views", d.views, _view_head, "views"),
    )
    for title, section, head, attr in sections:
        if not section:
            continue
        lines.append(
            f"{title}: {len(section.added)} added, {len(section.removed)} removed, "
            f"{len(section.changed)} changed"
        )
        for key in section.added:
            lines.append("+ " + head(getattr(new, attr)[key]))
        for key in section.removed:
            lines.append("- " + head(getattr(old, attr)[key]))
        for change in section.changed:
            lines.append("~ " + head(change.new))
            lines.extend(_change_lines(change))
    return "\n".join(lines) + "\n"


# -- edits ----------------------------------------------------------------------------------


def _ends(r: Relation) -> tuple[str, str, str]:
    return (r.source, r.target, r.kind.value)


def edits_between(old: ArgumentMap, new: ArgumentMap) -> Composite:
    """The model edits that turn `old` into `new` (apply them to a copy of `old`).

    Order matters for the invariants: relations that go away or change their ends go first,
    then claims, groups and views are removed, claims are added and updated, relations are
    (re-)added in an order where every undercut follows its target, and groups, views and the
    map info come last (a removed claim leaves the views that named it, which are then set to
    their new value).
    """
    edits: list[Edit] = []
    # Ends or kind changed: remove now, add back later, so no intermediate state holds two
    # relations with the same source, target and kind.
    rebuilt = {
        rid
        for rid, r in old.relations.items()
        if rid in new.relations and _ends(r) != _ends(new.relations[rid])
    }
    gone = (old.relations.keys() - new.relations.keys()) | rebuilt
    # Removing a relation removes its undercuts too; track what is left to re-add what `new` keeps.
    present = set(old.relations)
    for rid in sorted(gone):
        if rid in present:
            edits.append(RemoveRelation(rid))
            present.discard(rid)
            stack = [rid]
            while stack:
                cur = stack.pop()
                for u in old.undercuts_of(cur):
                    if u.id in present:
                        present.discard(u.id)
                        stack.append(u.id)
    present_groups = set(old.groups)
    for gid in sorted(old.groups.keys() - new.groups.keys()):
        edits.append(RemoveGroup(gid))
        present_groups.discard(gid)
    present_views = set(old.views)
    for vid in sorted(old.views.keys() - new.views.keys()):
        edits.append(RemoveView(vid))
        present_views.discard(vid)
    for cid in sorted(old.claims.keys() - new.claims.keys()):
        edits.append(RemoveClaim(cid))  # also drops its relations and group memberships
        present -= {r.id for r in old.relations_of(cid)}
    for cid in sorted(new.claims):
        if cid not in old.claims:
            edits.append(AddClaim(new.claims[cid]))
        elif old.claims[cid] != new.claims[cid]:
            edits.append(UpdateClaim(new.claims[cid]))
    for r in new.relations_in_order():
        if r.id not in present:
            edits.append(AddRelation(r))
        elif old.relations[r.id] != r:
            edits.append(UpdateRelation(r))
    for gid in sorted(new.groups):
        g = new.groups[gid]
        if gid in present_groups:
            if old.groups[gid] != g:
                edits.append(UpdateGroup(g))
        else:
            edits.append(AddGroup(g))
    for vid in sorted(new.views):
        v = new.views[vid]
        if vid in present_views:
            if old.views[vid] != v:
                edits.append(UpdateView(v))
        else:
            edits.append(AddView(v))
    if old.info != new.info:
        edits.append(SetInfo(new.info))
    return Composite(tuple(edits), "apply differences")


# -- outline for git textconv ---------------------------------------------------------------


def _block(name: str, text: str, pad: str) -> list[str]:
    """A field as lines; a multi-line value continues on indented `|` lines."""
    first, *rest = text.split("\n")
    return [f"{pad}{name}: {first}", *(f"{pad}  | {line}" for line in rest)]


def _comment_outline(c: Comment, pad: str) -> list[str]:
    state = " (resolved)" if c.resolved else ""
    lines = _block(f"comment {c.id} by {c.author} at {c.time}{state}", c.text, pad)
    for reply in c.replies:
        lines.extend(_comment_outline(reply, pad + "  "))
    return lines


def outline(m: ArgumentMap) -> str:
    """A stable text of a map, one line per field, items sorted by id: what `git diff` shows.

    Sorted by id rather than drawn as a tree, so a change to one claim changes only its lines;
    the default values (empty notes, no source) are left out to keep the text short.
    """
    info = m.info
    lines = [f"# {info.title}" if info.title else "# (untitled map)"]
    if info.description:
        lines.extend(_block("description", info.description, ""))
    if info.authors:
        lines.append("authors: " + ", ".join(info.authors))
    for s in sorted(info.sources, key=lambda s: s.id):
        lines.append(f"source {s.id}: {s.title} / {s.author} / {s.date} / {s.url}".rstrip(" /"))
        if s.path:
            lines.append(f"  path: {s.path}")
        if s.sha256:
            stored = "stored" if s.text is not None else "reference only"
            lines.append(f"  text: sha256 {s.sha256[:12]}, {stored}")
    for cid in sorted(m.claims):
        c = m.claims[cid]
        lines.append("")
        lines.extend(_block(f"claim {c.id} [{c.kind.value}]", c.text, ""))
        if c.title:
            lines.append(f"  title: {c.title}")
        if c.holder:
            lines.append(f"  holder: {c.holder}")
        if c.tags:
            lines.append("  tags: " + ", ".join(c.tags))
        if c.notes:
            lines.extend(_block("notes", c.notes, "  "))
        if c.source is not None:
            where = f" ¶{c.source.paragraph}" if c.source.paragraph is not None else ""
            span = f" [{c.source.span[0]}:{c.source.span[1]}]" if c.source.span else ""
            lines.append(f"  source: {c.source.document}{where}{span}")
        for a in c.anchors:
            lines.append(f"  anchor: {_anchor_text(a)}")
        if c.base_score != 0.5:
            lines.append(f"  base score: {c.base_score:g}")
        if c.reliability or c.credibility:
            lines.append(f"  grade: {grade_code(c.reliability, c.credibility)}")
        if c.review is not None:
            lines.append(f"  review: {_review_text(c.review)}")
        for com in c.comments:
            lines.extend(_comment_outline(com, "  "))
        pin = " pinned" if c.pinned else ""
        folded = " collapsed" if c.collapsed else ""
        lines.append(f"  position: {c.x:g}, {c.y:g}{pin}{folded}")
    for rid in sorted(m.relations):
        r = m.relations[rid]
        lines.append("")
        lines.append(_relation_head(r, with_label=False))
        if r.label:
            lines.extend(_block("label", r.label, "  "))
        if r.notes:
            lines.extend(_block("notes", r.notes, "  "))
        for a in r.anchors:
            lines.append(f"  anchor: {_anchor_text(a)}")
        if r.scheme:
            lines.append(f"  scheme: {r.scheme}" + (f" (role {r.role})" if r.role else ""))
        for a in r.questions:
            lines.append(f"  question {a.id}: {_answer_text(a)}")
        if r.review is not None:
            lines.append(f"  review: {_review_text(r.review)}")
        for com in r.comments:
            lines.extend(_comment_outline(com, "  "))
    for gid in sorted(m.groups):
        g = m.groups[gid]
        lines.append("")
        folded = " (collapsed)" if g.collapsed else ""
        lines.append(f"group {g.id}{folded}: {g.label}")
        lines.append("  claims: " + ", ".join(g.claims))
    for vid in sorted(m.views):
        v = m.views[vid]
        lines.append("")
        lines.append(f"view {v.id}: {v.name}")
        lines.append("  " + view_summary(v))
    return "\n".join(lines) + "\n"


__all__ = [
    "LAYOUT_FIELDS",
    "Change",
    "MapDiff",
    "SectionDiff",
    "diff_maps",
    "edits_between",
    "format_diff",
    "outline",
    "view_summary",
    "word_diff",
]
