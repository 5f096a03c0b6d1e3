"""Reasons: a support, or the linked supports that only jointly back a conclusion, seen as one.

A scheme belongs to the reason, not to one arrow, so every edit here changes all relations of
the reason at once (one `Composite`, one undo step), and `reason_scheme` reads the reason's
scheme whichever member is asked. Raising a critical question makes the claim that asks it
and the attack it makes, and records the claim on the question, in one edit.

>>> from argmap.model import Claim, Relation, build_map
>>> m = build_map([Claim("e"), Claim("a")], [Relation("r", "e", "a")])
>>> _ = set_scheme(m, "r", "expert_opinion").apply(m)
>>> _ = answer_question(m, "r", "field", Answer.NO, "outside her field").apply(m)
>>> m.relation("r").answer("field").state
<Answer.NO: 'no'>
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model.edits import AddClaim, AddRelation, Composite, UpdateRelation
from argmap.model.errors import ModelError
from argmap.model.map import ArgumentMap
from argmap.model.schemes import ASSUMPTION, Question, Scheme, catalogue
from argmap.model.types import (
    Answer,
    Claim,
    ClaimKind,
    QuestionAnswer,
    Relation,
    RelationKind,
    with_changes,
)

RAISED_TAG = "critical-question"


def members(m: ArgumentMap, relation_id: str) -> list[Relation]:
    """The relations of the reason this relation belongs to, sorted by id."""
    return sorted(m.linked(m.relation(relation_id)), key=lambda r: r.id)


def lead(relations: list[Relation]) -> Relation:
    """The member whose scheme fields speak for the reason: the first (by id) with a scheme."""
    for r in sorted(relations, key=lambda r: r.id):
        if r.scheme:
            return r
    return min(relations, key=lambda r: r.id)


def reason_scheme(m: ArgumentMap, relation_id: str) -> tuple[str, tuple[QuestionAnswer, ...]]:
    """The reason's scheme id and recorded answers ("" and () when it has none)."""
    r = lead(members(m, relation_id))
    return r.scheme, r.questions


def _update_all(m: ArgumentMap, relation_id: str, text: str, **changes: object) -> Composite:
    edits = [UpdateRelation(with_changes(r, **changes)) for r in members(m, relation_id)]
    return Composite(tuple(edits), text)


def set_scheme(m: ArgumentMap, relation_id: str, scheme_id: str) -> Composite:
    """Give the reason a scheme ("" removes it); answers and roles of another scheme go."""
    r = m.relation(relation_id)
    if r.kind is not RelationKind.SUPPORT:
        raise ModelError(f"relation {relation_id!r}: only a support can have a scheme")
    if scheme_id:
        catalogue().scheme(scheme_id)
    current, answers = reason_scheme(m, relation_id)
    keep = answers if scheme_id == current else ()
    edits = []
    for x in members(m, relation_id):
        role = x.role if scheme_id == current else ""
        edits.append(UpdateRelation(with_changes(x, scheme=scheme_id, questions=keep, role=role)))
    name = catalogue().scheme(scheme_id).name if scheme_id else "no scheme"
    return Composite(tuple(edits), f"Scheme: {name}")


def set_role(m: ArgumentMap, relation_id: str, role: str) -> UpdateRelation:
    """The premise role of one member of the reason."""
    r = m.relation(relation_id)
    return UpdateRelation(with_changes(r, role=role))


def _with_answer(answers: tuple[QuestionAnswer, ...], new: QuestionAnswer):
    """Answers with one replaced (kept in catalogue order; open ones without note dropped)."""
    rest = [a for a in answers if a.id != new.id]
    if new.state is not Answer.OPEN or new.note or new.claim:
        rest.append(new)
    return tuple(rest)


def _sorted_answers(scheme: Scheme, answers: tuple[QuestionAnswer, ...]):
    order = {q.id: i for i, q in enumerate(scheme.questions)}
    return tuple(sorted(answers, key=lambda a: order.get(a.id, len(order))))


