"""Test set-up shared by every test: Qt draws offscreen, fixtures for paths and maps."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app's settings (recent files, appearance) go to a throw-away folder, not the user's.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="argmap-test-config-")
# Recovery copies (autosave) likewise.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="argmap-test-data-")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "peace-talks.argmap"


@pytest.fixture
def seed_path() -> Path:
    return SEED
