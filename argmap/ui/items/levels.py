"""Zoom levels at which the canvas changes how it draws (shared by the items and the view)."""

OVERVIEW_ZOOM = 0.3  # below this every map is drawn as the overview (one batched item)
SETTLE_MS = 180  # zooming has paused when no zoom step came for this long
# Below TEXT_ZOOM cards draw no text (ClaimItem.paint) but short labels (LabelLayer), and big
# maps use the overview. Card text at 0.6 is 7.6 px high: OCR reads none of it, at 0.65 most.
TEXT_ZOOM = 0.65
DIM = 0.15  # opacity of what lies outside a focus (features/focus.py)
