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
from typing import Any

from argmap.io.argdown.build import CONTRADICTS, UNDERCUT_LABEL, slug
from argmap.io.argdown.parse import plain_text
from argmap.model.map import ArgumentMap
from argmap.model.types import Claim, ClaimKind, Relation, RelationKind

_SPECIAL = re.compile(r"([\\\[\]<>#*_{}])")
_TAG_WORD = re.compile(r"[a-zA-Z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+")
_SAFE_TITLE = re.compile(r"[^\[\]<>\n\\{}#*_@]+")


def escape(text: str) -> str:
    """Text Argdown reads back as itself (markup characters escaped, lines joined)."""
    s = _SPECIAL.sub(r"\\\1", text.replace("\n", " "))
    s = re.sub(r"/(?=[/*])", r"\\/", s)
    s = re.sub(r":(?=\S+?:)", r"\\:", s)
    return s


def _flow(value: Any) -> str:
    """JSON (a YAML flow mapping) that Argdown's `{...}` token and front matter take whole."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("{", "\\u007b").replace("}", "\\u007d").replace("=", "\\u003d")


def _without_defaults(d: dict[str, Any], default: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if default.get(k, object()) != v}


class Writer:
    def __init__(self, m: ArgumentMap):
        self.m = m
        self.titles: dict[str, str] = {}
        self.extra: dict[str, dict[str, Any]] = {c: {} for c in m.claims}
        self.incoming: dict[str, list[str]] = {c: [] for c in m.claims}  # lines under a claim
        self.pcs: dict[str, tuple[list[str], Relation]] = {}  # argument -> premises, inference
        self.wrapped: dict[str, str] = {}  # relation id -> title of the argument wrapping it
        self.blocks_after: dict[str, list[str]] = {}

    # -- names

    def _assign_titles(self) -> None:
        seen: set[tuple[bool, str]] = set()
        for cid in sorted(self.m.claims):
            c = self.m.claims[cid]
            is_arg = c.kind is ClaimKind.ARGUMENT
            title = c.title
            ok = bool(title) and _SAFE_TITLE.fullmatch(title) and title.strip() == title
            ok = ok and not title.startswith("-") and (is_arg, title) not in seen
            if not ok:
                title = cid
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
            if len(out) == 1 and premises:
                self.pcs[cid] = ([r.id for r in sorted(premises, key=lambda r: r.id)], out[0])

    def _relations(self) -> None:
        m = self.m
        done: set[str] = set()
        pcs_relations = {rid for p, inf in self.pcs.values() for rid in (*p, inf.id)}
        for arg, (premises, inference) in self.pcs.items():
            for n, rid in enumerate(premises, 1):
                self._relation_data(m.relations[rid], f"{arg}.p{n}", link=arg)
            self._relation_data(inference, f"{arg}.inference", label=inference.label)
        inference_of = {inf.id: arg for arg, (_, inf) in self.pcs.items()}
        for r in m.relations.values():  # undercut relations are written as arguments
            if r.target in m.relations and r.target not in inference_of:
                target = m.relations[r.target]
                if target.target not in m.relations:
                    self._wrap(target)
        for rid in sorted(m.relations):
            r = m.relations[rid]
            if rid in pcs_relations or rid in done:
                continue
            src = self.ref(r.source)
            if r.target in m.relations:  # an undercut
                target = m.relations[r.target]
                if target.target in m.relations:
                    self.incoming[r.source].append(
                        f"// argmap: {rid} undercuts the undercut {r.target} (not Argdown)"
                    )
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
                both_statements = all(
                    m.claims[x].kind is not ClaimKind.ARGUMENT for x in (r.source, r.target)
                )
                if back is not None and both_statements and back.id not in done:
                    done.update((rid, back.id))
                    self._relation_data(r, f"{r.source}.contradicts.{r.target}", label=CONTRADICTS)
                    self._relation_data(
                        back, f"{r.target}.contradicts.{r.source}", label=CONTRADICTS
                    )
                    self.incoming[r.target].append(f">< {src}")
                    continue
            if rid in self.wrapped:
                continue
            if r.kind is RelationKind.ATTACK and r.label == UNDERCUT_LABEL:
                self._relation_data(r, f"{r.source}.undercuts.{r.target}", label=UNDERCUT_LABEL)
                self.incoming[r.target].append(f"_ {src}")
                continue
            op = "+" if r.kind is RelationKind.SUPPORT else "-"
            self._relation_data(r, f"{r.source}.{r.kind.value}s.{r.target}")
            self.incoming[r.target].append(f"{op} {src}")

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
        default = claim_to_dict(Claim(c.id, c.text, c.kind, c.title, tags=c.tags))
        default["kind"] = "argument" if c.kind is ClaimKind.ARGUMENT else "claim"
        keep = _without_defaults(d, default)
        for k in ("id", "text", "title", "tags", "x", "y"):
            keep.pop(k, None)
        if plain_text(escape(c.text)) != c.text:
            keep["text"] = c.text
        if any(not _TAG_WORD.fullmatch(t) and (")" in t or not t.strip()) for t in c.tags):
            keep["tags"] = list(c.tags)
        keep.update(self.extra.get(c.id, {}))
        return keep

    def _tags(self, c: Claim) -> str:
        out = []
        for t in c.tags:
            if _TAG_WORD.fullmatch(t):
                out.append(f"#{t}")
            elif ")" not in t and t.strip():
                out.append(f"#({t})")
        return " ".join(out)

    def _block(self, key: str) -> list[str]:
        m = self.m
        if key.startswith("\x00"):
            head = f"<{self.titles[key]}> {{argmap: {_flow(self.extra[key])}}}"
            lines = [head, *(f"  {x}" for x in self.incoming[key])]
            return [*lines, "", *self.blocks_after[key]]
        c = m.claims[key]
        parts = [f"{self.ref(key)}:", escape(c.text.strip()) or "\\ "]
        tags = self._tags(c)
        if tags:
            parts.append(tags)
        data = self._claim_data(c)
        if data:
            parts.append(f"{{argmap: {_flow(data)}}}")
        lines = [" ".join(p for p in parts if p)]
        lines.extend(f"  {x}" for x in self.incoming[key])
        if key in self.pcs:
            premises, inference = self.pcs[key]
            lines.append("")
            for n, rid in enumerate(premises, 1):
                lines.append(f"({n}) {self.ref(m.relations[rid].source)}")
            rules = [escape(x.strip()) for x in inference.label.split(",") if x.strip()]
            if rules and ", ".join(plain_text(r) for r in rules) == inference.label:
                lines.append(f"-- {', '.join(rules)} --")
            else:
                lines.append("----")
            lines.append(f"({len(premises) + 1}) {self.ref(inference.target)}")
        return lines

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
                if g.label.strip() and plain_text(escape(g.label)) == g.label
                else ""
            )
            if not label:
                meta["label"] = g.label
            out += [f"# {label or gid} {{argmap: {_flow(meta)}}}", ""]
            for k in g.claims:
                if first_group.get(k) == gid:
                    out += [*self._block(k), ""]
        return "\n".join(out).rstrip("\n") + "\n"

    def _front_matter(self) -> str:
        from argmap.io.native import to_dict

        info = to_dict(ArgumentMap(self.m.info))
        for k in ("format", "version", "claims", "relations", "groups"):
            info.pop(k, None)
        info = {k: v for k, v in info.items() if v not in ("", [], None)}
        if not info:
            return ""
        head: dict[str, Any] = {}
        if self.m.info.title:
            head["title"] = self.m.info.title
        if self.m.info.authors:
            head["author"] = ", ".join(self.m.info.authors)
        head["argmap"] = info
        return _flow(head)


def dumps(m: ArgumentMap) -> str:
    return Writer(m).dumps()
