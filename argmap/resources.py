"""Where argmap's data files are: `resources/` of a source checkout, or the installed copy.

The files live in the repository's top-level `resources/` (schemes, grading, the format's
JSON Schema). A wheel installs them as data files under `share/argmap/resources`
(pyproject.toml, `[tool.setuptools.data-files]`), outside the package, so an installed argmap
finds them through its distribution's file list rather than next to this module.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parents[1] / "resources"
INSTALLED_PREFIX = "share/argmap/resources/"


@cache
def resource_path(name: str) -> Path:
    """The path of a data file by name (``"schemes.json"``); FileNotFoundError if missing."""
    here = SOURCE_DIR / name
    if here.is_file():
        return here
    from importlib import metadata

    try:
        files = metadata.files("argmap") or []
    except metadata.PackageNotFoundError:
        files = []
    for f in files:
        if str(f).replace("\\", "/").endswith(INSTALLED_PREFIX + name):
            located = Path(str(f.locate()))
            if located.is_file():
                return located
    raise FileNotFoundError(f"argmap resource {name!r} not found (looked in {SOURCE_DIR})")
