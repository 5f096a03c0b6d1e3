"""Pictures of a map: PNG, SVG and PDF, drawn by the same canvas items as the app.

It renders a MapScene, so an export looks exactly like the canvas (without selection marks or
hover handles), with a margin around the map. It lives under `ui` because it draws with Qt:
`argmap/io` stays Qt-free, and the format registry names this module for .png/.svg/.pdf. SVG and PDF
are vector output with text kept as text.

Options (all formats): `background` ("white", "transparent" or "theme"), `appearance`
("light" or "dark"), `margin` (scene pixels), `claim_ids` (only these claims and the relations
among them: the app's "export selection"). PNG: `scale` (default 2.0) or `dpi` (96 dpi = 1.0).
PDF: `page` ("map" for one page of the map's size, or a page size name such as "A4", "A3",
"Letter"; the map is fitted to the page, landscape when it is wider than tall). `arrows`
("straight", "curved" or "orthogonal"; default: the app's choice, else curved) for a picture
drawn on a scene of its own; a picture of the canvas shows its arrows as they are.

`view` (a saved view's name or id) draws what a window of `size` (width, height; default
1600 x 1000) shows at that view instead of the whole map: its zoom and centre, the short
labels the canvas draws when cards are too small to read, and the PNG at the window's size.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from argmap.io.atomic import write_bytes_atomic
from argmap.model.errors import UsageError
from argmap.model.map import ArgumentMap
from argmap.model.progress import Progress

EXTENSIONS = (".png", ".svg", ".pdf")
SLICE = 250
"""Items drawn between two progress calls (a few milliseconds of drawing)."""
BACKGROUNDS = ("white", "transparent", "theme")
PAGE_NAMES = {
    "a4": "A4",
    "a3": "A3",
    "a5": "A5",
    "letter": "Letter",
    "legal": "Legal",
    "tabloid": "Tabloid",
}


def ensure_app() -> Any:
    """A QApplication for rendering; offscreen when there is no display (the command line)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(sys.argv[:1])
    return app


