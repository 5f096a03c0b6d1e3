"""Which module reads and writes which file extension.

Adding a format is one module with `read(path)` and/or `write(map, path)` and one `register`
line in `_register_builtin`. Readers and writers are looked up lazily so that the command line
never imports Qt unless it writes a picture.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path

from argmap.model.errors import UsageError
from argmap.model.gcpause import gc_paused
from argmap.model.map import ArgumentMap


@dataclass(frozen=True)
class Format:
    """A file format: its name, extensions, and the module that handles it."""

    name: str
    extensions: tuple[str, ...]
    module: str
    can_read: bool = True
    can_write: bool = True
    description: str = ""
    # Whether the file holds the claims' positions. A map read only to be written in a format
    # without them (Argdown) or only counted (`argmap info`) need not be laid out first.
    positions: bool = True


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    _FORMATS[fmt.name] = fmt


def formats() -> list[Format]:
    return list(_FORMATS.values())


def _register_builtin() -> None:
    register(Format("argmap", (".argmap",), "argmap.io.native", description="argmap map"))
    register(Format("graphml", (".graphml",), "argmap.io.graphml", description="GraphML (yEd)"))
    register(
        Format(
            "argdown",
            (".argdown", ".ad"),
            "argmap.io.argdown",
            description="Argdown text (statements, arguments with premises and conclusion)",
            positions=False,
        )
    )
    register(
        Format(
            "aif",
            (".aif", ".json"),
            "argmap.io.aif",
            description="AIF JSON (AIFdb, OVA): I-nodes, RA reasons, CA conflicts",
        )
    )
    for name, what in (("png", "PNG picture"), ("svg", "SVG picture"), ("pdf", "PDF document")):
        register(
            Format(name, (f".{name}",), "argmap.ui.pictures", can_read=False, description=what)
        )
    register(
        Format(
            "iccma",
            (".apx", ".tgf", ".af", ".i23"),
            "argmap.io.iccma",
            can_write=False,
            description="ICCMA abstract framework (APX, TGF, 2023 'p af'), read as attacks",
            positions=False,
        )
    )


_register_builtin()


def format_for(path: str | os.PathLike[str], name: str | None = None, *, writing: bool) -> Format:
    """The format named, or else the one that owns the file's extension."""
    if name is not None:
        fmt = _FORMATS.get(name.lower().lstrip("."))
        if fmt is None:
            for candidate in _FORMATS.values():
                if "." + name.lower().lstrip(".") in candidate.extensions:
                    fmt = candidate
        if fmt is None:
            known = ", ".join(sorted(_FORMATS))
            raise UsageError(f"unknown format {name!r} (known: {known})")
    else:
        ext = Path(path).suffix.lower()
        if ext == ".bak":  # a save's backup (m.argmap.bak) is read as what it backs up
            ext = Path(Path(path).stem).suffix.lower()
        fmt = next((f for f in _FORMATS.values() if ext in f.extensions), None)
        if fmt is None:
            exts = ", ".join(sorted(e for f in _FORMATS.values() for e in f.extensions))
            raise UsageError(
                f"cannot tell the format from the extension {ext or '(none)'!r} "
                f"(known: {exts}); use --to",
                file=str(path),
            )
    if writing and not fmt.can_write:
        raise UsageError(f"argmap cannot write {fmt.name} files", file=str(path))
    if not writing and not fmt.can_read:
        raise UsageError(f"argmap cannot read {fmt.name} files", file=str(path))
    return fmt


def read(path: str | os.PathLike[str], format: str | None = None) -> ArgumentMap:
    """Read a map from any registered format."""
    fmt = format_for(path, format, writing=False)
    with gc_paused():  # readers allocate a whole map at once (see gcpause.py)
        return importlib.import_module(fmt.module).read(path)


def read_with_report(
    path: str | os.PathLike[str], format: str | None = None, *, layout: bool = True
) -> tuple[ArgumentMap, list[str]]:
    """Read a map and the warnings of formats that report what they left out, guessed or
    repaired (GraphML from other tools, saved views that no longer fit their map).

    `layout=False` leaves a map from a file without positions (Argdown, AIF without OVA's
    positions) unplaced, every claim at (0, 0), for callers that write it where positions are
    not kept or only count it (`needs_layout` tells; the app lays such a map out on opening).
    """
    fmt = format_for(path, format, writing=False)
    module = importlib.import_module(fmt.module)
    extra = {} if layout or not getattr(module, "LAYS_OUT_ON_READ", False) else {"layout": False}
    with gc_paused():  # readers allocate a whole map at once (see gcpause.py)
        if hasattr(module, "read_with_report"):
            return module.read_with_report(path, **extra)
        return module.read(path, **extra), []


def write(
    m: ArgumentMap, path: str | os.PathLike[str], format: str | None = None, **options: object
) -> None:
    """Write a map in any registered format (options are the format's own)."""
    fmt = format_for(path, format, writing=True)
    with gc_paused():
        importlib.import_module(fmt.module).write(m, path, **options)
