"""Schemes in the app, driven as a user does: click an arrow, pick its scheme in the inspector,
answer and raise critical questions, grade evidence, read the Key assumptions dock; undo."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QToolButton

from argmap.analysis.evaluation import evaluate
from argmap.model import Answer, ClaimKind, RelationKind
from argmap.model.grading import likelihood_words
from tests.ui.helpers import card_centre, click

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def undo(qtbot, window) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)


def panel(window):
    return window.features["schemes"].reason_panel


def choose(qtbot, combo: QComboBox, data) -> None:
    """Open the combo's list, scroll to the entry and click it, as a user does."""
    target = combo.findData(data)
    assert target >= 0, data
    qtbot.mouseClick(combo, LEFT)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = view.model().index(target, 0)
    view.scrollTo(index)
    # Qt ignores a release that comes sooner than a double-click after the list opened.
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentIndex() == target


def select_arrow(qtbot, window, a: str, b: str) -> None:
    pa, pb = card_centre(window, a), card_centre(window, b)
    click(qtbot, window, QPointF((pa.x() + pb.x()) / 2, (pa.y() + pb.y()) / 2))


def test_choose_a_scheme_answer_a_question_and_undo_each(qtbot, window):
    m = window.document.model
    select_arrow(qtbot, window, "a", "t")
    assert window.scene.selected_relation_ids() == ["r1"]
    p = panel(window)
    assert p.scheme_box.isVisibleTo(window) and not p.grade_box.isVisibleTo(window)
    before = evaluate(m, "dfquad").strengths["t"]
    choose(qtbot, p.scheme, "expert_opinion")
    assert m.relation("r1").scheme == "expert_opinion"
    # three open assumptions weaken the reason: t is weaker than with a plain support
    weakened = evaluate(m, "dfquad").strengths["t"]
    assert weakened < before
    state = p.findChild(QComboBox, "cq-state-field")
    assert state is not None and p.rows["field"].question.kind == "assumption"
    choose(qtbot, state, "no")
    assert m.relation("r1").answer("field").state is Answer.NO
    assert evaluate(m).labels["a"] == "in"  # grounded: the reason is undercut ...
    note = p.findChild(QLineEdit, "cq-note-field")
    qtbot.mouseClick(note, LEFT)
    qtbot.keyClicks(note, "a pundit, not a diplomat")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    assert m.relation("r1").answer("field").note == "a pundit, not a diplomat"
    assert "0.000" in p.weight.text()
    undo(qtbot, window)  # the note
    assert m.relation("r1").answer("field").note == ""
    assert m.relation("r1").answer("field").state is Answer.NO
    undo(qtbot, window)  # the answer
    assert m.relation("r1").answer("field").state is Answer.OPEN
    assert evaluate(m, "dfquad").strengths["t"] == weakened
    undo(qtbot, window)  # the scheme
    assert m.relation("r1").scheme == ""
    assert evaluate(m, "dfquad").strengths["t"] == before


def test_raise_a_question_as_an_undercut_in_one_step_and_undo(qtbot, window):
    m = window.document.model
    select_arrow(qtbot, window, "a", "t")
    p = panel(window)
    choose(qtbot, p.scheme, "expert_opinion")
    claims, relations = set(m.claims), set(m.relations)
    button = p.findChild(QToolButton, "cq-raise-trustworthy")
    qtbot.mouseClick(button, LEFT, pos=button.rect().topLeft() + button.rect().center() / 2)
    new_claims = set(m.claims) - claims
    new_rels = set(m.relations) - relations
    assert len(new_claims) == 1 and len(new_rels) == 1
    doubt = m.claim(new_claims.pop())
    attack = m.relation(new_rels.pop())
    assert (attack.source, attack.target, attack.kind) == (doubt.id, "r1", RelationKind.ATTACK)
    assert m.relation("r1").answer("trustworthy").claim == doubt.id
    assert window.scene.selected_claim_ids() == [doubt.id]  # ready to be reworded
    assert doubt.id in window.scene.claim_items
    undo(qtbot, window)  # one step takes claim, attack and the mark away
    assert set(m.claims) == claims and set(m.relations) == relations
    assert m.relation("r1").answer("trustworthy").claim == ""


def test_grade_evidence_from_the_inspector_and_undo(qtbot, window):
    m = window.document.model
    click(qtbot, window, card_centre(window, "e"))
    assert window.scene.selected_claim_ids() == ["e"]
    p = panel(window)
    assert p.grade_box.isVisibleTo(window) and not p.scheme_box.isVisibleTo(window)
    choose(qtbot, p.reliability, "B")
    choose(qtbot, p.credibility, 2)
    c = m.claim("e")
    assert (c.reliability, c.credibility) == ("B", 2)
    assert "base score 0.74 (likely)" in p.grade_result.text()
    assert evaluate(m, "dfquad").strengths["e"] == 0.74
    undo(qtbot, window)
    assert m.claim("e").credibility == 0 and m.claim("e").reliability == "B"
    undo(qtbot, window)
    assert m.claim("e").reliability == ""


def test_key_assumptions_dock_ranks_and_follows_answers(qtbot, window):
    m = window.document.model
    feature = window.features["schemes"]
    select_arrow(qtbot, window, "a", "t")
    choose(qtbot, panel(window).scheme, "expert_opinion")
    window.features["schemes"].show_keys()
    keys = feature.key_panel
    assert keys.thesis_id == "t" and m.claim("t").kind is ClaimKind.THESIS
    qtbot.waitUntil(lambda: keys.tree.topLevelItemCount() == 3)  # expertise, field, assertion
    states = {keys.tree.topLevelItem(i).text(1) for i in range(3)}
    assert states == {"open question"}
    # b's unattacked attack keeps t out whatever the answers (no flips), but denying any
    # assumption takes r1's support away, so t's strength moves
    rows = [keys.tree.topLevelItem(i) for i in range(3)]
    assert all(r.text(2) == "0" and float(r.text(3)) > 0 for r in rows)
    choose(qtbot, panel(window).findChild(QComboBox, "cq-state-expertise"), "yes")
    qtbot.waitUntil(
        lambda: (
            "granted (yes)"
            in {keys.tree.topLevelItem(i).text(1) for i in range(keys.tree.topLevelItemCount())}
        )
    )
    s = evaluate(m, "dfquad").strengths["t"]
    assert keys.strength.text() == f"DF-QuAD strength {s:.2f}: <b>{likelihood_words(s)}</b>"
    item = keys.tree.topLevelItem(0)
    rect = keys.tree.visualItemRect(item)
    qtbot.mouseClick(keys.tree.viewport(), LEFT, pos=rect.center())
    assert window.scene.selected_relation_ids() == ["r1"]
