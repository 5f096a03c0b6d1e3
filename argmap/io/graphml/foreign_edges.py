"""Edges of GraphML from elsewhere (networkx, yEd, Argdown): which relation each one is — from
an attribute, a label, or the colour of the line yEd or Argdown drew — and how undercuts find
the inference they attack."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argmap.io.graphml.values import json_fields
from argmap.io.graphml.yed import relation_colour
from argmap.model.types import Relation, RelationKind, with_changes

if TYPE_CHECKING:
    from argmap.io.graphml.foreign import IdMaker
    from argmap.io.graphml.parse import Item

NOTE_NAMES = ("notes", "note", "description", "comment")
KIND_NAMES = ("relation", "kind", "type", "polarity", "sign", "relation_type")
SUPPORT_WORDS = {"support", "supports", "pro", "+", "positive", "for", "supported", "reason"}
ATTACK_WORDS = {"attack", "attacks", "con", "-", "negative", "against", "contra", "objection"}
ATTACK_WORDS |= {"rebut", "rebuts", "rebuttal", "attacked", "undermine", "undermines"}
UNDERCUT_WORDS = {"undercut", "undercuts"}


@dataclass(frozen=True)
class EdgeMeaning:
    relation: str  # support | attack | undercut
    label: str
    notes: str
    known: bool  # whether the file said which relation (else support is assumed)
    target_relation: str | None  # an undercut's attacked edge, when the file names it
    extras: dict[str, Any]  # link, comments, review when the file has argmap's attributes


def read_relations(
    edges: list[Item],
    node_ids: dict[str, str],
    group_ids: set[str],
    ids: IdMaker,
    unmapped: dict[tuple[str, str], int],
    warn: Callable[[str], None],
) -> list[Relation]:
    """The file's edges as relations: ends mapped to claims, one relation per kind between the
    same ends, and undercuts attached to the inference they attack where that can be told."""
    relations: list[Relation] = []
    edge_ids: dict[str, str] = {}  # the file's edge id -> relation id
    keys: set[tuple[str, str, RelationKind]] = set()
    undercuts: list[tuple[Item, Relation, str | None]] = []
    defaulted = 0
    claim_ids = set(node_ids.values())
    # claim -> the relations from it to a claim, kept as relations are added: an undercut
    # finds its argument's inference without a scan of every relation (quadratic)
    to_claims: dict[str, list[Relation]] = {}

    def add(item: Item, r: Relation) -> None:
        if (r.source, r.target, r.kind) in keys:
            warn(f"{item.place}: a second {r.kind.value} between the same ends, left out")
            return
        keys.add((r.source, r.target, r.kind))
        relations.append(r)
        if r.target in claim_ids:
            to_claims.setdefault(r.source, []).append(r)
        if item.xml_id:
            edge_ids.setdefault(item.xml_id, r.id)

    for item in edges:
        source, target = node_ids.get(item.source), node_ids.get(item.target)
        if source is None or target is None:
            missing = item.source if source is None else item.target
            why = "a group" if missing in group_ids else "no node of the file"
            warn(f"{item.place}: left out, its end {missing!r} is {why}")
            continue
        meaning = edge_meaning(item, unmapped)
        if not meaning.known:
            defaulted += 1
        kind = RelationKind.SUPPORT if meaning.relation == "support" else RelationKind.ATTACK
        r = Relation(
            ids.make(item.xml_id, "r"),
            source,
            target,
            kind,
            meaning.label,
            meaning.notes,
            meaning.extras.get("link"),
            tuple(meaning.extras.get("comments", ())),
            meaning.extras.get("review"),
        )
        if meaning.relation == "undercut":
            undercuts.append((item, r, meaning.target_relation))
        else:
            add(item, r)
    if defaulted:
        warn(f"{defaulted} edge(s) did not say support or attack: read as support")
    for item, r, target_relation in undercuts:
        if target_relation is not None and target_relation in edge_ids:
            add(item, with_changes(r, target=edge_ids[target_relation]))
            continue
        # Argdown's undercuts point at an argument node. In argmap an undercut attacks an
        # inference, and an argument's inference is its one relation to its conclusion.
        out = to_claims.get(r.target, [])
        if target_relation is None and len(out) == 1:
            add(item, with_changes(r, target=out[0].id))
            continue
        why = (
            f"its target_relation {target_relation!r} is no edge of the file"
            if target_relation is not None
            else f"{r.target!r} has {len(out)} outgoing relations, not one"
        )
        warn(f"{item.place}: an undercut read as an attack on {r.target!r} ({why})")
        add(item, r)
    return relations


def edge_meaning(item: Item, unmapped: dict[tuple[str, str], int]) -> EdgeMeaning:
    """What an edge says: support, attack or undercut, its label and notes."""
    data = item.data
    lower = {k.lower(): k for k in data}
    used: set[str] = set()
    relation: str | None = None
    for n in KIND_NAMES:
        if n in lower:
            relation = relation_word(data[lower[n]])
            if relation is not None:
                used.add(lower[n])
                break
    label = ""
    if "label" in lower:
        label = data[lower["label"]]
        used.add(lower["label"])
        if relation is None:
            relation = relation_word(label)
    elif item.labels:
        label = " ".join(item.labels)
        if relation is None:
            relation = relation_word(label)
    if relation is None and item.line_colour:
        relation = relation_colour(item.line_colour)
    target_relation = None
    if "target_relation" in lower and data[lower["target_relation"]].strip():
        used.add(lower["target_relation"])
        target_relation = data[lower["target_relation"]].strip()
        relation = "undercut"
    extras = json_fields(data, lower, used, ("comments", "review"))
    if "link" in lower:
        used.add(lower["link"])
        extras["link"] = data[lower["link"]]
    notes: list[str] = []
    note = next((lower[n] for n in NOTE_NAMES if n in lower), None)
    if note is not None:
        used.add(note)
        notes.append(data[note])
    for attr in data:
        if attr not in used and data[attr].strip():
            notes.append(f"{attr}: {data[attr]}")
            unmapped["edge", attr] = unmapped.get(("edge", attr), 0) + 1
    return EdgeMeaning(
        relation or "support",
        label,
        "\n".join(notes),
        relation is not None,
        target_relation,
        extras,
    )


def relation_word(text: str) -> str | None:
    word = text.strip().lower()
    if word in SUPPORT_WORDS:
        return "support"
    if word in ATTACK_WORDS:
        return "attack"
    if word in UNDERCUT_WORDS:
        return "undercut"
    return None
