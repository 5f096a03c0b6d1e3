"""New cards land in free space, not on top of cards or group titles (issue 20)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from argmap.model.edits import AddGroup
from argmap.model.types import Group


def _overlapping(window, cid: str) -> list[str]:
    scene = window.scene
    mine = scene.claim_items[cid].scene_rect()
    hits = [
        other
        for other, item in scene.claim_items.items()
        if other != cid and item.scene_rect().intersects(mine)
    ]
    for gid, group in scene.group_items.items():
        if group.mapRectToScene(group.header_rect()).intersects(mine):
            hits.append(f"title of {gid}")
    return hits


def test_n_over_a_card_puts_the_new_card_beside_it(qtbot, window):
    window.view.centerOn(window.scene.claim_items["a"])
    before = set(window.document.model.claims)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_N)
    (new,) = set(window.document.model.claims) - before
    assert _overlapping(window, new) == []
    # Still near where it was asked for: within a card's width or two of the view's centre.
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    rect = window.scene.claim_items[new].scene_rect()
    assert abs(rect.center().x() - centre.x()) + abs(rect.center().y() - centre.y()) < 600


def test_new_premises_do_not_cover_premises_or_group_titles(qtbot, window):
    scene = window.scene
    window.document.push(AddGroup(Group("g", "Kursk", ("e",))), "Group")
    for i in range(4):
        scene.select_ids(["a"])
        before = set(window.document.model.claims)
        qtbot.keyClick(window.view.viewport(), Qt.Key.Key_S)
        (new,) = set(window.document.model.claims) - before
        qtbot.keyClicks(window.view.viewport(), f"premise {i}")
        qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Return)
        assert window.document.model.claims[new].text == f"premise {i}"
        assert _overlapping(window, new) == [], i
