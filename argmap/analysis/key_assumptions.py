"""Key assumptions: what a thesis rests on, and how much each matters.

An analyst's *key assumptions check* lists the premises taken for granted. In a map they are
of two sorts:

- **assumption claims** (kind ``assumption``) from which a path leads to the thesis;
- **assumption questions** of the schemes of reasons leading to the thesis, whether still
  open or already answered *yes* (granted: the thesis still rests on it).

Each is weighed with the cruxes machinery (`cruxes.py`): an assumption claim forced in/out
and re-scored 0/1, a question answered yes and no; the rank is the number of label flips of
the thesis, then the largest change of its DF-QuAD strength.

>>> from argmap.model import Claim, ClaimKind, Relation, build_map
>>> m = build_map([Claim("t", kind=ClaimKind.THESIS), Claim("e")],
...               [Relation("r", "e", "t", scheme="sign")])
>>> [(k.item, k.label_flips) for k in key_assumptions(m, "t")]
[('r:strength', 1)]
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis.cruxes import cruxes, question_cruxes
from argmap.model.map import ArgumentMap
from argmap.model.types import ClaimKind


@dataclass(frozen=True)
class KeyAssumption:
    """One assumption under a thesis and what it does to the thesis."""

    item: str  # claim id, or "relation:question"
    sort: str  # "claim" or "question"
    text: str
    state: str  # "assumed" (a claim), "open" or "yes" (a question)
    label_flips: int
    strength_change: float
    relation: str = ""  # for a question: the reason's first relation
    question: str = ""
    scheme: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "item": self.item,
            "sort": self.sort,
            "text": self.text,
            "state": self.state,
            "label_flips": self.label_flips,
            "strength_change": round(self.strength_change, 6),
        }


def key_assumptions(
    m: ArgumentMap, thesis: str, *, semantics: str = "grounded", support: str = "necessary"
) -> list[KeyAssumption]:
    """The assumptions `thesis` rests on, the one that matters most first."""
    out: list[KeyAssumption] = []

    def is_assumption(cid: str) -> bool:
        return m.claims[cid].kind is ClaimKind.ASSUMPTION

    ranked_claims = cruxes(m, thesis, semantics=semantics, support=support, only=is_assumption)
    for c in ranked_claims[thesis]:
        claim = m.claims[c.claim]
        if claim.kind is ClaimKind.ASSUMPTION:
            out.append(
                KeyAssumption(
                    c.claim, "claim", claim.text, "assumed", c.label_flips, c.strength_change
                )
            )
    ranked = question_cruxes(m, thesis, semantics=semantics, support=support, exceptions=False,
                             assumed=True)[thesis]  # fmt: skip
    for q in ranked:
        out.append(
            KeyAssumption(
                f"{q.relation}:{q.question}",
                "question",
                q.text,
                q.state,
                q.label_flips,
                q.strength_change,
                q.relation,
                q.question,
                q.scheme,
            )  # fmt: skip
        )
    out.sort(key=lambda k: (-k.label_flips, -k.strength_change, k.item))
    return out
