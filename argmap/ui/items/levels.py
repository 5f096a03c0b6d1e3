"""Zoom levels at which the canvas changes how it draws (shared by the items and the view)."""

OVERVIEW_ZOOM = 0.3  # below this every map is drawn as the overview (one batched item)
SETTLE_MS = 180  # zooming has paused when no zoom step came for this long
TEXT_ZOOM = 0.55  # below this cards draw no text (ClaimItem.paint): big maps use the overview
