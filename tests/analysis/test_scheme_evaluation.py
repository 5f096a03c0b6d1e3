"""How critical questions and grades change the evaluation: cases computed by hand.

Map: e (base 0.9) supports a (base 0.5) through reason r, argument from expert opinion, whose
assumption questions are expertise, field and assertion (three) and whose exception questions
are trustworthy, consistent and evidence. The open-assumption factor is 0.8.
"""

from __future__ import annotations

import pytest

from argmap.analysis.cruxes import question_cruxes
from argmap.analysis.evaluation import evaluate
from argmap.model import Answer, Claim, ClaimKind, Relation, build_map
from argmap.model.reasons import answer_question, raise_question


def expert_map(*answers: tuple[str, Answer]):
    m = build_map(
        [Claim("e", base_score=0.9), Claim("a", base_score=0.5)],
        [Relation("r", "e", "a", scheme="expert_opinion")],
    )
    for q, state in answers:
        answer_question(m, "r", q, state).apply(m)
    return m


def dfquad_a(m) -> float:
    return evaluate(m, "dfquad").strengths["a"]


def test_no_scheme_is_the_plain_support():
    m = build_map([Claim("e", base_score=0.9), Claim("a")], [Relation("r", "e", "a")])
    assert dfquad_a(m) == pytest.approx(0.5 + 0.5 * 0.9)  # 0.95


def test_open_assumptions_weaken_the_reason_until_answered():
    # three open: weight 0.8**3 = 0.512, contribution 0.9 * 0.512 = 0.4608
    assert dfquad_a(expert_map()) == pytest.approx(0.5 + 0.5 * 0.4608)  # 0.7304
    # two answered yes, one open: weight 0.8
    m = expert_map(("expertise", Answer.YES), ("field", Answer.YES))
    assert dfquad_a(m) == pytest.approx(0.5 + 0.5 * 0.72)  # 0.86
    m = expert_map(("expertise", Answer.YES), ("field", Answer.YES), ("assertion", Answer.YES))
    assert dfquad_a(m) == pytest.approx(0.95)


def test_open_exceptions_cost_nothing_until_raised_or_answered_no():
    yes = [("expertise", Answer.YES), ("field", Answer.YES), ("assertion", Answer.YES)]
    m = expert_map(*yes)
    assert dfquad_a(m) == pytest.approx(0.95)  # trustworthy, consistent, evidence open
    m = expert_map(*yes, ("trustworthy", Answer.NO))
    assert dfquad_a(m) == pytest.approx(0.5)  # weight 0: the reason is defeated


def test_quadratic_energy_uses_the_same_weight():
    e = 0.9 * 0.512  # energy of the one weighted support
    h = e * e / (1 + e * e)
    assert evaluate(expert_map(), "qe").strengths["a"] == pytest.approx(0.5 + 0.5 * h)


def test_dung_answered_no_acts_as_an_undercut():
    assert evaluate(expert_map()).labels["a"] == "in"  # open questions: no degrees in Dung
    m = expert_map(("field", Answer.NO))
    # the reason's inference is undercut by an unattacked argument, so a lacks support
    assert evaluate(m).labels == {"e": "in", "a": "out"}
    fw = evaluate(m).framework
    assert "#r:field" in fw.names
    # answered yes again: back in
    answer_question(m, "r", "field", Answer.YES).apply(m)
    assert evaluate(m).labels["a"] == "in"


def test_a_raised_question_is_carried_by_its_claim():
    m = expert_map(("field", Answer.NO))
    raised = raise_question(m, "r", "field")
    raised.edit.apply(m)
    # the answer no longer counts; the doubt claim undercuts r and is unattacked, so a is out
    assert "#r:field" not in evaluate(m).framework.names
    assert evaluate(m).labels["a"] == "out"
    # attack the doubt: the reason stands again
    from argmap.model import RelationKind

    m.add_claim(Claim("reply", base_score=1.0))
    m.add_relation(Relation("rr", "reply", raised.claim_id, RelationKind.ATTACK))
    assert evaluate(m).labels["a"] == "in"
    # gradual: doubt (0.5) attacked by reply (1.0) -> 0; undercut scales by 1 - 0 = 1;
    # field raised is no longer open, so two open assumptions: weight 0.64
    assert dfquad_a(m) == pytest.approx(0.5 + 0.5 * 0.9 * 0.64)


def test_graded_evidence_starts_from_its_grade():
    m = build_map(
        [Claim("e", kind=ClaimKind.EVIDENCE, reliability="B", credibility=2), Claim("a")],
        [Relation("r", "e", "a")],
    )
    s = evaluate(m, "dfquad").strengths
    assert s["e"] == pytest.approx(0.74)  # the B2 cell of resources/grading.json
    assert s["a"] == pytest.approx(0.5 + 0.5 * 0.74)
    from argmap.model.types import with_changes

    m.set_info(with_changes(m.info, grading=(("B2", 0.6),)))
    assert evaluate(m, "dfquad").strengths["e"] == pytest.approx(0.6)


def test_question_cruxes_rank_by_label_flips_then_strength():
    # t has one reason r1 (expert opinion from e, 0.9) and one reason r2 (analogy from f, 0.3)
    m = build_map(
        [Claim("t", kind=ClaimKind.THESIS), Claim("e", base_score=0.9), Claim("f", base_score=0.3),
         Claim("u", kind=ClaimKind.THESIS), Claim("g")],
        [Relation("r1", "e", "t", scheme="expert_opinion"),
         Relation("r2", "f", "t", scheme="analogy"),
         Relation("r3", "g", "u", scheme="sign")],
    )  # fmt: skip
    ranked = question_cruxes(m)
    assert {q.relation for q in ranked["t"]} == {"r1", "r2"}  # r3 bears on u only
    assert {q.relation for q in ranked["u"]} == {"r3"}
    # neither reason alone decides t (grounded, necessary support): no flips at all;
    # r1's questions move t more than r2's (0.9 vs 0.3 premise), so they come first
    assert all(q.label_flips == 0 for q in ranked["t"])
    assert [q.relation for q in ranked["t"]][:6] == ["r1"] * 6
    # u has only r3: answering no to any question of sign flips u from in to out
    top = ranked["u"][0]
    assert (top.label_flips, top.label_if_yes, top.label_if_no) == (1, "in", "out")
    # the map is untouched by the what-ifs
    assert m.relation("r1").questions == ()


def test_question_crux_strength_change_by_hand():
    m = build_map(
        [Claim("t", kind=ClaimKind.THESIS), Claim("e", base_score=0.9)],
        [Relation("r1", "e", "t", scheme="expert_opinion")],
    )
    by_q = {q.question: q for q in question_cruxes(m)["t"]}
    base = 0.5 + 0.5 * 0.9 * 0.512
    field = by_q["field"]  # yes: weight 0.64; no: weight 0
    assert field.strength_if_yes == pytest.approx(0.5 + 0.5 * 0.9 * 0.64)
    assert field.strength_if_no == pytest.approx(0.5)
    assert field.strength_change == pytest.approx(base - 0.5)
    trust = by_q["trustworthy"]  # an exception: yes changes nothing
    assert trust.strength_if_yes == pytest.approx(base)
    assert (trust.label_if_yes, trust.label_if_no, trust.label_flips) == ("in", "out", 1)
