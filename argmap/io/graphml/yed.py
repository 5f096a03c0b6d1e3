"""yEd's side of GraphML: the look of a map in yEd when writing (cards sized and coloured as on
argmap's canvas, undercuts bent to the middle of the line they attack), and, when reading, what
yEd or Argdown drew: labels, geometry, the active realizer of a group, line colour and type."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from argmap.io.graphml.keys import NOT_XML, NS_Y, xml_text

if TYPE_CHECKING:
    from argmap.io.graphml.parse import Item
from argmap.analysis.geometry import (
    CARD_BASE_HEIGHT,
    CARD_WIDTH,
    LINE_HEIGHT,
    wrap_lines,
)
from argmap.model.map import ArgumentMap
from argmap.model.types import Claim, ClaimKind, Relation

# Colours of the light theme (argmap/ui/theme.py), so a map looks the same in yEd.
KIND_FILL = {
    ClaimKind.THESIS: "#e8eefc",
    ClaimKind.CLAIM: "#ffffff",
    ClaimKind.EVIDENCE: "#e9f6ec",
    ClaimKind.ASSUMPTION: "#fff6dc",
    ClaimKind.ARGUMENT: "#f3ecfb",
}
KIND_BORDER = {
    ClaimKind.THESIS: "#3457c9",
    ClaimKind.CLAIM: "#6b7280",
    ClaimKind.EVIDENCE: "#2e7d4f",
    ClaimKind.ASSUMPTION: "#b7791f",
    ClaimKind.ARGUMENT: "#7b4fb8",
}
RELATION_COLOUR = {"support": "#2e8b57", "attack": "#c8372d", "undercut": "#c8372d"}
TEXT_COLOUR = "#1d1d1f"
ARGDOWN_UNDERCUT_COLOUR = "#551a8b"  # Argdown draws undercuts purple


def card_size(claim: Claim) -> tuple[float, float]:
    """(width, height) of a claim's card as yEd should draw it."""
    return CARD_WIDTH, CARD_BASE_HEIGHT + LINE_HEIGHT * len(wrap_lines(claim.text))


def node_graphics(c: Claim) -> str:
    lines = wrap_lines(c.text)
    width, height = CARD_WIDTH, CARD_BASE_HEIGHT + LINE_HEIGHT * len(lines)
    label = xml_text(NOT_XML.sub("", "\n".join(lines)))
    thesis = c.kind is ClaimKind.THESIS
    return (
        '      <data key="n_graphics"><y:ShapeNode>'
        f'<y:Geometry x="{c.x - width / 2!r}" y="{c.y - height / 2!r}" '
        f'width="{width!r}" height="{height!r}"/>'
        f'<y:Fill color="{KIND_FILL[c.kind]}" transparent="false"/>'
        f'<y:BorderStyle color="{KIND_BORDER[c.kind]}" type="line" '
        f'width="{2.0 if thesis else 1.0}"/>'
        '<y:NodeLabel alignment="left" autoSizePolicy="content" fontFamily="Dialog" '
        f'fontSize="12" fontStyle="{"bold" if thesis else "plain"}" hasBackgroundColor="false" '
        'hasLineColor="false" modelName="internal" modelPosition="c" '
        f'textColor="{TEXT_COLOUR}" visible="true" xml:space="preserve">{label}</y:NodeLabel>'
        '<y:Shape type="roundrectangle"/></y:ShapeNode></data>\n'
    )


def edge_graphics(r: Relation, relation: str, bend: tuple[float, float] | None) -> str:
    point = "" if bend is None else f'<y:Point x="{bend[0]!r}" y="{bend[1]!r}"/>'
    line_type = "dashed" if relation == "undercut" else "line"
    width = 3.0 if r.link is not None else 2.0  # linked premises: a heavier line
    label = ""
    if r.label:
        label = (
            '<y:EdgeLabel alignment="center" fontFamily="Dialog" fontSize="11" '
            'modelName="centered" modelPosition="center" textColor="#1d1d1f" visible="true">'
            f"{xml_text(NOT_XML.sub('', r.label))}</y:EdgeLabel>"
        )
    return (
        '      <data key="e_graphics"><y:PolyLineEdge>'
        f'<y:Path sx="0.0" sy="0.0" tx="0.0" ty="0.0">{point}</y:Path>'
        f'<y:LineStyle color="{RELATION_COLOUR[relation]}" type="{line_type}" width="{width}"/>'
        f'<y:Arrows source="none" target="standard"/>{label}'
        '<y:BendStyle smoothed="false"/></y:PolyLineEdge></data>\n'
    )


