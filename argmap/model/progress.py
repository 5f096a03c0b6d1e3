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

    try:
        yield update
    finally:
        bar.close()
