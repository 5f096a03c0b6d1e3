"""The app icon and the toolbar icons, drawn for the current theme.

Toolbar icons are monochrome SVGs in `resources/icons/` that draw with `currentColor`; each is
rendered in the theme's text colour (and a faded one for the disabled state), so one set serves
the light and the dark appearance. Shapes, not colours, tell the actions apart (support: a solid
arrow and a plus; attack: a dashed arrow with a bar and a minus), so they read in greyscale too.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from argmap.resources import resource_path

APP_PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICON_SIZES = (16, 20, 24, 32, 48)
TOOLBAR_ICONS = {
    "file.new": "new",
    "file.open": "open",
    "file.save": "save",
    "edit.undo": "undo",
    "edit.redo": "redo",
    "insert.new_claim": "new-claim",
    "insert.support_child": "support",
    "insert.attack_child": "attack",
    "edit.delete": "delete",
    "view.layout": "layout",
    "view.fit": "fit",
}
"""Toolbar action key -> icon name in resources/icons/."""


def app_icon() -> QIcon:
    """The window and desktop icon: the SVG, and the PNG sizes for hosts that want bitmaps."""
    icon = QIcon(str(resource_path("argmap.svg")))
    for size in APP_PNG_SIZES:
        try:
            icon.addFile(str(resource_path(f"png/argmap-{size}.png")))
        except FileNotFoundError:
            pass  # the SVG alone still gives every size
    return icon


@cache
def _svg(name: str) -> str:
    return resource_path(f"icons/{name}.svg").read_text(encoding="utf-8")


def _pixmap(svg: str, size: int, colour: QColor) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", colour.name()).encode()))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QPixmap.fromImage(image)


def themed_icon(name: str, colour: QColor | str) -> QIcon:
    """Icon `name` drawn in `colour`, with a faded copy for the disabled state."""
    colour = QColor(colour)
    faded = QColor(colour)
    faded.setAlphaF(0.35)
    svg = _svg(name)
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(_pixmap(svg, size, colour), QIcon.Mode.Normal)
        icon.addPixmap(_pixmap(svg, size, faded), QIcon.Mode.Disabled)
    return icon
