"""Three-way merge of maps, field by field, for `argmap merge BASE OURS THEIRS` and git.

Two people editing different claims, or different fields of one claim, merge cleanly. The rules
(also in docs/review.md):

- A field changed on one side only takes that side's value; changed the same way on both sides,
  that value. Positions (x, y together) never conflict: if ours moved the card, ours wins.
- Saved views merge by id: the camera (zoom and centre), the focus (claim and depth), the name
  and the evaluation each come from the side that changed them (ours when both did, a
  conflict); collapsed claims merge as a set; claims deleted in the merge leave the views.
- Tags, group members and map authors merge as sets: what either side added is in, what either
  side removed is out. Comments merge by comment id (replies likewise); the map's sources by id;
  `modified` takes the later time.
- Items added on one side are kept; added on both sides with the same id and the same value,
  kept once.
- **Conflicts** — both sides changed the same field differently, one side deleted an item the
  other edited, both added the same id with different content — are returned in
  `MergeResult.conflicts` and stay visible in the merged map: a text field holds both versions
  between `<<<<<<< ours` / `=======` / `>>>>>>> theirs` lines, other fields keep ours; the claim
  gets the tag `conflict` and a `[merge conflict] …` line in its notes saying what happened
  (a relation or group gets `[conflict] ` before its label, and the note). A claim deleted on
  one side and edited on the other is kept, edited, with the tag.
- Invariants hold in the result: a relation whose end was deleted on the other side while this
  side added or edited the relation **restores the deleted end** (a conflict, tagged). Two
  relations with the same source, target and kind (added on both sides under different ids) are
  kept once, the base's or ours first; undercuts of the dropped one move to the kept one.
  Anything that still cannot be added (an id used by a claim on one side and a relation on the
  other) is dropped and reported as a conflict, so the result always loads.

The merged map is built from values; `MergeResult.edits()` gives the same change as the model's
edit operations relative to ours, so the app can apply a merge as one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from argmap.analysis.diff import LAYOUT_FIELDS, edits_between
from argmap.model.anchors import anchor_problem
from argmap.model.edits import Composite
from argmap.model.errors import ModelError
from argmap.model.map import ArgumentMap
from argmap.model.types import (
    Anchor,
    Claim,
    Comment,
    Group,
    MapInfo,
    QuestionAnswer,
    Relation,
    Review,
    SourceDocument,
    View,
    with_changes,
)

CONFLICT_TAG = "conflict"
NOTE_PREFIX = "[merge conflict]"
LABEL_PREFIX = "[conflict] "

T = TypeVar("T")


@dataclass(frozen=True)
class Conflict:
    """One thing a person must decide; `where` is e.g. "claim c1"."""

    kind: str  # "changed-both", "delete-edit", "add-add", "restored", "dropped"
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class MergeResult:
    """The merged map, the conflicts left in it, and the ours it was merged into."""

    map: ArgumentMap
    conflicts: list[Conflict] = field(default_factory=list)
    ours: ArgumentMap | None = None

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def edits(self) -> Composite:
        """The edits that turn ours into the merged map (one undo step in the app)."""
        assert self.ours is not None
        return edits_between(self.ours, self.map)


def markers(ours: str, theirs: str) -> str:
    """Both versions of a text, between git-style conflict markers."""
    return f"<<<<<<< ours\n{ours}\n=======\n{theirs}\n>>>>>>> theirs"


_NONE: Any = object()  # "absent from this side" (None is a real value of some fields)


def _pick(b: Any, o: Any, t: Any) -> tuple[Any, bool]:
    """The three-way value of one field and whether both sides changed it differently."""
    if o == t:
        return o, False
    if o == b:
        return t, False
    if t == b:
        return o, False
    return o, True


def _merge_set(b: Iterable[T], o: tuple[T, ...], t: tuple[T, ...]) -> tuple[T, ...]:
    """Members added on either side are in, members removed on either side are out."""
    b = tuple(b)
    if o == t or t == b:
        return o
    if o == b:
        return t
    removed = (set(b) - set(o)) | (set(b) - set(t))
    out: list[T] = []
    for item in (*o, *t):
        if item not in removed and item not in out:
            out.append(item)
    return tuple(out)


def _keyed(items: Iterable[Any], key: Callable[[Any], str]) -> dict[tuple[str, int], Any]:
    """Items by (id, n-th occurrence), so duplicate ids in a list still pair up in order."""
    seen: dict[str, int] = {}
    out = {}
    for item in items:
        k = key(item)
        n = seen.get(k, 0)
        seen[k] = n + 1
        out[(k, n)] = item
    return out


def _merge_keyed(
    b: tuple[Any, ...],
    o: tuple[Any, ...],
    t: tuple[Any, ...],
    merge_one: Callable[[Any, Any, Any, list[str]], Any],
    what: str,
    msgs: list[str],
) -> tuple[Any, ...]:
    """Merge lists of items with ids (comments, sources) item by item."""
    if o == t or t == b:
        return o
    if o == b:
        return t
    bd, od, td = (_keyed(x, lambda v: v.id) for x in (b, o, t))
    out = []
    for k in [*od, *(k for k in td if k not in od)]:
        bv, ov, tv = bd.get(k, _NONE), od.get(k, _NONE), td.get(k, _NONE)
        if ov is not _NONE and tv is not _NONE:
            out.append(ov if ov == tv else merge_one(bv, ov, tv, msgs))
        elif ov is not _NONE:  # absent from theirs
            if bv is _NONE:
                out.append(ov)
            elif ov != bv:
                msgs.append(f"{what} {k[0]} deleted in theirs, edited in ours: kept")
                out.append(ov)
        else:
            if bv is _NONE:
                out.append(tv)
            elif tv != bv:
                msgs.append(f"{what} {k[0]} deleted in ours, edited in theirs: kept")
                out.append(tv)
    return tuple(out)


def _merge_comment(b: Any, o: Comment, t: Comment, msgs: list[str]) -> Comment:
    """Merge one comment present on both sides (`b` is `_NONE` when both added it)."""

    def was(name: str) -> Any:
        return _NONE if b is _NONE else getattr(b, name)

    text, bad = _pick(was("text"), o.text, t.text)
    if bad:
        text = markers(o.text, t.text)
        msgs.append(f"both changed comment {o.id}")
    resolved, _ = _pick(was("resolved"), o.resolved, t.resolved)
    replies = _merge_keyed(
        () if b is _NONE else b.replies, o.replies, t.replies, _merge_comment, "reply", msgs
    )
    author, _ = _pick(was("author"), o.author, t.author)
    time, _ = _pick(was("time"), o.time, t.time)
    return Comment(o.id, author, time, text, resolved, replies)


def _merge_source(b: Any, o: SourceDocument, t: SourceDocument, msgs: list[str]) -> Any:
    msgs.append(f"both changed source document {o.id}: kept ours")
    return o


def _show(value: Any) -> str:
    if isinstance(value, Review):
        return value.status.value + (f" by {value.by}" if value.by else "")
    if hasattr(value, "value"):
        return str(value.value)
    return repr(value)


_TEXT = {"claim": ("text", "notes", "holder"), "relation": ("label", "notes")}
_SCALAR = {
    "claim": (
        "kind",
        "title",
        "source",
        "base_score",
        "pinned",
        "review",
        "reliability",
        "credibility",
        "collapsed",
    ),
    "relation": ("source", "target", "kind", "link", "review", "scheme", "role"),
}


def _merge_answer(b: Any, o: QuestionAnswer, t: QuestionAnswer, msgs: list[str]) -> Any:
    """Both sides answered one critical question differently: ours is kept, theirs named."""
    if b is not _NONE and t == b:
        return o
    if b is not _NONE and o == b:
        return t
    msgs.append(
        f"both answered critical question {o.id}: kept ours ({o.state.value}), "
        f"theirs {t.state.value}" + (f" ({t.note})" if t.note else "")
    )
    return o


def _merge_item(kind: str, b: Any, o: Any, t: Any) -> tuple[Any, list[str]]:
    """Merge one claim or relation present on both sides; the messages name the conflicts."""
    if o == t or t == b:
        return o, []
    if o == b:
        return t, []
    msgs: list[str] = []

    def was(name: str) -> Any:  # the base value; added on both sides: none, so any difference
        return _NONE if b is None else getattr(b, name)

    changes: dict[str, Any] = {}
    for name in _TEXT[kind]:
        ov, tv = getattr(o, name), getattr(t, name)
        value, bad = _pick(was(name), ov, tv)
        if bad:
            value = markers(ov, tv)
            msgs.append(f"both changed the {name}")
        changes[name] = value
    for name in _SCALAR[kind]:
        ov, tv = getattr(o, name), getattr(t, name)
        value, bad = _pick(was(name), ov, tv)
        if bad:
            msgs.append(f"both changed the {name}: kept ours ({_show(ov)}), theirs {_show(tv)}")
        changes[name] = value
    # Anchors merge as sets, like tags: a passage anchored on either side is kept, unless
    # the two sides anchored overlapping passages of one source (then ours).
    anchors = _merge_set(b.anchors if b else (), o.anchors, t.anchors)
    if anchor_problem(anchors) is not None:
        msgs.append("both changed the anchors to overlapping passages: kept ours")
        anchors = o.anchors
    changes["anchors"] = anchors
    if kind == "claim":
        moved = b is None or (o.x, o.y) != (b.x, b.y)
        changes["x"], changes["y"] = (o.x, o.y) if moved else (t.x, t.y)
        changes["tags"] = _merge_set(b.tags if b else (), o.tags, t.tags)
    changes["comments"] = _merge_keyed(
        b.comments if b else (), o.comments, t.comments, _merge_comment, "comment", msgs
    )
    if kind == "relation":
        changes["questions"] = _merge_keyed(
            b.questions if b else (), o.questions, t.questions, _merge_answer, "answer", msgs
        )
    if b is None and msgs:
        msgs.insert(0, "both sides added this id with different content")
    return with_changes(o, **changes), msgs


def _placed(anchor: Anchor, text: str, start: int, end: int) -> Anchor:
    """An anchor moved to [start, end) of `text`, keeping or leaving out its quote as before."""
    from argmap.model.anchors import make_anchor

    return make_anchor(anchor.source, text, start, end, quote=anchor.exact is not None)


def _same_but_layout(a: Claim | Relation, b: Claim | Relation) -> bool:
    if isinstance(a, Claim) and isinstance(b, Claim):
        return with_changes(a, x=b.x, y=b.y) == b
    return a == b


def _mark(item: Any, msgs: list[str]) -> Any:
    """Make a conflict visible on the item itself: tag (claims) or label prefix, and a note."""
    if isinstance(item, Group):  # no notes: the label carries it
        label = item.label if item.label.startswith(LABEL_PREFIX) else LABEL_PREFIX + item.label
        return with_changes(item, label=label)
    note = f"{NOTE_PREFIX} " + "; ".join(msgs)
    notes = f"{item.notes}\n\n{note}" if item.notes else note
    if isinstance(item, Claim):
        tags = item.tags if CONFLICT_TAG in item.tags else (*item.tags, CONFLICT_TAG)
        return with_changes(item, tags=tags, notes=notes)
    label = item.label if item.label.startswith(LABEL_PREFIX) else LABEL_PREFIX + item.label
    return with_changes(item, label=label, notes=notes)


class _Merger:
    def __init__(self, base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap) -> None:
        self.base, self.ours, self.theirs = base, ours, theirs
        self.conflicts: list[Conflict] = []
        self.msgs: dict[tuple[str, str], list[str]] = {}  # ("claim", id) -> messages

    def conflict(self, kind: str, what: str, item_id: str, message: str) -> None:
        self.conflicts.append(Conflict(kind, f"{what} {item_id}", message))
        self.msgs.setdefault((what, item_id), []).append(message)

    def section(self, what: str, b: Mapping[str, T], o: Mapping[str, T], t: Mapping[str, T]):
        out: dict[str, T] = {}
        for key in sorted(b.keys() | o.keys() | t.keys()):
            bv, ov, tv = b.get(key), o.get(key), t.get(key)
            if ov is not None and tv is not None:
                value, msgs = _merge_item(what, bv, ov, tv)
                for m in msgs:
                    self.conflict("add-add" if bv is None else "changed-both", what, key, m)
                out[key] = value
            elif ov is not None or tv is not None:
                kept, side, other = (
                    (ov, "ours", "theirs") if ov is not None else (tv, "theirs", "ours")
                )
                if bv is None:
                    out[key] = kept
                elif not _same_but_layout(kept, bv):
                    changed = [f for f in _fields(kept) if getattr(kept, f) != getattr(bv, f)]
                    self.conflict(
                        "delete-edit",
                        what,
                        key,
                        f"deleted in {other}, edited in {side} ({', '.join(changed)}): kept",
                    )
                    out[key] = kept
        return out

    def run(self) -> MergeResult:
        base, ours, theirs = self.base, self.ours, self.theirs
        claims: dict[str, Claim] = self.section("claim", base.claims, ours.claims, theirs.claims)
        relations: dict[str, Relation] = self.section(
            "relation", base.relations, ours.relations, theirs.relations
        )
        self.restore_ends(claims, relations)
        self.drop_duplicates(relations)
        groups = self.merge_groups(claims)
        views = self.merge_views(claims)
        info = self.merge_info()
        self.fit_anchors(info, claims, relations)
        for (what, key), msgs in self.msgs.items():
            if what == "claim" and key in claims:
                claims[key] = _mark(claims[key], msgs)
            elif what == "relation" and key in relations:
                relations[key] = _mark(relations[key], msgs)
            elif what == "group" and key in groups:
                groups[key] = _mark(groups[key], msgs)
        merged = self.build(info, claims, relations, groups, views)
        return MergeResult(merged, self.conflicts, ours)

    def fit_anchors(
        self, info: MapInfo, claims: dict[str, Claim], relations: dict[str, Relation]
    ) -> None:
        """Anchors made on another version of a source than the merged one (one side changed
        the text, the other anchored on the old one) are re-anchored on the merged text; an
        anchor that cannot be found is removed and reported as a conflict."""
        from argmap.analysis.anchoring import reanchor
        from argmap.model.anchors import text_problem

        merged = {s.id: s.text for s in info.sources if s.text is not None}
        if not merged:
            return
        versions: dict[str, list[str]] = {}
        for side in (self.ours, self.theirs, self.base):
            for s in side.info.sources:
                if s.text is not None and s.id in merged:
                    versions.setdefault(s.id, []).append(s.text)
        for what, items in (("claim", claims), ("relation", relations)):
            for key, item in list(items.items()):
                fitted = []
                for a in item.anchors:
                    text = merged.get(a.source)
                    if text is None or text_problem(a, text) is None:
                        fitted.append(a)
                        continue
                    old = next((v for v in versions[a.source] if text_problem(a, v) is None), None)
                    p = reanchor(a, text, old_text=old)
                    if p.found:
                        fitted.append(_placed(a, text, p.start, p.end))
                    else:
                        self.conflict(
                            "dropped",
                            what,
                            key,
                            f"anchor {a.source}[{a.start}:{a.end}] not found in the merged "
                            "text of its source: removed",
                        )
                if tuple(fitted) != item.anchors:
                    items[key] = with_changes(item, anchors=tuple(fitted))

    def restore_ends(self, claims: dict[str, Claim], relations: dict[str, Relation]) -> None:
        """Bring back a claim or relation deleted on one side that the other side still uses."""
        changed = True
        while changed:
            changed = False
            for r in list(relations.values()):
                for end in (r.source, r.target):
                    if end in claims or end in relations:
                        continue
                    for side, other in ((self.ours, "theirs"), (self.theirs, "ours")):
                        if end in side.claims:
                            claims[end] = side.claims[end]
                            what = "claim"
                        elif end in side.relations:
                            relations[end] = side.relations[end]
                            what = "relation"
                        else:
                            continue
                        self.conflict(
                            "restored",
                            what,
                            end,
                            f"deleted in {other}, restored because relation {r.id} uses it",
                        )
                        changed = True
                        break

    def drop_duplicates(self, relations: dict[str, Relation]) -> None:
        """Keep one relation per (source, target, kind); move undercuts to the kept one.

        Moving undercuts can make new duplicates (two undercuts now attack the same
        relation), so passes repeat until none is left; each pass is linear.
        """

        def rank(rid: str) -> tuple[bool, bool, str]:
            return (rid not in self.base.relations, rid not in self.ours.relations, rid)

        while True:
            by_key: dict[tuple[str, str, str], list[str]] = {}
            for r in relations.values():
                by_key.setdefault((r.source, r.target, r.kind.value), []).append(r.id)
            moved: dict[str, str] = {}  # dropped id -> kept id
            for ids in by_key.values():
                if len(ids) < 2:
                    continue
                keep_id, *others = sorted(ids, key=rank)
                keep = relations[keep_id]
                for rid in others:
                    dropped = relations.pop(rid)
                    moved[rid] = keep_id
                    if with_changes(dropped, id=keep_id) != keep:
                        self.conflict(
                            "dropped",
                            "relation",
                            keep_id,
                            f"relation {rid} had the same ends and kind and was merged into "
                            f"it (its label was {dropped.label!r})",
                        )
            if not moved:
                return
            for u in list(relations.values()):
                if u.target in moved:
                    relations[u.id] = with_changes(u, target=moved[u.target])

    def merge_groups(self, claims: Mapping[str, Claim]) -> dict[str, Group]:
        b, o, t = self.base.groups, self.ours.groups, self.theirs.groups
        out: dict[str, Group] = {}
        for key in sorted(b.keys() | o.keys() | t.keys()):
            bv, ov, tv = b.get(key), o.get(key), t.get(key)
            if ov is not None and tv is not None:
                base = bv or Group(key)
                label, bad = _pick(base.label, ov.label, tv.label)
                if bad:
                    self.conflict(
                        "changed-both",
                        "group",
                        key,
                        f"both changed the label: kept ours, theirs was {tv.label!r}",
                    )
                collapsed, _ = _pick(base.collapsed, ov.collapsed, tv.collapsed)
                members = _merge_set(base.claims, ov.claims, tv.claims)
                group = Group(key, label, members, collapsed)
            elif ov is not None or tv is not None:
                kept = ov if ov is not None else tv
                if bv is not None and kept == bv:
                    continue
                if bv is not None:
                    side = "ours" if ov is not None else "theirs"
                    self.conflict(
                        "delete-edit", "group", key, f"deleted on one side, edited in {side}: kept"
                    )
                group = kept
            else:
                continue
            out[key] = with_changes(group, claims=[c for c in group.claims if c in claims])
        return out

    def merge_views(self, claims: Mapping[str, Claim]) -> dict[str, View]:
        """Saved views field by field, like groups: the camera (zoom and centre together) and
        the focus (claim and depth together) each from the side that changed it, ours when
        both did (a conflict); collapsed claims as a set; claims gone from the merge dropped."""
        b, o, t = self.base.views, self.ours.views, self.theirs.views
        out: dict[str, View] = {}
        for key in sorted(b.keys() | o.keys() | t.keys()):
            bv, ov, tv = b.get(key), o.get(key), t.get(key)
            if ov is not None and tv is not None:
                view = ov if ov == tv else self._merge_view(bv or View(key), ov, tv)
            elif ov is not None or tv is not None:
                view = ov if ov is not None else tv
                assert view is not None
                if bv is not None and view == bv:
                    continue  # deleted on the other side, unchanged on this one
                if bv is not None:
                    side = "ours" if ov is not None else "theirs"
                    self.conflicts.append(
                        Conflict(
                            "delete-edit",
                            f"view {key}",
                            f"deleted on one side, edited in {side}: kept",
                        )
                    )
            else:
                continue
            out[key] = with_changes(
                view,
                focus=view.focus if view.focus in claims else None,
                collapsed=[c for c in view.collapsed if c in claims],
            )
        return out

    def _merge_view(self, b: View, o: View, t: View) -> View:
        changes: dict[str, Any] = {}
        parts = {
            "name": ("name",),
            "camera": ("zoom", "center"),
            "focus": ("focus", "depth"),
            "evaluation": ("evaluation",),
            "fields of a newer argmap": ("extra",),
        }
        for label, names in parts.items():
            value, bad = _pick(
                tuple(getattr(b, n) for n in names),
                tuple(getattr(o, n) for n in names),
                tuple(getattr(t, n) for n in names),
            )
            if bad:
                self.conflicts.append(
                    Conflict("changed-both", f"view {o.id}", f"both changed the {label}: kept ours")
                )
            changes.update(zip(names, value, strict=True))
        changes["collapsed"] = _merge_set(b.collapsed, o.collapsed, t.collapsed)
        return with_changes(o, **changes)

    def merge_info(self) -> MapInfo:
        b, o, t = self.base.info, self.ours.info, self.theirs.info
        if o == t or t == b:
            return o
        if o == b:
            return t
        changes: dict[str, Any] = {}
        for name in ("title", "description"):
            value, bad = _pick(getattr(b, name), getattr(o, name), getattr(t, name))
            if bad:
                value = markers(getattr(o, name), getattr(t, name))
                self.conflicts.append(Conflict("changed-both", "map", f"both changed the {name}"))
            changes[name] = value
        changes["authors"] = _merge_set(b.authors, o.authors, t.authors)
        msgs: list[str] = []
        changes["sources"] = _merge_keyed(
            b.sources, o.sources, t.sources, _merge_source, "source document", msgs
        )
        self.conflicts.extend(Conflict("changed-both", "map", m) for m in msgs)
        changes["created"], _ = _pick(b.created, o.created, t.created)
        grading, bad = _pick(b.grading, o.grading, t.grading)
        if bad:
            self.conflicts.append(
                Conflict("changed-both", "map", "both changed the evidence grading: kept ours")
            )
        changes["grading"] = grading
        modified, bad = _pick(b.modified, o.modified, t.modified)
        changes["modified"] = max(o.modified, t.modified) if bad else modified
        return with_changes(o, **changes)

    def build(
        self,
        info: MapInfo,
        claims: Mapping[str, Claim],
        relations: Mapping[str, Relation],
        groups: Mapping[str, Group],
        views: Mapping[str, View],
    ) -> ArgumentMap:
        """Add everything to a new map; what breaks an invariant is dropped and reported."""
        m = ArgumentMap(info)
        for key in sorted(claims):
            m.add_claim(claims[key])
        pending = [relations[k] for k in sorted(relations)]
        while pending:
            ready = [r for r in pending if r.target in m.claims or r.target in m.relations]
            if not ready:
                break
            for r in ready:
                try:
                    m.add_relation(r)
                except ModelError as exc:
                    self.conflicts.append(Conflict("dropped", f"relation {r.id}", exc.reason))
            added = {r.id for r in ready}
            pending = [r for r in pending if r.id not in added]
        for r in pending:
            self.conflicts.append(
                Conflict("dropped", f"relation {r.id}", f"its target {r.target!r} is gone")
            )
        for key in sorted(groups):
            m.add_group(groups[key])
        for key in sorted(views):
            m.add_view(views[key])
        return m


def _fields(item: Any) -> list[str]:
    names = [f for f in item.__dataclass_fields__ if f not in LAYOUT_FIELDS]
    return names


def merge_maps(base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap) -> MergeResult:
    """Merge `theirs` into `ours`, both descended from `base`.

    >>> from argmap.model import Claim
    >>> base = ArgumentMap(); base.add_claim(Claim("c1", "Talks resume", holder="Ann"))
    >>> ours = base.copy(); _ = ours.replace_claim(Claim("c1", "Talks resume soon", holder="Ann"))
    >>> theirs = base.copy(); _ = theirs.replace_claim(Claim("c1", "Talks resume", holder="Bo"))
    >>> r = merge_maps(base, ours, theirs)
    >>> r.clean, r.map.claims["c1"].text, r.map.claims["c1"].holder
    (True, 'Talks resume soon', 'Bo')
    """
    return _Merger(base, ours, theirs).run()


__all__ = [
    "CONFLICT_TAG",
    "Conflict",
    "LABEL_PREFIX",
    "MergeResult",
    "NOTE_PREFIX",
    "markers",
    "merge_maps",
]
