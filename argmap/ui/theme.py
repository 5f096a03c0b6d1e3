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
        ClaimKind.ARGUMENT: QColor("#f3ecfb"),
    },
    card_accent={
        ClaimKind.THESIS: QColor("#3457c9"),
        ClaimKind.CLAIM: QColor("#6b7280"),
        ClaimKind.EVIDENCE: QColor("#2e7d4f"),
        ClaimKind.ASSUMPTION: QColor("#b7791f"),
        ClaimKind.ARGUMENT: QColor("#7b4fb8"),
    },
    relation={RelationKind.SUPPORT: QColor("#2e8b57"), RelationKind.ATTACK: QColor("#c8372d")},
    selection=QColor("#1a73e8"),
    group_fill=QColor("#eaecf1"),  # opaque: some SVG renderers drop a group's fill-opacity
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
        ClaimKind.ARGUMENT: QColor("#2f2640"),
    },
    card_accent={
        ClaimKind.THESIS: QColor("#7f9cf5"),
        ClaimKind.CLAIM: QColor("#9ca3af"),
        ClaimKind.EVIDENCE: QColor("#5fbf85"),
        ClaimKind.ASSUMPTION: QColor("#e0b050"),
        ClaimKind.ARGUMENT: QColor("#b08ae0"),
    },
    relation={RelationKind.SUPPORT: QColor("#5fbf85"), RelationKind.ATTACK: QColor("#f06a5f")},
    selection=QColor("#8ab4f8"),
    group_fill=QColor("#272b34"),
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


def apply_palette(theme: Theme) -> None:
    """Give the widgets (docks, menus, dialogs) the same light or dark look as the canvas.

    Only when the user forces an appearance different from what the platform gives: with
    "system", the platform's own palette already follows the system.
    """
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    if not hasattr(app, "_argmap_default_palette"):
        app._argmap_default_palette = QPalette(app.palette())  # type: ignore[attr-defined]
        app._argmap_default_style = app.style().name()  # type: ignore[attr-defined]
    default = app._argmap_default_palette  # type: ignore[attr-defined]
    platform_dark = default.color(QPalette.ColorRole.Window).lightness() < 128
    if (theme.name == "dark") == platform_dark:
        app.setPalette(default)
        return
    app.setStyle("Fusion")
    p = QPalette()
    if theme.name == "dark":
        window, base, text = QColor("#2b2d31"), QColor("#1e1f22"), QColor("#e8e8e8")
        button, mid = QColor("#34363b"), QColor("#4a4d55")
    else:
        window, base, text = QColor("#f0f0f0"), QColor("#ffffff"), QColor("#1d1d1f")
        button, mid = QColor("#f3f3f3"), QColor("#c8c8c8")
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, button),
        (QPalette.ColorRole.Button, button),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.ToolTipBase, base),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Mid, mid),
        (QPalette.ColorRole.Highlight, theme.selection),
        (
            QPalette.ColorRole.HighlightedText,
            QColor("#000000" if theme.name == "dark" else "#ffffff"),
        ),
        (QPalette.ColorRole.PlaceholderText, theme.muted_text),
    ):
        p.setColor(role, colour)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, theme.muted_text)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, theme.muted_text)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, theme.muted_text)
    app.setPalette(p)


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """a mixed with b (t = share of b): a box that reads on any background at low zoom."""
    return QColor(
        round(a.red() * (1 - t) + b.red() * t),
        round(a.green() * (1 - t) + b.green() * t),
        round(a.blue() * (1 - t) + b.blue() * t),
    )


def box_colour(theme: Theme, kind: ClaimKind) -> QColor:
    """The colour of a card drawn as a plain box (overview, tiny zoom)."""
    return blend(theme.card_fill[kind], theme.card_accent[kind], 0.35)
