"""Extraction throughput: words per second of an extractor on one core.

    python bench/extract_speed.py [ARTICLES_DIR] [--repeat N] [--extractor NAME] [--spacy-model NAME]

ARTICLES_DIR defaults to ../shared/data/ecbplus-dev/articles.  Reading and rule
loading are not timed; the extractor's rule lookups are warmed up on a few articles
first.  Prints the best of 3 runs, as CPU time (this process only) and wall time.
The target of issue 7 is 200,000 words/s per core on news text (the default
extractor, `rules`: what `resolve.extract_mentions` runs).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from resolve import load_rules, read_articles
from resolve.sources import get_extractor

from corpora import require  # bench/corpora.py

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="?", default=str(HERE.parent.parent / "shared" / "data" / "ecbplus-dev" / "articles"))
    ap.add_argument("--repeat", type=int, default=1, help="concatenate the batch N times (renamed ids) for a bigger run")
    ap.add_argument("--extractor", default="rules", help="extractor name (resolve.sources)")
    ap.add_argument("--spacy-model", default="en_core_web_sm", help="model of --extractor spacy")
    args = ap.parse_args()
    require(Path(args.articles), what="articles")
    articles, _ = read_articles([args.articles])
    if args.repeat > 1:
        articles = pd.concat(
            [articles.assign(article_id=articles["article_id"] + f"#{i}") for i in range(args.repeat)], ignore_index=True
        )
    rules = load_rules()
    extractor = get_extractor(args.extractor, rules, **({"model": args.spacy_model} if args.extractor == "spacy" else {}))
    words = int(articles["text"].str.split().str.len().sum())
    extractor.extract(articles.head(5))
    best_cpu = best_wall = float("inf")
    n = 0
    for _ in range(3):
        c0, w0 = time.process_time(), time.perf_counter()
        n = len(extractor.extract(articles))
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    print(f"{len(articles)} articles, {words:,} words, {n:,} mentions")
    print(f"cpu  {best_cpu:.3f}s  {words / best_cpu:,.0f} words/s")
    print(f"wall {best_wall:.3f}s  {words / best_wall:,.0f} words/s")


if __name__ == "__main__":
    main()
