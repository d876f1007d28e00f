from __future__ import annotations

from pathlib import Path

import pytest

from .runs import FIRST, batch, run_ok


@pytest.fixture()
def first_run(tmp_path) -> Path:
    """The first seed article alone, resolved into OUT1."""
    run_ok(batch(tmp_path, "b1", FIRST), "-o", tmp_path / "out1")
    return tmp_path / "out1"
