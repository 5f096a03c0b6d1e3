"""A monkey that drives the real window with random user actions, checking after each one.

Used by tests/ui/test_monkey.py (a fixed number of actions in CI) and by
benchmarks/monkey_long.py (many more). Every action goes through the view as a user's would:
mouse presses, drags and key presses; error dialogs are answered the way a user would
(closed). After each step the model's invariants are recomputed and the canvas must show
exactly the model. At the end, undoing everything must give back the starting map.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import drag, send_mouse

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton
# QTest types ASCII only (its key table asserts on anything else); other tests cover Unicode.
WORDS = "talks stall ceasefire troops Kursk drones NATO guarantee land army <b>bold</b>".split()


@dataclass
class Monkey:
    qtbot: object
    window: object
    seed: int
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.vp = self.window.view.viewport()
        self.actions = [
            (8, self.click_card),
            (3, self.click_empty),
            (6, self.drag_card),
            (4, self.connect),
            (3, self.double_click_empty),
            (3, self.key_new),
            (4, self.key_child),
            (4, self.delete),
            (3, self.edit_text),
            (2, self.delete_while_editing),
            (4, self.undo_burst),
            (3, self.redo_burst),
            (2, self.copy_paste),
            (1, self.duplicate),
            (1, self.group),
            (1, self.collapse),
            (2, self.rubber_band),
            (2, self.wheel),
            (1, self.fit),
            (3, self.arrow_keys),
            (1, self.layout),
            (1, self.select_all_delete_undo),
        ]
        self.weights = [w for w, _ in self.actions]

    # -- helpers -----------------------------------------------------------------------------

    @property
    def scene(self):
        return self.window.scene

    @property
    def model(self):
        return self.window.document.model

    def visible_claim(self):
        items = [i for i in self.scene.claim_items.values() if i.isVisible()]
        if not items:
            return None
        item = self.rng.choice(sorted(items, key=lambda i: i.claim.id))
        self.window.view.centerOn(item)
        return item

    def key(self, key, modifiers=NONE) -> None:
        self.qtbot.keyClick(self.vp, key, modifiers)

    def type_text(self) -> None:
        self.qtbot.keyClicks(self.vp, " ".join(self.rng.choice(WORDS) for _ in range(3)))

    def finish_edit(self) -> None:
        if self.scene.editor is not None:
            self.key(self.rng.choice([Qt.Key.Key_Return, Qt.Key.Key_Escape]))

    def empty_point(self) -> QPointF:
        view = self.window.view
        for _ in range(20):
            p = QPoint(
                self.rng.randrange(20, self.vp.width() - 20),
                self.rng.randrange(20, self.vp.height() - 20),
            )
            if not [i for i in view.items(p) if i.isVisible()]:
                return view.mapToScene(p)
        return view.mapToScene(QPoint(5, 5))

    # -- actions -------------------------------------------------------------------------------

    def click_card(self) -> None:
        item = self.visible_claim()
        if item is not None:
            mods = CTRL if self.rng.random() < 0.3 else NONE
            self.qtbot.mouseClick(self.vp, LEFT, mods, self.window.view.mapFromScene(item.pos()))

    def click_empty(self) -> None:
        self.qtbot.mouseClick(
            self.vp, LEFT, NONE, self.window.view.mapFromScene(self.empty_point())
        )

    def drag_card(self) -> None:
        item = self.visible_claim()
        if item is not None:
            start = item.pos()
            offset = QPointF(self.rng.randint(-200, 200), self.rng.randint(-150, 150))
            drag(self.qtbot, self.window, start, start + offset, steps=4)

    def connect(self) -> None:
        a, b = self.visible_claim(), self.visible_claim()
        if a is None or b is None or a is b:
            return
        self.window.view.centerOn((a.pos() + b.pos()) / 2)
        mods = self.rng.choice([SHIFT, CTRL])
        drag(
            self.qtbot,
            self.window,
            a.mapToScene(a.handle_center()),
            b.pos(),
            modifiers=mods,
            steps=4,
        )

    def double_click_empty(self) -> None:
        p = self.window.view.mapFromScene(self.empty_point())
        self.qtbot.mouseDClick(self.vp, LEFT, NONE, p)
        if self.scene.editor is not None:
            self.type_text()
        self.finish_edit()

    def key_new(self) -> None:
        self.key(Qt.Key.Key_N)
        if self.scene.editor is not None:
            self.type_text()
        self.finish_edit()

    def key_child(self) -> None:
        if len(self.scene.selected_claim_ids()) != 1:
            self.click_card()
        self.key(self.rng.choice([Qt.Key.Key_S, Qt.Key.Key_A]))
        if self.scene.editor is not None and self.rng.random() < 0.7:
            self.type_text()
        self.finish_edit()

    def delete(self) -> None:
        if not self.scene.selectedItems():
            self.click_card()
        self.key(self.rng.choice([Qt.Key.Key_Delete, Qt.Key.Key_Backspace]))

    def edit_text(self) -> None:
        item = self.visible_claim()
        if item is None:
            return
        self.qtbot.mouseDClick(self.vp, LEFT, NONE, self.window.view.mapFromScene(item.pos()))
        if self.scene.editor is not None:
            self.key(Qt.Key.Key_End)
            self.key(Qt.Key.Key_Backspace)  # inside the editor: a character, not the claim
            self.type_text()
        self.finish_edit()

    def delete_while_editing(self) -> None:
        item = self.visible_claim()
        if item is None:
            return
        self.scene.select_ids([item.claim.id])
        self.key(Qt.Key.Key_F2)
        self.type_text()
        self.window.delete_action.trigger()  # from the menu, while the editor is open
        self.finish_edit()

    def undo_burst(self) -> None:
        for _ in range(self.rng.randint(1, 8)):
            self.key(Qt.Key.Key_Z, CTRL)

    def redo_burst(self) -> None:
        for _ in range(self.rng.randint(1, 8)):
            self.key(Qt.Key.Key_Y, CTRL)

    def copy_paste(self) -> None:
        if not self.scene.selected_claim_ids():
            self.click_card()
        self.key(Qt.Key.Key_C, CTRL)
        self.key(Qt.Key.Key_V, CTRL)

    def duplicate(self) -> None:
        self.key(Qt.Key.Key_D, CTRL)

    def group(self) -> None:
        if self.rng.random() < 0.5:
            self.key(Qt.Key.Key_G, CTRL)
        else:
            self.key(Qt.Key.Key_G, CTRL | SHIFT)

    def collapse(self) -> None:
        self.key(Qt.Key.Key_C, CTRL | SHIFT)

    def rubber_band(self) -> None:
        a = self.empty_point()
        b = a + QPointF(self.rng.randint(-400, 400), self.rng.randint(-300, 300))
        drag(self.qtbot, self.window, a, b, steps=3)

    def wheel(self) -> None:
        p = QPoint(self.rng.randrange(0, self.vp.width()), self.rng.randrange(0, self.vp.height()))
        delta = self.rng.choice([120, -120, 240, -240])
        event = QWheelEvent(
            QPointF(p),
            QPointF(self.vp.mapToGlobal(p)),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            NONE,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(self.vp, event)

    def fit(self) -> None:
        self.key(Qt.Key.Key_0, CTRL)
        self.window.view.set_zoom(self.rng.choice([0.6, 0.8, 1.0]))

    def arrow_keys(self) -> None:
        for _ in range(self.rng.randint(1, 4)):
            self.key(
                self.rng.choice([Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down])
            )

    def layout(self) -> None:
        self.key(Qt.Key.Key_L, CTRL)

    def select_all_delete_undo(self) -> None:
        self.key(Qt.Key.Key_A, CTRL)
        self.key(Qt.Key.Key_Delete)
        self.key(Qt.Key.Key_Z, CTRL)

    # -- the run -------------------------------------------------------------------------------

    def dismiss_dialogs(self) -> None:
        """Close what a user would close: error boxes, pop-up menus."""
        box = self.window.error_box
        if box is not None and box.isVisible():
            box.close()
        menu = QApplication.activePopupWidget()
        if menu is not None:
            menu.close()

    def check(self, step: int, name: str) -> None:
        problems = self.model.check_invariants()
        scene, m = self.scene, self.model
        if set(scene.claim_items) != set(m.claims):
            problems.append("canvas cards differ from the claims")
        if set(scene.relation_items) != set(m.relations):
            problems.append("canvas arrows differ from the relations")
        if set(scene.group_items) != set(m.groups):
            problems.append("canvas groups differ from the groups")
        for cid, item in scene.claim_items.items():
            c = m.claims.get(cid)
            if c is not None and (item.claim != c or not item.at_model_position()):
                problems.append(f"card {cid} does not show its claim")
                break
        if problems:
            raise AssertionError(
                f"seed {self.seed}, step {step} ({name}): {problems}\n" + "\n".join(self.log[-15:])
            )

    def run(self, steps: int) -> None:
        for step in range(steps):
            action = self.rng.choices(self.actions, weights=self.weights)[0][1]
            self.log.append(f"{step}: {action.__name__}")
            action()
            self.dismiss_dialogs()
            self.check(step, action.__name__)
        self.finish_edit()
        self.dismiss_dialogs()


def run_monkey(qtbot, window, seed: int, steps: int) -> Monkey:
    """Run a monkey and check that undoing everything restores the starting map."""
    start = window.document.model.copy()
    monkey = Monkey(qtbot, window, seed)
    try:
        monkey.run(steps)
        stack = window.document.undo_stack
        monkey.commands = stack.count()
        monkey.claims_at_end = len(window.document.model.claims)
        stack.setIndex(0)
        assert window.document.model == start, f"seed {seed}: undoing everything differs"
        monkey.check(steps, "undo all")
    except BaseException:
        print(f"\nmonkey failed with seed {seed}; replay: ARGMAP_MONKEY_SEED={seed}")
        raise
    return monkey


__all__ = ["run_monkey", "send_mouse", "QEvent"]
