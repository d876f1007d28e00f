"""Command-line interface.  Each command parses options and calls one library function.

Exit codes (docs/cli.md): 0 ok (warnings may have been printed); 1 error (bad rules,
no readable input, OUTDIR holds other files, some input could not be read, any
unexpected failure); 2 usage error (typer/click); 3 `--strict` and the inputs had
problems (nothing written); 130 interrupted (Ctrl-C/SIGTERM; previous outputs intact).
Errors print one message, no traceback; `resolve --debug CMD ...` (or RESOLVE_DEBUG=1)
shows the traceback.  `ResolveGroup` does this for every command.
"""

from __future__ import annotations

import os
import signal
import re
import sys
from pathlib import Path
from typing import List, Optional

import pandas as pd
import typer
from typer.core import TyperGroup

try:  # typer >= 0.20 vendors click
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException

from . import evaluate as evaluate_mod
from .errors import EXIT_ERROR, EXIT_INTERRUPTED, ResolveError
from .incremental import RegistryError
from .pipeline import run as run_pipeline
from .progress import make_progress
from .rules import RuleError, load_rules
from .rules import summary as rules_summary


def _echo_problems(problems) -> None:
    """One stderr line per input problem: 'warning: path:line: message' (or 'error: ...')."""
    for p in problems:
        typer.echo(f"{getattr(p, 'severity', 'warning')}: {p}", err=True)


def _debug_requested(ctx) -> bool:
    return bool(ctx.params.get("debug")) or os.environ.get("RESOLVE_DEBUG", "") not in ("", "0")


def _raise_interrupt(signum, frame):  # SIGTERM -> same clean-up path as Ctrl-C
    raise KeyboardInterrupt


class ResolveGroup(TyperGroup):
    """Runs every command with resolve's error policy: a one-line message and an exit
    code (docs/cli.md) instead of a traceback; `--debug` re-raises for the traceback."""

    def invoke(self, ctx):
        debug = _debug_requested(ctx)
        try:
            old_term = signal.signal(signal.SIGTERM, _raise_interrupt)
        except (ValueError, OSError, AttributeError):  # not the main thread / platform
            old_term = None
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except KeyboardInterrupt:
            if debug:
                raise
            typer.echo("interrupted: nothing more written; previous outputs are intact", err=True)
            raise typer.Exit(EXIT_INTERRUPTED)
        except ResolveError as e:
            if debug:
                raise
            _echo_problems(e.problems)
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(e.exit_code)
        except Exception as e:
            if debug:
                raise
            name = type(e).__name__
            typer.echo(f"error: {name}: {e} (run `resolve --debug ...` for the traceback)", err=True)
            raise typer.Exit(EXIT_ERROR)
        finally:
            if old_term is not None:
                signal.signal(signal.SIGTERM, old_term)


app = typer.Typer(
    cls=ResolveGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold whole corpora
    help="Who is in the news? Person mentions -> canonical actor registry.",
)
rules_app = typer.Typer(no_args_is_help=True, help="Validate rule files.")
app.add_typer(rules_app, name="rules")


@app.callback()
def _global_options(
    debug: bool = typer.Option(False, "--debug", help="On failure show the full traceback (also: RESOLVE_DEBUG=1)."),
) -> None:
    """Who is in the news? Person mentions -> canonical actor registry."""


def _fail(message: str, code: int = EXIT_ERROR) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _load_rules_or_exit(rules_dirs: list[Path] | None, no_default_rules: bool):
    """Load the rules or exit 1 listing every problem as file:line: message (no traceback)."""
    try:
        loaded = load_rules(rules_dirs or [], defaults=not no_default_rules)
    except RuleError as e:
        _fail(f"bad rules ({len(e.problems)} problem(s)); `resolve rules check` lists them too:\n" + "\n".join(e.problems))
    for w in loaded.warnings:
        typer.echo(w, err=True)
    return loaded


