"""Hand-made clusters and registries for the registry tests: clusters are given, so
these tests do not depend on the matcher."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from resolve.pipeline import with_article_dates
from resolve.registry import load_registry
from resolve.registry.continuation import registry_mentions

from ..matching_helpers import mention_record

ARTICLES = pd.DataFrame(
    {"article_id": ["a1", "a2", "a3"], "text": ["", "", ""], "date": ["2013-03-01", "2013-04-01", "2013-05-01"], "title": "", "url": "", "source": ""}
)


def clustered(rows: list[tuple], articles: pd.DataFrame = ARTICLES) -> pd.DataFrame:
    """(article_id, start, text, cluster, anchor_id[, title_normalized, affiliation]) -> clustered
    mentions, dated by their articles as the pipeline dates them."""
    recs = []
    for r in rows:
        aid, start, text, cluster, anchor = r[:5]
        title, aff = (r[5], r[6]) if len(r) > 5 else ("", "")
        recs.append(mention_record(aid, start, text, title, aff, cluster=cluster, anchor_id=anchor))
    return with_article_dates(pd.DataFrame.from_records(recs, columns=list(mention_record("", 0, "", cluster=0, anchor_id=""))), articles)


def previous(tmp: Path, registry: str, titles: str | None = None, redirects: str | None = None):
    d = tmp / "prev"
    d.mkdir(exist_ok=True)
    (d / "registry.csv").write_text(registry, encoding="utf-8")
    if titles is not None:
        (d / "titles.csv").write_text(titles, encoding="utf-8")
    if redirects is not None:
        (d / "redirects.csv").write_text(redirects, encoding="utf-8")
    return load_registry(d)


def with_pseudo(prev, rows: list[tuple], pseudo_cluster: dict[str, int], articles: pd.DataFrame = ARTICLES) -> pd.DataFrame:
    """New rows plus the registry's pseudo-mentions, clustered as `pseudo_cluster` says (entity -> label)."""
    pseudo = registry_mentions(prev)
    pseudo["cluster"] = [pseudo_cluster[a] for a in pseudo["anchor_id"]]
    new = clustered(rows, articles)
    return pd.concat([new, pseudo], ignore_index=True) if len(new) else pseudo


HEADER = "entity_id,name,aliases,titles,affiliations,n_mentions,n_articles,first_seen,last_seen,article_ids,auto_name,alias_counts\n"

PREV = (
    HEADER
    + "E-old,Thomas Donilon,Donilon|Thomas Donilon,National Security Adviser,United States,3,2,2013-01-05,2013-02-01,x1|x2,Thomas Donilon,Donilon=2|Thomas Donilon=1\n"
    + "E-new,Tom Donilon,Tom Donilon,,,1,1,2013-02-10,2013-02-10,x3,Tom Donilon,Tom Donilon=1\n"
    + "E-hagel,Chuck Hagel,Chuck Hagel,,,1,1,2013-01-01,2013-01-01,x1,Chuck Hagel,Chuck Hagel=1\n"
)
PREV_TITLES = (
    "entity_id,title_normalized,affiliation,first_seen,last_seen,n_mentions,article_ids\n"
    "E-old,National Security Adviser,United States,2013-01-05,2013-02-01,2,x1|x2\n"
)
