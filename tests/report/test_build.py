from __future__ import annotations

from typer.testing import CliRunner

from resolve.cli import app
from resolve.report.build import write_report

from ..conftest import SEEDS


def test_writes_one_file_and_reports_its_size(seeds_out, tmp_path, rules):
    info = write_report(seeds_out, tmp_path / "report.html", [str(SEEDS)], rules=rules)
    assert info.path.is_file() and info.size == info.path.stat().st_size
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left
    assert f"{info.persons} persons" in info.summary


def test_same_outputs_same_bytes(seeds_out, tmp_path, rules):
    a = write_report(seeds_out, tmp_path / "a.html", rules=rules).path.read_bytes()
    b = write_report(seeds_out, tmp_path / "b.html", rules=rules).path.read_bytes()
    assert a == b


def test_unreadable_articles_are_reported_not_fatal(seeds_out, tmp_path, rules):
    info = write_report(seeds_out, tmp_path / "r.html", [str(tmp_path / "missing.jsonl")], rules=rules)
    assert info.path.is_file() and any("missing.jsonl" in str(p) for p in info.problems)


def test_the_command_writes_the_report_and_says_where(seeds_out, tmp_path):
    res = CliRunner().invoke(app, ["report", str(seeds_out), "-o", str(tmp_path / "r.html"), "--articles", str(SEEDS)])
    assert res.exit_code == 0 and (tmp_path / "r.html").is_file()
    assert f"-> {tmp_path / 'r.html'}" in res.output


def test_the_command_refuses_a_directory_that_is_no_output(tmp_path):
    res = CliRunner().invoke(app, ["report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert res.exit_code == 1 and "no registry.csv or mentions.csv here" in res.output
    assert not (tmp_path / "r.html").exists()
