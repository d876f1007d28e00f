"""Command-line interface.  Each command parses options and calls one library function.

Exit codes (docs/cli.md): 0 ok (warnings may have been printed); 1 error (bad rules,
no readable input, OUTDIR not writable or holding other files, some input could not be
read, any unexpected failure); 2 usage error (typer/click, and a flag given a value);
3 `--strict` and the inputs had problems (nothing written); 130 interrupted
(Ctrl-C/SIGTERM; previous outputs intact).  Errors print one message, no traceback;
`resolve --debug CMD ...` (or RESOLVE_DEBUG=1) shows the traceback.  `ResolveGroup`
does this, and the checks of the conventions (docs/cli.md), for every command.

Start-up: this module imports typer and resolve's light modules only (errors, the
names of the output formats, console and progress); each command imports the library
it calls, so `resolve --help` never loads pandas, numpy or scikit-learn.  Options that several
commands share are declared once, as the `Annotated` types below.
"""

from __future__ import annotations

import datetime
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
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException, UsageError

from . import __version__
from .console import Reporter, plural
from .errors import EXIT_ERROR, EXIT_INTERRUPTED, INTERRUPTED, ResolveError, RuleError
from .io.formats import DEFAULT_FORMAT, FORMAT_NAMES

if TYPE_CHECKING:
    from .pipeline import Result
    from .rules import Rules


#: Values a user may put after a flag believing it takes one (`--strict true`).
_BOOL_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "1", "0", "y", "n", "t", "f"})


def _reject_flag_values(command: str, cmd, args: list[str]) -> None:
    """A usage error for `--flag true`: click would take `true` as the next argument (an
    input file) and turn the flag on whatever the word says."""
    flags = {opt for p in getattr(cmd, "params", ()) if getattr(p, "is_flag", False) for opt in p.opts}
    for flag, value in zip(args, args[1:]):
        if flag == "--":
            return
        if flag in flags and value.lower() in _BOOL_WORDS and not os.path.exists(value):
            raise UsageError(
                f"{flag} is a flag and takes no value: write {flag} alone to turn it on, or leave it out "
                f"('{value}' is not an input); see '{command} -h'"
            )


def _no_type_label(ctx=None) -> None:
    return None


def _plain_argument_labels(cmd) -> None:
    """Name arguments in --help by their metavar alone: typer appends the Python type
    (`INPUT <list[str]>`), which tells a user nothing."""
    for p in getattr(cmd, "params", ()):
        if p.param_type_name == "argument" and p.metavar:
            p.display_type_rich = _no_type_label


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

    def resolve_command(self, ctx, args):
        # Every command (this group's and those added later), before it parses its arguments.
        name, cmd, rest = super().resolve_command(ctx, args)
        _plain_argument_labels(cmd)
        _reject_flag_values(f"{ctx.command_path} {name}", cmd, rest)
        return name, cmd, rest

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
        except BrokenPipeError:
            # The reader of stdout went away (`resolve run ... -o - | head`): not a failure
            # to report; typer ends quietly with exit 1, as click does.
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


