"""Evidence: what matching knows of every mention counted so far, kept beside the registry.

A registry's entities alone (names, aliases, titles) are a context-free stand-in for
the people it knows: a chained run compared against them decides differently from one
run over all the articles.  So every run also writes, beside registry.csv:

- `evidence` (evidence.csv): one row per mention counted so far (`schema.EVIDENCE_COLUMNS`):
  where it was, the article's date, the title and affiliation stated with it, and the
  entity it belongs to;
- `articles` (articles.csv): every article counted so far with the SHA-1 of its text
  (`schema.ARTICLES_SEEN_COLUMNS`).

`--registry` replays the evidence (`replay_rows`): each row becomes the mention it
stands for, in its own article, anchored to its entity.  The matcher then sees the
earlier articles as it saw them -- per-article structure, co-mentioned people, dates,
titles -- and a new mention meets a known person exactly as in one run over everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pandas as pd

from ..columns import string_categorical
from ..io.problem import Problem
from ..schema import ARTICLES_SEEN_COLUMNS, EVIDENCE_COLUMNS

#: A changed article's new version is processed under its id plus this and the version number ("a1#v2").
VERSION_MARK = "#v"


def text_sha1(text: str) -> str:
    """Content hash of an article text ("" when there is no text, as for `resolve link`)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest() if text else ""


def evidence_table(rows: pd.DataFrame, carried: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evidence of `rows` (clustered rows with `entity_id`: this batch's mentions and the
    replayed ones), plus the `carried` rows as they are; sorted by article and offsets."""
    out = rows.reindex(columns=EVIDENCE_COLUMNS)
    for col in ("title_normalized", "affiliation", "date"):
        out[col] = _text(out[col])
    if carried is not None and len(carried):
        out = pd.concat([out, carried[EVIDENCE_COLUMNS]], ignore_index=True)
    for col in ("start", "end"):  # column by column: the others are not copied
        out[col] = out[col].astype("int64")
    return out.sort_values(["article_id", "start", "end", "text"], kind="stable").reset_index(drop=True)


def _text(s: pd.Series) -> pd.Series:
    """`s` with "" for a missing value, as strings.  A categorical over strings that holds ""
    stays one (a run's columns are: `registry.tables._fillable`), so a million rows are
    not turned into objects; it is written as its values all the same."""
    if string_categorical(s) and "" in s.cat.categories:
        return s.fillna("")
    return s.fillna("").astype(str)


def replay_rows(evidence: pd.DataFrame) -> pd.DataFrame:
    """The mentions that evidence rows stand for, in their articles, anchored (soft) to their
    entities and flagged `pseudo` (never output)."""
    return evidence.assign(
        title=evidence["title_normalized"],
        honorific="",
        cue="registry",
        confidence=1.0,
        anchor_id=evidence["entity_id"],
        soft_anchor=True,
        pseudo=True,
    ).drop(columns=["entity_id"])


def articles_table(previous: pd.DataFrame | None, batch: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """The articles counted so far: the previous ones, and this batch's with its text hash and mention count."""
    counts = mentions["article_id"].value_counts() if len(mentions) else pd.Series(dtype="int64")
    # A streamed batch (resolve.io.inputs.spool) gives the hashes, not the texts.
    if "sha1" in batch.columns:
        hashes = batch["sha1"].tolist()
    else:
        texts = batch["text"] if "text" in batch.columns else [""] * len(batch)
        hashes = [text_sha1(t if isinstance(t, str) else "") for t in texts]
    dates = batch["date"] if "date" in batch.columns else pd.Series([""] * len(batch), index=batch.index)
    mine = pd.DataFrame(
        {
            "article_id": batch["article_id"].astype(str),
            "sha1": hashes,
            "date": dates.fillna("").astype(str),
            "n_mentions": [int(counts.get(a, 0)) for a in batch["article_id"]],
        },
        columns=ARTICLES_SEEN_COLUMNS,
    )
    if previous is not None and len(previous):
        mine = pd.concat([previous[~previous["article_id"].isin(set(mine["article_id"]))], mine], ignore_index=True)
    return mine.sort_values("article_id", kind="stable").reset_index(drop=True)


def version_articles(articles: pd.DataFrame, seen: dict[str, str]) -> tuple[pd.DataFrame, list[Problem]]:
    """Articles whose id was counted before with a different text get a version id ("ID#v2").

    `seen`: article id -> SHA-1 of the text counted under it (a previous registry's
    articles.csv).  See `version_ids`.
    """
    if not seen or not len(articles) or "text" not in articles.columns:
        return articles, []
    ids, problems = version_ids(articles["article_id"], [text_sha1(t) for t in articles["text"]], articles["source"], seen)
    return articles.assign(article_id=ids), problems


def version_ids(ids: Iterable[str], hashes: Iterable[str], sources: Iterable[str], seen: dict[str, str]) -> tuple[list[str], list[Problem]]:
    """Each article's id, a version id ("ID#v2") for one counted before (in `seen`) with a
    different text hash.  The same changed text always gets the same version id (the one
    whose hash it has, else the next free number), so re-running it changes nothing; each
    such article gives one warning (at its source)."""
    out, problems = [], []
    for aid, h, source in zip(ids, hashes, sources):
        known = seen.get(aid)
        if known is None or not known or not h or known == h:
            out.append(aid)
            continue
        n = 2
        while seen.get(f"{aid}{VERSION_MARK}{n}") not in (None, h):
            n += 1
        new = f"{aid}{VERSION_MARK}{n}"
        out.append(new)
        problems.append(Problem(source, f"article id '{aid}' was counted before with a different text; processed as a new version '{new}'"))
    return out, problems
