"""pyproject.toml installs every subpackage of resolve (a package left out works from a
checkout and in an editable install, and is missing from a real one)."""

from __future__ import annotations

import tomllib

from .conftest import ROOT


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "resolve").rglob("__init__.py")}
    assert "resolve.io.formats" in found
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
