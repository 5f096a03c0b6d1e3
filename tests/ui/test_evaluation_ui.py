"""The evaluation in the app, driven as a user drives it: the semantics chosen in the toolbar,
what-if and "why?" from the canvas's context menu, Delete and Ctrl+Z on the keyboard, a click
in the checks panel. Assertions compare the cards with `evaluate()` on the same map."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QTreeWidget

from argmap.analysis.checks import check
from argmap.analysis.evaluation import evaluate
from argmap.model import Claim, Relation, RelationKind
from argmap.model.edits import AddClaim, AddRelation
from argmap.ui import evaluation_labels as evaluation_ui
from argmap.ui.evaluation_labels import SETTINGS_KEY, credulous_labels
from tests.ui.helpers import card_centre, click, vp

CTRL = Qt.KeyboardModifier.ControlModifier
ITEM_LABEL = {"in": "in", "out": "out", "undec": "undecided"}


@pytest.fixture
def ctl(window):
    """The window's evaluation controller; the remembered semantics is reset afterwards."""
    controller = window.features["evaluation"]
    yield controller
    if controller.score_dialog is not None and controller.score_dialog.isVisible():
        controller.score_dialog.reject()
    controller.set_semantics(None)
    QSettings("argmap", "argmap").remove(SETTINGS_KEY)


def settle(qtbot, ctl) -> None:
    qtbot.waitUntil(ctl.is_current, timeout=5000)


def choose(qtbot, window, ctl, text: str) -> None:
    """Pick a semantics in the toolbar's combo box, as a user does."""
    combo = window.findChild(QComboBox, "evaluation-combo")
    assert combo is not None and combo.isVisible()
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)
    settle(qtbot, ctl)


def shown(window) -> dict[str, str | None]:
    return {cid: item.overlay_label for cid, item in window.scene.claim_items.items()}


def expected(window, semantics: str, **kw) -> dict[str, str]:
    labels = evaluate(window.document.model, semantics, **kw).labels
    return {c: ITEM_LABEL[v] for c, v in labels.items()}


def context_action(window, item_id: str, name: str) -> QAction:
    """Right-click a card and find an entry of its context menu by object name."""
    pos = vp(window, card_centre(window, item_id))
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, window.view.viewport().mapToGlobal(pos)
    )
    QApplication.sendEvent(window.view.viewport(), event)
    menu = window.context_menu
    assert menu is not None and menu.isVisible()
    action = menu.findChild(QAction, name)
    assert action is not None, name
    return action


def close_menu(qtbot, window) -> None:
    """Close the context menu; the offscreen platform leaves it the active window otherwise."""
    window.context_menu.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def trigger(qtbot, window, item_id: str, name: str) -> None:
    action = context_action(window, item_id, name)
    assert action.isEnabled()
    action.trigger()
    close_menu(qtbot, window)


def test_overlay_follows_the_semantics_chosen_in_the_toolbar(qtbot, window, ctl):
    assert all(label is None for label in shown(window).values())  # Off by default
    choose(qtbot, window, ctl, "Grounded")
    assert shown(window) == expected(window, "grounded")
    assert shown(window)["t"] == "out"  # the unattacked objection b defeats the thesis
    assert QSettings("argmap", "argmap").value(SETTINGS_KEY) == "grounded"
    status = window.findChild(QLabel, "evaluation-status")
    assert status.isVisible() and "3 in · 1 out · 0 undecided" in status.text()
    choose(qtbot, window, ctl, "DF-QuAD")
    strengths = evaluate(window.document.model, "dfquad").strengths
    for cid, item in window.scene.claim_items.items():
        assert item.overlay_strength == pytest.approx(strengths[cid])
    choose(qtbot, window, ctl, "Quadratic energy")
    strengths = evaluate(window.document.model, "qe").strengths
    assert window.scene.claim_items["t"].overlay_strength == pytest.approx(strengths["t"])
    choose(qtbot, window, ctl, "Off")
    assert all(i.overlay_label is None for i in window.scene.claim_items.values())
    assert all(i.overlay_strength is None for i in window.scene.claim_items.values())
    window.view.grab()  # every badge painted without error


