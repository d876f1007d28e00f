"""resolve.console.Reporter: problems printed when met and counted; summaries; no problem printed twice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from resolve.console import Reporter, plural
from resolve.errors import InputError
from resolve.io.problem import Problem


def test_problems_are_printed_at_once_and_counted(capsys):
    with Reporter(quiet=True) as r:
        r.problem(Problem("a.txt", "empty file, skipped"))
        assert capsys.readouterr().err == "warning: a.txt: empty file, skipped\n"
        r.problem(Problem("b.txt", "no such file or directory", "error"))
        r.warning_lines(["rules/x.txt:3: warning: repeats line 2"])
    assert (r.warnings, r.errors) == (2, 1)
    assert re.fullmatch(r"2 warnings, 1 error, \d+\.\d s", r.counts())


def test_json_summary_has_counts_problems_time_and_files():
    r = Reporter(quiet=True)
    r.problem(Problem("a.txt", "empty file, skipped"))
    summary = json.loads(r.summary_json({"articles": 3, "mentions": 9, "persons": 4}, "out", [Path("out/mentions.csv")]))
    assert summary == {**summary, "articles": 3, "mentions": 9, "persons": 4, "warnings": 1, "errors": 0, "outdir": "out",
                       "outputs": ["out/mentions.csv"]}
    assert summary["elapsed_s"] >= 0


def test_an_error_leaving_the_reporter_keeps_only_the_problems_not_yet_printed():
    shown, unseen = Problem("a.txt", "empty file, skipped"), Problem("b.txt", "binary")
    with pytest.raises(InputError) as info:
        with Reporter(quiet=True) as r:
            r.problem(shown)
            raise InputError("no article could be read", [shown, unseen])
    assert info.value.problems == [unseen]


def test_plural():
    assert [plural(1, "warning"), plural(0, "warning"), plural(2, "person")] == ["1 warning", "0 warnings", "2 persons"]
