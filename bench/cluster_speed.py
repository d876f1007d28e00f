"""Time the matching engine (names, units, stages) on a synthetic mention table.

    python bench/cluster_speed.py [--mentions 1000000] [--articles 100000] [--persons 40000]

Builds articles that each introduce a few people by full name and then refer to them
by surname (sometimes by a nickname or a misspelled surname; a share of articles use
surnames only, which the cross-article short-name stage must resolve), like news text, with
given names and surnames from the US census lists (`names` package).  Prints the time
of `cluster_with_links` (which parses each distinct name form once, then clusters) and
the number of distinct name forms; nothing is asserted (speed is a benchmark, not a test).
"""

from __future__ import annotations

import argparse
import os
import random
import time

import names as census_names
import pandas as pd

from resolve import load_rules
from resolve.match import cluster_with_links


def _census(fname: str, n: int) -> list[str]:
    path = os.path.join(os.path.dirname(census_names.__file__), fname)
    with open(path, encoding="ascii") as fh:
        return [line.split()[0].title() for line in fh if line.strip()][:n]


def synthetic(n_mentions: int, n_articles: int, n_persons: int, seed: int = 7, surname_only: float = 0.2) -> pd.DataFrame:
    rnd = random.Random(seed)
    given = _census("dist.male.first", 1200) + _census("dist.female.first", 2500)
    last = _census("dist.all.last", 60000)
    persons = [(rnd.choice(given), rnd.choice(last[: rnd.choice([200, 5000, 60000])])) for _ in range(n_persons)]
    nick = {"William": "Bill", "Robert": "Bob", "James": "Jim", "Thomas": "Tom", "Charles": "Chuck", "Richard": "Dick"}
    per_article = max(1, n_mentions // n_articles)
    rows = []
    for a in range(n_articles):
        art = f"a{a:06d}"
        people = [persons[int(n_persons * rnd.random() ** 3)] for _ in range(max(1, per_article // 3))]
        pos = 0
        short = rnd.random() < surname_only  # an article that never gives the full names
        for k in range(per_article):
            g, s = people[k % len(people)]
            if k < len(people) and not short:
                text = f"{nick.get(g, g) if rnd.random() < 0.1 else g} {s}"
            elif rnd.random() < 0.02 and len(s) > 5:
                text = s[:-1]  # a misspelling
            else:
                text = s
            rows.append((art, pos, pos + len(text), text))
            pos += len(text) + 20
    df = pd.DataFrame(rows, columns=["article_id", "start", "end", "text"])
    for col in ("title", "title_normalized", "affiliation", "honorific", "cue", "date"):
        df[col] = ""
    df["confidence"] = 1.0
    return df


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--persons", type=int, default=40_000)
    ap.add_argument("--surname-only", type=float, default=0.2, help="share of articles that name people by surname only")
    args = ap.parse_args()
    rules = load_rules()
    df = synthetic(args.mentions, args.articles, args.persons, surname_only=args.surname_only)
    print(f"{len(df)} mentions, {df['article_id'].nunique()} articles, {df['text'].nunique()} distinct name forms")
    t0, c0 = time.perf_counter(), time.process_time()
    clustered, links = cluster_with_links(df, rules)
    t1, c1 = time.perf_counter(), time.process_time()
    # CPU time is the figure to compare across machines; wall time depends on the load.
    print(f"match {t1 - t0:.1f}s wall / {c1 - c0:.1f}s CPU")
    print(f"{clustered['cluster'].nunique()} clusters, {len(links)} link rows")


if __name__ == "__main__":
    main()