def test_preferred_is_credulous_and_stable_sceptical(qtbot, window, ctl):
    # b and e attack each other: two preferred extensions, one with each.
    window.document.push_all(
        [
            AddRelation(Relation("r4", "e", "b", RelationKind.ATTACK)),
            AddRelation(Relation("r5", "b", "e", RelationKind.ATTACK)),
        ],
        "Mutual attack",
    )
    choose(qtbot, window, ctl, "Preferred (credulous)")
    ev = evaluate(window.document.model, "preferred")
    assert len(ev.extensions) == 2
    want = {c: ITEM_LABEL[v] for c, v in credulous_labels(ev).items()}
    assert shown(window) == want
    assert want["b"] == want["e"] == "in" and ev.labels["b"] == "undec"
    choose(qtbot, window, ctl, "Stable")
    assert shown(window) == expected(window, "stable")
    assert shown(window)["b"] == "undecided"


def test_deleting_an_attacker_relabels_and_undo_restores(qtbot, window, ctl):
    choose(qtbot, window, ctl, "Grounded")
    assert shown(window)["t"] == "out"
    click(qtbot, window, card_centre(window, "b"))
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert "b" not in window.document.model.claims
    settle(qtbot, ctl)
    assert shown(window) == expected(window, "grounded") and shown(window)["t"] == "in"
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)
    settle(qtbot, ctl)
    assert shown(window)["t"] == "out" and shown(window)["b"] == "in"


def test_what_if_rejected_is_hypothetical_and_undoable(qtbot, window, ctl):
    choose(qtbot, window, ctl, "Grounded")
    before = window.document.model.copy()
    trigger(qtbot, window, "b", "assume-rejected")
    settle(qtbot, ctl)
    b, t = window.scene.claim_items["b"], window.scene.claim_items["t"]
    assert t.overlay_label == "in" and b.overlay_label == "out"
    assert shown(window) == expected(window, "grounded", overrides={"b": "out"})
    assert b.overlay_hypothetical and b.overlay_note == "assumed out"
    assert not t.overlay_hypothetical
    what_if = window.findChild(QLabel, "what-if-status")
    assert what_if.isVisible() and "1 assumption" in what_if.text()
    assert window.document.model == before  # an assumption is not an edit of the map
    assert window.document.undo_stack.undoText() == "Assume rejected"
    window.view.grab()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)
    settle(qtbot, ctl)
    assert t.overlay_label == "out" and not b.overlay_hypothetical
    assert not what_if.isVisible() and ctl.overrides == {}
    window.document.undo_stack.redo()
    settle(qtbot, ctl)
    assert t.overlay_label == "in" and b.overlay_hypothetical
    # Deleting the assumed claim ends its assumption; undoing the delete brings it back.
    click(qtbot, window, card_centre(window, "b"))
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    settle(qtbot, ctl)
    assert not what_if.isVisible() and shown(window) == expected(window, "grounded")
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)
    settle(qtbot, ctl)
    b = window.scene.claim_items["b"]
    assert what_if.isVisible() and b.overlay_hypothetical and b.overlay_label == "out"


def test_what_if_accepted_then_clear_all_from_the_status_bar(qtbot, window, ctl):
    choose(qtbot, window, ctl, "Grounded")
    trigger(qtbot, window, "t", "assume-accepted")
    trigger(qtbot, window, "e", "assume-rejected")
    settle(qtbot, ctl)
    want = expected(window, "grounded", overrides={"t": "in", "e": "out"})
    assert shown(window) == want and want["t"] == "in" and want["a"] == "out"
    assert "2 assumptions" in window.findChild(QLabel, "what-if-status").text()
    # The menu shows what is assumed and offers to clear it.
    assert context_action(window, "t", "assume-accepted").isChecked()
    assert window.context_menu.findChild(QAction, "clear-assumption").isEnabled()
    close_menu(qtbot, window)
    window.findChild(QLabel, "what-if-status").linkActivated.emit("clear")
    settle(qtbot, ctl)
    assert ctl.overrides == {} and shown(window) == expected(window, "grounded")
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)  # brings both back, one step
    settle(qtbot, ctl)
    assert ctl.overrides == {"t": "in", "e": "out"}


