"""The table source: a mention table made by another extractor (`resolve link`'s input).

A table has columns `article_id, text` and optional `start, end, title, date` (also
`title_normalized, title_status, role_kind, affiliation, honorific, cue, confidence, anchor_id` when the other
extractor has them).  `prepare_mentions` fills what is missing:
- `start`/`end`: from the row order within each article, as if the article were the
  mention texts joined by one space (so `text == article[start:end]` still holds);
- `title_normalized`, `title_status`, `role_kind`, `affiliation`, `honorific`: parsed from `title` with the title rules;
- `date`: the article's first non-empty date on any of its rows ("" when none);
- `cue`: "link"; `confidence`: 1.0.
Rows with an empty `text` are dropped and reported as problems (nothing else is lost).

`TableSource` is the same behind the extractor protocol (`get_extractor("table",
rules, table=df)`): its `extract(articles)` gives the table's mentions of those
articles, so a pipeline run can take its mentions from a table.
"""

from __future__ import annotations

import pandas as pd

from ..rules import Rules
from ..schema import ARTICLE_COLUMNS, MENTION_COLUMNS
from ..titles import parse_title
from .base import Extractor, ExtractorError, OnArticles


class TableSource(Extractor):
    """Option `table`: the mention table (a DataFrame of strings, as read from a CSV).
    `mentions`, `articles` and `problems` are what `prepare_mentions` made of it."""

    name = "table"

    def __init__(self, rules: Rules, *, table: pd.DataFrame | None = None) -> None:
        super().__init__(rules)
        if table is None:
            raise ExtractorError("the table source needs a mention table (table=DataFrame); from the command line: resolve link MENTIONS.csv")
        self.mentions, self.articles, self.problems = prepare_mentions(table, rules)

    def extract(self, articles: pd.DataFrame, on_articles: OnArticles | None = None) -> pd.DataFrame:
        if len(articles) == 0:
            return self.mentions.iloc[:0].reset_index(drop=True)
        wanted = self.mentions["article_id"].isin(set(articles["article_id"]))
        return self.mentions[wanted].sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def prepare_mentions(df: pd.DataFrame, rules: Rules) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """(mentions [MENTION_COLUMNS + date, anchor_id], articles [ARTICLE_COLUMNS], problems)."""
    problems: list[str] = []
    df = _without_empty_rows(df, problems)
    texts = _set_offsets(df, problems)
    for col in ("title", "title_normalized", "title_status", "role_kind", "affiliation", "honorific", "cue", "date", "anchor_id"):
        if col not in df.columns:
            df[col] = ""
    _parse_titles(df, rules)
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


def _without_empty_rows(df: pd.DataFrame, problems: list[str]) -> pd.DataFrame:
    """A copy with stripped article ids and without rows that have no id or no text."""
    df = df.copy()
    df["article_id"] = df["article_id"].astype(str).str.strip()
    df["text"] = df["text"].astype(str)
    empty = (df["text"].str.strip() == "") | (df["article_id"] == "")
    for i in df.index[empty]:
        problems.append(f"row {i + 2}: empty article_id or text; skipped")
    return df[~empty].reset_index(drop=True)


def _set_offsets(df: pd.DataFrame, problems: list[str]) -> dict[str, str]:
    """Integer `start`/`end` in place: as given when every row has them, else from the
    order of rows within each article; then the article texts that order implies."""
    if "start" in df.columns and "end" in df.columns:
        start = pd.to_numeric(df["start"], errors="coerce")
        end = pd.to_numeric(df["end"], errors="coerce")
        bad = start.isna() | end.isna()
        for i in df.index[bad]:
            problems.append(f"article {df.at[i, 'article_id']}: mention '{df.at[i, 'text']}' has no numeric start/end; offsets taken from order")
        if not bad.any():
            df["start"], df["end"] = start.astype(int), end.astype(int)
            return {}
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
    return {a: " ".join(ts) for a, ts in parts.items()}


def _parse_titles(df: pd.DataFrame, rules: Rules) -> None:
    """Titles as written -> normalized title, status, role kind, affiliation, honorific
    (each where not given), in place."""
    need = (df["title"] != "") & (df["title_normalized"] == "")
    if need.any():
        parsed = {t: parse_title(t, rules) for t in pd.unique(df.loc[need, "title"])}
        for col, field in (("title_normalized", "normalized"), ("title_status", "status"), ("role_kind", "role_kind"),
                           ("affiliation", "affiliation"), ("honorific", "honorific")):
            todo = need & (df[col] == "") if col != "title_normalized" else need
            df.loc[todo, col] = [getattr(parsed[t], field) for t in df.loc[todo, "title"]]
