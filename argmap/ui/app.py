"""Application set-up: the QApplication, the first window, and the screenshot mode."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "seeds" / "peace-talks.argmap"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="argmap", description="Open the argmap desktop app.")
    parser.add_argument("file", nargs="?", type=Path, help="map to open (default: the seed map)")
    parser.add_argument(
        "--screenshot", type=Path, metavar="PATH", help="render the window to a PNG and exit"
    )
    parser.add_argument("--size", default="1600x1000", help="window size for --screenshot (WxH)")
    parser.add_argument(
        "--canvas-only",
        action="store_true",
        help="--screenshot renders just the canvas, at --size (as Copy View as Image does)",
    )
    parser.add_argument("--zoom", type=float, help="zoom for --screenshot (default: fit the map)")
    parser.add_argument("--focus", metavar="ID", help="centre on this claim or group")
    parser.add_argument(
        "--select", metavar="ID", help="select this claim or relation (the inspector shows it)"
    )
    parser.add_argument(
        "--panel", action="append", metavar="KEY", help="bring this dock to the front (repeatable)"
    )
    parser.add_argument(
        "--appearance", choices=("system", "light", "dark"), help="colour scheme for this run"
    )
    parser.add_argument(
        "--evaluation",
        choices=("off", "grounded", "preferred", "stable", "dfquad", "qe"),
        help="evaluation overlay for this run (not remembered)",
    )
    parser.add_argument(
        "--assume",
        action="append",
        type=_assumption,
        metavar="ID=in|out|SCORE",
        help="a what-if assumption for this run (repeatable; turns the overlay on)",
    )
    parser.add_argument(
        "--arrows",
        choices=("straight", "curved", "orthogonal"),
        help="how arrows are drawn in this run (not remembered)",
    )
    parser.add_argument(
        "--routed",
        action="store_true",
        help="--screenshot waits until a big map's arrows are routed (in the background)",
    )
    parser.add_argument("--why", metavar="ID", help="highlight what decides this claim's label")
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        type=_source_file,
        metavar="ID=FILE",
        help="show source ID from FILE in the Source pane (repeatable)",
    )
    parser.add_argument(
        "--source-focus", metavar="ID", help="scroll the Source pane to ID's passage"
    )
    return parser.parse_args(list(argv))


def _source_file(text: str) -> tuple[str, Path]:
    sid, sep, file = text.partition("=")
    if not sep or not sid or not file:
        raise argparse.ArgumentTypeError(f"{text!r} is not ID=FILE")
    return sid, Path(file)


def _assumption(text: str) -> tuple[str, str | float]:
    """`ID=in`, `ID=out` or `ID=0.8` (a base score in [0, 1])."""
    cid, _, value = text.partition("=")
    if value in ("in", "out") and cid:
        return cid, value
    try:
        score = float(value)
    except ValueError:
        score = -1.0
    if not cid or not 0.0 <= score <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not ID=in, ID=out or ID=SCORE (0 to 1)")
    return cid, score


def _frame(window, args: argparse.Namespace) -> None:
    """Apply --select, --zoom and --focus (used to frame screenshots)."""
    scene = window.scene
    if args.select and args.select in scene.model.claims:
        window.reveal_claim(args.select)
    if args.zoom:
        window.view.set_zoom(args.zoom)
    if args.focus:
        item = scene.claim_item(args.focus)
        group = scene.group_items.get(args.focus)
        if group is not None:
            window.view.centerOn(group.frame_rect().center())
        elif item is not None:
            window.view.centerOn(item)
    elif args.select and args.select in scene.model.claims:
        window.view.centerOn(scene.claim_item(args.select))
    if args.select and args.select in scene.model.relations:
        scene.select_ids([args.select])
        window.view.centerOn(scene.relation_item(args.select))
    for key in args.panel or []:
        dock = window.context.docks.get(key)
        if dock is not None:
            dock.show()
            dock.raise_()


def _wait_for_routes(app, window) -> None:
    """Until a big map's arrows are routed (by a worker process, `BackgroundRouting`)."""
    import time

    router = window.scene.router
    app.processEvents()
    while router.active:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def open_start_document(file: Path | None):
    """The document the app starts on: `file`, or an untitled copy of the example map (so
    Save asks for a name instead of overwriting the repository's seeds/ file)."""
    from argmap.ui.document import Document

    if file is not None:
        return Document.open(file)
    document = Document.open(SEED)
    document.path = None
    document.name_hint = SEED.name
    document.origin = SEED  # its source text is found beside the seed, as when opened
    return document


