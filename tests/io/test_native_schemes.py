"""Schemes, answers and grades in .argmap files: round trip, defaults left out, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.analysis.diff import diff_maps, format_diff, outline
from argmap.analysis.merge import merge_maps
from argmap.cli import main
from argmap.io import native
from argmap.model import Answer, Claim, ClaimKind, Relation, build_map
from argmap.model.reasons import answer_question, raise_question
from argmap.model.types import MapInfo, QuestionAnswer, with_changes

SEED = Path(__file__).resolve().parents[2] / "seeds" / "peace-talks.argmap"


def graded_map():
    return build_map(
        [
            Claim("e", "The minister said so", ClaimKind.EVIDENCE, reliability="B", credibility=3),
            Claim("f", "Ukraine was invaded", ClaimKind.EVIDENCE, credibility=1),
            Claim("a", "Talks will fail"),
        ],
        [
            Relation(
                "r1", "e", "a", scheme="expert_opinion", role="assertion",
                questions=(QuestionAnswer("field", Answer.NO, "a diplomat, not a soldier"),
                           QuestionAnswer("expertise", Answer.YES)),
            ),
            Relation("r2", "f", "a", scheme="aif:Argument From Moral Virtue"),
        ],
        info=MapInfo(title="t", grading=(("B3", 0.55),)),
    )  # fmt: skip


def test_round_trip_keeps_every_scheme_and_grade_field(tmp_path):
    m = graded_map()
    path = tmp_path / "m.argmap"
    native.write(m, path)
    again = native.read(path)
    assert again == m
    native.write(again, tmp_path / "n.argmap")
    assert (tmp_path / "n.argmap").read_bytes() == path.read_bytes()
    doc = json.loads(path.read_text())
    r1 = next(r for r in doc["relations"] if r["id"] == "r1")
    assert r1["questions"] == [
        {"id": "field", "state": "no", "note": "a diplomat, not a soldier"},
        {"id": "expertise", "state": "yes"},
    ]
    assert doc["grading"] == {"B3": 0.55}
    f = next(c for c in doc["claims"] if c["id"] == "f")
    assert f["credibility"] == 1 and "reliability" not in f


def test_maps_without_the_new_fields_are_written_byte_identically():
    data = SEED.read_bytes()
    m = native.read(SEED)
    if not any(r.scheme for r in m.relations.values()):
        assert native.dumps(m).encode() == data
    plain = build_map([Claim("a"), Claim("b")], [Relation("r", "a", "b")])
    text = native.dumps(plain)
    for word in ("scheme", "role", "questions", "reliability", "credibility", "grading"):
        assert f'"{word}"' not in text


def _write_bad(tmp_path, edit):
    doc = native.to_dict(graded_map())
    edit(doc)
    path = tmp_path / "bad.argmap"
    path.write_text(json.dumps(doc))
    return path


BAD = {
    "unknown scheme": (
        lambda d: d["relations"][0].update(scheme="expert_opinon"),
        "$.relations[0].scheme", "unknown scheme 'expert_opinon'",
    ),
    "question of another scheme": (
        lambda d: d["relations"][0]["questions"].append({"id": "similar"}),
        "$.relations[0].questions[2].id", "no critical question 'similar'",
    ),
    "reliability out of range": (
        lambda d: d["claims"][1].update(reliability="G"),
        "$.claims[1].reliability", "not one of",
    ),
    "credibility out of range": (
        lambda d: d["claims"][1].update(credibility=7),
        "$.claims[1].credibility", "out of range",
    ),
    "scheme on an attack": (
        lambda d: d["relations"][0].update(kind="attack"),
        "$.relations[0].scheme", "only a support",
    ),
    "role of another scheme": (
        lambda d: d["relations"][0].update(role="similarity"),
        "$.relations[0].role", "no premise role 'similarity'",
    ),
    "questions on an unknown AIF scheme": (
        lambda d: d["relations"][1].update(questions=[{"id": "field"}]),
        "$.relations[1].questions[0].id", "no critical question",
    ),
    "grading cell": (
        lambda d: d.update(grading={"B7": 0.5}),
        "$.grading", "",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_one_line_naming_file_and_place_exit_2(tmp_path, capsys, case):
    edit, place, reason = BAD[case]
    path = _write_bad(tmp_path, edit)
    before = path.read_bytes()
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert str(path) in err and place in err and reason in err, err
    assert path.read_bytes() == before


def test_linked_members_must_agree_on_the_scheme(tmp_path):
    m = build_map(
        [Claim("p"), Claim("q"), Claim("c")],
        [Relation("r1", "p", "c", link="L", scheme="analogy"),
         Relation("r2", "q", "c", link="L", scheme="example")],
    )  # fmt: skip
    path = tmp_path / "linked.argmap"
    path.write_text(native.dumps(m))
    with pytest.raises(Exception) as err:
        native.read(path)
    assert "$.relations[1].scheme" in str(err.value) and "linked relation" in str(err.value)


def test_diff_and_outline_show_answers_and_grades():
    old = graded_map()
    new = old.copy()
    answer_question(new, "r1", "assertion", Answer.YES).apply(new)
    new.replace_claim(with_changes(new.claim("e"), reliability="A"))
    d = diff_maps(old, new)
    assert d.relations.changed_ids() == {"r1": ("questions",)}
    text = format_diff(d)
    assert "assertion: open → yes" in text
    assert "reliability: 'B' → 'A'" in text
    o = outline(new)
    assert "scheme: expert_opinion (role assertion)" in o
    assert 'question field: no ("a diplomat, not a soldier")' in o
    assert "grade: A3" in o


def test_merge_keeps_both_sides_answers_and_names_a_clash():
    base = graded_map()
    ours, theirs = base.copy(), base.copy()
    answer_question(ours, "r1", "assertion", Answer.YES).apply(ours)
    answer_question(theirs, "r1", "trustworthy", Answer.NO, "paid by the ministry").apply(theirs)
    theirs.replace_claim(with_changes(theirs.claim("f"), reliability="C"))
    res = merge_maps(base, ours, theirs)
    assert res.clean
    r1 = res.map.relation("r1")
    assert r1.answer("assertion").state is Answer.YES
    assert r1.answer("trustworthy").note == "paid by the ministry"
    assert res.map.claim("f").reliability == "C"
    # both answer the same question differently: ours kept, a conflict names it
    ours2, theirs2 = base.copy(), base.copy()
    answer_question(ours2, "r1", "field", Answer.YES).apply(ours2)
    answer_question(theirs2, "r1", "field", Answer.OPEN, "unsure").apply(theirs2)
    res2 = merge_maps(base, ours2, theirs2)
    assert not res2.clean
    assert any("critical question field" in c.message for c in res2.conflicts)
    assert res2.map.relation("r1").answer("field").state is Answer.YES


def test_raised_question_claim_must_exist(tmp_path):
    m = graded_map()
    raised = raise_question(m, "r1", "trustworthy")
    raised.edit.apply(m)
    doc = native.to_dict(m)
    r1 = next(r for r in doc["relations"] if r["id"] == "r1")
    assert {"id": "trustworthy", "claim": raised.claim_id} in r1["questions"]
    assert native.loads(native.dumps(m)) == m
    r1["questions"][-1]["claim"] = "ghost"
    doc["relations"] = [r for r in doc["relations"] if r["id"] != raised.relation_id]
    doc["claims"] = [c for c in doc["claims"] if c["id"] != raised.claim_id]
    with pytest.raises(Exception, match=r"questions\[\d\]\.claim"):
        native.loads(json.dumps(doc))
