"""resolve.cli start-up: `--help` and `--version` load no heavy library; run and link share their options."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

import resolve
from resolve.cli import app

from .conftest import ROOT

#: Libraries that take seconds to import together; only the commands that use them may load them.
HEAVY = ("pandas", "numpy", "sklearn", "scipy", "recordlinkage", "rapidfuzz", "jellyfish", "pyarrow", "rich")

_PROBE = """
import sys
from resolve.__main__ import main
sys.argv = ["resolve", *sys.argv[1:]]
try:
    main()
except SystemExit as e:
    code = e.code
print("heavy:", " ".join(sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))))
print("exit:", code)
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["run", "--help"], ["link", "--help"], ["rules", "--help"]])
def test_help_and_version_import_no_heavy_library(args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _PROBE.format(heavy=HEAVY), *args], capture_output=True, text=True, env=env, timeout=60)
    lines = done.stdout.splitlines()
    assert lines[-2:] == ["heavy: ", "exit: 0"], done.stdout + done.stderr


def test_version():
    res = CliRunner().invoke(app, ["--version"])
    assert res.exit_code == 0 and res.output == f"resolve {resolve.__version__}\n"


def test_run_and_link_share_their_options():
    commands = typer.main.get_command(app).commands
    run, link = ({p.name: p for p in commands[c].params} for c in ("run", "link"))
    shared = set(run) & set(link)
    assert shared >= {"out", "rules", "no_default_rules", "output_format", "no_formula_guard", "force", "quiet", "registry", "run_date"}
    for name in shared:
        assert (run[name].opts, run[name].help, run[name].default) == (link[name].opts, link[name].help, link[name].default), name


def test_id_prefix_option_names_an_input_and_a_prefix(tmp_path):
    from typer.testing import CliRunner

    from resolve.cli import app

    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "7", "text": "Governor Ada Kell spoke."}\n', encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["run", str(feed), "-o", str(tmp_path / "out"), "--id-prefix", f"{feed}=wire/", "-q"])
    assert ok.exit_code == 0, ok.output
    assert "wire/7" in (tmp_path / "out" / "mentions.csv").read_text(encoding="utf-8")
    bad = runner.invoke(app, ["run", str(feed), "-o", str(tmp_path / "out2"), "--id-prefix", "other.jsonl=x/"])
    assert bad.exit_code == 2
