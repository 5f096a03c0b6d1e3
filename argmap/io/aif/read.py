"""Reading AIF JSON (AIFdb's export and OVA3's extended JSON) into a map; docs/aif.md.

The AIF graph decides the structure (which I-nodes, which reasons and conflicts between them);
the `"argmap"` objects argmap writes (carry.py) give back the fields AIF cannot hold. A file
from another tool is read leniently: a value argmap cannot keep as it is (a nodeID that makes
an id already taken, a second reason between the same premise and conclusion, a scheme the
catalogue does not know) is repaired or kept in a documented form with a warning naming the
node, and the built map goes through `repair_map`, the one validation behind every reader.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from argmap.io import limits
from argmap.io.aif import carry, locutions
from argmap.io.aif.order import targets_first
from argmap.model.errors import FormatError, ModelError
from argmap.model.map import ArgumentMap, build_map
from argmap.model.types import Claim, Relation, RelationKind, with_changes

NODE_TYPES = ("I", "RA", "CA", "MA", "PA", "L", "YA", "TA")
DIALOGUE = ("PA", "L", "YA", "TA")
HUBS = ("RA", "CA", "MA")
MA_LABEL = "rephrase (MA)"
MAX_COORDINATE = 1e9  # far beyond any canvas; keeps out overflow, infinity and NaN
_NOT_ID = re.compile(r"[^A-Za-z0-9_.:\-]+")


def _id(prefix: str, node_id: str) -> str:
    return prefix + (_NOT_ID.sub("-", node_id) or "x")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


class Reader:
    def __init__(self, doc: Any, name: str) -> None:
        self.name = name
        self.warnings: list[str] = []
        if not isinstance(doc, dict):
            raise FormatError("expected a JSON object (AIF JSON)", file=name, place="$")
        self.base = "$"
        self.aif = doc
        for key in ("AIF", "aif"):
            if isinstance(doc.get(key), dict):
                self.aif, self.base = doc[key], f"$.{key}"
        self.ova = doc.get("OVA") if isinstance(doc.get("OVA"), dict) else {}
        self.text = _text(doc.get("text"))
        if isinstance(doc.get("text"), dict):  # OVA also writes {"txt": ...}
            self.text = _text(doc["text"].get("txt"))
        self.header = doc.get(carry.KEY) if isinstance(doc.get(carry.KEY), dict) else None
        self.used: set[str] = set()
        self.positioned = False  # whether OVA's positions were there (else: lay out)

    def fail(self, reason: str, place: str) -> FormatError:
        return FormatError(reason, file=self.name, place=place)

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    def unique(self, wanted: str, place: str) -> str:
        """`wanted`, or the first `wanted-N` not taken (with a warning naming the place)."""
        out, n = wanted, 1
        while out in self.used:
            n += 1
            out = f"{wanted}-{n}"
        if out != wanted:
            self.warn(f"{place}: id {wanted!r} is taken already; read as {out!r}")
        self.used.add(out)
        return out

    # -- the graph ------------------------------------------------------------------------

    def _nodes(self) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
        nodes = self.aif.get("nodes")
        if not isinstance(nodes, list):
            raise self.fail("not AIF JSON: no 'nodes' list", f"{self.base}.nodes")
        limits.check_count(
            "nodes", len(nodes), limits.MAX_CLAIMS * 4, self.name, f"{self.base}.nodes"
        )
        by_id: dict[str, dict[str, Any]] = {}
        where: dict[str, str] = {}
        for i, n in enumerate(nodes):
            at = f"{self.base}.nodes[{i}]"
            if not isinstance(n, dict):
                raise self.fail("a node must be an object", at)
            nid = n.get("nodeID")
            if not isinstance(nid, str | int) or isinstance(nid, bool):
                raise self.fail("node without a nodeID (string or number)", f"{at}.nodeID")
            kind = n.get("type")
            if kind not in NODE_TYPES:
                raise self.fail(
                    f"unknown AIF node type {kind!r} (known: {', '.join(NODE_TYPES)})", f"{at}.type"
                )
            if not isinstance(n.get("text", ""), str):
                raise self.fail("node text must be a string", f"{at}.text")
            nid = str(nid)
            if nid in by_id:
                raise self.fail(f"duplicate nodeID {nid!r} (first at {where[nid]})", f"{at}.nodeID")
            by_id[nid], where[nid] = n, at
        return by_id, where

    def _edges(self, by_id: dict[str, dict[str, Any]]) -> tuple[dict, dict]:
        edges = self.aif.get("edges")
        if not isinstance(edges, list):
            raise self.fail("not AIF JSON: no 'edges' list", f"{self.base}.edges")
        into: dict[str, list[str]] = {k: [] for k in by_id}
        out: dict[str, list[str]] = {k: [] for k in by_id}
        for i, e in enumerate(edges):
            at = f"{self.base}.edges[{i}]"
            if not isinstance(e, dict):
                raise self.fail("an edge must be an object", at)
            for end in ("fromID", "toID"):
                value = e.get(end)
                if value is None or isinstance(value, dict | list) or str(value) not in by_id:
                    raise self.fail(
                        f"edge {end} {value!r} is not a node of this file", f"{at}.{end}"
                    )
            a, b = str(e["fromID"]), str(e["toID"])
            if b not in out[a]:  # OVA drops repeated edges too
                out[a].append(b)
                into[b].append(a)
        return into, out

    def _positions(self) -> dict[str, tuple[float, float]]:
        out: dict[str, tuple[float, float]] = {}
        nodes = self.ova.get("nodes")
        for i, n in enumerate(nodes if isinstance(nodes, list) else ()):
            if not isinstance(n, dict) or ("x" not in n and "y" not in n):
                continue
            x, y = n.get("x"), n.get("y")
            if (
                type(x) in (int, float)
                and type(y) in (int, float)
                and abs(x) < MAX_COORDINATE  # type: ignore[operator]
                and abs(y) < MAX_COORDINATE  # type: ignore[operator]
            ):
                out[str(n.get("nodeID"))] = (float(x), float(y))  # type: ignore[arg-type]
            else:
                self.warn(
                    f"$.OVA.nodes[{i}]: position ({str(x)[:30]}, {str(y)[:30]}) is not two "
                    f"numbers within ±{MAX_COORDINATE:.0e}; left out"
                )
        return out

    def _fulfilled(self) -> dict[str, str]:
        """OVA's scheme numbers by nodeID (`schemefulfillments`)."""
        items = self.aif.get("schemefulfillments")
        out: dict[str, str] = {}
        for f in items if isinstance(items, list) else ():
            if isinstance(f, dict) and isinstance(f.get("schemeID"), str | int):
                out[str(f.get("nodeID"))] = str(f["schemeID"])
        return out

    @staticmethod
    def _carried(n: dict[str, Any]) -> dict[str, Any]:
        extra = n.get(carry.KEY)
        return extra if isinstance(extra, dict) else {}

    # -- the map --------------------------------------------------------------------------

    def read(self) -> ArgumentMap:
        by_id, where = self._nodes()
        into, out = self._edges(by_id)
        positions = self._positions()
        self.positioned = bool(positions)
        notes = locutions.dialogue_notes(by_id, into, out)
        # claims: ids the file carries first, so derived ones never take them
        cid_of: dict[str, str] = {}
        inodes = [nid for nid, n in by_id.items() if n["type"] == "I"]
        for nid in inodes:
            own = self._carried(by_id[nid]).get("id")
            if isinstance(own, str) and own and own not in self.used:
                cid_of[nid] = own
                self.used.add(own)
        for nid in inodes:
            if nid not in cid_of:
                cid_of[nid] = self.unique(_id("n", nid), where[nid])
        claims: dict[str, Claim] = {}
        for nid in inodes:
            n = by_id[nid]
            extra = self._carried(n)
            x, y = positions.get(nid, (0.0, 0.0))
            text = n.get("text", "")
            claims[nid] = self._build(
                partial(_claim_of, extra, cid_of[nid], text, x, y), where[nid]
            )
            if notes.get(nid):
                joined = "\n".join(x for x in (claims[nid].notes, *notes[nid]) if x)
                claims[nid] = with_changes(claims[nid], notes=joined)
        relations = self._relations(by_id, where, into, out, claims)
        header = self._header(list(claims.values()))
        info = header.info
        sources = locutions.anchor(self, by_id, into, claims, info.sources)
        counts = {t: sum(n["type"] == t for n in by_id.values()) for t in DIALOGUE}
        counted = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
        description = info.description
        if counted:
            line = f"AIF dialogue nodes kept in claim notes: {counted}"
            description = f"{description}\n{line}" if description else line
        info = dataclasses.replace(info, description=description, sources=sources)
        try:
            return build_map(
                claims.values(), relations, header.groups.values(), info, header.views.values()
            )
        except ModelError as exc:
            raise FormatError(exc.reason, file=self.name) from None

    def _build(self, make: Callable[[], Any], place: str) -> Any:
        """`make()`, with argmap fields that do not make a value as one line naming the node."""
        try:
            return make()
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            what = f"field {exc} missing" if isinstance(exc, KeyError) else str(exc)
            raise self.fail(f"argmap fields are not valid: {what:.200}", place) from None

    def _relations(
        self,
        by_id: dict[str, dict[str, Any]],
        where: dict[str, str],
        into: dict[str, list[str]],
        out: dict[str, list[str]],
        claims: dict[str, Claim],
    ) -> list[Relation]:
        fulfilled = self._fulfilled()
        relations: dict[str, Relation] = {}
        pairs: dict[tuple[str, str, str], str] = {}
        rels_of: dict[str, list[str]] = {}  # hub nodeID -> its relations' ids
        undercuts: list[tuple[str, list[str], str]] = []  # (CA nodeID, premises, target hub)
        for nid, n in by_id.items():
            kind = n["type"]
            if kind not in HUBS:
                continue
            at = where[nid]
            sources = [s for s in into[nid] if by_id[s]["type"] == "I"]
            targets = [t for t in out[nid] if by_id[t]["type"] in ("I", *HUBS)]
            if not targets:
                raise self.fail(f"{kind} node {nid!r} has no conclusion (no edge from it)", at)
            if len(targets) > 1:
                raise self.fail(f"{kind} node {nid!r} has {len(targets)} conclusions", at)
            if not sources:
                raise self.fail(
                    f"{kind} node {nid!r} has no premise (no edge into it from an I-node)", at
                )
            target = targets[0]
            if by_id[target]["type"] != "I":
                if kind != "CA":
                    raise self.fail(f"{kind} node {nid!r}: its conclusion must be an I-node", at)
                undercuts.append((nid, sources, target))
                continue
            scheme = self._scheme(nid, n, fulfilled.get(nid), at) if kind == "RA" else None
            rels_of[nid] = self._hub(
                nid, n, at, sources, claims[target].id, claims, scheme, relations, pairs
            )
        for nid, sources, target in _targets_first(undercuts):
            if not rels_of.get(target):
                raise self.fail(f"CA node {nid!r}: its conclusion is not a reason", where[nid])
            rels_of[nid] = self._hub(
                nid, by_id[nid], where[nid], sources, None, claims, None, relations, pairs,
                undercut_of=rels_of[target],
            )  # fmt: skip
        return list(relations.values())

    def _hub(
        self,
        nid: str,
        n: dict[str, Any],
        at: str,
        sources: list[str],
        target: str | None,
        claims: dict[str, Claim],
        scheme: str | None,
        relations: dict[str, Relation],
        pairs: dict[tuple[str, str, str], str],
        undercut_of: list[str] | None = None,
    ) -> list[str]:
        """The relations of one RA/CA/MA node (an undercut when `undercut_of` is given: the
        relations of the reason it attacks). Returns their ids."""
        kind = RelationKind.SUPPORT if n["type"] in ("RA", "MA") else RelationKind.ATTACK
        carried = self._carried(n).get("relations")
        carried = [r for r in carried if isinstance(r, dict)] if isinstance(carried, list) else []
        link = _id("ra", nid) if len(sources) > 1 else None
        ids: list[str] = []
        for k, s in enumerate(sources, 1):
            source = claims[s].id
            extra = next((r for r in carried if r.get("source") == source), {})
            end = target
            if undercut_of is not None:
                wanted = extra.get("target")
                end = wanted if wanted in undercut_of else undercut_of[0]
            assert end is not None
            key = (source, kind.value, end)
            if key in pairs:
                self.warn(
                    f"{at}: {n['type']} node {nid!r} repeats the {kind.value} from "
                    f"{source!r} to {end!r} of another node; read as that one"
                )
                ids.append(pairs[key])
                continue
            wanted_id = extra.get("id") if isinstance(extra.get("id"), str) else None
            rid = wanted_id or _id("r", nid) + (f".{k}" if len(sources) > 1 else "")
            rid = self.unique(rid, at)
            values: dict[str, Any] = {"id": rid, "source": source, "target": end}
            values["kind"] = kind.value
            if not extra:  # AIF's own values; carried fields say all of it themselves
                values["link"] = link
                if n["type"] == "MA":
                    values["label"] = MA_LABEL
                if scheme:
                    values["scheme"] = scheme
            fields = {k: v for k, v in extra.items() if k not in values}
            if "scheme" not in extra and scheme:
                fields["scheme"] = scheme
            relations[rid] = self._build(partial(_relation_of, fields, values), at)
            pairs[key] = rid
            ids.append(rid)
        return ids

    def _scheme(self, nid: str, n: dict[str, Any], number: str | None, at: str) -> str:
        """The scheme id of an RA node: OVA's scheme number, else its `scheme`, else its text;
        an unknown scheme is kept as `aif:<name>` with a warning naming the node."""
        from argmap.model.schemes import AIF_DEFAULTS, UNKNOWN_PREFIX, from_aif

        names = [x for x in (_text(n.get("scheme")), _text(n.get("text"))) if x.strip()]
        if number == "72" or any(" ".join(x.split()) in AIF_DEFAULTS for x in names):
            return ""  # OVA's default inference
        for candidate in [*([number] if number else []), *names]:
            found = from_aif(candidate)
            if found and not found.startswith(UNKNOWN_PREFIX):
                return found
        if not names and not number:
            return ""
        kept = from_aif(names[0] if names else number or "")
        self.warn(
            f"{at}: RA node {nid!r}: scheme {kept[len(UNKNOWN_PREFIX) :]!r} is not in argmap's "
            f"catalogue (docs/schemes.md); kept as {kept!r}, without critical questions"
        )
        return kept

    # -- map fields -----------------------------------------------------------------------

    def _header(self, claims: list[Claim]) -> ArgumentMap:
        """The map's own fields (info, groups, views) from the top-level `argmap` object,
        checked as the `.argmap` reader checks them, with the claims they may name."""
        from argmap.io import native

        if self.header is None:
            return build_map(())
        doc = {"format": "argmap", "version": native.VERSION, **self.header}
        doc.update(claims=[native.claim_to_dict(c) for c in claims], relations=[])
        try:
            native.validate(doc, self.name)
        except FormatError as exc:  # its places are the `argmap` object's own
            place = exc.place or "$"
            where = "$.argmap" + place[1:] if place.startswith("$") else f"$.argmap: {place}"
            raise self.fail(exc.reason, where) from None
        return native.from_dict(doc, self.name, self.warnings)


def _targets_first(undercuts: list[tuple[str, list[str], str]]) -> list[tuple[str, list[str], str]]:
    """CA nodes aimed at CA nodes after their targets (their relations must exist first)."""
    index = {u[0]: i for i, u in enumerate(undercuts)}
    return targets_first(undercuts, lambda u: index.get(u[2]))


def _claim_of(extra: dict[str, Any], cid: str, text: str, x: float, y: float) -> Claim:
    from argmap.io.native import claim_from_dict

    return claim_from_dict(carry.claim_dict(extra, cid, text, x, y))


def _relation_of(fields: dict[str, Any], values: dict[str, Any]) -> Relation:
    from argmap.io.native import relation_from_dict

    return relation_from_dict(carry.relation_dict(fields, **values))
