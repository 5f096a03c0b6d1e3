"""File-dialog filters built from the format registry (every readable or writable format)."""

from __future__ import annotations

from argmap.io import registry


def open_filter() -> str:
    """ "All maps (*.argmap *.graphml ...);;argmap map (*.argmap);;..." for an Open dialog."""
    readable = [f for f in registry.formats() if f.can_read]
    all_exts = " ".join("*" + e for f in readable for e in f.extensions)
    parts = [f"All maps ({all_exts})"]
    parts += [
        f"{f.description or f.name} ({' '.join('*' + e for e in f.extensions)})" for f in readable
    ]
    return ";;".join(parts)
