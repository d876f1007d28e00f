"""resolve.cli: start-up (`--help` and `--version` load no heavy library), the conventions
every command follows (-h, examples, flags, complete help), and what `run` and `link`
print: `-o -`, `--json`, warnings as they happen and the summary line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import resolve
from resolve.cli import _iso_date, app
from resolve.io.manifest import MANIFEST
from resolve.io.tables import OUTPUT_TABLES, read_output

from .conftest import ROOT, SEEDS

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


# --- conventions: -h, examples, flags, complete help ------------------------------------


def _paths(group, prefix=()):
    """Every command and group of the CLI as its argument path: (), ("run",), ("rules", "check"), ..."""
    yield prefix
    for name, cmd in sorted(group.commands.items()):
        if hasattr(cmd, "commands"):
            yield from _paths(cmd, (*prefix, name))
        else:
            yield (*prefix, name)


PATHS = list(_paths(typer.main.get_command(app)))


def _cmd(path):
    cmd = typer.main.get_command(app)
    for name in path:
        cmd = cmd.commands[name]
    return cmd


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "resolve" for p in PATHS])
def test_every_command_takes_h_and_its_help_shows_examples_of_itself(path):
    short, long = (CliRunner().invoke(app, [*path, flag]) for flag in ("-h", "--help"))
    assert short.exit_code == long.exit_code == 0 and short.output == long.output
    examples = short.output.split("Examples:", 1)[1].splitlines()
    calls = [line for line in examples if f"resolve {' '.join(path)}".rstrip() in line]
    assert calls, f"no example of `resolve {' '.join(path)}` in its --help"


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "resolve" for p in PATHS])
def test_help_shows_no_python_type_placeholders(path):
    out = CliRunner().invoke(app, [*path, "-h"]).output
    assert not re.search(r"<(bool|str|int|path|list\[\w+\]|int range)>", out), out


def test_run_help_keeps_the_optional_columns_and_out_names_every_output_file():
    out = CliRunner().invoke(app, ["run", "-h"]).output
    assert "(columns id, text, [date, title, url])" in " ".join(out.split())
    help_of = {p.name: p.help for p in _cmd(("run",)).params}
    for name in [*OUTPUT_TABLES, MANIFEST]:
        assert name in help_of["out"], name


@pytest.mark.parametrize("args", [["--strict", "true"], ["-q", "false"], ["--force", "yes"], ["--no-formula-guard", "1"]])
def test_a_flag_given_a_value_is_a_usage_error_naming_the_flag(tmp_path, args):
    res = CliRunner().invoke(app, ["run", *args, str(SEEDS), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2 and f"{args[0]} is a flag and takes no value" in res.output
    assert not (tmp_path / "out").exists()


def test_a_file_named_like_a_boolean_is_still_an_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("true").write_text("Defense Secretary Chuck Hagel said on Tuesday that he would go.", encoding="utf-8")
    res = CliRunner().invoke(app, ["run", "--strict", "true", "-o", "out", "-q"])
    assert res.exit_code == 0, res.output
    assert set(read_output(Path("out"), "mentions")["article_id"]) == {"true"}


@pytest.mark.parametrize("value", ["2024-13-45", "2023-02-29", "26/03/2013", "last week"])
def test_run_date_must_be_a_real_iso_date(tmp_path, value):
    res = CliRunner().invoke(app, ["run", str(SEEDS), "-o", str(tmp_path / "out"), "--run-date", value])
    assert res.exit_code == 2 and f"'{value}' is not an ISO date" in res.output
    assert _iso_date("2024-02-29") == "2024-02-29"


# --- -o -, --json, warnings as they happen ------------------------------------------------


def test_out_dash_writes_the_mentions_as_json_lines_to_stdout_and_no_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    to_stdout = CliRunner().invoke(app, ["run", str(SEEDS), "-o", "-"])
    assert to_stdout.exit_code == 0, to_stdout.output
    assert not Path("-").exists()
    assert re.search(r"-> stdout \(0 warnings, \d+\.\d s\)", to_stdout.stderr)
    assert CliRunner().invoke(app, ["run", str(SEEDS), "-o", "out", "-q"]).exit_code == 0
    rows = [json.loads(line) for line in to_stdout.stdout.splitlines()]
    assert rows == read_output(Path("out"), "mentions").to_dict("records")


@pytest.mark.parametrize("extra,message", [(["--json"], "--json has nowhere to go"), (["--format", "csv"], "--format csv needs an OUTDIR")])
def test_out_dash_refuses_what_it_cannot_do(extra, message):
    res = CliRunner().invoke(app, ["run", str(SEEDS), "-o", "-", *extra])
    assert res.exit_code == 2 and message in res.output


def test_plain_text_on_stdin_is_one_article_without_warnings():
    text = "Defense Secretary Chuck Hagel said on Tuesday that Tom Donilon will visit Moscow.\nHagel did not say when.\n"
    res = CliRunner().invoke(app, ["run", "-", "-o", "-"], input=text)
    assert res.exit_code == 0 and "warning:" not in res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert {r["article_id"] for r in rows} == {"stdin"} and {"Chuck Hagel", "Tom Donilon"} <= {r["text"] for r in rows}
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)


def _batch_with_two_warnings(tmp_path: Path) -> list[str]:
    """Inputs: the seed articles, an empty file, and a JSONL of one good and one malformed line."""
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"id": "j1", "text": "Chuck Hagel said."}\n{broken\n', encoding="utf-8")
    return [str(SEEDS), str(tmp_path / "empty.txt"), str(tmp_path / "feed.jsonl")]


def test_warnings_are_printed_as_they_happen_and_counted_in_the_summary(tmp_path, monkeypatch):
    from resolve import pipeline

    real = pipeline.extract_window

    def extract(*args, **kwargs):
        sys.stderr.write("EXTRACTION STARTS\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_window", extract)
    res = CliRunner().invoke(app, ["run", *_batch_with_two_warnings(tmp_path), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    lines = res.stderr.splitlines()
    warnings = [i for i, line in enumerate(lines) if line.startswith("warning: ")]
    assert len(warnings) == 2 and max(warnings) < lines.index("EXTRACTION STARTS")
    assert re.fullmatch(r"3 articles, \d+ mentions, \d+ persons -> .*out \(2 warnings, \d+\.\d s\)", lines[-1])


def test_an_error_after_live_warnings_prints_each_warning_once(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_text("", encoding="utf-8")
    res = CliRunner().invoke(app, ["run", str(d), "-o", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert res.stderr.count("empty file, skipped") == 1 and "error: no article could be read" in res.stderr


@pytest.mark.parametrize("command", ["run", "link"])
def test_json_summary_for_scripts(tmp_path, command):
    inputs = _batch_with_two_warnings(tmp_path)
    if command == "link":
        assert CliRunner().invoke(app, ["run", *inputs, "-o", str(tmp_path / "first"), "-q"]).exit_code == 0
        inputs = [str(tmp_path / "first" / "mentions.csv")]
    res = CliRunner().invoke(app, [command, *inputs, "-o", str(tmp_path / "out"), "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert set(summary) == {"articles", "mentions", "persons", "warnings", "errors", "elapsed_s", "outdir", "outputs"}
    assert summary["mentions"] == len(read_output(tmp_path / "out", "mentions"))
    assert summary["persons"] == len(read_output(tmp_path / "out", "registry"))
    assert summary["warnings"] == res.stderr.count("warning: ") == (2 if command == "run" else 0)
    assert summary["errors"] == 0 and summary["elapsed_s"] > 0 and summary["outdir"] == str(tmp_path / "out")
    assert sorted(Path(p).name for p in summary["outputs"]) == sorted(f"{t}.csv" for t in OUTPUT_TABLES)


def test_unwritable_outdir_fails_before_the_rules_are_loaded(tmp_path, monkeypatch):
    from resolve import rules
    from resolve.io import manifest

    def deny(directory):
        raise OSError(30, "Read-only file system", str(directory))

    monkeypatch.setattr(manifest, "_probe", deny)
    monkeypatch.setattr(rules, "load_rules", lambda *a, **k: pytest.fail("rules loaded before the OUTDIR check"))
    res = CliRunner().invoke(app, ["run", str(SEEDS), "-o", str(tmp_path)])
    assert res.exit_code == 1
    assert res.stderr == f"error: output directory {tmp_path} is not writable (Read-only file system); nothing done\n"


def test_candidates_lists_each_candidate_with_its_decision(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Prime Minister Anna Berg met the Acme Corp board in Ottawa.", encoding="utf-8")
    res = CliRunner().invoke(app, ["candidates", str(src), "--top", "2"])
    assert res.exit_code == 0, res.output
    rows = [line.split("\t") for line in res.stdout.splitlines() if not line.startswith("    ")]
    verdicts = {r[2]: r[3] for r in rows}
    assert verdicts["'Anna Berg'"] == "person" and verdicts["'Ottawa'"] == "no"
    features = [line for line in res.stdout.splitlines() if line.startswith("    ")]
    assert features and all(line.count(",") == 1 for line in features)  # --top 2: two features each
    only = CliRunner().invoke(app, ["candidates", str(src), "--persons"])
    assert [line.split("\t")[2] for line in only.stdout.splitlines() if not line.startswith("    ")] == ["'Anna Berg'"]


def test_candidates_names_an_article_id_that_is_not_there(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Anna Berg spoke.", encoding="utf-8")
    res = CliRunner().invoke(app, ["candidates", str(src), "--article", "nope"])
    assert res.exit_code == 1 and "no article with id nope" in res.stderr
