"""Command-line interface.  Each command parses options and calls one library function.

Exit codes: 0 ok; 1 error (bad rules, unreadable input, --strict with warnings);
2 usage error (bad options, from typer/click).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import pandas as pd
import typer

from . import evaluate as evaluate_mod
from .pipeline import run as run_pipeline
from .rules import RuleError, load_rules

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Who is in the news? Person mentions -> canonical actor registry.")
rules_app = typer.Typer(no_args_is_help=True, help="Validate rule files.")
app.add_typer(rules_app, name="rules")

EXIT_ERROR = 1


def _fail(message: str, code: int = EXIT_ERROR) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _load_rules_or_exit(rules_dirs: list[Path] | None, no_default_rules: bool):
    try:
        return load_rules(rules_dirs or [], defaults=not no_default_rules)
    except RuleError as e:
        _fail("bad rules:\n" + "\n".join(e.problems))


RulesOpt = typer.Option(None, "--rules", help="A rules directory layered over the defaults (repeatable; later wins).")
NoDefaultsOpt = typer.Option(False, "--no-default-rules", help="Do not load the default rules shipped with resolve.")


@app.command()
def run(
    inputs: List[str] = typer.Argument(..., help=".txt files, directories, .jsonl/.csv files (columns id, text, [date, title, url]); '-' reads JSONL from stdin."),
    out: Path = typer.Option(..., "-o", "--out", help="Output directory for mentions.csv, registry.csv, titles.csv."),
    rules: Optional[List[Path]] = RulesOpt,
    no_default_rules: bool = NoDefaultsOpt,
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any input had a problem."),
    no_formula_guard: bool = typer.Option(False, "--no-formula-guard", help="Write cells starting with = + - @ as they are."),
) -> None:
    """Extract person mentions from articles and write the actor registry."""
    loaded = _load_rules_or_exit(rules, no_default_rules)
    result = run_pipeline(inputs, out, rules=loaded, stdin=sys.stdin, safe_csv=not no_formula_guard)
    for p in result.problems:
        typer.echo(f"warning: {p}", err=True)
    t = result.tables
    typer.echo(
        f"{result.n_articles} articles, {len(t['mentions'])} mentions, {len(t['registry'])} persons -> {out}",
        err=True,
    )
    if strict and result.problems:
        raise typer.Exit(EXIT_ERROR)


@app.command()
def evaluate(
    mentions: Path = typer.Argument(..., help="Predicted mentions.csv (article_id, start, end, entity_id)."),
    gold: Path = typer.Argument(..., help="Gold mentions CSV (doc_id/article_id, name_start/start, name_end/end, entity_id[, coref_status])."),
    ranges: Optional[Path] = typer.Option(None, "--ranges", help="CSV of (doc_id, start, end) ranges to score extraction in."),
) -> None:
    """Score mentions against gold: extraction P/R/F1 and clustering B-cubed / pairwise."""
    pred = pd.read_csv(mentions, dtype={"article_id": str, "entity_id": str}, keep_default_na=False)
    g = pd.read_csv(gold, keep_default_na=False, dtype=str)
    for c in ("start", "end", "name_start", "name_end"):
        if c in g.columns:
            g[c] = pd.to_numeric(g[c])
    r = pd.read_csv(ranges, dtype={"doc_id": str}) if ranges else None
    res = evaluate_mod.evaluate(pred, g, r)
    for kind, prf in res["extraction"].items():
        typer.echo(f"extraction {kind:8s} P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}")
    c = res["clustering"]
    typer.echo(f"clustering found {c['found']}/{c['gold']} gold mentions")
    for kind in ("b_cubed", "pairwise"):
        prf = c[kind]
        typer.echo(f"clustering {kind:8s} P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}")


@rules_app.command("check")
def rules_check(
    dirs: Optional[List[Path]] = typer.Argument(None, help="Rules directories to check (layered over the defaults)."),
    no_default_rules: bool = NoDefaultsOpt,
) -> None:
    """Validate rule files; report every problem as file:line: message."""
    loaded = _load_rules_or_exit(dirs, no_default_rules)
    typer.echo(f"ok: {', '.join(loaded.sources) or 'no rules'}")


def main() -> None:  # pragma: no cover
    app()
