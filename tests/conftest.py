from __future__ import annotations

from pathlib import Path

import pytest

from resolve import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ECB = ROOT.parent / "shared" / "data" / "ecbplus-dev"


@pytest.fixture(scope="session")
def rules():
    return load_rules()
