"""The table source (resolve.sources.table): a mention table behind the extractor protocol."""

from __future__ import annotations

import pandas as pd
import pytest

from resolve.pipeline import run
from resolve.io.inputs import read_articles
from resolve.schema import MENTION_COLUMNS
from resolve.sources import ExtractorError, get_extractor
from resolve.sources.table import TableSource, prepare_mentions

from ..conftest import SEEDS


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["b", "a", "a", "c"],
            "text": ["Marta Olsen", "Olsen", "Marta Olsen", " "],
            "title": ["", "", "Foreign Minister", ""],
        }
    )


def test_prepare_fills_offsets_titles_and_reports_empty_rows(rules):
    mentions, articles, problems = prepare_mentions(table(), rules)
    assert list(mentions.columns[: len(MENTION_COLUMNS)]) == MENTION_COLUMNS
    a = mentions[mentions["article_id"] == "a"]
    assert list(zip(a["start"], a["end"])) == [(0, 5), (6, 17)]
    assert a["title_normalized"].iloc[1] == "Minister of Foreign Affairs"
    assert dict(zip(articles["article_id"], articles["text"])) == {"a": "Olsen Marta Olsen", "b": "Marta Olsen"}
    assert problems == ["row 5: empty article_id or text; skipped"]


def test_extract_gives_the_mentions_of_the_articles_asked_for(rules):
    source = get_extractor("table", rules, table=table())
    assert isinstance(source, TableSource) and not source.uses_batch_evidence
    got = source.extract(source.articles[source.articles["article_id"] == "a"])
    assert list(got["text"]) == ["Olsen", "Marta Olsen"]
    assert source.extract(source.articles.iloc[:0]).empty


def test_without_a_table_the_error_says_where_tables_go(rules):
    with pytest.raises(ExtractorError, match="resolve link"):
        get_extractor("table", rules)


def test_a_run_can_take_its_mentions_from_a_table(rules):
    articles, _ = read_articles([str(SEEDS)])
    aid = articles["article_id"].iloc[0]
    text = articles["text"].iloc[0]
    start = text.index("Hagel")
    rows = pd.DataFrame({"article_id": [aid], "text": ["Hagel"], "start": [str(start)], "end": [str(start + 5)]})
    result = run([str(SEEDS)], None, rules=rules, extractor=TableSource(rules, table=rows))
    m = result.tables["mentions"]
    assert list(zip(m["article_id"], m["start"], m["text"])) == [(aid, start, "Hagel")]
    assert m["date"].iloc[0] == articles["date"].iloc[0]  # the article's own date
