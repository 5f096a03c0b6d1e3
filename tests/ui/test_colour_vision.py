"""Support and attack arrows differ in more than hue (issue 20: greyscale and colour-blind safe).

The seed map is drawn in the real window, in both appearances; pixels are sampled along a
support arrow and an attack arrow, and seen as a protanope, a deuteranope and in greyscale
(`argmap.analysis.colour_vision`). Under every one, both lines stand out from the background,
and the attack's line has gaps (it is dashed) where the support's is continuous, so a reader
who cannot tell red from green still tells them apart.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from argmap.analysis.colour_vision import VISIONS, contrast, distance, simulate
from argmap.io import native
from argmap.model.types import RelationKind
from argmap.ui.document import Document

SAMPLES = 240


def _rgb(image, point: QPointF) -> tuple[int, int, int]:
    c = image.pixelColor(int(point.x()), int(point.y()))
    return c.red(), c.green(), c.blue()


def _samples(window, rid: str) -> list[tuple[int, int, int]]:
    """Pixels along the middle of an arrow's line, where no card covers it."""
    view, scene = window.view, window.scene
    item = scene.relation_items[rid]
    line = item.line()
    view.centerOn(line.pointAtPercent(0.5))
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    cards = [c.sceneBoundingRect().adjusted(-6, -6, 6, 6) for c in scene.claim_items.values()]
    out = []
    for i in range(SAMPLES):
        p = line.pointAtPercent(0.15 + 0.7 * i / (SAMPLES - 1))
        if any(r.contains(p) for r in cards):
            continue
        v = view.mapFromScene(p)
        if view.viewport().rect().contains(v):
            out.append(_rgb(image, QPointF(v)))
    return out


def _longest(window, kind: RelationKind) -> str:
    scene, m = window.scene, window.document.model
    candidates = [
        r.id
        for r in m.relations.values()
        if r.kind is kind and scene.index.target_relation(r) is None and r.link is None
    ]
    return max(candidates, key=lambda rid: scene.relation_items[rid].line().length())


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_support_and_attack_arrows_differ_in_more_than_hue(qtbot, window, seed_path, appearance):
    window.set_document(Document(native.read(seed_path)))
    window.set_appearance(appearance, remember=False)
    qtbot.wait(20)  # the opening view is queued: after it, the test's own zoom
    window.view.set_zoom(1.0)
    QApplication.processEvents()
    theme = window.theme
    background = theme.background.getRgb()[:3]
    lines = {
        kind: _samples(window, _longest(window, kind))
        for kind in (RelationKind.SUPPORT, RelationKind.ATTACK)
    }
    assert all(len(px) > 40 for px in lines.values()), {k: len(v) for k, v in lines.items()}
    for vision in VISIONS:
        bg = simulate(background, vision)
        ink = {}
        for kind, pixels in lines.items():
            seen = [simulate(p, vision) for p in pixels]
            inked = [p for p in seen if distance(p, bg) > 40]
            ink[kind] = len(inked) / len(seen)
            # The line stands out from the background for this reader.
            darkest = max(inked, key=lambda p: contrast(p, bg))
            assert contrast(darkest, bg) >= 1.8, (vision, kind, darkest, bg)
        # Continuous support, dashed attack: a difference of pattern, not of hue.
        assert ink[RelationKind.SUPPORT] >= 0.9, (vision, ink)
        assert ink[RelationKind.ATTACK] <= 0.8, (vision, ink)


def test_under_deuteranopia_the_two_colours_alone_would_not_do():
    # Why the dashes matter: red and green of the light theme, seen by a deuteranope, are
    # about the same luminance (contrast ratio ~1.0), so colour alone would not tell them apart.
    from argmap.ui.theme import LIGHT

    support = simulate(LIGHT.relation[RelationKind.SUPPORT].getRgb()[:3], "deuteranopia")
    attack = simulate(LIGHT.relation[RelationKind.ATTACK].getRgb()[:3], "deuteranopia")
    assert contrast(support, attack) < 1.1
