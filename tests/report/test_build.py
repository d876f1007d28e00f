from __future__ import annotations

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