class Anchors:
    """Where an undercut meets the relation it attacks: the middle of that relation's line.

    An undercut of an undercut meets the middle of the first undercut's first segment (from
    its premise to its bend), which is how argmap's canvas draws it too.
    """

    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self._anchor: dict[str, tuple[float, float]] = {}
        self._final: dict[str, str] | None = None

    def final_claim(self, r: Relation) -> str:
        """The claim at the end of a chain of undercuts."""
        if self._final is None:
            self._final = self.m.final_claims()
        return self._final[r.id]

    def anchor(self, r: Relation) -> tuple[float, float]:
        chain = [r]
        while chain[-1].target in self.m.relations and chain[-1].id not in self._anchor:
            chain.append(self.m.relations[chain[-1].target])
        for rel in reversed(chain):
            if rel.id in self._anchor:
                continue
            src = self.m.claims[rel.source]
            if rel.target in self.m.claims:
                end = self.m.claims[rel.target].pos
            else:
                end = self._anchor[rel.target]
            self._anchor[rel.id] = ((src.x + end[0]) / 2, (src.y + end[1]) / 2)
        return self._anchor[r.id]


# -- reading what yEd drew -------------------------------------------------------------------


def read_graphics(d: Element, item: Item, warn: Callable[[str], None]) -> None:
    """What yEd (or Argdown) drew: labels, the geometry, the line's colour and type."""
    y = "{" + NS_Y + "}"
    realizer = d.find(f".//{y}Realizers")
    scope: Element = d
    if realizer is not None:  # a group node: the active realizer holds its look
        options = list(realizer)
        raw = realizer.get("active", "0") or "0"
        try:
            active = int(raw)
        except ValueError:
            active = -1
        if options and not 0 <= active < len(options):
            warn(
                f"{item.place}: yEd Realizers active {raw[:40]!r} is not one of 0 to "
                f"{len(options) - 1}; the first realizer was read"
            )
            active = 0
        if options:
            scope = options[active]
            state = scope.find(f"{y}State")
            if state is not None:
                item.group_closed = state.get("closed") == "true"
    geometry = scope.find(f".//{y}Geometry")
    if geometry is not None:
        try:
            values = tuple(float(geometry.get(a, "0")) for a in ("x", "y", "width", "height"))
        except ValueError:
            values = None
        # The card centre (x + width / 2) must be finite too: 1e308 + 1e308 is not.
        if values is None or not all(
            math.isfinite(v)
            for v in (*values, values[0] + values[2] / 2, values[1] + values[3] / 2)
        ):
            warn(f"{item.place}: unreadable yEd geometry left out")
        else:
            item.geometry = values  # type: ignore[assignment]
    for label in scope.iter():
        if label.tag in (f"{y}NodeLabel", f"{y}EdgeLabel"):
            text = label_text(label.text or "")
            if text:
                item.labels.append(text)
    line = scope.find(f".//{y}LineStyle")
    if line is not None:
        item.line_colour = (line.get("color") or "").lower() or None
        item.line_type = line.get("type")


def label_text(text: str) -> str:
    """A yEd label's plain text: HTML labels (Argdown's) lose their tags; whitespace is one
    space, since Argdown's and yEd's line breaks are wrapping, which the card does itself."""
    if "<" in text and ">" in text:
        text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
        text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return " ".join(text.split())


def relation_colour(colour: str) -> str | None:
    """Support or attack from a line's colour: green is support, red attack (by hue); Argdown's
    purple is an undercut."""
    if colour == ARGDOWN_UNDERCUT_COLOUR:
        return "undercut"
    match = re.fullmatch(r"#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})(?:[0-9a-f]{2})?", colour)
    if match is None:
        return None
    r, g, b = (int(v, 16) / 255 for v in match.groups())
    high, low = max(r, g, b), min(r, g, b)
    if high - low < 0.15:  # grey or black says nothing
        return None
    if high == g and g > r:
        return "support"
    if high == r and r > g and r > b:
        return "attack"
    return None


# -- JSON parts of argmap's own files ------------------------------------------------------