def test_what_if_with_the_overlay_off_turns_it_on(qtbot, window, ctl):
    trigger(qtbot, window, "b", "assume-rejected")
    settle(qtbot, ctl)
    assert ctl.semantics == "grounded" and shown(window)["t"] == "in"


def test_what_if_score_slider_previews_and_commits_one_step(qtbot, window, ctl):
    choose(qtbot, window, ctl, "DF-QuAD")
    t = window.scene.claim_items["t"]
    start = t.overlay_strength
    steps = window.document.undo_stack.count()
    trigger(qtbot, window, "b", "what-if-score")
    dialog = ctl.score_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.slider.setValue(0)  # an objection worth nothing: the thesis recovers
    settle(qtbot, ctl)
    assert t.overlay_strength == pytest.approx(
        evaluate(window.document.model, "dfquad", overrides={"b": 0.0}).strengths["t"]
    )
    assert t.overlay_strength > start
    dialog.slider.setValue(20)
    dialog.accept()
    settle(qtbot, ctl)
    assert ctl.overrides == {"b": 0.2}
    assert window.document.undo_stack.count() == steps + 1
    assert window.scene.claim_items["b"].overlay_note == "what-if 0.20"
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, CTRL)
    settle(qtbot, ctl)
    assert t.overlay_strength == pytest.approx(start) and ctl.overrides == {}


def test_what_if_score_cancel_leaves_nothing(qtbot, window, ctl):
    choose(qtbot, window, ctl, "Grounded")
    trigger(qtbot, window, "b", "what-if-score")
    assert ctl.semantics == "dfquad"  # scores count in gradual semantics only
    ctl.score_dialog.slider.setValue(90)
    ctl.score_dialog.reject()
    settle(qtbot, ctl)
    assert ctl.overrides == {} and not window.scene.claim_items["b"].overlay_hypothetical
    assert window.scene.claim_items["t"].overlay_strength == pytest.approx(
        evaluate(window.document.model, "dfquad").strengths["t"]
    )


def test_why_highlights_attackers_and_defenders_until_escape(qtbot, window, ctl):
    theme = window.theme
    choose(qtbot, window, ctl, "Grounded")
    trigger(qtbot, window, "t", "evaluation-why")
    items, rels = window.scene.claim_items, window.scene.relation_items
    assert items["b"].highlight == theme.label_out  # the accepted objection defeats t
    assert rels["r2"].highlight == theme.label_out
    assert items["a"].highlight is None and items["e"].highlight is None
    assert "rejected" in window.statusBar().currentMessage()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Escape)
    assert items["b"].highlight is None and rels["r2"].highlight is None
    # d defeats the objection: now t stands, defended by d.
    window.document.push_all(
        [
            AddClaim(Claim("d", "The deal needs Kyiv", x=350, y=500)),
            AddRelation(Relation("r6", "d", "b", RelationKind.ATTACK)),
        ],
        "Defend",
    )
    settle(qtbot, ctl)
    trigger(qtbot, window, "t", "evaluation-why")
    assert items["b"].highlight == theme.label_out and items["d"].highlight == theme.label_in
    assert rels["r6"].highlight == theme.label_in and rels["r2"].highlight == theme.label_out
    click(qtbot, window, (600, -300))  # empty canvas
    assert all(i.highlight is None for i in items.values())
    assert all(r.highlight is None for r in rels.values())


def test_why_is_disabled_with_the_overlay_off(qtbot, window, ctl):
    action = context_action(window, "t", "evaluation-why")
    assert not action.isEnabled()
    close_menu(qtbot, window)


def test_clicking_a_finding_selects_its_claims(qtbot, window, ctl):
    tree = window.findChild(QTreeWidget, "checks-tree")
    findings = check(window.document.model)
    assert tree is not None and findings
    assert [f.message for f in window.features["checks"].panel.findings] == [
        f.message for f in findings
    ]
    branch = tree.topLevelItem(0)
    leaf = branch.child(0)
    chosen = window.features["checks"].panel.findings[0]
    window.docks["checks"].show()
    window.docks["checks"].raise_()
    qtbot.waitUntil(tree.isVisible)
    tree.scrollToItem(leaf)
    rect = tree.visualItemRect(leaf)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.scene.selected_claim_ids() == sorted(chosen.claims)


