"""Helpers of the rules tests: write a rule file, load rules expecting problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from resolve.errors import RuleError
from resolve.rules import load_rules


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(*dirs: Path, defaults: bool = False) -> list[str]:
    with pytest.raises(RuleError) as info:
        load_rules(list(dirs), defaults=defaults)
    assert str(info.value) == "\n".join(info.value.problems)
    return info.value.problems