def make_application():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("argmap")
    app.setOrganizationName("argmap")
    app.setApplicationDisplayName("argmap")
    app.setDesktopFileName("argmap")  # matches resources/argmap.desktop (argmap install-desktop)
    from argmap.ui.icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def run_app(argv: Sequence[str] | None = None) -> int:
    """Start the app; with --screenshot, save a PNG of the window and return."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = make_application()
    from PySide6.QtCore import QTimer

    from argmap.model.errors import ArgmapError
    from argmap.ui.main_window import MainWindow

    path = args.file or (SEED if SEED.exists() else None)
    document = None
    problem = None
    if path is not None:
        try:
            document = open_start_document(args.file)
        except ArgmapError as exc:
            problem = str(exc)
            print(f"argmap: {problem}", file=sys.stderr)
            if args.screenshot:
                return 2
    for cid, _value in args.assume or []:
        if document is None or cid not in document.model.claims:
            print(f"argmap: --assume: no claim {cid!r} in {path}", file=sys.stderr)
            return 2
    window = MainWindow(document)
    if args.appearance:
        window.set_appearance(args.appearance, remember=False)
    if args.arrows:
        window.features["arrows"].set_style(args.arrows, remember=False)
    if args.evaluation:
        name = None if args.evaluation == "off" else args.evaluation
        window.features["evaluation"].set_semantics(name, remember=False)
    for cid, value in args.assume or []:
        window.features["evaluation"].assume(cid, value)
    if args.source:
        window.features["sources"].set_given(dict(args.source))
    if args.screenshot:
        if not args.routed:
            # A big map's arrows stay straight in the picture: no worker process is started
            # for them (the app exits after the picture; in the window it starts after the
            # first picture, half a second after the window is shown).
            window.scene.router.stop()
        # Pictures show the first layout, not whatever this machine's user arranged (and do
        # not become what the next start restores).
        window.features["panels"].default_layout()
        window.features["panels"].remember = False
        w, _, h = args.size.partition("x")
        window.resize(int(w), int(h))
        window.show()
        for _ in range(5):
            app.processEvents()
        window.features["sources"].present()
        app.processEvents()
        if args.canvas_only:
            # Grow the window by what its docks, bars and menus take, so the canvas itself
            # gets --size (a window larger than the screen is fine offscreen and under Xvfb).
            viewport = window.view.viewport().size()
            window.resize(2 * int(w) - viewport.width(), 2 * int(h) - viewport.height())
            for _ in range(5):
                app.processEvents()
        for _ in range(5):  # the panels settle first: the opening view frames the final canvas
            app.processEvents()
        window.view.opening_view()
        if args.routed:
            _wait_for_routes(app, window)
        _frame(window, args)
        # No zoom gesture to wait for: draw the arrows and place the labels now.
        window.view.settle()
        app.processEvents()
        if args.why in window.document.model.claims:
            window.features["evaluation"].show_why(args.why)
            app.processEvents()
        if args.source_focus:
            window.features["sources"].reveal_item(args.source_focus)
            window.features["sources"].follow_selection()
            app.processEvents()
        if window.view.zooming():
            # Something zoomed again meanwhile (the docks settled late): draw it all now.
            window.view.settle()
            app.processEvents()
        args.screenshot.parent.mkdir(parents=True, exist_ok=True)
        picture = window.view.viewport().grab() if args.canvas_only else window.grab()
        # Written whole or not at all (a file that appears is complete: bench_start.py times
        # the first picture by it).
        part = args.screenshot.with_name(args.screenshot.name + ".part")
        ok = picture.save(str(part), args.screenshot.suffix.lstrip(".").upper() or "PNG")
        if ok:
            os.replace(part, args.screenshot)
        window.document.undo_stack.setClean()
        window.close()
        if not ok:
            print(f"argmap: {args.screenshot}: could not write the screenshot", file=sys.stderr)
            return 2
        return 0
    window.show()
    from argmap.ui.features.recovery import offer_recovery

    QTimer.singleShot(0, lambda: offer_recovery(window.context))
    if problem is not None:
        QTimer.singleShot(0, lambda: window.show_error(problem))
    return app.exec()


def main() -> None:
    sys.exit(run_app())
