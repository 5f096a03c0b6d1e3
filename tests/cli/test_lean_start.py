"""The command line starts lean (issue 14's speed aim): converting Argdown to Argdown, or
counting a map, imports neither the layout nor numpy/igraph, and lays nothing out — such
outputs hold no positions. Where the output keeps positions the map is laid out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from argmap import cli
from argmap.analysis.layout import needs_layout
from argmap.io import native, registry

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "argdown" / "12-generated-120.argdown"
HEAVY = (
    "numpy",
    "igraph",
    "networkx",
    "argmap.analysis.layout",
    "argmap.analysis.layering",
    "PySide6",
)


def _modules_after(args: list[str]) -> tuple[int, list[str]]:
    """Run `argmap ARGS` in a fresh interpreter; its exit status and the heavy modules it
    imported."""
    script = (
        "import sys\n"
        "from argmap import cli\n"
        f"rc = cli.main({args!r})\n"
        f"print(rc, *[m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rc, *heavy = done.stdout.splitlines()[-1].split()
    return int(rc), heavy


def test_argdown_to_argdown_and_info_import_no_layout(tmp_path: Path) -> None:
    assert _modules_after(["convert", str(SAMPLE), str(tmp_path / "out.argdown")]) == (0, [])
    assert _modules_after(["info", str(SAMPLE)]) == (0, [])
    assert (tmp_path / "out.argdown").read_text(encoding="utf-8").count("[") > 100


def test_outputs_with_positions_are_laid_out(tmp_path: Path, capsys) -> None:
    for name in ("out.argmap", "out.json", "out.graphml"):
        assert cli.main(["convert", str(SAMPLE), str(tmp_path / name)]) == 0
        m = registry.read(tmp_path / name)
        assert not needs_layout(m), name
        assert len({c.pos for c in m.claims.values()}) == len(m.claims), name
    again = native.read(tmp_path / "out.argmap")
    assert again == registry.read(tmp_path / "out.argmap")


def test_reading_without_layout_leaves_the_map_unplaced() -> None:
    m, warnings = registry.read_with_report(SAMPLE, layout=False)
    assert warnings == [] and needs_layout(m)
    laid_out = registry.read(SAMPLE)
    assert not needs_layout(laid_out)
    # the same map but for positions
    assert {c.id: c.text for c in m.claims.values()} == {
        c.id: c.text for c in laid_out.claims.values()
    }
    assert set(m.relations) == set(laid_out.relations)
