"""Thousands of random user actions on the real window (seeded, reproducible).

CI runs ARGMAP_MONKEY_STEPS actions (default 2,000) split over a few seeds; a failure prints
the seed to replay with ARGMAP_MONKEY_SEED=N. benchmarks/monkey_long.py runs many more.
"""

from __future__ import annotations

import os

import pytest

from argmap.io import native
from argmap.ui.document import Document
from tests.conftest import SEED
from tests.ui.monkey import run_monkey

STEPS = int(os.environ.get("ARGMAP_MONKEY_STEPS", "2000"))
SEEDS = (
    [int(os.environ["ARGMAP_MONKEY_SEED"])] if "ARGMAP_MONKEY_SEED" in os.environ else [1, 2, 3, 4]
)


@pytest.mark.parametrize("seed", SEEDS)
def test_monkey_keeps_the_model_sound_and_undo_restores_it(qtbot, window, seed):
    if SEED.exists() and seed % 2 == 0:
        window.set_document(Document(native.read(SEED)))  # the real map half of the time
    window.view.set_zoom(0.8)
    steps = max(1, STEPS // len(SEEDS))
    monkey = run_monkey(qtbot, window, seed, steps)
    # The monkey really changed the map: many undoable commands, all undone at the end.
    # (Fewer since Esc on a new card takes it away again, leaving no command.)
    assert monkey.commands >= steps // 15, monkey.log[-20:]
