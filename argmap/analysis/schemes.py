"""How argument schemes and their critical questions act in the evaluation.

The rules (docs/evaluation.md, "Schemes and critical questions"):

- A question answered **no** defeats the reason: under Dung's semantics it is an unattacked
  undercut of the reason's inference (an auxiliary argument ``#R:q``); under DF-QuAD and
  quadratic energy the reason's weight is 0.
- An open question of the **assumption** kind weakens the reason until it is answered: each
  multiplies the reason's weight by the catalogue's ``open_assumption_factor`` (0.8). Dung's
  semantics have no degrees, so there an open assumption changes nothing; `argmap check` lists
  it instead.
- An open question of the **exception** kind costs nothing until it is raised.
- A question **raised** as a claim is carried by that claim and its attack, evaluated like any
  other; its answer no longer counts.
- A reason without a scheme, or with a scheme the catalogue does not know, has weight 1.

>>> from argmap.model import Claim, Relation, build_map
>>> m = build_map([Claim("e"), Claim("a")],
...               [Relation("r", "e", "a", scheme="expert_opinion")])
>>> round(reason_weight([m.relation("r")]), 4)  # three open assumptions: 0.8 ** 3
0.512
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from argmap.model.map import ArgumentMap
from argmap.model.reasons import answered_no, lead, open_assumptions
from argmap.model.schemes import ASSUMPTION, catalogue
from argmap.model.types import Answer, Relation, RelationKind


def doubts(relations: Iterable[Relation]) -> list[str]:
    """The questions answered no of the reason made of these relations (Dung undercuts)."""
    relations = list(relations)
    r = lead(relations)
    if r.kind is not RelationKind.SUPPORT or not r.scheme:
        return []
    return answered_no(r.questions)


def reason_weight(relations: Iterable[Relation]) -> float:
    """The factor a reason's contribution is multiplied by in the gradual semantics."""
    relations = list(relations)
    r = lead(relations)
    if r.kind is not RelationKind.SUPPORT or not r.scheme:
        return 1.0
    if answered_no(r.questions):
        return 0.0
    cat = catalogue()
    n = len(open_assumptions(cat.get(r.scheme), r.questions))
    return cat.open_assumption_factor**n if n else 1.0


@dataclass(frozen=True)
class OpenQuestion:
    """A critical question still open on a reason."""

    relation: str  # the reason's first relation (by id)
    question: str
    kind: str
    text: str
    scheme: str
    target: str  # the claim the reason supports
    state: str = "open"  # "yes" for an assumption already answered yes (key assumptions)

    @property
    def key(self) -> str:
        return f"{self.relation}:{self.question}"


def reasons(m: ArgumentMap) -> list[list[Relation]]:
    """Every reason with a scheme, as its relations (sorted by id), sorted by first id.

    A reason has a scheme when one of its supports has (the lead, `reasons.lead`), so only the
    reasons of supports with a scheme are gathered: on a big map without schemes this is one
    pass over the relations, not a sort and a linked-relations search per relation."""
    schemed = [
        r for r in m.relations.values() if r.scheme and r.kind is RelationKind.SUPPORT
    ]
    groups: dict[str, list[Relation]] = {}
    for r in schemed:
        group = sorted(m.linked(r), key=lambda x: x.id)
        # In the order of their first support: a link may also hold an attack with a
        # smaller id, which a walk over the supports never starts from.
        first = min(x.id for x in group if x.kind is RelationKind.SUPPORT)
        groups.setdefault(first, group)
    return [groups[first] for first in sorted(groups)]


def open_questions(
    m: ArgumentMap, *, exceptions: bool = False, assumed: bool = False
) -> list[OpenQuestion]:
    """The open questions of every reason: assumptions, and exceptions when asked for; with
    `assumed`, also the assumptions answered yes (what a conclusion rests on)."""
    cat = catalogue()
    out = []
    for group in reasons(m):
        r = lead(group)
        scheme = cat.get(r.scheme)
        if scheme is None:
            continue
        answers = {a.id: a for a in r.questions}
        for q in scheme.questions:
            a = answers.get(q.id)
            state = "open" if a is None or (a.state is Answer.OPEN and not a.claim) else ""
            if a is not None and a.state is Answer.YES and not a.claim:
                state = "yes" if assumed and q.kind == ASSUMPTION else ""
            if not state or (q.kind != ASSUMPTION and not exceptions):
                continue
            out.append(OpenQuestion(group[0].id, q.id, q.kind, q.text, scheme.id, r.target, state))
    return out