class _Rendering:
    """A scene of the map prepared for export: nothing selected, hidden what is not exported."""

    def __init__(
        self,
        m: ArgumentMap,
        *,
        appearance: str = "light",
        claim_ids=None,
        margin: float = 40.0,
        scene=None,
        view: str | None = None,
        size: tuple[int, int] = (1600, 1000),
        arrows: str | None = None,
    ) -> None:
        ensure_app()
        from PySide6.QtCore import QRectF

        from argmap.ui.theme import theme_named

        self.own_scene = scene is None
        if scene is None:
            from argmap.ui.document import Document
            from argmap.ui.scene import MapScene

            # Every item made at once: a picture draws them all (no lazy canvas).
            scene = MapScene(Document(m), theme_named(appearance), arrows=arrows, lazy=False)
        self.scene = scene
        # The canvas stays as it was on screen while its scene is drawn for the picture (a
        # long export lets the app paint between slices; the scene is dressed for print now).
        self._frozen = [v.viewport() for v in scene.views() if v.viewport().updatesEnabled()]
        for viewport in self._frozen:
            viewport.setUpdatesEnabled(False)
        # Arrows re-routed after a move are routed now, not when the event loop gets to it.
        getattr(scene, "flush_routes", lambda: None)()
        # A big map's canvas has made only the cards it has shown one by one: make the rest.
        getattr(scene, "make_all", lambda: None)()
        self.theme = scene.theme
        # A picture shows every card in full, even when the canvas is zoomed out to boxes.
        self._overview = getattr(scene, "overview_mode", False)
        if self._overview:
            scene.set_overview(False)
        self._selected = list(scene.selectedItems())
        self._hidden = []
        # The canvas's zoomed-out labels belong to a zoom: hidden, unless a view is drawn.
        self._labels = getattr(scene, "labels", None)
        self._labels_zoom = None if self._labels is None else self._labels.zoom
        if self._labels is not None and self._labels.isVisible():
            self._labels.setVisible(False)
            self._hidden.append(self._labels)
        # Cached cards would be pasted into SVG and PDF as bitmaps: paint them afresh.
        self._cached = [i for i in scene.items() if i.cacheMode() != i.CacheMode.NoCache]
        for item in self._cached:
            item.setCacheMode(item.CacheMode.NoCache)
        scene.clearSelection()
        if claim_ids is not None:
            chosen = set(claim_ids)
            keep_rel = {
                r.id for r in m.relations.values() if r.source in chosen and (r.target in chosen)
            }
            keep_rel |= {
                r.id for r in m.relations.values() if r.source in chosen and r.target in keep_rel
            }
            for cid, item in scene.claim_items.items():
                if cid not in chosen and item.isVisible():
                    self._hide(item)
            for rid, item in scene.relation_items.items():
                if rid not in keep_rel and item.isVisible():
                    self._hide(item)
            for item in scene.group_items.values():
                self._hide(item)
        self.zoom: float | None = None  # the zoom of a saved view: its pixels per scene pixel
        if view is not None:
            self.source = self._view_source(m, view, size)
            return
        rect = QRectF()
        for item in scene.items():
            if item.isVisible() and item.scene() is scene:
                rect = rect.united(item.sceneBoundingRect())
        if rect.isEmpty():
            rect = QRectF(0, 0, 200, 100)
        self.source = rect.adjusted(-margin, -margin, margin, margin)

    def _view_source(self, m: ArgumentMap, name: str, size: tuple[int, int]):
        """The scene rectangle a window of `size` shows at a saved view (labels placed)."""
        from PySide6.QtCore import QRectF

        from argmap.analysis.camera import view_camera
        from argmap.ui.items.levels import TEXT_ZOOM

        found = m.views.get(name) or next((v for v in m.views.values() if v.name == name), None)
        if found is None:
            known = ", ".join(sorted(v.name or v.id for v in m.views.values())) or "none"
            raise UsageError(f"no saved view {name!r} (the map's views: {known})")
        width, height = size
        zoom, x, y = view_camera(m, found, width, height)
        self.zoom = zoom
        labels = self._labels
        if labels is not None and zoom < TEXT_ZOOM:
            labels.set_zoom(zoom)
            labels.settle()
            labels.setVisible(True)
        return QRectF(x - width / 2 / zoom, y - height / 2 / zoom, width / zoom, height / zoom)

    def _hide(self, item) -> None:
        item.setVisible(False)
        self._hidden.append(item)

    def paint(self, painter, target, background: str, progress: Progress | None = None) -> None:
        """Draw the picture into `target` (device coordinates of `painter`), item by item in
        stacking order, as `QGraphicsScene.render` draws them; `progress(done, total)` is
        called between slices of `SLICE` items (the app's Cancel raises from it)."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QBrush, QColor, QTransform
        from PySide6.QtWidgets import QStyle, QStyleOptionGraphicsItem

        scene = self.scene
        if background == "transparent":
            brush = QBrush(Qt.BrushStyle.NoBrush)
        elif background == "white":
            brush = QBrush(QColor("white"))
        else:
            brush = QBrush(self.theme.background)
        if background != "transparent":
            painter.fillRect(target, brush)
        source = self.source
        ratio = min(target.width() / source.width(), target.height() / source.height())
        base = (
            QTransform()
            .translate(target.left(), target.top())
            .scale(ratio, ratio)
            .translate(-source.left(), -source.top())
        )
        items = [
            i
            for i in scene.items(
                source,
                Qt.ItemSelectionMode.IntersectsItemBoundingRect,
                Qt.SortOrder.AscendingOrder,
            )
            if not i.flags() & i.GraphicsItemFlag.ItemHasNoContents
        ]
        total = len(items)
        painter.save()
        painter.setClipRect(target, Qt.ClipOperation.IntersectClip)
        option = QStyleOptionGraphicsItem()
        option.state = QStyle.StateFlag.State_Enabled
        for n, item in enumerate(items):
            if progress is not None and n % SLICE == 0:
                progress(n, total)
            painter.save()
            painter.setWorldTransform(item.sceneTransform() * base)
            painter.setOpacity(item.effectiveOpacity())
            option.exposedRect = item.boundingRect()
            item.paint(painter, option, None)
            painter.restore()
        painter.restore()
        if progress is not None:
            progress(total, total)

    def close(self) -> None:
        if self._labels is not None and self._labels_zoom is not None:
            self._labels.set_zoom(self._labels_zoom)
        if self._overview:
            self.scene.set_overview(True)
        for item in self._cached:
            item.setCacheMode(item.CacheMode.DeviceCoordinateCache)
        for item in self._hidden:
            item.setVisible(True)
        for item in self._selected:
            if item.scene() is self.scene:
                item.setSelected(True)
        for viewport in self._frozen:
            viewport.setUpdatesEnabled(True)
        if self.own_scene:
            self.scene.disconnect_model()
            self.scene.deleteLater()


def _to_bytes(fill) -> bytes:
    """Run `fill(device)` on an in-memory device and return what it wrote."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        fill(buffer)
    finally:
        buffer.close()
    return bytes(data.data())


def _check(background: str) -> None:
    if background not in BACKGROUNDS:
        raise UsageError(f"unknown background {background!r} (use {', '.join(BACKGROUNDS)})")


def render_png(m: ArgumentMap, **options: Any) -> bytes:
    """The map as PNG bytes (options as `png_image` takes them)."""
    return encode_png(png_image(m, **options))


def encode_png(image) -> bytes:
    """PNG bytes of a picture; safe on a worker thread (the app encodes big pictures there)."""
    return _to_bytes(lambda device: image.save(device, "PNG"))


