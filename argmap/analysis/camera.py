"""Where a window onto a map looks: the opening view and the camera of a saved view.

Pure arithmetic on rectangles `(left, top, width, height)` in scene pixels, shared by the app's
canvas (`MapView.opening_view`) and by pictures of a saved view (`argmap export --view`), so
both frame a map the same way.

>>> frame((0, 0, 1000, 100), 500, 500)
(0.5, 500.0, 50.0)
>>> frame((0, 0, 1000, 100), 500, 500, top=True)
(0.5, 500.0, 500.0)
"""

from __future__ import annotations

from argmap.analysis.geometry import estimated_card_size
from argmap.model.map import ArgumentMap
from argmap.model.types import ClaimKind, View
from argmap.model.views import MAX_ZOOM, MIN_ZOOM

Rect = tuple[float, float, float, float]

# Window pixels kept free beside the outer theses: half a short label's width (labels keep
# their screen size, `argmap.ui.items.label_layer`).
LABEL_PAD = 110.0
# The whole map opens fitted when that zoom is at least this share of the theses' zoom.
WHOLE_MAP_SHARE = 0.8
# Around the theses: room for their labels (wider than their cards) and their first premises.
THESIS_MARGIN = (360.0, 60.0, 360.0, 320.0)  # left, top, right, bottom


def frame(
    rect: Rect,
    width: float,
    height: float,
    max_zoom: float = 1.0,
    top: bool = False,
    pad: float = 0.0,
) -> tuple[float, float, float]:
    """`(zoom, centre x, centre y)` showing `rect` whole in a width x height window, zoomed in
    no further than `max_zoom`; centred, or with `top` the rectangle's top at the window's.
    `pad` window pixels stay free left and right: labels drawn at a fixed screen size stick
    out of their cards by the same pixels at every zoom, so scene margins cannot hold them."""
    left, upper, w, h = rect
    room = max(width - 2 * pad, width / 2)
    zoom = min(room / max(w, 1e-9), height / max(h, 1e-9), max_zoom)
    zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
    cx, cy = left + w / 2, upper + h / 2
    if top:
        cy = upper + (height / 2 - pad / 4) / zoom
    return zoom, cx, cy


def union(rects: list[Rect]) -> Rect | None:
    if not rects:
        return None
    left = min(r[0] for r in rects)
    upper = min(r[1] for r in rects)
    right = max(r[0] + r[2] for r in rects)
    bottom = max(r[1] + r[3] for r in rects)
    return left, upper, right - left, bottom - upper


def grow(rect: Rect, margin: tuple[float, float, float, float]) -> Rect:
    left, upper, right, bottom = margin
    return rect[0] - left, rect[1] - upper, rect[2] + left + right, rect[3] + upper + bottom


def card_rect(m: ArgumentMap, claim_id: str) -> Rect:
    """The card of a claim as the canvas draws it (centred on the claim's position)."""
    c = m.claims[claim_id]
    w, h = estimated_card_size(c)
    return c.x - w / 2, c.y - h / 2, w, h


def opening_camera(m: ArgumentMap, width: float, height: float) -> tuple[float, float, float]:
    """The opening view: the theses framed (at most 100 %), else the whole map."""
    # One pass over the claims (a big map's opening view is computed as its window opens).
    claims = m.claims
    cards: list[Rect] = []
    theses: list[Rect] = []
    for c in claims.values():
        w, h = estimated_card_size(c)
        rect = (c.x - w / 2, c.y - h / 2, w, h)
        cards.append(rect)
        if c.kind is ClaimKind.THESIS:
            theses.append(rect)
    whole = union(cards) or (0.0, 0.0, width, height)
    fitted = frame(grow(whole, (40.0, 40.0, 40.0, 40.0)), width, height, pad=LABEL_PAD)
    if theses:
        rect = union(theses)
        assert rect is not None
        framed = frame(grow(rect, THESIS_MARGIN), width, height, top=True, pad=LABEL_PAD)
        # When the whole map reads nearly as well, show it whole: nothing is cut off.
        if fitted[0] < WHOLE_MAP_SHARE * framed[0]:
            return framed
    return fitted


def view_camera(
    m: ArgumentMap, view: View, width: float, height: float
) -> tuple[float, float, float]:
    """The camera of a saved view in a width x height window: its zoom and centre, and where
    it leaves them open, those of its focus claim (zoom 100 %) or of the opening view."""
    zoom, cx, cy = opening_camera(m, width, height)
    if view.focus is not None and view.focus in m.claims:
        focus = m.claims[view.focus]
        zoom, cx, cy = 1.0, focus.x, focus.y
    if view.zoom is not None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, view.zoom))
    if view.center is not None:
        cx, cy = view.center
    return zoom, cx, cy


__all__ = ["card_rect", "frame", "grow", "opening_camera", "union", "view_camera"]
