"""Progress of long work, without Qt: a callback that pure code calls as it goes.

Long operations (ranking cruxes, ...) take `progress: Progress | None`, call it with
`(done, total)` now and then, and stop with `Cancelled` when it raises that (the app's Cancel
button). The command line shows it as a bar on stderr when stderr is a terminal
(`terminal_progress`), and prints nothing extra when it is piped or redirected.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from argmap.model.errors import ArgmapError

Progress = Callable[[int, int], None]
"""progress(done, total): `done` of `total` steps are finished."""


class Cancelled(ArgmapError):
    """The user cancelled the operation; nothing was changed."""


@contextmanager
def terminal_progress(label: str, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A progress callback drawing a bar on `stream` (stderr) when it is a terminal, else None.

    tqdm draws the bar: it throttles redraws (a few per second, so a callback per step costs
    microseconds), shows rate and time left, and clears the line when done.
    """
    stream = stream or sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()):
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(desc=label, file=stream, leave=False, unit="step", dynamic_ncols=True)

    def update(done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
            bar.refresh()
        bar.update(done - bar.n)

    update.bar = bar  # type: ignore[attr-defined]  # for terminal_phases' phase names
    try:
        yield update
    finally:
        bar.close()


@contextmanager
def terminal_phases(
    label: str, names: tuple[str, ...], stream: TextIO | None = None
) -> Iterator[Callable[[str], None]]:
    """`phase(name)` moves a bar of len(names) steps on `stream` (stderr) to the phase `name`
    ("reading", "laying out", "writing" ...) when it is a terminal; does nothing otherwise.

    For commands whose steps are one call each (a read, a layout, a write): the bar says which
    one is running and how many are left, so a long command on a big map is not silent.
    """
    with terminal_progress(label, stream) as progress:
        if progress is None:
            yield lambda name: None
            return
        bar = getattr(progress, "bar", None)

        def phase(name: str) -> None:
            done = names.index(name) if name in names else len(names)
            progress(done, len(names))
            if bar is not None:
                bar.set_postfix_str(name, refresh=True)

        yield phase
        progress(len(names), len(names))