def test_checks_refresh_after_an_edit(qtbot, window, ctl):
    codes = {f.code for f in window.features["checks"].panel.findings}
    assert "isolated-claim" not in codes
    window.document.push(AddClaim(Claim("lonely", "Nobody argues with me", x=500)), "Add")
    qtbot.waitUntil(
        lambda: any(f.code == "isolated-claim" for f in window.features["checks"].panel.findings),
        timeout=3000,
    )
    assert window.features["checks"].panel.findings == check(window.document.model)


def test_big_maps_are_evaluated_off_the_gui_thread(qtbot, window, ctl):
    ctl.background_claims = 0  # every map counts as big
    choose(qtbot, window, ctl, "Grounded")
    assert shown(window) == expected(window, "grounded")
    # Two edits while the worker may be busy: the stale answer is dropped, the last one shown.
    click(qtbot, window, card_centre(window, "b"))
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    trigger(qtbot, window, "e", "assume-rejected")
    settle(qtbot, ctl)
    assert shown(window) == {
        c: v for c, v in expected(window, "grounded", overrides={"e": "out"}).items()
    }
    window.features["checks"].background_claims = 0
    window.features["checks"].refresh()
    qtbot.waitUntil(lambda: not window.features["checks"]._busy, timeout=3000)
    assert window.features["checks"].panel.findings == check(window.document.model)


def test_a_search_limit_is_shown_in_the_status_bar(qtbot, window, ctl, monkeypatch):
    window.document.push_all(
        [
            AddRelation(Relation("r4", "e", "b", RelationKind.ATTACK)),
            AddRelation(Relation("r5", "b", "e", RelationKind.ATTACK)),
        ],
        "Mutual attack",
    )
    monkeypatch.setattr(evaluation_ui, "GUI_MAX_STEPS", 0)
    choose(qtbot, window, ctl, "Preferred (credulous)")
    status = window.findChild(QLabel, "evaluation-status")
    assert ctl.problem is not None and "overlay hidden" in status.text()
    assert all(label is None for label in shown(window).values())
    monkeypatch.setattr(evaluation_ui, "GUI_MAX_STEPS", 2_000_000)
    choose(qtbot, window, ctl, "Grounded")
    assert ctl.problem is None and shown(window) == expected(window, "grounded")


def test_opening_another_map_drops_the_assumptions(qtbot, window, ctl, tmp_path):
    from argmap.io import native
    from argmap.model.synthetic import synthetic_map

    choose(qtbot, window, ctl, "Grounded")
    trigger(qtbot, window, "b", "assume-rejected")
    settle(qtbot, ctl)
    window.document.undo_stack.setClean()
    other = tmp_path / "other.argmap"
    native.write(synthetic_map(20, seed=3), other)
    assert window.open_path(other)
    settle(qtbot, ctl)
    assert ctl.overrides == {}
    assert not window.findChild(QLabel, "what-if-status").isVisible()
    assert shown(window) == expected(window, "grounded")


def test_screenshot_options_show_assumptions_and_why(qtbot, tmp_path, capsys):
    from PySide6.QtGui import QImage

    from argmap.ui.app import run_app

    shot = tmp_path / "evaluation.png"
    args = ["--evaluation", "grounded", "--assume", "compromise-withdrawn=out"]
    args += ["--why", "four-regions-nonstarter", "--screenshot", str(shot), "--size", "800x600"]
    assert run_app(args) == 0
    assert QImage(str(shot)).width() == 800
    assert run_app(["--assume", "nope=in", "--screenshot", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no claim 'nope'" in err[0] and "peace-talks.argmap" in err[0]
    assert not (tmp_path / "x.png").exists()
    with pytest.raises(SystemExit):
        run_app(["--assume", "x=2"])
    assert "is not ID=in, ID=out or ID=SCORE" in capsys.readouterr().err