def answer_question(
    m: ArgumentMap, relation_id: str, question_id: str, state: Answer, note: str = ""
) -> Composite:
    """Record an answer (open, yes, or no with a note) to a question of the reason's scheme."""
    scheme_id, answers = reason_scheme(m, relation_id)
    if not scheme_id:
        raise ModelError(f"relation {relation_id!r} has no scheme")
    scheme = catalogue().scheme(scheme_id)
    scheme.question(question_id)
    old = next((a for a in answers if a.id == question_id), QuestionAnswer(question_id))
    new = with_changes(old, state=Answer(state), note=note)
    updated = _sorted_answers(scheme, _with_answer(answers, new))
    return _update_all(
        m, relation_id, f"Answer {question_id}: {Answer(state).value}", questions=updated
    )


@dataclass(frozen=True)
class Raised:
    """What `raise_question` built: the edit, the new claim's id and the new relation's id."""

    edit: Composite
    claim_id: str
    relation_id: str


def raise_question(
    m: ArgumentMap,
    relation_id: str,
    question_id: str,
    *,
    how: str | None = None,
    text: str = "",
    claim_id: str | None = None,
) -> Raised:
    """Turn a critical question into a claim that undercuts the reason (or rebuts its
    conclusion, or attacks its premise: `how`, by default the question's own `raise_as`)."""
    scheme_id, answers = reason_scheme(m, relation_id)
    if not scheme_id:
        raise ModelError(f"relation {relation_id!r} has no scheme")
    scheme = catalogue().scheme(scheme_id)
    question = scheme.question(question_id)
    how = how or question.raise_as
    r = m.relation(relation_id)
    target = {"undercut": members(m, relation_id)[0].id, "rebut": r.target, "premise": r.source}
    if how not in target:
        raise ModelError(f"cannot raise a question as {how!r} (undercut, rebut or premise)")
    new_claim = claim_id or m.new_id("c")
    new_relation = m.new_id("r")
    if new_relation == new_claim:
        new_relation = new_claim + "r"
    x, y = _near(m, r)
    claim = Claim(
        new_claim,
        text or raised_text(question),
        kind=ClaimKind.CLAIM,
        tags=(RAISED_TAG,),
        notes=f"Critical question {scheme_id}.{question_id} of {relation_id}",
        x=x,
        y=y,
    )
    attack = Relation(new_relation, new_claim, target[how], RelationKind.ATTACK)
    old = next((a for a in answers if a.id == question_id), QuestionAnswer(question_id))
    updated = _sorted_answers(scheme, _with_answer(answers, with_changes(old, claim=new_claim)))
    mark = [UpdateRelation(with_changes(x, questions=updated)) for x in members(m, relation_id)]
    edit = Composite(
        (AddClaim(claim), AddRelation(attack), *mark), f"Raise critical question {question_id}"
    )
    return Raised(edit, new_claim, new_relation)


def raised_text(question: Question) -> str:
    """The starting text of a raised question's claim: the doubt, for the analyst to edit."""
    return f"Doubt ({question.kind}): {question.text}"


def _near(m: ArgumentMap, r: Relation) -> tuple[float, float]:
    src = m.claim(r.source)
    tgt = m.claims.get(r.target)
    if tgt is None:
        return src.x + 260.0, src.y
    return (src.x + tgt.x) / 2 + 280.0, (src.y + tgt.y) / 2


def open_assumptions(scheme: Scheme | None, answers: tuple[QuestionAnswer, ...]) -> list[str]:
    """Ids of the assumption questions that are neither answered nor raised as a claim."""
    if scheme is None:
        return []
    done = {a.id for a in answers if a.state is not Answer.OPEN or a.claim}
    return [q.id for q in scheme.questions if q.kind == ASSUMPTION and q.id not in done]


def answered_no(answers: tuple[QuestionAnswer, ...]) -> list[str]:
    """Ids of the questions answered no (and not handed to a claim)."""
    return [a.id for a in answers if a.state is Answer.NO and not a.claim]
