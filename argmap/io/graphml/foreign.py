"""GraphML from elsewhere — plain networkx, yEd, Argdown — read as well as it can be: labels from
whatever holds them, positions where present, a layout where not, groups from nested graphs.
Whatever cannot be mapped is reported as a warning, never dropped silently."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable

from argmap.io import limits
from argmap.io.graphml.foreign_edges import NOTE_NAMES, read_relations
from argmap.io.graphml.parse import Document, Item, Parser
from argmap.io.graphml.values import json_fields
from argmap.model.errors import ModelError
from argmap.model.map import ArgumentMap, build_map
from argmap.model.types import ID_PATTERN, Claim, ClaimKind, Group, MapInfo, with_changes

TEXT_NAMES = ("text", "label", "name", "title", "statement", "content")


def read_foreign(parser: Parser, doc: Document) -> ArgumentMap:
    """The map a foreign GraphML document describes; warnings go to the parser."""
    return _Foreign(parser).read(doc)


class _Foreign:
    """One reading of a foreign document's items as claims, relations and groups."""

    def __init__(self, parser: Parser) -> None:
        self.warn = parser.warn
        self.fail = parser.fail

    def read(self, doc: Document) -> ArgumentMap:
        graph, nodes, edges, groups = doc.graph, doc.nodes, doc.edges, doc.groups
        ids = IdMaker()
        node_ids: dict[str, str] = {}
        claims: list[Claim] = []
        positions: list[tuple[float, float] | None] = []
        unmapped: dict[tuple[str, str], int] = {}
        unlabelled = renamed = 0
        for item in nodes:
            cid = ids.make(item.xml_id, "c")
            if item.xml_id in node_ids:
                self.warn(f"{item.place}: a second node with this id was read as {cid!r}")
            elif cid != item.xml_id:
                renamed += 1
            node_ids.setdefault(item.xml_id, cid)
            claim, pos, labelled = self._claim(cid, item, unmapped)
            unlabelled += not labelled
            claims.append(claim)
            positions.append(pos)
        if renamed:
            self.warn(f"{renamed} node id(s) were not valid argmap ids and were renamed")
        if unlabelled:
            self.warn(f"{unlabelled} node(s) had no label or text; their ids became their text")
        group_ids = {item.xml_id for item, _ in groups}
        relations = read_relations(edges, node_ids, group_ids, ids, unmapped, self.warn)
        for (domain, attr), count in sorted(unmapped.items()):
            where = f"{count} {domain}{'s' if count > 1 else ''}"
            self.warn(
                f"{domain} attribute {attr!r} ({where}) is not an argmap field: kept in notes"
            )
        argmap_groups = []
        group_ids_made = IdMaker()
        for item, members in groups:
            label = item.data.get("label") or item.data.get("name") or " ".join(item.labels)
            gid = group_ids_made.make(item.xml_id, "g")
            claim_ids = tuple(dict.fromkeys(node_ids[x] for x in members if x in node_ids))
            argmap_groups.append(Group(gid, label, claim_ids, bool(item.group_closed)))
        info = self._info(graph)
        try:
            m = build_map(claims, relations, argmap_groups, info)
        except ModelError as exc:  # the checks above should make this unreachable
            raise self.fail(exc.reason) from None
        self._place_claims(m, claims, positions, nodes)
        return m

    def _claim(
        self, cid: str, item: Item, unmapped: dict[tuple[str, str], int]
    ) -> tuple[Claim, tuple[float, float] | None, bool]:
        data = item.data
        lower = {k.lower(): k for k in data}
        used: set[str] = set()

        def take(names: Iterable[str]) -> tuple[str, str] | None:
            for n in names:
                if n in lower and data[lower[n]].strip() and lower[n] not in used:
                    used.add(lower[n])
                    return lower[n], data[lower[n]]
            return None

        notes: list[str] = []
        title = ""
        found = take(TEXT_NAMES)
        labels = item.labels
        if found is not None:
            text = found[1]
        elif len(labels) >= 2:  # Argdown writes a title and the text
            title = labels[0]
            text = " ".join(labels[1:])
        elif labels:
            text = labels[0]
        else:
            text = ""
        labelled = bool(text.strip())
        if not labelled:
            text = item.xml_id
        kind = ClaimKind.CLAIM
        kind_value = take(("kind", "claim_kind", "type", "node_type"))
        if kind_value is not None:
            try:
                kind = ClaimKind(kind_value[1].strip().lower())
            except ValueError:
                used.discard(kind_value[0])  # not a kind of ours: kept in notes below
        holder = take(("holder",))
        note = take(NOTE_NAMES)
        if note is not None:
            notes.insert(0, note[1])
        tags: tuple[str, ...] = ()
        tags_value = take(("tags", "tag"))
        if tags_value is not None:
            tags = _parse_tags(tags_value[1])
        score = 0.5
        score_value = take(("base_score", "score"))
        if score_value is not None:
            parsed = _number(score_value[1])
            if parsed is not None and 0.0 <= parsed <= 1.0:
                score = parsed
            else:
                used.discard(score_value[0])
        pinned = False
        pinned_value = take(("pinned",))
        if pinned_value is not None:
            if pinned_value[1].strip().lower() in ("true", "false", "1", "0"):
                pinned = pinned_value[1].strip().lower() in ("true", "1")
            else:
                used.discard(pinned_value[0])
        extras = json_fields(data, lower, used, ("source", "comments", "review"))
        pos: tuple[float, float] | None = None
        if "x" in lower and "y" in lower:
            px, py = _number(data[lower["x"]]), _number(data[lower["y"]])
            if px is not None and py is not None:
                pos = (px, py)  # networkx-style attributes: taken as the card centre
                used.update((lower["x"], lower["y"]))
        if pos is None and item.geometry is not None:
            gx, gy, gw, gh = item.geometry
            pos = (gx + gw / 2, gy + gh / 2)
        for attr in data:
            if attr not in used and data[attr].strip():
                notes.append(f"{attr}: {data[attr]}")
                unmapped["node", attr] = unmapped.get(("node", attr), 0) + 1
        claim = Claim(
            id=cid,
            text=text,
            kind=kind,
            title=title,
            holder=holder[1] if holder else "",
            tags=tags,
            notes="\n".join(notes),
            base_score=score,
            pinned=pinned,
            source=extras.get("source"),
            comments=tuple(extras.get("comments", ())),
            review=extras.get("review"),
        )
        return claim, pos, labelled

    def _info(self, graph: Item) -> MapInfo:
        data = {k: v for k, v in graph.data.items()}
        title = data.pop("title", None) or data.pop("name", None) or data.pop("label", "")
        description = data.pop("description", "")
        extra = [f"{k}: {v}" for k, v in data.items() if v.strip()]
        if extra:
            self.warn(
                f"graph attribute(s) {', '.join(sorted(k for k in data if data[k].strip()))} "
                "are not argmap fields: kept in the map's description"
            )
            description = "\n".join([description, *extra]) if description else "\n".join(extra)
        return MapInfo(title=title, description=description)

    def _place_claims(
        self,
        m: ArgumentMap,
        claims: list[Claim],
        positions: list[tuple[float, float] | None],
        items: list[Item],
    ) -> None:
        """Positions from the file; a layout where it has none (all at one point is none)."""
        known = [p for p in positions if p is not None]
        if not claims:
            return
        # Where every node sits at one spot (Argdown writes x="0" y="0" for all), the file
        # has no layout. yEd geometry is compared by its corner, since heights differ.
        corners = {
            (item.geometry[0], item.geometry[1]) if item.geometry is not None else None
            for item in items
        }
        spots = {p for p in positions if p is not None}
        if not known or (len(claims) > 1 and (len(spots) == 1 or corners == {(0.0, 0.0)})):
            placed, how = _layout(m)
            self.warn(f"the file has no positions: laid out with the {how}")
            for cid, (x, y) in placed.items():
                m.replace_claim(with_changes(m.claims[cid], x=float(x), y=float(y)))
            return
        for c, pos in zip(claims, positions, strict=True):
            if pos is not None:
                m.replace_claim(with_changes(c, x=pos[0], y=pos[1]))
        missing = [c for c, pos in zip(claims, positions, strict=True) if pos is None]
        if missing:
            bottom = max(p[1] for p in known) + 200.0
            left = min(p[0] for p in known)
            for cid, (x, y) in _grid(c.id for c in missing).items():
                m.replace_claim(with_changes(m.claims[cid], x=left + x, y=bottom + y))
            self.warn(f"{len(missing)} node(s) had no position: placed in a grid below the rest")


