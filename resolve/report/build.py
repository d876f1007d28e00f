"""`resolve report OUTDIR -o report.html [--articles INPUT...]`: write the HTML report."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..io.problem import Problem
from ..rules import Rules, load_rules
from . import charts, data, page
from .outputs import load_outputs
from .snippets import read_article_texts


@dataclass(frozen=True)
class ReportInfo:
    path: Path
    persons: int
    size: int  # bytes written
    problems: list[Problem] = field(default_factory=list)  # reading --articles

    @property
    def summary(self) -> str:
        return f"{self.persons} persons -> {self.path} ({self.size / 1e6:.1f} MB)"


def write_report(outdir: str | Path, html_path: str | Path, articles: Iterable[str] = (), *, rules: Rules | None = None) -> ReportInfo:
    """Read OUTDIR, and the articles when given, and write one self-contained HTML file.

    `rules` (default: the default rules) only tell full names from short ones.
    """
    out = load_outputs(outdir)
    rules = rules if rules is not None else load_rules()
    inputs = list(articles)
    texts, problems = read_article_texts(inputs) if inputs else (None, [])
    doc = data.build(out, rules, texts)
    html = page.render(
        doc,
        charts.persons_by_articles_svg(out.registry["n_articles"].astype(int)),
        charts.mentions_per_day_svg(out.mentions["date"]),
    )
    path = Path(html_path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)  # never a half-written report
    return ReportInfo(path, doc["meta"]["persons"], path.stat().st_size, problems)
