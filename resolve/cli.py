"""Command-line interface.  Each command parses options and calls one library function.

Exit codes (docs/cli.md): 0 ok (warnings may have been printed); 1 error (bad rules,
no readable input, OUTDIR holds other files, some input could not be read, any
unexpected failure); 2 usage error (typer/click); 3 `--strict` and the inputs had
problems (nothing written); 130 interrupted (Ctrl-C/SIGTERM; previous outputs intact).
Errors print one message, no traceback; `resolve --debug CMD ...` (or RESOLVE_DEBUG=1)
shows the traceback.  `ResolveGroup` does this for every command.

Start-up: this module imports typer and resolve's light modules only (errors, the
names of the output formats, progress); each command imports the library it calls,
so `resolve --help` never loads pandas, numpy or scikit-learn.  Options that several
commands share are declared once, as the `Annotated` types below.
"""

from __future__ import annotations

import enum
import os
import re
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, List, NoReturn, Optional

import typer
from typer.core import TyperGroup

try:  # typer >= 0.20 vendors click
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException

from . import __version__
from .errors import EXIT_ERROR, EXIT_INTERRUPTED, INTERRUPTED, ResolveError, RuleError
from .io.formats import DEFAULT_FORMAT, FORMAT_NAMES
from .progress import make_progress

if TYPE_CHECKING:
    from .pipeline import Result
    from .rules import Rules


def _debug_requested(ctx) -> bool:
    return bool(ctx.params.get("debug")) or os.environ.get("RESOLVE_DEBUG", "") not in ("", "0")


def _raise_interrupt(signum, frame):  # SIGTERM -> same clean-up path as Ctrl-C
    raise KeyboardInterrupt


def _interrupted() -> NoReturn:
    typer.echo(INTERRUPTED, err=True)
    raise typer.Exit(EXIT_INTERRUPTED)


class ResolveGroup(TyperGroup):
    """Runs every command with resolve's error policy: a one-line message and an exit
    code (docs/cli.md) instead of a traceback; `--debug` re-raises for the traceback."""

    def make_context(self, *args, **kwargs):
        # Parsing the command line (and printing --help) happens before `invoke`.
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            _interrupted()

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
            _interrupted()
        except ResolveError as e:
            if debug:
                raise
            for line in e.report():
                typer.echo(line, err=True)
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
    rich_markup_mode=None,  # plain help: rendering it with rich would import rich (0.3 s) on every --help
    help="Who is in the news? Person mentions -> canonical actor registry.",
)
rules_app = typer.Typer(no_args_is_help=True, help="Validate rule files.")
app.add_typer(rules_app, name="rules")


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"resolve {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    debug: Annotated[bool, typer.Option("--debug", help="On failure show the full traceback (also: RESOLVE_DEBUG=1).")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Who is in the news? Person mentions -> canonical actor registry."""


def _fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _iso_date(value: Optional[str]) -> Optional[str]:
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise typer.BadParameter(f"'{value}' is not an ISO date (YYYY-MM-DD)")
    return value


def _id_prefixes(values: Optional[List[str]], inputs: List[str]) -> dict[str, str]:
    """`--id-prefix INPUT=PREFIX` values -> {input: prefix}; INPUT must be one of the inputs."""
    out: dict[str, str] = {}
    for v in values or []:
        inp, sep, prefix = v.rpartition("=")
        if not sep or not inp or not prefix:
            raise typer.BadParameter(f"'{v}' is not INPUT=PREFIX", param_hint="--id-prefix")
        if inp not in inputs:
            raise typer.BadParameter(f"'{inp}' is not one of the inputs ({', '.join(inputs)})", param_hint="--id-prefix")
        out[inp] = prefix
    return out


#: The output formats of `resolve.io.formats`, as a choice for typer.
OutputFormat = enum.Enum("OutputFormat", {name: name for name in FORMAT_NAMES}, type=str)

# --- options shared by several commands ----------------------------------------------

RulesDirs = Annotated[
    Optional[List[Path]], typer.Option("--rules", help="A rules directory layered over the defaults (repeatable; later wins).")
]
NoDefaultRules = Annotated[bool, typer.Option("--no-default-rules", help="Do not load the default rules shipped with resolve.")]
Out = Annotated[
    Path, typer.Option("-o", "--out", help="Output directory for the tables: mentions, registry, titles, redirects, links (docs/output.md).")
]
TableFormat = Annotated[
    OutputFormat,
    typer.Option("--format", help="Format of the output tables; parquet needs the extra resolve[parquet] (pyarrow)."),
]
NoFormulaGuard = Annotated[
    bool,
    typer.Option(
        "--no-formula-guard",
        help="Write CSV cells starting with = + - @ tab CR as they are (default: prefix them with ' so spreadsheets do not run them).",
    ),
]
Force = Annotated[
    bool, typer.Option("--force", help="Write into OUTDIR even if it holds files resolve did not write (they are left alone).")
]
Quiet = Annotated[
    bool, typer.Option("-q", "--quiet", help="No progress bar and no summary line (warnings and errors still go to stderr).")
]
Registry = Annotated[
    Optional[Path],
    typer.Option(
        "--registry",
        help="Continue a previous registry (its registry.csv, or the OUTDIR holding it; titles.csv and redirects.csv beside it are read too): known people keep their IDs. May be the same as -o.",
    ),
]
RunDate = Annotated[
    Optional[str],
    typer.Option(
        "--run-date",
        callback=_iso_date,
        help="Date recorded in redirects.csv for merges of this run (YYYY-MM-DD; default: the latest article date).",
    ),
]