def _layout(m: ArgumentMap) -> tuple[dict[str, tuple[float, float]], str]:
    """Positions for every claim: the layered layout when argmap has one, else a grid."""
    try:
        from argmap.analysis.layout import layered_layout
    except ImportError:
        # FALLBACK while argmap.analysis.layout does not exist: a plain grid.
        return _grid(m.claims), "grid placement (fallback: no layered layout available)"
    return layered_layout(m), "layered layout"


def _grid(claim_ids: Iterable[str]) -> dict[str, tuple[float, float]]:
    """Card centres on a grid of 300 × 200 px, row by row (the fallback placement)."""
    ids = list(claim_ids)
    cols = max(1, math.ceil(math.sqrt(len(ids))))
    return {cid: (float((i % cols) * 300), float((i // cols) * 200)) for i, cid in enumerate(ids)}


class IdMaker:
    """Valid, unique argmap ids from whatever ids a file uses."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        # base -> the last number tried for it: 20,000 nodes sharing one id (or 20,000 edges
        # without one) cost one step each, not a scan from 1 each (quadratic)
        self.last: dict[str, int] = {}

    def make(self, wanted: str, prefix: str) -> str:
        base = wanted if ID_PATTERN.match(wanted or "-") and wanted else ""
        if not base:
            base = re.sub(r"[^A-Za-z0-9_.:\-]+", "_", wanted).strip("_") if wanted else ""
        base = base[: limits.MAX_TEXT_CHARS - 20]  # room for a -N suffix under the text limit
        candidate = base or f"{prefix}1"
        key = base or "\0" + prefix
        n = self.last.get(key, 1)
        while candidate in self.used:
            n += 1
            candidate = f"{base or prefix}-{n}" if base else f"{prefix}{n}"
        self.last[key] = n
        self.used.add(candidate)
        return candidate


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _parse_tags(text: str) -> tuple[str, ...]:
    try:
        value = limits.loads_json_value(text)
    except json.JSONDecodeError:
        value = None
    if isinstance(value, list) and all(isinstance(t, str) for t in value):
        return tuple(value)
    return tuple(t.strip() for t in text.split(",") if t.strip())
