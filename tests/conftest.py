"""Test set-up shared by every test: Qt draws offscreen, fixtures for paths and maps."""

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "peace-talks.argmap"


@pytest.fixture
def seed_path() -> Path:
    return SEED
