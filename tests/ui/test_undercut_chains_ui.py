"""Dragging a card in a long chain of undercuts re-routes each arrow once, in order.

A card that is the source of half the undercuts of a chain (an argument and its rebuttals,
each attacking the one before) re-routed the rest of the chain once for every arrow it
touched: moving it in a chain of 4,000 undercuts took 121 s. Now every arrow is re-routed once
per move, after the arrow it aims at, so each undercut still ends at the middle of the arrow
it attacks.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF

from argmap.io import registry
from argmap.model.map import build_map
from argmap.model.types import Claim, Relation, RelationKind
from argmap.ui.document import Document
from argmap.ui.items.relation_item import RelationItem
from argmap.ui.main_window import MainWindow
from tests.ui.helpers import card_centre, drag

UNDERCUTS = 2_000


def chain(n: int):
    """a and b, b supports a (r0), u1 undercuts r0, u2 undercuts u1, ...: sources alternate."""
    claims = [Claim("a", "conclusion", x=0.0, y=0.0), Claim("b", "premise", x=300.0, y=250.0)]
    relations = [Relation("r0", "b", "a", RelationKind.SUPPORT)]
    for i in range(1, n + 1):
        source = "a" if i % 2 else "b"
        relations.append(
            Relation(f"u{i}", source, f"u{i - 1}" if i > 1 else "r0", RelationKind.ATTACK)
        )
    relations.reverse()
    return build_map(claims, relations)


def test_dragging_a_card_of_a_long_undercut_chain_routes_each_arrow_once(
    qtbot, tmp_path, monkeypatch
):
    path = tmp_path / "chain.argmap"
    registry.write(chain(UNDERCUTS), path)
    win = MainWindow(Document.open(path))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.view.set_zoom(1.0)
    win.view.centerOn(card_centre(win, "a"))

    routed: list[str] = []
    original = RelationItem.route

    def counting_route(self: RelationItem) -> bool:
        routed.append(self.relation.id)
        return original(self)

    monkeypatch.setattr(RelationItem, "route", counting_route)
    start = card_centre(win, "a")
    drag(qtbot, win, start, start + QPointF(120, 40), steps=4)
    monkeypatch.undo()

    assert card_centre(win, "a") != start
    assert win.document.model.claims["a"].x != 0.0  # the move landed in the model
    # Each drag step re-routes every arrow once (all of them hang on a): four steps and the
    # drop, not four times the chain's length for each of a's arrows.
    relations = UNDERCUTS + 1
    assert len(routed) <= 6 * relations
    items = win.scene.relation_items
    for i in range(1, UNDERCUTS + 1):
        line = items[f"u{i}"].line()
        tip = line.pointAtPercent(1.0)
        aim = items[f"u{i - 1}" if i > 1 else "r0"].midpoint()
        assert abs(tip.x() - aim.x()) < 0.5 and abs(tip.y() - aim.y()) < 0.5, f"u{i}"
    win.document.undo_stack.setClean()