def _load_rules(rules_dirs: list[Path] | None, no_default_rules: bool) -> Rules:
    """The rules of --rules/--no-default-rules; warnings to stderr, RuleError to the error policy."""
    from .rules import load_rules

    loaded = load_rules(rules_dirs or [], defaults=not no_default_rules)
    for w in loaded.warnings:
        typer.echo(w, err=True)
    return loaded


def _finish(result: Result, out: Path, quiet: bool) -> None:
    """Print the input problems and the summary line of `run`/`link`; exit 1 if an input could not be read."""
    for p in result.problems:
        typer.echo(p.report(), err=True)
    t = result.tables
    if not quiet:
        typer.echo(f"{result.n_articles} articles, {len(t['mentions'])} mentions, {len(t['registry'])} persons -> {out}", err=True)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors:
        _fail(f"{len(errors)} input(s) could not be read (listed above); outputs were written for the rest")


@app.command()
def run(
    inputs: Annotated[
        List[str],
        typer.Argument(help=".txt files, directories, .jsonl/.csv files (columns id, text, [date, title, url]); '-' reads JSONL from stdin."),
    ],
    out: Out,
    rules: RulesDirs = None,
    no_default_rules: NoDefaultRules = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Any input problem (warning or error) fails the run with exit code 3, before extraction; nothing is written."),
    ] = False,
    output_format: TableFormat = OutputFormat(DEFAULT_FORMAT),
    no_formula_guard: NoFormulaGuard = False,
    force: Force = False,
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=0, help="Processes for extraction (0 = one per CPU). Output is identical for any value.")] = 1,
    quiet: Quiet = False,
    registry: Registry = None,
    run_date: RunDate = None,
    extractor: Annotated[
        str,
        typer.Option("--extractor", help="Extractor: rules (default), spacy, or one an installed package adds (entry points 'resolve.extractors')."),
    ] = "rules",
    spacy_model: Annotated[str, typer.Option("--spacy-model", help="spaCy pipeline (package name or path) for --extractor spacy.")] = "en_core_web_sm",
    id_prefix: Annotated[
        Optional[List[str]],
        typer.Option("--id-prefix", help="INPUT=PREFIX: put PREFIX before the article ids of that input (repeatable), for inputs whose ids collide."),
    ] = None,
) -> None:
    """Extract person mentions from articles and write the actor registry."""
    from .pipeline import run as run_pipeline

    prefixes = _id_prefixes(id_prefix, inputs)
    loaded = _load_rules(rules, no_default_rules)
    progress = make_progress(enabled=not quiet)  # a bar only when stderr is a terminal
    try:
        result = run_pipeline(
            inputs, out, rules=loaded, stdin=sys.stdin, format=output_format.value, safe_csv=not no_formula_guard, jobs=jobs,
            progress=progress, registry=registry, run_date=run_date, force=force, strict=strict, id_prefixes=prefixes,
            extractor=extractor, extractor_options={"model": spacy_model} if extractor == "spacy" else None,
        )
    finally:
        progress.close()
    _finish(result, out, quiet)


@app.command()
def link(
    mentions: Annotated[
        Path,
        typer.Argument(help="Mention table from any extractor (CSV: article_id, text and optional start, end, title, date), or our own mentions table."),
    ],
    out: Out,
    rules: RulesDirs = None,
    no_default_rules: NoDefaultRules = False,
    output_format: TableFormat = OutputFormat(DEFAULT_FORMAT),
    no_formula_guard: NoFormulaGuard = False,
    force: Force = False,
    quiet: Quiet = False,
    registry: Registry = None,
    run_date: RunDate = None,
) -> None:
    """Cluster an existing mention table into the registry outputs (no extraction)."""
    from .link import link as link_mentions

    loaded = _load_rules(rules, no_default_rules)
    result = link_mentions(
        mentions, out, rules=loaded, format=output_format.value, safe_csv=not no_formula_guard, force=force, registry=registry, run_date=run_date
    )
    _finish(result, out, quiet)