def png_image(
    m: ArgumentMap,
    *,
    scale: float = 2.0,
    dpi: float | None = None,
    background: str = "white",
    appearance: str = "light",
    claim_ids=None,
    margin: float = 40.0,
    scene=None,
    view: str | None = None,
    size: tuple[int, int] = (1600, 1000),
    arrows: str | None = None,
    progress: Progress | None = None,
):
    """The map as a QImage ready for PNG (scale 2.0 = twice the canvas's 100 % size; a view:
    `size` at `scale` / 2, so the default is the window's size)."""
    _check(background)
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    if dpi is not None:
        scale = dpi / 96.0
    if not 0.05 <= scale <= 16:
        raise UsageError(f"scale {scale:g} is out of range (0.05 to 16)")
    job = _Rendering(
        m,
        appearance=appearance,
        claim_ids=claim_ids,
        margin=margin,
        scene=scene,
        view=view,
        size=size,
        arrows=arrows,
    )
    if job.zoom is not None:
        scale = job.zoom * scale / 2.0
    try:
        w = max(1, round(job.source.width() * scale))
        h = max(1, round(job.source.height() * scale))
        if w * h > 400_000_000:
            raise UsageError(f"the picture would be {w}x{h} pixels; use a smaller scale")
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        if dpi is not None:
            image.setDotsPerMeterX(round(dpi / 0.0254))
            image.setDotsPerMeterY(round(dpi / 0.0254))
        painter = QPainter(image)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        try:
            job.paint(painter, QRectF(0, 0, w, h), background, progress)
        finally:
            painter.end()
    finally:
        job.close()
    if background != "transparent":
        # No alpha channel to encode: a fifth faster and a tenth smaller on the seed map.
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    return image


def render_svg(
    m: ArgumentMap,
    *,
    background: str = "white",
    appearance: str = "light",
    claim_ids=None,
    margin: float = 40.0,
    scene=None,
    view: str | None = None,
    size: tuple[int, int] = (1600, 1000),
    arrows: str | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The map as an SVG document (vector, text as text)."""
    _check(background)
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    job = _Rendering(
        m,
        appearance=appearance,
        claim_ids=claim_ids,
        margin=margin,
        scene=scene,
        view=view,
        size=size,
        arrows=arrows,
    )
    w, h = job.source.width(), job.source.height()
    if job.zoom is not None:  # a view: the window's size
        w, h = w * job.zoom, h * job.zoom

    def fill(device) -> None:
        gen = QSvgGenerator()
        gen.setOutputDevice(device)
        gen.setSize(QSize(round(w), round(h)))
        gen.setViewBox(QRectF(0, 0, w, h))
        gen.setTitle(m.info.title or "argmap map")
        gen.setDescription("Made with argmap")
        painter = QPainter(gen)
        try:
            job.paint(painter, QRectF(0, 0, w, h), background, progress)
        finally:
            painter.end()

    try:
        return _to_bytes(fill)
    finally:
        job.close()


def render_pdf(
    m: ArgumentMap,
    *,
    page: str = "map",
    background: str = "white",
    appearance: str = "light",
    claim_ids=None,
    margin: float = 40.0,
    scene=None,
    view: str | None = None,
    size: tuple[int, int] = (1600, 1000),
    arrows: str | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The map as a one-page vector PDF: on a page of its own size, or fitted to a paper size."""
    _check(background)
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    if page.lower() != "map" and page.lower() not in PAGE_NAMES:
        raise UsageError(f"unknown page size {page!r} (use map, {', '.join(PAGE_NAMES.values())})")
    job = _Rendering(
        m,
        appearance=appearance,
        claim_ids=claim_ids,
        margin=margin,
        scene=scene,
        view=view,
        size=size,
        arrows=arrows,
    )
    w, h = job.source.width(), job.source.height()
    if job.zoom is not None:  # a view: the window's size
        w, h = w * job.zoom, h * job.zoom

    def fill(device) -> None:
        writer = QPdfWriter(device)
        writer.setTitle(m.info.title or "argmap map")
        writer.setCreator("argmap")
        writer.setResolution(96)
        if page.lower() == "map":
            size = QPageSize(
                QSizeF(w * 0.75, h * 0.75),
                QPageSize.Unit.Point,
                "map",
                QPageSize.SizeMatchPolicy.ExactMatch,
            )
            layout = QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        else:
            size = QPageSize(getattr(QPageSize.PageSizeId, PAGE_NAMES[page.lower()]))
            landscape = QPageLayout.Orientation.Landscape
            orientation = landscape if w > h else QPageLayout.Orientation.Portrait
            layout = QPageLayout(size, orientation, QMarginsF(36, 36, 36, 36))
        writer.setPageLayout(layout)
        painter = QPainter(writer)
        try:
            job.paint(painter, QRectF(painter.viewport()), background, progress)
        finally:
            painter.end()

    try:
        return _to_bytes(fill)
    finally:
        job.close()


def write(m: ArgumentMap, path: str | os.PathLike[str], **options: Any) -> None:
    """Write a picture; the format comes from the extension (.png, .svg, .pdf)."""
    ext = Path(path).suffix.lower()
    renderers = {".png": render_png, ".svg": render_svg, ".pdf": render_pdf}
    if ext not in renderers:
        raise UsageError(
            f"not a picture extension {ext!r} (use .png, .svg or .pdf)", file=str(path)
        )
    try:
        data = renderers[ext](m, **options)
    except TypeError as exc:  # an option this format does not take
        raise UsageError(f"{exc}", file=str(path)) from None
    write_bytes_atomic(path, data)