RulesOpt = typer.Option(None, "--rules", help="A rules directory layered over the defaults (repeatable; later wins).")
NoDefaultsOpt = typer.Option(False, "--no-default-rules", help="Do not load the default rules shipped with resolve.")
RegistryOpt = typer.Option(
    None, "--registry",
    help="Continue a previous registry (its registry.csv, or the OUTDIR holding it; titles.csv and redirects.csv beside it are read too): known people keep their IDs. May be the same as -o.",
)


def _iso_date(value: Optional[str]) -> Optional[str]:
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise typer.BadParameter(f"'{value}' is not an ISO date (YYYY-MM-DD)")
    return value


RunDateOpt = typer.Option(
    None, "--run-date", callback=_iso_date, help="Date recorded in redirects.csv for merges of this run (YYYY-MM-DD; default: the latest article date)."
)


@app.command()
def run(
    inputs: List[str] = typer.Argument(..., help=".txt files, directories, .jsonl/.csv files (columns id, text, [date, title, url]); '-' reads JSONL from stdin."),
    out: Path = typer.Option(..., "-o", "--out", help="Output directory for mentions.csv, registry.csv, titles.csv."),
    rules: Optional[List[Path]] = RulesOpt,
    no_default_rules: bool = NoDefaultsOpt,
    strict: bool = typer.Option(False, "--strict", help="Any input problem (warning or error) fails the run with exit code 3, before extraction; nothing is written."),
    no_formula_guard: bool = typer.Option(False, "--no-formula-guard", help="Write cells starting with = + - @ tab CR as they are (default: prefix them with ' so spreadsheets do not run them)."),
    force: bool = typer.Option(False, "--force", help="Write into OUTDIR even if it holds files resolve did not write (they are left alone)."),
    jobs: int = typer.Option(1, "-j", "--jobs", min=0, help="Processes for extraction (0 = one per CPU). Output is identical for any value."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar and no summary line (warnings and errors still go to stderr)."),
    registry: Optional[Path] = RegistryOpt,
    run_date: Optional[str] = RunDateOpt,
    extractor: str = typer.Option("rules", "--extractor", help="Extractor: rules (default), spacy, or one an installed package adds (entry points 'resolve.extractors')."),
    spacy_model: str = typer.Option("en_core_web_sm", "--spacy-model", help="spaCy pipeline (package name or path) for --extractor spacy."),
) -> None:
    """Extract person mentions from articles and write the actor registry."""
    loaded = _load_rules_or_exit(rules, no_default_rules)
    progress = make_progress(enabled=not quiet)  # a bar only when stderr is a terminal
    try:
        result = run_pipeline(
            inputs, out, rules=loaded, stdin=sys.stdin, safe_csv=not no_formula_guard, jobs=jobs, progress=progress,
            registry=registry, run_date=run_date, force=force, strict=strict,
            extractor=extractor, extractor_options={"model": spacy_model} if extractor == "spacy" else None,
        )
    except RegistryError as e:
        _fail("bad registry:\n" + "\n".join(e.problems))
    finally:
        progress.close()
    _echo_problems(result.problems)
    t = result.tables
    if not quiet:
        typer.echo(
            f"{result.n_articles} articles, {len(t['mentions'])} mentions, {len(t['registry'])} persons -> {out}",
            err=True,
        )
    errors = [p for p in result.problems if p.severity == "error"]
    if errors:
        _fail(f"{len(errors)} input(s) could not be read (listed above); outputs were written for the rest")


@app.command()
def link(
    mentions: Path = typer.Argument(..., help="Mention CSV from any extractor: article_id, text and optional start, end, title, date."),
    out: Path = typer.Option(..., "-o", "--out", help="Output directory (same files as `run`, plus links.csv)."),
    rules: Optional[List[Path]] = RulesOpt,
    no_default_rules: bool = NoDefaultsOpt,
    no_formula_guard: bool = typer.Option(False, "--no-formula-guard", help="Write cells starting with = + - @ tab CR as they are."),
    force: bool = typer.Option(False, "--force", help="Write into OUTDIR even if it holds files resolve did not write."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No summary line."),
    registry: Optional[Path] = RegistryOpt,
    run_date: Optional[str] = RunDateOpt,
) -> None:
    """Cluster an existing mention table into the registry outputs (no extraction)."""
    from .link import link as link_mentions

    loaded = _load_rules_or_exit(rules, no_default_rules)
    try:
        result = link_mentions(mentions, out, rules=loaded, safe_csv=not no_formula_guard, force=force, registry=registry, run_date=run_date)
    except RegistryError as e:
        _fail("bad registry:\n" + "\n".join(e.problems))
    for p in result.problems:
        typer.echo(f"warning: {mentions}: {p}", err=True)
    if not quiet:
        t = result.tables
        typer.echo(f"{result.n_articles} articles, {len(t['mentions'])} mentions, {len(t['registry'])} persons -> {out}", err=True)


@app.command()
def explain(
    outdir: Path = typer.Argument(..., help="An output directory of `run` or `link`."),
    a: str = typer.Argument(..., help="A name (as written or any alias) or an entity ID."),
    b: str = typer.Argument(..., help="Another name or entity ID."),
    rules: Optional[List[Path]] = RulesOpt,
    no_default_rules: bool = NoDefaultsOpt,
) -> None:
    """Why A and B were or were not merged: features, scores, rules and judgements."""
    from .explain import explain as explain_pair

    if not (outdir / "mentions.csv").is_file() or not (outdir / "registry.csv").is_file():
        _fail(f"{outdir}: no mentions.csv/registry.csv here; give an output directory of `resolve run` or `resolve link`")
    loaded = _load_rules_or_exit(rules, no_default_rules)
    typer.echo(str(explain_pair(outdir, a, b, rules=loaded)))


@app.command()
def evaluate(
    mentions: Path = typer.Argument(..., help="Predicted mentions.csv (article_id, start, end, entity_id)."),
    gold: Path = typer.Argument(..., help="Gold mentions CSV (doc_id/article_id, name_start/start, name_end/end, entity_id[, coref_status]); see docs/evaluate.md."),
    ranges: Optional[Path] = typer.Option(None, "--ranges", help="CSV of (doc_id, start, end) ranges to score extraction in."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
) -> None:
    """Score mentions against gold: extraction P/R/F1 and clustering B-cubed / pairwise."""
    for path in (mentions, gold, ranges):
        if path is not None and not path.is_file():
            _fail(f"no such file: {path}")
    try:
        pred = evaluate_mod.read_predicted(mentions)
        g, r = evaluate_mod.read_gold(gold, ranges)
        res = evaluate_mod.evaluate(pred, g, r)
    except (evaluate_mod.EvaluationError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        _fail(str(e))
    c = res["clustering"]
    if as_json:
        import json
        from dataclasses import asdict

        out = {"extraction": {k: asdict(v) for k, v in res["extraction"].items()},
               "clustering": {"found": c["found"], "gold": c["gold"], "b_cubed": asdict(c["b_cubed"]), "pairwise": asdict(c["pairwise"])}}
        typer.echo(json.dumps(out, indent=1))
        return
    for kind, prf in res["extraction"].items():
        typer.echo(f"extraction {kind:8s} P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}")
    typer.echo(f"clustering found {c['found']}/{c['gold']} gold mentions")
    for kind in ("b_cubed", "pairwise"):
        prf = c[kind]
        typer.echo(f"clustering {kind:8s} P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}")


@rules_app.command("check")
def rules_check(
    dirs: Optional[List[Path]] = typer.Argument(None, help="Rules directories to check (layered over the defaults)."),
    no_default_rules: bool = NoDefaultsOpt,
) -> None:
    """Validate rule files; report every problem as file:line: message (exit 1 if any)."""
    try:
        loaded = load_rules(dirs or [], defaults=not no_default_rules)
    except RuleError as e:
        for p in e.problems:
            typer.echo(p)
        typer.echo(f"{len(e.problems)} problem(s) in rules", err=True)
        raise typer.Exit(EXIT_ERROR)
    for w in loaded.warnings:
        typer.echo(w)
    for line in rules_summary(loaded):
        typer.echo(line)


def main() -> None:  # pragma: no cover
    app()
