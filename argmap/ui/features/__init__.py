"""The app's features: each a module with `install(context) -> Feature`.

A feature knows only the `FeatureContext` it is given (`argmap/ui/context.py`): the open
document and its undo stack, the canvas, keyed actions, menus and docks, the status bar and
the other features. None imports the main window; the window installs them in `BUILTIN`
order (a feature may look up one installed before it, as the watcher looks up compare).

Where a new feature goes: a module here (or a package, when it has a dock widget of its own
put the widget in `argmap/ui/docks/`), one entry in `BUILTIN`, tests in `tests/ui/`.
"""

from __future__ import annotations

import importlib

from argmap.ui.context import Feature, FeatureContext

# key -> module under argmap.ui.features; installed in this order.
BUILTIN: tuple[str, ...] = (
    "compare",  # File → Compare with…, the compare view
    "evaluation",  # the overlay, what-if, why?
    "checks",  # the Checks dock
    "review",  # the Review dock, comments and statuses
    "watcher",  # changed on disk: reload / compare / ignore
    "recovery",  # autosave and crash recovery
    "schemes",  # schemes and grades in the inspector, the Key assumptions dock
    "focus",  # focus on a claim's neighbourhood, breadcrumbs
    "folding",  # collapse and expand the subtree below a claim
    "minimap",  # the whole map small, the visible part draggable
    "views",  # saved views (View ▸ Saved Views), the last view of each file
    "sources",  # the Source dock: texts, anchors, claims from passages
    "icons",  # toolbar icons for both appearances, tooltips with shortcuts, the window icon
    "icons",  # toolbar icons for both appearances, tooltips with shortcuts, the window icon
    "arrows",  # View ▸ Arrows: straight, curved or orthogonal (routed around cards)
    "panels",  # last: every dock in one column beside the canvas; the user's layout remembered
)


def install_all(context: FeatureContext, keys: tuple[str, ...] = BUILTIN) -> dict[str, Feature]:
    """Install features by key into a window's context; returns them (also in the context)."""
    for key in keys:
        module = importlib.import_module(f"argmap.ui.features.{key}")
        context.features[key] = module.install(context)
    return context.features
