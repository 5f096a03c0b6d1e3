"""Colours for the canvas in light and dark appearance.

The canvas paints its own cards, so it cannot rely on the widget palette alone: a Theme holds
the colours per claim kind and relation kind, and follows the system's colour scheme.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication

from argmap.model.types import ClaimKind, RelationKind


@dataclass(frozen=True)
class Theme:
    name: str
    background: QColor
    grid: QColor
    text: QColor
    muted_text: QColor
    card_fill: dict[ClaimKind, QColor]
    card_accent: dict[ClaimKind, QColor]
    relation: dict[RelationKind, QColor]
    selection: QColor
    group_fill: QColor
    group_border: QColor
    label_fill: QColor
    label_in: QColor
    label_out: QColor
    label_undecided: QColor


LIGHT = Theme(
    name="light",
    background=QColor("#f7f7f5"),
    grid=QColor("#ecebe7"),
    text=QColor("#1d1d1f"),
    muted_text=QColor("#5f6368"),
    card_fill={
        ClaimKind.THESIS: QColor("#e8eefc"),
        ClaimKind.CLAIM: QColor("#ffffff"),
        ClaimKind.EVIDENCE: QColor("#e9f6ec"),
        ClaimKind.ASSUMPTION: QColor("#fff6dc"),
    },
    card_accent={
        ClaimKind.THESIS: QColor("#3457c9"),
        ClaimKind.CLAIM: QColor("#6b7280"),
        ClaimKind.EVIDENCE: QColor("#2e7d4f"),
        ClaimKind.ASSUMPTION: QColor("#b7791f"),
    },
    relation={RelationKind.SUPPORT: QColor("#2e8b57"), RelationKind.ATTACK: QColor("#c8372d")},
    selection=QColor("#1a73e8"),
    group_fill=QColor(60, 90, 160, 18),
    group_border=QColor("#9aa7c7"),
    label_fill=QColor(255, 255, 255, 230),
    label_in=QColor("#2e8b57"),
    label_out=QColor("#c8372d"),
    label_undecided=QColor("#b7791f"),
)

DARK = Theme(
    name="dark",
    background=QColor("#1e1f22"),
    grid=QColor("#26282c"),
    text=QColor("#e8e8e8"),
    muted_text=QColor("#a0a4ab"),
    card_fill={
        ClaimKind.THESIS: QColor("#253152"),
        ClaimKind.CLAIM: QColor("#2b2d31"),
        ClaimKind.EVIDENCE: QColor("#21382a"),
        ClaimKind.ASSUMPTION: QColor("#3b3320"),
    },
    card_accent={
        ClaimKind.THESIS: QColor("#7f9cf5"),
        ClaimKind.CLAIM: QColor("#9ca3af"),
        ClaimKind.EVIDENCE: QColor("#5fbf85"),
        ClaimKind.ASSUMPTION: QColor("#e0b050"),
    },
    relation={RelationKind.SUPPORT: QColor("#5fbf85"), RelationKind.ATTACK: QColor("#f06a5f")},
    selection=QColor("#8ab4f8"),
    group_fill=QColor(140, 170, 255, 22),
    group_border=QColor("#56607a"),
    label_fill=QColor(30, 31, 34, 230),
    label_in=QColor("#5fbf85"),
    label_out=QColor("#f06a5f"),
    label_undecided=QColor("#e0b050"),
)


def system_theme() -> Theme:
    """Dark when the system asks for dark, light otherwise (and when it cannot tell)."""
    app = QGuiApplication.instance()
    if app is not None and app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return DARK
    return LIGHT


def theme_named(name: str) -> Theme:
    """'light', 'dark', or 'system'."""
    return {"light": LIGHT, "dark": DARK}.get(name) or system_theme()
