"""Argdown's model (parse.Document) → an ArgumentMap; docs/argdown.md has the mapping.

Statements become claims (their title kept as `Claim.title`), arguments claims of kind
`argument`: the premises of a reconstructed argument support it jointly (one link named after
the argument) and it supports its main conclusion through the relation `<id>.inference`, which
carries the inference rules as its label; undercuts attack that relation. A contradiction
(`><`) becomes two attacks labelled "contradicts". Headings become groups. argmap's own fields
come back from the `argmap` key of a statement's `{...}` metadata (the writer puts them
there); any other metadata is kept in the claim's notes as an `argdown data:` line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from argmap.io.argdown.parse import Document, Node, PcsItem, Rel
from argmap.model.errors import FormatError, ModelError
from argmap.model.map import ArgumentMap, build_map
from argmap.model.types import ID_PATTERN, Claim, Group, MapInfo, Relation, RelationKind

CONTRADICTS = "contradicts"
CONTRARY = "contrary"  # Argdown's strict mode: two statements that cannot both be true
UNDERCUT_LABEL = "undercut"
DATA_PREFIX = "argdown data: "
# The front matter keys argmap has no field for, kept as a line of the map's description
# (the writer puts them back into the front matter: Argdown's settings among them).
FRONT_MATTER_PREFIX = "argdown front matter: "
# Another defining member of an equivalence class (Argdown keeps every member's text; a claim
# has one): kept as a notes line, written back as a definition before the claim's own.
MEMBER_PREFIX = "argdown text: "
# After those lines, when the canonical member's own tags are not the claim's tags less the
# other members' ones (say both carry `#eu`): its tags as Argdown text, so the writer puts them
# on the claim's own definition.
MEMBER_TAGS_PREFIX = "argdown tags: "
# A premise–conclusion structure that names a statement twice in one step (Argdown keeps both
# places; argmap holds one support per premise): on the argument, `argdown premise (3) again:
# <claim id>` per repeat, so the writer puts it back at its number.
REPEAT_PREFIX = "argdown premise ("
# The note on a relation when Argdown has a second one of another type between the same two
# claims (argmap holds one per pair and kind); the writer writes that line again from it.
ALSO_NOTE = "Argdown also has a {} relation here"
_NOT_ID = re.compile(r"[^A-Za-z0-9_.:\-]+")


def slug(title: str) -> str:
    """An id from a title: letters, digits and _ . : - only."""
    return _NOT_ID.sub("-", title.strip()).strip("-") or "untitled"


def _argmap_data(node: Node) -> tuple[dict[str, Any], dict[str, Any]]:
    """(argmap's own fields, the rest of the metadata) of a statement or argument."""
    data = dict(node.data)
    own = data.pop("argmap", None)
    if data.get("isInGroup") is True:
        del data["isInGroup"]  # a directive the parser took (parse.py), not the claim's data
    return (own if isinstance(own, dict) else {}), data


class Builder:
    def __init__(self, doc: Document, name: str, warn: Callable[[str], None] | None = None):
        self.doc = doc
        self.name = name
        self.warn = warn or (lambda text: None)
        self.ids: dict[tuple[str, str], str] = {}  # (kind, title) -> claim id
        self.used: set[str] = set()
        self.claims: list[Claim] = []
        self.relations: dict[str, Relation] = {}
        self.relation_data: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.extra_groups: dict[str, list[str]] = {}
        self.pairs: dict[tuple[str, str, str], str] = {}  # (source, kind, target) -> id
        self.has_argmap_data = False
        self.own_file = False  # the file was written by argmap (set in build)
        self.views: list[dict[str, Any]] = []  # saved views from the front matter
        self.not_argdown: list[tuple[int, dict[str, Any]]] = []  # (line, relation as in .argmap)
    def _unique(self, wanted: str) -> str:
        out, n = wanted, 1
        while out in self.used:
            n += 1
            out = f"{wanted}-{n}"
        self.used.add(out)
        return out

    def build(self) -> ArgumentMap:
        doc = self.doc
        nodes = [*doc.statements.values(), *doc.arguments.values()]
        reasons = {n.title for n in doc.arguments.values() if _argmap_data(n)[0].get("reason")}
        for node in nodes:  # ids the writer chose come first, so derived ones never take them
            own, _ = _argmap_data(node)
            wanted = own.get("id")
            if isinstance(wanted, str) and node.title not in reasons:
                if ID_PATTERN.match(wanted):
                    self.ids[node.kind, node.title] = self._unique(wanted)
                else:
                    self.warn(
                        f"line {node.line}: metadata 'argmap' of {node.title!r:.60}: invalid id "
                        f"{wanted!r:.60} (letters, digits and _ . : - only); an id was made"
                    )
        for node in nodes:
            if (node.kind, node.title) not in self.ids and node.title not in reasons:
                base = slug(node.title) if not node.auto_title else slug(node.title.lower())
                self.ids[node.kind, node.title] = self._unique(base)
        for node in nodes:
            if node.title not in reasons:
                self.claims.append(self._claim(node))
        for node in doc.arguments.values():
            if node.title in reasons:
                self._reason(node)
            elif node.pcs:
                self._pcs(node)
        # A file argmap wrote (its front matter holds argmap's own fields) says each of the
        # map's relations as written; Argdown's strict mode, which such a file may carry from
        # the file the map was read from, does not turn them into contraries here.
        self.own_file = isinstance((doc.front_matter or {}).get("argmap"), dict)
        for r in [*doc.relations, *(doc.folded if self.own_file else ())]:
            self._relation(r)
        self._not_argdown_relations()
        groups = self._groups()
        info = self._info()
        views: list = []
        if self.views:
            from argmap.io.native import repaired_views

            by_id = {c.id: c for c in self.claims}
            views = repaired_views(self.views, by_id, [])
        try:
            m = build_map(self.claims, self.relations.values(), groups, info, views)
        except ModelError as exc:
            raise FormatError(exc.reason, file=self.name) from None
        # argmap metadata in the file is checked like .argmap by repair_map (the caller's)
        return m

    # -- claims

    def _claim(self, node: Node) -> Claim:
        from argmap.io.native import claim_from_dict

        own, rest = _argmap_data(node)
        self.has_argmap_data = self.has_argmap_data or bool(own)
        skip = ("relations", "reason", "groups", "undercuts", "id", "not_argdown")
        d: dict[str, Any] = {k: v for k, v in own.items() if k not in skip}
        d["id"] = self.ids[node.kind, node.title]
        d.setdefault("text", node.text)
        d.setdefault("title", "" if node.auto_title or own.get("untitled") else node.title)
        d.pop("untitled", None)
        d.setdefault("kind", "argument" if node.kind == "argument" else "claim")
        d.setdefault("tags", list(node.tags))
        if isinstance(own.get("groups"), list):
            self.extra_groups[d["id"]] = [str(g) for g in own["groups"]]
        if isinstance(own.get("not_argdown"), list):  # undercuts Argdown cannot write
            source = d["id"]
            for rel in own["not_argdown"]:
                if isinstance(rel, dict):
                    self.not_argdown.append((node.line, {**rel, "source": source}))
        if isinstance(own.get("undercuts"), dict):
            for target, value in own["undercuts"].items():
                self.relation_data[(d["id"], "attack", str(target))] = value
        for number, title in _repeated_premises(node):
            extra = f"{REPEAT_PREFIX}{number}) again: {self.ids['statement', title]}"
            d["notes"] = _with_line(d.get("notes", ""), extra)
        if rest:
            d["notes"] = _with_line(d.get("notes", ""), data_line(rest))
        others = _other_member_texts(node)
        for text in others:
            extra = MEMBER_PREFIX + text
            d["notes"] = _with_line(d.get("notes", ""), extra)
        canonical = node.canonical
        if others and canonical is not None:
            elsewhere = {t for m in node.members if m is not canonical for t in m.tags}
            if canonical.tags != [t for t in node.tags if t not in elsewhere]:
                extra = MEMBER_TAGS_PREFIX + " ".join(tag_text(t) for t in canonical.tags)
                d["notes"] = _with_line(d.get("notes", ""), extra.rstrip())
        for key, value in (
            own.get("relations", {}).items() if isinstance(own.get("relations"), dict) else ()
        ):
            self.relation_data[_key_of(key, d["id"])] = value
        return self._made(claim_from_dict, d, f"of {node.title!r:.60}", node.line)

    def _made(self, make: Callable[[dict[str, Any]], Any], d: dict[str, Any], what: str, line: int):
        """A claim or relation from argmap's metadata, or the one-line error naming the line."""
        try:
            return make(d)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            why = f"field {exc} missing" if isinstance(exc, KeyError) else str(exc)
            raise FormatError(
                f"metadata 'argmap' {what} is not valid: {why}",
                **self.doc.where(line, None, self.name),
            ) from None

    # -- relations

    def _not_argdown_relations(self) -> None:
        """The undercuts argmap wrote into metadata because Argdown has no form for them."""
        from argmap.io.native import relation_from_dict

        for line, d in self.not_argdown:
            r = self._made(relation_from_dict, d, "not_argdown relation", line)
            if r.id in self.relations:
                raise FormatError(
                    f"metadata 'argmap' not_argdown relation {r.id!r:.60}: id already used",
                    **self.doc.where(line, None, self.name),
                )
            self.relations[r.id] = r
            self.used.add(r.id)

    def _add(self, rid: str, source: str, target: str, kind: RelationKind, **fields: Any) -> str:
        key = (source, kind.value, target)
        same = self.pairs.get(key)
        if same is not None:  # argmap holds one attack (support) per pair: the second is noted
            r = self.relations[same]
            label = fields.get("label") or kind.value
            note = ALSO_NOTE.format(label)
            if note not in r.notes:
                self.relations[same] = replace(r, notes=_with_line(r.notes, note))
            return same
        extra = self.relation_data.get(key, {})
        rid = extra.get("id", rid)
        base, n = rid, 1
        while rid in self.relations or rid in self.used:
            n += 1
            rid = f"{base}-{n}"
        self.used.add(rid)
        values = {**fields, **{k: v for k, v in extra.items() if k != "id"}}
        from argmap.io.native import relation_from_dict

        self.relations[rid] = relation_from_dict(
            {"id": rid, "source": source, "target": target, "kind": kind.value, **values}
        )
        self.pairs[key] = rid
        return rid

    def _pcs(self, node: Node) -> None:
        """Every inference step of a premise–conclusion structure. The last step is the
        argument itself: its premises (the statements since the previous conclusion, that
        conclusion included) support the argument claim jointly, which supports the main
        conclusion through `<id>.inference` (label: the rules). Each earlier step j is a
        linked support `<id>.s<j>` from its premises into its intermediary conclusion, the
        rules on the first of them, so `(1) (2) -- (3) (4) -- (5)` keeps both inferences."""
        arg = self.ids["argument", node.title]
        steps: list[tuple[list[PcsItem], PcsItem]] = []
        premises: list[PcsItem] = []
        for item in node.pcs:
            if item.role == "premise":
                if all(p.title != item.title for p in premises):  # a repeat: see REPEAT_PREFIX
                    premises.append(item)
            else:
                steps.append((premises, item))
                premises = [item]
        for j, (inputs, conclusion) in enumerate(steps[:-1], 1):
            link = f"{arg}.s{j}"
            target = self.ids["statement", conclusion.title]
            rules = _rules(conclusion)
            for n, item in enumerate(inputs, 1):
                fields = {"link": link, "label": rules if n == 1 else ""}
                if n == 1:
                    fields["notes"] = _inference_data(conclusion)
                src = self.ids["statement", item.title]
                self._add(f"{link}.p{n}", src, target, RelationKind.SUPPORT, **fields)
        inputs, last = steps[-1]
        for n, item in enumerate(inputs, 1):
            src = self.ids["statement", item.title]
            if (src, "support", arg) not in self.pairs:
                self._add(f"{arg}.p{n}", src, arg, RelationKind.SUPPORT, link=arg)
        self._add(
            f"{arg}.inference",
            arg,
            self.ids["statement", last.title],
            RelationKind.SUPPORT,
            label=_rules(last),
            notes=_inference_data(last),
        )

    def _reason(self, node: Node) -> None:
        """An argument the writer made for a plain relation (so that it can be undercut)."""
        own, _ = _argmap_data(node)
        reason = own["reason"]
        if not node.pcs or len(node.pcs) != 2:
            raise FormatError(
                f"argument <{node.title}> marked as a relation needs one premise and a conclusion",
                **self.doc.where(node.line, None, self.name),
            )
        src = self.ids["statement", node.pcs[0].title]
        tgt = self.ids["statement", node.pcs[-1].title]
        rid = self._add(
            str(reason.get("id", node.title)),
            src,
            tgt,
            RelationKind(reason.get("kind", "support")),
            **{k: v for k, v in reason.items() if k not in ("id", "kind")},
        )
        self.ids["argument", node.title] = "\x00" + rid  # undercuts of it attack the relation

    def _end(self, end: tuple[str, str]) -> str:
        kind, title = end
        if kind == "inference":
            cid = self.ids["argument", title]
            return cid[1:] if cid.startswith("\x00") else f"{cid}.inference"
        return self.ids[kind, title]

    def _relation(self, r: Rel) -> None:
        src, tgt = self._end(r.source), self._end(r.target)
        if src.startswith("\x00"):
            raise FormatError(
                "a relation cannot start at a relation", **self.doc.where(r.line, None, self.name)
            )
        if r.type == "contradictory":
            self._add(f"{src}.contradicts.{tgt}", src, tgt, RelationKind.ATTACK, label=CONTRADICTS)
            if (tgt, "attack", src) not in self.pairs:
                self._add(
                    f"{tgt}.contradicts.{src}", tgt, src, RelationKind.ATTACK, label=CONTRADICTS
                )
            return
        if r.type == "contrary" and not self.own_file:  # symmetric: an attack each way
            for a, b in ((src, tgt), (tgt, src)):
                if (a, "attack", b) not in self.pairs:
                    self._add(f"{a}.attacks.{b}", a, b, RelationKind.ATTACK, label=CONTRARY)
            return
        if r.type == "undercut":
            if tgt.startswith("\x00"):
                tgt = tgt[1:]
            label = "" if r.target[0] == "inference" or tgt in self.relations else UNDERCUT_LABEL
            if label == "" and tgt not in self.relations:
                raise FormatError(
                    f"undercut of {r.target[1]!r}: it has no inference",
                    **self.doc.where(r.line, None, self.name),
                )
            self._add(f"{src}.undercuts.{tgt}", src, tgt, RelationKind.ATTACK, label=label)
            return
        kind = RelationKind.SUPPORT if r.type in ("support", "entails") else RelationKind.ATTACK
        # (a contrary of a file argmap wrote: the attack as written, its label in metadata)
        if tgt.startswith("\x00"):
            tgt = tgt[1:]
        if (src, kind.value, tgt) in self.pairs:
            return
        self._add(f"{src}.{kind.value}s.{tgt}", src, tgt, kind)

    # -- groups and map info

    def _groups(self) -> list[Group]:
        members: dict[str, list[str]] = {}
        nodes = [*self.doc.statements.values(), *self.doc.arguments.values()]
        nodes.sort(key=lambda n: n.defined_at or n.line)  # a group lists claims as defined
        regrouped = self.doc.regrouped
        for node in nodes:
            cid = self.ids.get((node.kind, node.title), "")
            if node.section and cid and not cid.startswith("\x00"):
                key = regrouped.get((node.kind, node.title), node.section)
                members.setdefault(key, []).append(cid)
        groups = []
        taken: set[str] = set()
        for i, s in enumerate(self.doc.sections):
            own = (s.data or {}).get("argmap")
            own = own if isinstance(own, dict) else {}
            gid = str(own.get("id", s.id))
            if gid in taken:  # Argdown's regroup can give two sections one id
                base, n = gid, 2
                while f"{base}-{n}" in taken:
                    n += 1
                gid = f"{base}-{n}"
            taken.add(gid)
            label = str(own.get("label", s.title))
            claims = members.get(i if regrouped else s.id, [])
            groups.append([gid, label, claims, bool(own.get("collapsed", False))])
        by_id = {g[0]: g for g in groups}
        for cid, extra in self.extra_groups.items():
            for gid in extra:
                if gid in by_id:
                    by_id[gid][2].append(cid)
                else:
                    by_id[gid] = [gid, "", [cid], False]
                    groups.append(by_id[gid])
        for s in self.doc.sections:  # the order the writer kept for groups spread over sections
            own = (s.data or {}).get("argmap")
            if isinstance(own, dict) and isinstance(own.get("claims"), list):
                gid = str(own.get("id", s.id))
                if sorted(map(str, own["claims"])) == sorted(by_id[gid][2]):
                    by_id[gid][2] = [str(c) for c in own["claims"]]
        return [Group(g[0], g[1], tuple(g[2]), g[3]) for g in groups]

    def _info(self) -> MapInfo:
        fm = dict(self.doc.front_matter or {})
        own = fm.pop("argmap", None)
        if isinstance(own, dict):
            from argmap.io.native import from_dict, validate

            doc = {"format": "argmap", "version": 1, **own, "claims": [], "relations": []}
            views = doc.pop("views", [])
            validate(doc, self.name)
            if views:  # checked with the claims they name, as the .argmap reader does
                from argmap.io.native import claim_to_dict

                claims = [claim_to_dict(c) for c in self.claims]
                validate({**doc, "claims": claims, "views": views}, self.name)
                self.views = views
            return from_dict(doc, self.name).info
        authors = fm.pop("authors", None) or fm.pop("author", None) or ()
        if isinstance(authors, str):
            authors = (authors,)
        title = str(fm.pop("title", "") or "")
        description = str(fm.pop("description", "") or "")
        if fm:
            extra = FRONT_MATTER_PREFIX + json.dumps(
                fm, ensure_ascii=False, sort_keys=True, default=str
            )
            description = _with_line(description, extra)
        return MapInfo(title=title, description=description, authors=tuple(str(a) for a in authors))


def data_line(data: dict[str, Any]) -> str:
    """`{...}` data of the Argdown file as a line of notes (`argdown data: {...}`)."""
    return DATA_PREFIX + json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def _rules(item: PcsItem) -> str:
    """An inference's rules as a relation label (`Modus ponens, Generalisation`)."""
    return ", ".join(item.inference.rules) if item.inference else ""


def _inference_data(item: PcsItem) -> str:
    """An inference line's `{...}` metadata, kept as an `argdown data:` note line."""
    data = item.inference.data if item.inference else None
    if not data:
        return ""
    return DATA_PREFIX + json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def _key_of(key: str, target: str) -> tuple[str, str, str]:
    """`"SOURCE support"` (a relation into the claim holding the data) as (source, kind, target)."""
    source, _, kind = key.rpartition(" ")
    return (source, kind, target)


def to_map(
    doc: Document, name: str, warn: Callable[[str], None] | None = None
) -> ArgumentMap:
    """The map of an Argdown document; `warn` hears of argmap metadata that was not used."""
    return Builder(doc, name, warn).build()


def tag_text(t: str) -> str:
    """A tag as Argdown text: `#word`, or `#(two words)`."""
    return f"#{t}" if _TAG_WORD.fullmatch(t) else f"#({t})"


_TAG_WORD = re.compile(r"[a-zA-Z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+")


def _repeated_premises(node: Node) -> list[tuple[int, str]]:
    """(number in the PCS, title) of each premise an argument's PCS names again within one
    inference step (its inputs: the statements since the previous conclusion)."""
    out: list[tuple[int, str]] = []
    inputs: set[str] = set()
    for number, item in enumerate(node.pcs, 1):
        if item.role == "premise":
            if item.title in inputs:
                out.append((number, item.title))
            inputs.add(item.title)
        else:
            inputs = {item.title}
    return out


def _other_member_texts(node: Node) -> list[str]:
    """The texts (tags left in, as Argdown's JSON has them) of a statement's or argument's
    defining members other than its canonical one, in the file's order, each on one line."""
    canonical = node.canonical
    return [
        " ".join(m.argdown_text.split())
        for m in node.members
        if not m.is_reference and m.argdown_text and m is not canonical
    ]


def _with_line(text: str, line: str) -> str:
    """`text` with `line` added as its last line (how notes and descriptions keep what
    Argdown has and argmap has no field for)."""
    return f"{text}\n{line}" if text else line

