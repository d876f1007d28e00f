"""One go versus chained batches (--registry): how far do the clusterings agree?

Extracts the mentions of a corpus once, then resolves them (a) in one go and (b) in N
consecutive batches of articles (in article-id order), each continuing the previous
batch's registry as `resolve run BATCH -o reg --registry reg` would.  The same
extracted mentions go into both, so only matching and the registry are compared.
Agreement is B-cubed over all mentions, the one-go clustering taken as the reference.
Corpora: the ECB+ dev set and a synthetic corpus of bench/generate.py (10,000 articles
by default).  docs/output.md quotes the table.

    python bench/incremental.py [--corpus ecbplus synthetic] [--batches 2 10] [--articles 10000] [--data DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from resolve import extract_mentions, load_rules, read_articles, resolve_mentions
from resolve.evaluate import b_cubed
from resolve.io.tables import write_tables

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
from corpora import require  # noqa: E402  (bench/corpora.py)

ECBPLUS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ecbplus-dev" / "articles"


def chained(mentions: pd.DataFrame, articles: pd.DataFrame, rules, n_batches: int, workdir: Path) -> pd.DataFrame:
    """The mentions tables of `n_batches` consecutive batches, each run continuing the previous
    registry, with entity IDs followed through the last run's redirects (as a downstream join would)."""
    ids = sorted(articles["article_id"])
    size = -(-len(ids) // n_batches)
    out, prev = [], None
    for i in range(n_batches):
        part = set(ids[i * size : (i + 1) * size])
        tables = resolve_mentions(mentions[mentions["article_id"].isin(part)], articles[articles["article_id"].isin(part)], rules, registry=prev)
        prev = workdir / f"batch{i}"
        write_tables(tables, prev)
        out.append(tables["mentions"])
    live = dict(zip(tables["redirects"]["old_id"], tables["redirects"]["new_id"]))
    chain = pd.concat(out, ignore_index=True)
    return chain.assign(entity_id=[live.get(e, e) for e in chain["entity_id"]])


def agreement(one_go: pd.DataFrame, chain: pd.DataFrame) -> tuple[float, float, float, int]:
    """B-cubed (P, R, F1) of the chained clustering against the one-go one, and the one-go clusters not reproduced."""
    ref = dict(zip(one_go["mention_id"], one_go["entity_id"]))
    got = dict(zip(chain["mention_id"], chain["entity_id"]))
    keys = sorted(ref)
    prf = b_cubed([got[k] for k in keys], [ref[k] for k in keys])
    a = {frozenset(g) for _, g in one_go.groupby("entity_id", observed=True)["mention_id"]}
    b = {frozenset(g) for _, g in chain.groupby("entity_id", observed=True)["mention_id"]}
    return prf.precision, prf.recall, prf.f1, len(a - b)


def corpus_articles(name: str, n_articles: int, workdir: Path, ecbplus: Path = ECBPLUS) -> pd.DataFrame:
    if name == "ecbplus":
        return read_articles([str(ecbplus)])[0]
    d = workdir / "synthetic"
    generate.write_corpus(n_articles, d, seed=7)
    return read_articles([str(d / "articles.jsonl")])[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", choices=("ecbplus", "synthetic"), default=["ecbplus", "synthetic"])
    ap.add_argument("--batches", nargs="+", type=int, default=[2, 10])
    ap.add_argument("--articles", type=int, default=10_000, help="articles of the synthetic corpus")
    ap.add_argument("--data", type=Path, default=ECBPLUS, help="the ECB+ dev articles")
    args = ap.parse_args()
    if "ecbplus" in args.corpus:
        require(args.data, what="ECB+ dev articles")
    require(args.data, what="articles")
    rules = load_rules()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.corpus:
            articles = corpus_articles(name, args.articles, Path(tmp), args.data)
            mentions = extract_mentions(articles, rules)
            t0 = time.perf_counter()
            one_go = resolve_mentions(mentions, articles, rules)["mentions"]
            t_one = time.perf_counter() - t0
            for n in args.batches:
                t0 = time.perf_counter()
                chain = chained(mentions, articles, rules, n, Path(tmp) / f"{name}-{n}")
                p, r, f1, differing = agreement(one_go, chain)
                rows.append((name, len(articles), len(mentions), n, p, r, f1, differing, one_go["entity_id"].nunique(), t_one, time.perf_counter() - t0))
    print("| corpus | articles | mentions | batches | B-cubed P | R | F1 | one-go clusters not reproduced | of | one go (s) | chained (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, na, nm, n, p, r, f1, differing, n_clusters, t1, t2 in rows:
        print(f"| {name} | {na} | {nm} | {n} | {p:.4f} | {r:.4f} | {f1:.4f} | {differing} | {n_clusters} | {t1:.1f} | {t2:.1f} |")


if __name__ == "__main__":
    main()
