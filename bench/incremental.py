"""One go versus two batches chained with --registry, on the ECB+ dev set.

Extracts mentions once, then resolves them (a) in one go and (b) in two batches (articles
alternately, or first/second half with --split half), the second continuing the first's
registry.  Prints timings and how many clusters agree.  docs/output.md quotes the result.

    python bench/incremental.py [--split alternate|half] [--data DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from resolve import extract_mentions, load_rules, read_articles, resolve_mentions
from resolve.io.tables import write_tables

from corpora import require  # bench/corpora.py

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ecbplus-dev" / "articles"


def partition(tables: list[dict]) -> set[frozenset]:
    groups: dict[str, set] = defaultdict(set)
    for t in tables:
        for mid, eid in zip(t["mentions"]["mention_id"], t["mentions"]["entity_id"]):
            groups[eid].add(mid)
    return {frozenset(g) for g in groups.values()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("alternate", "half"), default="alternate")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    require(args.data, what="articles")
    rules = load_rules()
    arts, _ = read_articles([str(args.data)])
    t0 = time.perf_counter()
    mentions = extract_mentions(arts, rules)
    print(f"{len(arts)} articles, {len(mentions)} mentions (extraction {time.perf_counter() - t0:.1f}s)")
    ids = sorted(arts["article_id"])
    first = set(ids[0::2]) if args.split == "alternate" else set(ids[: len(ids) // 2])
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        whole = resolve_mentions(mentions, arts, rules)
        print(f"one go:          {time.perf_counter() - t0:.2f}s")
        parts, prev = [], None
        for i, keep in enumerate((True, False)):
            sel_a, sel_m = arts["article_id"].isin(first) == keep, mentions["article_id"].isin(first) == keep
            t0 = time.perf_counter()
            tables = resolve_mentions(mentions[sel_m], arts[sel_a], rules, registry=prev)
            print(f"batch {i + 1}{' (+registry)' if prev else '            '}: {time.perf_counter() - t0:.2f}s, {int(sel_a.sum())} articles")
            prev = Path(tmp) / f"b{i}"
            write_tables(tables, prev)
            parts.append(tables)
    a, b = partition([whole]), partition(parts)
    differing = sum(len(c) for c in a - b)
    print(f"clusters: one go {len(a)}, two batches {len(b)}, identical {len(a & b)}")
    print(f"mentions in one-go clusters not reproduced: {differing} of {len(mentions)} ({differing / max(1, len(mentions)):.1%})")
    print(f"registry rows: one go {len(whole['registry'])}, after two batches {len(parts[-1]['registry'])}")


if __name__ == "__main__":
    main()
