from __future__ import annotations

from typer.testing import CliRunner

from resolve.cli import app
from resolve.schema import MENTIONS_OUT_COLUMNS, REGISTRY_COLUMNS, TITLES_COLUMNS

from .conftest import SEEDS


def test_run_writes_three_tables_with_documented_columns(tmp_path):
    res = CliRunner().invoke(app, ["run", str(SEEDS), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    header = {p.stem: p.read_text(encoding="utf-8").splitlines()[0].split(",") for p in (tmp_path / "out").glob("*.csv")}
    assert header["mentions"] == MENTIONS_OUT_COLUMNS
    assert header["registry"] == REGISTRY_COLUMNS
    assert header["titles"] == TITLES_COLUMNS
