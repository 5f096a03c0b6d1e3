"""Desktop integration for the user: the app in the menus, `.argmap` files known, the icon.

`install_desktop()` copies, under `$XDG_DATA_HOME` (default `~/.local/share`), the freedesktop
entry (`applications/argmap.desktop`, with `MimeType=application/x-argmap` and an `Exec=`
line that runs this very installation), the shared-mime-info declaration of `*.argmap`
(`mime/packages/argmap.xml`) and the icon (`icons/hicolor/scalable/apps/argmap.svg` and the PNG
sizes), then refreshes the desktop's caches with whichever of `update-mime-database`,
`update-desktop-database` and `gtk-update-icon-cache` the system has. No root needed; running
it again replaces the files, `uninstall_desktop()` removes them.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from argmap.resources import resource_path

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_TYPE = "application/x-argmap"


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share (the freedesktop default)."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launch_command() -> str:
    """The command line that starts this installation's app (an absolute path)."""
    exe = shutil.which("argmap")
    if exe:
        return shlex.quote(str(Path(exe).resolve()))
    return f"{shlex.quote(sys.executable)} -m argmap"


def _targets(root: Path) -> dict[str, Path]:
    icons = root / "icons" / "hicolor"
    out = {
        "argmap.desktop": root / "applications" / "argmap.desktop",
        "argmap-mime.xml": root / "mime" / "packages" / "argmap.xml",
        "argmap.svg": icons / "scalable" / "apps" / "argmap.svg",
    }
    for size in PNG_SIZES:
        out[f"png/argmap-{size}.png"] = icons / f"{size}x{size}" / "apps" / "argmap.png"
    return out


def _refresh(root: Path) -> list[str]:
    """Run the cache updaters that exist; returns the ones run."""
    ran = []
    for cmd in (
        ["update-mime-database", str(root / "mime")],
        ["update-desktop-database", str(root / "applications")],
        ["gtk-update-icon-cache", "-f", "-t", str(root / "icons" / "hicolor")],
    ):
        if shutil.which(cmd[0]):
            subprocess.run(cmd, check=False, capture_output=True)
            ran.append(cmd[0])
    return ran


def install_desktop(root: Path | None = None) -> list[Path]:
    """Install the desktop entry, MIME type and icons under `root` (default: data_home())."""
    root = root or data_home()
    written = []
    for name, target in _targets(root).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        source = resource_path(name)
        if name == "argmap.desktop":
            lines = []
            for line in source.read_text(encoding="utf-8").splitlines():
                if line.startswith("Exec="):
                    line = f"Exec={launch_command()} open %f"
                elif line.startswith("TryExec="):
                    continue  # Exec is an absolute path already
                lines.append(line)
            target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    _refresh(root)
    return written


def uninstall_desktop(root: Path | None = None) -> list[Path]:
    """Remove what install_desktop() wrote."""
    root = root or data_home()
    removed = []
    for target in _targets(root).values():
        if target.exists():
            target.unlink()
            removed.append(target)
    _refresh(root)
    return removed