@app.command()
def explain(
    outdir: Annotated[Path, typer.Argument(help="An output directory of `run` or `link`.")],
    sides: Annotated[
        Optional[List[str]],
        typer.Argument(help="The two sides: an entity ID (also one merged away) or a name (as written or any alias). --id/--name say which."),
    ] = None,
    ids: Annotated[Optional[List[str]], typer.Option("--id", help="A side that is an entity ID (repeatable; sides: the arguments, then --id, then --name).")] = None,
    names: Annotated[Optional[List[str]], typer.Option("--name", help="A side that is a name, never read as an ID (repeatable).")] = None,
    rules: RulesDirs = None,
    no_default_rules: NoDefaultRules = False,
) -> None:
    """Why two names or entities were or were not merged: features, scores, rules and judgements. Exit 1 when a side names no entity."""
    from .explain import Query
    from .explain import explain as explain_pair
    from .io.tables import output_file

    queries = [Query(x) for x in sides or []] + [Query(x, "id") for x in ids or []] + [Query(x, "name") for x in names or []]
    if len(queries) != 2:
        raise typer.BadParameter(f"give exactly two sides (as arguments, --id or --name), not {len(queries)}")
    tables = [output_file(outdir, t) for t in ("mentions", "registry")]
    if not all(p.is_file() for p in tables):
        _fail(f"{outdir}: no {'/'.join(p.name for p in tables)} here; give an output directory of `resolve run` or `resolve link`")
    ex = explain_pair(outdir, *queries, rules=_load_rules(rules, no_default_rules))
    typer.echo(str(ex))
    if not ex.found:
        raise typer.Exit(EXIT_ERROR)


@app.command()
def evaluate(
    mentions: Annotated[Path, typer.Argument(help="Predicted mentions (our mentions table, or a CSV with article_id, start, end, entity_id).")],
    gold: Annotated[
        Path,
        typer.Argument(help="Gold mentions CSV (doc_id/article_id, name_start/start, name_end/end, entity_id[, coref_status]); see docs/evaluate.md."),
    ],
    ranges: Annotated[Optional[Path], typer.Option("--ranges", help="CSV of (doc_id, start, end) ranges to score extraction in.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
) -> None:
    """Score mentions against gold: extraction P/R/F1 and clustering B-cubed / pairwise."""
    from .evaluate import evaluate_files, report_json, report_lines

    res = evaluate_files(mentions, gold, ranges)
    typer.echo(report_json(res) if as_json else "\n".join(report_lines(res)))


ArticlesOpt = Annotated[
    Optional[List[str]],
    typer.Option("--articles", help="The articles OUTDIR was made from (as for `run`; repeatable): adds headlines and mention snippets."),
]


@app.command()
def report(
    outdir: Annotated[Path, typer.Argument(help="An output directory of `run` or `link`.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="The HTML file to write (one self-contained file: open it in a browser).")] = Path("report.html"),
    articles: ArticlesOpt = None,
) -> None:
    """Write an HTML report: persons with search, aliases, titles over time, decisions, a needs-review list."""
    from .report import write_report

    info = write_report(outdir, out, articles or [])
    for p in info.problems:
        typer.echo(p.report(), err=True)
    typer.echo(info.summary, err=True)


@app.command()
def review(
    outdir: Annotated[Path, typer.Argument(help="An output directory of `run` or `link`.")],
    judgements: Annotated[Path, typer.Option("--judgements", help="Append answers here (judgements.csv of a rules directory; created if missing).")],
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Ask at most N questions.")] = None,
    articles: ArticlesOpt = None,
    user: Annotated[Optional[str], typer.Option("--user", help="Recorded in the user column (default: the login name).")] = None,
    rules: RulesDirs = None,
    no_default_rules: NoDefaultRules = False,
) -> None:
    """Answer the most uncertain decisions (y same / n different / s skip / q quit); answers become judgements for --rules."""
    from .review import review as run_review

    result = run_review(
        outdir, judgements, answers=sys.stdin, out=sys.stdout, interactive=sys.stdin.isatty(),
        limit=limit, rules=_load_rules(rules, no_default_rules), articles=articles or [], user=user,
    )
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(result.summary, err=True)


@rules_app.command("check")
def rules_check(
    dirs: Annotated[Optional[List[Path]], typer.Argument(help="Rules directories to check (layered over the defaults).")] = None,
    no_default_rules: NoDefaultRules = False,
) -> None:
    """Validate rule files; report every problem as file:line: message (exit 1 if any)."""
    from .rules import load_rules, summary

    try:
        loaded = load_rules(dirs or [], defaults=not no_default_rules)
    except RuleError as e:
        for p in e.problems:
            typer.echo(p)
        typer.echo(f"{len(e.problems)} problem(s) in rules", err=True)
        raise typer.Exit(EXIT_ERROR)
    for w in loaded.warnings:
        typer.echo(w)
    for line in summary(loaded):
        typer.echo(line)
