"""Saved views that cannot be shown as written, repaired with one line saying what was fixed.

A view is a bookmark into a map that keeps changing: a claim it focuses may have been deleted
by another tool, a hand edit may have left a zoom of 0 or a centre a light-year away. Such a
view must never stop the map from opening, so the reader passes each view through `repair`,
which returns a view the canvas can show and, when something was wrong, one line for the user.

>>> from argmap.model.types import Claim
>>> claims = {"a": Claim("a", x=0, y=0)}
>>> v, warning = repair(View("v1", "Talks", zoom=0.0, focus="gone"), claims)
>>> v.zoom, v.focus
(0.02, None)
>>> warning
"view 'Talks': claim 'gone' no longer exists (focus dropped); zoom 0.0 is impossible (set to 0.02)"
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from argmap.model.types import Claim, View, with_changes

# The canvas's zoom limits (argmap/ui/view.py keeps the same numbers).
MIN_ZOOM, MAX_ZOOM = 0.02, 6.0
# How far beyond the map's bounding box a centre may lie before the view counts as lost.
# Generous on purpose: cards moved after the view was saved must not make it "impossible"
# (10 million pixels is 125 screens wide even at the smallest zoom).
_CENTRE_MARGIN = 1e7
MAX_DEPTH = 99


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _bounds(claims: Mapping[str, Claim]) -> tuple[float, float, float, float] | None:
    if not claims:
        return None
    xs = [c.x for c in claims.values()]
    ys = [c.y for c in claims.values()]
    return min(xs), min(ys), max(xs), max(ys)


def centre_is_possible(center: tuple[float, float], claims: Mapping[str, Claim]) -> bool:
    """Whether a centre is a real place near the map (finite, within _CENTRE_MARGIN of it)."""
    x, y = center
    if not (_finite(x) and _finite(y)):
        return False
    box = _bounds(claims)
    if box is None:
        return abs(x) <= _CENTRE_MARGIN and abs(y) <= _CENTRE_MARGIN
    left, top, right, bottom = box
    margin = max(_CENTRE_MARGIN, right - left, bottom - top)
    return left - margin <= x <= right + margin and top - margin <= y <= bottom + margin


def repair(view: View, claims: Mapping[str, Claim]) -> tuple[View, str | None]:
    """The view made showable on a map with these claims, and a one-line warning (or None)."""
    problems: list[str] = []
    changes: dict[str, object] = {}
    if view.focus is not None and view.focus not in claims:
        problems.append(f"claim {view.focus!r} no longer exists (focus dropped)")
        changes["focus"] = None
    missing = [c for c in view.collapsed if c not in claims]
    if missing:
        names = ", ".join(repr(c) for c in missing[:3]) + (" ..." if len(missing) > 3 else "")
        word = "claim" if len(missing) == 1 else f"{len(missing)} claims"
        problems.append(
            f"{word} {names} no longer exist{'s' if len(missing) == 1 else ''} "
            "(no longer collapsed)"
        )
        changes["collapsed"] = tuple(c for c in view.collapsed if c in claims)
    if len(set(view.collapsed)) != len(view.collapsed):
        kept = changes.get("collapsed", view.collapsed)
        changes["collapsed"] = tuple(dict.fromkeys(kept))  # type: ignore[arg-type]
    if view.zoom is not None and not (_finite(view.zoom) and MIN_ZOOM <= view.zoom <= MAX_ZOOM):
        fixed = min(MAX_ZOOM, max(MIN_ZOOM, view.zoom)) if _finite(view.zoom) else None
        what = f"set to {fixed:g}" if fixed is not None else "the view frames the map instead"
        problems.append(f"zoom {view.zoom!r} is impossible ({what})")
        changes["zoom"] = fixed
    if view.center is not None and not centre_is_possible(view.center, claims):
        x, y = view.center
        problems.append(f"centre ({x:g}, {y:g}) is off the map (the view frames the map instead)")
        changes["center"] = None
    if not 0 <= view.depth <= MAX_DEPTH:
        fixed_depth = min(MAX_DEPTH, max(0, view.depth))
        problems.append(f"depth {view.depth} is impossible (set to {fixed_depth})")
        changes["depth"] = fixed_depth
    if not changes:
        return view, None
    label = view.name or view.id
    line = f"view {label!r}: " + "; ".join(problems) if problems else None
    return with_changes(view, **changes), line


__all__ = ["MAX_DEPTH", "MAX_ZOOM", "MIN_ZOOM", "centre_is_possible", "repair"]
