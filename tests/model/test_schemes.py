"""The scheme catalogue, the AIF lookup, grades, and the reason edits (with undo)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from argmap.model import Answer, Claim, ModelError, Relation, RelationKind, build_map
from argmap.model.grading import GRADES, Grading, likelihood_words, map_grading
from argmap.model.reasons import answer_question, raise_question, reason_scheme, set_scheme
from argmap.model.schemes import (
    ASSUMPTION,
    EXCEPTION,
    RAISE_AS,
    UNKNOWN_PREFIX,
    catalogue,
    from_aif,
    to_aif,
)
from argmap.model.types import with_changes
from argmap.resources import SOURCE_DIR, resource_path

ROOT = Path(__file__).resolve().parents[2]

# The schemes issue 16 names, by catalogue id.
REQUIRED = [
    "expert_opinion", "witness_testimony", "popular_opinion", "analogy", "cause_to_effect",
    "correlation_to_cause", "sign", "positive_consequences", "negative_consequences",
    "practical_reasoning", "verbal_classification", "commitment", "direct_ad_hominem",
    "circumstantial_ad_hominem", "bias", "precedent", "example", "established_rule",
    "position_to_know", "gradualism", "slippery_slope", "best_explanation", "ignorance",
    "waste", "threat",
]  # fmt: skip


def test_catalogue_has_the_schemes_the_issue_names_each_with_roles_and_questions():
    cat = catalogue()
    assert len(cat) >= 25
    for sid in REQUIRED:
        assert sid in cat, sid
    for s in cat:
        assert s.premises and len(s.questions) >= 2, s.id
        assert len({p.role for p in s.premises}) == len(s.premises), s.id
        assert len({q.id for q in s.questions}) == len(s.questions), s.id
        for q in s.questions:
            assert q.kind in (ASSUMPTION, EXCEPTION) and q.raise_as in RAISE_AS
            assert q.text.endswith("?"), (s.id, q.id)
        # every scheme has at least one question of each burden, or it says nothing useful
        assert {q.kind for q in s.questions} & {ASSUMPTION}, s.id


def test_catalogue_file_is_the_one_loaded_and_every_scheme_id_is_unique():
    data = json.loads((SOURCE_DIR / "schemes.json").read_text(encoding="utf-8"))
    ids = [s["id"] for s in data["schemes"]]
    assert len(ids) == len(set(ids)) == len(catalogue())


def test_aif_names_and_ova_numbers_map_to_catalogue_ids_and_back():
    assert from_aif("Expert Opinion") == "expert_opinion"
    assert from_aif("expert opinion") == "expert_opinion"
    assert from_aif("Argument From Expert Opinion") == "expert_opinion"
    assert from_aif("15") == "expert_opinion"
    assert from_aif("Full Slippery Slope") == "slippery_slope"
    assert from_aif("Rule") == "established_rule"
    assert from_aif("Default Inference") == ""
    assert from_aif("Argument From Moral Virtue") == UNKNOWN_PREFIX + "Argument From Moral Virtue"
    for s in catalogue():
        assert from_aif(to_aif(s.id)) == s.id
        for name in s.aif:
            assert from_aif(name) == s.id
    assert to_aif("") == "Default Inference"
    assert to_aif("aif:Moral Virtue") == "Moral Virtue"


def test_resources_ship_as_data_files():
    """pyproject's data-files glob covers every resource the code loads (an installed argmap
    finds them through argmap/resources.py)."""
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = conf["tool"]["setuptools"]["data-files"]["share/argmap/resources"]
    shipped = {p.name for g in globs for p in ROOT.glob(g)}
    for name in ("schemes.json", "grading.json", "argmap.schema.json"):
        assert name in shipped
        assert resource_path(name) == SOURCE_DIR / name


def test_grading_table_and_words():
    g = Grading.default()
    assert set(g.scores) == set(GRADES)
    assert g.score("A", 1) == 0.95 and g.score("E", 5) == pytest.approx(0.46)
    assert g.score("", 0) is None
    assert g.score("B", 0) == g.score("B", 6)  # one axis only: the other cannot be judged
    assert g.describe("B", 2) == "B2 (usually reliable, probably true)"
    # ICD 203 bands: lower bound included
    cases = {0.0: "almost no chance", 0.049: "almost no chance", 0.05: "very unlikely",
             0.2: "unlikely", 0.45: "roughly even chance", 0.55: "likely", 0.8: "very likely",
             0.95: "almost certain", 1.0: "almost certain"}  # fmt: skip
    for p, words in cases.items():
        assert likelihood_words(p) == words, p


def test_user_settings_and_map_override_the_table(tmp_path, monkeypatch):
    settings = tmp_path / "grading.json"
    settings.write_text(json.dumps({"scores": {"B2": 0.7, "C3": 0.5}}))
    monkeypatch.setenv("ARGMAP_GRADING", str(settings))
    table = map_grading((("C3", 0.42),))
    assert table.score("B", 2) == 0.7  # settings
    assert table.score("C", 3) == 0.42  # the map wins over the settings
    assert table.score("A", 1) == 0.95  # untouched cells
    settings.write_text(json.dumps({"scores": {"Z9": 0.7}}))
    with pytest.raises(ModelError) as err:
        map_grading(())
    assert str(settings) in str(err.value) and "Z9" in str(err.value)


def _map():
    return build_map(
        [Claim("e", "She says so", x=0, y=200), Claim("a", "It is so"), Claim("f")],
        [Relation("r", "e", "a"), Relation("x", "f", "a", RelationKind.ATTACK)],
    )


def test_bad_scheme_data_is_refused_by_the_model():
    m = _map()
    r = m.relation("r")
    with pytest.raises(ModelError, match="unknown scheme 'nonsense'"):
        m.replace_relation(with_changes(r, scheme="nonsense"))
    with pytest.raises(ModelError, match="only a support"):
        m.replace_relation(with_changes(m.relation("x"), scheme="expert_opinion"))
    from argmap.model.types import QuestionAnswer

    with pytest.raises(ModelError, match="no critical question 'similar'"):
        m.replace_relation(
            with_changes(r, scheme="expert_opinion", questions=(QuestionAnswer("similar"),))
        )
    with pytest.raises(ModelError, match="no premise role"):
        m.replace_relation(with_changes(r, scheme="expert_opinion", role="base"))
    with pytest.raises(ModelError, match="not one of A-F"):
        m.replace_claim(with_changes(m.claim("e"), reliability="G"))
    with pytest.raises(ModelError, match="not one of 1-6"):
        m.replace_claim(with_changes(m.claim("e"), credibility=7))
    assert m == _map()  # nothing half-changed


def test_set_answer_raise_and_undo_each_restore_the_map():
    m = _map()
    before = m.copy()
    undo1 = set_scheme(m, "r", "expert_opinion").apply(m)
    assert reason_scheme(m, "r") == ("expert_opinion", ())
    undo2 = answer_question(m, "r", "field", Answer.NO, "she is a chemist").apply(m)
    a = m.relation("r").answer("field")
    assert (a.state, a.note) == (Answer.NO, "she is a chemist")
    raised = raise_question(m, "r", "trustworthy")
    undo3 = raised.edit.apply(m)
    doubt = m.claim(raised.claim_id)
    assert "free of interests or bias" in doubt.text
    attack = m.relation(raised.relation_id)
    assert (attack.source, attack.target, attack.kind) == (doubt.id, "r", RelationKind.ATTACK)
    assert m.relation("r").answer("trustworthy").claim == doubt.id
    rebut = raise_question(m, "r", "consistent")  # an exception raised as a rebuttal
    undo4 = rebut.edit.apply(m)
    assert m.relation(rebut.relation_id).target == "a"
    assert m.check_invariants() == []
    for undo in (undo4, undo3, undo2, undo1):
        undo.apply(m)
    assert m == before


def test_scheme_edits_change_every_relation_of_a_linked_reason():
    m = build_map(
        [Claim("p1"), Claim("p2"), Claim("c")],
        [Relation("r1", "p1", "c", link="L"), Relation("r2", "p2", "c", link="L")],
    )
    set_scheme(m, "r2", "analogy").apply(m)
    answer_question(m, "r1", "similar", Answer.YES).apply(m)
    for rid in ("r1", "r2"):
        assert m.relation(rid).scheme == "analogy"
        assert m.relation(rid).answer("similar").state is Answer.YES
    # changing the scheme drops answers that belonged to the old one
    set_scheme(m, "r1", "example").apply(m)
    assert m.relation("r2").questions == ()