def _examples(*lines: str) -> str:
    """An --help epilog: 'Examples:' and the lines as written (\b: click must not re-wrap them)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


app = typer.Typer(
    cls=ResolveGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold whole corpora
    rich_markup_mode=None,  # plain help: rendering it with rich would import rich (0.3 s) on every --help
    context_settings={"help_option_names": ["-h", "--help"]},  # inherited by every command
    help="Who is in the news? Person mentions -> canonical actor registry.",
    epilog=_examples(
        "resolve run articles/ -o out                # articles -> out/registry.csv, mentions.csv, ...",
        "resolve explain out \"Tom Donilon\" Donilon   # why two names are (not) one person",
        "resolve COMMAND -h                          # a command's options and examples",
    ),
)
rules_app = typer.Typer(
    cls=ResolveGroup,
    no_args_is_help=True,
    help="Validate rule files; import actor dictionaries.",
    epilog=_examples(
        "resolve rules check my_rules   # file:line: problem, or the entries per file",
        "resolve rules import petrarch actors.txt -o my_rules   # an actor dictionary -> known_actors.csv + actor_titles.csv",
    ),
)
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
    if value is None:
        return value
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        datetime.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not an ISO date: write YYYY-MM-DD, such as 2013-03-26") from None
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

#: `-o -`: no OUTDIR; the mentions go to stdout as JSON Lines.
STDOUT = "-"

# --- options shared by several commands ----------------------------------------------

RulesDirs = Annotated[
    Optional[List[Path]],
    typer.Option("--rules", metavar="DIR", help="A rules directory layered over the defaults (repeatable; later wins)."),
]
NoDefaultRules = Annotated[bool, typer.Option("--no-default-rules", help="Do not load the default rules shipped with resolve.")]
Out = Annotated[
    str,  # not Path: a URL ("s3://...") must reach check_outdir as written, to be refused clearly
    typer.Option(
        "-o",
        "--out",
        metavar="OUTDIR",
        help="Output directory (created if missing) for the tables mentions, registry, titles, redirects and links, "
        "the bookkeeping evidence and articles (.csv or the --format's suffix) and the manifest .resolve-manifest.json; see docs/output.md. "
        "'-' writes only the mentions, as JSON Lines, to stdout.",
    ),
]
TableFormat = Annotated[
    Optional[OutputFormat],
    typer.Option(
        "--format",
        metavar="csv|jsonl|parquet",
        help="Format of the output tables (default: csv; jsonl with -o -); parquet needs the extra resolve[parquet] (pyarrow).",
    ),
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
AsJson = Annotated[
    bool,
    typer.Option(
        "--json",
        help="Print a summary for scripts as one JSON object on stdout: counts, warnings, errors, elapsed seconds, OUTDIR and the files written.",
    ),
]
Registry = Annotated[
    Optional[str],  # as written (see Out)
    typer.Option(
        "--registry",
        metavar="PATH",
        help="Continue a previous registry (its registry.csv, or the OUTDIR holding it; titles.csv and redirects.csv beside it are read too): known people keep their IDs. May be the same as -o.",
    ),
]
RunDate = Annotated[
    Optional[str],
    typer.Option(
        "--run-date",
        metavar="YYYY-MM-DD",
        callback=_iso_date,
        help="Date recorded in redirects.csv for merges of this run (default: the latest article date).",
    ),
]
ArticlesOpt = Annotated[
    Optional[List[str]],
    typer.Option(
        "--articles",
        metavar="INPUT",
        help="The articles OUTDIR was made from (as for `run`; repeatable): adds headlines and mention snippets.",
    ),
]
Inputs = Annotated[
    List[str],
    typer.Argument(
        metavar="INPUT",
        help=".txt files, directories of them, .jsonl/.csv files (columns id, text, [date, title, url]); "
        "'-' reads stdin: JSONL, CSV, or plain text as one article.",
    ),
]
OutdirArg = Annotated[Path, typer.Argument(metavar="OUTDIR", help="An output directory of `run` or `link`.")]


def _load_rules(rules_dirs: list[Path] | None, no_default_rules: bool, reporter: Reporter | None = None) -> Rules:
    """The rules of --rules/--no-default-rules; warnings to stderr (counted by `reporter`), RuleError to the error policy."""
    from .rules import load_rules

    loaded = load_rules(rules_dirs or [], defaults=not no_default_rules)
    if reporter is not None:
        reporter.warning_lines(loaded.warnings)
    else:
        for w in loaded.warnings:
            typer.echo(w, err=True)
    return loaded


def _output_target(out: str, output_format: OutputFormat | None, as_json: bool, force: bool) -> tuple[Path | None, str]:
    """(OUTDIR or None for `-o -`, format name), checked before any work: a usage error
    for what `-o -` cannot do, OutputDirError for an OUTDIR that cannot take the outputs."""
    from .io.manifest import check_outdir

    if out != STDOUT:
        check_outdir(out, force=force)
        return Path(out), output_format.value if output_format else DEFAULT_FORMAT
    if as_json:
        raise typer.BadParameter("-o - writes the mentions to stdout, so --json has nowhere to go; give an OUTDIR", param_hint="'--json'")
    if output_format not in (None, OutputFormat("jsonl")):
        raise typer.BadParameter(f"-o - writes JSON Lines; --format {output_format.value} needs an OUTDIR", param_hint="'--format'")
    return None, "jsonl"


def _finish(result: Result, outdir: Path | None, reporter: Reporter, quiet: bool, as_json: bool) -> None:
    """The end of `run`/`link`: the mentions on stdout for `-o -`, the summary (a line on
    stderr, or --json on stdout); exit 1 if an input could not be read."""
    if outdir is None:
        from .io.formats import get_format

        get_format("jsonl").write(result.tables["mentions"], sys.stdout.buffer)
        sys.stdout.buffer.flush()
    # Counted without reading written tables back (a million articles' mentions).
    counts = {"articles": result.n_articles, "mentions": result.n_rows("mentions"), "persons": result.n_rows("registry")}
    if as_json:
        typer.echo(reporter.summary_json(counts, str(outdir), result.outputs))  # no --json with -o -
    elif not quiet:
        where = "stdout" if outdir is None else str(outdir)
        done = ", ".join(plural(n, what[:-1]) for what, n in counts.items())
        typer.echo(f"{done} -> {where} ({reporter.counts()})", err=True)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors:
        _fail(f"{len(errors)} input(s) could not be read (listed above); outputs were written for the rest")


@app.command(
    epilog=_examples(
        "resolve run articles/ -o out                     # a directory of .txt files",
        "resolve run feed.jsonl news.csv -o out -j 0      # JSONL and CSV, one process per CPU",
        "resolve run new/ -o out --registry out           # a new batch; known people keep their IDs",
        "resolve run articles/ -o out --format parquet    # tables as Parquet",
        "resolve run articles/ -o out --extractor spacy   # spaCy's PERSON entities (resolve[spacy] and en_core_web_sm)",
        "resolve run articles/ -o out --extractor spacy --spacy-model en_core_web_trf  # another spaCy pipeline",
        "cat feed.jsonl | resolve run - -o - > m.jsonl    # stdin to stdout: mentions as JSON Lines",
        "echo 'Chuck Hagel said ...' | resolve run - -o - # plain text on stdin: one article",
        "resolve run articles/ -o out --strict --json     # scripts: fail on any input problem; JSON summary",
        "resolve run archive/ -o out --scheduler local:2  # on a local Dask cluster of 2 processes (resolve[dask])",
    )
)
def run(
    inputs: Inputs,
    out: Out,
    rules: RulesDirs = None,
    no_default_rules: NoDefaultRules = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Any input problem (warning or error) fails the run with exit code 3, before extraction; nothing is written."),
    ] = False,
    output_format: TableFormat = None,
    no_formula_guard: NoFormulaGuard = False,
    force: Force = False,
    jobs: Annotated[
        int, typer.Option("-j", "--jobs", min=0, metavar="N", help="Processes for extraction (0 = one per CPU). Output is identical for any value.")
    ] = 1,
    quiet: Quiet = False,
    as_json: AsJson = False,
    registry: Registry = None,
    run_date: RunDate = None,
    extractor: Annotated[
        str,
        typer.Option(
            "--extractor",
            metavar="NAME",
            help="Extractor: rules (default), spacy, or one an installed package adds (entry points 'resolve.extractors'); see docs/extractors.md.",
        ),
    ] = "rules",
    spacy_model: Annotated[
        str, typer.Option("--spacy-model", metavar="MODEL", help="spaCy pipeline (package name or path) for --extractor spacy.")
    ] = "en_core_web_sm",
    id_prefix: Annotated[
        Optional[List[str]],
        typer.Option(
            "--id-prefix", metavar="INPUT=PREFIX", help="Put PREFIX before the article ids of that input (repeatable), for inputs whose ids collide."
        ),
    ] = None,
    scheduler: Annotated[
        Optional[str],
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Run the tasks on Dask (resolve[dask]): local:N starts N local worker processes, tcp://HOST:8786 uses a running "
            "'dask scheduler'. Output is identical to a local run; see docs/scale.md.",
        ),
    ] = None,
) -> None:
    """Extract person mentions from articles and write the actor registry."""
    with Reporter(quiet=quiet) as reporter:
        outdir, fmt = _output_target(out, output_format, as_json, force)
        from .pipeline import run as run_pipeline

        prefixes = _id_prefixes(id_prefix, inputs)
        loaded = _load_rules(rules, no_default_rules, reporter)
        result = run_pipeline(
            inputs, outdir, rules=loaded, stdin=sys.stdin, format=fmt, safe_csv=not no_formula_guard, jobs=jobs,
            progress=reporter.progress, registry=registry, run_date=run_date, force=force, strict=strict, on_problem=reporter.problem,
            id_prefixes=prefixes, scheduler=scheduler,
            extractor=extractor, extractor_options={"model": spacy_model} if extractor == "spacy" else None,
        )
    _finish(result, outdir, reporter, quiet, as_json)


@app.command(
    epilog=_examples(
        "resolve link mentions.csv -o out                 # any extractor's mentions (article_id, text)",
        "resolve link ner.csv -o out --rules my_rules     # with your own rules over the defaults",
        "resolve link out/mentions.csv -o again --json    # re-cluster our own mentions; JSON summary",
        "resolve link gold.csv -o - | head                # doc_id, name_start, name_end accepted too",
    )
)
def link(
    mentions: Annotated[
        Path,
        typer.Argument(
            metavar="MENTIONS",
            help="Mention table from any extractor (CSV: article_id or doc_id, text and optional start, end, title, date), or our own mentions table.",
        ),
    ],
    out: Out,
    rules: RulesDirs = None,
    no_default_rules: NoDefaultRules = False,
    output_format: TableFormat = None,
    no_formula_guard: NoFormulaGuard = False,
    force: Force = False,
    quiet: Quiet = False,
    as_json: AsJson = False,
    registry: Registry = None,
    run_date: RunDate = None,
) -> None:
    """Cluster an existing mention table into the registry outputs (no extraction)."""
    with Reporter(quiet=True) as reporter:  # no progress display: linking has no long stage to show
        outdir, fmt = _output_target(out, output_format, as_json, force)
        from .link import link as link_mentions

        loaded = _load_rules(rules, no_default_rules, reporter)
        result = link_mentions(
            mentions, outdir, rules=loaded, format=fmt, safe_csv=not no_formula_guard, force=force, registry=registry,
            run_date=run_date, on_problem=reporter.problem,
        )
    _finish(result, outdir, reporter, quiet, as_json)


@app.command(
    epilog=_examples(
        'resolve explain out "Tom Donilon" "Thomas Donilon"   # two names as written (or any alias)',
        "resolve explain out Ebjv74zpp Donilon               # an entity ID and a name",
        'resolve explain out --id Ebjv74zpp --name "Tom Donilon"  # say which side is an ID, which a name',
    )
)
def explain(
    outdir: OutdirArg,
    sides: Annotated[
        Optional[List[str]],
        typer.Argument(
            metavar="[A] [B]",
            help="The two sides: an entity ID (also one merged away) or a name (as written or any alias); --id/--name say which.",
        ),
    ] = None,
    ids: Annotated[
        Optional[List[str]], typer.Option("--id", metavar="ID", help="A side that is an entity ID (repeatable; sides: the arguments, then --id, then --name).")
    ] = None,
    names: Annotated[Optional[List[str]], typer.Option("--name", metavar="NAME", help="A side that is a name, never read as an ID (repeatable).")] = None,
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


@app.command(
    epilog=_examples(
        "resolve candidates article.txt                   # every name candidate: person or not, and why",
        "resolve candidates articles/ --article a17 --persons   # one article of a batch, the persons only",
        "echo 'Vladimir Putin met Ford executives.' | resolve candidates - --top 5",
    )
)
def candidates(
    inputs: Inputs,
    article: Annotated[
        Optional[List[str]], typer.Option("--article", metavar="ID", help="Show only this article (repeatable); the others still lend their evidence.")
    ] = None,
    persons: Annotated[bool, typer.Option("--persons", help="Show only the candidates taken as persons.")] = False,
    top: Annotated[int, typer.Option("--top", min=0, metavar="N", help="Features shown per candidate, largest effect first (0 = all).")] = 8,
    rules: RulesDirs = None,
    no_default_rules: NoDefaultRules = False,
) -> None:
    """Each name candidate the rules extractor finds, person or not, with the person model's
    probability and the features that weighed most (one batch, as `run` reads a window)."""
    from .io.inputs import read_articles
    from .sources.rules.explain import read_candidates

    loaded = _load_rules(rules, no_default_rules)
    articles, problems = read_articles(inputs, stdin=sys.stdin)
    for problem in problems:
        typer.echo(problem.report(), err=True)
    if not len(articles):
        _fail("no article could be read from the inputs")
    wanted = set(article or ())
    missing = sorted(wanted - set(articles["article_id"]))
    if missing:
        _fail(f"no article with id {', '.join(missing)} in the inputs")
    for r in read_candidates(articles, loaded, top=top):
        if (wanted and r.article_id not in wanted) or (persons and not r.person):
            continue
        verdict = "person" if r.person else "no"
        typer.echo(f"{r.article_id}\t{r.start}-{r.end}\t{r.text!r}\t{verdict}\tp={r.probability:.2f} ({r.why})")
        if r.features:
            typer.echo("    " + ", ".join(f"{f} {w:+.2f}" for f, w in r.features))


@app.command(
    epilog=_examples(
        "resolve evaluate out/mentions.csv gold.csv                              # all figures",
        "resolve evaluate out/mentions.csv gold.csv --ranges sentences.csv --json  # scored sentences only; JSON",
    )
)
def evaluate(
    mentions: Annotated[
        Path,
        typer.Argument(metavar="MENTIONS", help="Predicted mentions (our mentions table, or a CSV with article_id or doc_id, start, end, entity_id)."),
    ],
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD",
            help="Gold mentions CSV (doc_id/article_id, name_start/start, name_end/end, entity_id[, coref_status]); see docs/evaluate.md.",
        ),
    ],
    ranges: Annotated[
        Optional[Path], typer.Option("--ranges", metavar="RANGES.csv", help="CSV of (doc_id, start, end) ranges to score extraction in.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object on stdout.")] = False,
) -> None:
    """Score mentions against gold: extraction P/R/F1 and clustering B-cubed / pairwise."""
    from .evaluate import evaluate_files, report_json, report_lines

    res = evaluate_files(mentions, gold, ranges)
    typer.echo(report_json(res) if as_json else "\n".join(report_lines(res)))


@app.command(
    epilog=_examples(
        "resolve report out                               # -> report.html",
        "resolve report out -o out/report.html --articles articles/  # with headlines and mention snippets",
    )
)
def report(
    outdir: OutdirArg,
    out: Annotated[
        Path,
        typer.Option("-o", "--out", metavar="FILE", help="The HTML file to write (one self-contained file: open it in a browser)."),
    ] = Path("report.html"),
    articles: ArticlesOpt = None,
) -> None:
    """Write an HTML report: persons with search, aliases, titles over time, decisions, a needs-review list."""
    from .report import write_report

    info = write_report(outdir, out, articles or [])
    for p in info.problems:
        typer.echo(p.report(), err=True)
    typer.echo(info.summary, err=True)


@app.command(
    epilog=_examples(
        "resolve review out --judgements my_rules/judgements.csv           # then: resolve run ... --rules my_rules",
        "resolve review out --judgements j.csv --limit 20 --articles articles/  # 20 questions, with snippets",
        "printf 'y\\nn\\n' | resolve review out --judgements j.csv           # answers from a pipe",
    )
)
def review(
    outdir: OutdirArg,
    judgements: Annotated[
        Path,
        typer.Option("--judgements", metavar="FILE", help="Append answers here (judgements.csv of a rules directory; created if missing)."),
    ],
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, metavar="N", help="Ask at most N questions.")] = None,
    articles: ArticlesOpt = None,
    user: Annotated[Optional[str], typer.Option("--user", metavar="NAME", help="Recorded in the user column (default: the login name).")] = None,
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


@rules_app.command(
    "check",
    epilog=_examples(
        "resolve rules check                              # the default rules",
        "resolve rules check my_rules                     # my_rules layered over the defaults",
        "resolve rules check base team --no-default-rules # two layers, nothing else",
    ),
)
def rules_check(
    dirs: Annotated[
        Optional[List[Path]], typer.Argument(metavar="DIR", help="Rules directories to check (layered over the defaults).")
    ] = None,
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


@rules_app.command(
    "import",
    epilog=_examples(
        "resolve rules import petrarch phoenix.actors.txt -o my_rules",
        "resolve rules import icews icews_actors.csv -o my_rules",
        "resolve run articles/ -o out --rules my_rules   # the imported actors keep their IDs and dated titles",
    ),
)
def rules_import(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="petrarch (PETRARCH/Phoenix .actors.txt) or icews (ICEWS actor CSV).")],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The actor dictionary.")],
    out: Annotated[Path, typer.Option("-o", "--out", metavar="DIR", help="Rules directory to write known_actors.csv and actor_titles.csv to.")],
) -> None:
    """Turn an event-data actor dictionary into known_actors.csv + actor_titles.csv (invalid lines as file:line)."""
    from .rules.importers import FORMATS, import_dictionary, write_rules

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if not file.is_file():
        typer.echo(f"error: {file}: no such file", err=True)
        raise typer.Exit(EXIT_ERROR)
    imported = import_dictionary(fmt, file)
    for p in imported.problems:
        typer.echo(p)
    known, titles = write_rules(imported.actors, out)
    n_terms = sum(len(a.terms) for a in imported.actors)
    typer.echo(f"{len(imported.actors)} actors -> {known}, {n_terms} titles -> {titles}", err=True)
    if imported.problems:
        raise typer.Exit(EXIT_ERROR)
