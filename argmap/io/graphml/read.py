"""Reading GraphML: argmap's own files back exactly (`read(write(m)) == m`), and graphs from
elsewhere handed to foreign.py. The entry points (`read`, `read_with_report`, `loads`) live here."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from typing import Any

from argmap.io import limits
from argmap.io.graphml import values
from argmap.io.graphml.foreign import read_foreign
from argmap.io.graphml.parse import Document, Item, Parser
from argmap.io.native import read_file_bytes, repaired_views
from argmap.io.validate import repair_map, validate_map
from argmap.io.xmlsafe import parse_xml
from argmap.model.anchors import map_anchor_problem
from argmap.model.errors import ModelError
from argmap.model.gcpause import gc_paused
from argmap.model.grading import check_grade
from argmap.model.map import ArgumentMap, build_map, check_reason_scheme
from argmap.model.types import (
    ID_PATTERN,
    Claim,
    ClaimKind,
    MapInfo,
    Relation,
    RelationKind,
    with_changes,
)


def read(source: str | os.PathLike[str] | bytes, *, name: str | None = None) -> ArgumentMap:
    """Read a map from a GraphML file (or bytes); warnings are dropped, see read_with_report."""
    return read_with_report(source, name=name)[0]


def read_with_report(
    source: str | os.PathLike[str] | bytes, *, name: str | None = None
) -> tuple[ArgumentMap, list[str]]:
    """Read a map and the list of what could not be mapped exactly (empty for argmap's own)."""
    if isinstance(source, bytes):
        data, label = source, name or "<bytes>"
    else:
        label = name or str(source)
        data = read_file_bytes(source)
    return loads(data, name=label)


def loads(data: bytes | str, *, name: str = "<string>") -> tuple[ArgumentMap, list[str]]:
    """Parse GraphML text into a map and its warnings."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with gc_paused():  # a big file allocates 100,000s of elements and values at once
        parser = Parser(parse_xml(data, name), name)
        doc = parser.parse()
        # The one validation behind every reader (argmap/io/validate.py): argmap's own files
        # must pass it as they are; files from other tools are repaired, each repair a warning.
        if parser.strict:
            m = validate_map(_Own(parser).read(doc), name)
        else:
            m = repair_map(read_foreign(parser, doc), name, parser.warn)
    return m, parser.warnings


class _Own:
    """argmap's own files (the graph has `argmap_format`): every field, exactly; anything that
    does not decode is refused with the place it is in."""

    def __init__(self, parser: Parser) -> None:
        self.warn = parser.warn
        self.warnings = parser.warnings
        self.fail = parser.fail

    def read(self, doc: Document) -> ArgumentMap:
        graph, nodes, edges = doc.graph, doc.nodes, doc.edges
        claims: list[Claim] = []
        seen: set[str] = set()
        for item in nodes:
            claims.append(self._own_claim(item))
            if item.xml_id in seen:
                raise self.fail(f"duplicate node id {item.xml_id!r}", item.place)
            seen.add(item.xml_id)
        relations = [self._own_relation(item) for item in edges]
        info = MapInfo(
            title=graph.data.get("title", ""),
            description=graph.data.get("description", ""),
            authors=tuple(self._json(graph, "authors", values.str_list, [])),
            sources=tuple(self._json(graph, "sources", values.sources, [])),
            created=graph.data.get("created", ""),
            modified=graph.data.get("modified", ""),
            grading=tuple(sorted(self._json(graph, "grading", values.grading, {}).items())),
        )
        groups = self._json(graph, "groups", values.groups, [])
        moved = 0
        for i, item in enumerate(nodes):
            if item.geometry is not None:
                gx, gy, gw, gh = item.geometry
                cx, cy = gx + gw / 2, gy + gh / 2
                c = claims[i]
                if abs(cx - c.x) > 0.5 or abs(cy - c.y) > 0.5:
                    claims[i] = with_changes(c, x=cx, y=cy)
                    moved += 1
        if moved:
            self.warn(
                f"{moved} claim(s) were moved in yEd: took their positions from the yEd geometry"
            )
        views = self._json(graph, "views", values.views, [])
        by_id = {c.id: c for c in claims}
        try:
            m = build_map(
                claims, relations, groups, info, repaired_views(views, by_id, self.warnings)
            )
        except ModelError as exc:
            raise self.fail(exc.reason) from None
        problem = map_anchor_problem(m)
        if problem is not None:
            raise self.fail(problem[1], f"{problem[0]}")
        return m

    def _own_claim(self, item: Item) -> Claim:
        data, place = item.data, item.place
        if not ID_PATTERN.match(item.xml_id):
            raise self.fail("invalid claim id (letters, digits and _ . : - only)", place)
        try:
            kind = ClaimKind(data.get("kind", "claim"))
        except ValueError:
            raise self.fail(
                f"kind {data['kind']!r} is not one of: {', '.join(ClaimKind)}", place
            ) from None
        score = self._float(item, "base_score", 0.5)
        if not 0.0 <= score <= 1.0:
            raise self.fail(f"base_score {score!r} is out of range (0 to 1)", place)
        reliability = data.get("reliability", "")
        credibility = self._int(item, "credibility", 0)
        try:
            check_grade(reliability, credibility)
        except ModelError as exc:
            raise self.fail(exc.reason, place) from None
        return Claim(
            reliability=reliability,
            credibility=credibility,
            id=item.xml_id,
            text=data.get("text", ""),
            kind=kind,
            title=data.get("title", ""),
            holder=data.get("holder", ""),
            tags=tuple(self._json(item, "tags", values.str_list, [])),
            notes=data.get("notes", ""),
            source=self._json(item, "source", values.source_ref, None),
            base_score=score,
            x=self._float(item, "x", 0.0),
            y=self._float(item, "y", 0.0),
            pinned=self._bool(item, "pinned", False),
            collapsed=self._bool(item, "collapsed", False),
            comments=tuple(self._json(item, "comments", values.comments_list, [])),
            review=self._json(item, "review", values.review, None),
            anchors=tuple(self._json(item, "anchors", values.anchors_list, [])),
        )

    def _own_relation(self, item: Item) -> Relation:
        data, place = item.data, item.place
        if not ID_PATTERN.match(item.xml_id):
            raise self.fail("invalid relation id (letters, digits and _ . : - only)", place)
        relation = data.get("relation", "support")
        target = item.target
        if relation == "undercut":
            target = data.get("target_relation", "")
            if not target:
                raise self.fail("an undercut without target_relation", place)
            kind = RelationKind.ATTACK
        elif relation in ("support", "attack"):
            kind = RelationKind(relation)
        else:
            raise self.fail(
                f"relation {relation!r} is not one of: support, attack, undercut", place
            )
        relation_value = Relation(
            id=item.xml_id,
            source=item.source,
            target=target,
            kind=kind,
            label=data.get("label", ""),
            notes=data.get("notes", ""),
            link=data.get("link"),
            comments=tuple(self._json(item, "comments", values.comments_list, [])),
            review=self._json(item, "review", values.review, None),
            anchors=tuple(self._json(item, "anchors", values.anchors_list, [])),
            scheme=data.get("scheme", ""),
            role=data.get("role", ""),
            questions=tuple(self._json(item, "questions", values.answers, [])),
        )
        if relation_value.scheme or relation_value.role or relation_value.questions:
            try:
                check_reason_scheme(relation_value)
            except ModelError as exc:
                raise self.fail(exc.reason, place) from None
        return relation_value

    def _int(self, item: Item, name: str, default: int) -> int:
        text = item.data.get(name)
        if text is None:
            return default
        try:
            return int(text.strip())
        except ValueError:
            raise self.fail(f"{name} {text!r} is not a whole number", item.place) from None

    def _float(self, item: Item, name: str, default: float) -> float:
        text = item.data.get(name)
        if text is None:
            return default
        try:
            value = float(text)
        except ValueError:
            raise self.fail(f"{name} {text!r} is not a number", item.place) from None
        if not math.isfinite(value):
            raise self.fail(f"{name} {text!r} is not a finite number", item.place)
        return value

    def _bool(self, item: Item, name: str, default: bool) -> bool:
        text = item.data.get(name)
        if text is None:
            return default
        if text.strip().lower() not in ("true", "false"):
            raise self.fail(f"{name} {text!r} is not true or false", item.place)
        return text.strip().lower() == "true"

    def _json(self, item: Item, name: str, decode: Callable[[Any], Any], default: Any) -> Any:
        text = item.data.get(name)
        if text is None:
            return default
        try:
            return decode(limits.loads_json_value(text))
        except json.JSONDecodeError as exc:
            raise self.fail(f"{name} is not valid JSON ({exc.msg})", item.place) from None
        except values.Bad as exc:
            raise self.fail(f"{name}: {exc}", item.place) from None
