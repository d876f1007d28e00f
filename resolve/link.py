"""`resolve link`: cluster a mention table from any extractor into the same outputs as `run`.

Input: a CSV (or our own mentions table, in any output format) with columns
`article_id, text` and optional `start, end, title, date` (the same names and aliases
as `resolve evaluate`: `doc_id`, `name_start`/`name_end`; see `resolve.io.columns`) (also `title_normalized,
affiliation, honorific, confidence, anchor_id` when the extractor has them).  Missing optional columns are filled:
- `start`/`end`: from the row order within each article, as if the article were the
  mention texts joined by one space (so `text == article[start:end]` still holds);
- `title_normalized`, `affiliation`, `honorific`: parsed from `title` with the title rules;
- `date`: the article's first non-empty date on any of its rows ("" when none);
- `confidence`: 1.0.
Rows with an empty `text` are dropped and reported as problems (nothing else is lost).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import InputError
from .incremental import PreviousRegistry, load_registry
from .io.columns import canonical_columns
from .io.formats import DEFAULT_FORMAT, get_format
from .io.manifest import check_outdir
from .io.problem import OnProblem, Problem, Problems
from .io.tables import read_output, write_tables
from .pipeline import Result, resolve_mentions
from .rules import Rules, load_rules
from .schema import ARTICLE_COLUMNS, MENTION_COLUMNS, require_columns
from .titles import parse_title

REQUIRED = ("article_id", "text")


def read_mention_table(path: str | Path) -> pd.DataFrame:
    """Read a mention table (CSV from any extractor, or our own mentions in any format)
    through `read_output`, with the column names of `resolve.io.columns`; raises
    InputError when unusable."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give the mention table's file")
    df = canonical_columns(read_output(path))
    require_columns(df, REQUIRED, str(path), hint=f"need {', '.join(REQUIRED)} and optionally start, end, title, date")
    return df


def prepare_mentions(df: pd.DataFrame, rules: Rules) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """(mentions [MENTION_COLUMNS + date, anchor_id], articles [ARTICLE_COLUMNS], problems)."""
    problems: list[str] = []
    df = df.copy()
    df["article_id"] = df["article_id"].astype(str).str.strip()
    df["text"] = df["text"].astype(str)
    empty = (df["text"].str.strip() == "") | (df["article_id"] == "")
    for i in df.index[empty]:
        problems.append(f"row {i + 2}: empty article_id or text; skipped")
    df = df[~empty].reset_index(drop=True)
    has_offsets = "start" in df.columns and "end" in df.columns
    if has_offsets:
        start = pd.to_numeric(df["start"], errors="coerce")
        end = pd.to_numeric(df["end"], errors="coerce")
        bad = start.isna() | end.isna()
        for i in df.index[bad]:
            problems.append(f"article {df.at[i, 'article_id']}: mention '{df.at[i, 'text']}' has no numeric start/end; offsets taken from order")
        has_offsets = not bad.any()
    texts: dict[str, str] = {}
    if not has_offsets:
        # Offsets from the order of rows within each article (texts joined by one space).
        starts, ends, pos = [], [], {}
        parts: dict[str, list[str]] = {}
        for a, t in zip(df["article_id"], df["text"]):
            s = pos.get(a, 0)
            starts.append(s)
            ends.append(s + len(t))
            pos[a] = s + len(t) + 1
            parts.setdefault(a, []).append(t)
        df["start"], df["end"] = starts, ends
        texts = {a: " ".join(ts) for a, ts in parts.items()}
    else:
        df["start"], df["end"] = start.astype(int), end.astype(int)
    for col in ("title", "title_normalized", "affiliation", "honorific", "cue", "date", "anchor_id"):
        if col not in df.columns:
            df[col] = ""
    # Titles as written -> normalized title, affiliation, honorific (where not given).
    need = (df["title"] != "") & (df["title_normalized"] == "")
    if need.any():
        parsed = {t: parse_title(t, rules) for t in pd.unique(df.loc[need, "title"])}
        df.loc[need, "title_normalized"] = [parsed[t][0] for t in df.loc[need, "title"]]
        no_aff = need & (df["affiliation"] == "")
        df.loc[no_aff, "affiliation"] = [parsed[t][1] for t in df.loc[no_aff, "title"]]
        no_hon = need & (df["honorific"] == "")
        df.loc[no_hon, "honorific"] = [parsed[t][2] for t in df.loc[no_hon, "title"]]
    df["cue"] = df["cue"].replace("", "link")
    df["confidence"] = pd.to_numeric(df["confidence"], errors="coerce").fillna(1.0) if "confidence" in df.columns else 1.0
    # One date per article: the first non-empty one given on its rows.
    dated = df[df["date"] != ""]
    art_date = dated.groupby("article_id", sort=False)["date"].first().to_dict() if len(dated) else {}
    df["date"] = [art_date.get(a, "") for a in df["article_id"]]
    ids = sorted(set(df["article_id"]))
    articles = pd.DataFrame(
        {
            "article_id": ids,
            "text": [texts.get(a, "") for a in ids],
            "date": [art_date.get(a, "") for a in ids],
            "title": "",
            "url": "",
            "source": "link",
        },
        columns=ARTICLE_COLUMNS,
    )
    extra = [c for c in df.columns if c not in MENTION_COLUMNS]
    return df[MENTION_COLUMNS + extra], articles, problems


def link(
    mentions_csv: str | Path,
    outdir: str | Path | None = None,
    *,
    rules: Rules | None = None,
    format: str = DEFAULT_FORMAT,
    safe_csv: bool = True,
    force: bool = False,
    registry: str | Path | PreviousRegistry | None = None,
    run_date: str | None = None,
    on_problem: OnProblem | None = None,
) -> Result:
    """Cluster the mentions in `mentions_csv`; write the tables of `run` to `outdir`.

    `format`, `safe_csv`, `force`, `registry`, `run_date` and `on_problem` work as for
    `run` (the registry is read fully before writing).  Rows that cannot be used are
    returned as problems, each where = the mention table.
    """
    get_format(format).check_available()
    if outdir is not None:
        check_outdir(outdir, force=force)
    rules = rules if rules is not None else load_rules()
    previous = load_registry(registry) if isinstance(registry, (str, Path)) else registry
    raw = read_mention_table(mentions_csv)
    mentions, articles, messages = prepare_mentions(raw, rules)
    problems = Problems(on_problem)
    problems.extend(Problem(str(mentions_csv), m) for m in messages)
    if mentions.empty:
        raise InputError(f"{mentions_csv}: no mention with an article_id and a text; nothing written", problems)
    tables = resolve_mentions(mentions, articles, rules, registry=previous, run_date=run_date)
    outputs = write_tables(tables, Path(outdir), format=format, safe=safe_csv, force=force) if outdir is not None else []
    return Result(tables, list(problems), len(articles), outputs)
